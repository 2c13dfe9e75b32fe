"""The quarter's journey: the operator pastes TW I's realisations from a spreadsheet into the grid,
saves, attaches a PDF to one, submits everything; the verifier returns one with a note; the
operator fixes it and submits again; the verifier verifies both; the OPD dashboard shows the new
capaian."""

from __future__ import annotations

import pytest
from django.urls import reverse

from apps.core.templatetags.sakip import format_number
from apps.measurement import selectors
from apps.measurement.models import Evidence, Realisation, RealisationStatus
from tests.browser.conftest import login
from tests.conftest import PASSWORD
from tests.measurement.conftest import YEAR, build_measure_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# A real one-page PDF.
PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)


def _wait(page) -> None:
    page.wait_for_load_state("networkidle")


def test_it_pastes_submits_returns_fixes_verifies_and_shows_the_capaian(
    cast, live_server, browser, page, tmp_path
):
    world = build_measure_world(cast)
    sasaran, sub = world.plan.sasaran_indicator, world.plan.sub_indicator
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("dialog", lambda d: d.accept())  # "submit every draft?" confirmation
    grid = f"{live_server.url}{reverse('measurement:grid', args=[cast.opd1.code, YEAR, 1])}"

    # The operator pastes TW I from a spreadsheet: header, then number, name, value, obstacle,
    # solution (the name keys the row).
    login(page, live_server, "operator", PASSWORD)
    page.goto(grid)
    assert page.locator("#paste-panel").is_visible()  # grid.js switched the panel on
    tsv = (
        "No\tIndikator\tRealisasi\tKendala\tSolusi\n"
        f"1\t{sasaran.name}\t12,5\tTenaga surveyor terbatas\tPelatihan surveyor\n"
        f"2\t{sub.name}\t2\tLahan belum siap\tKoordinasi dengan BPN\n"
    )
    page.fill("#paste-input", tsv)
    page.click("#paste-apply")
    assert page.input_value(f"input[name='value-{sasaran.code}']") == "12,5"
    assert page.input_value(f"textarea[name='solution-{sub.code}']") == "Koordinasi dengan BPN"
    assert "2" in page.locator("#paste-status").inner_text()
    page.click("#grid-save")
    _wait(page)
    rows = {r.indicator_id: r for r in Realisation.objects.filter(year=YEAR, quarter=1)}
    assert str(rows[sasaran.pk].value.normalize()) == "12.5"
    assert rows[sub.pk].obstacle == "Lahan belum siap"

    # Evidence on the first realisation: a real PDF, downloaded through the scoped view.
    page.click(f"#row-{sasaran.code} a")
    _wait(page)
    pdf = tmp_path / "laporan-akreditasi.pdf"
    pdf.write_bytes(PDF)
    page.set_input_files("#evidence-form input[name=file]", str(pdf))
    page.click("#evidence-form button[type=submit]")
    _wait(page)
    assert "laporan-akreditasi.pdf" in page.locator("#evidence-list").inner_text()
    assert Evidence.objects.get().sha256

    # Submit every draft of the quarter.
    page.goto(grid)
    page.click("#grid-submit")
    _wait(page)
    assert set(Realisation.objects.values_list("status", flat=True)) == {"submitted"}

    # The verifier returns the second one with a note.
    context = browser.new_context(locale="id-ID")
    verifier = context.new_page()
    verifier.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    login(verifier, live_server, "verifier", PASSWORD)
    verifier.goto(f"{live_server.url}{reverse('measurement:verify_queue')}")
    row = verifier.locator(f"#queue-{rows[sub.pk].code}")
    row.locator("input[name=note]").fill("Realisasi melebihi target TW I, periksa lagi")
    row.locator("button[type=submit]").click()
    _wait(verifier)
    returned = Realisation.objects.get(pk=rows[sub.pk].pk)
    assert returned.status == RealisationStatus.RETURNED

    # The operator sees the note, fixes the value and submits again.
    page.goto(grid)
    assert "periksa lagi" in page.locator(f"#row-{sub.code}").inner_text()
    page.fill(f"input[name='value-{sub.code}']", "1")
    page.click("#grid-save")
    _wait(page)
    page.click("#grid-submit")
    _wait(page)
    returned.refresh_from_db()
    assert returned.value == 1 and returned.status == RealisationStatus.SUBMITTED

    # The verifier verifies both at once.
    verifier.goto(f"{live_server.url}{reverse('measurement:verify_queue')}")
    for box in verifier.locator("input[name=rows]").all():
        box.check()
    verifier.click("#verify-selected")
    _wait(verifier)
    assert set(Realisation.objects.values_list("status", flat=True)) == {"verified"}
    assert verifier.locator("#queue-empty").count() == 1

    # The OPD dashboard shows the new capaian of TW I.
    measure = next(
        m for m in selectors.opd_measures(opd=cast.opd1, year=YEAR) if m.indicator == sasaran
    )
    expected = format_number(measure.capaian_of_quarter(1, selectors.rules_for(cast.pemda.pk)), 2)
    assert expected != "–"
    dashboard = reverse("measurement:opd_dashboard", args=[cast.opd1.code])
    verifier.goto(f"{live_server.url}{dashboard}?year={YEAR}")
    cell = verifier.locator(f"tr:has(th:has-text('{sasaran.name}')) td[data-quarter='1']").first
    assert expected in cell.inner_text()
    # ... as does the grid.
    page.goto(grid)
    assert expected in page.locator(f"#row-{sasaran.code} [data-col=capaian]").inner_text()
    context.close()
    assert not errors, errors
