"""Permission cases of the reporting api URLs (collected by permissions.py)."""

from __future__ import annotations

CASES: list = []
