"""Reporting pages under /reports/ (namespace "reporting"): the LKjIP list and editor with its
reviu workflow, rendering jobs and downloads, the other printable forms, and the publication
pages. Each part keeps its own URL list."""

from __future__ import annotations

from apps.reporting import urls_forms, urls_publish, urls_render, urls_reports

app_name = "reporting"

urlpatterns = [
    *urls_reports.urlpatterns,
    *urls_render.urlpatterns,
    *urls_forms.urlpatterns,
    *urls_publish.urlpatterns,
]
