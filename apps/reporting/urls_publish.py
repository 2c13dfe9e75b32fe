"""Reporting URLs: publication management (included by apps/reporting/urls.py)."""

from __future__ import annotations

from django.urls import path

from apps.reporting.views import publish

urlpatterns = [
    path("publications/", publish.publication_list, name="publication_list"),
    path("publications/publish/", publish.publish, name="publish"),
    path("publications/<uuid:code>/withdraw/", publish.withdraw, name="withdraw"),
]
