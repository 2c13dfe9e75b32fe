"""Evaluation URLs: rounds, teams and the self-assessment (included by apps/evaluation/urls.py)."""

from __future__ import annotations

from django.urls import path

from apps.evaluation.views import rounds as views

urlpatterns = [
    path("", views.round_list, name="round_list"),
    path("rounds/new/", views.round_create, name="round_create"),
    path("rounds/<uuid:code>/", views.round_detail, name="round_detail"),
    path("rounds/<uuid:code>/edit/", views.round_edit, name="round_edit"),
    path("e/<uuid:code>/", views.evaluation_detail, name="evaluation_detail"),
    path("e/<uuid:code>/team/", views.team_assign, name="team_assign"),
    path("e/<uuid:code>/move/", views.evaluation_move, name="evaluation_move"),
    path("e/<uuid:code>/self/", views.self_assessment, name="self_assessment"),
    path("e/<uuid:code>/self/submit/", views.self_submit, name="self_submit"),
    path("team/<uuid:code>/remove/", views.team_remove, name="team_remove"),
    path("a/<uuid:code>/self/", views.answer_self, name="answer_self"),
    path("a/<uuid:code>/evidence/", views.evidence_add, name="evidence_add"),
    path("a/<uuid:code>/link/", views.evidence_link, name="evidence_link"),
    path("evidence/<uuid:code>/", views.evidence_download, name="evidence_download"),
    path("evidence/<uuid:code>/remove/", views.evidence_remove, name="evidence_remove"),
]
