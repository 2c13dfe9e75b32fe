"""Workflow machinery: named states, allowed transitions, who may act, a recorded event per step.

An app declares a `Workflow` for one model (its `status` field) and calls `workflow.apply(...)`
from its services. Every step is checked (state, actor, note), saved with optimistic concurrency,
written to WorkflowEvent and the activity log.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import models, transaction
from django.utils.translation import gettext as _

from apps.core.activity import log_action
from apps.core.concurrency import save_versioned
from apps.core.models import WorkflowEvent

Actor = Callable[[Any, models.Model], bool]


class WorkflowError(Exception):
    """A transition that the object's state or the input does not allow."""


@dataclass(frozen=True)
class Transition:
    name: str
    label: Any
    sources: frozenset[str]
    target: str
    may_act: Actor
    requires_note: bool = False


class Workflow:
    def __init__(
        self,
        *,
        action_prefix: str,
        states: dict[str, Any],
        transitions: Iterable[Transition],
        field: str = "status",
        unit_of: Callable[[models.Model], Any] | None = None,
    ):
        self.action_prefix = action_prefix
        self.states = states
        self.field = field
        self.transitions = {t.name: t for t in transitions}
        self.unit_of = unit_of
        for t in self.transitions.values():
            unknown = (set(t.sources) | {t.target}) - set(states)
            if unknown:
                raise ValueError(f"transition {t.name} names unknown states {unknown}")

    def available(self, obj: models.Model, user) -> list[Transition]:
        state = getattr(obj, self.field)
        return [t for t in self.transitions.values() if state in t.sources and t.may_act(user, obj)]

    def apply(
        self,
        obj: models.Model,
        name: str,
        *,
        user,
        note: str = "",
        expected_version: int | None = None,
    ) -> models.Model:
        try:
            transition = self.transitions[name]
        except KeyError as exc:
            raise WorkflowError(_("Unknown action.")) from exc
        state = getattr(obj, self.field)
        if state not in transition.sources:
            raise WorkflowError(
                _("This action is not possible while the status is “%(state)s”.")
                % {"state": self.states.get(state, state)}
            )
        if not transition.may_act(user, obj):
            raise PermissionDenied
        note = (note or "").strip()
        if transition.requires_note and not note:
            raise WorkflowError(_("Please write a note explaining this action."))
        with transaction.atomic():
            setattr(obj, self.field, transition.target)
            save_versioned(obj, expected_version=expected_version, fields=[self.field])
            WorkflowEvent.objects.create(
                pemda_id=obj.pemda_id,
                object_type=obj._meta.label_lower,
                object_code=obj.code,
                transition=name,
                from_state=state,
                to_state=transition.target,
                actor=user,
                note=note,
            )
            unit = self.unit_of(obj) if self.unit_of else None
            log_action(
                action=f"{self.action_prefix}.{name}",
                actor=user,
                obj=obj,
                pemda_id=obj.pemda_id,
                unit_id=getattr(unit, "pk", None),
                data={"from": state, "to": transition.target, "note": note},
            )
        return obj

    def history(self, obj: models.Model) -> models.QuerySet:
        return WorkflowEvent.objects.filter(
            pemda_id=obj.pemda_id, object_type=obj._meta.label_lower, object_code=obj.code
        ).select_related("actor")
