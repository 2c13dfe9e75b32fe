"""Measurement URLs: warnings pages (included by apps/measurement/urls.py)."""

from __future__ import annotations

from django.urls import path

from apps.measurement.views import warnings

urlpatterns: list = [
    path("warnings/", warnings.at_risk, name="warnings"),
    path("late/", warnings.late, name="late"),
    path("late/excel/", warnings.late_excel, name="late_excel"),
]
