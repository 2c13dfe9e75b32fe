"""The evaluator's worksheet and the quality review: the LKE table with live scores, scoring a row
(a plain form, or worksheet.js posting the same form and reading JSON), confirming a proposal or a
self-assessment, submitting for review, finalising, returning and reopening, and one answer's
history. Views parse, look up through the scoped selectors, call one service, render."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from apps.core.concurrency import StaleVersionError
from apps.core.workflow import WorkflowError
from apps.evaluation import access, rounds
from apps.evaluation import worksheet as ws
from apps.evaluation.models import Answer, Evaluation


def _wants_json(request: HttpRequest) -> bool:
    return "application/json" in request.headers.get("Accept", "")


def _messages(exc: Exception) -> list[str]:
    if isinstance(exc, ValidationError):
        return exc.messages
    return [str(exc)]


def _version(request: HttpRequest) -> int | None:
    try:
        return int(request.POST.get("version", ""))
    except ValueError:
        return None


def _worksheet_url(evaluation: Evaluation, answer: Answer | None = None) -> str:
    url = reverse("evaluation:worksheet", args=[evaluation.code])
    return f"{url}#a-{answer.code}" if answer is not None else url


def _answer_data(answer: Answer) -> dict:
    return {
        "code": str(answer.code),
        "label": answer.label,
        "note": answer.note,
        "version": answer.version,
        "scored_by": str(answer.scored_by) if answer.scored_by_id else "",
    }


# --- the worksheet ------------------------------------------------------------------------------


@login_required
def worksheet(request: HttpRequest, code) -> HttpResponse:
    """The LKE table of one evaluation, filterable by component, with live totals."""
    evaluation = access.get_evaluation_for_user(request.user, code)
    sheet = ws.worksheet(evaluation)
    try:
        only = int(request.GET.get("component", ""))
    except ValueError:
        only = None
    shown = [b for b in sheet.components if only is None or b.component.number == only]
    return render(
        request,
        "evaluation/scoring/worksheet.html",
        {
            "evaluation": evaluation,
            "sheet": sheet,
            "shown": shown,
            "only": only,
            "may_score": access.may_score(request.user, evaluation),
            "actions": ws.workflow.available(evaluation, request.user),
            "totals": sheet.totals(),
            "ws_labels": {
                "saved": _("Saved."),
                "conflict": _("Someone else saved this criterion meanwhile: %(value)s – %(note)s"),
                "failed": _("Not saved: the server did not answer. Try again."),
            },
        },
    )


# --- one answer ---------------------------------------------------------------------------------


def _score_response(request, answer: Answer, run) -> HttpResponse:
    """Run one scoring service and answer in JSON (worksheet.js) or with a redirect."""
    evaluation = answer.evaluation
    try:
        run()
    except StaleVersionError as exc:
        current = exc.current
        if _wants_json(request):
            return JsonResponse({"error": str(exc), "current": _answer_data(current)}, status=409)
        messages.error(
            request,
            _("%(error)s Saved value: %(label)s – %(note)s")
            % {"error": exc, "label": current.label or "–", "note": current.note or "–"},
        )
    except ValidationError as exc:
        if _wants_json(request):
            return JsonResponse({"errors": exc.messages}, status=400)
        for message in exc.messages:
            messages.error(request, message)
    else:
        if _wants_json(request):
            return JsonResponse(
                {
                    "answer": _answer_data(answer),
                    "totals": ws.totals_data(ws.score_of(evaluation)),
                }
            )
        messages.success(request, _("Saved."))
    return redirect(_worksheet_url(evaluation, answer))


@login_required
@require_POST
def answer_score(request: HttpRequest, code) -> HttpResponse:
    answer = rounds.get_answer_for_user(request.user, code)
    return _score_response(
        request,
        answer,
        lambda: ws.answer_score(
            actor=request.user,
            answer=answer,
            label=request.POST.get("label", ""),
            note=request.POST.get("note", ""),
            expected_version=_version(request),
        ),
    )


@login_required
@require_POST
def answer_accept(request: HttpRequest, code) -> HttpResponse:
    """Confirm the proposal from the data (`source=proposal`) or the self-assessment
    (`source=self`)."""
    answer = rounds.get_answer_for_user(request.user, code)
    service = ws.accept_self if request.POST.get("source") == "self" else ws.accept_proposal
    return _score_response(
        request,
        answer,
        lambda: service(
            actor=request.user,
            answer=answer,
            note=request.POST.get("note", ""),
            expected_version=_version(request),
        ),
    )


@login_required
def answer_history(request: HttpRequest, code) -> HttpResponse:
    answer = rounds.get_answer_for_user(request.user, code)
    return render(
        request,
        "evaluation/scoring/answer_history.html",
        {
            "answer": answer,
            "evaluation": answer.evaluation,
            "rows": ws.answer_history(answer),
        },
    )


# --- the quality review -------------------------------------------------------------------------


def _transition(request: HttpRequest, code, run) -> HttpResponse:
    evaluation = access.get_evaluation_for_user(request.user, code)
    try:
        run(evaluation)
    except (ValidationError, WorkflowError, StaleVersionError) as exc:
        for message in _messages(exc):
            messages.error(request, message)
    else:
        messages.success(request, _("Saved."))
    return redirect(_worksheet_url(evaluation))


@login_required
@require_POST
def evaluation_review(request: HttpRequest, code) -> HttpResponse:
    return _transition(
        request,
        code,
        lambda e: ws.evaluation_submit_review(
            actor=request.user, evaluation=e, expected_version=_version(request)
        ),
    )


@login_required
@require_POST
def evaluation_return(request: HttpRequest, code) -> HttpResponse:
    return _transition(
        request,
        code,
        lambda e: ws.evaluation_return(
            actor=request.user,
            evaluation=e,
            note=request.POST.get("note", ""),
            expected_version=_version(request),
        ),
    )


@login_required
@require_POST
def evaluation_reopen(request: HttpRequest, code) -> HttpResponse:
    return _transition(
        request,
        code,
        lambda e: ws.evaluation_reopen(
            actor=request.user,
            evaluation=e,
            note=request.POST.get("note", ""),
            expected_version=_version(request),
        ),
    )


@login_required
def evaluation_finalise(request: HttpRequest, code) -> HttpResponse:
    """The lead's form: the score and grade the evaluator's values give, and the summary."""
    evaluation = access.get_evaluation_for_user(request.user, code)
    if not access.may_finalise(request.user, evaluation):
        raise PermissionDenied
    summary = evaluation.summary
    errors: list[str] = []
    if request.method == "POST":
        summary = request.POST.get("summary", "")
        try:
            ws.evaluation_finalise(
                actor=request.user,
                evaluation=evaluation,
                summary=summary,
                expected_version=_version(request),
            )
        except (ValidationError, WorkflowError, StaleVersionError) as exc:
            errors = _messages(exc)
        else:
            messages.success(
                request,
                _("The evaluation is final: %(score)s (%(grade)s).")
                % {"score": evaluation.score, "grade": evaluation.grade},
            )
            return redirect(_worksheet_url(evaluation))
    return render(
        request,
        "evaluation/scoring/finalise.html",
        {
            "evaluation": evaluation,
            "result": ws.score_of(evaluation),
            "summary": summary,
            "errors": errors,
        },
    )
