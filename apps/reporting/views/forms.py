"""The printable forms' pages: GET shows what the form holds with a "Print PDF" button; POST
starts the rendering job and leads to its progress page (core:job_detail), where the file is
downloaded when it is ready. Views parse, look up through the scoped selectors, start the job."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from apps.core.jobs import job_start
from apps.reporting import forms_pdf

YEARS = range(2000, 2101)
TREE_DESCRIPTION = gettext_lazy(
    "Every statement as an indented table by level with its indicators and the year's "
    "targets and, once realisations are entered, each statement's capaian in the colour "
    "of its predicate band."
)


def _year(year: int) -> int:
    if year not in YEARS:
        raise Http404
    return year


def _page(request: HttpRequest, *, kind: str, params: dict, pemda_id: int, context: dict):
    """POST: start the job and follow it; GET: the page with the button."""
    if request.method == "POST":
        job = job_start(
            kind=kind,
            owner=request.user,
            pemda_id=pemda_id,
            task=forms_pdf.render_form_task,
            params=params,
        )
        return redirect("core:job_detail", code=job.code)
    return render(
        request,
        "reporting/forms/start.html",
        {"kind_label": forms_pdf.KIND_LABELS[kind], "action": request.path, **context},
    )


@login_required
@require_http_methods(["GET", "POST"])
def form_measurement(request: HttpRequest, opd, year: int, quarter: int) -> HttpResponse:
    year = _year(year)
    if quarter not in forms_pdf.QUARTER_NAMES:
        raise Http404
    unit = forms_pdf.get_opd(request.user, opd)
    return _page(
        request,
        kind=forms_pdf.MEASUREMENT,
        params={"opd": str(unit.code), "year": year, "quarter": quarter},
        pemda_id=unit.pemda_id,
        context={
            "title": _("Performance measurement form"),
            "subject": unit.name,
            "period": _("TW %(quarter)s %(year)s") % {"quarter": quarter, "year": year},
            "description": _(
                "Every indicator measured in the quarter with its annual and quarterly target, "
                "the quarter's realisation and capaian, the capaian up to the quarter, its "
                "status, obstacles and solutions, and the signature block of the Kepala OPD."
            ),
            "back": reverse("measurement:grid", args=[unit.code, year, quarter]),
            "back_label": _("Realisations"),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def form_cascading(request: HttpRequest, code, year: int) -> HttpResponse:
    renstra = forms_pdf.get_renstra(request.user, code, _year(year))
    return _page(
        request,
        kind=forms_pdf.CASCADING,
        params={"renstra": str(renstra.code), "year": year},
        pemda_id=renstra.pemda_id,
        context={
            "title": _("Cascading matrix"),
            "subject": renstra.opd.name,
            "period": str(year),
            "description": _(
                "Tujuan, sasaran, program, kegiatan and sub kegiatan of the Renstra with their "
                "indicators and the year's targets, the position responsible and the pagu."
            ),
            "back": reverse("performance:tree_opd", args=[renstra.code]) + f"?year={year}",
            "back_label": _("Pohon kinerja"),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def form_tree(request: HttpRequest, code, year: int) -> HttpResponse:
    renstra = forms_pdf.get_renstra(request.user, code, _year(year))
    return _page(
        request,
        kind=forms_pdf.TREE,
        params={"renstra": str(renstra.code), "year": year},
        pemda_id=renstra.pemda_id,
        context={
            "title": _("Pohon kinerja"),
            "subject": renstra.opd.name,
            "period": str(year),
            "description": TREE_DESCRIPTION,
            "back": reverse("performance:tree_opd", args=[renstra.code]) + f"?year={year}",
            "back_label": _("Pohon kinerja"),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def form_tree_pemda(request: HttpRequest, year: int) -> HttpResponse:
    if not forms_pdf.may_print_pemda_tree(request.user):
        raise PermissionDenied
    period = forms_pdf.get_period(request.user, _year(year))
    return _page(
        request,
        kind=forms_pdf.PEMDA_TREE,
        params={"year": year},
        pemda_id=period.pemda_id,
        context={
            "title": _("Pemda pohon kinerja"),
            "subject": request.user.pemda.name,
            "period": str(year),
            "description": TREE_DESCRIPTION,
            "back": reverse("performance:tree_pemda", args=[period.code]) + f"?year={year}",
            "back_label": _("Pohon kinerja"),
        },
    )
