"""Permission cases of every measurement URL, gathered from one file per part so that each part
keeps its own list."""

from __future__ import annotations

from tests.measurement import (
    permissions_api,
    permissions_budget,
    permissions_dashboards,
    permissions_entry,
    permissions_warnings,
)

CASES = [
    *permissions_entry.CASES,
    *permissions_budget.CASES,
    *permissions_dashboards.CASES,
    *permissions_warnings.CASES,
    *permissions_api.CASES,
]
