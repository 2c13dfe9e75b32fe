"""Permission cases of the reporting publish URLs (collected by permissions.py)."""

from __future__ import annotations

CASES: list = []
