"""Measurement pages, one module per part: entry (realisations, evidence, verification), budget
(budget realisation, imports, windows, settings), dashboards, warnings (early warning)."""
