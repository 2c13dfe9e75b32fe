"""What every write to the performance tree shares: the anchor lock, the state guard, the plan
period's years, and reading numbers as people type them.

Locking (DESIGN.md "The tree"; docs/decisions/0001): a tree's anchor is its Renstra or RPJMD
row. Every write locks it with SELECT ... FOR UPDATE inside the transaction before it reads the
tree, then re-reads the nodes it works on, so that left/right values are never computed from a
copy another writer has already changed. On SQLite the write transaction itself is exclusive
(BEGIN IMMEDIATE), which serialises writers the same way.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from apps.core.numbers import parse_decimal, parse_money  # noqa: F401 (re-exported)
from apps.performance.models import Node
from apps.planning.models import DocumentStatus, Renstra, Rpjmd

Anchor = Renstra | Rpjmd


def lock_renstra(renstra: Renstra) -> Renstra:
    """Lock and re-read a Renstra (the anchor of its OPD's tree)."""
    return Renstra.objects.select_for_update().select_related("opd", "period").get(pk=renstra.pk)


def lock_rpjmd(rpjmd: Rpjmd) -> Rpjmd:
    return Rpjmd.objects.select_for_update().select_related("period").get(pk=rpjmd.pk)


def lock_anchor_of(node: Node) -> Anchor:
    """Lock the anchor of the tree `node` belongs to."""
    if node.renstra_id is not None:
        return lock_renstra(Renstra(pk=node.renstra_id))
    return lock_rpjmd(Rpjmd(pk=node.rpjmd_id))


def lock_new_root() -> None:
    """Serialise the creation of new trees: django-mptt gives a new root max(tree_id) + 1, so
    two concurrent root inserts could get the same tree id. Locking the root with the highest
    tree id makes the second writer wait and then read the first one's tree."""
    list(
        Node.objects.filter(parent=None)
        .order_by("-tree_id")
        .select_for_update()
        .values_list("pk", flat=True)[:1]
    )


def fresh(node: Node) -> Node:
    """The node as stored now (call after the anchor is locked)."""
    return Node.objects.select_related(
        "renstra__opd", "renstra__period", "rpjmd__period", "nomenclature"
    ).get(pk=node.pk)


def ensure_open(anchor: Anchor) -> None:
    """States lock data (DESIGN.md): a Renstra under review or approved refuses every change to
    its tree, indicators, targets and budgets; changes go through a revision."""
    if isinstance(anchor, Renstra):
        if anchor.status == DocumentStatus.SUBMITTED:
            raise ValidationError(
                _(
                    "This Renstra has been submitted for review and cannot be changed until "
                    "Bappeda returns it."
                )
            )
        if anchor.status == DocumentStatus.APPROVED:
            raise ValidationError(
                _(
                    "This Renstra is approved and locked. Start a revision to change it; the "
                    "approved version is kept."
                )
            )


def period_of(anchor: Anchor):
    return anchor.period


def unit_id_of(anchor: Anchor) -> int:
    """The unit an activity-log entry belongs to (so that the log is scoped like the tree): the
    OPD for a Renstra, the Pemda root for the RPJMD."""
    if isinstance(anchor, Renstra):
        return anchor.opd_id
    return anchor.pemda_id


def was_approved(anchor: Anchor) -> bool:
    """True once the Renstra has been approved (now or in an earlier revision)."""
    if not isinstance(anchor, Renstra):
        return False
    return (
        anchor.status == DocumentStatus.APPROVED or anchor.revision > 0 or anchor.versions.exists()
    )


def check_year(anchor: Anchor, year: Any, *, field: str = "year") -> int:
    period = period_of(anchor)
    try:
        year = int(year)
    except (TypeError, ValueError) as exc:
        raise ValidationError({field: _("Enter a year.")}) from exc
    if year not in period.years:
        raise ValidationError(
            {
                field: _("The year %(year)s is outside the plan period %(start)s–%(end)s.")
                % {"year": year, "start": period.start_year, "end": period.end_year}
            }
        )
    return year


def required_text(value: Any, *, field: str, message: str | None = None) -> str:
    text = (value or "").strip() if isinstance(value, str) else str(value or "").strip()
    if not text:
        raise ValidationError({field: message or _("This field is required.")})
    return text


def actor_or_none(actor):
    """Row foreign keys to a user (created_by, dismissed_by): only real signed-in users."""
    return actor if actor is not None and getattr(actor, "is_authenticated", False) else None
