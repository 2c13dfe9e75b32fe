"""Permission cases of the measurement entry pages (collected by permissions.py)."""

from __future__ import annotations

CASES: list = []
