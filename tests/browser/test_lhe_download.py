"""The LHE's download (issue 7, point 9, last step of the evaluation journey): on the result page
of a final evaluation the lead issues the LHE, the worker renders it, and it downloads as issued
(its SHA-256 is the one kept on the evaluation). The earlier steps (self-assessment, scoring,
finalising in the browser) are tests/browser/test_evaluation_flow.py; here the evaluation is
finalised with the same services."""

from __future__ import annotations

import hashlib

import pytest
from django.conf import settings
from django.urls import reverse

from tests.browser.conftest import login
from tests.conftest import PASSWORD
from tests.dbutil import manage
from tests.evaluation.conftest import build_round
from tests.evaluation.permissions_results import finish

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_lead_issues_the_lhe_and_it_downloads_as_issued(cast, live_server, browser, tmp_path):
    world = build_round(cast)
    evaluation = world.opd1
    finish(cast, evaluation, ae="A")
    errors: list[str] = []
    context = browser.new_context(locale="id-ID", accept_downloads=True)
    lead = context.new_page()
    lead.set_default_timeout(15_000)
    lead.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    login(lead, live_server, "lead", PASSWORD)
    url = f"{live_server.url}{reverse('evaluation:evaluation_comparison', args=[evaluation.code])}"
    lead.goto(url)
    assert lead.inner_text("#comparison-score") == "100,00"
    lead.click("#lhe-start button[type=submit]")
    lead.wait_for_load_state("networkidle")
    assert "/jobs/" in lead.url
    # The worker stores the PDF where this test server reads media.
    result = manage(
        "db_worker",
        "--batch",
        "--no-startup-delay",
        "--no-reload",
        env={"MEDIA_ROOT": str(settings.MEDIA_ROOT)},
    )
    assert result.returncode == 0, result.stderr
    evaluation.refresh_from_db()
    assert evaluation.lhe_sha256
    lead.goto(url)
    assert lead.inner_text("#lhe-sha256") == evaluation.lhe_sha256
    with lead.expect_download() as info:
        lead.click("#lhe-download")
    path = tmp_path / "lhe.pdf"
    info.value.save_as(path)
    assert info.value.suggested_filename == "LHE-2026-Dinkes.pdf"
    assert hashlib.sha256(path.read_bytes()).hexdigest() == evaluation.lhe_sha256
    context.close()
    assert not errors, errors
