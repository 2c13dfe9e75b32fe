"""Navigation by role: what the signed-in user can open from the menu. Apps add their entries
through apps.core.registry.register_nav (core never imports them)."""

from __future__ import annotations

from django.conf import settings
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.translation import gettext_lazy as _

from apps.core import registry
from apps.organisations.access import PEMDA_MANAGERS, get_scope


def _has_grant(scope) -> bool:
    return bool(scope.grants)


def _is_admin(scope) -> bool:
    return scope.pemda_wide(PEMDA_MANAGERS)


registry.register_nav(registry.NavEntry(_("Dashboard"), "core:dashboard", lambda s: True, 0))
registry.register_nav(registry.NavEntry(_("Inbox"), "core:inbox", lambda s: True, 1))
registry.register_nav(
    registry.NavEntry(_("Organisation"), "organisations:unit_tree", _has_grant, 60)
)
registry.register_nav(
    registry.NavEntry(_("Positions"), "organisations:position_list", _has_grant, 61)
)
registry.register_nav(
    registry.NavEntry(_("Plan periods"), "organisations:period_list", _has_grant, 62)
)
registry.register_nav(registry.NavEntry(_("People"), "organisations:person_list", _is_admin, 63))
registry.register_nav(registry.NavEntry(_("Users"), "organisations:user_list", _is_admin, 64))
registry.register_nav(registry.NavEntry(_("Activity log"), "core:activity", _has_grant, 90))


# Menu URLs reversed once per URLconf and script prefix: they depend on the code, not on data.
_urls: dict[tuple[str, str, str], str] = {}


def _url(name: str) -> str:
    key = (str(get_urlconf() or settings.ROOT_URLCONF), get_script_prefix(), name)
    url = _urls.get(key)
    if url is None:
        url = _urls[key] = reverse(name)
    return url


def navigation(request) -> dict:
    """The menu, the scope and the Pemda's name for the header (read with the scope: no query
    of its own unless the user holds no grant)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_items": [], "scope": None, "nav_pemda_name": ""}
    scope = get_scope(user)
    items = []
    for entry in registry.nav_entries():
        if entry.visible(scope):
            url = _url(entry.url_name)
            items.append({"label": entry.label, "url": url, "active": url == request.path})

    def pemda_name() -> str:  # called by the template only when it shows the header
        if scope.pemda_name:
            return scope.pemda_name
        return user.pemda.name if user.pemda_id else ""

    return {"nav_items": items, "scope": scope, "nav_pemda_name": pemda_name}
