"""Permission cases of the measurement API (collected by permissions.py)."""

from __future__ import annotations

CASES: list = []
