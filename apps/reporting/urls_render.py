"""Reporting URLs: rendering jobs, the report's files and their downloads (included by
apps/reporting/urls.py)."""

from __future__ import annotations

from django.urls import path

from apps.reporting.views import render

urlpatterns = [
    path("<uuid:code>/render/", render.render_start, name="render_start"),
    path("<uuid:code>/files/", render.report_files, name="report_files"),
    path("<uuid:code>/issued.pdf", render.issued_pdf, name="issued_pdf"),
    path("files/<uuid:code>/", render.report_file_download, name="report_file_download"),
]
