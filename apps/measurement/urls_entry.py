"""Measurement URLs: entry pages (included by apps/measurement/urls.py)."""

from __future__ import annotations

urlpatterns: list = []
