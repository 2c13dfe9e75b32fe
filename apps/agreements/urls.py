"""Perjanjian Kinerja pages under /pk/ (namespace "agreements")."""

from __future__ import annotations

from django.urls import path

from apps.agreements import views

app_name = "agreements"

urlpatterns = [
    path("", views.pk_list, name="pk_list"),
    path("generate/", views.generate, name="generate"),
    path("coverage/", views.coverage, name="coverage"),
    path("export/", views.export_start, name="export"),
    path("<uuid:code>/", views.pk_detail, name="pk_detail"),
    path("<uuid:code>/pdf/", views.pk_pdf, name="pk_pdf"),
    path("<uuid:code>/revise/", views.revise, name="revise"),
    path("<uuid:code>/<slug:action>/", views.pk_transition, name="transition"),
    path("lines/<uuid:code>/", views.line_edit, name="line_edit"),
    path("lines/<uuid:code>/rencana-aksi/", views.action_plan, name="action_plan"),
]
