"""Permission cases of the evaluation API (collected by permissions.py)."""

from __future__ import annotations

CASES: list = []
