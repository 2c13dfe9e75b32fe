"""Rendering pages: start a rendering job (PDF, DOCX or Excel) of a report, the report's files
with their SHA-256, and the downloads. Everyone who may read a report may render and download
it; the progress bar is the shared job page (core:job_detail polling _job_status.html)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from apps.core.jobs import job_start
from apps.core.templatetags.sakip import JOB_KIND_LABELS
from apps.reporting import selectors
from apps.reporting.models import FileFormat, ReportFile
from apps.reporting.tasks import render_report_task

RENDER_KIND = "lkjip_render"
JOB_KIND_LABELS.setdefault(RENDER_KIND, gettext_lazy("LKjIP rendering"))


@login_required
@require_POST
def render_start(request: HttpRequest, code) -> HttpResponse:
    report = selectors.get_report_for_user(request.user, code)
    fmt = request.POST.get("format", "")
    if fmt not in FileFormat.values:
        messages.error(request, _("Choose PDF, DOCX or Excel."))
        return redirect("reporting:report_files", code=report.code)
    job = job_start(
        kind=RENDER_KIND,
        owner=request.user,
        pemda_id=report.pemda_id,
        task=render_report_task,
        params={"report": str(report.code), "format": fmt},
    )
    return redirect("core:job_detail", code=job.code)


@login_required
def report_files(request: HttpRequest, code) -> HttpResponse:
    report = selectors.get_report_for_user(request.user, code)
    files = list(
        ReportFile.objects.filter(report=report, pemda_id=report.pemda_id).select_related(
            "created_by"
        )
    )
    return render(
        request,
        "reporting/render/files.html",
        {"report": report, "files": files, "formats": FileFormat.choices},
    )


def _download(fieldfile, name: str, content_type: str) -> FileResponse:
    return FileResponse(
        fieldfile.open("rb"), as_attachment=True, filename=name, content_type=content_type
    )


CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


@login_required
def report_file_download(request: HttpRequest, code) -> HttpResponse:
    try:
        row = ReportFile.objects.select_related("report").get(
            code=code, pemda_id=request.user.pemda_id
        )
    except ReportFile.DoesNotExist as exc:
        raise Http404 from exc
    selectors.get_report_for_user(request.user, row.report.code)  # the report's scope, or 404
    name = f"LKjIP-{row.report.year}-{row.created_at:%Y%m%d-%H%M}.{row.format}"
    return _download(row.file, name, CONTENT_TYPES[row.format])


@login_required
def issued_pdf(request: HttpRequest, code) -> HttpResponse:
    report = selectors.get_report_for_user(request.user, code)
    if not report.pdf:
        raise Http404
    return _download(report.pdf, f"LKjIP-{report.year}-{report.code}.pdf", CONTENT_TYPES["pdf"])
