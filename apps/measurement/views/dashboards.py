"""Dashboard pages: an OPD's dashboard, the Pemda dashboard, the leadership summary, their
tables as Excel, and the roll-up weights page. Views parse, look up through the scoped
selectors, call one builder (apps/measurement/dashboards.py) or one service, and render."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.text import slugify
from django.utils.translation import gettext as _

from apps.core.concurrency import StaleVersionError
from apps.core.pagecache import PageCache, lazy, page_cache
from apps.measurement import dashboards, selectors
from apps.organisations.access import PLANNERS, get_scope
from apps.performance.selectors.access import get_node_for_user
from apps.performance.services import nodes as node_services

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _period(request: HttpRequest) -> tuple[int, int, bool]:
    year, quarter = dashboards.default_period(request.GET.get("year"), request.GET.get("quarter"))
    return year, quarter, request.GET.get("verified") == "1"


def _require_pemda_wide(user) -> None:
    """The Pemda-wide pages are for grants on the Pemda root (admin, Bappeda, Inspektorat,
    leadership); an OPD's users see their OPD's dashboard instead."""
    if not get_scope(user).pemda_wide():
        raise PermissionDenied


def _opd_data(request: HttpRequest, opd):
    year, quarter, verified_only = _period(request)
    return dashboards.opd_dashboard(
        opd=opd, year=year, quarter=quarter, verified_only=verified_only
    )


def _pemda_data(request: HttpRequest, *, whole_tree: bool = False, page: PageCache | None = None):
    """The Pemda-wide figures: cached for the pages (at the page's revision); computed afresh
    with the whole tree for the Excel download."""
    _require_pemda_wide(request.user)
    year, quarter, verified_only = _period(request)
    args = {
        "pemda_id": request.user.pemda_id,
        "opds": list(selectors.readable_opds(user=request.user)),
        "year": year,
        "quarter": quarter,
        "verified_only": verified_only,
    }
    if whole_tree:
        return dashboards.pemda_dashboard(**args)
    return dashboards.pemda_dashboard_cached(**args, revision=page and page.revision)


@login_required
def opd_dashboard(request: HttpRequest, code) -> HttpResponse:
    page = page_cache(request)
    opd = selectors.get_opd_for_user(request.user, code)
    data = lazy(lambda: _opd_data(request, opd))
    return render(
        request,
        "measurement/dashboards/opd.html",
        {"page_cache": page, "opd": opd, **_figures_context(request, data)},
    )


def _figures_context(request: HttpRequest, data, rows=lambda d: d.rows) -> dict:
    """The dashboards' tables and charts, each computed when the page reads it (a page served
    from the cache reads none)."""
    return {
        "data": data,
        "may_weigh": lazy(lambda: get_scope(request.user).pemda_wide(PLANNERS)),
        "table_body": lazy(lambda: dashboards.indicator_table_body(rows(data()))),
        "charts": lazy(lambda: data().charts()),
        "chart": lazy(lambda: data().tree),
        "tree_rows": lazy(lambda: dashboards.tree_table(data().tree)),
        "quarters": dashboards.QUARTERS,
        "bands": dashboards.BANDS,
    }


def _pemda_page(request: HttpRequest):
    """The Pemda-wide pages' cache entry and figures. Figures from the grace period of their
    own cache (older than the revision) are shown but not kept as a page."""
    page = page_cache(request)
    _require_pemda_wide(request.user)

    def compute():
        data = _pemda_data(request, page=page)
        if page is not None and data.revision != page.revision:
            page.store = False
        return data

    return page, lazy(compute)


@login_required
def pemda_dashboard(request: HttpRequest) -> HttpResponse:
    page, data = _pemda_page(request)
    return render(
        request,
        "measurement/dashboards/pemda.html",
        {
            "page_cache": page,
            **_figures_context(request, data, rows=lambda d: d.iku),
        },
    )


@login_required
def leadership(request: HttpRequest) -> HttpResponse:
    page, data = _pemda_page(request)
    year, _quarter, _verified = _period(request)
    return render(
        request,
        "measurement/dashboards/leadership.html",
        {
            "page_cache": page,
            "data": data,
            "year": year,
            "charts": lazy(lambda: data().charts()),
            "quarters": dashboards.QUARTERS,
        },
    )


@login_required
def dashboard_excel(request: HttpRequest, kind: str) -> HttpResponse:
    if kind == "opd":
        data = _opd_data(
            request, selectors.get_opd_for_user(request.user, request.GET.get("opd") or "")
        )
        content = dashboards.opd_workbook(data)
        label = slugify(data.opd.short_name or data.opd.name) or data.opd.code
        name = f"dashboard-{label}-{data.year}-tw{data.quarter}"
    elif kind in ("pemda", "summary"):
        data = _pemda_data(request, whole_tree=True)
        if kind == "pemda":
            content = dashboards.pemda_workbook(data)
        else:
            content = dashboards.summary_workbook(data)
        name = f"{kind}-{data.year}-tw{data.quarter}"
    else:
        raise Http404
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{name}.xlsx"'
    return response


@login_required
def weights(request: HttpRequest, code) -> HttpResponse:
    """The roll-up weights of the statements under one statement (Bappeda and admins)."""
    node = get_node_for_user(request.user, code)  # 404 outside the scope
    if not get_scope(request.user).pemda_wide(PLANNERS):
        raise PermissionDenied
    children = node_services.weighted_children(node)
    errors: dict[str, list[str]] = {}
    message = ""
    values = {str(c.code): _weight_text(c.weight) for c in children}
    if request.method == "POST":
        posted = {
            str(c.code): (
                request.POST.get(f"weight-{c.code}", ""),
                _version(request.POST.get(f"version-{c.code}")),
            )
            for c in children
            if f"weight-{c.code}" in request.POST
        }
        try:
            node_services.node_set_weights(actor=request.user, parent=node, weights=posted)
        except StaleVersionError:
            message = _(
                "Someone else changed these weights after you opened the page. Their values are "
                "shown below; enter yours again if they should still change."
            )
            children = node_services.weighted_children(node)
            values = {str(c.code): _weight_text(c.weight) for c in children}
        except ValidationError as exc:
            errors = exc.message_dict if hasattr(exc, "error_dict") else {"": exc.messages}
            values = {**values, **{k: v for k, (v, _ver) in posted.items()}}
            message = _("The weights were not saved. Correct the marked values.")
        else:
            messages.success(request, _("The weights were saved."))
            return redirect("measurement:weights", code=node.code)
    rows = [
        {
            "node": c,
            "value": values.get(str(c.code), ""),
            "errors": errors.get(str(c.code), []),
            "cascaded": c.parent_id != node.pk,
        }
        for c in children
    ]
    return render(
        request,
        "measurement/dashboards/weights.html",
        {
            "node": node,
            "rows": rows,
            "message": message,
            "general_errors": errors.get("", []),
        },
        status=400 if errors else 200,
    )


def _version(raw) -> int | None:
    try:
        return int(raw)
    except (TypeError, ValueError):
        return None


def _weight_text(weight) -> str:
    """1.500 → "1,5" (the Indonesian decimal comma; parse_decimal reads it back)."""
    text = format(weight.normalize(), "f")
    return text.replace(".", ",")
