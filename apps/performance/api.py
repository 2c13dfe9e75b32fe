"""REST API of the performance app: viewsets registered on the v1 router."""

from __future__ import annotations


def register(router) -> None:
    """Register this app's viewsets (none yet)."""
