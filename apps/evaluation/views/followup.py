"""Recommendations and their follow-up: the list per OPD (status, due date, overdue), one
recommendation with its follow-up actions and forms, and the POSTs that add or edit a
recommendation, record a follow-up (with an evidence file) and move its status; evidence files
download only for users who may read the recommendation."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from apps.core.concurrency import StaleVersionError
from apps.evaluation import followup as services
from apps.evaluation.access import get_evaluation_for_user
from apps.evaluation.models import Component, RecommendationStatus
from apps.evaluation.views.readiness import year_param
from apps.organisations.models import OrgUnit


def _messages(exc: Exception) -> list[str]:
    if isinstance(exc, ValidationError):
        return exc.messages
    return [str(exc)]


def _date(raw: str, field: str) -> dt.date | None:
    raw = (raw or "").strip()
    if not raw:
        return None
    try:
        return dt.date.fromisoformat(raw)
    except ValueError as exc:
        raise ValidationError({field: _("Enter a date as YYYY-MM-DD.")}) from exc


def _version(raw) -> int | None:
    try:
        return int(raw)
    except (TypeError, ValueError):
        return None


def _recommendation_fields(request: HttpRequest, evaluation) -> dict:
    """The posted component, owner unit and due date, looked up within the evaluation."""
    data = request.POST
    component = owner = None
    if data.get("component"):
        component = Component.objects.filter(
            template_id=evaluation.round.template_id, code=data["component"]
        ).first()
        if component is None:
            raise ValidationError({"component": _("Choose a component of the template.")})
    if data.get("owner_unit"):
        try:
            owner = OrgUnit.objects.get(pemda_id=evaluation.pemda_id, code=data["owner_unit"])
        except (OrgUnit.DoesNotExist, ValueError, ValidationError) as exc:
            raise ValidationError({"owner_unit": _("Choose a unit of the OPD.")}) from exc
    return {
        "text": data.get("text", ""),
        "component": component,
        "owner_unit": owner,
        "due_date": _date(data.get("due_date", ""), "due_date"),
    }


@login_required
def recommendations(request: HttpRequest) -> HttpResponse:
    """Per OPD: every recommendation of the year's evaluations the user may read, with its
    status, due date and whether it is overdue. A constant number of queries."""
    year = year_param(request, timezone.localdate().year - 1)
    rows = services.recommendation_list(user=request.user).filter(evaluation__round__year=year)
    opd_code = (request.GET.get("opd") or "").strip()
    if opd_code:
        try:
            rows = rows.filter(evaluation__opd__code=opd_code)
        except ValidationError as exc:
            raise Http404 from exc
    rows = list(
        rows.annotate(follow_up_count=Count("follow_ups")).order_by(
            "evaluation__opd__sort_order", "evaluation__opd__name", "evaluation__id", "number"
        )
    )
    today = timezone.localdate()
    groups: dict[int | None, dict] = {}
    for rec in rows:
        rec.overdue = bool(
            rec.due_date and rec.due_date < today and rec.status != RecommendationStatus.DONE
        )
        group = groups.setdefault(
            rec.evaluation_id, {"evaluation": rec.evaluation, "rows": [], "done": 0}
        )
        group["rows"].append(rec)
        group["done"] += int(rec.status == RecommendationStatus.DONE)
    return render(
        request,
        "evaluation/followup/recommendations.html",
        {"year": year, "opd_code": opd_code, "groups": list(groups.values())},
    )


@login_required
def recommendation_detail(request: HttpRequest, code) -> HttpResponse:
    rec = services.get_recommendation_for_user(request.user, code)
    follow_ups = list(rec.follow_ups.select_related("added_by"))
    reviewer = services.may_write_recommendations(request.user, rec.evaluation)
    owner = services.may_follow_up(request.user, rec)
    statuses = [
        (s, RecommendationStatus(s).label)
        for s in RecommendationStatus.values
        if s in services.NEXT[rec.status] and (reviewer or rec.status != RecommendationStatus.DONE)
    ]
    units = []
    components = []
    if reviewer:
        units = list(
            OrgUnit.objects.filter(pemda_id=rec.pemda_id, opd_id=rec.evaluation.opd_id).order_by(
                "lft"
            )
            if rec.evaluation.opd_id
            else []
        )
        components = list(Component.objects.filter(template_id=rec.evaluation.round.template_id))
    return render(
        request,
        "evaluation/followup/recommendation_detail.html",
        {
            "rec": rec,
            "follow_ups": follow_ups,
            "may_follow_up": owner,
            "may_edit": reviewer and rec.evaluation.status in services.WRITABLE,
            "statuses": statuses if (reviewer or owner) else [],
            "units": units,
            "components": components,
            "today": timezone.localdate(),
        },
    )


@login_required
@require_POST
def recommendation_add(request: HttpRequest, code) -> HttpResponse:
    evaluation = get_evaluation_for_user(request.user, code)
    if not services.may_write_recommendations(request.user, evaluation):
        raise PermissionDenied
    try:
        fields = _recommendation_fields(request, evaluation)
        rec = services.recommendation_add(actor=request.user, evaluation=evaluation, **fields)
    except ValidationError as exc:
        for message in _messages(exc):
            messages.error(request, message)
        return redirect(reverse("evaluation:recommendations") + f"?year={evaluation.round.year}")
    messages.success(request, _("Recommendation %(n)s added.") % {"n": rec.number})
    return redirect(reverse("evaluation:recommendation_detail", args=[rec.code]))


@login_required
@require_POST
def recommendation_edit(request: HttpRequest, code) -> HttpResponse:
    rec = services.get_recommendation_for_user(request.user, code)
    if not services.may_write_recommendations(request.user, rec.evaluation):
        raise PermissionDenied
    try:
        fields = _recommendation_fields(request, rec.evaluation)
        services.recommendation_update(
            actor=request.user,
            recommendation=rec,
            expected_version=_version(request.POST.get("version")),
            **fields,
        )
    except StaleVersionError as exc:
        messages.error(request, str(exc))
    except ValidationError as exc:
        for message in _messages(exc):
            messages.error(request, message)
    else:
        messages.success(request, _("Recommendation saved."))
    return redirect(reverse("evaluation:recommendation_detail", args=[rec.code]))


@login_required
@require_POST
def followup_add(request: HttpRequest, code) -> HttpResponse:
    rec = services.get_recommendation_for_user(request.user, code)
    if not services.may_follow_up(request.user, rec):
        raise PermissionDenied
    upload = request.FILES.get("file")
    try:
        services.followup_add(
            actor=request.user,
            recommendation=rec,
            text=request.POST.get("text", ""),
            done_on=_date(request.POST.get("done_on", ""), "done_on"),
            name=upload.name if upload else "",
            content=upload.read() if upload else b"",
        )
    except ValidationError as exc:
        for message in _messages(exc):
            messages.error(request, message)
    else:
        messages.success(request, _("Follow-up recorded."))
    return redirect(reverse("evaluation:recommendation_detail", args=[rec.code]))


@login_required
@require_POST
def recommendation_status(request: HttpRequest, code) -> HttpResponse:
    rec = services.get_recommendation_for_user(request.user, code)
    try:
        services.recommendation_set_status(
            actor=request.user,
            recommendation=rec,
            status=request.POST.get("status", ""),
            note=request.POST.get("note", ""),
            expected_version=_version(request.POST.get("version")),
        )
    except StaleVersionError as exc:
        messages.error(request, str(exc))
    except ValidationError as exc:
        for message in _messages(exc):
            messages.error(request, message)
    else:
        messages.success(request, _("Status changed."))
    return redirect(reverse("evaluation:recommendation_detail", args=[rec.code]))


@login_required
def followup_file(request: HttpRequest, code) -> HttpResponse:
    follow_up = services.get_followup_for_user(request.user, code)
    if not follow_up.file:
        raise Http404
    return FileResponse(
        follow_up.file.open("rb"), as_attachment=True, filename=follow_up.original_name
    )
