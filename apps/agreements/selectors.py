"""Reads of the Perjanjian Kinerja, always through the user's scope."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404

from apps.agreements import services
from apps.agreements.models import PerjanjianKinerja, PkLine, PkStatus
from apps.core.models import WorkflowEvent
from apps.organisations.access import PLANNERS, get_scope, get_scoped_object
from apps.organisations.models import OrgUnit, PlanYear, Position, Role, UnitType
from apps.performance.models import Node

COVERAGE_ROLES = frozenset({Role.ADMIN, Role.BAPPEDA, Role.EVALUATOR, Role.EVALUATOR_LEAD})


def _queryset() -> QuerySet[PerjanjianKinerja]:
    return PerjanjianKinerja.objects.select_related("position", "unit", "opd", "superior_position")


def pk_list(
    *, user, year: int | None = None, opd: OrgUnit | None = None, status: str = ""
) -> QuerySet[PerjanjianKinerja]:
    qs = get_scope(user).filter(_queryset())
    if year:
        qs = qs.filter(year=year)
    if opd is not None:
        qs = qs.filter(opd=opd)
    if status:
        qs = qs.filter(status=status)
    return qs.order_by("-year", "unit__tree_id", "unit__lft", "position__title", "-version_number")


def get_pk_for_user(user, code) -> PerjanjianKinerja:
    return get_scoped_object(_queryset(), user, code=code)


def get_rw_pk_for_user(user, code) -> PerjanjianKinerja:
    """Visible (else 404) and editable by the user (else 403)."""
    pk = get_pk_for_user(user, code)
    if not services.may_edit(user, pk):
        raise PermissionDenied
    return pk


def get_approve_pk_for_user(user, code) -> PerjanjianKinerja:
    pk = get_pk_for_user(user, code)
    if not services.may_approve(user, pk):
        raise PermissionDenied
    return pk


def get_rw_line_for_user(user, code) -> PkLine:
    scope = get_scope(user)
    try:
        line = scope.filter(
            PkLine.objects.select_related("pk_doc__position", "pk_doc__opd", "pk_doc__unit"),
            path="pk_doc__unit",
        ).get(code=code)
    except (PkLine.DoesNotExist, ValueError) as exc:
        raise Http404 from exc
    except Exception as exc:  # an invalid UUID
        raise Http404 from exc
    if not services.may_edit(user, line.pk_doc):
        raise PermissionDenied
    return line


# What the detail page shows of the PK's lines, their Rencana Aksi quarters, budget lines and
# other versions (plain rows, or instances with only these fields: a field the page starts
# showing goes here too).
LINE_FIELDS = (
    "id",
    "code",
    "number",
    "statement",
    "indicator_name",
    "is_iku",
    "target",
    "target_text",
    "unit",
    "target_reason",
    "plan_target",
    "plan_target_text",
)
QUARTER_FIELDS = ("target", "target_text", "actions")
BUDGET_FIELDS = ("number", "item_code", "name", "amount")
VERSION_FIELDS = ("id", "code", "version_number", "status", "signed_on", "pdf", "previous_id")


def pk_detail(pk: PerjanjianKinerja) -> dict:
    """Everything the detail page shows, in a fixed number of queries (four). The lines are
    plain rows read with their Rencana Aksi quarters (one LEFT JOIN), each with
    `plan_quarters`: its quarters in order, as plain rows (target, target_text, actions)."""
    lines: dict[int, dict] = {}
    for row in (
        PkLine.objects.filter(pk_doc=pk)
        .order_by("number", "id", "quarters__quarter")
        .values(*LINE_FIELDS, "quarters__id", *(f"quarters__{f}" for f in QUARTER_FIELDS))
    ):
        line = lines.get(row["id"])
        if line is None:
            line = lines[row["id"]] = {f: row[f] for f in LINE_FIELDS}
            line["plan_quarters"] = []
        if row["quarters__id"] is not None:
            line["plan_quarters"].append({f: row[f"quarters__{f}"] for f in QUARTER_FIELDS})
    return {
        "lines": list(lines.values()),
        "budget_lines": list(pk.budget_lines.order_by("number").values(*BUDGET_FIELDS)),
        "versions": list(
            PerjanjianKinerja.objects.filter(
                pemda_id=pk.pemda_id, position_id=pk.position_id, year=pk.year
            )
            .only(*VERSION_FIELDS)
            .order_by("-version_number")
        ),
        "events": list(
            WorkflowEvent.objects.filter(
                pemda_id=pk.pemda_id,
                object_type="agreements.perjanjiankinerja",
                object_code=pk.code,
            )
            .select_related("actor")
            .order_by("created_at")
        ),
    }


def current_signed_pk(position: Position, year: int) -> PerjanjianKinerja | None:
    """The latest signed version of the position's PK for `year` (what measurement uses)."""
    return (
        PerjanjianKinerja.objects.filter(position=position, year=year, status=PkStatus.SIGNED)
        .order_by("-version_number")
        .first()
    )


def pk_by_verification_code(code: str) -> PerjanjianKinerja | None:
    """Public: a signed (or superseded) PK by its printed code; no scope, nothing else shown."""
    code = (code or "").strip().upper()
    if not code or len(code) > 16:
        return None
    return (
        PerjanjianKinerja.objects.filter(verification_code=code)
        .exclude(verification_code="")
        .select_related("pemda", "unit")
        .first()
    )


def may_generate(user, opd: OrgUnit | None) -> bool:
    scope = get_scope(user)
    if scope.pemda_wide(PLANNERS):
        return True
    return opd is not None and scope.covers(opd, {Role.OPD_OPERATOR})


def generate_opd_choices(user) -> QuerySet[OrgUnit]:
    scope = get_scope(user)
    qs = OrgUnit.objects.filter(pemda_id=scope.pemda_id, unit_type=UnitType.OPD, is_active=True)
    if scope.pemda_wide(PLANNERS):
        return qs.order_by("lft")
    return scope.filter(qs, path="", roles={Role.OPD_OPERATOR}).order_by("lft")


# --- coverage ---------------------------------------------------------------------------------

DEPTHS = ["jpt", "administrator", "pengawas", "staff"]
_DEPTH_OF = {
    "jpt": "jpt",
    "administrator": "administrator",
    "pengawas": "pengawas",
    "pelaksana": "staff",
    "fungsional": "staff",
}


@dataclass
class CoverageRow:
    position: Position
    pk: PerjanjianKinerja | None
    late: bool


@dataclass
class OpdCoverage:
    opd: OrgUnit
    rows: list[CoverageRow] = field(default_factory=list)
    depth: str = ""

    @property
    def signed(self) -> int:
        return sum(1 for r in self.rows if r.pk is not None)

    @property
    def late(self) -> int:
        return sum(1 for r in self.rows if r.late)


def may_see_coverage(user) -> bool:
    return get_scope(user).pemda_wide(COVERAGE_ROLES)


def coverage(*, user, year: int, today: dt.date | None = None) -> dict:
    """Per OPD: the positions owning nodes, their signed PK for `year` (or none), late ones
    (signed more than a month after the DPA date, or unsigned past it) and the cascading depth
    reached. Four queries whatever the size."""
    if not may_see_coverage(user):
        raise PermissionDenied
    today = today or dt.date.today()
    scope = get_scope(user)
    pemda_id = scope.pemda_id
    plan_year = (
        PlanYear.objects.filter(pemda_id=pemda_id, year=year)
        .order_by("-period__start_year")
        .first()
    )
    dpa = plan_year.dpa_date if plan_year else None
    due = _add_month(dpa) if dpa else None
    owner_ids = (
        Node.objects.filter(
            pemda_id=pemda_id,
            owner_position__isnull=False,
            renstra__period__start_year__lte=year,
            renstra__period__end_year__gte=year,
        )
        .values("owner_position_id")
        .distinct()
    )
    positions = list(
        Position.objects.filter(pemda_id=pemda_id, pk__in=owner_ids, opd__isnull=False)
        .select_related("opd", "unit")
        .order_by("opd__lft", "unit__lft", "-is_head", "title")
    )
    signed: dict[int, PerjanjianKinerja] = {}
    for pk in PerjanjianKinerja.objects.filter(
        pemda_id=pemda_id, year=year, status=PkStatus.SIGNED
    ).order_by("version_number"):
        signed[pk.position_id] = pk
    first_signed: dict[int, dt.date] = {}
    for pos_id, signed_on in (
        PerjanjianKinerja.objects.filter(
            pemda_id=pemda_id, year=year, status__in=[PkStatus.SIGNED, PkStatus.SUPERSEDED]
        )
        .order_by("version_number")
        .values_list("position_id", "signed_on")
    ):
        first_signed.setdefault(pos_id, signed_on)
    by_opd: dict[int, OpdCoverage] = {}
    for pos in positions:
        entry = by_opd.setdefault(pos.opd_id, OpdCoverage(opd=pos.opd))
        pk = signed.get(pos.pk)
        first = first_signed.get(pos.pk)
        late = False
        if due is not None:
            late = (first is None and today > due) or (first is not None and first > due)
        entry.rows.append(CoverageRow(position=pos, pk=pk, late=late))
    for entry in by_opd.values():
        reached = {_DEPTH_OF.get(r.position.level) for r in entry.rows if r.pk is not None}
        entry.depth = next((d for d in reversed(DEPTHS) if d in reached), "")
    return {"dpa_date": dpa, "due": due, "opds": list(by_opd.values())}


def _add_month(day: dt.date) -> dt.date:
    import calendar

    month = day.month % 12 + 1
    year = day.year + (1 if day.month == 12 else 0)
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))
