"""Evaluation pages under /evaluation/ (namespace "evaluation"): rounds and teams,
self-assessment, the scoring worksheet and quality review, results (LHE, ranking), and
recommendations with their follow-up. Each part keeps its own URL list."""

from __future__ import annotations

from apps.evaluation import (
    urls_followup,
    urls_results,
    urls_rounds,
    urls_scoring,
    urls_templates,
)

app_name = "evaluation"

urlpatterns = [
    *urls_rounds.urlpatterns,
    *urls_scoring.urlpatterns,
    *urls_followup.urlpatterns,
    *urls_results.urlpatterns,
    *urls_templates.urlpatterns,
]
