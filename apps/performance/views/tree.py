"""The pohon kinerja pages: one OPD's tree (per Renstra) and the whole Pemda's tree (per plan
period), each as an ECharts diagram and an accessible nested list.

The data comes from apps.performance.selectors (opd_tree, pemda_tree), which run a constant
number of queries. The nested list is flattened here into rows that carry how many levels to
close after them, so the template is one linear loop (no recursive includes: a province-sized
Pemda has about 10,000 statements).
"""

from __future__ import annotations

import datetime as dt
import re
import uuid
from dataclasses import dataclass
from decimal import Decimal
from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from apps.core.pagecache import lazy_context, page_cache
from apps.core.templatetags.sakip import rupiah
from apps.organisations.selectors import get_period_for_user, period_list
from apps.performance.models import NodeLevel
from apps.performance.selectors import TreeNode, opd_tree, walk
from apps.performance.selectors.trees import opd_branch, pemda_outline
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
    lazy: bool = False


def list_rows(roots: list[TreeNode], *, open_all: bool, start_depth: int = 0) -> list[Row]:
    """The depth-first rows of `roots` (with cascaded OPD statements) ready for a linear loop.

    `start_depth` is the depth of `roots` in the list they go into (a lazily loaded branch goes
    into the group of an item of the Pemda-wide list). An item with `below` set is a collapsed
    head whose subtree is loaded on demand: it has a group but no rows in it yet."""
    flat = list(walk(roots, start_depth))
    rows: list[Row] = []
    for index, (item, depth) in enumerate(flat):
        next_depth = flat[index + 1][1] if index + 1 < len(flat) else start_depth
        lazy = item.below is not None
        has_children = bool(item.children or item.cascaded) or lazy
        closes = range(0) if has_children and not lazy else range(max(0, depth - next_depth))
        rows.append(
            Row(
                item=item,
                depth=depth,
                index=index,
                has_children=has_children,
                expanded=not lazy and (open_all or item.node.node_level in _OPEN_LEVELS),
                closes=closes,
                capaian_css=capaian_class(None),
                lazy=lazy,
            )
        )
    return rows


class _Labels:
    """The translated words of the list, escaped once per rendering."""

    def __init__(self) -> None:
        self.levels = {value: escape(label) for value, label in NodeLevel.choices}
        self.findings = escape(_("Quality findings"))
        self.crosscut = escape(_("Crosscutting"))
        self.supports = escape(_("Supports"))
        self.supported_by = escape(_("Supported by"))


def _details(item: TreeNode, labels: _Labels, add) -> None:
    """A statement's indicators with the year's targets, open findings and crosscutting links."""
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
    open_findings = item.open_findings
    if open_findings:
        add(f'<ul class="pohon-findings" aria-label="{labels.findings}">')
        for finding in open_findings:
            add(
                f'<li><span class="badge text-bg-warning">{escape(finding.label)}</span> '
                f"{escape(finding.message)}</li>"
            )
        add("</ul>")
    if item.crosscuts_out or item.crosscuts_in:
        add(f'<ul class="pohon-crosscuts" aria-label="{labels.crosscut}">')
        for link, word, other in [
            *((c, labels.supports, c.target) for c in item.crosscuts_out),
            *((c, labels.supported_by, c.source) for c in item.crosscuts_in),
        ]:
            note = f" ({escape(link.note)})" if link.note else ""
            add(
                f"<li>{word} {escape(other.renstra.opd.name)}: {escape(other.statement)}{note}</li>"
            )
        add("</ul>")


def render_list(
    rows: list[Row],
    *,
    list_id: str,
    show_opd: bool,
    branch_url: str = "",
    opd_urls: dict[int, str] | None = None,
    year: int | None = None,
) -> SafeString:
    """The <li> elements of the nested list as one string.

    Built in Python rather than a template loop: a tree can carry thousands of statements and
    the template engine spends about half a millisecond per row; this is linear too and an
    order of magnitude cheaper. Every user-typed value goes through escape().

    A lazy row (a collapsed OPD statement of the Pemda-wide page) gets an empty group that
    pohon.js fills with an htmx GET of `branch_url` (its `{code}` replaced) when the row is
    first opened, and a link to its OPD's own tree page (`opd_urls` by Renstra id) that works
    without JS.
    """
    labels = _Labels()
    toggle_label = escape(_("Show or hide the statements below"))
    pagu_label = escape(_("Pagu"))
    loading = escape(_("Loading…"))
    failed = escape(_("These statements could not be loaded; close and open to try again."))
    opd_tree_label = escape(_("OPD tree"))
    opd_urls = opd_urls or {}
    out: list[str] = []
    add = out.append
    for row in rows:
        item = row.item
        node = item.node
        element_id = f"pohon-{list_id}-{row.index}"
        open_findings = item.open_findings
        css = row.capaian_css + (" has-findings" if open_findings else "")
        if row.lazy:
            css += " pohon-lazy"
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
        add(
            ' <span class="badge text-bg-light pohon-level">'
            f"{labels.levels[node.node_level]}</span>"
        )
        if node.nomenclature_id:
            add(f" <code>{escape(node.nomenclature.code)}</code>")
        elif node.number:
            add(f" <code>{escape(node.number)}</code>")
        add(f' <span class="pohon-statement">{escape(node.statement)}</span>')
        if (show_opd or row.lazy) and item.opd_name and node.renstra_id:
            add(f' <span class="pohon-opd text-body-secondary">· {escape(item.opd_name)}</span>')
        if node.owner_position_id:
            add(
                ' <span class="pohon-owner text-body-secondary">· '
                f"{escape(node.owner_position.title)}</span>"
            )
        if item.pagu is not None:
            add(f' <span class="pohon-pagu">· {pagu_label} {escape(rupiah(item.pagu))}</span>')
        if row.lazy:
            below = escape(
                ngettext("%(count)s statement below", "%(count)s statements below", item.below)
                % {"count": item.below}
            )
            add(f' <span class="pohon-below badge text-bg-secondary">{below}</span>')
            opd_url = opd_urls.get(node.renstra_id)
            if opd_url:
                add(
                    f' <a class="pohon-opd-link small" href="{escape(opd_url)}">'
                    f"{opd_tree_label}</a>"
                )
            add(f'<div class="pohon-details" id="{element_id}-d"></div></div>')
            url = branch_url.replace("{code}", str(node.code))
            query = urlencode({"year": year or "", "depth": row.depth, "el": element_id})
            add(
                f'<ul role="group" id="{element_id}-c" hidden data-branch="{escape(url)}?'
                f'{escape(query)}" data-error="{failed}">'
                f'<li class="pohon-loading text-body-secondary" role="none">'
                f"{loading}</li></ul></li>" + "</ul></li>" * len(row.closes)
            )
            continue
        _details(item, labels, add)
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


def _int(request: HttpRequest, name: str) -> int | None:
    try:
        return int(request.GET.get(name, ""))
    except ValueError:
        return None


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
    """One OPD's tree; served from the cache while the Pemda's data is unchanged
    (apps.core.pagecache)."""
    page = page_cache(request)
    renstra = get_renstra_for_user(request.user, code)
    year = _year(request, renstra.period.years)

    def compute() -> dict:
        tree = opd_tree(user=request.user, renstra=renstra, year=year)
        rows = list_rows(tree.root.children, open_all=True)
        return {
            "tree": tree,
            "rows": rows,
            "rows_html": render_list(rows, list_id="opd", show_opd=False),
            "chart": tree.as_dict(),
        }

    return render(
        request,
        "performance/tree_opd.html",
        {
            "page_cache": page,
            "renstra": renstra,
            "year": year,
            "years": renstra.period.years,
            **lazy_context(compute, "tree", "rows", "rows_html", "chart"),
            "levels": _levels(
                [
                    NodeLevel.TUJUAN,
                    NodeLevel.SASARAN,
                    NodeLevel.PROGRAM,
                    NodeLevel.KEGIATAN,
                    NodeLevel.SUBKEGIATAN,
                ]
            ),
            "pdf_kinds": [
                ("tree", _("Tree to PDF")),
                ("matrix", _("Cascading matrix to PDF")),
            ],
        },
    )


@login_required
def tree_pemda(request: HttpRequest, code) -> HttpResponse:
    """The RPJMD tree in full and, under each RPJMD sasaran, the OPD statements cascading from
    it collapsed: a branch's statements are loaded when it is opened (tree_branch), so the page
    stays the same size whatever the number of OPD statements (a province has ~10,000). Served
    from the cache while the Pemda's data is unchanged (apps.core.pagecache)."""
    page = page_cache(request)
    period = get_period_for_user(request.user, code)
    year = _year(request, period.years)

    def compute() -> dict:
        tree = pemda_outline(user=request.user, period=period, year=year)
        branch_url = reverse("performance:tree_branch", args=[_CODE]).replace(str(_CODE), "{code}")
        opd_urls = {
            b.renstra.pk: reverse("performance:tree_opd", args=[b.renstra.code]) + f"?year={year}"
            for b in tree.opds
        }
        lazy = {"branch_url": branch_url, "opd_urls": opd_urls, "year": year}
        rows = list_rows([tree.root] if tree.root else [], open_all=False)
        unlinked = [
            (
                branch,
                render_list(
                    list_rows(branch.unlinked, open_all=False),
                    list_id=f"u{i}",
                    show_opd=False,
                    **lazy,
                ),
            )
            for i, branch in enumerate(tree.opds)
            if branch.unlinked
        ]
        return {
            "tree": tree,
            "rows": rows,
            "rows_html": render_list(rows, list_id="pemda", show_opd=True, **lazy),
            "unlinked": unlinked,
            "chart": tree.as_dict(),
        }

    return render(
        request,
        "performance/tree_pemda.html",
        {
            "page_cache": page,
            "period": period,
            "year": year,
            "years": period.years,
            **lazy_context(compute, "tree", "rows", "rows_html", "unlinked", "chart"),
            "levels": _levels([v for v, _label in NodeLevel.choices if v != NodeLevel.OPD]),
        },
    )


_CODE = uuid.UUID(int=0)
_ELEMENT_ID = re.compile(r"pohon-[A-Za-z0-9-]{1,40}")


@login_required
def tree_branch(request: HttpRequest, code) -> HttpResponse:
    """The rows of one OPD statement's subtree for the Pemda-wide page (htmx fragment): the
    statement's own indicators, findings and crosscutting links go out of band into its
    details box, its children's <li> rows into its group. 404 outside the user's scope (the
    rules of the OPD's own tree page)."""
    item = opd_branch(user=request.user, code=code, year=_int(request, "year"))
    depth = min(max(_int(request, "depth") or 0, 0), 30)
    element_id = request.GET.get("el", "")
    if not _ELEMENT_ID.fullmatch(element_id):
        element_id = f"pohon-b{item.node.code.hex[:12]}"
    rows = list_rows(item.children, open_all=False, start_depth=depth + 1)
    details: list[str] = []
    _details(item, _Labels(), details.append)
    return render(
        request,
        "performance/_tree_branch.html",
        {
            "item": item,
            "element_id": element_id,
            "details_html": mark_safe("".join(details)),  # noqa: S308 - escaped in _details
            "rows_html": render_list(rows, list_id=element_id[len("pohon-") :], show_opd=False),
        },
    )
