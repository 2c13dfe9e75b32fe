"""Nomenclature pages under /planning/ (namespace "planning")."""

app_name = "planning"

urlpatterns: list = []
