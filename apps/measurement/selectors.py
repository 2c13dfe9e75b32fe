"""What is measured, against which target, and how far it got.

`measures()` is the one loader every measurement page, export, API and report uses: the
indicators measured in a year, each with its annual target, its quarterly targets and its
realisations, in a constant number of SQL queries whatever the number of OPDs and indicators.

Which indicators are measured (DOMAIN.md "Measurement", DESIGN.md "measurement"):

* quarterly: indicators in a signed Perjanjian Kinerja (its current version) or in the current
  Renja of the year;
* at year end only (TW IV): the other indicators of the OPD's Renstra and of the RPJMD that have
  a target for the year.

The annual target is the PK line's (what was agreed), else the Renja's, else the Renstra/RPJMD
target; quarterly targets come from the PK's Rencana Aksi.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import ClassVar

from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone

from apps.agreements.models import ActionPlanQuarter, PkLine, PkStatus
from apps.measurement import capaian as engine
from apps.measurement.models import (
    BudgetRealisation,
    Evidence,
    MeasurementSettings,
    Realisation,
    RealisationStatus,
    WindowReopening,
)
from apps.organisations.access import OPD_WRITERS, PLANNERS, get_scope
from apps.organisations.models import OrgUnit, QuarterWindow, Role
from apps.performance.models import Indicator, Node, RenjaTarget, Target, ValueType

# Who may do what with a realisation (DESIGN.md "Roles").
ENTRY_ROLES = OPD_WRITERS  # on their OPD's indicators
PEMDA_ENTRY_ROLES = PLANNERS  # on the RPJMD's indicators (the Pemda level)
VERIFIER_ROLES = frozenset({Role.OPD_VERIFIER})
PEMDA_VERIFIER_ROLES = frozenset({Role.ADMIN})
REOPEN_ROLES = PLANNERS

# Position levels from the top of the signing chain down (DOMAIN.md "Perjanjian Kinerja").
# Above this many ids, lookups filter by a subquery instead of a parameter list.
MAX_LISTED_IDS = 2000
LEVEL_RANK = {"kepala_daerah": 0, "jpt": 1, "administrator": 2, "pengawas": 3}

SOURCE_PK = "pk"
SOURCE_RENJA = "renja"
SOURCE_PLAN = "plan"


# --- settings ---------------------------------------------------------------------------------


def rules_for(pemda_id: int) -> engine.Rules:
    """The Pemda's capaian rules (one query); the defaults when it has no settings row."""
    row = MeasurementSettings.objects.filter(pemda_id=pemda_id).first()
    if row is None:
        return engine.DEFAULT_RULES
    return engine.Rules(
        negative_formula=row.negative_formula,
        range_penalty=row.range_penalty,
        cap=Decimal(row.index_cap) if row.index_cap else None,
    )


def settings_for(pemda_id: int) -> MeasurementSettings:
    return MeasurementSettings.objects.filter(pemda_id=pemda_id).first() or MeasurementSettings(
        pemda_id=pemda_id
    )


# --- the measured set -------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class RealisationRow:
    """A realisation as the figures read it (`measures(light=True)`): one row of a values()
    query, not a model instance."""

    FIELDS: ClassVar[tuple[str, ...]] = (
        "quarter",
        "value",
        "text_value",
        "status",
        "obstacle",
        "solution",
    )

    quarter: int
    value: Decimal | None
    text_value: str
    status: str
    obstacle: str
    solution: str


@dataclass(frozen=True, slots=True)
class PlainScale:
    levels: list


@dataclass(frozen=True, slots=True)
class PlainNode:
    """A statement as `measures(plain=True)` reads it: what the measured set itself needs."""

    pk: int
    opd_id: int | None
    owner_position_id: int | None


@dataclass(frozen=True, slots=True)
class PlainIndicator:
    """An indicator as `measures(plain=True)` reads it: what its figures (Measure.result) need,
    from one values() row instead of two model instances (a province: 20,000 of each)."""

    FIELDS: ClassVar[tuple[str, ...]] = (
        "id",
        "node_id",
        "node__opd_id",
        "node__owner_position_id",
        "polarity",
        "aggregation",
        "value_type",
        "scale_id",
        "scale__levels",
    )

    pk: int
    node: PlainNode
    polarity: str
    aggregation: str
    value_type: str
    scale_id: int | None
    scale: PlainScale | None

    @classmethod
    def of(cls, row: tuple) -> PlainIndicator:
        pk, node_id, opd_id, owner_id, polarity, aggregation, value_type, scale_id, levels = row
        return cls(
            pk,
            PlainNode(node_id, opd_id, owner_id),
            polarity,
            aggregation,
            value_type,
            scale_id,
            PlainScale(levels) if scale_id else None,
        )


@dataclass
class Result:
    """An indicator's figure up to a quarter: the aggregated realisation against its target."""

    realisation: Decimal | None
    realisation_text: str
    target: Decimal | None
    target_text: str
    capaian: Decimal | None
    capaian_capped: Decimal | None
    quarters: tuple[int, ...]

    @property
    def predicate(self) -> tuple[str, str] | None:
        return engine.predicate(self.capaian)

    @property
    def colour(self) -> str:
        """The predicate code, or "none" when capaian is undefined (CSS class suffix)."""
        band = self.predicate
        return band[0] if band else "none"


@dataclass
class Measure:
    indicator: Indicator
    node: Node
    opd_id: int | None
    target: Decimal | None = None
    target_max: Decimal | None = None
    target_text: str = ""
    quarter_targets: dict[int, Decimal | str] = field(default_factory=dict)
    source: str = SOURCE_PLAN
    quarterly: bool = False
    pk_line_id: int | None = None
    realisations: dict[int, Realisation] = field(default_factory=dict)

    @property
    def code(self) -> str:
        return str(self.indicator.code)

    @property
    def is_scale(self) -> bool:
        return self.indicator.value_type == ValueType.SCALE

    @property
    def quarters(self) -> tuple[int, ...]:
        """The quarters in which this indicator takes a realisation."""
        return (1, 2, 3, 4) if self.quarterly else (4,)

    def quarter_target(self, quarter: int) -> Decimal | str | None:
        return self.quarter_targets.get(quarter)

    def capaian_of_quarter(
        self, quarter: int, rules: engine.Rules = engine.DEFAULT_RULES
    ) -> Decimal | None:
        """One quarter's value against that quarter's target (Rencana Aksi), else the annual one."""
        row = self.realisations.get(quarter)
        if row is None:
            return None
        target = self.quarter_targets.get(quarter)
        if self.is_scale:
            return engine.scale_capaian(
                target=str(target or self.target_text),
                realisation=row.text_value,
                levels=self.indicator.scale.levels if self.indicator.scale_id else [],
            )
        return engine.capaian(
            target=target if target is not None else self.target,
            realisation=row.value,
            polarity=self.indicator.polarity,
            target_max=self.target_max,
            rules=rules,
        )

    def result(
        self,
        up_to_quarter: int = 4,
        rules: engine.Rules = engine.DEFAULT_RULES,
        *,
        verified_only: bool = False,
    ) -> Result:
        rows = {
            q: r
            for q, r in self.realisations.items()
            if q <= up_to_quarter and (not verified_only or r.status == RealisationStatus.VERIFIED)
        }
        if self.is_scale:
            # The latest quarter that holds a level (a draft may have been cleared).
            latest = max((q for q, r in rows.items() if r.text_value), default=None)
            text = rows[latest].text_value if latest else ""
            target_text = self.target_text
            value = engine.scale_capaian(
                target=target_text,
                realisation=text,
                levels=self.indicator.scale.levels if self.indicator.scale_id else [],
            )
            return Result(
                None,
                text,
                None,
                target_text,
                value,
                _capped(value, rules),
                (latest,) if latest else (),
            )
        agg = engine.aggregate(
            method=self.indicator.aggregation,
            realisations={q: r.value for q, r in rows.items()},
            quarter_targets={
                q: v for q, v in self.quarter_targets.items() if not isinstance(v, str)
            },
            annual_target=self.target,
            up_to_quarter=up_to_quarter,
        )
        value = engine.capaian(
            target=agg.target,
            realisation=agg.realisation,
            polarity=self.indicator.polarity,
            target_max=self.target_max if agg.target == self.target else None,
            rules=rules,
        )
        return Result(
            agg.realisation,
            "",
            agg.target,
            "",
            value,
            _capped(value, rules),
            agg.quarters,
        )


def _capped(value: Decimal | None, rules: engine.Rules) -> Decimal | None:
    if value is None or rules.cap is None:
        return value
    return min(value, rules.cap)


def _period_nodes_q(year: int) -> Q:
    """Nodes of the plans whose period contains `year` (Renstra or RPJMD anchored)."""
    return Q(
        node__renstra__period__start_year__lte=year, node__renstra__period__end_year__gte=year
    ) | Q(node__rpjmd__period__start_year__lte=year, node__rpjmd__period__end_year__gte=year)


def measures(
    *,
    pemda_id: int,
    year: int,
    opd_ids: Iterable[int] | None = None,
    pemda_level: bool = True,
    indicator_ids: Iterable[int] | None = None,
    with_realisations: bool = True,
    light: bool = False,
    statuses: Iterable[str] | None = None,
    plain: bool = False,
) -> list[Measure]:
    """The indicators measured in `year` for the given OPDs (None: every OPD) and, when
    `pemda_level`, the RPJMD's own indicators. Six queries, whatever the size. `light`: the
    realisations as RealisationRow (figures only, no model instances); `statuses`: only
    realisations in these statuses; `plain` (with `light`): the indicators and statements too,
    as PlainIndicator and PlainNode, for figures that are computed and not shown (a report's
    roll-up of a province)."""
    indicators = Indicator.objects.filter(pemda_id=pemda_id).filter(_period_nodes_q(year))
    unit_q = Q(pk__in=[])
    if opd_ids is None:
        unit_q |= Q(node__opd__isnull=False)
    else:
        unit_q |= Q(node__opd_id__in=list(opd_ids))
    if pemda_level:
        unit_q |= Q(node__opd__isnull=True)
    indicators = indicators.filter(unit_q)
    if indicator_ids is not None:
        indicators = indicators.filter(pk__in=list(indicator_ids))
    order = ("node__opd_id", "node__tree_id", "node__lft", "sort_order", "id")
    if plain:
        rows = [
            PlainIndicator.of(row)
            for row in indicators.order_by(*order).values_list(*PlainIndicator.FIELDS)
        ]
    else:
        rows = list(
            indicators.select_related("node", "scale")
            # Timestamps are never shown from here; parsing 40,000 of them was a tenth of a
            # province's roll-up.
            .defer("created_at", "updated_at", "node__created_at", "node__updated_at")
            .order_by(*order)
        )
    by_id = {i.pk: i for i in rows}
    ids: list[int] | QuerySet = list(by_id)
    if not ids:
        return []
    if len(ids) > MAX_LISTED_IDS:
        # A province's 20,000 ids as parameters cost more to send and plan than the same
        # filter as a subquery.
        ids = indicators.order_by().values("pk")
    found: dict[int, Measure] = {}

    # Renstra / RPJMD targets of the year.
    # No ordering on the lookups below (the models' default orderings join other tables): they
    # fill dicts.
    for t in (
        Target.objects.filter(indicator_id__in=ids, year=year)
        .order_by()
        .values("indicator_id", "value", "value_max", "text_value")
    ):
        ind = by_id[t["indicator_id"]]
        found[ind.pk] = Measure(
            indicator=ind,
            node=ind.node,
            opd_id=ind.node.opd_id,
            target=t["value"],
            target_max=t["value_max"],
            target_text=t["text_value"],
        )

    # The current Renja's targets.
    for t in (
        RenjaTarget.objects.filter(indicator_id__in=ids, renja__year=year, renja__is_current=True)
        .order_by()
        .values("indicator_id", "value", "value_max", "text_value")
    ):
        ind = by_id[t["indicator_id"]]
        m = found.setdefault(ind.pk, Measure(indicator=ind, node=ind.node, opd_id=ind.node.opd_id))
        if t["value"] is not None or t["text_value"]:
            m.target, m.target_max, m.target_text = t["value"], t["value_max"], t["text_value"]
        m.source = SOURCE_RENJA
        m.quarterly = True

    # Signed PKs: the latest signed version of each position's PK.
    lines = list(
        PkLine.objects.filter(
            indicator_id__in=ids, pk_doc__year=year, pk_doc__status=PkStatus.SIGNED
        )
        .order_by()
        .values(
            "id",
            "indicator_id",
            "target",
            "target_max",
            "target_text",
            "pk_doc__position_id",
            "pk_doc__position__level",
            "pk_doc__version_number",
            "number",
        )
    )
    latest: dict[int, int] = {}
    for line in lines:
        pos = line["pk_doc__position_id"]
        latest[pos] = max(latest.get(pos, 0), line["pk_doc__version_number"])

    def precedence(line: dict) -> tuple:
        # An indicator agreed in several PKs takes the target of its owner's PK (the position
        # owning the statement), else of the highest-level signer.
        owner = by_id[line["indicator_id"]].node.owner_position_id
        return (
            line["pk_doc__position_id"] != owner,
            LEVEL_RANK.get(line["pk_doc__position__level"], len(LEVEL_RANK)),
            line["pk_doc__position_id"],
            line["number"],
        )

    lines.sort(key=precedence)
    chosen: dict[int, int] = {}
    for line in lines:
        if line["pk_doc__version_number"] != latest[line["pk_doc__position_id"]]:
            continue
        ind = by_id[line["indicator_id"]]
        m = found.setdefault(ind.pk, Measure(indicator=ind, node=ind.node, opd_id=ind.node.opd_id))
        if m.source == SOURCE_PK:
            continue  # the line of higher precedence came first
        m.target, m.target_max, m.target_text = (
            line["target"],
            line["target_max"],
            line["target_text"],
        )
        m.source = SOURCE_PK
        m.quarterly = True
        m.pk_line_id = line["id"]
        chosen[line["id"]] = ind.pk
    if chosen:
        for q in (
            ActionPlanQuarter.objects.filter(line_id__in=list(chosen))
            .order_by()
            .values("line_id", "quarter", "target", "target_text")
        ):
            value = q["target"] if q["target"] is not None else (q["target_text"] or None)
            if value is not None:
                found[chosen[q["line_id"]]].quarter_targets[q["quarter"]] = value

    if with_realisations and found:
        realisations = Realisation.objects.filter(
            pemda_id=pemda_id, year=year, indicator_id__in=ids
        ).order_by()
        if statuses is not None:
            realisations = realisations.filter(status__in=list(statuses))
        if light:
            # Figures only (roll-ups, reports): rows, not model instances (a province: 80,000).
            for ind, *fields in realisations.values_list("indicator_id", *RealisationRow.FIELDS):
                if ind in found:
                    row = RealisationRow(*fields)
                    found[ind].realisations[row.quarter] = row
        else:
            for r in realisations:
                if r.indicator_id in found:
                    found[r.indicator_id].realisations[r.quarter] = r
    # Keep the tree order of the indicator query.
    return [found[i] for i in by_id if i in found]


def opd_measures(*, opd: OrgUnit, year: int) -> list[Measure]:
    return measures(pemda_id=opd.pemda_id, year=year, opd_ids=[opd.pk], pemda_level=False)


# --- windows ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class WindowState:
    quarter: int
    opens_on: dt.date | None
    closes_on: dt.date | None
    reopened_until: dt.date | None
    today: dt.date

    @property
    def is_open(self) -> bool:
        if self.reopened_until is not None and self.today <= self.reopened_until:
            return True
        if self.opens_on is None or self.closes_on is None:
            return False
        return self.opens_on <= self.today <= self.closes_on

    @property
    def is_closed(self) -> bool:
        """Past its close (and any reopening): data still missing is late."""
        if self.closes_on is None:
            return False
        end = max(self.closes_on, self.reopened_until or self.closes_on)
        return self.today > end

    @property
    def until(self) -> dt.date | None:
        if self.reopened_until and self.today <= self.reopened_until:
            return max(self.reopened_until, self.closes_on or self.reopened_until)
        return self.closes_on


def windows(
    *, pemda_id: int, year: int, unit_id: int, today: dt.date | None = None
) -> dict[int, WindowState]:
    """The four quarters' entry windows of a year for one OPD (or the Pemda root for the RPJMD's
    indicators), with any reopening. Two queries."""
    return windows_by_unit(pemda_id=pemda_id, year=year, unit_ids=[unit_id], today=today)[unit_id]


def windows_by_unit(
    *, pemda_id: int, year: int, unit_ids: Iterable[int], today: dt.date | None = None
) -> dict[int, dict[int, WindowState]]:
    """windows() for many OPDs at once (two queries)."""
    today = today or timezone.localdate()
    rows = {
        w.quarter: w for w in QuarterWindow.objects.filter(pemda_id=pemda_id, plan_year__year=year)
    }
    reopened: dict[tuple[int, int], dt.date] = {}
    unit_ids = list(unit_ids)
    for unit_id, quarter, until in WindowReopening.objects.filter(
        pemda_id=pemda_id, window__plan_year__year=year, opd_id__in=unit_ids
    ).values_list("opd_id", "window__quarter", "until"):
        key = (unit_id, quarter)
        reopened[key] = max(reopened.get(key, until), until)
    return {
        unit_id: {
            q: WindowState(
                quarter=q,
                opens_on=rows[q].opens_on if q in rows else None,
                closes_on=rows[q].closes_on if q in rows else None,
                reopened_until=reopened.get((unit_id, q)),
                today=today,
            )
            for q in range(1, 5)
        }
        for unit_id in unit_ids
    }


def current_quarter(today: dt.date | None = None) -> int:
    today = today or timezone.localdate()
    return (today.month - 1) // 3 + 1


# --- who may act ------------------------------------------------------------------------------


def _unit_of_indicator(indicator: Indicator) -> OrgUnit | None:
    return indicator.node.opd if indicator.node.opd_id else None


def may_enter(user, indicator: Indicator) -> bool:
    scope = get_scope(user)
    unit = _unit_of_indicator(indicator)
    if unit is None:
        # covers(None) means "a grant on the user's own Pemda root": check it is this Pemda.
        return indicator.pemda_id == scope.pemda_id and scope.covers(None, PEMDA_ENTRY_ROLES)
    return scope.covers(unit, ENTRY_ROLES)


def may_verify(user, indicator: Indicator) -> bool:
    scope = get_scope(user)
    unit = _unit_of_indicator(indicator)
    if unit is None:
        return indicator.pemda_id == scope.pemda_id and scope.covers(None, PEMDA_VERIFIER_ROLES)
    return scope.covers(unit, VERIFIER_ROLES)


def may_enter_budget(user, node: Node) -> bool:
    return node.opd_id is not None and get_scope(user).covers(node.opd, ENTRY_ROLES)


def may_reopen_window(user, pemda_id: int | None = None) -> bool:
    """Bappeda/admin of the whole Pemda; with `pemda_id`, of that Pemda only."""
    scope = get_scope(user)
    if pemda_id is not None and scope.pemda_id != pemda_id:
        return False
    return scope.pemda_wide(REOPEN_ROLES)


# --- scoped lookups ---------------------------------------------------------------------------


def realisation_list(*, user) -> QuerySet[Realisation]:
    """Every realisation the user may read. A row's `opd` is its indicator's OPD, or the Pemda
    root for the RPJMD's own indicators, so one scope filter serves both."""
    return get_scope(user).filter(
        Realisation.objects.select_related(
            "indicator", "indicator__node", "indicator__scale", "opd"
        ),
        path="opd",
    )


def get_realisation_for_user(user, code) -> Realisation:
    try:
        return realisation_list(user=user).get(code=code)
    except (Realisation.DoesNotExist, ValueError) as exc:
        raise Http404 from exc


def evidence_list(*, user) -> QuerySet[Evidence]:
    return get_scope(user).filter(
        Evidence.objects.select_related("realisation", "realisation__indicator__node"),
        path="realisation__opd",
    )


def get_evidence_for_user(user, code) -> Evidence:
    try:
        return evidence_list(user=user).get(code=code, deleted_at__isnull=True)
    except (Evidence.DoesNotExist, ValueError) as exc:
        raise Http404 from exc


def budget_realisation_list(*, user) -> QuerySet[BudgetRealisation]:
    return get_scope(user).filter(
        BudgetRealisation.objects.select_related("node", "opd"), path="opd"
    )


def get_budget_realisation_for_user(user, code) -> BudgetRealisation:
    try:
        return budget_realisation_list(user=user).get(code=code)
    except (BudgetRealisation.DoesNotExist, ValueError) as exc:
        raise Http404 from exc


def readable_opds(*, user) -> QuerySet[OrgUnit]:
    """The OPDs whose measurement the user may read (every OPD for Pemda-wide grants)."""
    return (
        get_scope(user)
        .filter(OrgUnit.objects.filter(unit_type="opd", is_active=True), path="")
        .order_by("sort_order", "name")
    )


def get_opd_for_user(user, code) -> OrgUnit:
    try:
        return readable_opds(user=user).get(code=code)
    except (OrgUnit.DoesNotExist, ValueError) as exc:
        raise Http404 from exc


# --- entry pages (realisation grid, verification queue) --------------------------------------


def get_entry_unit_for_user(user, code) -> OrgUnit:
    """The unit whose realisations a grid shows: a readable OPD, or the Pemda root (the RPJMD's
    own indicators) for a user with a grant on the root. 404 otherwise."""
    scope = get_scope(user)
    if scope.pemda_id is not None and scope.pemda_wide():
        root = OrgUnit.objects.filter(pk=scope.pemda_id, code=code).first() if code else None
        if root is not None:
            return root
    return get_opd_for_user(user, code)


def may_enter_unit(user, unit: OrgUnit) -> bool:
    """may_enter() for every indicator of `unit` at once (no query per row)."""
    scope = get_scope(user)
    if unit.parent_id is None:
        return unit.pk == scope.pemda_id and scope.covers(None, PEMDA_ENTRY_ROLES)
    return scope.covers(unit, ENTRY_ROLES)


def may_verify_somewhere(user) -> bool:
    scope = get_scope(user)
    return scope.has_role(*VERIFIER_ROLES) or scope.pemda_wide(PEMDA_VERIFIER_ROLES)


def _verify_q(scope) -> Q:
    q = scope.units_q("opd", VERIFIER_ROLES)
    if scope.pemda_wide(PEMDA_VERIFIER_ROLES):
        q |= Q(opd_id=scope.pemda_id)
    return q


def _entry_q(scope) -> Q:
    q = scope.units_q("opd", ENTRY_ROLES)
    if scope.pemda_wide(PEMDA_ENTRY_ROLES):
        q |= Q(opd_id=scope.pemda_id)
    return q


def verify_queue(*, user) -> QuerySet[Realisation]:
    """Submitted realisations this user may verify (may_verify() as one filter)."""
    scope = get_scope(user)
    if scope.pemda_id is None:
        return Realisation.objects.none()
    return (
        Realisation.objects.filter(pemda_id=scope.pemda_id, status=RealisationStatus.SUBMITTED)
        .filter(_verify_q(scope))
        .select_related("indicator", "indicator__node", "indicator__scale", "opd", "entered_by")
        .order_by("opd__lft", "year", "quarter", "indicator__node__lft", "indicator__sort_order")
    )


def waiting_groups(*, user) -> list[dict]:
    """What waits for the user, one entry per OPD, year, quarter and status: submitted rows they
    may verify and returned rows they may correct. One query."""
    from django.db.models import Count, Max

    scope = get_scope(user)
    if scope.pemda_id is None or not scope.grants:
        return []
    q = Q(status=RealisationStatus.SUBMITTED) & _verify_q(scope)
    q |= Q(status=RealisationStatus.RETURNED) & _entry_q(scope)
    return list(
        Realisation.objects.filter(pemda_id=scope.pemda_id)
        .filter(q)
        .values("opd__code", "opd__name", "year", "quarter", "status")
        .annotate(count=Count("id"), since=Max("updated_at"))
        .order_by("opd__name", "year", "quarter", "status")
    )
