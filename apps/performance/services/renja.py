"""Renja: an OPD's plan for one year, built from its Renstra (DOMAIN.md glossary; DESIGN.md
"planning"). The nodes active that year (every tujuan and sasaran, and the programs, kegiatan and
sub kegiatan with an indicative budget that year) become Renja lines with their pagu, and the
year's targets become Renja targets. A budget revision (APBD-P) is a new Renja row with the next
revision number; the old one is kept, no longer current."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from apps.core.activity import log_action
from apps.core.services import update_versioned
from apps.performance.models import (
    Indicator,
    Node,
    NodeBudget,
    NodeLevel,
    RenjaLine,
    RenjaTarget,
    Target,
)
from apps.performance.services._base import (
    check_year,
    lock_renstra,
    parse_money,
    required_text,
)
from apps.performance.services.indicators import BUDGET_LEVELS, _clean_target
from apps.planning.models import Renja, Renstra

_ALWAYS_ACTIVE = frozenset({NodeLevel.TUJUAN, NodeLevel.SASARAN})


def active_nodes(renstra: Renstra, year: int) -> tuple[list[Node], dict[int, Decimal]]:
    """The Renstra's nodes active in `year` (tree order) and the indicative budget per node.
    A program or kegiatan is active when it or something under it has a budget that year."""
    nodes = list(Node.objects.filter(renstra=renstra).order_by("lft"))
    budgets = dict(
        NodeBudget.objects.filter(node__renstra=renstra, year=year, amount__gt=0).values_list(
            "node_id", "amount"
        )
    )
    parent_of = {node.pk: node.parent_id for node in nodes}
    active: set[int] = set()
    for node_id in budgets:
        current: int | None = node_id
        while current is not None and current not in active:
            active.add(current)
            current = parent_of.get(current)
    chosen = [
        node
        for node in nodes
        if node.node_level in _ALWAYS_ACTIVE
        or (node.node_level in BUDGET_LEVELS and node.pk in active)
    ]
    return chosen, budgets


def _lock_renja(renja: Renja) -> tuple[Renstra, Renja]:
    renstra = lock_renstra(Renstra(pk=renja.renstra_id))
    current = Renja.objects.select_for_update().get(pk=renja.pk)
    return renstra, current


def _ensure_current(renja: Renja) -> None:
    if not renja.is_current:
        raise ValidationError(
            _("This Renja was replaced by a revision; change the current version instead.")
        )


def renja_create(*, actor, renstra: Renstra, year: Any, dpa_number: str = "") -> Renja:
    """The Renja of one year (revision 0, the murni budget), copied from the Renstra."""
    with transaction.atomic():
        locked = lock_renstra(renstra)
        year = check_year(locked, year)
        if Renja.objects.filter(renstra=locked, year=year).exists():
            raise ValidationError(
                {
                    "year": _(
                        "There is already a Renja for %(year)s; revise it for a budget change "
                        "(APBD-P)."
                    )
                    % {"year": year}
                }
            )
        renja = Renja(
            pemda_id=locked.pemda_id,
            renstra=locked,
            year=year,
            revision=0,
            is_current=True,
            dpa_number=(dpa_number or "").strip(),
        )
        renja.full_clean()
        renja.save()
        nodes, budgets = active_nodes(locked, year)
        bulk_create_with_history(
            [
                RenjaLine(
                    pemda_id=locked.pemda_id, renja=renja, node=node, pagu=budgets.get(node.pk)
                )
                for node in nodes
            ],
            RenjaLine,
            batch_size=500,
        )
        node_ids = [node.pk for node in nodes]
        targets = Target.objects.filter(indicator__node_id__in=node_ids, year=year)
        with_target = {t.indicator_id: t for t in targets}
        indicators = Indicator.objects.filter(node_id__in=node_ids).values_list("pk", flat=True)
        bulk_create_with_history(
            [
                RenjaTarget(
                    pemda_id=locked.pemda_id,
                    renja=renja,
                    indicator_id=indicator_id,
                    value=with_target[indicator_id].value if indicator_id in with_target else None,
                    value_max=(
                        with_target[indicator_id].value_max if indicator_id in with_target else None
                    ),
                    text_value=(
                        with_target[indicator_id].text_value if indicator_id in with_target else ""
                    ),
                )
                for indicator_id in indicators
            ],
            RenjaTarget,
            batch_size=500,
        )
        log_action(
            action="sakip.renja.created",
            actor=actor,
            obj=renja,
            pemda_id=renja.pemda_id,
            unit_id=locked.opd_id,
            data={
                "year": year,
                "lines": len(nodes),
                "pagu": str(sum(budgets.values(), Decimal(0))),
            },
        )
    return renja


def renja_update(
    *, actor, renja: Renja, data: dict[str, Any], expected_version: int | None
) -> Renja:
    unexpected = set(data) - {"dpa_number"}
    if unexpected:
        raise ValidationError(
            _("These fields cannot be changed here: %s") % ", ".join(sorted(unexpected))
        )
    with transaction.atomic():
        renstra, current = _lock_renja(renja)
        _ensure_current(current)
        return update_versioned(
            current,
            actor=actor,
            data={"dpa_number": (data.get("dpa_number") or "").strip()},
            expected_version=expected_version,
            action="sakip.renja.changed",
            unit_id=renstra.opd_id,
        )


def renja_set_pagu(*, actor, line: RenjaLine, pagu: Any, expected_version: int | None) -> RenjaLine:
    """The pagu (DPA) of a Renja line; empty clears it."""
    amount = parse_money(pagu, field="pagu")
    with transaction.atomic():
        renstra, renja = _lock_renja(Renja(pk=line.renja_id, renstra_id=_renstra_id(line.renja_id)))
        _ensure_current(renja)
        return update_versioned(
            line,
            actor=actor,
            data={"pagu": amount},
            expected_version=expected_version,
            action="sakip.renja.pagu_changed",
            unit_id=renstra.opd_id,
        )


def renja_set_target(
    *,
    actor,
    renja_target: RenjaTarget,
    value: Any,
    value_max: Any = None,
    expected_version: int | None,
) -> RenjaTarget:
    """Adjust the year's target of an indicator in the Renja (fields: value, value_max)."""
    with transaction.atomic():
        renstra, renja = _lock_renja(
            Renja(pk=renja_target.renja_id, renstra_id=_renstra_id(renja_target.renja_id))
        )
        _ensure_current(renja)
        indicator = Indicator.objects.select_related("scale").get(pk=renja_target.indicator_id)
        values = _clean_target(
            renstra, indicator, value, value_max, field="value", field_max="value_max"
        ) or {"value": None, "value_max": None, "text_value": ""}
        return update_versioned(
            renja_target,
            actor=actor,
            data=values,
            expected_version=expected_version,
            action="sakip.renja.target_changed",
            unit_id=renstra.opd_id,
        )


def renja_revise(*, actor, renja: Renja, note: str, dpa_number: str | None = None) -> Renja:
    """A budget revision (APBD-P): a new Renja row (revision + 1) copying the lines and targets;
    the previous one is kept, no longer current. The reason is required."""
    note = required_text(
        note, field="note", message=_("Write the reason for the revision (e.g. APBD-P).")
    )
    with transaction.atomic():
        renstra, current = _lock_renja(renja)
        _ensure_current(current)
        last = Renja.objects.filter(renstra=renstra, year=current.year).aggregate(
            m=Max("revision")
        )["m"]
        current.is_current = False
        current.save(update_fields=["is_current", "updated_at"])
        new = Renja(
            pemda_id=current.pemda_id,
            renstra=renstra,
            year=current.year,
            revision=(last or 0) + 1,
            is_current=True,
            note=note,
            dpa_number=current.dpa_number if dpa_number is None else dpa_number.strip(),
        )
        new.full_clean()
        new.save()
        bulk_create_with_history(
            [
                RenjaLine(pemda_id=new.pemda_id, renja=new, node_id=line.node_id, pagu=line.pagu)
                for line in RenjaLine.objects.filter(renja=current).order_by("id")
            ],
            RenjaLine,
            batch_size=500,
        )
        bulk_create_with_history(
            [
                RenjaTarget(
                    pemda_id=new.pemda_id,
                    renja=new,
                    indicator_id=t.indicator_id,
                    value=t.value,
                    value_max=t.value_max,
                    text_value=t.text_value,
                )
                for t in RenjaTarget.objects.filter(renja=current).order_by("id")
            ],
            RenjaTarget,
            batch_size=500,
        )
        log_action(
            action="sakip.renja.revised",
            actor=actor,
            obj=new,
            pemda_id=new.pemda_id,
            unit_id=renstra.opd_id,
            data={"year": new.year, "revision": new.revision, "note": note},
        )
    return new


def _renstra_id(renja_id: int) -> int:
    return Renja.objects.filter(pk=renja_id).values_list("renstra_id", flat=True)[0]


def renja_totals(renja: Renja) -> dict[str, Decimal]:
    """Pagu per node level (sub kegiatan carry the DPA)."""
    totals: dict[str, Decimal] = defaultdict(Decimal)
    for level, pagu in RenjaLine.objects.filter(renja=renja, pagu__isnull=False).values_list(
        "node__node_level", "pagu"
    ):
        totals[level] += pagu
    return dict(totals)
