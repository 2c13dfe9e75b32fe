"""The realisation entry and verification pages, through the pages: the overview, the quarter
grid (all-or-nothing, the bad inputs of issue 5, a stale row, a closed window), one realisation
with its evidence and workflow, the verification queue, the inbox, and the query pins."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.conf import settings
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from apps.core.models import WorkflowEvent
from apps.measurement import services
from apps.measurement.models import Evidence, Realisation, RealisationStatus
from apps.organisations.models import QuarterWindow
from apps.performance import services as perf_services
from apps.performance.models import NodeLevel
from tests.measurement.conftest import YEAR, close_window

pytestmark = pytest.mark.django_db

# A real, minimal PDF (header, catalog, pages, trailer): evidence must be what it says it is.
PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)


def client_for(cast, user, language: str = "en"):
    """A signed-in client reading the pages in English (the tests' language) unless told."""
    client = cast.client(user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    return client


def grid_url(cast, quarter: int = 1, unit=None) -> str:
    return reverse("measurement:grid", args=[(unit or cast.opd1).code, YEAR, quarter])


def row_url(row) -> str:
    return reverse("measurement:realisation", args=[row.code])


def grid_post(world, *rows: tuple) -> dict:
    """(indicator, value, obstacle, solution[, version]) → the grid's POST data."""
    data = {}
    for indicator, value, obstacle, solution, *version in rows:
        code = indicator.code
        data[f"value-{code}"] = value
        data[f"obstacle-{code}"] = obstacle
        data[f"solution-{code}"] = solution
        data[f"version-{code}"] = str(version[0]) if version else ""
    return data


def enter(cast, indicator, value, quarter: int = 1) -> Realisation:
    return services.realisation_save(
        actor=cast.operator, indicator=indicator, year=YEAR, quarter=quarter, value=value
    )


# --- overview ---------------------------------------------------------------------------------


def test_it_counts_measured_entered_and_submitted_per_opd(cast, mworld):
    plan = mworld.plan
    row = enter(cast, plan.sasaran_indicator, "40")
    services.realisation_transition(actor=cast.operator, realisation=row, action="submit")
    enter(cast, plan.sub_indicator, "1")
    response = client_for(cast, cast.operator).get(
        reverse("measurement:home"), {"year": YEAR, "quarter": 1}
    )
    assert response.status_code == 200
    html = response.content.decode()
    summary = {s.unit.pk: s for s in response.context["summaries"]}
    assert set(summary) == {cast.opd1.pk}  # the operator sees their OPD only
    opd1 = summary[cast.opd1.pk]
    assert (opd1.measured, opd1.entered) == (2, 2)
    assert opd1.counts["submitted"] == 1 and opd1.counts["draft"] == 1
    assert opd1.window.is_open
    assert grid_url(cast) in html


def test_it_shows_bappeda_every_opd_and_the_rpjmd(cast, mworld):
    response = client_for(cast, cast.bappeda).get(
        reverse("measurement:home"), {"year": YEAR, "quarter": 4}
    )
    units = [s.unit.pk for s in response.context["summaries"]]
    assert units[0] == cast.pemda.pk and cast.opd1.pk in units and cast.opd2.pk in units
    root = response.context["summaries"][0]
    assert root.measured == 1  # Angka Harapan Hidup, at year end


# --- the grid ---------------------------------------------------------------------------------


def test_it_saves_a_whole_grid(cast, mworld):
    plan = mworld.plan
    client = client_for(cast, cast.operator)
    page = client.get(grid_url(cast))
    assert page.status_code == 200
    html = page.content.decode()
    assert f'name="value-{plan.sasaran_indicator.code}"' in html
    assert 'id="paste-input"' in html and "measurement/grid.js" in html
    response = client.post(
        grid_url(cast),
        grid_post(
            mworld,
            (plan.sasaran_indicator, "12,5", "Anggaran terlambat", "Percepatan"),
            (plan.sub_indicator, "0", "", ""),
        ),
    )
    assert response.status_code == 302
    rows = {r.indicator_id: r for r in Realisation.objects.filter(year=YEAR, quarter=1)}
    assert rows[plan.sasaran_indicator.pk].value == Decimal("12.5")
    assert rows[plan.sasaran_indicator.pk].obstacle == "Anggaran terlambat"
    assert rows[plan.sub_indicator.pk].value == 0
    page = client.get(grid_url(cast)).content.decode()
    assert "Draft" in page and "Saved: 2 realisations." in page


def test_it_refuses_a_non_numeric_value_and_saves_nothing(cast, mworld):
    plan = mworld.plan
    response = client_for(cast, cast.operator).post(
        grid_url(cast),
        grid_post(
            mworld,
            (plan.sasaran_indicator, "45", "ok", ""),
            (plan.sub_indicator, "satu", "Kendala ketik", ""),
        ),
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "The realisation must be a number" in html
    assert "Nothing was saved" in html
    assert 'value="satu"' in html and "Kendala ketik" in html  # what the user typed stays
    lines = {line.number: line for line in response.context["lines"]}
    assert lines[2].errors and not lines[1].errors
    assert not Realisation.objects.exists()  # the good row was not saved either


def test_it_refuses_a_percentage_above_100(cast, mworld):
    plan = mworld.plan
    response = client_for(cast, cast.operator).post(
        grid_url(cast),
        grid_post(
            mworld, (plan.sasaran_indicator, "120", "", ""), (plan.sub_indicator, "1", "", "")
        ),
    )
    assert response.status_code == 200
    errors = response.context["lines"][0].errors
    assert errors and "100" in " ".join(errors)
    assert 'value="120"' in response.content.decode()
    assert not Realisation.objects.exists()


def test_it_shows_the_other_persons_value_for_a_stale_row(cast, mworld):
    plan = mworld.plan
    row = enter(cast, plan.sasaran_indicator, "40")
    client = client_for(cast, cast.operator)
    client.get(grid_url(cast))  # the operator reads version 1 ...
    services.realisation_save(  # ... the verifier saves meanwhile
        actor=cast.verifier,
        indicator=plan.sasaran_indicator,
        year=YEAR,
        quarter=1,
        value="42",
        expected_version=row.version,
    )
    response = client.post(
        grid_url(cast), grid_post(mworld, (plan.sasaran_indicator, "44", "", "", row.version))
    )
    assert response.status_code == 200
    line = response.context["lines"][0]
    assert line.errors and "42" in line.errors[0] and "Someone else saved" in line.errors[0]
    assert line.value == "44" and line.version == "2"  # typed value kept; next save is deliberate
    row.refresh_from_db()
    assert row.value == Decimal("42")


def test_a_closed_quarter_is_read_only_and_refuses_a_post(cast, mworld):
    plan = mworld.plan
    close_window(cast.pemda, 1)
    client = client_for(cast, cast.operator)
    page = client.get(grid_url(cast))
    html = page.content.decode()
    assert 'id="window-closed"' in html and "closed on" in html
    assert 'name="value-' not in html and 'id="grid-save"' not in html
    response = client.post(
        grid_url(cast), grid_post(mworld, (plan.sasaran_indicator, "40", "", ""))
    )
    assert response.status_code == 200
    assert "closed on" in response.content.decode()
    assert not Realisation.objects.exists()


def test_a_reopened_window_shows_its_date(cast, mworld):
    close_window(cast.pemda, 1)
    window = QuarterWindow.objects.get(pemda=cast.pemda, plan_year__year=YEAR, quarter=1)
    until = timezone.localdate() + dt.timedelta(days=3)
    services.window_reopen(
        actor=cast.bappeda, window=window, opd=cast.opd1, until=until, reason="Data terlambat"
    )
    html = client_for(cast, cast.operator).get(grid_url(cast)).content.decode()
    assert 'id="window-closed"' not in html
    assert until.strftime("%d-%m-%Y") in html and "reopened" in html


def test_year_end_indicators_are_read_only_before_tw_iv(cast, mworld):
    client = client_for(cast, cast.bappeda)
    response = client.get(grid_url(cast, 1, unit=cast.pemda))
    line = response.context["lines"][0]
    ahh = line.measure.indicator
    assert line.year_end_only and not line.editable
    assert "year end only (TW IV)" in response.content.decode()
    response = client.get(grid_url(cast, 4, unit=cast.pemda))
    assert response.context["lines"][0].editable
    response = client.post(
        grid_url(cast, 4, unit=cast.pemda), grid_post(mworld, (ahh, "71,4", "", ""))
    )
    assert response.status_code == 302
    assert Realisation.objects.get(indicator=ahh, quarter=4).value == Decimal("71.4")


def test_it_submits_every_draft_of_the_quarter(cast, mworld):
    plan = mworld.plan
    enter(cast, plan.sasaran_indicator, "40")
    enter(cast, plan.sub_indicator, "1")
    client = client_for(cast, cast.operator)
    assert 'id="grid-submit"' in client.get(grid_url(cast)).content.decode()
    response = client.post(grid_url(cast), {"submit_drafts": "1"})
    assert response.status_code == 302
    assert set(Realisation.objects.values_list("status", flat=True)) == {"submitted"}
    html = client.get(grid_url(cast)).content.decode()
    assert "Submitted for verification: 2 realisations." in html
    assert 'name="value-' not in html  # submitted rows are locked


def test_viewers_and_other_opds_cannot_write_the_grid(cast, mworld):
    plan = mworld.plan
    data = grid_post(mworld, (plan.sasaran_indicator, "40", "", ""))
    assert client_for(cast, cast.viewer).post(grid_url(cast), data).status_code == 403
    assert client_for(cast, cast.other_operator).post(grid_url(cast), data).status_code == 404
    assert client_for(cast, cast.other_operator).get(grid_url(cast)).status_code == 404
    assert client_for(cast, None).get(grid_url(cast)).status_code == 302
    html = client_for(cast, cast.viewer).get(grid_url(cast)).content.decode()
    assert 'name="value-' not in html
    assert not Realisation.objects.exists()


# --- one realisation --------------------------------------------------------------------------


def test_it_edits_a_realisation(cast, mworld):
    row = enter(cast, mworld.plan.sasaran_indicator, "40")
    client = client_for(cast, cast.operator)
    page = client.get(row_url(row))
    assert page.status_code == 200 and 'id="realisation-form"' in page.content.decode()
    response = client.post(
        row_url(row), {"value": "45,5", "obstacle": "Hujan", "solution": "Lembur", "version": 1}
    )
    assert response.status_code == 302
    row.refresh_from_db()
    assert (row.value, row.obstacle, row.version) == (Decimal("45.5"), "Hujan", 2)
    html = client.get(row_url(row)).content.decode()
    assert "45,5" in html and "Saved." in html


def test_it_refuses_a_non_numeric_value_on_the_form(cast, mworld):
    row = enter(cast, mworld.plan.sasaran_indicator, "40")
    response = client_for(cast, cast.operator).post(
        row_url(row), {"value": "empat puluh", "obstacle": "", "solution": "", "version": 1}
    )
    assert response.status_code == 200
    assert "The realisation must be a number" in response.content.decode()
    row.refresh_from_db()
    assert row.value == Decimal("40") and row.version == 1


def test_the_second_editor_gets_a_conflict_with_the_first_ones_values(cast, mworld):
    row = enter(cast, mworld.plan.sasaran_indicator, "40")
    first, second = client_for(cast, cast.operator), client_for(cast, cast.verifier)
    first.get(row_url(row))
    second.get(row_url(row))  # both read version 1
    data = {"value": "47", "obstacle": "Versi pertama", "solution": "", "version": 1}
    assert first.post(row_url(row), data).status_code == 302
    response = second.post(row_url(row), {**data, "value": "49", "obstacle": "Versi kedua"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Someone else saved this record" in html
    assert "Saved by the other person:" in html and "Versi pertama" in html
    assert response.context["form"]["version"].value() == 2
    row.refresh_from_db()
    assert (row.value, row.obstacle) == (Decimal("47"), "Versi pertama")


def test_it_uploads_downloads_and_removes_evidence(cast, mworld):
    row = enter(cast, mworld.plan.sasaran_indicator, "40")
    client = client_for(cast, cast.operator)
    response = client.post(
        row_url(row),
        {"form": "evidence", "file": SimpleUploadedFile("laporan.pdf", PDF, "application/pdf")},
    )
    assert response.status_code == 302
    evidence = Evidence.objects.get()
    assert evidence.original_name == "laporan.pdf" and evidence.size == len(PDF)
    html = client.get(row_url(row)).content.decode()
    download = reverse("measurement:evidence_download", args=[evidence.code])
    assert download in html and "/media/" not in html
    response = client.get(download)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert "laporan.pdf" in response["Content-Disposition"]
    assert b"".join(response.streaming_content) == PDF
    assert client_for(cast, cast.other_operator).get(download).status_code == 404
    response = client.post(reverse("measurement:evidence_remove", args=[evidence.code]))
    assert response.status_code == 302
    evidence.refresh_from_db()
    assert evidence.deleted_at is not None  # hidden, not deleted
    assert client.get(download).status_code == 404
    assert "laporan.pdf" not in client.get(row_url(row)).content.decode()


def test_it_refuses_a_file_that_is_not_what_its_extension_says(cast, mworld):
    row = enter(cast, mworld.plan.sasaran_indicator, "40")
    fake = SimpleUploadedFile("laporan.pdf", b"MZ\x90\x00 not a pdf at all", "application/pdf")
    response = client_for(cast, cast.operator).post(
        row_url(row), {"form": "evidence", "file": fake}
    )
    assert response.status_code == 200
    assert "is not a real PDF file" in response.content.decode()
    assert not Evidence.objects.exists()


def test_the_workflow_through_the_pages(cast, mworld):
    row = enter(cast, mworld.plan.sasaran_indicator, "40")
    operator, verifier = client_for(cast, cast.operator), client_for(cast, cast.verifier)

    def act(client, action, note="", version=None):
        row.refresh_from_db()
        return client.post(
            reverse("measurement:realisation_transition", args=[row.code, action]),
            {"version": version or row.version, "note": note},
        )

    html = operator.get(row_url(row)).content.decode()
    assert reverse("measurement:realisation_transition", args=[row.code, "submit"]) in html
    assert act(operator, "submit").status_code == 302
    assert act(operator, "verify").status_code == 403  # an operator does not verify
    response = act(verifier, "return")  # a note is required
    assert "Please write a note" in verifier.get(response.url).content.decode()
    row.refresh_from_db()
    assert row.status == RealisationStatus.SUBMITTED
    act(verifier, "return", note="Lampirkan SK akreditasi")
    row.refresh_from_db()
    assert row.status == RealisationStatus.RETURNED and row.return_note.startswith("Lampirkan")
    html = operator.get(row_url(row)).content.decode()
    assert "Lampirkan SK akreditasi" in html and 'id="realisation-form"' in html
    act(operator, "submit")
    act(verifier, "verify")
    row.refresh_from_db()
    assert row.status == RealisationStatus.VERIFIED and row.verified_by == cast.verifier
    html = operator.get(row_url(row)).content.decode()
    assert 'id="realisation-form"' not in html  # a verified value is locked
    assert WorkflowEvent.objects.filter(object_code=row.code).count() == 4
    assert "Lampirkan SK akreditasi" in html  # the history keeps the note
    unknown = reverse("measurement:realisation_transition", args=[row.code, "delete"])
    assert verifier.post(unknown, {"version": row.version}).status_code == 404


def test_a_stale_transition_is_refused(cast, mworld):
    row = enter(cast, mworld.plan.sasaran_indicator, "40")
    url = reverse("measurement:realisation_transition", args=[row.code, "submit"])
    enter(cast, mworld.plan.sasaran_indicator, "41")  # version 2 now
    response = client_for(cast, cast.operator).post(url, {"version": 1})
    assert response.status_code == 302
    row.refresh_from_db()
    assert row.status == RealisationStatus.DRAFT


def test_other_opds_and_anonymous_are_refused(cast, mworld):
    row = enter(cast, mworld.plan.sasaran_indicator, "40")
    assert client_for(cast, cast.other_operator).get(row_url(row)).status_code == 404
    assert client_for(cast, cast.outsider).get(row_url(row)).status_code == 404
    assert client_for(cast, None).get(row_url(row)).status_code == 302
    response = client_for(cast, cast.viewer).post(
        row_url(row), {"value": "1", "obstacle": "", "solution": "", "version": 1}
    )
    assert response.status_code == 403


# --- verification queue and inbox -------------------------------------------------------------


def test_the_verifier_verifies_the_ticked_rows_and_returns_one(cast, mworld):
    plan = mworld.plan
    a = enter(cast, plan.sasaran_indicator, "40")
    b = enter(cast, plan.sub_indicator, "1")
    services.realisations_transition(actor=cast.operator, realisations=[a, b], action="submit")
    client = client_for(cast, cast.verifier)
    url = reverse("measurement:verify_queue")
    html = client.get(url).content.decode()
    assert str(a.code) in html and str(b.code) in html
    a.refresh_from_db()
    back = client.post(
        reverse("measurement:realisation_transition", args=[a.code, "return"]),
        {"version": a.version, "note": "Data tidak sesuai", "next": url},
    )
    assert back.status_code == 302 and back.url == url
    response = client.post(url, {"rows": [str(b.code), "not-a-code"]})
    assert response.status_code == 302
    a.refresh_from_db()
    b.refresh_from_db()
    assert (a.status, b.status) == (RealisationStatus.RETURNED, RealisationStatus.VERIFIED)
    assert "Nothing waits for your verification." in client.get(url).content.decode()
    assert client_for(cast, cast.operator).get(url).status_code == 403


def test_the_inbox_lists_one_item_per_group(cast, mworld):
    plan = mworld.plan
    a = enter(cast, plan.sasaran_indicator, "40")
    b = enter(cast, plan.sub_indicator, "1")
    services.realisations_transition(actor=cast.operator, realisations=[a, b], action="submit")
    html = client_for(cast, cast.verifier).get(reverse("core:inbox")).content.decode()
    assert "2 realisations wait for your verification" in html
    assert html.count("realisations wait for your verification") == 1
    services.realisation_transition(
        actor=cast.verifier, realisation=a, action="return", note="Periksa lagi"
    )
    html = client_for(cast, cast.operator).get(reverse("core:inbox")).content.decode()
    assert "1 realisations were returned with notes" in html
    assert grid_url(cast) in html
    html = client_for(cast, cast.other_operator).get(reverse("core:inbox")).content.decode()
    assert "realisations were returned" not in html


def test_the_menu_shows_measurement(cast, mworld):
    html = client_for(cast, cast.viewer).get(reverse("measurement:home")).content.decode()
    assert reverse("measurement:home") in html and "Measurement" in html


# --- query pins -------------------------------------------------------------------------------


def _grow(cast, plan, n: int, start: int = 0) -> None:
    """`n` more indicators of OPD 1 (Renstra targets: measured at year end) and of OPD 2, each
    with a TW IV realisation."""
    for i in range(start, start + n):
        for node, unit_name in ((plan.sasaran, "%"), (plan.tujuan2, "orang")):
            ind = perf_services.indicator_create(
                actor=None,
                node=node,
                name=f"Indikator tambahan {i} {unit_name}",
                unit=unit_name,
                targets={YEAR: 10 + i},
            )
            services.realisation_save(
                actor=cast.operator if node.opd_id == cast.opd1.pk else cast.other_operator,
                indicator=ind,
                year=YEAR,
                quarter=4,
                value=str(5 + i),
            )
    assert plan.sasaran.node_level == NodeLevel.SASARAN


def _count(client, url: str, params: dict | None = None) -> int:
    client.get(url, params)  # warm caches outside the measurement
    cache.clear()  # but compute the page, not serve it from the page cache
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url, params)
    assert response.status_code == 200, url
    return len(ctx.captured_queries)


# Session, user, scope and menu are part of every count.
ENTRY_PINS = {"home": 14, "grid": 14, "verify_queue": 5}


@pytest.mark.parametrize("page", list(ENTRY_PINS))
def test_entry_pages_run_a_constant_number_of_queries(cast, mworld, page):
    plan = mworld.plan
    client = client_for(cast, cast.bappeda if page == "home" else cast.operator)
    if page == "verify_queue":
        client = client_for(cast, cast.verifier)
    url = {
        "home": reverse("measurement:home"),
        "grid": grid_url(cast, 4),
        "verify_queue": reverse("measurement:verify_queue"),
    }[page]
    params = {"year": YEAR, "quarter": 4} if page == "home" else None
    _grow(cast, plan, 1)
    enter(cast, plan.sasaran_indicator, "40", quarter=4)
    services.realisation_transition(
        actor=cast.operator,
        realisation=Realisation.objects.get(indicator=plan.sasaran_indicator, quarter=4),
        action="submit",
    )
    small = _count(client, url, params)
    _grow(cast, plan, 6, start=1)
    enter(cast, plan.sub_indicator, "1", quarter=4)
    services.realisation_transition(
        actor=cast.operator,
        realisation=Realisation.objects.get(indicator=plan.sub_indicator, quarter=4),
        action="submit",
    )
    large = _count(client, url, params)
    assert small == large, f"{page}: {small} queries small, {large} with more data"
    assert small == ENTRY_PINS[page], f"{page} now runs {small} queries"


def test_the_pages_speak_indonesian_by_default(cast, mworld):
    row = enter(cast, mworld.plan.sasaran_indicator, "40")
    services.realisation_transition(actor=cast.operator, realisation=row, action="submit")
    row.refresh_from_db()
    client = client_for(cast, cast.verifier, language="id")
    url = reverse("measurement:realisation_transition", args=[row.code, "return"])
    response = client.post(url, {"version": row.version, "note": ""}, follow=True)
    assert "Tuliskan catatan yang menjelaskan tindakan ini." in response.content.decode()


def test_a_submitted_realisation_refuses_an_edit_with_a_message(cast, mworld):
    row = enter(cast, mworld.plan.sasaran_indicator, "40")
    services.realisation_transition(actor=cast.operator, realisation=row, action="submit")
    row.refresh_from_db()
    client = client_for(cast, cast.operator)
    assert 'id="realisation-form"' not in client.get(row_url(row)).content.decode()
    response = client.post(
        row_url(row), {"value": "50", "obstacle": "", "solution": "", "version": row.version}
    )
    assert response.status_code == 200
    assert "locked" in response.content.decode()
    row.refresh_from_db()
    assert row.value == Decimal("40") and row.status == RealisationStatus.SUBMITTED
