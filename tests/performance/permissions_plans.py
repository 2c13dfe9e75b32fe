"""Permission cases of the plan pages (urls_plans.py)."""

from __future__ import annotations

PLAN_CASES: list = []
