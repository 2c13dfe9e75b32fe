"""The LKjIP journey: the operator writes Bab I in the editor (autosaved), renders the PDF and
watches the progress bar finish, submits; the evaluator leaves a reviu comment, writes the reviu
statement and completes the reviu; the admin publishes; the issued PDF is rendered by the worker
and the public portal shows the published LKjIP."""

from __future__ import annotations

import pytest
from django.urls import reverse

from apps.core.models import Job
from apps.reporting.models import Report, ReportStatus, ReviewComment, Section
from tests.browser.conftest import login
from tests.conftest import PASSWORD
from tests.dbutil import manage
from tests.measurement.conftest import YEAR, build_measure_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _wait(page) -> None:
    page.wait_for_load_state("networkidle")


def _worker() -> None:
    result = manage("db_worker", "--batch", "--no-startup-delay", "--no-reload", timeout=300)
    assert result.returncode == 0, result.stderr


def _step(page, name: str) -> None:
    page.click(f"button[data-action='{name}']")
    _wait(page)


def test_it_writes_renders_reviews_publishes_and_shows_the_lkjip_on_the_portal(
    cast, live_server, browser, page
):
    build_measure_world(cast)
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)

    # The operator starts the LKjIP of Dinas Kesehatan and writes Bab I in the editor.
    login(page, live_server, "operator", PASSWORD)
    page.goto(f"{live_server.url}{reverse('reporting:report_list')}?year={YEAR}")
    page.click("#report-create button[type=submit]")
    _wait(page)
    report = Report.objects.get(opd=cast.opd1, year=YEAR)
    detail = f"{live_server.url}{reverse('reporting:report_detail', args=[report.code])}"
    assert page.url == detail
    area = page.locator("#section-bab1 .lkjip-area")
    assert area.is_visible() and not page.locator("#section-bab1 textarea").is_visible()
    area.click()
    page.keyboard.type("Dinas Kesehatan menyusun LKjIP sebagai ")
    page.click("#section-bab1 button[data-cmd=bold]")
    page.keyboard.type("wujud akuntabilitas")
    page.click("#section-bab1 button[data-cmd=bold]")
    page.keyboard.type(" kinerja tahun 2026.")
    page.wait_for_selector("#section-bab1 .lkjip-status[data-state=saved]", timeout=15000)
    # "Tersimpan" once the catalogue is compiled (make messages), "Saved" before.
    assert page.locator("#section-bab1 .lkjip-status").inner_text() in {"Tersimpan", "Saved"}
    body = Section.objects.get(report=report, key="bab1").body
    assert body.startswith("<p>Dinas Kesehatan menyusun") and "tahun 2026.</p>" in body
    assert "<strong>wujud akuntabilitas</strong>" in body

    # The operator renders the PDF and watches the progress bar finish.
    page.select_option("#render-format", "pdf")
    page.click("#render-form button[type=submit]")
    _wait(page)
    assert page.locator("progress.job-progress").count() == 1
    job = Job.objects.get(kind="lkjip_render")
    _worker()
    page.wait_for_selector("progress.job-progress[value='100']", timeout=20000)
    job.refresh_from_db()
    assert job.status == "done" and job.result_name.endswith(".pdf")
    assert page.locator("#job-status a[href$='/download/']").count() == 1

    page.goto(detail)
    _step(page, "submit")
    report.refresh_from_db()
    assert report.status == ReportStatus.REVIU

    # The evaluator leaves a reviu comment on Bab I, writes the statement, completes the reviu.
    context = browser.new_context(locale="id-ID")
    evaluator = context.new_page()
    evaluator.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    login(evaluator, live_server, "evaluator", PASSWORD)
    evaluator.goto(detail)
    assert "wujud akuntabilitas" in evaluator.locator("#section-bab1 .lkjip-body").inner_text()
    evaluator.fill("#comment-section-bab1", "Tambahkan dasar hukum penyusunan LKjIP.")
    evaluator.click("#section-bab1 .lkjip-comment-form button[type=submit]")
    _wait(evaluator)
    assert "Tambahkan dasar hukum" in evaluator.locator("#section-bab1 .lkjip-comment").inner_text()
    assert ReviewComment.objects.get().section_key == "bab1"
    evaluator.fill("#reviu-form textarea", "Kami telah mereviu LKjIP Dinas Kesehatan 2026.")
    evaluator.click("#reviu-form button[type=submit]")
    _wait(evaluator)
    assert "Kami telah mereviu" in evaluator.locator("#reviu-statement").inner_text()
    _step(evaluator, "complete_reviu")
    report.refresh_from_db()
    assert report.status == ReportStatus.FINAL
    context.close()

    # The admin publishes; the worker issues the PDF from the frozen snapshot.
    context = browser.new_context(locale="id-ID")
    admin = context.new_page()
    admin.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    login(admin, live_server, "admin", PASSWORD)
    admin.goto(detail)
    _step(admin, "publish")
    report.refresh_from_db()
    assert report.status == ReportStatus.PUBLISHED and report.snapshot is not None
    assert admin.locator("#report-status").get_attribute("data-status") == "published"
    _worker()
    report.refresh_from_db()
    assert len(report.pdf_sha256) == 64
    admin.goto(detail)
    assert admin.locator("#report-pdf").count() == 1
    context.close()

    # The public portal shows it, without signing in.
    public = browser.new_context(locale="id-ID").new_page()
    public.goto(f"{live_server.url}{reverse('portal:pemda', args=[cast.pemda.code])}?year={YEAR}")
    assert f"LKjIP Dinas Kesehatan {YEAR}" in public.content()
    assert not errors, errors
