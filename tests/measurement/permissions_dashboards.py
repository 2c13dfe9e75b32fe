"""Permission cases of the measurement dashboards pages (collected by permissions.py)."""

from __future__ import annotations

CASES: list = []
