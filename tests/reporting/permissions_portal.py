"""Permission cases of the reporting portal URLs (collected by permissions.py)."""

from __future__ import annotations

CASES: list = []
