"""The cascading review in a real browser: an operator adds a sasaran with an indicator and
submits, Bappeda returns it with a note, the operator fixes it and submits again, Bappeda
approves (issue 3, item 12)."""

from __future__ import annotations

import pytest

from apps.performance.models import Indicator, Node
from apps.planning.models import DocumentStatus
from tests.browser.conftest import login
from tests.conftest import PASSWORD
from tests.performance.conftest import build_plan

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

STATEMENT = "Meningkatnya cakupan imunisasi dasar lengkap"
INDICATOR = "Persentase bayi dengan imunisasi dasar lengkap"


def _switch_user(page, live_server, username: str) -> None:
    page.context.clear_cookies()
    login(page, live_server, username, PASSWORD)


def test_it_runs_the_review_from_a_new_sasaran_to_approval(cast, live_server, page):
    plan = build_plan(cast)
    renstra_url = f"{live_server.url}/plans/renstra/{plan.renstra.code}/"
    console_errors: list[str] = []
    page.on("console", lambda m: console_errors.append(m.text) if m.type == "error" else None)

    # The operator adds a sasaran under the tujuan, then an indicator with its five targets.
    login(page, live_server, "operator", PASSWORD)
    page.goto(renstra_url)
    page.locator(f"#node-{plan.tujuan.code} a[href*='level=sasaran']").click()
    page.fill("#id_statement", STATEMENT)
    page.select_option("#id_owner_position", value=str(cast.kepala_opd1.code))
    page.select_option("#id_pemda_sasaran", value=str(plan.sasaran_pemda.code))
    page.click("#save-button")
    page.wait_for_url(f"{renstra_url}*")
    row = page.locator("li.plan-node", has_text=STATEMENT)
    row.locator("a[href$='/indicators/new/']").click()
    page.fill("#id_name", INDICATOR)
    page.fill("#id_unit", "%")
    page.fill("#id_formula", "Bayi diimunisasi lengkap / seluruh bayi × 100")
    for year, value in zip(range(2025, 2030), ("86", "87,5", "89", "90", "92"), strict=True):
        page.fill(f"#id_target_{year}", value)
    page.click("#save-indicator")
    page.wait_for_url(f"{renstra_url}*")
    assert INDICATOR in page.locator("#renstra-tree").inner_text()
    page.fill("#id_submit-note", "Mohon direviu")
    page.click("#submit-button")
    page.wait_for_load_state("networkidle")
    plan.renstra.refresh_from_db()
    assert plan.renstra.status == DocumentStatus.SUBMITTED

    # Bappeda returns it with a note.
    _switch_user(page, live_server, "bappeda")
    page.goto(renstra_url)
    page.fill("#id_return-note", "Lengkapi definisi operasional indikator imunisasi")
    page.click("#return-button")
    page.wait_for_load_state("networkidle")
    plan.renstra.refresh_from_db()
    assert plan.renstra.status == DocumentStatus.RETURNED

    # The operator reads the note, fixes the indicator and submits again.
    _switch_user(page, live_server, "operator")
    page.goto(renstra_url)
    assert "Lengkapi definisi operasional" in page.locator("#events-heading + ul").inner_text()
    indicator = Indicator.objects.get(name=INDICATOR)
    page.locator(f"a[href$='/indicators/{indicator.code}/']").click()
    page.fill("#id_definition", "Bayi usia 0–11 bulan yang mendapat imunisasi dasar lengkap")
    page.click("#save-indicator")
    page.wait_for_url(f"{renstra_url}*")
    page.fill("#id_submit-note", "Sudah diperbaiki")
    page.click("#submit-button")
    page.wait_for_load_state("networkidle")
    indicator.refresh_from_db()
    assert indicator.definition.startswith("Bayi usia")

    # Bappeda approves: the Renstra is locked.
    _switch_user(page, live_server, "bappeda")
    page.goto(renstra_url)
    page.click("#approve-button")
    page.wait_for_load_state("networkidle")
    plan.renstra.refresh_from_db()
    assert plan.renstra.status == DocumentStatus.APPROVED
    assert "alert-success" in (page.locator("#review-banner").get_attribute("class") or "")
    assert Node.objects.filter(renstra=plan.renstra, statement=STATEMENT).exists()
    assert not console_errors, console_errors
