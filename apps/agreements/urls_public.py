"""Public verification of signed documents under /verify/ (namespace "verify"), no login."""

from __future__ import annotations

from django.urls import path

from apps.agreements import views

app_name = "verify"

urlpatterns = [
    path("pk/<str:code>/", views.verify, name="pk"),
]
