"""Permission cases of every evaluation URL, gathered from one file per part."""

from __future__ import annotations

from tests.evaluation import (
    permissions_api,
    permissions_followup,
    permissions_results,
    permissions_rounds,
    permissions_scoring,
    permissions_templates,
)

CASES = [
    *permissions_rounds.CASES,
    *permissions_scoring.CASES,
    *permissions_followup.CASES,
    *permissions_results.CASES,
    *permissions_api.CASES,
    *permissions_templates.CASES,
]
