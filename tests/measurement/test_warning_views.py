"""Early warning pages: the at-risk list, the late-data table and its Excel download, each in
the user's scope and in a pinned number of queries."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from apps.measurement import services
from apps.organisations import services as org_services
from apps.organisations.access import forget_scope
from apps.organisations.models import QuarterWindow, UnitType
from apps.performance import services as perf_services
from apps.performance.models import Indicator
from tests.measurement.conftest import YEAR, close_window
from tests.performance.conftest import targets

pytestmark = pytest.mark.django_db


def get(cast, user, name: str, **params):
    """A page in English (the tests assert the msgids; Indonesian is checked on its own)."""
    return cast.client(user).get(reverse(name), params, HTTP_ACCEPT_LANGUAGE="en")


def enter(cast, indicator, quarter, value, *, submit=False):
    row = services.realisation_save(
        actor=cast.operator, indicator=indicator, year=YEAR, quarter=quarter, value=value
    )
    if submit:
        row = services.realisation_transition(actor=cast.operator, realisation=row, action="submit")
    return row


def heading_for_a_miss(cast, mworld):
    """Persentase puskesmas (nilai akhir, target 50): 5 then 8 → trend 14 at TW IV → 28 %."""
    plan = mworld.plan
    enter(cast, plan.sasaran_indicator, 1, 5, submit=True)
    enter(cast, plan.sasaran_indicator, 2, 8)
    return plan.sasaran_indicator


def late_world(cast, mworld):
    """TW I and TW II closed: puskesmas % has TW I submitted and TW II a draft; the puskesmas
    count has nothing → three late items for Dinas Kesehatan."""
    heading_for_a_miss(cast, mworld)
    close_window(cast.pemda, 1)
    close_window(cast.pemda, 2)


def test_it_lists_an_indicator_heading_for_a_miss(cast, mworld):
    heading_for_a_miss(cast, mworld)
    response = get(cast, cast.operator, "measurement:warnings", year=YEAR)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Persentase puskesmas terakreditasi paripurna" in html
    assert "28,00%" in html  # forecast capaian: 14 / 50
    assert "high risk" in html
    assert "32,00%" in html  # capaian so far: TW II value 8 against its Rencana Aksi 25


def test_another_opd_never_sees_the_indicator(cast, mworld):
    heading_for_a_miss(cast, mworld)
    url = "measurement:warnings"
    html = get(cast, cast.other_operator, url, year=YEAR).content.decode()
    assert "Persentase puskesmas" not in html
    assert "Dinas Kesehatan" not in html
    response = get(cast, cast.other_operator, url, year=YEAR, opd=cast.opd1.code)
    assert response.status_code == 404
    response = get(cast, cast.outsider, url, year=YEAR, opd=cast.opd1.code)
    assert response.status_code == 404


def test_a_pemda_wide_reader_sees_every_opd_and_can_narrow_to_one(cast, mworld):
    heading_for_a_miss(cast, mworld)
    url = "measurement:warnings"
    html = get(cast, cast.viewer, url, year=YEAR).content.decode()
    assert "Persentase puskesmas" in html and "Dinas Kesehatan" in html
    html = get(cast, cast.viewer, url, year=YEAR, opd=cast.opd2.code).content
    assert b"Persentase puskesmas" not in html
    assert b"No indicator is heading for a miss." in html


def test_an_indicator_on_track_is_not_listed(cast, mworld):
    enter(cast, mworld.plan.sasaran_indicator, 1, 20)
    enter(cast, mworld.plan.sasaran_indicator, 2, 40)  # trend → 80 at TW IV, target 50
    html = get(cast, cast.operator, "measurement:warnings", year=YEAR)
    assert b"Persentase puskesmas" not in html.content
    assert b"1 on track" in html.content


def test_a_bad_year_falls_back_to_this_year(cast, mworld):
    response = get(cast, cast.operator, "measurement:late", year="abc")
    assert response.status_code == 200
    assert str(timezone.localdate().year).encode() in response.content


def test_the_late_table_counts_closed_quarters_without_a_submitted_value(cast, mworld):
    late_world(cast, mworld)
    response = get(cast, cast.operator, "measurement:late", year=YEAR)
    table = {u.name: u for u in response.context["table"]}
    assert list(table) == ["Dinas Kesehatan"]  # an OPD user sees their OPD only
    items = {
        (i.measure.indicator.name, i.quarter, i.missing) for i in table["Dinas Kesehatan"].items
    }
    assert items == {
        ("Persentase puskesmas terakreditasi paripurna", 2, False),
        ("Jumlah puskesmas yang dibangun", 1, True),
        ("Jumlah puskesmas yang dibangun", 2, True),
    }
    html = response.content.decode()
    assert "draft never submitted" in html and "<details>" in html


def test_a_reopened_window_is_not_late_until_it_closes_again(cast, mworld):
    late_world(cast, mworld)
    window = QuarterWindow.objects.get(pemda=cast.pemda, plan_year__year=YEAR, quarter=2)
    services.window_reopen(
        actor=cast.bappeda,
        window=window,
        opd=cast.opd1,
        until=timezone.localdate() + dt.timedelta(days=3),
        reason="Data puskesmas terlambat dari Kemenkes",
    )
    response = get(cast, cast.bappeda, "measurement:late", year=YEAR)
    table = {u.name: u for u in response.context["table"]}
    assert [(i.quarter, i.missing) for i in table["Dinas Kesehatan"].items] == [(1, True)]
    # A Pemda-wide reader sees every OPD of the Pemda, and the RPJMD's own indicators.
    assert set(table) == {"Dinas Kesehatan", "Dinas Pendidikan", "Pemda (RPJMD indicators)"}
    assert table["Dinas Pendidikan"].count == 0


def test_the_late_excel_lists_every_late_item(cast, mworld):
    late_world(cast, mworld)
    response = get(cast, cast.verifier, "measurement:late_excel", year=YEAR)
    assert response.status_code == 200
    assert response["Content-Disposition"] == f'attachment; filename="late-data-{YEAR}.xlsx"'
    wb = load_workbook(io.BytesIO(response.content))
    rows = list(wb.worksheets[0].iter_rows(values_only=True))
    assert rows[0][:4] == ("OPD", "Indicator", "Quarter", "Problem")
    assert sorted((r[1], r[2], r[3]) for r in rows[1:]) == [
        ("Jumlah puskesmas yang dibangun", "TW I", "no realisation"),
        ("Jumlah puskesmas yang dibangun", "TW II", "no realisation"),
        ("Persentase puskesmas terakreditasi paripurna", "TW II", "draft never submitted"),
    ]
    assert list(wb.worksheets[1].iter_rows(values_only=True))[1] == ("Dinas Kesehatan", 3)


def test_anonymous_goes_to_login(cast):
    for name in ("measurement:warnings", "measurement:late", "measurement:late_excel"):
        response = cast.client(None).get(reverse(name))
        assert response.status_code == 302 and "/login" in response["Location"]


# --- query pins -------------------------------------------------------------------------------

# Session, user, scope, the readable OPDs, measures() (six), windows (two) or rules and choices.
PINS = {"measurement:warnings": 12, "measurement:late": 12, "measurement:late_excel": 12}


def _grow(cast, mworld, n: int, start: int) -> None:
    """`n` more OPDs, `n` more Renstra indicators with a TW IV realisation, one more reopening."""
    for i in range(start, start + n):
        org_services.unit_create(
            actor=None, parent=cast.pemda, name=f"Dinas {i}", unit_type=UnitType.OPD
        )
        indicator = perf_services.indicator_create(
            actor=None,
            node=mworld.plan.sasaran,
            name=f"Indikator tambahan {i}",
            unit="%",
            targets=targets(10, 20, 30, 40, 50),
        )
        # New OPDs renumber the organisation tree: reload what holds tree positions.
        forget_scope(cast.operator)
        enter(cast, Indicator.objects.select_related("node__opd").get(pk=indicator.pk), 4, 5)
    window = QuarterWindow.objects.get(pemda=cast.pemda, plan_year__year=YEAR, quarter=3)
    services.window_reopen(
        actor=cast.bappeda,
        window=window,
        opd=cast.opd1,
        until=timezone.localdate() + dt.timedelta(days=2 + start),
        reason="Tambahan",
    )


def _count(client, name: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(reverse(name), {"year": YEAR}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize("user", ["admin", "operator"])
def test_pages_run_a_constant_number_of_queries(cast, mworld, user):
    late_world(cast, mworld)
    client = cast.client(getattr(cast, user))
    _grow(cast, mworld, 1, 0)
    small = {name: _count(client, name) for name in PINS}
    _grow(cast, mworld, 6, 1)
    big = {name: _count(client, name) for name in PINS}
    assert small == big == PINS


def test_the_late_table_speaks_indonesian_by_default(cast, mworld):
    late_world(cast, mworld)
    client = cast.client(cast.operator)
    html = client.get(reverse("measurement:late"), {"year": YEAR}).content.decode()
    assert 'lang="id"' in html and "Tampilkan" in html
    excel = client.get(reverse("measurement:late_excel"), {"year": YEAR}).content
    header = next(load_workbook(io.BytesIO(excel)).worksheets[0].iter_rows(values_only=True))
    assert header[:3] == ("OPD", "Indikator", "Triwulan")
