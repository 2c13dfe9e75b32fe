"""Reporting URLs: the printable forms (included by apps/reporting/urls.py). GET shows the form's
page, POST starts its PDF job."""

from __future__ import annotations

from django.urls import path

from apps.reporting.views import forms

urlpatterns: list = [
    path(
        "forms/measurement/<uuid:opd>/<int:year>/<int:quarter>/",
        forms.form_measurement,
        name="form_measurement",
    ),
    path("forms/cascading/<uuid:code>/<int:year>/", forms.form_cascading, name="form_cascading"),
    path("forms/tree/pemda/<int:year>/", forms.form_tree_pemda, name="form_tree_pemda"),
    path("forms/tree/<uuid:code>/<int:year>/", forms.form_tree, name="form_tree"),
]
