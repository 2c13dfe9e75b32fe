"""Measurement URLs: the Excel import of realisations, budget realisation, entry windows and
settings (included by apps/measurement/urls.py)."""

from __future__ import annotations

from django.urls import path

from apps.measurement.views import budget

urlpatterns = [
    path(
        "<uuid:opd>/<int:year>/<int:quarter>/excel/",
        budget.import_template,
        name="import_template",
    ),
    path(
        "<uuid:opd>/<int:year>/<int:quarter>/import/",
        budget.import_upload,
        name="import_upload",
    ),
    path("budget/<uuid:opd>/<int:year>/", budget.budget, name="budget"),
    path("budget/<uuid:opd>/<int:year>/excel/", budget.budget_template, name="budget_template"),
    path("budget/<uuid:opd>/<int:year>/import/", budget.budget_import, name="budget_import"),
    path("windows/", budget.windows, name="windows"),
    path("windows/reopen/", budget.window_reopen, name="window_reopen"),
    path("settings/", budget.settings, name="settings"),
]
