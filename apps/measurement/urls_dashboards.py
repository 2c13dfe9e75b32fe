"""Measurement URLs: dashboards pages (included by apps/measurement/urls.py)."""

from __future__ import annotations

from django.urls import path

from apps.measurement.views import dashboards as views

urlpatterns = [
    path("dashboard/", views.pemda_dashboard, name="pemda_dashboard"),
    path("dashboard/<uuid:code>/", views.opd_dashboard, name="opd_dashboard"),
    path(
        "dashboard/<str:kind>/excel/",
        views.dashboard_excel,
        name="dashboard_excel",
    ),
    path("summary/", views.leadership, name="leadership"),
    path("weights/<uuid:code>/", views.weights, name="weights"),
]
