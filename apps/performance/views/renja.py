"""Renja pages: the list per Renstra and year, creating a year's Renja from the Renstra, the Renja
page with the pagu of each line (editable by the OPD on the current version) and the year's
targets, and the budget revision (APBD-P) that keeps the older version viewable."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from apps.core.concurrency import StaleVersionError
from apps.core.forms import bound_data, save_form
from apps.performance import forms, selectors, services
from apps.performance.services.indicators import target_display
from apps.performance.views.common import anchor_url
from apps.planning import selectors as plan_selectors


@login_required
def renja_list(request: HttpRequest) -> HttpResponse:
    renjas = plan_selectors.renja_list(user=request.user)
    renstra = None
    if request.GET.get("renstra"):
        renstra = plan_selectors.get_renstra_for_user(request.user, request.GET["renstra"])
        renjas = renjas.filter(renstra=renstra)
    try:
        year = int(request.GET.get("year", ""))
    except ValueError:
        year = None
    if year is not None:
        renjas = renjas.filter(year=year)
    return render(
        request,
        "performance/renja_list.html",
        {"renjas": renjas, "renstra": renstra, "year": year},
    )


@login_required
def renja_create(request: HttpRequest, code) -> HttpResponse:
    """The Renja of one year, copied from the Renstra (nodes active that year, targets, pagu)."""
    renstra = plan_selectors.get_rw_renstra_for_user(request.user, code)
    form = forms.RenjaCreateForm(bound_data(request))
    if request.method == "POST":
        renja = save_form(
            form,
            lambda data: services.renja_create(actor=request.user, renstra=renstra, **data),
            default_field="year",
        )
        if renja is not None:
            messages.success(request, _("The Renja was created."))
            return redirect("performance:renja_detail", code=renja.code)
    return render(
        request,
        "performance/renja_form.html",
        {"form": form, "renstra": renstra, "back_url": anchor_url(renstra)},
    )


@login_required
def renja_detail(request: HttpRequest, code) -> HttpResponse:
    renja = plan_selectors.get_renja_for_user(request.user, code)
    may_write = plan_selectors.may_write_renstra(request.user, renja.renstra)
    lines = list(selectors.renja_lines(user=request.user, renja=renja))
    targets = [
        {"target": t, "text": target_display(t.value, t.value_max, t.text_value)}
        for t in selectors.renja_targets(user=request.user, renja=renja)
    ]
    return render(
        request,
        "performance/renja_detail.html",
        {
            "renja": renja,
            "lines": lines,
            "targets": targets,
            "total": sum((ln.pagu or 0) for ln in lines if ln.node.node_level == "subkegiatan"),
            "versions": plan_selectors.renja_list(
                user=request.user, renstra=renja.renstra, year=renja.year
            ),
            "may_edit": may_write and renja.is_current,
        },
    )


@login_required
@require_POST
def renja_pagu(request: HttpRequest, code) -> HttpResponse:
    """The pagu (DPA) of one Renja line."""
    line = selectors.get_rw_renja_line_for_user(request.user, code)
    form = forms.PaguForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("The page was out of date; try again."))
    else:
        try:
            services.renja_set_pagu(
                actor=request.user,
                line=line,
                pagu=form.cleaned_data["pagu"],
                expected_version=form.cleaned_data["version"],
            )
        except StaleVersionError as exc:
            messages.error(
                request,
                _("%(message)s Saved by the other person: %(value)s")
                % {"message": exc, "value": exc.current.pagu if exc.current.pagu else "–"},
            )
        except ValidationError as exc:
            for text in exc.messages:
                messages.error(request, f"{line.node.statement[:60]}: {text}")
        else:
            messages.success(request, _("The pagu was saved."))
    return redirect(f"{_renja_url(line.renja.code)}#line-{line.code}")


def _renja_url(code) -> str:
    from django.urls import reverse

    return reverse("performance:renja_detail", kwargs={"code": code})


@login_required
def renja_revise(request: HttpRequest, code) -> HttpResponse:
    """A budget revision (APBD-P): a new version of the Renja; the current one is kept."""
    renja = plan_selectors.get_rw_renja_for_user(request.user, code)
    form = forms.RenjaReviseForm(bound_data(request))
    if request.method == "POST":
        new = save_form(
            form,
            lambda data: services.renja_revise(actor=request.user, renja=renja, **data),
            default_field="note",
        )
        if new is not None:
            messages.success(request, _("The revised Renja was created."))
            return redirect("performance:renja_detail", code=new.code)
    return render(
        request,
        "performance/renja_revise.html",
        {"form": form, "renja": renja, "back_url": _renja_url(renja.code)},
    )
