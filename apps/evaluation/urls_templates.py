"""Evaluation URLs: the LKE templates (included by apps/evaluation/urls.py)."""

from __future__ import annotations

from django.urls import path

from apps.evaluation.views import templates as views

urlpatterns = [
    path("templates/", views.template_list, name="template_list"),
    path("templates/install/", views.template_install, name="template_install"),
    path("templates/import/", views.template_import, name="template_import"),
    path("templates/<uuid:code>/", views.template_detail, name="template_detail"),
    path("templates/<uuid:code>/export/", views.template_export, name="template_export"),
    path("templates/<uuid:code>/clone/", views.template_clone, name="template_clone"),
    path("templates/<uuid:code>/default/", views.template_default, name="template_default"),
    path("templates/components/<uuid:code>/edit/", views.component_edit, name="component_edit"),
    path(
        "templates/sub-components/<uuid:code>/edit/",
        views.sub_component_edit,
        name="sub_component_edit",
    ),
    path(
        "templates/sub-components/<uuid:code>/criteria/new/",
        views.criterion_add,
        name="criterion_add",
    ),
    path("templates/criteria/<uuid:code>/remove/", views.criterion_remove, name="criterion_remove"),
    path("templates/criteria/<uuid:code>/edit/", views.criterion_edit, name="criterion_edit"),
]
