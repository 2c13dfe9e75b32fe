"""Navigation by role: what the signed-in user can open from the menu."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from apps.organisations.access import PEMDA_MANAGERS, get_scope


def navigation(request) -> dict:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_items": [], "scope": None}
    scope = get_scope(user)
    items = [
        (_("Dashboard"), reverse("core:dashboard")),
        (_("Inbox"), reverse("core:inbox")),
    ]
    if scope.grants:
        items.append((_("Organisation"), reverse("organisations:unit_tree")))
        items.append((_("Positions"), reverse("organisations:position_list")))
        items.append((_("Plan periods"), reverse("organisations:period_list")))
    if scope.pemda_wide(PEMDA_MANAGERS):
        items.append((_("People"), reverse("organisations:person_list")))
        items.append((_("Users"), reverse("organisations:user_list")))
    if scope.grants:
        items.append((_("Activity log"), reverse("core:activity")))
    return {
        "nav_items": [{"label": label, "url": url} for label, url in items],
        "scope": scope,
    }
