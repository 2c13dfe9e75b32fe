"""Evaluation URLs: results — the round's ranking, its Excel and publication, one evaluation
against last year, and the LHE (included by apps/evaluation/urls.py)."""

from __future__ import annotations

from django.urls import path

from apps.evaluation.views import results

urlpatterns: list = [
    path("rounds/<uuid:code>/results/", results.round_results, name="round_results"),
    path(
        "rounds/<uuid:code>/results.xlsx", results.round_results_excel, name="round_results_excel"
    ),
    path("rounds/<uuid:code>/publish/", results.round_publish, name="round_publish"),
    path("e/<uuid:code>/comparison/", results.evaluation_comparison, name="evaluation_comparison"),
    path("e/<uuid:code>/lhe/", results.lhe_start, name="lhe_start"),
    path("e/<uuid:code>/lhe.pdf", results.lhe_download, name="lhe_download"),
]
