"""Permission cases of the measurement budget pages (collected by permissions.py)."""

from __future__ import annotations

CASES: list = []
