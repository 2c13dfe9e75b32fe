"""Results pages: the round's ranking (table, chart, Excel) and its publication, one evaluation
against last year, and its LHE (started as a job, downloaded as issued). Views parse, look up
through the scoped selectors, call one service, render."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from apps.core.jobs import job_start
from apps.evaluation import access, lhe, results
from apps.evaluation.models import EvaluationStatus

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _round_for_results(request: HttpRequest, code):
    round_ = access.get_round_for_user(request.user, code)
    if not results.may_see_round_results(request.user):
        raise PermissionDenied
    return round_


@login_required
@require_GET
def round_results(request: HttpRequest, code) -> HttpResponse:
    round_ = _round_for_results(request, code)
    data = results.round_results(user=request.user, round_=round_)
    return render(
        request,
        "evaluation/results/round_results.html",
        {
            "round": round_,
            "data": data,
            "chart": data.chart(),
            "may_publish": results.may_publish(request.user, round_),
        },
    )


@login_required
@require_GET
def round_results_excel(request: HttpRequest, code) -> HttpResponse:
    round_ = _round_for_results(request, code)
    content = results.round_workbook(results.round_results(user=request.user, round_=round_))
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="hasil-evaluasi-{round_.year}.xlsx"'
    return response


@login_required
@require_POST
def round_publish(request: HttpRequest, code) -> HttpResponse:
    round_ = access.get_round_for_user(request.user, code)
    try:
        publication = results.round_publish(actor=request.user, round_=round_)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(
            request,
            _("The results are published on the portal: %(title)s.") % {"title": publication.title},
        )
    return redirect("evaluation:round_results", code=round_.code)


@login_required
@require_GET
def evaluation_comparison(request: HttpRequest, code) -> HttpResponse:
    evaluation = access.get_evaluation_for_user(request.user, code)
    return render(
        request,
        "evaluation/results/comparison.html",
        {
            "evaluation": evaluation,
            "comparison": results.comparison(evaluation),
            "is_final": evaluation.status == EvaluationStatus.FINAL,
            "lhe_issued": lhe.issued(evaluation),
            "may_see_round": results.may_see_round_results(request.user),
        },
    )


@login_required
@require_POST
def lhe_start(request: HttpRequest, code) -> HttpResponse:
    evaluation = access.get_evaluation_for_user(request.user, code)
    if evaluation.status != EvaluationStatus.FINAL:
        messages.error(request, _("The LHE is issued only for a final evaluation."))
        return redirect("evaluation:evaluation_comparison", code=evaluation.code)
    job = job_start(
        kind=lhe.KIND,
        owner=request.user,
        pemda_id=evaluation.pemda_id,
        task=lhe.render_lhe_task,
        params={"evaluation": str(evaluation.code)},
    )
    return redirect(reverse("core:job_detail", args=[job.code]))


@login_required
@require_GET
def lhe_download(request: HttpRequest, code) -> FileResponse:
    evaluation = access.get_evaluation_for_user(request.user, code)
    if not lhe.issued(evaluation):
        raise Http404
    response = FileResponse(
        evaluation.lhe_pdf.open("rb"),
        as_attachment=True,
        filename=lhe.download_name(evaluation),
        content_type="application/pdf",
    )
    response["X-Content-SHA256"] = evaluation.lhe_sha256
    return response
