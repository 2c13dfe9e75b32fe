"""Readiness before a round (issue 7, point 6): for each OPD and the Pemda, what the data
already implies — cascading depth, PK coverage and the depth it reaches, Rencana Aksi, last
year's internal evaluation, use of the application — and the highest grade those support by
DOMAIN.md's depth rule: "AA measures down to every individual, A to pengawas, BB to
administrator with an IT-based system, B to JPT/unit level".

The facts come from `apps.evaluation.prefill.load_facts` (a constant number of queries); the
grade rule is the pure function `implied_grade`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from apps.evaluation.access import ROUND_MANAGERS
from apps.evaluation.prefill import DEPTHS, Facts, load_facts
from apps.organisations.access import OPD_WRITERS, get_scope
from apps.organisations.models import Role
from apps.performance.models import NodeLevel

# Who sees every row (an OPD's writers see their own OPD's row).
SEE_ALL = ROUND_MANAGERS | {Role.BAPPEDA, Role.VIEWER}


@dataclass(frozen=True)
class ImpliedGrade:
    grade: str  # "AA", "A", "BB", "B", or "CC" (below B: the data supports no more)
    reasons: tuple[str, ...]


def _depth_label(depth: str) -> str:
    return {
        "jpt": _("JPT / unit level"),
        "administrator": _("administrator"),
        "pengawas": _("pengawas"),
        "staff": _("every individual"),
        "": _("none"),
    }[depth]


def implied_grade(pk_depth: str, quarters_entered: int, quarters_due: int) -> ImpliedGrade:
    """The highest grade supported: the PK depth reached by every position (DEPTHS) and whether
    measurement runs in the application (every quarter due has realisations entered: the
    "IT-based system" that BB and above require)."""
    it_based = quarters_due > 0 and quarters_entered >= quarters_due
    reasons = [
        _("PK signed by every position down to: %(depth)s.") % {"depth": _depth_label(pk_depth)}
    ]
    if it_based:
        reasons.append(
            _("Realisations entered in the application in every quarter due (%(n)s).")
            % {"n": quarters_due}
        )
    else:
        reasons.append(
            _("Realisations entered in the application in %(done)s of %(due)s quarters due.")
            % {"done": quarters_entered, "due": quarters_due}
        )
    rank = DEPTHS.index(pk_depth) if pk_depth in DEPTHS else -1
    if rank < 0:
        reasons.append(_("No level is fully covered by signed PKs: below B."))
        return ImpliedGrade("CC", tuple(reasons))
    if not it_based or rank == 0:
        if rank > 0:
            reasons.append(_("Without measurement in the application the data supports B."))
        return ImpliedGrade("B", tuple(reasons))
    return ImpliedGrade({1: "BB", 2: "A", 3: "AA"}[rank], tuple(reasons))


@dataclass
class ReadinessRow:
    facts: Facts
    grade: ImpliedGrade

    @property
    def name(self) -> str:
        return self.facts.name

    @property
    def node_depth_label(self) -> str:
        depth = self.facts.node_depth
        return str(NodeLevel(depth).label) if depth else "—"

    @property
    def pk_coverage(self) -> Decimal | None:
        done, total = self.facts.coverage(DEPTHS)
        return _pct(done, total)

    @property
    def pk_signed(self) -> tuple[int, int]:
        return self.facts.coverage(DEPTHS)

    @property
    def pk_depth_label(self) -> str:
        return _depth_label(self.facts.pk_depth)

    @property
    def rencana_aksi(self) -> Decimal | None:
        return _pct(self.facts.pk_lines_planned, self.facts.pk_lines)

    @property
    def evaluated_last_year(self) -> bool:
        f = self.facts
        return f.evaluated_last_year >= f.opds > 0

    @property
    def app_use(self) -> Decimal | None:
        return _pct(self.facts.quarters_entered, len(self.facts.quarters_due))


def _pct(part: int, whole: int) -> Decimal | None:
    if whole <= 0:
        return None
    return (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.1"))


def may_see_readiness(user) -> bool:
    scope = get_scope(user)
    return scope.pemda_wide(SEE_ALL) or scope.has_role(*OPD_WRITERS)


def readiness(*, user, year: int, today: dt.date | None = None) -> list[ReadinessRow]:
    """The rows the user may see: every OPD and the Pemda (managers, Bappeda, the admin and the
    leadership), or the user's own OPDs (their writers). PermissionDenied otherwise."""
    scope = get_scope(user)
    if scope.pemda_id is None or not may_see_readiness(user):
        raise PermissionDenied
    facts = load_facts(pemda_id=scope.pemda_id, year=year, today=today)
    see_all = scope.pemda_wide(SEE_ALL)
    rows = []
    for key, f in facts.items():
        if key is None:
            continue
        if see_all or scope.covers(f.opd, OPD_WRITERS):
            rows.append(f)
    if see_all:
        rows.append(facts[None])
    return [
        ReadinessRow(f, implied_grade(f.pk_depth, f.quarters_entered, len(f.quarters_due)))
        for f in rows
    ]
