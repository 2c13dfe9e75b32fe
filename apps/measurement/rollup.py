"""Roll-up of capaian up the pohon kinerja, and efficiency (capaian against budget absorption).

The rule (issue 5, point 5; DOMAIN.md "Measurement"):

* a node with indicators whose capaian is defined takes the plain mean of those capaian (every
  indicator of a node weighs the same);
* a node without such indicators takes the weighted mean of its children's capaian, each child
  weighted by its `Node.weight` (1 by default, edited by Bappeda on the weights page); a child
  whose capaian is undefined is left out together with its weight (`capaian.weighted_mean`);
* in the Pemda tree an RPJMD statement's children are its own children plus the OPD tujuan and
  sasaran that cascade from it (`Node.pemda_sasaran`), so a Pemda sasaran without measured
  indicators of its own shows how its OPDs are doing.

Which capaian: the roll-up, the OPD ranking and efficiency are index calculations, so they use
the *capped* capaian of each indicator (`Result.capaian_capped`: the Pemda's optional cap, 110 or
120, from `selectors.rules_for`); without a cap configured that is the plain value. Tables of
single indicators always show the uncapped capaian (reports are never capped).

Which realisations: by default every entered realisation counts (draft, submitted, returned or
verified; the dashboards mark each value's status); with `verified_only` only verified values
count — that is what official figures (the LKjIP) use.

`roll_up()` and `efficiency_rows()` are pure; `load_rollup()` and `load_budget()` read the data
in a constant number of queries (measures: six; rules: one; nodes: one; cascading links: one;
budget: two) whatever the size of the trees.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Q

from apps.measurement import capaian as engine
from apps.measurement import selectors
from apps.measurement.models import BudgetRealisation, RealisationStatus
from apps.measurement.selectors import Measure, Result
from apps.performance.models import Node, NodeLevel, RenjaLine

ONE = Decimal(1)


@dataclass(frozen=True)
class NodeRow:
    """What the roll-up needs of a statement (one row of the node query)."""

    id: int
    code: str
    parent_id: int | None
    tree_id: int
    lft: int
    level: str
    statement: str
    number: str = ""
    opd_id: int | None = None
    opd_name: str = ""
    weight: Decimal = ONE
    is_rpjmd: bool = False
    cascades_to: tuple[int, ...] = ()
    nomenclature: str = ""


@dataclass
class NodeValue:
    row: NodeRow
    capaian: Decimal | None
    from_indicators: bool  # True: mean of own indicators; False: weighted mean of children

    @property
    def predicate(self) -> tuple[str, str] | None:
        return engine.predicate(self.capaian)

    @property
    def colour(self) -> str:
        band = self.predicate
        return band[0] if band else "none"


def roll_up(
    nodes: Sequence[NodeRow], indicator_values: Mapping[int, Sequence[Decimal | None]]
) -> dict[int, NodeValue]:
    """Capaian of every node (pure). `indicator_values` maps a node id to the capaian of its
    indicators (None where undefined)."""
    by_id = {n.id: n for n in nodes}
    children: dict[int, list[int]] = defaultdict(list)
    for n in nodes:
        if n.parent_id in by_id:
            children[n.parent_id].append(n.id)
        for target in n.cascades_to:
            if target in by_id and by_id[target].is_rpjmd and not n.is_rpjmd:
                children[target].append(n.id)
    # Children before parents: within a tree a child's lft is above its parent's; OPD trees come
    # before the RPJMD tree, whose statements may take cascaded OPD statements as children.
    order = sorted(nodes, key=lambda n: (n.is_rpjmd, n.tree_id, -n.lft))
    out: dict[int, NodeValue] = {}
    for n in order:
        own = [v for v in indicator_values.get(n.id, ()) if v is not None]
        if own:
            value = engine._q(sum(own, Decimal(0)) / len(own))
            out[n.id] = NodeValue(n, value, True)
            continue
        pairs = [
            (out[c].capaian if c in out else None, by_id[c].weight) for c in children.get(n.id, [])
        ]
        out[n.id] = NodeValue(n, engine.weighted_mean(pairs), False)
    return out


def mean(values: Iterable[Decimal | None]) -> Decimal | None:
    """Plain mean of the defined values (None when there is none)."""
    defined = [v for v in values if v is not None]
    if not defined:
        return None
    return engine._q(sum(defined, Decimal(0)) / len(defined))


# --- loading ----------------------------------------------------------------------------------


@dataclass
class MeasureFigure:
    """One indicator's figures for a dashboard: the aggregate up to the quarter and each TW."""

    measure: Measure
    result: Result
    quarters: dict[int, Decimal | None]  # TW → that quarter's own capaian (uncapped)
    statuses: dict[int, str]

    @property
    def indicator(self):
        return self.measure.indicator


@dataclass
class Rollup:
    year: int
    up_to_quarter: int
    rules: engine.Rules
    verified_only: bool
    nodes: list[NodeRow]  # tree order
    values: dict[int, NodeValue]
    figures: list[MeasureFigure]
    figures_by_node: dict[int, list[MeasureFigure]] = field(default_factory=dict)

    def value(self, node_id: int) -> Decimal | None:
        item = self.values.get(node_id)
        return item.capaian if item else None

    def opd_mean(self, opd_id: int) -> Decimal | None:
        """Mean capped capaian of an OPD's measured indicators (the ranking figure)."""
        return self.opd_means().get(opd_id)

    def opd_means(self) -> dict[int | None, Decimal | None]:
        """opd_mean of every OPD with indicators, in one pass over the figures (a province
        ranks 70 OPDs over 20,000 indicators)."""
        by_opd: dict[int | None, list[Decimal | None]] = defaultdict(list)
        for f in self.figures:
            by_opd[f.measure.opd_id].append(f.result.capaian_capped)
        return {opd_id: mean(values) for opd_id, values in by_opd.items()}


def figures_of(
    measures: Sequence[Measure],
    *,
    up_to_quarter: int,
    rules: engine.Rules,
) -> list[MeasureFigure]:
    return [
        MeasureFigure(
            measure=m,
            result=m.result(up_to_quarter, rules),
            quarters={q: m.capaian_of_quarter(q, rules) for q in m.quarters},
            statuses={q: r.status for q, r in m.realisations.items()},
        )
        for m in measures
    ]


def _period_q(year: int) -> Q:
    return Q(renstra__period__start_year__lte=year, renstra__period__end_year__gte=year) | Q(
        rpjmd__period__start_year__lte=year, rpjmd__period__end_year__gte=year
    )


def load_nodes(
    *, pemda_id: int, year: int, opd_ids: Iterable[int] | None = None, pemda_level: bool = True
) -> list[NodeRow]:
    """The statements of the Renstra and RPJMD trees of the period containing `year` (every
    OPD's when `opd_ids` is None), in tree order. Two queries (nodes, cascading links)."""
    unit_q = Q(pk__in=[])
    if opd_ids is None:
        unit_q |= Q(renstra__isnull=False)
    else:
        unit_q |= Q(renstra__opd_id__in=list(opd_ids))
    if pemda_level:
        unit_q |= Q(rpjmd__isnull=False)
    rows = list(
        Node.objects.filter(pemda_id=pemda_id)
        .filter(_period_q(year))
        .filter(unit_q)
        .order_by("rpjmd_id", "tree_id", "lft")
        .values(
            "id",
            "code",
            "parent_id",
            "tree_id",
            "lft",
            "node_level",
            "statement",
            "number",
            "renstra__opd_id",
            "renstra__opd__name",
            "weight",
            "rpjmd_id",
            "nomenclature__code",
        )
    )
    links: dict[int, list[int]] = defaultdict(list)
    if pemda_level and rows:
        through = Node.pemda_sasaran.through
        for from_id, to_id in through.objects.filter(from_node__pemda_id=pemda_id).values_list(
            "from_node_id", "to_node_id"
        ):
            links[from_id].append(to_id)
    # OPD trees first (by OPD name), then the RPJMD tree, each in tree order.
    rows.sort(key=lambda r: (r["rpjmd_id"] is not None, r["tree_id"], r["lft"]))
    return [
        NodeRow(
            id=r["id"],
            code=str(r["code"]),
            parent_id=r["parent_id"],
            tree_id=r["tree_id"],
            lft=r["lft"],
            level=r["node_level"],
            statement=r["statement"],
            number=r["number"],
            opd_id=r["renstra__opd_id"],
            opd_name=r["renstra__opd__name"] or "",
            weight=r["weight"] if r["weight"] is not None else ONE,
            is_rpjmd=r["rpjmd_id"] is not None,
            cascades_to=tuple(links.get(r["id"], ())),
            nomenclature=r["nomenclature__code"] or "",
        )
        for r in rows
    ]


def load_rollup(
    *,
    pemda_id: int,
    year: int,
    up_to_quarter: int = 4,
    opd_ids: Iterable[int] | None = None,
    pemda_level: bool = True,
    verified_only: bool = False,
    detail: Callable[[list[NodeRow]], set[int]] | None = None,
) -> Rollup:
    """Every measured indicator and every statement of the year's trees with its capaian up to
    `up_to_quarter` (4: the year). Nine queries at most, whatever the size; six more with
    `detail`.

    `detail`, given the statements, names those whose indicators the caller shows: only theirs
    are read in full (model instances, each quarter's capaian and status); every other
    indicator is read as a plain row (selectors.PlainIndicator) and its figure holds its result
    only (no quarters, no statuses). A province has 20,000 indicators; a page or a report shows
    a few hundred of them, the rest only feed the roll-up and the counts."""
    opd_ids = list(opd_ids) if opd_ids is not None else None
    rules = selectors.rules_for(pemda_id)
    scope = {
        "pemda_id": pemda_id,
        "year": year,
        "opd_ids": opd_ids,
        "pemda_level": pemda_level,
        "light": True,
        # Only verified realisations count: the others are not read at all.
        "statuses": [RealisationStatus.VERIFIED] if verified_only else None,
    }
    nodes = load_nodes(pemda_id=pemda_id, year=year, opd_ids=opd_ids, pemda_level=pemda_level)
    if detail is None:
        figures = figures_of(selectors.measures(**scope), up_to_quarter=up_to_quarter, rules=rules)
    else:
        shown = detail(nodes)
        measures = selectors.measures(**scope, plain=True)
        shown_ids = [m.indicator.pk for m in measures if m.node.pk in shown]
        full = {
            f.measure.indicator.pk: f
            for f in figures_of(
                selectors.measures(**scope, indicator_ids=shown_ids) if shown_ids else [],
                up_to_quarter=up_to_quarter,
                rules=rules,
            )
        }
        # In the order of the measured set (tree order), as without `detail`.
        figures = [
            full.get(m.indicator.pk) or MeasureFigure(m, m.result(up_to_quarter, rules), {}, {})
            for m in measures
        ]
    by_node: dict[int, list[MeasureFigure]] = defaultdict(list)
    for f in figures:
        by_node[f.measure.node.pk].append(f)
    values = roll_up(
        nodes,
        {node_id: [f.result.capaian_capped for f in fs] for node_id, fs in by_node.items()},
    )
    return Rollup(
        year=year,
        up_to_quarter=up_to_quarter,
        rules=rules,
        verified_only=verified_only,
        nodes=nodes,
        values=values,
        figures=figures,
        figures_by_node=dict(by_node),
    )


# --- budget and efficiency --------------------------------------------------------------------


@dataclass
class Budget:
    """Pagu (current Renja) and budget realisation per sub kegiatan node, per quarter."""

    pagu: dict[int, Decimal]
    spent: dict[int, dict[int, Decimal]]  # node → quarter → amount
    opd_of: dict[int, int | None]

    def spent_until(self, node_id: int, quarter: int) -> Decimal:
        return sum((a for q, a in self.spent.get(node_id, {}).items() if q <= quarter), Decimal(0))


def load_budget(*, pemda_id: int, year: int, opd_ids: Iterable[int] | None = None) -> Budget:
    """Two queries: the pagu of the current Renja's sub kegiatan lines, and the budget
    realisations of the year."""
    lines = RenjaLine.objects.filter(
        pemda_id=pemda_id,
        renja__year=year,
        renja__is_current=True,
        node__node_level=NodeLevel.SUBKEGIATAN,
        pagu__isnull=False,
    )
    spent_qs = BudgetRealisation.objects.filter(pemda_id=pemda_id, year=year)
    if opd_ids is not None:
        opd_ids = list(opd_ids)
        lines = lines.filter(renja__renstra__opd_id__in=opd_ids)
        spent_qs = spent_qs.filter(node__renstra__opd_id__in=opd_ids)
    pagu: dict[int, Decimal] = {}
    opd_of: dict[int, int | None] = {}
    for node_id, amount, opd_id in lines.values_list("node_id", "pagu", "renja__renstra__opd_id"):
        pagu[node_id] = pagu.get(node_id, Decimal(0)) + amount
        opd_of[node_id] = opd_id
    spent: dict[int, dict[int, Decimal]] = defaultdict(dict)
    for node_id, quarter, amount, opd_id in spent_qs.values_list(
        "node_id", "quarter", "amount", "node__renstra__opd_id"
    ):
        spent[node_id][quarter] = spent[node_id].get(quarter, Decimal(0)) + amount
        opd_of.setdefault(node_id, opd_id)
    return Budget(pagu=pagu, spent=dict(spent), opd_of=opd_of)


@dataclass
class EfficiencyRow:
    node: NodeRow
    depth: int
    capaian: Decimal | None
    pagu: Decimal
    spent: Decimal
    absorption: Decimal | None
    efficiency: Decimal | None

    @property
    def level_label(self) -> str:
        return str(NodeLevel(self.node.level).label)


def efficiency_rows(
    rollup: Rollup, budget: Budget, *, levels=(NodeLevel.SASARAN, NodeLevel.PROGRAM)
) -> list[EfficiencyRow]:
    """Per sasaran and program of the OPD trees (tree order): the rolled-up capaian, the pagu
    and spending of the sub kegiatan under it (up to the roll-up's quarter), absorption and
    efficiency (capaian ÷ absorption × 100). Pure."""
    by_id = {n.id: n for n in rollup.nodes}
    pagu: dict[int, Decimal] = defaultdict(Decimal)
    spent: dict[int, Decimal] = defaultdict(Decimal)
    for node_id in set(budget.pagu) | set(budget.spent):
        amount_pagu = budget.pagu.get(node_id, Decimal(0))
        amount_spent = budget.spent_until(node_id, rollup.up_to_quarter)
        current = by_id.get(node_id)
        while current is not None:
            pagu[current.id] += amount_pagu
            spent[current.id] += amount_spent
            current = by_id.get(current.parent_id) if current.parent_id else None
    depth: dict[int, int] = {}
    out = []
    for n in rollup.nodes:
        depth[n.id] = depth.get(n.parent_id, -1) + 1 if n.parent_id in depth else 0
        if n.is_rpjmd or n.level not in levels:
            continue
        value = rollup.value(n.id)
        absorbed = engine.absorption(spent=spent.get(n.id, Decimal(0)), pagu=pagu.get(n.id))
        out.append(
            EfficiencyRow(
                node=n,
                depth=depth[n.id],
                capaian=value,
                pagu=pagu.get(n.id, Decimal(0)),
                spent=spent.get(n.id, Decimal(0)),
                absorption=absorbed,
                efficiency=engine.efficiency(capaian_value=value, absorption_value=absorbed),
            )
        )
    return out
