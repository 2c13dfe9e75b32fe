"""Evaluation pages, one module per part: rounds (rounds, teams, self-assessment), scoring
(worksheet, quality review), followup (recommendations), results (LHE, ranking)."""
