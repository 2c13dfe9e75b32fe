"""The planning documents that anchor the trees: the RPJMD (with its visi root) and each OPD's
Renstra (with its OPD root). Created here, with their root node, in one transaction
(docs/decisions/0005)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from apps.core.activity import log_action
from apps.core.services import update_versioned
from apps.organisations.models import OrgUnit, PlanPeriod, UnitType
from apps.performance.models import Node, NodeLevel
from apps.performance.services._base import lock_new_root, lock_rpjmd
from apps.planning.models import Renstra, Rpjmd


def rpjmd_create(*, actor, period: PlanPeriod, visi: str, regulation: str = "") -> Rpjmd:
    """The Pemda's RPJMD for a plan period, with the visi as the root of its tree. One RPJMD per
    period (Permendagri 86/2017)."""
    visi = (visi or "").strip()
    if not visi:
        raise ValidationError({"visi": _("Write the visi of the RPJMD.")})
    with transaction.atomic():
        lock_new_root()
        if Rpjmd.objects.filter(period=period).exists():
            raise ValidationError({"period": _("This plan period already has an RPJMD.")})
        rpjmd = Rpjmd(pemda_id=period.pemda_id, period=period, visi=visi, regulation=regulation)
        rpjmd.full_clean()
        rpjmd.save()
        root = Node(
            pemda_id=period.pemda_id,
            rpjmd=rpjmd,
            node_level=NodeLevel.VISI,
            statement=visi,
            sort_order=0,  # roots stay at 0: django-mptt then appends a new tree, never shifts
        )
        root.save()
        log_action(
            action="sakip.rpjmd.created",
            actor=actor,
            obj=rpjmd,
            pemda_id=rpjmd.pemda_id,
            unit_id=rpjmd.pemda_id,
        )
    return rpjmd


def rpjmd_update(
    *, actor, rpjmd: Rpjmd, data: dict[str, Any], expected_version: int | None
) -> Rpjmd:
    """Change the visi or the Perda number. The visi root node follows the visi."""
    allowed = {"visi", "regulation"}
    unexpected = set(data) - allowed
    if unexpected:
        raise ValidationError(_("These fields cannot be changed here: %s") % ", ".join(unexpected))
    if "visi" in data and not (data["visi"] or "").strip():
        raise ValidationError({"visi": _("Write the visi of the RPJMD.")})
    with transaction.atomic():
        lock_rpjmd(rpjmd)
        update_versioned(
            rpjmd,
            actor=actor,
            data=data,
            expected_version=expected_version,
            action="sakip.rpjmd.changed",
            unit_id=rpjmd.pemda_id,
        )
        if "visi" in data:
            root = Node.objects.get(rpjmd=rpjmd, parent=None)
            if root.statement != rpjmd.visi:
                root.statement = rpjmd.visi
                root.version += 1
                root.save(update_fields=["statement", "version", "updated_at"])
    return rpjmd


def renstra_create(*, actor, period: PlanPeriod, opd: OrgUnit) -> Renstra:
    """An OPD's Renstra for a plan period, with the OPD as the root of its tree. One per OPD and
    period."""
    if opd.unit_type != UnitType.OPD:
        raise ValidationError({"opd": _("A Renstra belongs to an OPD.")})
    if opd.pemda_id != period.pemda_id:
        raise ValidationError({"opd": _("The OPD and the plan period belong to different Pemda.")})
    with transaction.atomic():
        lock_new_root()
        if Renstra.objects.filter(period=period, opd=opd).exists():
            raise ValidationError(
                {"opd": _("%(opd)s already has a Renstra for this period.") % {"opd": opd.name}}
            )
        renstra = Renstra(pemda_id=opd.pemda_id, period=period, opd=opd)
        renstra.full_clean()
        renstra.save()
        root = Node(
            pemda_id=opd.pemda_id,
            renstra=renstra,
            node_level=NodeLevel.OPD,
            statement=opd.name,
            opd=opd,
            owner_unit=opd,
            sort_order=0,
        )
        root.save()
        log_action(
            action="sakip.renstra.created",
            actor=actor,
            obj=renstra,
            pemda_id=renstra.pemda_id,
            unit_id=opd.pk,
        )
    return renstra
