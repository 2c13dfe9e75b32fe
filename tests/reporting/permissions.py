"""Permission cases of every reporting URL, gathered from one file per part."""

from __future__ import annotations

from tests.reporting import (
    permissions_api,
    permissions_forms,
    permissions_portal,
    permissions_publish,
    permissions_render,
    permissions_reports,
)

CASES = [
    *permissions_reports.CASES,
    *permissions_render.CASES,
    *permissions_forms.CASES,
    *permissions_publish.CASES,
    *permissions_portal.CASES,
    *permissions_api.CASES,
]
