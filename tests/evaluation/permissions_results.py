"""Permission cases of the evaluation results URLs (collected by permissions.py)."""

from __future__ import annotations

CASES: list = []
