"""The pohon kinerja pages: one OPD's tree (per Renstra) and the whole Pemda's tree (per plan
period), each as an ECharts diagram and an accessible nested list.

The data comes from apps.performance.selectors (opd_tree, pemda_tree), which run a constant
number of queries. The nested list is flattened here into rows that carry how many levels to
close after them, so the template is one linear loop (no recursive includes: a province-sized
Pemda has about 10,000 statements).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from apps.organisations.selectors import get_period_for_user, period_list
from apps.performance.models import NodeLevel
from apps.performance.selectors import TreeNode, opd_tree, pemda_tree, walk
from apps.planning.selectors import get_renstra_for_user, renstra_list

# Levels whose children the Pemda-wide list shows open on first load: down to the sasaran.
# Below that (programs and further) starts collapsed, so 10,000 statements stay readable.
_OPEN_LEVELS = frozenset(
    {
        NodeLevel.VISI,
        NodeLevel.MISI,
        NodeLevel.TUJUAN_PEMDA,
        NodeLevel.SASARAN_PEMDA,
        NodeLevel.OPD,
        NodeLevel.TUJUAN,
    }
)

# Predicate bands of Permendagri 86/2017 (DOMAIN.md "Measurement"), for the colouring hook.
_CAPAIAN_BANDS = (
    (Decimal(91), "capaian-sangat-tinggi"),
    (Decimal(76), "capaian-tinggi"),
    (Decimal(66), "capaian-sedang"),
    (Decimal(51), "capaian-rendah"),
)


def capaian_class(value: Decimal | None) -> str:
    """CSS class of a node from its capaian (%). Measurement does not feed the tree yet, so
    every node has None and gets the neutral class; nothing is invented."""
    if value is None:
        return "capaian-none"
    for floor, css in _CAPAIAN_BANDS:
        if value >= floor:
            return css
    return "capaian-sangat-rendah"


@dataclass
class Row:
    """One <li> of the nested list, with the number of lists to close after it."""

    item: TreeNode
    depth: int
    index: int
    has_children: bool
    expanded: bool
    closes: range
    capaian_css: str


def list_rows(roots: list[TreeNode], *, open_all: bool) -> list[Row]:
    """The depth-first rows of `roots` (with cascaded OPD statements) ready for a linear loop."""
    flat = list(walk(roots))
    rows: list[Row] = []
    for index, (item, depth) in enumerate(flat):
        next_depth = flat[index + 1][1] if index + 1 < len(flat) else 0
        has_children = bool(item.children or item.cascaded)
        closes = range(0) if has_children else range(max(0, depth - next_depth))
        rows.append(
            Row(
                item=item,
                depth=depth,
                index=index,
                has_children=has_children,
                expanded=open_all or item.node.node_level in _OPEN_LEVELS,
                closes=closes,
                capaian_css=capaian_class(None),
            )
        )
    return rows


def _year(request: HttpRequest, years: range) -> int:
    """The year chosen in the query string if it is one of the period's, else the default."""
    try:
        year = int(request.GET.get("year", ""))
    except ValueError:
        year = None
    if year in years:
        return year
    this_year = dt.date.today().year
    return this_year if this_year in years else years[0]


def _levels(codes: list[str]) -> list[tuple[str, str]]:
    return [(value, label) for value, label in NodeLevel.choices if value in codes]


@login_required
def tree_index(request: HttpRequest) -> HttpResponse:
    """Where the menu entry leads: the periods (Pemda-wide trees) and the Renstra in scope."""
    periods = period_list(user=request.user).order_by("-start_year")
    renstras = renstra_list(user=request.user)
    return render(
        request, "performance/tree_index.html", {"periods": periods, "renstras": renstras}
    )


@login_required
def tree_opd(request: HttpRequest, code) -> HttpResponse:
    renstra = get_renstra_for_user(request.user, code)
    year = _year(request, renstra.period.years)
    tree = opd_tree(user=request.user, renstra=renstra, year=year)
    rows = list_rows(tree.root.children, open_all=True)
    return render(
        request,
        "performance/tree_opd.html",
        {
            "renstra": renstra,
            "tree": tree,
            "year": year,
            "years": renstra.period.years,
            "rows": rows,
            "levels": _levels(
                [
                    NodeLevel.TUJUAN,
                    NodeLevel.SASARAN,
                    NodeLevel.PROGRAM,
                    NodeLevel.KEGIATAN,
                    NodeLevel.SUBKEGIATAN,
                ]
            ),
            "chart": tree.as_dict(),
            "pdf_kinds": [
                ("tree", _("Tree to PDF")),
                ("matrix", _("Cascading matrix to PDF")),
            ],
        },
    )


@login_required
def tree_pemda(request: HttpRequest, code) -> HttpResponse:
    period = get_period_for_user(request.user, code)
    year = _year(request, period.years)
    tree = pemda_tree(user=request.user, period=period, year=year)
    rows = list_rows([tree.root] if tree.root else [], open_all=False)
    unlinked = [
        (branch, list_rows(branch.unlinked, open_all=False))
        for branch in tree.opds
        if branch.unlinked
    ]
    return render(
        request,
        "performance/tree_pemda.html",
        {
            "period": period,
            "tree": tree,
            "year": year,
            "years": period.years,
            "rows": rows,
            "unlinked": unlinked,
            "levels": _levels([v for v, _label in NodeLevel.choices if v != NodeLevel.OPD]),
            "chart": tree.as_dict(),
        },
    )
