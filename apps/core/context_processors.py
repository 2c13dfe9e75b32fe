"""Navigation by role: what the signed-in user can open from the menu. Apps add their entries
through apps.core.registry.register_nav (core never imports them)."""

from __future__ import annotations

from django.urls import reverse
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


def navigation(request) -> dict:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_items": [], "scope": None}
    scope = get_scope(user)
    items = [
        {"label": entry.label, "url": reverse(entry.url_name)}
        for entry in registry.nav_entries()
        if entry.visible(scope)
    ]
    return {"nav_items": items, "scope": scope}
