"""Permission cases of the reporting forms URLs (collected by permissions.py)."""

from __future__ import annotations

CASES: list = []
