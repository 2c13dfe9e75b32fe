"""LKjIP pages: the list of reports, the report with its outline, narrative editor, reviu
comments, reviu statement and workflow. Views parse, look up through scoped selectors, call one
service, render."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from apps.core.concurrency import StaleVersionError
from apps.core.forms import add_service_errors
from apps.reporting import forms, selectors, services
from apps.reporting.models import ReportStatus


def _year(request: HttpRequest) -> int:
    form = forms.YearForm(request.GET)
    if form.is_valid() and form.cleaned_data["year"]:
        return form.cleaned_data["year"]
    return timezone.localdate().year


def _wants_json(request: HttpRequest) -> bool:
    return request.headers.get("x-requested-with") == "fetch" or (
        "application/json" in request.headers.get("accept", "")
    )


@login_required
def report_list(request: HttpRequest) -> HttpResponse:
    year = _year(request)
    reports = list(selectors.report_list(user=request.user, year=year))
    return render(
        request,
        "reporting/reports/report_list.html",
        {
            "year": year,
            "reports": reports,
            "creatable": selectors.creatable(user=request.user, year=year, reports=reports),
            "years": [year - 1, year, year + 1],
        },
    )


@login_required
@require_POST
def report_create(request: HttpRequest) -> HttpResponse:
    opds = selectors.writable_opds(request.user)
    if not services.may_create(request.user, None) and not opds.exists():
        raise PermissionDenied
    form = forms.CreateForm(request.POST, opds=opds)
    if not form.is_valid():
        for errors in form.errors.values():
            for message in errors:
                messages.error(request, message)
        return redirect("reporting:report_list")
    try:
        report, created = services.report_get_or_create(
            actor=request.user, opd=form.cleaned_data["opd"], year=form.cleaned_data["year"]
        )
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
        return redirect(f"{reverse('reporting:report_list')}?year={form.cleaned_data['year']}")
    if created:
        messages.success(request, _("The LKjIP was created as a draft."))
    return redirect("reporting:report_detail", code=report.code)


def _detail(request: HttpRequest, report, *, conflict=None, status: int = 200, **extra):
    user = request.user
    data = selectors.report_detail(report, user=user)
    for s in [*data["outline"], *data["sasaran"]]:
        s.conflict = (conflict or {}).get(s.key)
    return render(
        request,
        "reporting/reports/report_detail.html",
        {
            "report": report,
            **data,
            "actions": services.workflow.available(report, user),
            "can_write": report.status == ReportStatus.DRAFT and services.may_write(user, report),
            "can_review": report.status == ReportStatus.REVIU and services.may_review(user, report),
            "can_resolve": services.may_write(user, report),
            "transition_form": forms.TransitionForm(initial={"version": report.version}),
            "statement_form": extra.pop("statement_form", None)
            or forms.ReviuStatementForm(
                initial={"reviu_statement": report.reviu_statement, "version": report.version}
            ),
            "editor_labels": {
                "saved": _("Saved"),
                "saving": _("Saving…"),
                "conflict": _("Conflict"),
                "error": _("Not saved"),
                "theirs": _("Somebody else saved this section meanwhile. Their text:"),
                "keep": _("Your text stays in the editor: merge the two and it saves again."),
                "bold": _("Bold"),
                "italic": _("Italic"),
                "underline": _("Underline"),
                "bullets": _("Bulleted list"),
                "numbers": _("Numbered list"),
                "heading": _("Heading"),
                "link": _("Link"),
                "link_prompt": _("Link address (https://…)"),
            },
            **extra,
        },
        status=status,
    )


@login_required
def report_detail(request: HttpRequest, code) -> HttpResponse:
    report = selectors.get_report_for_user(request.user, code)
    return _detail(request, report)


def _section_json(section) -> dict:
    return {
        "key": section.key,
        "body": section.body,
        "version": section.version,
        "updated_by": str(section.updated_by or ""),
        "updated_at": date_format(timezone.localtime(section.updated_at), "DATETIME_FORMAT"),
    }


@login_required
@require_POST
def section_edit(request: HttpRequest, code) -> HttpResponse:
    """Save one narrative: the editor's autosave (JSON answers, 409 with the other person's text
    on a conflict) and the plain form without JavaScript (redirect, or the page with both texts
    on a conflict)."""
    report = selectors.get_report_for_user(request.user, code)
    if not services.may_write(request.user, report):
        raise PermissionDenied
    form = forms.SectionForm(request.POST)
    as_json = _wants_json(request)
    if not form.is_valid():
        if as_json:
            return JsonResponse({"errors": form.errors.get_json_data()}, status=400)
        messages.error(request, _("The form was incomplete; please try again."))
        return redirect("reporting:report_detail", code=report.code)
    data = form.cleaned_data
    try:
        section = services.section_save(
            actor=request.user,
            report=report,
            key=data["key"],
            body=data["body"],
            expected_version=data["version"],
        )
    except StaleVersionError as exc:
        current = _section_json(exc.current)
        if as_json:
            return JsonResponse({"detail": str(exc), "current": current}, status=409)
        messages.error(request, str(exc))
        conflict = {data["key"]: {"mine": data["body"], **current}}
        return _detail(request, report, conflict=conflict, status=409)
    except ValidationError as exc:
        if as_json:
            return JsonResponse({"errors": exc.messages}, status=400)
        for message in exc.messages:
            messages.error(request, message)
        return redirect("reporting:report_detail", code=report.code)
    if as_json:
        return JsonResponse(_section_json(section))
    messages.success(request, _("Saved."))
    anchor = "section-" + section.key.replace(":", "-")
    return redirect(f"{reverse('reporting:report_detail', args=[report.code])}#{anchor}")


@login_required
@require_POST
def report_transition(request: HttpRequest, code, action: str) -> HttpResponse:
    report = selectors.get_report_for_user(request.user, code)
    step = services.workflow.transitions.get(action)
    if step is None or not step.may_act(request.user, report):
        raise PermissionDenied
    form = forms.TransitionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("The form was incomplete; please try again."))
        return redirect("reporting:report_detail", code=report.code)
    try:
        services.transition(
            actor=request.user,
            report=report,
            name=action,
            note=form.cleaned_data["note"],
            expected_version=form.cleaned_data["version"],
        )
    except StaleVersionError as exc:
        messages.error(request, str(exc))
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        if action == "publish":
            messages.success(
                request, _("Published. The issued PDF is being rendered from the frozen data.")
            )
        else:
            messages.success(request, _("Done."))
    return redirect("reporting:report_detail", code=report.code)


@login_required
@require_POST
def comment_add(request: HttpRequest, code) -> HttpResponse:
    report = selectors.get_report_for_user(request.user, code)
    if not services.may_review(request.user, report):
        raise PermissionDenied
    form = forms.CommentForm(request.POST)
    if form.is_valid():
        try:
            comment = services.comment_add(
                actor=request.user,
                report=report,
                section_key=form.cleaned_data["section_key"],
                text=form.cleaned_data["text"],
            )
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("Comment added."))
            anchor = (
                "section-" + comment.section_key.replace(":", "-") if comment.section_key else ""
            )
            url = reverse("reporting:report_detail", args=[report.code])
            return redirect(f"{url}#{anchor}" if anchor else url)
    else:
        messages.error(request, _("Write the comment."))
    return redirect("reporting:report_detail", code=report.code)


@login_required
@require_POST
def comment_resolve(request: HttpRequest, code) -> HttpResponse:
    comment = selectors.get_comment_for_user(request.user, code)
    try:
        services.comment_resolve(actor=request.user, comment=comment)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("Comment resolved."))
    return redirect("reporting:report_detail", code=comment.report.code)


@login_required
@require_POST
def reviu_statement(request: HttpRequest, code) -> HttpResponse:
    report = selectors.get_report_for_user(request.user, code)
    if not services.may_review(request.user, report):
        raise PermissionDenied
    form = forms.ReviuStatementForm(request.POST)
    if form.is_valid():
        try:
            services.reviu_statement_save(
                actor=request.user,
                report=report,
                text=form.cleaned_data["reviu_statement"],
                expected_version=form.cleaned_data["version"],
            )
        except StaleVersionError as exc:
            form.add_error(None, str(exc))
            form.show_current(exc.current)
        except ValidationError as exc:
            add_service_errors(form, exc, default_field="reviu_statement")
        else:
            messages.success(request, _("Reviu statement saved."))
            return redirect(f"{reverse('reporting:report_detail', args=[report.code])}#reviu")
        report.refresh_from_db()
    return _detail(request, report, statement_form=form, status=400)
