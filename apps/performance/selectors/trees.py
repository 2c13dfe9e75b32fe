"""The tree pages' data: an OPD's pohon kinerja, the RPJMD tree, the Pemda-wide tree stitched
from the RPJMD and every Renstra in scope, the cascading matrix, the quality findings and the
"efektivitas dan efisiensi anggaran" table.

Each runs a constant number of SQL queries whatever the size of the trees (DESIGN.md "The tree":
a province has ~70 OPD and ~10,000 statements): one query per table, grouped in Python. Nothing
here runs a query per node; the query counts are pinned by tests at two data sizes.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Exists, OuterRef, Q
from django.http import Http404

from apps.organisations.access import get_scope
from apps.organisations.models import PlanPeriod
from apps.performance import quality
from apps.performance.models import (
    Crosscut,
    FindingDismissal,
    Indicator,
    Node,
    NodeBudget,
    NodeLevel,
    RenjaLine,
    ReviewComment,
    Strategy,
    Target,
)
from apps.performance.services.indicators import target_display
from apps.planning.models import Renstra, Rpjmd
from apps.planning.selectors import (
    get_renstra_for_user,
    may_review_renstra,
    may_write_renstra,
    may_write_rpjmd,
)

_NODE_RELATED = ("owner_position", "owner_unit", "nomenclature", "opd")


# --- shapes ----------------------------------------------------------------------------------


@dataclass
class IndicatorView:
    indicator: Indicator
    targets: dict[int, Target]
    year: int | None = None

    @property
    def target(self) -> Target | None:
        """The target of the selected year."""
        return self.targets.get(self.year) if self.year is not None else None

    @property
    def target_text(self) -> str:
        t = self.target
        return target_display(t.value, t.value_max, t.text_value) if t else ""


@dataclass
class TreeNode:
    node: Node
    depth: int
    indicators: list[IndicatorView] = field(default_factory=list)
    budgets: dict[int, Decimal] = field(default_factory=dict)
    pagu: Decimal | None = None
    pemda_sasaran: list[Node] = field(default_factory=list)
    crosscuts_out: list[Crosscut] = field(default_factory=list)
    crosscuts_in: list[Crosscut] = field(default_factory=list)
    findings: list[quality.Finding] = field(default_factory=list)
    comments: list[ReviewComment] = field(default_factory=list)
    strategies: list[Strategy] = field(default_factory=list)
    children: list[TreeNode] = field(default_factory=list)
    # In the Pemda-wide tree: OPD statements cascading from this RPJMD sasaran.
    cascaded: list[TreeNode] = field(default_factory=list)
    opd_name: str = ""
    # On the Pemda-wide page: a collapsed OPD statement whose subtree is loaded on demand, with
    # the number of statements below it (None: an item shown with its children).
    below: int | None = None

    @property
    def code(self) -> str:
        return str(self.node.code)

    @property
    def open_findings(self) -> list[quality.Finding]:
        return [f for f in self.findings if not f.dismissed]

    def budget(self, year: int | None) -> Decimal | None:
        return self.budgets.get(year) if year is not None else None

    def as_dict(self, year: int | None = None) -> dict[str, Any]:
        """JSON-ready (json_script) for the ECharts tree and the API."""
        node = self.node
        return {
            "code": self.code,
            "name": node.statement,
            "level": node.node_level,
            "number": node.number,
            "opd": self.opd_name,
            "owner": node.owner_position.title if node.owner_position_id else "",
            "nomenclature": node.nomenclature.code if node.nomenclature_id else "",
            "indicators": [
                {
                    "name": view.indicator.name,
                    "unit": view.indicator.unit,
                    "target": view.target_text,
                    "iku": view.indicator.is_iku,
                }
                for view in self.indicators
            ],
            "findings": len(self.open_findings),
            "children": [child.as_dict(year) for child in self.children]
            + [child.as_dict(year) for child in self.cascaded],
        }


def walk(roots: list[TreeNode], depth: int = 0) -> Iterator[tuple[TreeNode, int]]:
    """Depth-first (item, depth) over own children, then cascaded OPD statements."""
    stack = [(root, depth) for root in reversed(roots)]
    while stack:
        item, level = stack.pop()
        yield item, level
        for child in reversed(item.children + item.cascaded):
            stack.append((child, level + 1))


@dataclass
class OpdTree:
    renstra: Renstra
    year: int | None
    root: TreeNode
    nodes: list[TreeNode]  # tree order
    findings: list[quality.Finding]
    crosscuts_in: list[Crosscut]
    crosscuts_out: list[Crosscut]
    may_write: bool
    may_review: bool

    def as_dict(self) -> dict[str, Any]:
        return self.root.as_dict(self.year)


@dataclass
class RpjmdTree:
    rpjmd: Rpjmd
    year: int | None
    root: TreeNode
    nodes: list[TreeNode]
    findings: list[quality.Finding]
    may_write: bool


@dataclass
class OpdBranch:
    renstra: Renstra
    root: TreeNode
    unlinked: list[TreeNode]  # tujuan/sasaran reaching no RPJMD sasaran


@dataclass
class PemdaTree:
    period: PlanPeriod
    year: int
    rpjmd: Rpjmd | None
    root: TreeNode | None
    opds: list[OpdBranch]
    findings: list[quality.Finding]
    node_count: int

    def walk(self) -> Iterator[tuple[TreeNode, int]]:
        if self.root is not None:
            yield from walk([self.root])

    def as_dict(self) -> dict[str, Any]:
        return self.root.as_dict(self.year) if self.root else {}


@dataclass
class MatrixRow:
    node: Node
    depth: int
    level: str
    code: str  # nomenclature code for program/kegiatan/sub kegiatan, else the node number
    statement: str
    indicators: list[IndicatorView]
    owner: str
    pagu: Decimal | None
    findings: int


# --- loading ---------------------------------------------------------------------------------


@dataclass
class _Bundle:
    nodes: list[Node]
    links: dict[int, list[int]]
    link_nodes: dict[int, Node]
    indicators: dict[int, list[Indicator]]
    targets: dict[int, dict[int, Target]]
    target_years: dict[int, set[int]]
    budgets: dict[int, dict[int, Decimal]]
    dismissals: dict[tuple[int, str, str], str]


def _scope_q(prefix: str, *, renstra_ids=None, rpjmd_id=None, node_ids=None) -> Q:
    q = Q(pk__in=[])
    if node_ids is not None:
        q |= Q(**{f"{prefix}pk__in": node_ids})
    if renstra_ids is not None:
        q |= Q(**{f"{prefix}renstra_id__in": renstra_ids})
    if rpjmd_id is not None:
        q |= Q(**{f"{prefix}rpjmd_id": rpjmd_id})
    return q


def _load(
    *,
    renstra_ids=None,
    rpjmd_id: int | None = None,
    node_ids=None,
    year: int | None = None,
    link_nodes: bool = False,
) -> _Bundle:
    """Statements of Renstras, of an RPJMD and/or given by id (`node_ids`: a list or a values
    subquery). Six or seven queries: nodes, cascading links, indicators, targets (all years, or the
    year's plus a light (indicator, year) list), budgets, dismissals."""
    nodes = list(
        Node.objects.filter(
            _scope_q("", renstra_ids=renstra_ids, rpjmd_id=rpjmd_id, node_ids=node_ids)
        )
        .select_related(*_NODE_RELATED)
        .order_by("tree_id", "lft")
    )
    through = Node.pemda_sasaran.through
    link_q = _scope_q("from_node__", renstra_ids=renstra_ids, rpjmd_id=rpjmd_id, node_ids=node_ids)
    links: dict[int, list[int]] = defaultdict(list)
    targets_of_links: dict[int, Node] = {}
    if link_nodes:
        for row in through.objects.filter(link_q).select_related("to_node"):
            links[row.from_node_id].append(row.to_node_id)
            targets_of_links[row.to_node_id] = row.to_node
    else:
        for from_id, to_id in through.objects.filter(link_q).values_list(
            "from_node_id", "to_node_id"
        ):
            links[from_id].append(to_id)
    indicators: dict[int, list[Indicator]] = defaultdict(list)
    for indicator in (
        Indicator.objects.filter(
            _scope_q("node__", renstra_ids=renstra_ids, rpjmd_id=rpjmd_id, node_ids=node_ids)
        )
        .select_related("responsible_position", "scale")
        .order_by("node_id", "sort_order", "id")
    ):
        indicators[indicator.node_id].append(indicator)
    target_q = _scope_q(
        "indicator__node__", renstra_ids=renstra_ids, rpjmd_id=rpjmd_id, node_ids=node_ids
    )
    targets: dict[int, dict[int, Target]] = defaultdict(dict)
    target_years: dict[int, set[int]] = defaultdict(set)
    if year is None:
        for target in Target.objects.filter(target_q):
            targets[target.indicator_id][target.year] = target
            if target.value is not None or target.text_value:
                target_years[target.indicator_id].add(target.year)
    else:
        for target in Target.objects.filter(target_q, year=year):
            targets[target.indicator_id][target.year] = target
        for indicator_id, target_year in (
            Target.objects.filter(target_q)
            .filter(Q(value__isnull=False) | ~Q(text_value=""))
            .values_list("indicator_id", "year")
        ):
            target_years[indicator_id].add(target_year)
    budgets: dict[int, dict[int, Decimal]] = defaultdict(dict)
    for node_id, budget_year, amount in NodeBudget.objects.filter(
        _scope_q("node__", renstra_ids=renstra_ids, rpjmd_id=rpjmd_id, node_ids=node_ids)
    ).values_list("node_id", "year", "amount"):
        budgets[node_id][budget_year] = amount
    dismissals = {
        (node_id, rule, subject): note
        for node_id, rule, subject, note in FindingDismissal.objects.filter(
            _scope_q("node__", renstra_ids=renstra_ids, rpjmd_id=rpjmd_id, node_ids=node_ids)
        ).values_list("node_id", "rule", "subject", "note")
    }
    return _Bundle(
        nodes=nodes,
        links=links,
        link_nodes=targets_of_links,
        indicators=indicators,
        targets=targets,
        target_years=target_years,
        budgets=budgets,
        dismissals=dismissals,
    )


def _quality_input(bundle: _Bundle, years) -> quality.QualityInput:
    return quality.QualityInput(
        nodes=[
            quality.QNode(
                id=n.pk,
                code=str(n.code),
                parent_id=n.parent_id,
                node_level=n.node_level,
                result_level=n.result_level,
                statement=n.statement,
                renstra_id=n.renstra_id,
                cascades_to=tuple(bundle.links.get(n.pk, ())),
            )
            for n in bundle.nodes
        ],
        indicators=[
            quality.QIndicator(
                id=i.pk,
                code=str(i.code),
                node_id=i.node_id,
                name=i.name,
                unit=i.unit,
                formula=i.formula,
                definition=i.definition,
                value_type=i.value_type,
                target_years=frozenset(bundle.target_years.get(i.pk, ())),
            )
            for group in bundle.indicators.values()
            for i in group
        ],
        years=tuple(years),
        budgets=dict(bundle.budgets),
        dismissals=bundle.dismissals,
    )


def _tree_nodes(bundle: _Bundle, year: int | None) -> dict[int, TreeNode]:
    """TreeNode per node with indicators, budgets and own children linked (tree order)."""
    items: dict[int, TreeNode] = {}
    for node in bundle.nodes:
        item = TreeNode(
            node=node,
            depth=node.level,
            indicators=[
                IndicatorView(indicator=i, targets=bundle.targets.get(i.pk, {}), year=year)
                for i in bundle.indicators.get(node.pk, [])
            ],
            budgets=bundle.budgets.get(node.pk, {}),
            pemda_sasaran=[
                bundle.link_nodes[t]
                for t in bundle.links.get(node.pk, [])
                if t in bundle.link_nodes
            ],
        )
        items[node.pk] = item
        parent = items.get(node.parent_id) if node.parent_id else None
        if parent is not None:
            parent.children.append(item)
    return items


def _default_year(period: PlanPeriod) -> int:
    this_year = dt.date.today().year
    return this_year if this_year in period.years else period.start_year


# --- an OPD's tree ---------------------------------------------------------------------------


def opd_tree(
    *, user, renstra: Renstra, year: int | None = None, include_dismissed: bool = True
) -> OpdTree:
    """The Renstra's statements in tree order with owner, nomenclature, indicators and targets
    (every year; `target` of each indicator is `year`'s), budgets, the year's Renja pagu,
    cascading links to the RPJMD, crosscutting links out and in, review comments and quality
    findings. Twelve queries whatever the size of the tree."""
    renstra = get_renstra_for_user(user, renstra.code)  # 404 outside the scope
    bundle = _load(renstra_ids=[renstra.pk], link_nodes=True)
    items = _tree_nodes(bundle, year)
    crosscuts_out = list(
        Crosscut.objects.filter(source__renstra=renstra)
        .select_related("source", "target__renstra__opd")
        .order_by("id")
    )
    crosscuts_in = list(
        Crosscut.objects.filter(target__renstra=renstra)
        .select_related("target", "source__renstra__opd")
        .order_by("id")
    )
    for crosscut in crosscuts_out:
        if crosscut.source_id in items:
            items[crosscut.source_id].crosscuts_out.append(crosscut)
    for crosscut in crosscuts_in:
        if crosscut.target_id in items:
            items[crosscut.target_id].crosscuts_in.append(crosscut)
    for comment in ReviewComment.objects.filter(renstra=renstra).select_related("author"):
        if comment.node_id in items:
            items[comment.node_id].comments.append(comment)
    if year is not None:
        for node_id, pagu in RenjaLine.objects.filter(
            renja__renstra=renstra, renja__year=year, renja__is_current=True
        ).values_list("node_id", "pagu"):
            if node_id in items:
                items[node_id].pagu = pagu
    findings = quality.run_checks(
        _quality_input(bundle, renstra.period.years), include_dismissed=include_dismissed
    )
    for finding in findings:
        items[finding.node_id].findings.append(finding)
    ordered = [items[n.pk] for n in bundle.nodes]
    root = ordered[0]
    for item in ordered:
        item.opd_name = renstra.opd.name
    return OpdTree(
        renstra=renstra,
        year=year,
        root=root,
        nodes=ordered,
        findings=findings,
        crosscuts_in=crosscuts_in,
        crosscuts_out=crosscuts_out,
        may_write=may_write_renstra(user, renstra),
        may_review=may_review_renstra(user, renstra),
    )


def cascading_matrix(*, user, renstra: Renstra, year: int) -> list[MatrixRow]:
    """The cascading matrix (issue 3, item 5): tujuan → sasaran → program → kegiatan → sub
    kegiatan with indicators and the year's targets, owner, and pagu (the current Renja's pagu,
    else the indicative budget of the year)."""
    tree = opd_tree(user=user, renstra=renstra, year=year)
    rows = []
    for item in tree.nodes[1:]:
        node = item.node
        pagu = item.pagu if item.pagu is not None else item.budgets.get(year)
        rows.append(
            MatrixRow(
                node=node,
                depth=item.depth - 1,
                level=node.node_level,
                code=node.nomenclature.code if node.nomenclature_id else node.number,
                statement=node.statement,
                indicators=item.indicators,
                owner=node.owner_position.title if node.owner_position_id else "",
                pagu=pagu,
                findings=len(item.open_findings),
            )
        )
    return rows


def renstra_findings(
    *, user, renstra: Renstra, include_dismissed: bool = True
) -> list[quality.Finding]:
    renstra = get_renstra_for_user(user, renstra.code)
    bundle = _load(renstra_ids=[renstra.pk])
    return quality.run_checks(
        _quality_input(bundle, renstra.period.years), include_dismissed=include_dismissed
    )


def budget_table(*, user, renstra: Renstra, year: int) -> quality.BudgetTable:
    """The "efektivitas dan efisiensi anggaran" table of one year: the current Renja's pagu when
    the year has a Renja, else the Renstra's indicative budget."""
    renstra = get_renstra_for_user(user, renstra.code)
    bundle = _load(renstra_ids=[renstra.pk])
    pagu = dict(
        RenjaLine.objects.filter(
            renja__renstra=renstra, renja__year=year, renja__is_current=True, pagu__isnull=False
        ).values_list("node_id", "pagu")
    )
    data = _quality_input(bundle, renstra.period.years)
    return quality.budget_relevance(data, year, amounts=pagu or None)


# --- the RPJMD tree --------------------------------------------------------------------------


def rpjmd_tree(*, user, rpjmd: Rpjmd, year: int | None = None) -> RpjmdTree:
    """The RPJMD: visi → misi → tujuan → sasaran (strategi, arah kebijakan) → programs with
    their OPD, indicators and targets, findings. Constant queries."""
    scope = get_scope(user)
    if scope.pemda_id != rpjmd.pemda_id or not scope.grants:
        raise Http404
    bundle = _load(rpjmd_id=rpjmd.pk)
    items = _tree_nodes(bundle, year)
    for strategy in Strategy.objects.filter(node__rpjmd=rpjmd).order_by(
        "node_id", "kind", "sort_order", "id"
    ):
        items[strategy.node_id].strategies.append(strategy)
    findings = quality.run_checks(_quality_input(bundle, rpjmd.period.years))
    for finding in findings:
        items[finding.node_id].findings.append(finding)
    ordered = [items[n.pk] for n in bundle.nodes]
    return RpjmdTree(
        rpjmd=rpjmd,
        year=year,
        root=ordered[0],
        nodes=ordered,
        findings=findings,
        may_write=may_write_rpjmd(user),
    )


# --- the Pemda-wide tree ---------------------------------------------------------------------


def _pemda_documents(user, period: PlanPeriod, year: int | None):
    """The year (the default one when None), the RPJMD and the Renstras in the user's scope of
    a Pemda-wide tree; 404 outside the user's Pemda or without a grant. Three queries."""
    scope = get_scope(user)
    if scope.pemda_id != period.pemda_id or not scope.grants:
        raise Http404
    year = year if year is not None else _default_year(period)
    rpjmd = Rpjmd.objects.filter(period=period).first()
    renstras = list(
        scope.filter(Renstra.objects.filter(period=period), path="opd")
        .select_related("opd")
        .order_by("opd__lft")
    )
    return year, rpjmd, renstras


def pemda_tree(
    *, user, period: PlanPeriod, year: int | None = None, with_findings: bool = True
) -> PemdaTree:
    """The whole Pemda's pohon kinerja for a period: the RPJMD tree, and under each RPJMD
    sasaran the OPD tujuan/sasaran that cascade from it (with everything under them), for every
    Renstra in the user's scope (all of them for the Pemda-wide roles). OPD statements linked to
    no RPJMD sasaran are listed per OPD. Twelve queries whatever the number of OPDs and
    statements."""
    year, rpjmd, renstras = _pemda_documents(user, period, year)
    renstra_ids = [r.pk for r in renstras]
    bundle = _load(renstra_ids=renstra_ids, rpjmd_id=rpjmd.pk if rpjmd else None, year=year)
    items = _tree_nodes(bundle, year)
    by_renstra = {r.pk: r for r in renstras}
    for item in items.values():
        if item.node.renstra_id is not None:
            item.opd_name = by_renstra[item.node.renstra_id].opd.name
    for crosscut in Crosscut.objects.filter(
        Q(source__renstra_id__in=renstra_ids) | Q(target__renstra_id__in=renstra_ids)
    ).select_related("source__renstra__opd", "target__renstra__opd"):
        if crosscut.source_id in items:
            items[crosscut.source_id].crosscuts_out.append(crosscut)
        if crosscut.target_id in items:
            items[crosscut.target_id].crosscuts_in.append(crosscut)
    findings: list[quality.Finding] = []
    if with_findings:
        findings = quality.run_checks(_quality_input(bundle, period.years))
        for finding in findings:
            items[finding.node_id].findings.append(finding)
    root = None
    if rpjmd is not None:
        roots = [
            items[n.pk] for n in bundle.nodes if n.rpjmd_id == rpjmd.pk and n.parent_id is None
        ]
        root = roots[0] if roots else None
    # Stitch: an OPD statement hangs under each RPJMD sasaran it cascades from, unless a
    # statement above it in its own tree already cascades from the same sasaran.
    branches: dict[int, OpdBranch] = {}
    linked_above: dict[int, set[int]] = {}
    for node in bundle.nodes:
        if node.renstra_id is None:
            continue
        item = items[node.pk]
        inherited = linked_above.get(node.parent_id, set()) if node.parent_id else set()
        own = set(bundle.links.get(node.pk, ()))
        linked_above[node.pk] = inherited | own
        if node.parent_id is None:
            branches[node.renstra_id] = OpdBranch(
                renstra=by_renstra[node.renstra_id], root=item, unlinked=[]
            )
            continue
        for sasaran_id in sorted(own - inherited):
            if sasaran_id in items:
                items[sasaran_id].cascaded.append(item)
        if (
            node.node_level in {NodeLevel.TUJUAN, NodeLevel.SASARAN}
            and not own
            and not inherited
            and items[node.parent_id].node.node_level == NodeLevel.OPD
        ):
            branches[node.renstra_id].unlinked.append(item)
    return PemdaTree(
        period=period,
        year=year,
        rpjmd=rpjmd,
        root=root,
        opds=[branches[r.pk] for r in renstras if r.pk in branches],
        findings=findings,
        node_count=len(bundle.nodes),
    )


# --- the Pemda-wide page: the RPJMD in full, the OPD branches collapsed ----------------------


def pemda_outline(*, user, period: PlanPeriod, year: int | None = None) -> PemdaTree:
    """The bounded Pemda-wide tree of the page: the RPJMD tree in full (indicators, targets,
    findings) and under each RPJMD sasaran the OPD statements cascading from it as heads
    without their subtree (`TreeNode.below` holds how many statements are under each; the page
    loads a head's subtree on demand, `opd_branch`). The OPD tujuan/sasaran linked to no RPJMD
    sasaran are the heads of `OpdBranch.unlinked`. `node_count` counts every statement in
    scope. Fourteen queries whatever the number of OPDs and statements; what it reads grows
    with the RPJMD and the number of heads, not with the OPD trees below them.

    The same stitching rule as `pemda_tree`: a statement hangs under an RPJMD sasaran it
    cascades from unless a statement above it in its own tree already cascades from it."""
    year, rpjmd, renstras = _pemda_documents(user, period, year)
    renstra_ids = [r.pk for r in renstras]
    by_renstra = {r.pk: r for r in renstras}
    rpjmd_id = rpjmd.pk if rpjmd else None
    node_count = Node.objects.filter(
        _scope_q("", renstra_ids=renstra_ids, rpjmd_id=rpjmd_id)
    ).count()
    items: dict[int, TreeNode] = {}
    findings: list[quality.Finding] = []
    root = None
    if rpjmd is not None:
        bundle = _load(rpjmd_id=rpjmd.pk, year=year)
        items = _tree_nodes(bundle, year)
        findings = quality.run_checks(_quality_input(bundle, period.years))
        for finding in findings:
            items[finding.node_id].findings.append(finding)
        roots = [items[n.pk] for n in bundle.nodes if n.parent_id is None]
        root = roots[0] if roots else None
    # The cascading links of the OPD statements, with where each statement sits in its tree.
    links = list(
        Node.pemda_sasaran.through.objects.filter(from_node__renstra_id__in=renstra_ids)
        .values_list(
            "from_node_id", "to_node_id", "from_node__tree_id", "from_node__lft", "from_node__rght"
        )
        .order_by("from_node__tree_id", "from_node__lft")
    )
    # (tree, sasaran) → the (lft, rght) of the statements already hanging there, in tree order:
    # a later statement inside one of them inherits the link and is no head.
    placed: dict[tuple[int, int], list[tuple[int, int]]] = defaultdict(list)
    heads: list[tuple[int, int]] = []  # (node id, RPJMD sasaran id) in tree order
    linked: set[int] = set()
    for from_id, to_id, tree_id, lft, rght in links:
        linked.add(from_id)
        spans = placed[(tree_id, to_id)]
        if any(a < lft and rght < b for a, b in spans):
            continue
        spans.append((lft, rght))
        heads.append((from_id, to_id))
    head_ids = {from_id for from_id, _to in heads}
    # The heads, each Renstra's root, and the tujuan/sasaran right under a root that cascade
    # from nothing (the candidates for "unlinked": their root must cascade from nothing too).
    through = Node.pemda_sasaran.through
    cascading = Exists(through.objects.filter(from_node_id=OuterRef("pk")))
    top = list(
        Node.objects.filter(
            Q(pk__in=head_ids)
            | Q(level=0)
            | Q(~cascading, level=1, node_level__in=[NodeLevel.TUJUAN, NodeLevel.SASARAN]),
            renstra_id__in=renstra_ids,
        )
        .select_related(*_NODE_RELATED)
        .order_by("tree_id", "lft")
    )
    opd_items: dict[int, TreeNode] = {}
    for node in top:
        opd_items[node.pk] = TreeNode(
            node=node,
            depth=node.level,
            opd_name=by_renstra[node.renstra_id].opd.name,
            below=(node.rght - node.lft - 1) // 2,
        )
    for from_id, to_id in heads:
        if to_id in items and from_id in opd_items:
            items[to_id].cascaded.append(opd_items[from_id])
    branches: dict[int, OpdBranch] = {}
    for node in top:
        if node.parent_id is None:
            branches[node.renstra_id] = OpdBranch(
                renstra=by_renstra[node.renstra_id], root=opd_items[node.pk], unlinked=[]
            )
    for node in top:
        if (
            node.level == 1
            and node.node_level in {NodeLevel.TUJUAN, NodeLevel.SASARAN}
            and node.pk not in linked
            and node.parent_id not in linked
            and node.renstra_id in branches
            and branches[node.renstra_id].root.node.node_level == NodeLevel.OPD
        ):
            branches[node.renstra_id].unlinked.append(opd_items[node.pk])
    return PemdaTree(
        period=period,
        year=year,
        rpjmd=rpjmd,
        root=root,
        opds=[branches[r.pk] for r in renstras if r.pk in branches],
        findings=findings,
        node_count=node_count,
    )


def opd_branch(*, user, code, year: int | None = None) -> TreeNode:
    """One OPD statement with its subtree, for the Pemda-wide page's lazy branches.

    The statement is looked up through its Renstra (404 when the Renstra is outside the user's
    scope, the rules of the OPD's own tree page). Read: the subtree and the statements above it
    (the quality checks look at a statement, its indicators and its ancestors only, so the
    Renstra's checks run on this part give the subtree's findings exactly), the indicators with
    the year's targets, budgets, the year's Renja pagu and the crosscutting links. Constant
    queries; what it reads grows with the branch, not with the Renstra or the Pemda."""
    node = (
        Node.objects.filter(code=code, renstra__isnull=False)
        .select_related("renstra__period")
        .first()
    )
    if node is None:
        raise Http404
    renstra = get_renstra_for_user(user, node.renstra.code)  # 404 outside the scope
    period = node.renstra.period
    if year not in period.years:
        year = _default_year(period)
    part = Node.objects.filter(
        Q(lft__lte=node.lft, rght__gte=node.rght) | Q(lft__gt=node.lft, rght__lt=node.rght),
        tree_id=node.tree_id,
        renstra_id=renstra.pk,
    ).values("pk")
    bundle = _load(node_ids=part, year=year)
    items = _tree_nodes(bundle, year)
    for item in items.values():
        item.opd_name = renstra.opd.name
    for crosscut in Crosscut.objects.filter(
        Q(source_id__in=part) | Q(target_id__in=part)
    ).select_related("source__renstra__opd", "target__renstra__opd"):
        if crosscut.source_id in items:
            items[crosscut.source_id].crosscuts_out.append(crosscut)
        if crosscut.target_id in items:
            items[crosscut.target_id].crosscuts_in.append(crosscut)
    for node_id, pagu in RenjaLine.objects.filter(
        renja__renstra=renstra, renja__year=year, renja__is_current=True, node_id__in=part
    ).values_list("node_id", "pagu"):
        items[node_id].pagu = pagu
    for finding in quality.run_checks(_quality_input(bundle, period.years)):
        items[finding.node_id].findings.append(finding)
    return items[node.pk]
