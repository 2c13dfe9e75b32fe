"""Reporting URLs: reports (included by apps/reporting/urls.py)."""

from __future__ import annotations

urlpatterns: list = []
