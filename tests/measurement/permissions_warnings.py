"""Permission cases of the measurement warnings pages (collected by permissions.py)."""

from __future__ import annotations

CASES: list = []
