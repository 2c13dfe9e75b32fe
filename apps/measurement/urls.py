"""Measurement pages under /measure/ (namespace "measurement"): entry and verification,
imports, budget and windows, dashboards, early warning. Each part keeps its own URL list."""

from __future__ import annotations

from apps.measurement import urls_budget, urls_dashboards, urls_entry, urls_warnings

app_name = "measurement"

urlpatterns = [
    *urls_entry.urlpatterns,
    *urls_budget.urlpatterns,
    *urls_dashboards.urlpatterns,
    *urls_warnings.urlpatterns,
]
