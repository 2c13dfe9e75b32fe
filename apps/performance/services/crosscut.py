"""Crosscutting (DOMAIN.md glossary): a statement of one OPD contributes to a statement of
another OPD of the same Pemda and period. The link belongs to the source OPD, which creates and
removes it; the target OPD sees it read-only in its own tree."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from apps.core.activity import log_action
from apps.core.services import update_versioned
from apps.organisations.access import OPD_WRITERS, get_scope
from apps.performance.models import Crosscut, Node
from apps.performance.services._base import ensure_open, lock_renstra
from apps.planning.models import Renstra


def _check_source_writer(actor, source: Node) -> None:
    if actor is None:
        return
    opd = source.renstra.opd if source.renstra_id else None
    if opd is None or not get_scope(actor).covers(opd, OPD_WRITERS):
        raise PermissionDenied


def crosscut_create(*, actor, source: Node, target: Node, note: str = "") -> Crosscut:
    """`source` (a statement of the actor's OPD) supports `target` (a statement of another OPD
    of the same Pemda and plan period)."""
    if source.renstra_id is None or target.renstra_id is None:
        raise ValidationError({"target": _("Crosscutting links join statements of OPD Renstra.")})
    if source.parent_id is None or target.parent_id is None:
        raise ValidationError({"target": _("Choose a statement, not the OPD itself.")})
    _check_source_writer(actor, source)
    with transaction.atomic():
        renstra = lock_renstra(Renstra(pk=source.renstra_id))
        ensure_open(renstra)
        target_renstra = Renstra.objects.select_related("opd").get(pk=target.renstra_id)
        if target_renstra.pemda_id != renstra.pemda_id:
            raise ValidationError({"target": _("Choose a statement of an OPD of this Pemda.")})
        if target_renstra.opd_id == renstra.opd_id:
            raise ValidationError(
                {
                    "target": _(
                        "Both statements belong to %(opd)s: place the statement in the tree "
                        "instead of linking it."
                    )
                    % {"opd": renstra.opd.name}
                }
            )
        if target_renstra.period_id != renstra.period_id:
            raise ValidationError(
                {"target": _("Choose a statement of a Renstra of the same plan period.")}
            )
        if Crosscut.objects.filter(source=source, target=target).exists():
            raise ValidationError({"target": _("This link exists already.")})
        crosscut = Crosscut(
            pemda_id=renstra.pemda_id, source=source, target=target, note=(note or "").strip()
        )
        crosscut.full_clean()
        crosscut.save()
        log_action(
            action="sakip.crosscut.created",
            actor=actor,
            obj=crosscut,
            pemda_id=crosscut.pemda_id,
            unit_id=renstra.opd_id,
            data={"target_opd": target_renstra.opd.name, "note": crosscut.note},
        )
    return crosscut


def crosscut_update(
    *, actor, crosscut: Crosscut, data: dict[str, Any], expected_version: int | None
) -> Crosscut:
    unexpected = set(data) - {"note"}
    if unexpected:
        raise ValidationError(
            _("These fields cannot be changed here: %s") % ", ".join(sorted(unexpected))
        )
    source = Node.objects.select_related("renstra__opd").get(pk=crosscut.source_id)
    _check_source_writer(actor, source)
    with transaction.atomic():
        renstra = lock_renstra(Renstra(pk=source.renstra_id))
        ensure_open(renstra)
        return update_versioned(
            crosscut,
            actor=actor,
            data={"note": (data.get("note") or "").strip()},
            expected_version=expected_version,
            action="sakip.crosscut.changed",
            unit_id=renstra.opd_id,
        )


def crosscut_delete(*, actor, crosscut: Crosscut) -> None:
    source = Node.objects.select_related("renstra__opd").get(pk=crosscut.source_id)
    _check_source_writer(actor, source)
    with transaction.atomic():
        renstra = lock_renstra(Renstra(pk=source.renstra_id))
        ensure_open(renstra)
        log_action(
            action="sakip.crosscut.deleted",
            actor=actor,
            obj=crosscut,
            pemda_id=crosscut.pemda_id,
            unit_id=renstra.opd_id,
        )
        crosscut.delete()
