"""Permission cases of the evaluation scoring URLs (collected by permissions.py)."""

from __future__ import annotations

CASES: list = []
