"""The PK journey: an operator prepares the PK of their Kepala OPD, the verifier approves and
records the signing, the worker renders the PDF, it downloads, and its code verifies publicly."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from apps.agreements.models import PerjanjianKinerja, PkStatus
from apps.performance.services.renja import renja_create
from tests.agreements.conftest import YEAR, hold
from tests.browser.conftest import login
from tests.conftest import PASSWORD
from tests.dbutil import manage
from tests.performance.conftest import build_plan

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _action(page, name: str) -> None:
    page.click(f"button[formaction$='/{name}/']")
    page.wait_for_load_state("networkidle")


def test_it_prepares_approves_signs_downloads_and_verifies_a_pk(
    cast, live_server, browser, page, tmp_path
):
    plan = build_plan(cast)
    renja_create(actor=None, renstra=plan.renstra, year=YEAR)
    hold(cast, cast.kepala_daerah, "H. Bupati Contoh, S.H.")
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)

    # The operator generates the drafts of their OPD and prepares the Kepala Dinas's PK.
    login(page, live_server, "operator", PASSWORD)
    page.goto(f"{live_server.url}/pk/generate/")
    page.fill("input[name=year]", str(YEAR))
    page.select_option("select[name=opd]", label="Dinas Kesehatan")
    page.click("#pk-form button[type=submit]")
    page.wait_for_load_state("networkidle")
    page.click("text=Kepala Dinas Kesehatan")
    page.wait_for_load_state("networkidle")
    pk_url = page.url
    page.click("a[href*='rencana-aksi']")
    for i, value in enumerate(("20", "30", "40", "50"), start=1):
        page.fill(f"input[name=q{i}_target]", value)
        page.fill(f"textarea[name=q{i}_actions]", f"Langkah {i}")
    page.click("#pk-form button[type=submit]")
    page.wait_for_load_state("networkidle")
    assert page.url == pk_url
    _action(page, "submit")
    pk = PerjanjianKinerja.objects.get(position=cast.kepala_opd1, year=YEAR)
    assert pk.status == PkStatus.SUBMITTED

    # The verifier approves and records the signing.
    context = browser.new_context(locale="id-ID", accept_downloads=True)
    verifier = context.new_page()
    verifier.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    login(verifier, live_server, "verifier", PASSWORD)
    verifier.goto(pk_url)
    _action(verifier, "approve")
    verifier.fill("input[name=place]", "Contoh")
    _action(verifier, "sign")
    pk.refresh_from_db()
    assert pk.status == PkStatus.SIGNED

    result = manage("db_worker", "--batch", "--no-startup-delay", "--no-reload")
    assert result.returncode == 0, result.stderr
    pk.refresh_from_db()
    assert pk.pdf_sha256

    verifier.goto(pk_url)
    with verifier.expect_download() as info:
        verifier.click("#pk-pdf")
    path = tmp_path / "pk.pdf"
    info.value.save_as(path)
    assert hashlib.sha256(Path(path).read_bytes()).hexdigest() == pk.pdf_sha256
    code = verifier.locator("#pk-code").inner_text().strip()
    assert code == pk.verification_code
    context.close()

    # Anyone can verify it, without signing in.
    public = browser.new_context(locale="id-ID").new_page()
    public.goto(f"{live_server.url}/verify/pk/{code}/")
    text = public.locator("#verify-result").inner_text()
    assert "dr. Siti Rahma, M.Kes." in text and "H. Bupati Contoh, S.H." in text
    assert pk.pdf_sha256 in public.locator("#verify-sha").inner_text()
    public.set_input_files("input[name=file]", str(path))
    public.click("#verify-form button[type=submit]")
    public.wait_for_load_state("networkidle")
    assert public.locator("#verify-match.alert-success").count() == 1
    assert not errors, errors
