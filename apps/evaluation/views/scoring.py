"""The evaluator's worksheet and the quality review: the LKE table with live scores, scoring a row
(a plain form, or worksheet.js posting the same form and reading JSON), confirming a proposal or a
self-assessment, submitting for review, finalising, returning and reopening, and one answer's
history. Views parse, look up through the scoped selectors, call one service, render."""

from __future__ import annotations

import html

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.template.defaultfilters import join, linebreaksbr
from django.urls import NoReverseMatch, reverse
from django.utils.html import conditional_escape as esc
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from apps.core.concurrency import StaleVersionError
from apps.core.pagecache import CSRF_PLACEHOLDER, lazy_context, page_cache
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
    """The LKE table of one evaluation, filterable by component, with live totals; served from
    the cache while the Pemda's data is unchanged (apps.core.pagecache)."""
    page = page_cache(request)
    evaluation = access.get_evaluation_for_user(request.user, code)
    try:
        only = int(request.GET.get("component", ""))
    except ValueError:
        only = None
    may_score = access.may_score(request.user, evaluation)

    def compute() -> dict:
        sheet = ws.worksheet(evaluation)
        rows = _RowWriter(may_score)
        shown = [
            {
                "block": block,
                "subs": [{"sb": sb, "rows": rows.html(sb.rows)} for sb in block.subs],
            }
            for block in sheet.components
            if only is None or block.component.number == only
        ]
        return {
            "sheet": sheet,
            "shown": shown,
            "actions": ws.workflow.available(evaluation, request.user),
            "totals": sheet.totals(),
        }

    return render(
        request,
        "evaluation/scoring/worksheet.html",
        {
            "page_cache": page,
            "evaluation": evaluation,
            "only": only,
            "may_score": may_score,
            **lazy_context(compute, "sheet", "shown", "actions", "totals"),
            "ws_labels": {
                "saved": _("Saved."),
                "conflict": _("Someone else saved this criterion meanwhile: %(value)s – %(note)s"),
                "failed": _("Not saved: the server did not answer. Try again."),
            },
        },
    )


def _e(value) -> str:
    """`{{ value }}` of a plain value (text from the database, a UUID): escaped like Django's
    escape() (html.escape with quotes), without its lazy-string wrapper (called per cell)."""
    return html.escape(str(value))


def _url_of(name: str):
    """`reverse(name, args=[code])` for many codes: reversed once, then joined per row."""
    placeholder = "00000000-0000-0000-0000-000000000000"
    head, tail = reverse(name, args=[placeholder]).split(placeholder)
    return lambda code: f"{head}{code}{tail}"


class _RowWriter:
    """The worksheet's criterion rows as HTML, written here rather than by the template engine:
    a province's worksheet has 80 rows with a form each, and the template language spent most of
    the page's time on them. The markup (and its whitespace) is exactly what the template wrote
    before (templates/evaluation/scoring/worksheet.html keeps the rest of the page): worksheet.js
    and the tests read it. Every value is escaped as `{{ }}` would escape it."""

    DASH = "–"

    def __init__(self, may_score: bool):
        self.may_score = may_score
        self.history_url = _url_of("evaluation:answer_history")
        self.t_evidence = esc(_("Evidence"))
        self.t_see = esc(_("See the data"))
        self.t_history = esc(_("History"))
        if may_score:
            self.score_url = _url_of("evaluation:answer_score")
            self.accept_url = _url_of("evaluation:answer_accept")
            # The page's block fills in the request's token (apps.core.pagecache).
            self.csrf = CSRF_PLACEHOLDER
            self.t_value = esc(_("Value"))
            self.t_note = esc(_("Note"))
            self.t_save = esc(_("Save"))
            self.t_accept = esc(_("Accept the proposal"))
            self.t_confirm = esc(_("Confirm the self-assessment"))

    def html(self, rows) -> SafeString:
        return mark_safe("".join(self._row(row) for row in rows))  # noqa: S308 - escaped above

    def _evidence(self, items) -> str:
        out = []
        for e in items:
            if e.file:
                try:
                    url = reverse("evaluation:evidence_download", args=[e.code])
                except NoReverseMatch:
                    url = ""
                name = _e(e.original_name)
                link = f'<a href="{_e(url)}">{name}</a>' if url else name
                item = f"<li>{link}</li>\n                    "
            else:
                item = f'<li><a href="{_e(e.link)}">{_e(e.label or e.link)}</a></li>'
            out.append(f"\n                    {item}\n                  ")
        return (
            '<ul class="list-unstyled small mb-0">\n                  '
            + "".join(out)
            + ("\n                </ul>")
        )

    def _row(self, row) -> str:
        a = row.answer
        code = _e(a.code)
        criterion = row.criterion
        types = criterion.evidence_types
        kinds = (
            f'<div class="small text-body-secondary">{self.t_evidence}: {join(types, ", ")}</div>'
            if types
            else ""
        )
        self_note = f'<div class="small">{linebreaksbr(a.self_note)}</div>' if a.self_note else ""
        evidence = self._evidence(row.evidence) if row.evidence else ""
        proposed_note = f'<div class="small">{_e(a.proposed_note)}</div>' if a.proposed_note else ""
        proposed_link = (
            f'<a class="small" href="{_e(a.proposed_link)}">{self.t_see}</a>'
            if a.proposed_link
            else ""
        )
        answer = self._form(a, code, row.options) if self.may_score else self._value(a)
        return (
            "\n            \n"
            f'            <tr id="a-{code}" data-answer="{code}">\n'
            f"              <td>{_e(row.number)}</td>\n"
            f'              <td class="ws-criterion">{_e(criterion.text)}{kinds}</td>\n'
            '              <td class="ws-self">\n'
            f"                <strong>{_e(a.self_label or self.DASH)}</strong>\n"
            f"                {self_note}\n"
            f"                {evidence}\n"
            "              </td>\n"
            '              <td class="ws-proposal">\n'
            f"                <strong>{_e(a.proposed_label or self.DASH)}</strong>\n"
            f"                {proposed_note}\n"
            f"                {proposed_link}\n"
            "              </td>\n"
            '              <td class="ws-eval">\n'
            f"                {answer}\n"
            f'                <a class="small" href="{self.history_url(code)}">'
            f"{self.t_history}</a>\n"
            "              </td>\n"
            "            </tr>\n"
            "            \n"
            "          "
        )

    def _value(self, a) -> str:
        note = f'<div class="small">{linebreaksbr(a.note)}</div>' if a.note else ""
        return (
            f'\n                  <strong class="ws-value">{_e(a.label or self.DASH)}</strong>\n'
            f"                  {note}\n"
            "                "
        )

    def _form(self, a, code: str, options) -> str:
        choices = "".join(
            f'<option value="{_e(o.label)}"{" selected" if o.label == a.label else ""}>'
            f"{_e(o.label)}</option>"
            for o in options
        )
        accept = self.accept_url(code)
        proposal = (
            f'<button type="submit" class="btn btn-outline-secondary btn-sm" '
            f'formaction="{accept}" name="source" value="proposal">{self.t_accept}</button>'
            if a.proposed_label
            else ""
        )
        confirm = (
            f'<button type="submit" class="btn btn-outline-secondary btn-sm" '
            f'formaction="{accept}" name="source" value="self">{self.t_confirm}</button>'
            if a.self_label
            else ""
        )
        return (
            "\n"
            f'                  <form method="post" action="{self.score_url(code)}" '
            f'class="ws-form" data-row="{code}">\n'
            f'                    <input type="hidden" name="csrfmiddlewaretoken" '
            f'value="{self.csrf}">\n'
            f'                    <input type="hidden" name="version" '
            f'value="{a.version}">\n'
            f'                    <label class="visually-hidden" for="label-{code}">'
            f"{self.t_value}</label>\n"
            f'                    <select name="label" id="label-{code}" '
            f'class="form-select form-select-sm">\n'
            '                      <option value="">–</option>\n'
            f"                      {choices}\n"
            "                    </select>\n"
            f'                    <label class="visually-hidden" for="note-{code}">'
            f"{self.t_note}</label>\n"
            f'                    <textarea name="note" id="note-{code}" rows="2" '
            f'class="form-control form-control-sm mt-1" placeholder="{self.t_note}">'
            f"{_e(a.note)}</textarea>\n"
            '                    <div class="d-flex flex-wrap gap-1 mt-1">\n'
            f'                      <button type="submit" class="btn btn-primary btn-sm ws-save">'
            f"{self.t_save}</button>\n"
            f"                      {proposal}\n"
            f"                      {confirm}\n"
            "                    </div>\n"
            '                    <div class="small ws-message" role="status" '
            'aria-live="polite"></div>\n'
            "                  </form>\n"
            "                "
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
