"""Extension points filled by the apps at start-up, so that core never imports an app to its
right: inbox providers (what waits for a user) and dashboard panels."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class InboxItem:
    """One thing waiting for the user: what, why, where to act, since when."""

    title: str
    reason: str
    url: str
    since: Any = None
    category: str = ""


InboxProvider = Callable[[Any], list[InboxItem]]
_inbox_providers: list[InboxProvider] = []


def register_inbox_provider(provider: InboxProvider) -> None:
    if provider not in _inbox_providers:
        _inbox_providers.append(provider)


def inbox_for(user) -> list[InboxItem]:
    items: list[InboxItem] = []
    for provider in _inbox_providers:
        items.extend(provider(user))
    return items
