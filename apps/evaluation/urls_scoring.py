"""Evaluation URLs: the scoring worksheet and the quality review (included by
apps/evaluation/urls.py)."""

from __future__ import annotations

from django.urls import path

from apps.evaluation.views import scoring

urlpatterns: list = [
    path("e/<uuid:code>/worksheet/", scoring.worksheet, name="worksheet"),
    path("e/<uuid:code>/review/", scoring.evaluation_review, name="evaluation_review"),
    path("e/<uuid:code>/finalise/", scoring.evaluation_finalise, name="evaluation_finalise"),
    path("e/<uuid:code>/return/", scoring.evaluation_return, name="evaluation_return"),
    path("e/<uuid:code>/reopen/", scoring.evaluation_reopen, name="evaluation_reopen"),
    path("a/<uuid:code>/score/", scoring.answer_score, name="answer_score"),
    path("a/<uuid:code>/accept/", scoring.answer_accept, name="answer_accept"),
    path("a/<uuid:code>/history/", scoring.answer_history, name="answer_history"),
]
