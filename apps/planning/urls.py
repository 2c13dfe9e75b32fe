"""Nomenclature pages under /planning/ (namespace "planning")."""

from __future__ import annotations

from django.urls import path

from apps.planning import views

app_name = "planning"

urlpatterns = [
    path("", views.nomenclature_list, name="nomenclature_list"),
    path("decrees/", views.decree_list, name="decree_list"),
    path("import/", views.nomenclature_import, name="nomenclature_import"),
]
