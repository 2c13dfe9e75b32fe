"""What the organisation asks of a user: a Pemda admin is told of heads of units with nobody in
the post (a Perjanjian Kinerja needs a holder on both sides)."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from apps.core.registry import InboxItem
from apps.organisations.selectors import vacant_head_positions


def pending_items(user) -> list[InboxItem]:
    return [
        InboxItem(
            title=_("Vacant position: %(title)s") % {"title": position.title},
            reason=_("Nobody holds this head position today; assign a holder or an acting one."),
            url=reverse("organisations:position_edit", args=[position.code]),
            category=_("Organisation"),
        )
        for position in vacant_head_positions(user=user)[:50]
    ]
