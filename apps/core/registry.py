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


@dataclass(frozen=True)
class NavEntry:
    """A menu entry an app adds: shown when `visible(scope)` is true."""

    label: Any
    url_name: str
    visible: Callable[[Any], bool]
    order: int = 50


_nav_entries: list[NavEntry] = []


def register_nav(entry: NavEntry) -> None:
    if all(e.url_name != entry.url_name for e in _nav_entries):
        _nav_entries.append(entry)
        _nav_entries.sort(key=lambda e: e.order)


def nav_entries() -> list[NavEntry]:
    return list(_nav_entries)
