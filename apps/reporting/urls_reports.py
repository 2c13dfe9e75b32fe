"""Reporting URLs: the LKjIP list, the report page with its editor, reviu and workflow (included
by apps/reporting/urls.py)."""

from __future__ import annotations

from django.urls import path, re_path

from apps.reporting.views import reports

# The workflow steps, named so that "/reports/<code>/<step>/" never shadows other parts' URLs.
STEPS = "submit|return|complete_reviu|reopen|publish"
UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"

urlpatterns = [
    path("", reports.report_list, name="report_list"),
    path("create/", reports.report_create, name="report_create"),
    path("<uuid:code>/", reports.report_detail, name="report_detail"),
    path("<uuid:code>/sections/", reports.section_edit, name="section_edit"),
    path("<uuid:code>/comments/", reports.comment_add, name="comment_add"),
    path("<uuid:code>/reviu-statement/", reports.reviu_statement, name="reviu_statement"),
    path("comments/<uuid:code>/resolve/", reports.comment_resolve, name="comment_resolve"),
    re_path(
        rf"^(?P<code>{UUID})/(?P<action>{STEPS})/$",
        reports.report_transition,
        name="report_transition",
    ),
]
