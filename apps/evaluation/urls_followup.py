"""Evaluation URLs: data checks, readiness, recommendations and follow-up (included by
apps/evaluation/urls.py)."""

from __future__ import annotations

from django.urls import path

from apps.evaluation.views import followup, readiness

urlpatterns: list = [
    path("readiness/", readiness.readiness, name="readiness"),
    path("rounds/<uuid:code>/propose/", readiness.propose, name="propose"),
    path("recommendations/", followup.recommendations, name="recommendations"),
    path(
        "recommendations/<uuid:code>/", followup.recommendation_detail, name="recommendation_detail"
    ),
    path(
        "recommendations/<uuid:code>/edit/",
        followup.recommendation_edit,
        name="recommendation_edit",
    ),
    path(
        "recommendations/<uuid:code>/status/",
        followup.recommendation_status,
        name="recommendation_status",
    ),
    path("recommendations/<uuid:code>/follow-up/", followup.followup_add, name="followup_add"),
    path("follow-up/<uuid:code>/file/", followup.followup_file, name="followup_file"),
    path(
        "e/<uuid:code>/recommendations/add/", followup.recommendation_add, name="recommendation_add"
    ),
]
