"""Perjanjian Kinerja pages under /pk/ (namespace "agreements")."""

app_name = "agreements"

urlpatterns: list = []
