"""Pages of the shared machinery: dashboard, inbox, activity log, jobs, notifications."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db import connection
from django.http import FileResponse, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from apps.core import registry, selectors
from apps.core.activity import action_label
from apps.organisations.access import get_scope
from apps.organisations.models import Role

PAGE_SIZE = 50


@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    """One dashboard per role: each panel appears when the user holds the role it serves."""
    scope = get_scope(request.user)
    roles = scope.roles
    panels = [{"role": role, "label": Role(role).label} for role in Role.values if role in roles]
    inbox = registry.inbox_for(request.user)
    return render(
        request,
        "core/dashboard.html",
        {
            "panels": panels,
            "roles": roles,
            "inbox_count": len(inbox),
            "inbox_preview": inbox[:5],
            "recent_jobs": selectors.job_list(user=request.user)[:5],
            "pemda": request.user.pemda,
        },
    )


@login_required
def inbox(request: HttpRequest) -> HttpResponse:
    return render(request, "core/inbox.html", {"items": registry.inbox_for(request.user)})


@login_required
def activity_list(request: HttpRequest) -> HttpResponse:
    page = Paginator(selectors.activity_list(user=request.user), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    entries = [{"entry": e, "label": action_label(e.action)} for e in page.object_list]
    return render(request, "core/activity_list.html", {"page": page, "entries": entries})


@login_required
def notification_list(request: HttpRequest) -> HttpResponse:
    page = Paginator(selectors.notification_list(user=request.user), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(request, "core/notification_list.html", {"page": page})


@login_required
def job_list(request: HttpRequest) -> HttpResponse:
    page = Paginator(selectors.job_list(user=request.user), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(request, "core/job_list.html", {"page": page})


@login_required
def job_detail(request: HttpRequest, code) -> HttpResponse:
    job = selectors.get_job_for_user(request.user, code)
    return render(request, "core/job_detail.html", {"job": job})


@login_required
def job_status(request: HttpRequest, code) -> HttpResponse:
    """The htmx partial polled by the job page until the job finishes."""
    job = selectors.get_job_for_user(request.user, code)
    return render(request, "core/_job_status.html", {"job": job})


@login_required
def job_download(request: HttpRequest, code) -> HttpResponse:
    job = selectors.get_job_for_user(request.user, code)
    if job.status != job.Status.DONE or not job.result_file:
        from django.http import Http404

        raise Http404
    return FileResponse(job.result_file.open("rb"), as_attachment=True, filename=job.result_name)
