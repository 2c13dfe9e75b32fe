"""Measurement URLs: entry pages (included by apps/measurement/urls.py): the overview, the
quarter grid, one realisation with its evidence and workflow, and the verification queue."""

from __future__ import annotations

from django.urls import path

from apps.measurement.views import entry

urlpatterns = [
    path("", entry.home, name="home"),
    path("verify/", entry.verify_queue, name="verify_queue"),
    path("r/<uuid:code>/", entry.realisation, name="realisation"),
    path(
        "r/<uuid:code>/<slug:action>/", entry.realisation_transition, name="realisation_transition"
    ),
    path("evidence/<uuid:code>/", entry.evidence_download, name="evidence_download"),
    path("evidence/<uuid:code>/remove/", entry.evidence_remove, name="evidence_remove"),
    path("<uuid:opd>/<int:year>/<int:quarter>/", entry.grid, name="grid"),
]
