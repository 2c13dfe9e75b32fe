"""REST API of the measurement app (realisations, their workflow, evidence, budget realisation)."""

from __future__ import annotations

from rest_framework.routers import BaseRouter


def register(router: BaseRouter) -> None:
    """Add the measurement viewsets to the v1 router."""
