"""Read pages cached under the Pemda's data revision.

A page's content block (base.html wraps `{% block content %}` in `{% pagecache %}`) is kept in
Django's cache when the view puts a `PageCache` in the context as `page_cache`. The key holds
everything the block may depend on besides the Pemda's data: the full path (object, year,
quarter, filters), the user (role, scope, teams), the language, today's date (default periods,
deadlines) and what the view adds in `vary`; and the Pemda's data revision
(apps.core.revisions), which every audited change raises in its own transaction. The view
reads the revision first, before any data of the page (the scope check included): a page is
then never older than its key's revision. A change of
the data therefore changes the key: nothing is ever served stale, there is nothing to
invalidate, and an entry nobody asks for again expires after PAGE_TIMEOUT.

The views pass their expensive context lazily (`lazy`): a cached page never computes it. The
rest of the page (menu, messages, notifications) is rendered for each request, and CSRF tokens
inside the block are stored as a placeholder and filled in with the request's own token.
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from django.utils.functional import SimpleLazyObject, empty
from django.utils.translation import get_language

from apps.core import revisions

# Ten minutes: long enough to serve the readers of a quiet Pemda, short enough that a deploy's
# changed templates are seen soon (deployment.md: clearing CACHE_DIR makes it immediate).
PAGE_TIMEOUT = 600
# Stands for the CSRF token inside a cached block (letters only: HTML escaping leaves it alone).
CSRF_PLACEHOLDER = "SakipCsrfTokenPlaceholderQ7xV2k"


@dataclass
class PageCache:
    parts: list[str]
    revision: int
    # The view may decide while computing that the result must not be kept (e.g. figures that
    # are older than the revision, see measurement.dashboards.pemda_dashboard_cached).
    store: bool = True

    def vary(self, *values: Any) -> None:
        """Add what else the block depends on (e.g. whether the entry window is open now)."""
        self.parts.extend(str(v) for v in values)

    @property
    def key(self) -> str:
        return "sakip:page:" + hashlib.sha256("\x1f".join(self.parts).encode()).hexdigest()


def page_cache(request: HttpRequest) -> PageCache | None:
    """The cache entry of this request's page, or None for requests rendered afresh: anything
    but GET/HEAD (a form re-shown with its errors) and users of no Pemda. The first thing a view
    calls: it reads the revision, which must come before any of the page's data (module doc)."""
    pemda_id = getattr(request.user, "pemda_id", None)
    if request.method not in ("GET", "HEAD") or pemda_id is None:
        return None
    revision = revisions.current(pemda_id)
    parts = [
        request.get_full_path(),
        str(request.user.pk),
        get_language() or "",
        timezone.localdate().isoformat(),
        str(pemda_id),
        str(revision),
    ]
    return PageCache(parts=parts, revision=revision)


class Lazy(SimpleLazyObject):
    """A value computed when first used, then remembered. The template engine calls it (Django
    calls callables while resolving variables) and gets the value itself, as json_script needs;
    other code (tests reading response.context) uses it as the value through the proxy."""

    def __call__(self) -> Any:
        if self._wrapped is empty:
            self._setup()
        return self._wrapped


def lazy(compute: Callable[[], Any]) -> Lazy:
    """A context value computed the first time the page reads it: a page served from the cache
    never computes it."""
    return Lazy(compute)


def lazy_context(compute: Callable[[], dict[str, Any]], *names: str) -> dict[str, Lazy]:
    """Several context values from one computation, run when the page first reads any of them
    (see `lazy`)."""
    built = lazy(compute)
    return {name: Lazy(functools.partial(lambda n: built()[n], name)) for name in names}
