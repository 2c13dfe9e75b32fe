"""REST API of the evaluation app."""

from __future__ import annotations

from rest_framework.routers import BaseRouter


def register(router: BaseRouter) -> None:
    """Add the evaluation viewsets to the v1 router."""
