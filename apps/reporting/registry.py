"""Menu entries, inbox items and activity labels of reporting (registered in
ReportingConfig.ready)."""

from __future__ import annotations
