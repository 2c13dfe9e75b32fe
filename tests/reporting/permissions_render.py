"""Permission cases of the reporting render URLs (collected by permissions.py)."""

from __future__ import annotations

CASES: list = []
