"""REST API of the reporting app."""

from __future__ import annotations

from rest_framework.routers import BaseRouter


def register(router: BaseRouter) -> None:
    """Add the reporting viewsets to the v1 router."""
