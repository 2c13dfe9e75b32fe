"""Pre-filled answers (issue 7, point 4): what the system's own data says about the criteria that
name an `Autofill` key, as a proposal the evaluator confirms or overrides.

`load_facts` reads everything the checks need for every OPD and the Pemda of one year in a
constant number of queries and folds it into one `Facts` bundle per unit; each check is a pure
function `Facts -> Proposal` (a share of the requirement met, a note in the user's language with
the numbers, and a link to the data). `propose_answers` writes the proposals of a whole round
(one bulk update, history rows included, one activity row per evaluation).

A share met is turned into an answer of the criterion's scale by `label_for`: fully met → the
best option, nothing → the worst, anything between → the middle option whose value is nearest
(a two-option scale such as Y/T has no middle: partly met answers the worst).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Count, Q
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_update_with_history

from apps.agreements.models import ActionPlanQuarter, PerjanjianKinerja, PkLine, PkStatus
from apps.core import revisions
from apps.core.models import ActivityLog
from apps.evaluation.access import may_manage_rounds
from apps.evaluation.models import (
    Answer,
    AnswerOption,
    Autofill,
    Evaluation,
    EvaluationRound,
    Recommendation,
    RecommendationStatus,
    RoundKind,
)
from apps.measurement import selectors as measurement
from apps.measurement.models import RealisationStatus
from apps.organisations.models import OrgUnit, Position, UnitType
from apps.performance.models import Indicator, Node, NodeLevel
from apps.planning.models import DocumentStatus, Renja, Renstra
from apps.reporting.models import Report, ReportStatus

# LKjIP deadlines (DOMAIN.md "LKjIP"): an OPD submits its LKjIP by the end of February of the
# following year; the Pemda's is due within three months of the year's end (31 March).
OPD_LKJIP_DUE = (2, 28)  # month, last day (29 in a leap year: see lkjip_deadline)
PEMDA_LKJIP_DUE = (3, 31)

# Position levels down to the depth they stand for (DOMAIN.md: AA measures down to every
# individual, A to pengawas, BB to administrator, B to JPT/unit level).
DEPTHS = ("jpt", "administrator", "pengawas", "staff")
DEPTH_OF_LEVEL = {
    "kepala_daerah": "jpt",
    "jpt": "jpt",
    "administrator": "administrator",
    "pengawas": "pengawas",
    "pelaksana": "staff",
    "fungsional": "staff",
}
# The levels a PK must reach for "signed for every position down to pengawas".
PK_LEVELS_TO_PENGAWAS = frozenset({"jpt", "administrator", "pengawas"})
NODE_DEPTH = (
    NodeLevel.TUJUAN,
    NodeLevel.SASARAN,
    NodeLevel.PROGRAM,
    NodeLevel.KEGIATAN,
    NodeLevel.SUBKEGIATAN,
)


def lkjip_deadline(year: int, *, pemda: bool) -> dt.date:
    """The last day the LKjIP of `year` may be published."""
    if pemda:
        return dt.date(year + 1, *PEMDA_LKJIP_DUE)
    return dt.date(year + 1, 3, 1) - dt.timedelta(days=1)


@dataclass
class Facts:
    """What the data says about one unit (an OPD, or the Pemda: `opd` None) in one year."""

    year: int
    opd: OrgUnit | None
    renstra_code: str = ""
    renstra_status: str = ""  # the OPD's Renstra of the year's period
    renstras: int = 0  # the Pemda: OPDs with a Renstra / with it approved
    renstras_approved: int = 0
    renja_code: str = ""
    renja_count: int = 0  # current Renja of the year (per OPD), and how many have a DPA
    renja_with_dpa: int = 0
    opds: int = 0  # OPDs counted (1 for an OPD)
    positions: dict[str, int] = field(default_factory=dict)  # depth → owner positions
    signed: dict[str, int] = field(default_factory=dict)  # depth → with a signed PK
    pk_lines: int = 0
    pk_lines_planned: int = 0  # with a Rencana Aksi
    plan_slots: int = 0  # (PK line, quarter due) pairs
    plan_slots_measured: int = 0  # … with a submitted or verified realisation
    slots: int = 0  # (indicator, quarter due) pairs measured
    slots_entered: int = 0
    entered: int = 0  # realisations entered this year
    verified: int = 0
    quarters_due: tuple[int, ...] = ()
    quarters_entered: int = 0  # due quarters with at least one realisation entered
    top_nodes: int = 0  # tujuan OPD (Pemda: sasaran RPJMD)
    top_nodes_linked: int = 0  # … cascaded from (Pemda: to) the RPJMD
    units: int = 0  # active units (Pemda: OPDs) and those owning a node
    units_with_nodes: int = 0
    node_depth: str = ""  # deepest node level reached
    indicators: int = 0
    indicators_defined: int = 0
    report: Report | None = None
    evaluated_last_year: int = 0  # OPDs evaluated in last year's internal round
    previous_round: bool = False
    recommendations: int = 0
    recommendations_done: int = 0

    @property
    def is_pemda(self) -> bool:
        return self.opd is None

    @property
    def name(self) -> str:
        return self.opd.name if self.opd is not None else _("Pemda")

    def coverage(self, depths) -> tuple[int, int]:
        return (
            sum(self.signed.get(d, 0) for d in depths),
            sum(self.positions.get(d, 0) for d in depths),
        )

    @property
    def pk_depth(self) -> str:
        """The deepest depth down to which every owner position has a signed PK."""
        reached = ""
        for depth in DEPTHS:
            total = self.positions.get(depth, 0)
            if total == 0:
                continue
            if self.signed.get(depth, 0) < total:
                break
            reached = depth
        return reached


@dataclass(frozen=True)
class Proposal:
    """A share met (None: the data says nothing), the note and the link to the data. `label`
    and `value` are filled by `label_for` against a scale."""

    share: Decimal | None
    note: str
    link: str
    label: str = ""
    value: Decimal | None = None


def _share(part: int, whole: int) -> Decimal | None:
    if whole <= 0:
        return None
    return Decimal(part) / Decimal(whole)


def _pct(part: int, whole: int) -> str:
    share = _share(part, whole)
    return "0" if share is None else f"{share * 100:.0f}"


def _url(name: str, *args, query: str = "", fallback: str = "core:dashboard") -> str:
    """An internal link; a page that does not exist (yet) falls back to one that does."""
    for candidate in (name, fallback):
        try:
            url = reverse(candidate, args=args if candidate == name else ())
        except NoReverseMatch:
            continue
        return f"{url}?{query}" if query and candidate == name else url
    return "/"


def label_for(share: Decimal | None, options: list[tuple[str, Decimal]]) -> tuple[str, Decimal]:
    """The option (label, value) answering a share met (see the module docstring)."""
    ordered = sorted(options, key=lambda o: o[1])
    worst, best = ordered[0], ordered[-1]
    if share is None or share <= 0:
        return worst
    if share >= 1:
        return best
    middle = ordered[1:-1]
    if not middle:
        return worst
    return min(middle, key=lambda o: (abs(o[1] - share), -o[1]))


# --- the checks -------------------------------------------------------------------------------


def check_renstra_approved(f: Facts) -> Proposal:
    if f.is_pemda:
        return Proposal(
            _share(f.renstras_approved, f.opds),
            _("%(done)s of %(total)s OPDs have an approved Renstra.")
            % {"done": f.renstras_approved, "total": f.opds},
            _url("performance:renstra_list"),
        )
    if not f.renstra_code:
        return Proposal(
            Decimal(0),
            _("No Renstra covers %(year)s.") % {"year": f.year},
            _url("performance:renstra_list"),
        )
    share = {DocumentStatus.APPROVED: Decimal(1), DocumentStatus.SUBMITTED: Decimal("0.5")}
    return Proposal(
        share.get(f.renstra_status, Decimal(0)),
        _("The Renstra is %(status)s.") % {"status": DocumentStatus(f.renstra_status).label},
        _url("performance:renstra_detail", f.renstra_code, fallback="performance:renstra_list"),
    )


def check_renja_approved(f: Facts) -> Proposal:
    whole = f.opds if f.is_pemda else 1
    share = None
    if whole:
        share = (Decimal(f.renja_with_dpa) + Decimal(f.renja_count - f.renja_with_dpa) / 2) / whole
    link = (
        _url("performance:renja_detail", f.renja_code, fallback="performance:renja_list")
        if f.renja_code
        else _url("performance:renja_list")
    )
    return Proposal(
        share,
        _("Renja %(year)s: %(count)s of %(total)s, %(dpa)s with a DPA number.")
        % {"year": f.year, "count": f.renja_count, "total": whole, "dpa": f.renja_with_dpa},
        link,
    )


def check_pk_signed(f: Facts) -> Proposal:
    done, total = f.coverage(PK_LEVELS_TO_PENGAWAS)
    return Proposal(
        _share(done, total),
        _("%(done)s of %(total)s positions down to pengawas have a signed PK %(year)s (%(pct)s%%).")
        % {"done": done, "total": total, "year": f.year, "pct": _pct(done, total)},
        _url("agreements:coverage", query=f"year={f.year}"),
    )


def check_rencana_aksi_present(f: Facts) -> Proposal:
    return Proposal(
        _share(f.pk_lines_planned, f.pk_lines),
        _("%(done)s of %(total)s lines of the signed PKs have a Rencana Aksi (%(pct)s%%).")
        % {
            "done": f.pk_lines_planned,
            "total": f.pk_lines,
            "pct": _pct(f.pk_lines_planned, f.pk_lines),
        },
        _url("agreements:pk_list", query=f"year={f.year}"),
    )


def _measurement_link(f: Facts) -> str:
    if f.opd is not None and f.quarters_due:
        return _url("measurement:grid", f.opd.code, f.year, f.quarters_due[-1])
    return _url("measurement:home", query=f"year={f.year}")


def check_rencana_aksi_monitored(f: Facts) -> Proposal:
    return Proposal(
        _share(f.plan_slots_measured, f.plan_slots),
        _(
            "%(done)s of %(total)s quarterly Rencana Aksi targets due so far have a submitted or "
            "verified realisation (%(pct)s%%)."
        )
        % {
            "done": f.plan_slots_measured,
            "total": f.plan_slots,
            "pct": _pct(f.plan_slots_measured, f.plan_slots),
        },
        _measurement_link(f),
    )


def check_cascading(f: Facts) -> Proposal:
    parts = [
        s
        for s in (_share(f.top_nodes_linked, f.top_nodes), _share(f.units_with_nodes, f.units))
        if s is not None
    ]
    share = sum(parts, Decimal(0)) / len(parts) if parts else None
    if f.is_pemda:
        note = _(
            "%(linked)s of %(top)s RPJMD sasaran are supported by an OPD's tree; %(units)s of "
            "%(total)s OPDs have a performance tree."
        )
        link = _url("performance:tree_index")
    else:
        note = _(
            "%(linked)s of %(top)s OPD tujuan are linked to an RPJMD sasaran; %(units)s of "
            "%(total)s units own a statement of the tree."
        )
        link = (
            _url("performance:tree_opd", f.renstra_code, fallback="performance:tree_index")
            if f.renstra_code
            else _url("performance:tree_index")
        )
    return Proposal(
        share,
        note
        % {
            "linked": f.top_nodes_linked,
            "top": f.top_nodes,
            "units": f.units_with_nodes,
            "total": f.units,
        },
        link,
    )


def check_indicators_defined(f: Facts) -> Proposal:
    link = (
        _url("performance:tree_opd", f.renstra_code, fallback="performance:tree_index")
        if f.renstra_code
        else _url("performance:tree_index")
    )
    return Proposal(
        _share(f.indicators_defined, f.indicators),
        _("%(done)s of %(total)s indicators have both a definition and a formula (%(pct)s%%).")
        % {
            "done": f.indicators_defined,
            "total": f.indicators,
            "pct": _pct(f.indicators_defined, f.indicators),
        },
        link,
    )


def check_realisations_every_quarter(f: Facts) -> Proposal:
    due = len(f.quarters_due)
    return Proposal(
        _share(f.quarters_entered, due),
        _(
            "Realisations were entered in the application in %(done)s of the %(total)s quarters "
            "due so far; %(slots)s of %(all)s expected values are in."
        )
        % {"done": f.quarters_entered, "total": due, "slots": f.slots_entered, "all": f.slots},
        _measurement_link(f),
    )


def check_realisations_verified(f: Facts) -> Proposal:
    return Proposal(
        _share(f.verified, f.entered),
        _("%(done)s of %(total)s realisations of %(year)s are verified (%(pct)s%%).")
        % {
            "done": f.verified,
            "total": f.entered,
            "year": f.year,
            "pct": _pct(f.verified, f.entered),
        },
        _url("measurement:verify_queue"),
    )


def _report_link(f: Facts) -> str:
    if f.report is not None:
        return _url("reporting:report_detail", f.report.code, fallback="reporting:report_list")
    return _url("reporting:report_list", query=f"year={f.year}")


def check_lkjip_reviewed(f: Facts) -> Proposal:
    report = f.report
    if report is None:
        return Proposal(
            Decimal(0),
            _("There is no LKjIP %(year)s in the application.") % {"year": f.year},
            _report_link(f),
        )
    reviewed = report.reviu_at is not None or report.status in {
        ReportStatus.FINAL,
        ReportStatus.PUBLISHED,
    }
    if reviewed:
        share, note = Decimal(1), _("The LKjIP %(year)s has been reviewed (status: %(status)s).")
    elif report.status == ReportStatus.REVIU:
        share, note = Decimal("0.5"), _("The LKjIP %(year)s is in reviu (status: %(status)s).")
    else:
        share, note = (
            Decimal(0),
            _("The LKjIP %(year)s has not been reviewed (status: %(status)s)."),
        )
    return Proposal(
        share,
        note % {"year": f.year, "status": ReportStatus(report.status).label},
        _report_link(f),
    )


def check_lkjip_published_on_time(f: Facts) -> Proposal:
    deadline = lkjip_deadline(f.year, pemda=f.is_pemda)
    report = f.report
    args = {"year": f.year, "deadline": deadline.strftime("%d-%m-%Y")}
    if report is None or report.published_at is None:
        return Proposal(
            Decimal(0),
            _("The LKjIP %(year)s is not published (due by %(deadline)s).") % args,
            _report_link(f),
        )
    published = timezone.localtime(report.published_at).date()
    args["published"] = published.strftime("%d-%m-%Y")
    if published <= deadline:
        return Proposal(
            Decimal(1),
            _("The LKjIP %(year)s was published on %(published)s, by the deadline %(deadline)s.")
            % args,
            _report_link(f),
        )
    return Proposal(
        Decimal("0.5"),
        _("The LKjIP %(year)s was published on %(published)s, after the deadline %(deadline)s.")
        % args,
        _report_link(f),
    )


def check_internal_evaluation(f: Facts) -> Proposal:
    link = _url("evaluation:readiness", query=f"year={f.year}")
    if not f.previous_round:
        return Proposal(
            Decimal(0),
            _("There was no internal evaluation round for %(year)s.") % {"year": f.year - 1},
            link,
        )
    return Proposal(
        _share(f.evaluated_last_year, f.opds),
        _("The internal evaluation of %(year)s covered %(done)s of %(total)s OPDs.")
        % {"year": f.year - 1, "done": f.evaluated_last_year, "total": f.opds},
        link,
    )


def check_recommendations(f: Facts) -> Proposal:
    query = f"year={f.year - 1}" + (f"&opd={f.opd.code}" if f.opd is not None else "")
    return Proposal(
        _share(f.recommendations_done, f.recommendations),
        _("%(done)s of %(total)s recommendations of the evaluation of %(year)s are followed up.")
        % {"done": f.recommendations_done, "total": f.recommendations, "year": f.year - 1},
        _url("evaluation:recommendations", query=query),
    )


CHECKS: dict[str, Callable[[Facts], Proposal]] = {
    Autofill.RENSTRA_APPROVED: check_renstra_approved,
    Autofill.RENJA_APPROVED: check_renja_approved,
    Autofill.PK_SIGNED_DOWN_TO_PENGAWAS: check_pk_signed,
    Autofill.RENCANA_AKSI_PRESENT: check_rencana_aksi_present,
    Autofill.RENCANA_AKSI_MONITORED: check_rencana_aksi_monitored,
    Autofill.CASCADING_COMPLETE: check_cascading,
    Autofill.INDICATORS_DEFINED: check_indicators_defined,
    Autofill.REALISATIONS_EVERY_QUARTER: check_realisations_every_quarter,
    Autofill.REALISATIONS_VERIFIED: check_realisations_verified,
    Autofill.LKJIP_REVIEWED: check_lkjip_reviewed,
    Autofill.LKJIP_PUBLISHED_ON_TIME: check_lkjip_published_on_time,
    Autofill.INTERNAL_EVALUATION_ALL_UNITS: check_internal_evaluation,
    Autofill.RECOMMENDATIONS_FOLLOWED_UP: check_recommendations,
}


def propose(key: str, facts: Facts, options: list[tuple[str, Decimal]]) -> Proposal:
    """The proposal of one check against one scale's options."""
    raw = CHECKS[key](facts)
    if raw.share is None:
        return raw
    label, value = label_for(raw.share, options)
    return Proposal(raw.share, raw.note, raw.link, label, value)


# --- loading the facts ------------------------------------------------------------------------


def _quarters_due(pemda_id: int, year: int, today: dt.date) -> tuple[int, ...]:
    """The quarters whose entry window has opened by `today` (windows open after the quarter);
    without windows, the quarters that have ended."""
    states = measurement.windows_by_unit(
        pemda_id=pemda_id, year=year, unit_ids=[pemda_id], today=today
    )[pemda_id]
    if any(s.opens_on for s in states.values()):
        return tuple(q for q, s in states.items() if s.opens_on and s.opens_on <= today)
    ends = {1: (3, 31), 2: (6, 30), 3: (9, 30), 4: (12, 31)}
    return tuple(q for q, (m, d) in ends.items() if dt.date(year, m, d) < today)


def load_facts(
    *, pemda_id: int, year: int, today: dt.date | None = None
) -> dict[int | None, Facts]:
    """The facts of every active OPD (by id) and of the Pemda (key None) for `year`, in a
    constant number of queries whatever the number of OPDs, indicators or PKs."""
    today = today or timezone.localdate()
    units = list(
        OrgUnit.objects.filter(pemda_id=pemda_id, opd__isnull=False, is_active=True).order_by("lft")
    )
    opds = [u for u in units if u.unit_type == UnitType.OPD]
    facts: dict[int | None, Facts] = {o.pk: Facts(year=year, opd=o, opds=1) for o in opds}
    pemda = Facts(year=year, opd=None, opds=len(opds))
    facts[None] = pemda
    for u in units:
        if u.opd_id in facts:
            facts[u.opd_id].units += 1

    def of(opd_id: int | None) -> Facts | None:
        return facts.get(opd_id) if opd_id is not None else None

    in_period = Q(period__start_year__lte=year, period__end_year__gte=year)
    # Renstra and Renja.
    for opd_id, status, code in Renstra.objects.filter(in_period, pemda_id=pemda_id).values_list(
        "opd_id", "status", "code"
    ):
        f = of(opd_id)
        if f is None:
            continue
        f.renstra_status, f.renstra_code = status, str(code)
        f.renstras = 1
        f.renstras_approved = int(status == DocumentStatus.APPROVED)
        pemda.renstras += 1
        pemda.renstras_approved += f.renstras_approved
    for opd_id, dpa, code in Renja.objects.filter(
        pemda_id=pemda_id, year=year, is_current=True
    ).values_list("renstra__opd_id", "dpa_number", "code"):
        f = of(opd_id)
        if f is None:
            continue
        f.renja_code, f.renja_count, f.renja_with_dpa = str(code), 1, int(bool(dpa))
        pemda.renja_count += 1
        pemda.renja_with_dpa += int(bool(dpa))

    # PK coverage: the positions owning a statement of the year's plans, and their signed PK.
    node_period = Q(renstra__period__start_year__lte=year, renstra__period__end_year__gte=year) | Q(
        rpjmd__period__start_year__lte=year, rpjmd__period__end_year__gte=year
    )
    owners = Node.objects.filter(node_period, pemda_id=pemda_id, owner_position__isnull=False)
    signed_positions = set(
        PerjanjianKinerja.objects.filter(
            pemda_id=pemda_id, year=year, status=PkStatus.SIGNED
        ).values_list("position_id", flat=True)
    )
    for pos_id, opd_id, level in Position.objects.filter(
        pemda_id=pemda_id, pk__in=owners.values("owner_position_id")
    ).values_list("id", "opd_id", "level"):
        depth = DEPTH_OF_LEVEL.get(level, "staff")
        is_signed = int(pos_id in signed_positions)
        for f in (of(opd_id), pemda):
            if f is not None:
                f.positions[depth] = f.positions.get(depth, 0) + 1
                f.signed[depth] = f.signed.get(depth, 0) + is_signed

    # Rencana Aksi on the lines of the signed PKs.
    planned = (
        Q(quarters__target__isnull=False) | ~Q(quarters__target_text="") | ~Q(quarters__actions="")
    )
    for opd_id, n_planned in (
        PkLine.objects.filter(pemda_id=pemda_id, pk_doc__year=year, pk_doc__status=PkStatus.SIGNED)
        .annotate(n=Count("quarters", filter=planned))
        .values_list("pk_doc__opd_id", "n")
    ):
        for f in (of(opd_id), pemda):
            if f is not None:
                f.pk_lines += 1
                f.pk_lines_planned += int(n_planned > 0)
    planned_lines = set(
        ActionPlanQuarter.objects.filter(
            pemda_id=pemda_id, line__pk_doc__year=year, line__pk_doc__status=PkStatus.SIGNED
        ).values_list("line_id", "quarter")
    )

    # Realisations (the measurement selector: six queries) against the quarters due.
    due = _quarters_due(pemda_id, year, today)
    entered_quarters: dict[int | None, set[int]] = {}
    monitored = {RealisationStatus.SUBMITTED, RealisationStatus.VERIFIED}
    for m in measurement.measures(pemda_id=pemda_id, year=year):
        targets = [f for f in (of(m.opd_id), pemda) if f is not None]
        for q in m.quarters:
            row = m.realisations.get(q)
            has_value = row is not None and (row.value is not None or bool(row.text_value))
            if has_value:
                entered_quarters.setdefault(m.opd_id, set()).add(q)
            for f in targets:
                if has_value:
                    f.entered += 1
                    f.verified += int(row.status == RealisationStatus.VERIFIED)
                if q not in due:
                    continue
                f.slots += 1
                f.slots_entered += int(has_value)
                if m.pk_line_id is not None and (m.pk_line_id, q) in planned_lines:
                    f.plan_slots += 1
                    f.plan_slots_measured += int(has_value and row.status in monitored)
    all_entered: set[int] = set()
    for key, f in facts.items():
        f.quarters_due = due
        if key is not None:
            f.quarters_entered = len(entered_quarters.get(key, set()) & set(due))
            all_entered |= entered_quarters.get(key, set())
    pemda.quarters_entered = len((all_entered | entered_quarters.get(None, set())) & set(due))

    # Cascading: OPD tujuan linked to RPJMD sasaran, RPJMD sasaran supported, units owning
    # statements, and the deepest level reached.
    nodes = Node.objects.filter(node_period, pemda_id=pemda_id)
    for opd_id, level, links, supported in (
        nodes.filter(node_level__in=[NodeLevel.TUJUAN, NodeLevel.SASARAN_PEMDA])
        .annotate(links=Count("pemda_sasaran", distinct=True))
        .annotate(supported=Count("cascaded_nodes", distinct=True))
        .values_list("opd_id", "node_level", "links", "supported")
    ):
        if level == NodeLevel.SASARAN_PEMDA:
            pemda.top_nodes += 1
            pemda.top_nodes_linked += int(supported > 0)
        elif (f := of(opd_id)) is not None:
            f.top_nodes += 1
            f.top_nodes_linked += int(links > 0)
    owning_units: set[int] = set()
    depth_rank = {level: i for i, level in enumerate(NODE_DEPTH)}
    opds_with_tree: set[int] = set()
    for opd_id, level, owner_unit, position_unit in nodes.values_list(
        "opd_id", "node_level", "owner_unit_id", "owner_position__unit_id"
    ).distinct():
        owning_units.update(u for u in (owner_unit, position_unit) if u)
        f = of(opd_id)
        if f is None or level not in depth_rank:
            continue
        opds_with_tree.add(opd_id)
        if not f.node_depth or depth_rank[level] > depth_rank[f.node_depth]:
            f.node_depth = level
    for u in units:
        if u.pk in owning_units and u.opd_id in facts:
            facts[u.opd_id].units_with_nodes += 1
    pemda.units, pemda.units_with_nodes = len(opds), len(opds_with_tree & set(facts))
    depths = [f.node_depth for k, f in facts.items() if k is not None and f.node_depth]
    pemda.node_depth = max(depths, key=lambda d: depth_rank[d], default="")

    # Indicators with a definition and a formula.
    defined = ~Q(definition="") & ~Q(formula="")
    indicator_period = Q(
        node__renstra__period__start_year__lte=year, node__renstra__period__end_year__gte=year
    ) | Q(node__rpjmd__period__start_year__lte=year, node__rpjmd__period__end_year__gte=year)
    for opd_id, total, done in (
        Indicator.objects.filter(indicator_period, pemda_id=pemda_id)
        .values("node__opd_id")
        .annotate(total=Count("id"), done=Count("id", filter=defined))
        .values_list("node__opd_id", "total", "done")
    ):
        for f in {id(x): x for x in (of(opd_id), pemda) if x is not None}.values():
            f.indicators += total
            f.indicators_defined += done

    # The LKjIP of the year.
    for report in Report.objects.filter(pemda_id=pemda_id, year=year):
        f = pemda if report.opd_id is None else of(report.opd_id)
        if f is not None:
            f.report = report

    # Last year's internal evaluation and its recommendations.
    evaluated = list(
        Evaluation.objects.filter(
            pemda_id=pemda_id, round__year=year - 1, round__kind=RoundKind.INTERNAL
        ).values_list("opd_id", flat=True)
    )
    if evaluated:
        for f in facts.values():
            f.previous_round = True
        for opd_id in evaluated:
            if (f := of(opd_id)) is not None:
                f.evaluated_last_year = 1
                pemda.evaluated_last_year += 1
    for opd_id, status in Recommendation.objects.filter(
        pemda_id=pemda_id, evaluation__round__year=year - 1
    ).values_list("evaluation__opd_id", "status"):
        for f in {id(x): x for x in (of(opd_id), pemda) if x is not None}.values():
            f.recommendations += 1
            f.recommendations_done += int(status == RecommendationStatus.DONE)
    return facts


# --- writing the proposals --------------------------------------------------------------------


@dataclass
class ProposeResult:
    evaluations: int
    answers: int


def propose_answers(
    *, actor, round_: EvaluationRound, today: dt.date | None = None
) -> ProposeResult:
    """Fill `proposed_*` of every answer of the round whose criterion names a check. Round
    managers only (None: the system). A constant number of queries whatever the round's size."""
    if actor is not None and not may_manage_rounds(actor):
        raise PermissionDenied
    facts = load_facts(pemda_id=round_.pemda_id, year=round_.year, today=today)
    options: dict[int, list[tuple[str, Decimal]]] = {}
    for scale_id, label, value in AnswerOption.objects.filter(
        scale__template_id=round_.template_id
    ).values_list("scale_id", "label", "value"):
        options.setdefault(scale_id, []).append((label, value))
    answers = list(
        Answer.objects.filter(evaluation__round=round_)
        .exclude(criterion__autofill="")
        .select_related("criterion", "evaluation__round", "evaluation__opd")
    )
    now = timezone.now()
    touched: dict[int, Evaluation] = {}
    counts: dict[int, int] = {}
    changed = []
    for answer in answers:
        evaluation = answer.evaluation
        f = facts.get(evaluation.opd_id)
        key = answer.criterion.autofill
        if f is None or key not in CHECKS or answer.criterion.scale_id not in options:
            continue
        p = propose(key, f, options[answer.criterion.scale_id])
        answer.proposed_label = p.label
        answer.proposed_value = p.value
        answer.proposed_note = p.note
        answer.proposed_link = p.link[:300]
        answer.proposed_at = now
        answer.version += 1
        changed.append(answer)
        touched[evaluation.pk] = evaluation
        counts[evaluation.pk] = counts.get(evaluation.pk, 0) + 1
    with transaction.atomic():
        if changed:
            bulk_update_with_history(
                changed,
                Answer,
                [
                    "proposed_label",
                    "proposed_value",
                    "proposed_note",
                    "proposed_link",
                    "proposed_at",
                    "version",
                ],
                batch_size=500,
                default_user=actor if getattr(actor, "is_authenticated", False) else None,
            )
        # One activity row per evaluation (the fields log_action writes), in one insert.
        for pemda_id in sorted({e.pemda_id for e in touched.values()}):
            revisions.bump(pemda_id)
        ActivityLog.objects.bulk_create(
            [
                ActivityLog(
                    pemda_id=e.pemda_id,
                    unit_id=e.opd_id,
                    actor=actor if getattr(actor, "is_authenticated", False) else None,
                    action="sakip.evaluation.proposed",
                    object_type=e._meta.label_lower,
                    object_code=e.code,
                    object_repr=str(e)[:300],
                    data={"answers": counts[e.pk]},
                )
                for e in touched.values()
            ]
        )
    return ProposeResult(evaluations=len(touched), answers=len(changed))
