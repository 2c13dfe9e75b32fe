"""Round pages: the list of rounds with their progress, a round with its evaluations and teams,
one evaluation's summary, and the OPD's self-assessment with its evidence. Views parse, look up
through apps.evaluation.access (or the scoped helpers in rounds.py), call one service, render."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from apps.core.concurrency import StaleVersionError
from apps.core.forms import bound_data, save_form, save_versioned_form
from apps.core.uploads import max_evidence_bytes
from apps.evaluation import access, forms, rounds, scoring
from apps.evaluation.models import Answer, EvaluationStatus, RoundStatus
from apps.evaluation.results import may_see_round_results
from apps.evaluation.selectors import template_list


def _errors(request: HttpRequest, exc: ValidationError) -> None:
    for message in exc.messages:
        messages.error(request, message)


def _require_manager(request: HttpRequest) -> None:
    if not access.may_manage_rounds(request.user):
        raise PermissionDenied


# --- rounds ------------------------------------------------------------------------------------


@login_required
def round_list(request: HttpRequest) -> HttpResponse:
    """Every round of the Pemda with its calendar and, per status, how many of the evaluations
    the user reads are there (two queries besides the session's)."""
    found = list(access.round_list(user=request.user))
    counts = rounds.status_counts(user=request.user, round_ids=[r.pk for r in found])
    for r in found:
        r.progress = counts.get(r.pk, dict.fromkeys(EvaluationStatus.values, 0))
        r.evaluation_count = sum(r.progress.values())
    return render(
        request,
        "evaluation/rounds/round_list.html",
        {
            "rounds": found,
            "statuses": EvaluationStatus.choices,
            "may_manage": access.may_manage_rounds(request.user),
        },
    )


@login_required
def round_create(request: HttpRequest) -> HttpResponse:
    _require_manager(request)
    templates = template_list(user=request.user)
    default = templates.filter(is_default=True).first()
    form = forms.RoundCreateForm(
        bound_data(request),
        templates=templates,
        initial={"template": default.code if default else None, "kind": "internal"},
    )
    if request.method == "POST":
        created = save_form(
            form,
            lambda data: rounds.round_create(
                actor=request.user,
                name=data["name"],
                year=data["year"],
                kind=data["kind"],
                template=data["template"],
                **{f: data.get(f) for f in rounds.CALENDAR_FIELDS},
            ),
        )
        if created is not None:
            messages.success(request, _("Round created."))
            return redirect("evaluation:round_detail", code=created.code)
    return render(
        request,
        "evaluation/rounds/round_form.html",
        {"form": form, "round": None, "no_templates": not templates.exists()},
    )


@login_required
def round_detail(request: HttpRequest, code) -> HttpResponse:
    """The calendar, the evaluations the user reads with their status, self-assessment progress
    and team, and the team forms for round managers (a constant number of queries)."""
    round_ = access.get_round_for_user(request.user, code)
    evaluations = list(
        access.evaluation_list(user=request.user)
        .filter(round=round_)
        .order_by("opd__sort_order", "opd__name", "id")
    )
    ids = [e.pk for e in evaluations]
    teams = rounds.teams_by_evaluation(ids)
    done = rounds.completeness_by_evaluation(ids)
    for e in evaluations:
        e.members = teams.get(e.pk, [])
        e.done = done.get(e.pk)
    may_manage = access.may_manage_rounds(request.user)
    assign_form = None
    if may_manage and evaluations:
        assign_form = forms.TeamAssignForm(users=rounds.evaluator_users(round_.pemda_id))
        # Evaluate the choices once: the form is printed for every evaluation.
        assign_form.fields["user"].choices = list(assign_form.fields["user"].choices)
    return render(
        request,
        "evaluation/rounds/round_detail.html",
        {
            "round": round_,
            "evaluations": evaluations,
            "may_manage": may_manage,
            "may_see_results": may_see_round_results(request.user),
            "assign_form": assign_form,
            "calendar": [
                (round_._meta.get_field(f).verbose_name, getattr(round_, f))
                for f in rounds.CALENDAR_FIELDS
            ],
        },
    )


@login_required
def round_edit(request: HttpRequest, code) -> HttpResponse:
    round_ = access.get_round_for_user(request.user, code)
    _require_manager(request)
    form = forms.RoundEditForm(bound_data(request), initial=forms.RoundEditForm.initial_for(round_))
    if request.method == "POST" and save_versioned_form(
        form,
        lambda data, version: rounds.round_update(
            actor=request.user, round=round_, data=data, expected_version=version
        ),
        obj=round_,
    ):
        messages.success(request, _("Saved."))
        return redirect("evaluation:round_detail", code=round_.code)
    return render(request, "evaluation/rounds/round_form.html", {"form": form, "round": round_})


# --- teams -------------------------------------------------------------------------------------


@login_required
@require_POST
def team_assign(request: HttpRequest, code) -> HttpResponse:
    evaluation = access.get_evaluation_for_user(request.user, code)
    _require_manager(request)
    form = forms.TeamAssignForm(request.POST, users=rounds.evaluator_users(evaluation.pemda_id))
    if not form.is_valid():
        messages.error(request, _("Choose an evaluator of this Pemda and a role."))
    else:
        try:
            rounds.team_assign(
                actor=request.user,
                evaluation=evaluation,
                user=form.cleaned_data["user"],
                role=form.cleaned_data["role"],
            )
        except ValidationError as exc:
            _errors(request, exc)
        else:
            messages.success(request, _("The team is updated."))
    return redirect(reverse("evaluation:round_detail", args=[evaluation.round.code]))


@login_required
@require_POST
def team_remove(request: HttpRequest, code) -> HttpResponse:
    member = rounds.get_member_for_user(request.user, code)
    _require_manager(request)
    try:
        rounds.team_remove(actor=request.user, member=member)
    except ValidationError as exc:
        _errors(request, exc)
    else:
        messages.success(request, _("The team is updated."))
    return redirect(reverse("evaluation:round_detail", args=[member.evaluation.round.code]))


# --- one evaluation ----------------------------------------------------------------------------


@login_required
def evaluation_detail(request: HttpRequest, code) -> HttpResponse:
    evaluation = access.get_evaluation_for_user(request.user, code)
    may_manage = access.may_manage_rounds(request.user)
    return render(
        request,
        "evaluation/rounds/evaluation_detail.html",
        {
            "evaluation": evaluation,
            "round": evaluation.round,
            "done": rounds.completeness_of(evaluation),
            "team": rounds.teams_by_evaluation([evaluation.pk]).get(evaluation.pk, []),
            "may_self_assess": access.may_self_assess(request.user, evaluation),
            "may_manage": may_manage,
            "move_form": forms.MoveForm() if may_manage else None,
        },
    )


@login_required
@require_POST
def evaluation_move(request: HttpRequest, code) -> HttpResponse:
    evaluation = access.get_evaluation_for_user(request.user, code)
    _require_manager(request)
    form = forms.MoveForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose the status and give the reason."))
    else:
        try:
            rounds.evaluation_move(
                actor=request.user,
                evaluation=evaluation,
                status=form.cleaned_data["status"],
                note=form.cleaned_data["note"],
            )
        except (ValidationError, StaleVersionError) as exc:
            if isinstance(exc, StaleVersionError):
                messages.error(request, str(exc))
            else:
                _errors(request, exc)
        else:
            messages.success(request, _("The evaluation is moved."))
    return redirect("evaluation:evaluation_detail", code=evaluation.code)


# --- self-assessment ---------------------------------------------------------------------------


@login_required
def self_assessment(request: HttpRequest, code) -> HttpResponse:
    """The LKE by component, sub-component and criterion: the scale's options, a note and the
    evidence per criterion, each saved on its own (a constant number of queries)."""
    evaluation = access.get_evaluation_for_user(request.user, code)
    editable = access.may_self_assess(request.user, evaluation) and evaluation.round.status in (
        RoundStatus.PLANNED,
        RoundStatus.OPEN,
    )
    sheet = rounds.self_sheet(evaluation)
    values = []
    for component in sheet:
        for sub in component.subs:
            for row in sub.rows:
                values.append(row.answer.self_value)
                if editable:
                    row.form = forms.SelfAnswerForm(
                        initial=forms.SelfAnswerForm.initial_for(row.answer),
                        options=row.options,
                        prefix=f"a{row.answer.pk}",
                    )
    return render(
        request,
        "evaluation/rounds/self_assessment.html",
        {
            "evaluation": evaluation,
            "round": evaluation.round,
            "sheet": sheet,
            "editable": editable,
            "done": scoring.completeness(values),
            "upload": forms.EvidenceForm() if editable else None,
            "link_form": forms.EvidenceLinkForm() if editable else None,
        },
    )


def _sheet_url(answer: Answer) -> str:
    return reverse("evaluation:self_assessment", args=[answer.evaluation.code]) + (
        f"#a-{answer.code}"
    )


@login_required
def answer_self(request: HttpRequest, code) -> HttpResponse:
    """Save one criterion's self-assessment (POST from the sheet); a refusal or a conflict shows
    this criterion alone, with the other person's values beside the form."""
    answer = rounds.get_answer_for_user(request.user, code)
    evaluation = answer.evaluation
    if not access.may_self_assess(request.user, evaluation):
        raise PermissionDenied
    options = list(answer.criterion.scale.options.all())
    form = forms.SelfAnswerForm(
        bound_data(request),
        initial=forms.SelfAnswerForm.initial_for(answer),
        options=options,
        prefix=f"a{answer.pk}",
    )
    if request.method == "POST" and save_versioned_form(
        form,
        lambda data, version: rounds.answer_self_assess(
            actor=request.user,
            answer=answer,
            label=data["self_label"],
            note=data["self_note"],
            expected_version=version,
        ),
        obj=answer,
        default_field="self_label",
    ):
        messages.success(request, _("Saved."))
        return redirect(_sheet_url(answer))
    return render(
        request,
        "evaluation/rounds/answer_self.html",
        {"answer": answer, "evaluation": evaluation, "form": form, "options": options},
    )


@login_required
@require_POST
def self_submit(request: HttpRequest, code) -> HttpResponse:
    evaluation = access.get_evaluation_for_user(request.user, code)
    try:
        rounds.evaluation_submit_self(actor=request.user, evaluation=evaluation)
    except ValidationError as exc:
        _errors(request, exc)
        return redirect("evaluation:self_assessment", code=evaluation.code)
    except StaleVersionError as exc:
        messages.error(request, str(exc))
        return redirect("evaluation:self_assessment", code=evaluation.code)
    messages.success(request, _("The self-assessment is submitted to the evaluators."))
    return redirect("evaluation:evaluation_detail", code=evaluation.code)


@login_required
@require_POST
def evidence_add(request: HttpRequest, code) -> HttpResponse:
    answer = rounds.get_answer_for_user(request.user, code)
    form = forms.EvidenceForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _("Choose a file to upload."))
        return redirect(_sheet_url(answer))
    upload = form.cleaned_data["file"]
    # Read no more than one byte past the limit: the service refuses anything longer.
    content = upload.read(max_evidence_bytes() + 1)
    try:
        rounds.evidence_add(actor=request.user, answer=answer, name=upload.name, content=content)
    except ValidationError as exc:
        _errors(request, exc)
    else:
        messages.success(request, _("Evidence added."))
    return redirect(_sheet_url(answer))


@login_required
@require_POST
def evidence_link(request: HttpRequest, code) -> HttpResponse:
    answer = rounds.get_answer_for_user(request.user, code)
    form = forms.EvidenceLinkForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give the link to a page of this application."))
        return redirect(_sheet_url(answer))
    try:
        rounds.evidence_link(
            actor=request.user,
            answer=answer,
            link=form.cleaned_data["link"],
            label=form.cleaned_data["label"],
        )
    except ValidationError as exc:
        _errors(request, exc)
    else:
        messages.success(request, _("Evidence linked."))
    return redirect(_sheet_url(answer))


@login_required
def evidence_download(request: HttpRequest, code) -> HttpResponse:
    """The file, streamed after the scoped lookup; a link is followed (it is a path of this
    site, checked when it was added)."""
    evidence = rounds.get_evidence_for_user(request.user, code)
    if not evidence.file:
        return redirect(evidence.link)
    response = FileResponse(
        evidence.file.open("rb"),
        as_attachment=True,
        filename=evidence.original_name,
        content_type=evidence.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
@require_POST
def evidence_remove(request: HttpRequest, code) -> HttpResponse:
    evidence = rounds.get_evidence_for_user(request.user, code)
    try:
        rounds.evidence_remove(actor=request.user, evidence=evidence)
    except ValidationError as exc:
        _errors(request, exc)
    else:
        messages.success(request, _("Evidence removed (it stays on record)."))
    return redirect(_sheet_url(evidence.answer))
