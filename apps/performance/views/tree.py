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
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from apps.core.templatetags.sakip import rupiah
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


def render_list(rows: list[Row], *, list_id: str, show_opd: bool) -> SafeString:
    """The <li> elements of the nested list as one string.

    Built in Python rather than a template loop: the Pemda-wide page carries ~10,000 statements
    and the template engine spends about half a millisecond per row; this is linear too and an
    order of magnitude cheaper. Every user-typed value goes through escape().
    """
    levels = {value: escape(label) for value, label in NodeLevel.choices}
    toggle_label = escape(_("Show or hide the statements below"))
    findings_label = escape(_("Quality findings"))
    crosscut_label = escape(_("Crosscutting"))
    supports = escape(_("Supports"))
    supported_by = escape(_("Supported by"))
    pagu_label = escape(_("Pagu"))
    out: list[str] = []
    add = out.append
    for row in rows:
        item = row.item
        node = item.node
        element_id = f"pohon-{list_id}-{row.index}"
        open_findings = item.open_findings
        css = row.capaian_css + (" has-findings" if open_findings else "")
        expanded = "true" if row.expanded else "false"
        add(
            f'<li class="pohon-item {css}" role="treeitem" aria-level="{row.depth + 1}"'
            + (f' aria-expanded="{expanded}"' if row.has_children else "")
            + f' data-level="{node.node_level}" id="{element_id}"><div class="pohon-node">'
        )
        if row.has_children:
            add(
                f'<button type="button" class="pohon-toggle btn btn-sm btn-link p-0" '
                f'aria-controls="{element_id}-c" aria-expanded="{expanded}">'
                f'<span class="visually-hidden">{toggle_label}</span></button>'
            )
        else:
            add('<span class="pohon-toggle-spacer"></span>')
        add(f' <span class="badge text-bg-light pohon-level">{levels[node.node_level]}</span>')
        if node.nomenclature_id:
            add(f" <code>{escape(node.nomenclature.code)}</code>")
        elif node.number:
            add(f" <code>{escape(node.number)}</code>")
        add(f' <span class="pohon-statement">{escape(node.statement)}</span>')
        if show_opd and item.opd_name and node.renstra_id:
            add(f' <span class="pohon-opd text-body-secondary">· {escape(item.opd_name)}</span>')
        if node.owner_position_id:
            add(
                ' <span class="pohon-owner text-body-secondary">· '
                f"{escape(node.owner_position.title)}</span>"
            )
        if item.pagu is not None:
            add(f' <span class="pohon-pagu">· {pagu_label} {escape(rupiah(item.pagu))}</span>')
        if item.indicators:
            add('<ul class="pohon-indicators">')
            for view in item.indicators:
                indicator = view.indicator
                iku = ' <span class="badge text-bg-primary">IKU</span>' if indicator.is_iku else ""
                add(
                    f"<li>{escape(indicator.name)}{iku}: "
                    f"<strong>{escape(view.target_text or '–')}</strong> "
                    f"{escape(indicator.unit)}</li>"
                )
            add("</ul>")
        if open_findings:
            add(f'<ul class="pohon-findings" aria-label="{findings_label}">')
            for finding in open_findings:
                add(
                    f'<li><span class="badge text-bg-warning">{escape(finding.label)}</span> '
                    f"{escape(finding.message)}</li>"
                )
            add("</ul>")
        if item.crosscuts_out or item.crosscuts_in:
            add(f'<ul class="pohon-crosscuts" aria-label="{crosscut_label}">')
            for link, word, other in [
                *((c, supports, c.target) for c in item.crosscuts_out),
                *((c, supported_by, c.source) for c in item.crosscuts_in),
            ]:
                note = f" ({escape(link.note)})" if link.note else ""
                add(
                    f"<li>{word} {escape(other.renstra.opd.name)}: "
                    f"{escape(other.statement)}{note}</li>"
                )
            add("</ul>")
        add("</div>")
        if row.has_children:
            hidden = "" if row.expanded else " hidden"
            add(f'<ul role="group" id="{element_id}-c"{hidden}>')
        else:
            add("</li>" + "</ul></li>" * len(row.closes))
    return mark_safe("".join(out))  # noqa: S308 - every value above is escaped


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
    rows_html = render_list(rows, list_id="opd", show_opd=False)
    return render(
        request,
        "performance/tree_opd.html",
        {
            "renstra": renstra,
            "tree": tree,
            "year": year,
            "years": renstra.period.years,
            "rows": rows,
            "rows_html": rows_html,
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
    rows_html = render_list(rows, list_id="pemda", show_opd=True)
    unlinked = [
        (
            branch,
            render_list(
                list_rows(branch.unlinked, open_all=False), list_id=f"u{i}", show_opd=False
            ),
        )
        for i, branch in enumerate(tree.opds)
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
            "rows_html": rows_html,
            "unlinked": unlinked,
            "levels": _levels([v for v, _label in NodeLevel.choices if v != NodeLevel.OPD]),
            "chart": tree.as_dict(),
        },
    )
