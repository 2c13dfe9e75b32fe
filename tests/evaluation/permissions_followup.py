"""Permission cases of the evaluation followup URLs (collected by permissions.py)."""

from __future__ import annotations

CASES: list = []
