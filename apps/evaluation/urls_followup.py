"""Evaluation URLs: followup (included by apps/evaluation/urls.py)."""

from __future__ import annotations

urlpatterns: list = []
