"""The domain activity log: who did what to which object, with dotted action names.

Actions are named `sakip.<object>.<verb>`; `ACTION_LABELS` turns them into sentences for the log
page. Row history (django-simple-history) keeps the field values; this log keeps the meaning.
"""

from __future__ import annotations

from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _

from apps.core import revisions
from apps.core.models import ActivityLog

ACTION_LABELS: dict[str, Any] = {
    "sakip.unit.created": _("created the unit"),
    "sakip.unit.changed": _("changed the unit"),
    "sakip.unit.moved": _("moved the unit"),
    "sakip.unit.deactivated": _("deactivated the unit"),
    "sakip.position.created": _("created the position"),
    "sakip.position.changed": _("changed the position"),
    "sakip.person.created": _("added the person"),
    "sakip.person.changed": _("changed the person"),
    "sakip.assignment.created": _("assigned the position"),
    "sakip.assignment.ended": _("ended the assignment"),
    "sakip.user.created": _("created the user"),
    "sakip.user.changed": _("changed the user"),
    "sakip.membership.granted": _("granted the role"),
    "sakip.membership.revoked": _("revoked the role"),
    "sakip.period.created": _("created the plan period"),
    "sakip.window.changed": _("changed the quarter window"),
    "sakip.job.started": _("started the job"),
    "sakip.import.applied": _("applied the import"),
}


def register_actions(labels: dict[str, Any]) -> None:
    """Apps add their own action names and labels at start-up."""
    ACTION_LABELS.update(labels)


def action_label(action: str) -> str:
    return str(ACTION_LABELS.get(action, action))


def log_action(
    *,
    action: str,
    actor,
    obj: models.Model | None = None,
    pemda_id: int,
    unit_id: int | None = None,
    data: dict | None = None,
) -> ActivityLog:
    """Record the change and raise the Pemda's data revision (apps.core.revisions), in the
    caller's transaction."""
    revisions.bump(pemda_id)
    return ActivityLog.objects.create(
        pemda_id=pemda_id,
        unit_id=unit_id,
        actor=actor if actor is not None and actor.is_authenticated else None,
        action=action,
        object_type=obj._meta.label_lower if obj is not None else "",
        object_code=getattr(obj, "code", None),
        object_repr=str(obj)[:300] if obj is not None else "",
        data=data or {},
    )
