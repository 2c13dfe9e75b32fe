"""Rendering an LKjIP in the background (django-tasks; apps.core.jobs does the bookkeeping).

* `render_report_task(job_id)`, params {"report": code, "format": "pdf"|"docx"|"xlsx"}: renders the
  report's content (its snapshot once published, else live data) and keeps it as a ReportFile
  with its SHA-256, size and page count; the job's result file is the same document.
* `issue_pdf_task(job_id)`, kind "lkjip_issue", params {"report": code}: started by publishing;
  renders the PDF from the snapshot once and keeps it as the report's issued PDF with its SHA-256
  (a second run leaves the issued PDF untouched), then hands the report to the portal
  (apps.reporting.publications.publish_lkjip).

A render that fails marks its job failed with the reason (job_run) and leaves nothing behind: the
bytes are complete before any file is written, and a file written for a row that then fails is
deleted again.
"""

from __future__ import annotations

import hashlib

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext as _
from django_tasks import task

from apps.core.jobs import JobResult, Progress, job_run
from apps.reporting.models import FileFormat, Report, ReportFile, ReportStatus


def _content(report: Report) -> dict:
    from apps.reporting.content import content_for

    return content_for(report)


def render_report(report: Report, fmt: str, progress: Progress | None = None):
    """(file name, RenderResult) of the report in `fmt`, nothing stored."""
    from apps.reporting.render import file_name, render

    if fmt not in FileFormat.values:
        raise ValueError(_("Unknown format “%(format)s”.") % {"format": fmt})
    progress = progress or (lambda percent, message="": None)
    progress(5, _("Collecting the report's data…"))
    content = _content(report)
    progress(30, _("Rendering the %(format)s…") % {"format": fmt.upper()})
    result = render(content, fmt)
    return file_name(content, fmt), result


def store_rendering(
    report: Report, fmt: str, *, user=None, progress: Progress | None = None
) -> tuple[ReportFile, str, bytes]:
    """Render the report and keep it as a ReportFile (with its SHA-256, size and pages); returns
    the row, the document's file name and its bytes."""
    name, result = render_report(report, fmt, progress)
    if progress:
        progress(90, _("Storing the file…"))
    row = ReportFile(
        pemda_id=report.pemda_id,
        report=report,
        format=fmt,
        sha256=hashlib.sha256(result.data).hexdigest(),
        size=len(result.data),
        pages=result.pages or None,
        from_snapshot=bool(report.is_published and report.snapshot),  # as content_for reads it
        created_by=user,
    )
    row.file.save(name, ContentFile(result.data), save=False)
    try:
        with transaction.atomic():
            row.save()
    except Exception:
        row.file.delete(save=False)
        raise
    return row, name, result.data


def issue_pdf(report_id: int) -> Report:
    """Render a published report's PDF from its snapshot and keep it as the issued PDF, once: a
    report already issued keeps its PDF. Then publish it on the portal."""
    from apps.reporting.render import file_name, render_pdf

    report = Report.objects.select_related("opd", "pemda").get(pk=report_id)
    if report.status != ReportStatus.PUBLISHED or report.snapshot is None:
        raise ValueError(_("Only a published report has an issued PDF."))
    if not report.pdf:
        result = render_pdf(report.snapshot)
        with transaction.atomic():
            locked = Report.objects.select_for_update().get(pk=report_id)
            if not locked.pdf:
                locked.pdf.save(
                    file_name(report.snapshot, "pdf"), ContentFile(result.data), save=False
                )
                locked.pdf_sha256 = hashlib.sha256(result.data).hexdigest()
                try:
                    Report.objects.filter(pk=report_id).update(
                        pdf=locked.pdf.name, pdf_sha256=locked.pdf_sha256
                    )
                except Exception:
                    locked.pdf.delete(save=False)
                    raise
        report.refresh_from_db()
    from apps.reporting import publications

    publish = getattr(publications, "publish_lkjip", None)
    if publish is not None:
        publish(report)
    return report


@task()
def render_report_task(job_id: int) -> None:
    def work(job, progress) -> JobResult:
        report = Report.objects.select_related("opd", "pemda").get(
            code=job.params["report"], pemda_id=job.pemda_id
        )
        row, name, data = store_rendering(
            report, job.params.get("format", ""), user=job.owner, progress=progress
        )
        pages = _(", %(pages)s pages") % {"pages": row.pages} if row.pages else ""
        return JobResult(
            filename=name,
            content=data,
            message=_("Rendered%(pages)s.") % {"pages": pages},
        )

    job_run(job_id, work)


@task()
def issue_pdf_task(job_id: int) -> None:
    def work(job, progress) -> JobResult:
        report = Report.objects.only("pk").get(code=job.params["report"], pemda_id=job.pemda_id)
        progress(10, _("Rendering the issued PDF…"))
        report = issue_pdf(report.pk)
        with report.pdf.open("rb") as fh:
            data = fh.read()
        return JobResult(
            filename=report.pdf.name.rsplit("/", 1)[-1],
            content=data,
            message=_("Issued PDF kept with SHA-256 %(sha)s.") % {"sha": report.pdf_sha256},
        )

    job_run(job_id, work)
