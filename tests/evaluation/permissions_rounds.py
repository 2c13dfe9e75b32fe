"""Permission cases of the evaluation rounds URLs (collected by permissions.py)."""

from __future__ import annotations

CASES: list = []
