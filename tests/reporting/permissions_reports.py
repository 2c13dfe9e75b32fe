"""Permission cases of the reporting reports URLs (collected by permissions.py)."""

from __future__ import annotations

CASES: list = []
