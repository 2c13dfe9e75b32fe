"""Rendering an LKjIP from the real data of the measurement test world: the jobs (PDF, DOCX,
Excel) and what they keep, a failed render, the issued PDF of a published report, and the files
page with its downloads and a constant number of queries."""

from __future__ import annotations

import hashlib
import io
from pathlib import Path

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from docx import Document
from openpyxl import load_workbook
from pypdf import PdfReader

from apps.core.models import Job
from apps.reporting import services
from apps.reporting.models import Publication, ReportFile, ReportStatus
from apps.reporting.tasks import issue_pdf_task, render_report_task
from tests.reporting.conftest import to_final
from tests.reporting.content_fixtures import build_content_world, record

pytestmark = pytest.mark.django_db

INDICATOR = "Persentase puskesmas terakreditasi paripurna"


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")


@pytest.fixture
def world(cast):
    cworld = build_content_world(cast)
    # 11.875 against the TW I Rencana Aksi target of 12.5 = 95.00 % (verified).
    record(cast, cworld.plan.sasaran_indicator, 1, "11,875", obstacle="Dokumen belum lengkap")
    return cworld


def _start(cast, report, fmt: str, user=None) -> Job:
    client = cast.client(user or cast.operator)
    response = client.post(reverse("reporting:render_start", args=[report.code]), {"format": fmt})
    job = Job.objects.get(kind="lkjip_render", owner=user or cast.operator)
    assert response.status_code == 302
    assert response["Location"] == reverse("core:job_detail", args=[job.code])
    assert job.params == {"report": str(report.code), "format": fmt}
    return job


def _files(root: str) -> list[Path]:
    return [p for p in Path(root).rglob("*") if p.is_file()]


def test_an_operator_renders_the_pdf_of_the_real_report(cast, world, settings):
    report = world.opd_report
    job = _start(cast, report, "pdf")
    render_report_task.call(job.pk)
    job.refresh_from_db()
    assert job.status == Job.Status.DONE, job.message
    row = ReportFile.objects.get(report=report)
    data = row.file.read()
    assert row.format == "pdf" and row.sha256 == hashlib.sha256(data).hexdigest()
    assert row.size == len(data) and row.created_by == cast.operator and not row.from_snapshot
    reader = PdfReader(io.BytesIO(data))
    assert row.pages == len(reader.pages) and 8 <= row.pages <= 25
    text = "\n".join(p.extract_text() for p in reader.pages)
    for heading in (
        "IKHTISAR EKSEKUTIF",
        "BAB I PENDAHULUAN",
        "BAB II PERENCANAAN KINERJA",
        "BAB III AKUNTABILITAS KINERJA",
        "BAB IV PENUTUP",
        "LAMPIRAN",
    ):
        assert heading in text
    assert INDICATOR in text and "95,00%" in text and "Dokumen belum lengkap" in text
    assert "Dinas Kesehatan" in text
    assert any(p.mediabox.width > p.mediabox.height for p in reader.pages)
    assert job.result_name.endswith(".pdf") and job.result_file.read() == data

    # The job page shows the finished job with its download (the shared progress partial).
    page = cast.client(cast.operator).get(reverse("core:job_status", args=[job.code]))
    assert reverse("core:job_download", args=[job.code]) in page.content.decode()


def test_docx_and_excel_of_the_real_report(cast, world):
    report = world.opd_report
    for fmt in ("docx", "xlsx"):
        job = _start(cast, report, fmt, user=cast.viewer if fmt == "docx" else cast.evaluator)
        render_report_task.call(job.pk)
        job.refresh_from_db()
        assert job.status == Job.Status.DONE, job.message
    docx = ReportFile.objects.get(report=report, format="docx")
    document = Document(io.BytesIO(docx.file.read()))
    headings = {p.text for p in document.paragraphs if p.style.name.startswith("Heading")}
    assert {"BAB I PENDAHULUAN", "BAB IV PENUTUP", "LAMPIRAN"} <= headings
    assert docx.pages is None
    xlsx = ReportFile.objects.get(report=report, format="xlsx")
    wb = load_workbook(io.BytesIO(xlsx.file.read()))
    form = wb["Lampiran 3. Formulir Pengukuran"]
    rows = list(form.iter_rows(min_row=2, values_only=True))
    assert any(r[1] == INDICATOR and r[-1] == 95 for r in rows)


def test_a_failed_render_marks_the_job_failed_and_leaves_nothing(cast, world, settings):
    from apps.core.jobs import job_start

    report = world.opd_report
    before = _files(settings.MEDIA_ROOT)
    job = job_start(
        kind="lkjip_render",
        owner=cast.operator,
        pemda_id=cast.pemda.pk,
        task=render_report_task,
        params={"report": str(report.code), "format": "odt"},
    )
    render_report_task.call(job.pk)
    job.refresh_from_db()
    assert job.status == Job.Status.FAILED and "odt" in job.message
    assert not job.result_file
    assert not ReportFile.objects.exists()
    assert _files(settings.MEDIA_ROOT) == before


def test_a_bad_format_from_the_page_is_refused_with_a_message(cast, world):
    report = world.opd_report
    client = cast.client(cast.operator)
    response = client.post(
        reverse("reporting:render_start", args=[report.code]), {"format": "exe"}, follow=True
    )
    assert response.redirect_chain[-1][0] == reverse("reporting:report_files", args=[report.code])
    assert not Job.objects.exists()
    assert "PDF, DOCX" in response.content.decode()


def test_publishing_issues_the_pdf_once_from_the_snapshot_and_publishes_it(cast, world):
    report = world.opd_report
    to_final(cast, report)
    report.refresh_from_db()
    services.publish(actor=cast.bappeda, report=report)
    job = Job.objects.get(kind="lkjip_issue")
    assert job.params == {"report": str(report.code)}

    # A later correction of the data does not reach the issued PDF (it renders the snapshot).
    record(cast, world.plan.sasaran_indicator, 2, "30")
    issue_pdf_task.call(job.pk)
    job.refresh_from_db()
    assert job.status == Job.Status.DONE, job.message
    report.refresh_from_db()
    data = report.pdf.read()
    assert report.status == ReportStatus.PUBLISHED
    assert report.pdf_sha256 == hashlib.sha256(data).hexdigest()
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages)
    assert "95,00%" in text and "BAB IV PENUTUP" in text
    publication = Publication.objects.get(object_code=report.code)
    assert publication.sha256 == report.pdf_sha256

    # Issuing again keeps the issued PDF as it is.
    name, sha = report.pdf.name, report.pdf_sha256
    again = Job.objects.create(
        kind="lkjip_issue", owner=cast.bappeda, pemda_id=cast.pemda.pk, params=job.params
    )
    issue_pdf_task.call(again.pk)
    report.refresh_from_db()
    assert (report.pdf.name, report.pdf_sha256) == (name, sha)

    # Downloads: the issued PDF, and the files page shows its SHA-256.
    client = cast.client(cast.viewer)
    response = client.get(reverse("reporting:issued_pdf", args=[report.code]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert hashlib.sha256(b"".join(response.streaming_content)).hexdigest() == sha
    page = client.get(reverse("reporting:report_files", args=[report.code])).content.decode()
    assert sha in page

    # A rendering of the published report comes from the snapshot.
    render = _start(cast, report, "xlsx")
    render_report_task.call(render.pk)
    assert ReportFile.objects.get(report=report).from_snapshot


def test_an_unpublished_report_has_no_issued_pdf(cast, world):
    from apps.reporting.tasks import issue_pdf

    with pytest.raises(ValueError):
        issue_pdf(world.opd_report.pk)
    world.opd_report.refresh_from_db()
    assert not world.opd_report.pdf


def _add_files(report, n: int) -> None:
    from django.core.files.base import ContentFile

    for i in range(n):
        row = ReportFile(
            pemda_id=report.pemda_id, report=report, format="xlsx", sha256=f"{i:064d}", size=1
        )
        row.file.save(f"f{i}.xlsx", ContentFile(b"x"), save=False)
        row.save()


def test_the_files_page_uses_a_constant_number_of_queries(cast, world):
    report = world.opd_report
    client = cast.client(cast.operator)
    url = reverse("reporting:report_files", args=[report.code])
    _add_files(report, 1)
    client.get(url)
    with CaptureQueriesContext(connection) as small:
        response = client.get(url)
    assert response.content.decode().count("/reports/files/") == 1
    _add_files(report, 6)
    with CaptureQueriesContext(connection) as large:
        response = client.get(url)
    assert response.content.decode().count("/reports/files/") == 7
    assert len(large) == len(small)


def test_a_download_is_the_stored_file(cast, world):
    report = world.opd_report
    _add_files(report, 1)
    row = ReportFile.objects.get()
    response = cast.client(cast.verifier).get(
        reverse("reporting:report_file_download", args=[row.code])
    )
    assert response.status_code == 200 and b"".join(response.streaming_content) == b"x"
    assert "attachment" in response["Content-Disposition"]
