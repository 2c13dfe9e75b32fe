"""The public portal under /portal/ (namespace "portal"): no login; published data only."""

from __future__ import annotations

app_name = "portal"

urlpatterns: list = []
