"""Editing pages of the plans: the RPJMD page, and the statements of any tree (RPJMD or Renstra)
with their indicators and targets, indicative budgets, strategi / arah kebijakan, cascading and
crosscutting links, and their history.

Each view looks its object up through the scoped selectors (404 outside the scope, 403 for a
write without the role) and calls one service; the services refuse writes to a Renstra under
review or approved, with a message shown on the form.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from apps.core.concurrency import StaleVersionError
from apps.core.forms import add_service_errors, bound_data, save_form, save_versioned_form
from apps.organisations import selectors as org_selectors
from apps.performance import forms, selectors, services
from apps.performance.models import ALLOWED_CHILDREN, Node, NodeLevel, Polarity
from apps.performance.views.common import (
    anchor_of,
    anchor_url,
    grid_stale,
    node_page,
    report_errors,
    saved,
)
from apps.planning import selectors as plan_selectors
from apps.planning.models import Renstra, Rpjmd

# --- RPJMD ------------------------------------------------------------------------------------


@login_required
def rpjmd_list(request: HttpRequest) -> HttpResponse:
    """Every plan period of the Pemda with its RPJMD (or the button to start one)."""
    periods = list(org_selectors.period_list(user=request.user))
    by_period = {r.period_id: r for r in plan_selectors.rpjmd_list(user=request.user)}
    rows = [{"period": p, "rpjmd": by_period.get(p.pk)} for p in periods]
    return render(
        request,
        "performance/rpjmd_list.html",
        {"rows": rows, "may_write": plan_selectors.may_write_rpjmd(request.user)},
    )


@login_required
def rpjmd_create(request: HttpRequest) -> HttpResponse:
    if not plan_selectors.may_write_rpjmd(request.user):
        raise PermissionDenied
    periods = org_selectors.period_list(user=request.user).filter(rpjmd__isnull=True)
    form = forms.RpjmdCreateForm(bound_data(request), periods=periods)
    if request.method == "POST":
        rpjmd = save_form(form, lambda data: services.rpjmd_create(actor=request.user, **data))
        if rpjmd is not None:
            messages.success(request, _("The RPJMD was created."))
            return redirect("performance:rpjmd_detail", code=rpjmd.code)
    return render(
        request,
        "performance/rpjmd_form.html",
        {"form": form, "creating": True, "back_url": reverse("performance:rpjmd_list")},
    )


@login_required
def rpjmd_detail(request: HttpRequest, code) -> HttpResponse:
    rpjmd = plan_selectors.get_rpjmd_for_user(request.user, code)
    tree = selectors.rpjmd_tree(user=request.user, rpjmd=rpjmd)
    rows = [
        {
            "item": item,
            "depth": depth,
            "findings": [{"finding": f, "dismissal": None} for f in item.findings],
        }
        for item, depth in selectors.walk([tree.root])
    ]
    return render(
        request,
        "performance/rpjmd_detail.html",
        {
            "rpjmd": rpjmd,
            "tree": tree,
            "rows": rows,
            "years": rpjmd.period.years,
            "may_write": tree.may_write,
            "editable": tree.may_write,
        },
    )


@login_required
def rpjmd_edit(request: HttpRequest, code) -> HttpResponse:
    rpjmd = plan_selectors.get_rw_rpjmd_for_user(request.user, code)
    form = forms.RpjmdEditForm(bound_data(request), initial=forms.RpjmdEditForm.initial_for(rpjmd))
    if request.method == "POST" and save_versioned_form(
        form,
        lambda data, version: services.rpjmd_update(
            actor=request.user, rpjmd=rpjmd, data=data, expected_version=version
        ),
        obj=rpjmd,
    ):
        saved(request)
        return redirect("performance:rpjmd_detail", code=rpjmd.code)
    return render(
        request,
        "performance/rpjmd_form.html",
        {"form": form, "rpjmd": rpjmd, "back_url": anchor_url(rpjmd)},
    )


# --- statements -----------------------------------------------------------------------------


def _owner_choices(user, anchor, level: str, opd=None):
    if isinstance(anchor, Rpjmd) and level == NodeLevel.PROGRAM and opd is None:
        # The OPD is chosen in the same form: offer the heads and administrators of every OPD.
        return (
            org_selectors.position_list(user=user)
            .filter(is_active=True, level__in=["jpt", "administrator"], opd__isnull=False)
            .prefetch_related(None)
        )
    return selectors.owner_position_choices(anchor=anchor, node_level=level, opd=opd)


def _node_context(node: Node, **extra: Any) -> dict[str, Any]:
    anchor = anchor_of(node)
    back = anchor_url(anchor, node)
    return {"node": node, "anchor": anchor, "anchor_url": back, "back_url": back, **extra}


@login_required
def node_create(request: HttpRequest, code) -> HttpResponse:
    """Add a statement under `code`, at one of the levels allowed there (?level=...)."""
    parent = selectors.get_rw_node_for_user(request.user, code)
    anchor = anchor_of(parent)
    allowed = [c for c in NodeLevel.values if c in ALLOWED_CHILDREN.get(parent.node_level, set())]
    level = request.POST.get("level") or request.GET.get("level") or ""
    if level not in allowed and len(allowed) == 1:
        level = allowed[0]
    if level not in allowed:
        return render(
            request,
            "performance/node_level_choice.html",
            _node_context(parent, levels=[(v, NodeLevel(v).label) for v in allowed]),
        )
    in_rpjmd = isinstance(anchor, Rpjmd)
    form = forms.NodeCreateForm(
        bound_data(request),
        level=level,
        in_rpjmd=in_rpjmd,
        owners=_owner_choices(request.user, anchor, level),
        items=selectors.nomenclature_choices(node_level=level, parent=parent),
        opds=org_selectors.opd_list(user=request.user),
        sasaran=selectors.pemda_sasaran_choices(user=request.user, period=anchor.period),
    )
    if request.method == "POST":
        node = save_form(
            form,
            lambda data: services.node_create(
                actor=request.user,
                parent=parent,
                node_level=level,
                renstra=None if in_rpjmd else anchor,
                rpjmd=anchor if in_rpjmd else None,
                **data,
            ),
            default_field="statement",
        )
        if node is not None:
            messages.success(request, _("The statement was added."))
            return redirect(node_page(node))
    return render(
        request,
        "performance/node_form.html",
        _node_context(parent, form=form, level=level, level_label=NodeLevel(level).label),
    )


@login_required
def node_edit(request: HttpRequest, code) -> HttpResponse:
    node = selectors.get_rw_node_for_user(request.user, code)
    anchor = anchor_of(node)
    in_rpjmd = isinstance(anchor, Rpjmd)
    form = forms.NodeEditForm(
        bound_data(request),
        initial=forms.NodeEditForm.initial_from(node),
        level=node.node_level,
        in_rpjmd=in_rpjmd,
        owners=_owner_choices(request.user, anchor, node.node_level, opd=node.opd),
        items=selectors.nomenclature_choices(node_level=node.node_level, parent=node.parent),
        opds=org_selectors.opd_list(user=request.user),
    )
    if request.method == "POST" and save_versioned_form(
        form,
        lambda data, version: services.node_update(
            actor=request.user, node=node, data=data, expected_version=version
        ),
        obj=node,
        default_field="statement" if "statement" in form.fields else None,
    ):
        saved(request)
        return redirect(node_page(node))
    return render(request, "performance/node_form.html", _node_context(node, form=form))


@login_required
def node_move(request: HttpRequest, code) -> HttpResponse:
    node = selectors.get_rw_node_for_user(request.user, code)
    anchor = anchor_of(node)
    candidates = selectors.parent_choices(anchor=anchor, node_level=node.node_level)
    shown = candidates.exclude(tree_id=node.tree_id, lft__gte=node.lft, lft__lte=node.rght)
    # A submitted parent is looked up among every statement the user could name (this tree and
    # the other OPDs' trees), so that the service explains why another tree is refused.
    lookup = candidates
    if node.renstra_id is not None:
        lookup = candidates | selectors.crosscut_target_choices(user=request.user, source=node)
    form = forms.NodeMoveForm(
        bound_data(request), initial={"parent": node.parent}, parents=shown, lookup=lookup
    )
    if request.method == "POST" and save_form(
        form,
        lambda data: services.node_move(actor=request.user, node=node, new_parent=data["parent"]),
    ):
        messages.success(request, _("The statement was moved."))
        return redirect(node_page(node))
    return render(request, "performance/node_move.html", _node_context(node, form=form))


@login_required
@require_POST
def node_delete(request: HttpRequest, code) -> HttpResponse:
    node = selectors.get_rw_node_for_user(request.user, code)
    target = anchor_url(anchor_of(node), node.parent)
    try:
        services.node_delete(actor=request.user, node=node)
    except ValidationError as exc:
        report_errors(request, exc)
        return redirect(node_page(node))
    messages.success(request, _("The statement was deleted."))
    return redirect(target)


@login_required
def node_cascade(request: HttpRequest, code) -> HttpResponse:
    """The RPJMD sasaran an OPD tujuan/sasaran cascades from."""
    node = selectors.get_rw_node_for_user(request.user, code)
    anchor = anchor_of(node)
    form = forms.CascadeForm(
        bound_data(request),
        initial={"pemda_sasaran": list(node.pemda_sasaran.all())},
        sasaran=selectors.pemda_sasaran_choices(user=request.user, period=anchor.period),
    )
    if request.method == "POST" and save_form(
        form,
        lambda data: services.node_set_cascade(
            actor=request.user, node=node, pemda_sasaran=data["pemda_sasaran"]
        ),
    ):
        saved(request)
        return redirect(node_page(node))
    return render(request, "performance/node_cascade.html", _node_context(node, form=form))


def _changes(records: list, fields: tuple[str, ...]) -> list[dict[str, Any]]:
    """Row history newest first, each with the fields that changed from the version before."""
    rows = []
    for index, record in enumerate(records):
        before = records[index + 1] if index + 1 < len(records) else None
        changed = []
        for name in fields:
            new = getattr(record, name, None)
            old = getattr(before, name, None) if before is not None else None
            if before is None or old != new:
                changed.append({"field": name, "old": old, "new": new})
        rows.append({"record": record, "changes": changed, "created": before is None})
    return rows


_NODE_FIELDS = ("statement", "number", "result_level", "owner_position_id", "nomenclature_id")
_INDICATOR_FIELDS = ("name", "unit", "formula", "definition", "baseline", "is_iku", "is_ikk")


@login_required
def node_history(request: HttpRequest, code) -> HttpResponse:
    """Every recorded change of the statement, its indicators and their targets, old → new."""
    node = selectors.get_node_for_user(request.user, code)
    indicators = []
    for indicator in selectors.indicator_list(user=request.user, node=node):
        target_rows: list[dict[str, Any]] = []
        by_year: dict[int, list] = {}
        for record in selectors.target_history(user=request.user, indicator=indicator):
            by_year.setdefault(record.year, []).append(record)
        for year, records in sorted(by_year.items()):
            for row in _changes(records, ("value", "value_max", "text_value")):
                row["year"] = year
                target_rows.append(row)
        indicators.append(
            {
                "indicator": indicator,
                "history": _changes(
                    list(indicator.history.select_related("history_user")), _INDICATOR_FIELDS
                ),
                "targets": target_rows,
            }
        )
    history = _changes(list(selectors.node_history(user=request.user, node=node)), _NODE_FIELDS)
    return render(
        request,
        "performance/node_history.html",
        _node_context(node, history=history, indicators=indicators),
    )


# --- indicators, targets, budgets -------------------------------------------------------------


def _indicator_choices(user, anchor) -> dict[str, Any]:
    positions = org_selectors.position_list(user=user).filter(is_active=True)
    if isinstance(anchor, Renstra):
        positions = positions.filter(opd_id=anchor.opd_id)
    return {
        "scales": selectors.scale_list(user=user),
        "positions": positions.prefetch_related(None),
    }


@login_required
def indicator_create(request: HttpRequest, code) -> HttpResponse:
    """An indicator with the target of each year of the period in one grid (all-or-nothing)."""
    node = selectors.get_rw_node_for_user(request.user, code)
    anchor = anchor_of(node)
    years = anchor.period.years
    form = forms.IndicatorCreateForm(
        bound_data(request), years=years, **_indicator_choices(request.user, anchor)
    )
    if request.method == "POST":

        def create(data: dict[str, Any]):
            values, maxima = form.targets()
            return services.indicator_create(
                actor=request.user,
                node=node,
                targets=values,
                targets_max=maxima,
                **form.indicator_data(),
            )

        indicator = save_form(form, create, default_field="name")
        if indicator is not None:
            messages.success(request, _("The indicator was added."))
            return redirect(node_page(node))
    return render(
        request,
        "performance/indicator_form.html",
        _node_context(node, form=form, creating=True, years=years),
    )


def _indicator_page(request, indicator, node, *, form=None, targets_form=None, status=200):
    anchor = anchor_of(node)
    years = anchor.period.years
    if form is None:
        form = forms.IndicatorEditForm(
            initial=forms.IndicatorEditForm.initial_from(indicator),
            **_indicator_choices(request.user, anchor),
        )
    if targets_form is None:
        targets_form = forms.TargetsForm(indicator=indicator, years=years)
    return render(
        request,
        "performance/indicator_form.html",
        _node_context(node, form=form, targets_form=targets_form, indicator=indicator, years=years),
        status=status,
    )


@login_required
def indicator_edit(request: HttpRequest, code) -> HttpResponse:
    indicator = selectors.get_rw_indicator_for_user(request.user, code)
    node = selectors.get_node_for_user(request.user, indicator.node.code)
    anchor = anchor_of(node)
    form = forms.IndicatorEditForm(
        bound_data(request),
        initial=forms.IndicatorEditForm.initial_from(indicator),
        **_indicator_choices(request.user, anchor),
    )
    if request.method == "POST" and save_versioned_form(
        form,
        lambda data, version: services.indicator_update(
            actor=request.user, indicator=indicator, data=data, expected_version=version
        ),
        obj=indicator,
        default_field="name",
    ):
        saved(request)
        return redirect(node_page(node))
    return _indicator_page(request, indicator, node, form=form)


@login_required
@require_POST
def indicator_targets(request: HttpRequest, code) -> HttpResponse:
    """The targets grid of an indicator; a year left empty removes its target."""
    indicator = selectors.get_rw_indicator_for_user(request.user, code)
    node = selectors.get_node_for_user(request.user, indicator.node.code)
    years = anchor_of(node).period.years
    form = forms.TargetsForm(request.POST, indicator=indicator, years=years)
    if form.is_valid():
        values, maxima = form.targets()
        try:
            services.targets_set(
                actor=request.user,
                indicator=indicator,
                targets=values,
                targets_max=maxima if indicator.polarity == Polarity.RANGE else None,
                expected_versions=form.versions(),
            )
        except StaleVersionError as exc:
            grid_stale(form, exc, "target")
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            saved(request, _("The targets were saved."))
            return redirect(node_page(node))
    return _indicator_page(request, indicator, node, targets_form=form)


@login_required
@require_POST
def indicator_delete(request: HttpRequest, code) -> HttpResponse:
    indicator = selectors.get_rw_indicator_for_user(request.user, code)
    node = selectors.get_node_for_user(request.user, indicator.node.code)
    try:
        services.indicator_delete(actor=request.user, indicator=indicator)
    except ValidationError as exc:
        report_errors(request, exc)
    else:
        messages.success(request, _("The indicator was deleted."))
    return redirect(node_page(node))


@login_required
def node_budget(request: HttpRequest, code) -> HttpResponse:
    """The indicative budget of a program / kegiatan / sub kegiatan for each year."""
    node = selectors.get_rw_node_for_user(request.user, code)
    years = anchor_of(node).period.years
    form = forms.BudgetForm(bound_data(request), node=node, years=years)
    if request.method == "POST" and form.is_valid():
        try:
            services.budgets_set(
                actor=request.user,
                node=node,
                amounts=form.amounts(),
                expected_versions=form.versions(),
            )
        except StaleVersionError as exc:
            grid_stale(form, exc, "budget")
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            saved(request, _("The budget was saved."))
            return redirect(node_page(node))
    return render(request, "performance/node_budget.html", _node_context(node, form=form))


# --- strategi, crosscutting ---------------------------------------------------------------------


@login_required
def strategy_create(request: HttpRequest, code) -> HttpResponse:
    node = selectors.get_rw_node_for_user(request.user, code)
    form = forms.StrategyForm(bound_data(request))
    if request.method == "POST" and save_form(
        form,
        lambda data: services.strategy_create(actor=request.user, node=node, **data),
        default_field="text",
    ):
        messages.success(request, _("Saved."))
        return redirect(node_page(node))
    return render(request, "performance/strategy_form.html", _node_context(node, form=form))


@login_required
@require_POST
def strategy_delete(request: HttpRequest, code) -> HttpResponse:
    strategy = selectors.get_rw_strategy_for_user(request.user, code)
    node = selectors.get_node_for_user(request.user, strategy.node.code)
    try:
        services.strategy_delete(actor=request.user, strategy=strategy)
    except ValidationError as exc:
        report_errors(request, exc)
    else:
        messages.success(request, _("Deleted."))
    return redirect(node_page(node))


@login_required
def crosscut_create(request: HttpRequest, code) -> HttpResponse:
    """Link a statement of the user's OPD to the statement of another OPD it supports."""
    source = selectors.get_rw_node_for_user(request.user, code)
    if source.renstra_id is None:
        raise PermissionDenied
    form = forms.CrosscutForm(
        bound_data(request),
        targets=selectors.crosscut_target_choices(user=request.user, source=source),
    )
    if request.method == "POST" and save_form(
        form,
        lambda data: services.crosscut_create(actor=request.user, source=source, **data),
        default_field="target",
    ):
        messages.success(request, _("The crosscutting link was added."))
        return redirect(node_page(source))
    return render(request, "performance/crosscut_form.html", _node_context(source, form=form))


@login_required
@require_POST
def crosscut_delete(request: HttpRequest, code) -> HttpResponse:
    crosscut = selectors.get_rw_crosscut_for_user(request.user, code)
    source = crosscut.source
    try:
        services.crosscut_delete(actor=request.user, crosscut=crosscut)
    except ValidationError as exc:
        report_errors(request, exc)
    else:
        messages.success(request, _("The crosscutting link was removed."))
    return redirect(anchor_url(source.renstra, source))
