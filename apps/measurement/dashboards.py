"""What the measurement dashboards show: an OPD's indicators quarter by quarter, trends, budget
absorption and efficiency, and its pohon kinerja coloured by capaian; the Pemda's OPD ranking,
IKU Pemda and the stitched tree; the one-page leadership summary; and the same tables as Excel.

Every builder runs a constant number of SQL queries (apps/measurement/rollup.py loads everything
at once); the views pass in an OPD already looked up through the user's scope.

Which realisations count: all entered values (draft, submitted, returned, verified), each shown
with its status, so an OPD sees where it stands while the quarter is still being verified;
`verified_only=True` (the "verified only" switch, and the LKjIP later) counts verified values
only. See docs/measurement.md "Roll-up, efficiency and dashboards".
"""

from __future__ import annotations

import datetime as dt
import hashlib
import time
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.core.cache import cache
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from apps.core import excel, revisions
from apps.core.batch import gc_paused
from apps.core.templatetags.sakip import format_number
from apps.measurement import capaian as engine
from apps.measurement import selectors
from apps.measurement.models import RealisationStatus
from apps.measurement.rollup import (
    Budget,
    EfficiencyRow,
    MeasureFigure,
    NodeRow,
    Rollup,
    efficiency_rows,
    load_budget,
    load_rollup,
    mean,
)
from apps.organisations.models import OrgUnit
from apps.performance.models import NodeLevel

QUARTERS = (1, 2, 3, 4)
TOP = 5
# The predicate bands (Permendagri 86/2017) with the CSS class suffix the pages colour by.
BANDS = (
    ("sangat_tinggi", "Sangat Tinggi", "≥ 91"),
    ("tinggi", "Tinggi", "76–90"),
    ("sedang", "Sedang", "66–75"),
    ("rendah", "Rendah", "51–65"),
    ("sangat_rendah", "Sangat Rendah", "≤ 50"),
)


def default_period(year: Any, quarter: Any, *, today: dt.date | None = None) -> tuple[int, int]:
    """The year and quarter asked for; the current ones (or TW IV of a past year) otherwise."""
    today = today or timezone.localdate()
    try:
        year = int(year)
        if not 2000 <= year <= 2100:
            raise ValueError
    except (TypeError, ValueError):
        year = today.year
    try:
        quarter = int(quarter)
        if quarter not in QUARTERS:
            raise ValueError
    except (TypeError, ValueError):
        quarter = selectors.current_quarter(today) if year == today.year else 4
    return year, quarter


def _num(value: Decimal | None) -> float | None:
    return float(value) if value is not None else None


def _fmt(value: Decimal | None) -> str:
    return format_number(value, 2)


def band_label(value: Decimal | None) -> str:
    band = engine.predicate(value)
    return band[1] if band else ""


def band_code(value: Decimal | None) -> str:
    band = engine.predicate(value)
    return band[0] if band else "none"


# --- the indicator table ------------------------------------------------------------------------


@dataclass
class QuarterCell:
    quarter: int
    measured: bool  # the indicator takes a value this quarter
    target: str
    realisation: str
    status: str
    status_label: str
    capaian: Decimal | None

    @property
    def colour(self) -> str:
        return band_code(self.capaian)

    @property
    def capaian_text(self) -> str:
        return _fmt(self.capaian)


@dataclass
class IndicatorRow:
    figure: MeasureFigure
    cells: list[QuarterCell]

    @property
    def indicator(self):
        return self.figure.indicator

    @property
    def node(self):
        return self.figure.measure.node

    @property
    def target_text(self) -> str:
        m = self.figure.measure
        if m.is_scale:
            return m.target_text or "–"
        return format_number(m.target, 2)

    @property
    def capaian(self) -> Decimal | None:
        return self.figure.result.capaian

    @property
    def capaian_text(self) -> str:
        return _fmt(self.capaian)

    @property
    def colour(self) -> str:
        return band_code(self.capaian)

    @property
    def predicate(self) -> str:
        return band_label(self.capaian)

    @property
    def realisation_text(self) -> str:
        r = self.figure.result
        return r.realisation_text or format_number(r.realisation, 2)


def _value_text(measure, quarter: int) -> str:
    row = measure.realisations.get(quarter)
    if row is None:
        return ""
    if measure.is_scale:
        return row.text_value
    return format_number(row.value, 2)


def _target_of_quarter(measure, quarter: int) -> str:
    target = measure.quarter_target(quarter)
    if target is None and quarter == 4:
        target = measure.target_text if measure.is_scale else measure.target
    if target is None:
        return ""
    return target if isinstance(target, str) else format_number(target, 2)


def indicator_rows(figures: list[MeasureFigure]) -> list[IndicatorRow]:
    rows = []
    for f in figures:
        m = f.measure
        cells = []
        for q in QUARTERS:
            status = f.statuses.get(q, "")
            cells.append(
                QuarterCell(
                    quarter=q,
                    measured=q in m.quarters,
                    target=_target_of_quarter(m, q),
                    realisation=_value_text(m, q),
                    status=status,
                    status_label=str(RealisationStatus(status).label) if status else "",
                    capaian=f.quarters.get(q),
                )
            )
        rows.append(IndicatorRow(figure=f, cells=cells))
    return rows


def indicator_table_body(rows: list[IndicatorRow]) -> SafeString:
    """The <tr> rows of the indicator table (templates/measurement/dashboards/
    _indicator_table.html) as one string. Built in Python, not a template loop: a province OPD
    measures ~300 indicators of 4 quarters each, and the template engine spent half of its
    dashboard's time on them. Every user-typed value goes through escape()."""
    year_end = escape(_("year end only"))
    out: list[str] = []
    add = out.append
    for row in rows:
        ind = row.indicator
        add('<tr><th scope="row" class="fw-normal">')
        add(escape(ind.name))
        if ind.is_iku:
            add(' <span class="badge text-bg-info">IKU</span>')
        add(f'<br><small class="text-body-secondary">{escape(ind.unit)}')
        if row.figure.measure.opd_id is None:
            add(" · RPJMD")
        add(f"</small></th><td>{escape(row.target_text)}</td>")
        for cell in row.cells:
            if not cell.measured:
                add(f'<td class="small text-body-secondary" colspan="3">{year_end}</td>')
                continue
            add(f'<td class="small">{escape(cell.target or "–")}</td>')
            add(f'<td class="small">{escape(cell.realisation or "–")}')
            if cell.status:
                add(
                    f'<br><span class="badge status-{escape(cell.status)}">'
                    f"{escape(cell.status_label)}</span>"
                )
            add(
                f'</td><td class="band-cell band-{cell.colour}" data-quarter="{cell.quarter}">'
                f"{escape(cell.capaian_text)}</td>"
            )
        add(f'<td class="band-cell band-{row.colour} fw-semibold">{escape(row.capaian_text)}')
        if row.predicate:
            add(f"<br><small>{escape(row.predicate)}</small>")
        add("</td></tr>")
    return mark_safe("".join(out))  # noqa: S308 - every value above is escaped


def _chart_value(value) -> float | None:
    if value is None or isinstance(value, str):
        return None
    return float(value)


def trend_data(rows: list[IndicatorRow]) -> list[dict[str, Any]]:
    """Per indicator: realisation and target per TW (numbers only; scale indicators plot their
    capaian)."""
    out = []
    for row in rows:
        m = row.figure.measure
        if m.is_scale:
            realisations = [_num(row.figure.quarters.get(q)) for q in QUARTERS]
            targets = [100.0 if q in m.quarters else None for q in QUARTERS]
        else:
            realisations = [
                _chart_value(m.realisations[q].value) if q in m.realisations else None
                for q in QUARTERS
            ]
            targets = [
                _chart_value(m.quarter_target(q) if m.quarter_target(q) is not None else m.target)
                if q in m.quarters
                else None
                for q in QUARTERS
            ]
        out.append(
            {
                "name": row.indicator.name,
                "unit": "%" if m.is_scale else row.indicator.unit,
                "realisation": realisations,
                "target": targets,
            }
        )
    return out


# --- the tree ----------------------------------------------------------------------------------


def _node_dict(
    rollup: Rollup, node_id: int, children: dict[int, list[int]], heads_only: bool = False
) -> dict[str, Any]:
    """The diagram node and its children; with `heads_only` an OPD statement is shown without
    the statements below it (its capaian is still rolled up from all of them)."""
    value = rollup.values[node_id]
    row = value.row
    below = [] if heads_only and not row.is_rpjmd else children.get(node_id, [])
    return {
        "code": row.code,
        "name": row.statement,
        "level": row.level,
        "number": row.number,
        "opd": row.opd_name,
        "owner": "",
        "nomenclature": row.nomenclature,
        "indicators": [
            {
                "name": f.indicator.name,
                "unit": f.indicator.unit,
                "target": f.measure.target_text
                if f.measure.is_scale
                else format_number(f.measure.target, 2),
                "iku": f.indicator.is_iku,
                "capaian": _fmt(f.result.capaian),
            }
            for f in rollup.figures_by_node.get(node_id, [])
        ],
        "findings": 0,
        "capaian": _num(value.capaian),
        "capaian_text": _fmt(value.capaian),
        "predicate": value.colour,
        "predicate_label": band_label(value.capaian),
        "children": [_node_dict(rollup, c, children, heads_only) for c in below],
        "below": len(children.get(node_id, [])) if heads_only and not row.is_rpjmd else 0,
    }


def tree_dict(
    rollup: Rollup, *, opd_id: int | None = None, heads_only: bool = False
) -> dict[str, Any]:
    """The diagram data (static/js/pohon.js) with `capaian` and `predicate` per node: an OPD's
    Renstra tree, or (opd_id None) the RPJMD tree with the OPD statements cascading from each
    RPJMD statement under it, and each OPD's unlinked tujuan under its OPD. `heads_only` (Pemda
    tree) stops at those OPD statements: a province's 10,000 statements are each OPD's own
    dashboard's business, not one diagram's."""
    if opd_id is not None:
        roots = [n.id for n in rollup.nodes if n.opd_id == opd_id and n.parent_id is None]
        return _node_dict(rollup, roots[0], _children(rollup.nodes)) if roots else {}
    root, stitched = _pemda_tree(rollup.nodes)
    if root is None:
        return {}
    return _node_dict(rollup, root, stitched, heads_only)


def _children(nodes: list[NodeRow]) -> dict[int, list[int]]:
    ids = {n.id for n in nodes}
    children: dict[int, list[int]] = {}
    for n in nodes:
        if n.parent_id in ids:
            children.setdefault(n.parent_id, []).append(n.id)
    return children


def _pemda_tree(nodes: list[NodeRow]) -> tuple[int | None, dict[int, list[int]]]:
    """The RPJMD root and each statement's children in the Pemda-wide tree: an RPJMD
    statement's own children, the OPD statements cascading from it, and (under the root) each
    OPD tree's root that holds no such statement."""
    rpjmd_roots = [n.id for n in nodes if n.is_rpjmd and n.parent_id is None]
    if not rpjmd_roots:
        return None, {}
    ids = {n.id for n in nodes}
    stitched = _children(nodes)
    rpjmd_ids = {n.id for n in nodes if n.is_rpjmd}
    unlinked_roots = []
    for n in nodes:
        if n.is_rpjmd:
            continue
        links = [t for t in n.cascades_to if t in rpjmd_ids]
        for target in links:
            stitched.setdefault(target, []).append(n.id)
        if links and n.parent_id in ids:
            stitched[n.parent_id] = [c for c in stitched[n.parent_id] if c != n.id]
    for n in nodes:
        if not n.is_rpjmd and n.parent_id is None and stitched.get(n.id):
            unlinked_roots.append(n.id)
    root = rpjmd_roots[0]
    stitched[root] = stitched.get(root, []) + unlinked_roots
    return root, stitched


def _page_statements(nodes: list[NodeRow]) -> set[int]:
    """The statements whose indicators the Pemda dashboard page shows: the heads-only tree's
    and every Pemda-level statement (the IKU table)."""
    return _heads_shown(nodes) | {n.id for n in nodes if n.opd_id is None}


def _heads_shown(nodes: list[NodeRow]) -> set[int]:
    """The statements the heads-only Pemda tree shows (tree_dict(heads_only=True)): the RPJMD's
    and the OPD statements at the head of each branch, not those below them."""
    root, stitched = _pemda_tree(nodes)
    rpjmd = {n.id for n in nodes if n.is_rpjmd}
    shown: set[int] = set()
    todo = [root] if root is not None else []
    while todo:
        node_id = todo.pop()
        shown.add(node_id)
        if node_id in rpjmd:
            todo.extend(stitched.get(node_id, []))
    return shown


# --- budget ------------------------------------------------------------------------------------


@dataclass
class BudgetQuarter:
    quarter: int
    spent: Decimal
    cumulative: Decimal
    absorption: Decimal | None


def budget_quarters(budget: Budget, node_ids: set[int] | None = None) -> list[BudgetQuarter]:
    pagu = sum((a for n, a in budget.pagu.items() if node_ids is None or n in node_ids), Decimal(0))
    out = []
    cumulative = Decimal(0)
    for q in QUARTERS:
        spent = sum(
            (
                by_q.get(q, Decimal(0))
                for n, by_q in budget.spent.items()
                if node_ids is None or n in node_ids
            ),
            Decimal(0),
        )
        cumulative += spent
        out.append(
            BudgetQuarter(q, spent, cumulative, engine.absorption(spent=cumulative, pagu=pagu))
        )
    return out


def budget_pagu(budget: Budget) -> Decimal:
    return sum(budget.pagu.values(), Decimal(0))


# --- the OPD dashboard -------------------------------------------------------------------------


@dataclass
class OpdDashboard:
    opd: OrgUnit
    year: int
    quarter: int
    verified_only: bool
    rows: list[IndicatorRow]
    mean_capaian: Decimal | None
    pagu: Decimal
    budget: list[BudgetQuarter]
    efficiency: list[EfficiencyRow]
    tree: dict[str, Any]

    @property
    def absorption(self) -> Decimal | None:
        return self.budget[self.quarter - 1].absorption if self.budget else None

    @property
    def mean_colour(self) -> str:
        return band_code(self.mean_capaian)

    def charts(self) -> dict[str, Any]:
        return {
            "quarters": ["TW I", "TW II", "TW III", "TW IV"],
            "trends": trend_data(self.rows),
            "budget": {
                "spent": [float(b.spent) for b in self.budget],
                "absorption": [_num(b.absorption) for b in self.budget],
            },
            "efficiency": [
                {
                    "name": r.node.statement,
                    "capaian": _num(r.capaian),
                    "absorption": _num(r.absorption),
                }
                for r in self.efficiency
            ],
        }


def opd_dashboard(
    *, opd: OrgUnit, year: int, quarter: int, verified_only: bool = False
) -> OpdDashboard:
    """An OPD's dashboard (the OPD already looked up in the user's scope). Ten queries."""
    rollup = load_rollup(
        pemda_id=opd.pemda_id,
        year=year,
        up_to_quarter=quarter,
        opd_ids=[opd.pk],
        pemda_level=False,
        verified_only=verified_only,
    )
    budget = load_budget(pemda_id=opd.pemda_id, year=year, opd_ids=[opd.pk])
    rows = indicator_rows(rollup.figures)
    return OpdDashboard(
        opd=opd,
        year=year,
        quarter=quarter,
        verified_only=verified_only,
        rows=rows,
        mean_capaian=rollup.opd_mean(opd.pk),
        pagu=budget_pagu(budget),
        budget=budget_quarters(budget),
        efficiency=efficiency_rows(rollup, budget),
        tree=tree_dict(rollup, opd_id=opd.pk),
    )


# --- the Pemda dashboard and the leadership summary ---------------------------------------------


@dataclass
class RankRow:
    rank: int | None
    opd: OrgUnit
    capaian: Decimal | None
    measured: int
    indicators: int
    pagu: Decimal = Decimal(0)
    spent: Decimal = Decimal(0)

    @property
    def colour(self) -> str:
        return band_code(self.capaian)

    @property
    def predicate(self) -> str:
        return band_label(self.capaian)

    @property
    def absorption(self) -> Decimal | None:
        return engine.absorption(spent=self.spent, pagu=self.pagu)


@dataclass
class PemdaDashboard:
    year: int
    quarter: int
    verified_only: bool
    ranking: list[RankRow]
    iku: list[IndicatorRow]
    tree: dict[str, Any]
    pemda_capaian: Decimal | None
    mean_capaian: Decimal | None
    bands: dict[str, int]
    pagu: Decimal
    spent: Decimal
    measured: int
    indicators: int
    rows_by_band: list[tuple[str, str, int]] = field(default_factory=list)
    computed_at: dt.datetime | None = None  # when the figures were computed (cached ones)
    revision: int | None = None  # the Pemda's data revision they were computed at (cached ones)

    @property
    def absorption(self) -> Decimal | None:
        return engine.absorption(spent=self.spent, pagu=self.pagu)

    @property
    def top(self) -> list[RankRow]:
        return [r for r in self.ranking if r.capaian is not None][:TOP]

    @property
    def bottom(self) -> list[RankRow]:
        ranked = [r for r in self.ranking if r.capaian is not None]
        return list(reversed(ranked[-TOP:])) if len(ranked) > TOP else list(reversed(ranked))

    def charts(self) -> dict[str, Any]:
        return {
            "ranking": [
                {"name": r.opd.short_name or r.opd.name, "capaian": _num(r.capaian)}
                for r in self.ranking
            ],
            "iku": [{"name": r.indicator.name, "capaian": _num(r.capaian)} for r in self.iku],
        }


@gc_paused
def pemda_dashboard(
    *,
    pemda_id: int,
    opds: list[OrgUnit],
    year: int,
    quarter: int,
    verified_only: bool = False,
    heads_only: bool = False,
) -> PemdaDashboard:
    """The Pemda-wide figures (for Pemda-wide grants; `opds` are the OPDs to rank). Eleven
    queries. `heads_only`: the tree down to the OPD statements cascading from the RPJMD (the
    page); the whole tree otherwise (Excel)."""
    rollup = load_rollup(
        pemda_id=pemda_id,
        year=year,
        up_to_quarter=quarter,
        verified_only=verified_only,
        # The page shows the indicators of the heads-only tree and the Pemda's IKU; every other
        # indicator only counts (the Excel download lists the whole tree's).
        detail=_page_statements if heads_only else None,
    )
    budget = load_budget(pemda_id=pemda_id, year=year)
    counts: dict[int, list[int]] = {}
    for f in rollup.figures:
        if f.measure.opd_id is None:
            continue
        c = counts.setdefault(f.measure.opd_id, [0, 0])
        c[1] += 1
        if f.result.capaian_capped is not None:
            c[0] += 1
    pagu_by_opd: dict[int, Decimal] = {}
    spent_by_opd: dict[int, Decimal] = {}
    for node_id, amount in budget.pagu.items():
        opd_id = budget.opd_of.get(node_id)
        pagu_by_opd[opd_id] = pagu_by_opd.get(opd_id, Decimal(0)) + amount
    for node_id in budget.spent:
        opd_id = budget.opd_of.get(node_id)
        spent_by_opd[opd_id] = spent_by_opd.get(opd_id, Decimal(0)) + budget.spent_until(
            node_id, quarter
        )
    means = rollup.opd_means()
    ranking = [
        RankRow(
            rank=None,
            opd=opd,
            capaian=means.get(opd.pk),
            measured=counts.get(opd.pk, [0, 0])[0],
            indicators=counts.get(opd.pk, [0, 0])[1],
            pagu=pagu_by_opd.get(opd.pk, Decimal(0)),
            spent=spent_by_opd.get(opd.pk, Decimal(0)),
        )
        for opd in opds
    ]
    ranking.sort(key=lambda r: (r.capaian is None, -(r.capaian or 0), r.opd.name))
    for i, r in enumerate(ranking, start=1):
        r.rank = i if r.capaian is not None else None
    iku = indicator_rows(
        [f for f in rollup.figures if f.measure.opd_id is None and f.indicator.is_iku]
    )
    bands = {code: 0 for _floor, code, _label in engine.PREDICATES}
    bands["sangat_rendah"] = 0
    for f in rollup.figures:
        band = engine.predicate(f.result.capaian)
        if band:
            bands[band[0]] += 1
    labels = {code: label for _floor, code, label in engine.PREDICATES}
    labels["sangat_rendah"] = "Sangat Rendah"
    roots = [n.id for n in rollup.nodes if n.is_rpjmd and n.parent_id is None]
    return PemdaDashboard(
        year=year,
        quarter=quarter,
        verified_only=verified_only,
        ranking=ranking,
        iku=iku,
        tree=tree_dict(rollup, heads_only=heads_only),
        pemda_capaian=rollup.value(roots[0]) if roots else None,
        mean_capaian=mean(f.result.capaian_capped for f in rollup.figures),
        bands=bands,
        pagu=budget_pagu(budget),
        spent=sum((budget.spent_until(n, quarter) for n in budget.spent), Decimal(0)),
        measured=sum(1 for f in rollup.figures if f.result.capaian is not None),
        indicators=len(rollup.figures),
        rows_by_band=[(code, labels[code], n) for code, n in bands.items()],
    )


# --- the Pemda dashboard's cache ------------------------------------------------------------------

# Computing a province's figures (20,000 indicators, 80,000 realisations) takes seconds, and the
# Pemda dashboard and the leadership summary are read far more often than the data changes. The
# figures are kept in Django's cache with the Pemda's data revision (apps.core.revisions: raised
# by every audited change, in its own transaction). They are recomputed when the revision moved,
# but at most once a GRACE: a Pemda entering data in its window changes every few seconds, and
# the readers of its dashboard would otherwise each wait for a recomputation. The page says when
# its figures were computed; the page cache (apps.core.pagecache) does not keep a page built on
# figures older than the revision. MAX_AGE bounds the life of an entry whatever happens.
CACHE_GRACE_SECONDS = 60
CACHE_MAX_AGE_SECONDS = 300


def pemda_dashboard_cached(
    *,
    pemda_id: int,
    opds: list[OrgUnit],
    year: int,
    quarter: int,
    verified_only: bool = False,
    revision: int | None = None,
) -> PemdaDashboard:
    """pemda_dashboard() for the pages (heads-only tree), served from the cache while the
    Pemda's data has not changed (see above); `revision` on the result is the data revision it
    was computed at. One query (the revision, unless the caller read it first) when cached."""
    ids = ",".join(str(o.pk) for o in opds)
    raw = f"{pemda_id}:{year}:{quarter}:{int(verified_only)}:{get_language()}:{ids}"
    key = "sakip:pemda-dashboard:" + hashlib.sha256(raw.encode()).hexdigest()
    if revision is None:
        revision = revisions.current(pemda_id)
    now = time.time()
    cached = cache.get(key)
    if cached is not None:
        seen, at, data = cached
        age = now - at
        if age < CACHE_GRACE_SECONDS or (seen == revision and age < CACHE_MAX_AGE_SECONDS):
            return data
    data = pemda_dashboard(
        pemda_id=pemda_id,
        opds=opds,
        year=year,
        quarter=quarter,
        verified_only=verified_only,
        heads_only=True,
    )
    data.computed_at = timezone.now()
    data.revision = revision
    cache.set(key, (revision, now, data), CACHE_MAX_AGE_SECONDS)
    return data


# --- Excel -------------------------------------------------------------------------------------


def _excel_rows_indicators(rows: list[IndicatorRow]):
    for row in rows:
        out = [row.indicator.name, row.indicator.unit, row.target_text]
        for cell in row.cells:
            out += [cell.target, cell.realisation, cell.status_label, cell.capaian]
        out += [row.capaian, row.predicate]
        yield out


def _indicator_headers() -> list[str]:
    headers = [_("Indicator"), _("Unit"), _("Annual target")]
    for label in ("TW I", "TW II", "TW III", "TW IV"):
        headers += [
            f"{label} {_('target')}",
            f"{label} {_('realisation')}",
            f"{label} {_('status')}",
            f"{label} capaian (%)",
        ]
    return [*headers, _("Capaian up to the quarter (%)"), _("Predicate")]


def _tree_rows(tree: dict[str, Any], depth: int = 0):
    if not tree:
        return
    for row in _tree_walk(tree, depth):
        yield row[:6]


def _tree_walk(tree: dict[str, Any], depth: int = 0):
    """(depth, level, name, OPD, capaian, predicate, code, has children, statements below
    not shown) depth first."""
    if not tree:
        return
    yield [
        depth,
        tree["level"],
        tree["name"],
        tree["opd"],
        Decimal(str(tree["capaian"])) if tree["capaian"] is not None else None,
        tree["predicate_label"],
        tree["code"],
        bool(tree["children"]) or bool(tree.get("below")),
        tree.get("below", 0),
    ]
    for child in tree["children"]:
        yield from _tree_walk(child, depth + 1)


def tree_table(tree: dict[str, Any]) -> list[dict[str, Any]]:
    """The tree as rows (depth first) for the table beside the diagram."""
    return [
        {
            "depth": min(depth, 8),
            "level": level,
            "name": name,
            "opd": opd,
            "capaian": _fmt(value),
            "colour": band_code(value),
            "predicate": label,
            "code": code,
            "has_children": has_children,
            "below": below,
        }
        for depth, level, name, opd, value, label, code, has_children, below in _tree_walk(tree)
    ]


def _tree_headers() -> list[str]:
    return [_("Depth"), _("Level"), _("Statement"), "OPD", "Capaian (%)", _("Predicate")]


def opd_workbook(data: OpdDashboard) -> bytes:
    wb = excel.new_workbook()
    excel.add_sheet(
        wb, _("Indicators"), _indicator_headers(), _excel_rows_indicators(data.rows), widths=[50]
    )
    excel.add_sheet(
        wb,
        _("Budget"),
        [_("Quarter"), _("Realisation (Rp)"), _("Cumulative (Rp)"), _("Absorption (%)")],
        ([f"TW {b.quarter}", b.spent, b.cumulative, b.absorption] for b in data.budget),
    )
    excel.add_sheet(
        wb,
        _("Efficiency"),
        [
            _("Level"),
            _("Statement"),
            "Capaian (%)",
            _("Pagu (Rp)"),
            _("Realisation (Rp)"),
            _("Absorption (%)"),
            _("Efficiency (%)"),
        ],
        (
            [
                str(NodeLevel(r.node.level).label),
                r.node.statement,
                r.capaian,
                r.pagu,
                r.spent,
                r.absorption,
                r.efficiency,
            ]
            for r in data.efficiency
        ),
        widths=[15, 60],
    )
    excel.add_sheet(wb, _("Tree"), _tree_headers(), _tree_rows(data.tree), widths=[8, 15, 60])
    return excel.workbook_bytes(wb)


def _ranking_sheet(wb, ranking: list[RankRow]) -> None:
    excel.add_sheet(
        wb,
        _("OPD ranking"),
        [
            _("Rank"),
            "OPD",
            _("Mean capaian (%)"),
            _("Predicate"),
            _("Indicators measured"),
            _("Indicators"),
            _("Pagu (Rp)"),
            _("Realisation (Rp)"),
            _("Absorption (%)"),
        ],
        (
            [
                r.rank,
                r.opd.name,
                r.capaian,
                r.predicate,
                r.measured,
                r.indicators,
                r.pagu,
                r.spent,
                r.absorption,
            ]
            for r in ranking
        ),
        widths=[8, 40],
    )


def pemda_workbook(data: PemdaDashboard) -> bytes:
    wb = excel.new_workbook()
    _ranking_sheet(wb, data.ranking)
    excel.add_sheet(
        wb, _("IKU Pemda"), _indicator_headers(), _excel_rows_indicators(data.iku), widths=[50]
    )
    excel.add_sheet(wb, _("Tree"), _tree_headers(), _tree_rows(data.tree), widths=[8, 15, 60])
    return excel.workbook_bytes(wb)


def summary_workbook(data: PemdaDashboard) -> bytes:
    wb = excel.new_workbook()
    excel.add_sheet(
        wb,
        _("Summary"),
        [_("Figure"), _("Value")],
        [
            [_("Capaian of the Pemda tree (%)"), data.pemda_capaian],
            [_("Mean capaian of all indicators (%)"), data.mean_capaian],
            [_("Indicators measured"), data.measured],
            [_("Indicators"), data.indicators],
            [_("Pagu (Rp)"), data.pagu],
            [_("Realisation (Rp)"), data.spent],
            [_("Absorption (%)"), data.absorption],
            *[[label, n] for _code, label, n in data.rows_by_band],
        ],
        widths=[45, 20],
    )
    _ranking_sheet(wb, data.ranking)
    excel.add_sheet(
        wb, _("IKU Pemda"), _indicator_headers(), _excel_rows_indicators(data.iku), widths=[50]
    )
    return excel.workbook_bytes(wb)
