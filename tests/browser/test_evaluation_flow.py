"""The evaluation's journey: the OPD operator self-assesses a criterion with an evidence file on
the self-assessment page and submits; the evaluator scores it on the worksheet (worksheet.js saves
the row and the live total moves) and submits for review; the lead finalises with a summary; the
evaluation page shows the final score and grade.

Then the lead issues the LHE from the result page, the worker renders it and it downloads as
issued."""

from __future__ import annotations

import hashlib

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from apps.evaluation.models import Answer, AnswerEvidence, AnswerOption, Evaluation
from tests.browser.conftest import login
from tests.conftest import PASSWORD
from tests.dbutil import manage
from tests.evaluation.conftest import build_round

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)


def _wait(page) -> None:
    page.wait_for_load_state("networkidle")


def _score_the_rest(evaluation: Evaluation, first: Answer) -> None:
    """Every criterion but the first at the top of its scale (79 rows are not the journey)."""
    top = {o.scale_id: o for o in AnswerOption.objects.order_by("-order")}
    rows = list(Answer.objects.filter(evaluation=evaluation).exclude(pk=first.pk))
    for a in rows:
        option = top[a.criterion.scale_id]
        a.label, a.value = option.label, option.value
    Answer.objects.bulk_update(rows, ["label", "value"])


def test_self_assess_score_review_finalise_and_the_grade(
    cast, live_server, browser, page, tmp_path
):
    world = build_round(cast)
    evaluation = world.opd1
    first = (
        Answer.objects.filter(evaluation=evaluation)
        .select_related("criterion")
        .order_by(
            "criterion__sub_component__component__number",
            "criterion__sub_component__order",
            "criterion__order",
            "criterion__number",
        )
        .first()
    )  # 1a.1, answered Y/T
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)

    # 1. The OPD operator answers 1a.1 with a note, attaches a PDF and submits.
    login(page, live_server, "operator", PASSWORD)
    page.goto(f"{live_server.url}{reverse('evaluation:self_assessment', args=[evaluation.code])}")
    card = page.locator(f"#a-{first.code}")
    card.locator("select[name$=self_label]").select_option("Y")
    card.locator("textarea[name$=self_note]").fill("Pedoman ditetapkan SK")
    card.locator("form.self-answer button[type=submit]").click()
    _wait(page)
    card = page.locator(f"#a-{first.code}")
    card.locator("summary").click()
    pdf = tmp_path / "pedoman.pdf"
    pdf.write_bytes(PDF)
    card.locator("input[type=file]").set_input_files(str(pdf))
    card.locator("form[enctype='multipart/form-data'] button[type=submit]").click()
    _wait(page)
    assert "pedoman.pdf" in page.locator(f"#evidence-{first.code}").inner_text()
    page.click("#self-submit button[type=submit]")
    _wait(page)
    first.refresh_from_db()
    assert (first.self_label, first.self_note) == ("Y", "Pedoman ditetapkan SK")
    assert AnswerEvidence.objects.filter(answer=first, deleted_at__isnull=True).count() == 1
    assert Evaluation.objects.get(pk=evaluation.pk).status == "evaluation"

    # 2. The evaluator scores 1a.1 on the worksheet (the other 79 are already scored): the row
    #    is saved by worksheet.js and the live total moves from 99,00 to 100,00.
    _score_the_rest(evaluation, first)
    context = browser.new_context(locale="id-ID", viewport={"width": 1400, "height": 900})
    evaluator = context.new_page()
    evaluator.set_default_timeout(15_000)
    evaluator.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    login(evaluator, live_server, "evaluator", PASSWORD)
    sheet_url = f"{live_server.url}{reverse('evaluation:worksheet', args=[evaluation.code])}"
    evaluator.goto(sheet_url)
    row = evaluator.locator(f"#a-{first.code}")
    assert "Pedoman ditetapkan SK" in row.locator(".ws-self").inner_text()
    assert row.locator(".ws-self a", has_text="pedoman.pdf").count() == 1
    assert evaluator.inner_text("#ws-total") == "99,00"
    row.locator("select[name=label]").select_option("Y")
    row.locator("button.ws-save").click()
    expect(evaluator.locator("#ws-total")).to_have_text("100,00")  # no eval: strict CSP
    assert evaluator.inner_text("#ws-grade") == "AA"
    assert evaluator.inner_text('[data-total="s1a"]') == "6,00"
    assert evaluator.url == sheet_url  # no reload: fetch
    first.refresh_from_db()
    assert (first.label, first.version, first.scored_by) == ("Y", 3, cast.evaluator)
    evaluator.click("#ws-review")
    _wait(evaluator)
    assert Evaluation.objects.get(pk=evaluation.pk).status == "review"
    context.close()

    # 3. The lead finalises with a summary; the evaluation page shows the final grade.
    context = browser.new_context(locale="id-ID", viewport={"width": 1400, "height": 900})
    lead = context.new_page()
    lead.set_default_timeout(15_000)
    login(lead, live_server, "lead", PASSWORD)
    lead.goto(sheet_url)
    lead.click("#ws-finalise")
    _wait(lead)
    assert lead.inner_text("#fin-score") == "100,00"
    lead.fill("#id_summary", "Penerapan SAKIP Dinas Kesehatan sangat memuaskan.")
    lead.click("#finalise-form button[type=submit]")
    _wait(lead)
    assert "AA" in lead.inner_text("#final-grade")
    lead.goto(f"{live_server.url}{reverse('evaluation:evaluation_detail', args=[evaluation.code])}")
    assert "100" in lead.inner_text("main") and "(AA)" in lead.inner_text("main")
    evaluation.refresh_from_db()
    assert (evaluation.status, evaluation.grade, str(evaluation.score)) == ("final", "AA", "100.00")
    # 4. The lead issues the LHE from the result page; the worker renders it; it downloads as
    #    issued (the SHA-256 kept on the evaluation).
    lead.goto(
        f"{live_server.url}{reverse('evaluation:evaluation_comparison', args=[evaluation.code])}"
    )
    assert lead.inner_text("#comparison-score") == "100,00"
    lead.click("#lhe-start button[type=submit]")
    _wait(lead)
    assert "/jobs/" in lead.url
    result = manage("db_worker", "--batch", "--no-startup-delay", "--no-reload")
    assert result.returncode == 0, result.stderr
    evaluation.refresh_from_db()
    assert evaluation.lhe_sha256
    lead.goto(
        f"{live_server.url}{reverse('evaluation:evaluation_comparison', args=[evaluation.code])}"
    )
    assert lead.inner_text("#lhe-sha256") == evaluation.lhe_sha256
    with lead.expect_download() as info:
        lead.click("#lhe-download")
    path = tmp_path / "lhe.pdf"
    info.value.save_as(path)
    assert info.value.suggested_filename == "LHE-2026-Dinkes.pdf"
    assert hashlib.sha256(path.read_bytes()).hexdigest() == evaluation.lhe_sha256
    context.close()
    assert not errors, errors
