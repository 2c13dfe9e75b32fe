"""The budget part's pages: the realisation import (download, upload → preview → apply, kept in
the session between the two), budget realisation (grid and import), the entry windows with
their reopenings, the measurement settings, and the query pins of the budget page."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from apps.measurement import excel, selectors, services
from apps.measurement.models import (
    BudgetRealisation,
    MeasurementSettings,
    Realisation,
    WindowReopening,
)
from apps.organisations.models import QuarterWindow
from apps.performance.models import Node, NodeLevel, RenjaLine
from apps.planning.models import NomenclatureItem
from tests.measurement.conftest import YEAR, close_window

pytestmark = pytest.mark.django_db

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def client_for(user) -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(user)
    return client


def _upload(content: bytes, name: str = "isi.xlsx") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type=XLSX)


def _fill(content: bytes, sheet: str, edits: dict[tuple[int, str], object]) -> bytes:
    wb = load_workbook(io.BytesIO(content))
    ws = wb[sheet]
    headers = [c.value for c in ws[1]]
    for (row, header), value in edits.items():
        ws.cell(row=row, column=headers.index(header) + 1, value=value)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _q1(cast):
    return [m for m in selectors.opd_measures(opd=cast.opd1, year=YEAR) if 1 in m.quarters]


# --- realisation import -----------------------------------------------------------------------


def test_download_fill_upload_preview_and_apply(cast, mworld):
    client = client_for(cast.operator)
    measure = _q1(cast)[0]
    template = client.get(reverse("measurement:import_template", args=[cast.opd1.code, YEAR, 1]))
    assert template.status_code == 200
    assert template["Content-Type"] == XLSX
    assert "attachment" in template["Content-Disposition"]
    filled = _fill(template.content, excel.REALISATION_SHEET, {(2, "Realisasi"): 9})

    url = reverse("measurement:import_upload", args=[cast.opd1.code, YEAR, 1])
    assert client.get(url).status_code == 200
    preview = client.post(url, {"file": _upload(filled)})
    assert preview.status_code == 200
    html = preview.content.decode()
    assert "Realisasi: – → 9" in html
    assert 'id="apply-import"' in html
    assert not Realisation.objects.exists()  # the preview stores nothing

    token = preview.context["token"]
    applied = client.post(url, {"token": token})
    assert applied.status_code == 302
    assert applied["Location"] == reverse("measurement:grid", args=[cast.opd1.code, YEAR, 1])
    row = Realisation.objects.get()
    assert (row.indicator, row.value, row.entered_by) == (
        measure.indicator,
        Decimal("9"),
        cast.operator,
    )
    # The token is used up: applying again asks for a new upload and stores nothing twice.
    again = client.post(url, {"token": token})
    assert again.status_code == 302 and again["Location"] == url
    assert Realisation.objects.get().version == 1


def test_a_bad_workbook_shows_every_error_and_no_apply_button(cast, mworld):
    client = client_for(cast.operator)
    url = reverse("measurement:import_upload", args=[cast.opd1.code, YEAR, 1])
    content = excel.realisation_workbook(opd=cast.opd1, year=YEAR, quarter=1)
    filled = _fill(content, excel.REALISATION_SHEET, {(2, "Realisasi"): 4, (3, "Realisasi"): "x"})
    response = client.post(url, {"file": _upload(filled)})
    html = response.content.decode()
    assert 'id="import-errors"' in html
    assert "The realisation must be a number" in html
    assert 'id="apply-import"' not in html
    assert response.context["token"] == ""
    # A forged apply without a previewed file stores nothing.
    assert client.post(url, {"token": "forged"}).status_code == 302
    assert not Realisation.objects.exists()


def test_a_text_file_named_xlsx_and_a_wrong_extension_get_clear_messages(cast, mworld):
    client = client_for(cast.operator)
    url = reverse("measurement:import_upload", args=[cast.opd1.code, YEAR, 1])
    fake = client.post(url, {"file": _upload(b"Kode;Realisasi\nabc;1\n")})
    assert "This file is not a readable .xlsx workbook." in fake.content.decode()
    csv = client.post(url, {"file": _upload(b"a,b\n", name="isi.csv")})
    assert "Upload an .xlsx workbook." in csv.content.decode()
    assert not Realisation.objects.exists()


def test_a_closed_window_refuses_the_whole_workbook(cast, mworld):
    close_window(cast.pemda, 1)
    client = client_for(cast.operator)
    url = reverse("measurement:import_upload", args=[cast.opd1.code, YEAR, 1])
    content = excel.realisation_workbook(opd=cast.opd1, year=YEAR, quarter=1)
    filled = _fill(content, excel.REALISATION_SHEET, {(2, "Realisasi"): 4})
    html = client.post(url, {"file": _upload(filled)}).content.decode()
    assert "closed on" in html
    assert not Realisation.objects.exists()


def test_import_access(cast, mworld):
    url = reverse("measurement:import_upload", args=[cast.opd1.code, YEAR, 1])
    assert client_for(cast.other_operator).get(url).status_code == 404
    assert client_for(cast.viewer).get(url).status_code == 403
    assert client_for(cast.bappeda).post(url, {"token": "x"}).status_code == 403
    assert Client().get(url).status_code == 302
    bad_quarter = reverse("measurement:import_template", args=[cast.opd1.code, YEAR, 5])
    assert client_for(cast.operator).get(bad_quarter).status_code == 404


# --- budget realisation -----------------------------------------------------------------------


def _budget_url(cast) -> str:
    return reverse("measurement:budget", args=[cast.opd1.code, YEAR])


def test_the_budget_grid_saves_all_cells_and_shows_total_and_absorption(cast, mworld):
    sub = mworld.plan.sub
    client = client_for(cast.operator)
    page = client.get(_budget_url(cast))
    html = page.content.decode()
    assert "Rp 2.000.000.000" in html  # the pagu of the current Renja 2026
    assert f'name="amount-{sub.code}-1"' in html
    response = client.post(
        _budget_url(cast),
        {f"amount-{sub.code}-1": "500.000.000", f"amount-{sub.code}-2": "300000000"},
    )
    assert response.status_code == 302
    amounts = dict(BudgetRealisation.objects.filter(node=sub).values_list("quarter", "amount"))
    assert amounts == {1: Decimal("500000000"), 2: Decimal("300000000")}
    page = client.get(_budget_url(cast))
    line = page.context["grid"][0]
    assert line.total == Decimal("800000000")
    assert line.absorption == Decimal("40.00")
    assert "40,00" in page.content.decode()
    assert "Rp 800.000.000" in page.content.decode()


def test_a_negative_amount_refuses_the_whole_grid(cast, mworld):
    sub = mworld.plan.sub
    response = client_for(cast.operator).post(
        _budget_url(cast), {f"amount-{sub.code}-1": "100", f"amount-{sub.code}-2": "-5"}
    )
    assert response.status_code == 400
    assert "An amount cannot be negative." in response.content.decode()
    assert 'value="-5"' in response.content.decode()  # what the user typed stays
    assert not BudgetRealisation.objects.exists()


def test_a_stale_budget_cell_shows_the_other_persons_amount(cast, mworld):
    sub = mworld.plan.sub
    services.budget_save(actor=cast.operator, node=sub, year=YEAR, quarter=1, amount="100")
    services.budget_save(
        actor=cast.verifier, node=sub, year=YEAR, quarter=1, amount="250", expected_version=1
    )
    response = client_for(cast.operator).post(
        _budget_url(cast), {f"amount-{sub.code}-1": "120", f"version-{sub.code}-1": "1"}
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert "Someone else saved this row meanwhile" in html
    assert "Stored now:" in html and "Rp 250" in html
    assert BudgetRealisation.objects.get().amount == Decimal("250")


def test_budget_access(cast, mworld):
    sub = mworld.plan.sub
    data = {f"amount-{sub.code}-1": "100"}
    assert client_for(cast.viewer).get(_budget_url(cast)).status_code == 200
    assert 'name="amount-' not in client_for(cast.viewer).get(_budget_url(cast)).content.decode()
    assert client_for(cast.viewer).post(_budget_url(cast), data).status_code == 403
    assert client_for(cast.bappeda).post(_budget_url(cast), data).status_code == 403
    assert client_for(cast.other_operator).get(_budget_url(cast)).status_code == 404
    assert client_for(cast.outsider).get(_budget_url(cast)).status_code == 404
    assert Client().get(_budget_url(cast)).status_code == 302
    assert not BudgetRealisation.objects.exists()


def test_the_budget_workbook_through_the_pages(cast, mworld):
    sub = mworld.plan.sub
    client = client_for(cast.verifier)
    template = client.get(reverse("measurement:budget_template", args=[cast.opd1.code, YEAR]))
    assert template.status_code == 200 and template["Content-Type"] == XLSX
    filled = _fill(template.content, excel.BUDGET_SHEET, {(2, "Realisasi TW III"): 75000000})
    url = reverse("measurement:budget_import", args=[cast.opd1.code, YEAR])
    preview = client.post(url, {"file": _upload(filled)})
    assert "TW III: – → 75.000.000" in preview.content.decode()
    assert not BudgetRealisation.objects.exists()
    assert client.post(url, {"token": preview.context["token"]}).status_code == 302
    assert BudgetRealisation.objects.get().amount == Decimal("75000000")
    assert BudgetRealisation.objects.get().node == sub


def _grow_budget(cast, mworld, n: int) -> None:
    """`n` more sub kegiatan under the world's kegiatan, each with a pagu and two quarters."""
    plan = mworld.plan
    item = NomenclatureItem.objects.get(code="1.02.02.2.01.0009")
    renja_line = RenjaLine.objects.filter(node=plan.sub, renja__year=YEAR).get()
    for i in range(n):
        node = Node.objects.create(
            pemda=cast.pemda,
            renstra=plan.renstra,
            parent=plan.kegiatan,
            node_level=NodeLevel.SUBKEGIATAN,
            statement=f"Rehabilitasi Puskesmas {i}",
            opd=cast.opd1,
            owner_unit=cast.opd1,
            nomenclature=item,
        )
        RenjaLine.objects.create(
            pemda=cast.pemda, renja=renja_line.renja, node=node, pagu=Decimal(1000 + i)
        )
        for q in (1, 2):
            services.budget_save(actor=cast.operator, node=node, year=YEAR, quarter=q, amount=q)


def _count(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_the_budget_page_runs_a_constant_number_of_queries(cast, mworld):
    client = client_for(cast.operator)
    client.get(_budget_url(cast))  # warm the session
    _grow_budget(cast, mworld, 2)
    small = _count(client, _budget_url(cast))
    _grow_budget(cast, mworld, 8)
    large = _count(client, _budget_url(cast))
    assert len(client.get(_budget_url(cast)).context["grid"]) == 11
    assert small == large == 7  # session, user and scope, the OPD, nodes, pagu, amounts


# --- windows ----------------------------------------------------------------------------------


def test_bappeda_sees_the_windows_and_reopens_a_quarter(cast, mworld):
    close_window(cast.pemda, 1)
    client = client_for(cast.bappeda)
    url = reverse("measurement:windows")
    page = client.get(url, {"year": YEAR})
    assert page.status_code == 200
    assert len(page.context["windows"]) == 4
    assert "closed" in page.content.decode()
    until = timezone.localdate() + dt.timedelta(days=4)
    response = client.post(
        reverse("measurement:window_reopen"),
        {
            "year": YEAR,
            "opd": str(cast.opd1.code),
            "quarter": 1,
            "until": until.isoformat(),
            "reason": "Listrik padam",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == f"{url}?year={YEAR}"
    row = WindowReopening.objects.get()
    assert (row.opd, row.window.quarter, row.until, row.reopened_by) == (
        cast.opd1,
        1,
        until,
        cast.bappeda,
    )
    assert selectors.windows(pemda_id=cast.pemda.pk, year=YEAR, unit_id=cast.opd1.pk)[1].is_open
    assert "Listrik padam" in client.get(url, {"year": YEAR}).content.decode()


def test_a_reopening_with_a_past_date_or_no_reason_is_refused(cast, mworld):
    client = client_for(cast.admin)
    past = (timezone.localdate() - dt.timedelta(days=1)).isoformat()
    data = {"year": YEAR, "opd": str(cast.opd1.code), "quarter": 2, "until": past, "reason": "x"}
    response = client.post(reverse("measurement:window_reopen"), data)
    assert response.status_code == 400
    assert "The date must not be in the past." in response.content.decode()
    data.update(until=timezone.localdate().isoformat(), reason="  ")
    response = client.post(reverse("measurement:window_reopen"), data)
    assert response.status_code == 400
    assert not WindowReopening.objects.exists()


def test_only_planners_reach_the_windows(cast, mworld):
    for user in (cast.operator, cast.viewer, cast.evaluator, cast.outsider):
        assert client_for(user).get(reverse("measurement:windows")).status_code == 403
    assert Client().get(reverse("measurement:windows")).status_code == 302


def test_the_windows_page_runs_a_constant_number_of_queries(cast, mworld):
    client = client_for(cast.bappeda)
    url = reverse("measurement:windows") + f"?year={YEAR}"
    client.get(url)
    until = timezone.localdate() + dt.timedelta(days=2)
    windows = {
        w.quarter: w for w in QuarterWindow.objects.filter(pemda=cast.pemda, plan_year__year=YEAR)
    }

    def reopen(n):
        for i in range(n):
            services.window_reopen(
                actor=cast.bappeda,
                window=windows[i % 4 + 1],
                opd=cast.opd1 if i % 2 else cast.opd2,
                until=until,
                reason=f"alasan {i}",
            )

    reopen(1)
    small = _count(client, url)
    reopen(6)
    assert _count(client, url) == small == 6  # session, user and scope, windows, reopenings, OPDs


# --- settings ---------------------------------------------------------------------------------


def test_bappeda_changes_the_settings_with_versions(cast, mworld):
    client = client_for(cast.bappeda)
    url = reverse("measurement:settings")
    page = client.get(url)
    assert page.status_code == 200
    data = {
        "version": 1,
        "negative_formula": "inverse",
        "index_cap": "120",
        "range_penalty": "0,5",
        "reminder_days": "3",
    }
    assert client.post(url, data).status_code == 302
    row = MeasurementSettings.objects.get(pemda=cast.pemda)
    assert (row.negative_formula, row.index_cap, row.range_penalty, row.reminder_days) == (
        "inverse",
        120,
        Decimal("0.50"),
        3,
    )
    assert selectors.rules_for(cast.pemda.pk).cap == Decimal(120)
    # The admin changes it meanwhile: Bappeda's edit from version 1 is stale.
    services.settings_update(
        actor=cast.admin, pemda=cast.pemda, data={"reminder_days": 10}, expected_version=1
    )
    stale = client.post(url, {**data, "version": 1, "reminder_days": "4"})
    assert stale.status_code == 400
    assert stale.context["form"].is_stale
    assert "Saved by the other person:" in stale.content.decode()
    assert MeasurementSettings.objects.get().reminder_days == 10


def test_bad_settings_are_refused(cast, mworld):
    client = client_for(cast.admin)
    url = reverse("measurement:settings")
    base = {"version": 1, "negative_formula": "default", "range_penalty": "1", "reminder_days": 7}
    low_cap = client.post(url, {**base, "index_cap": "90"})
    assert low_cap.status_code == 400
    assert "A cap below 100 would punish meeting the target." in low_cap.content.decode()
    negative = client.post(url, {**base, "index_cap": "", "range_penalty": "-1"})
    assert negative.status_code == 400
    assert "Enter zero or a positive number." in negative.content.decode()
    assert not MeasurementSettings.objects.exists()


def test_only_planners_reach_the_settings(cast, mworld):
    url = reverse("measurement:settings")
    for user in (cast.operator, cast.verifier, cast.viewer, cast.lead, cast.outsider):
        assert client_for(user).get(url).status_code == 403
        assert client_for(user).post(url, {"reminder_days": 1}).status_code == 403
    assert not MeasurementSettings.objects.exists()


def test_a_budget_cell_entered_by_someone_else_after_loading_is_not_overwritten(cast, mworld):
    sub = mworld.plan.sub
    client = client_for(cast.operator)
    page = client.get(_budget_url(cast)).content.decode()
    assert f'name="version-{sub.code}-1" value="0"' in page
    services.budget_save(actor=cast.verifier, node=sub, year=YEAR, quarter=1, amount="250")
    response = client.post(
        _budget_url(cast), {f"amount-{sub.code}-1": "120", f"version-{sub.code}-1": "0"}
    )
    assert response.status_code == 400
    assert BudgetRealisation.objects.get().amount == Decimal("250")


def test_years_are_unlocalised_in_indonesian(cast, mworld):
    client = Client(HTTP_ACCEPT_LANGUAGE="id")
    client.force_login(cast.operator)
    html = client.get(_budget_url(cast)).content.decode()
    assert f"{cast.opd1.name} 2026" in html
    assert "2.026" not in html
    client.force_login(cast.bappeda)
    html = client.get(reverse("measurement:windows"), {"year": YEAR}).content.decode()
    assert 'value="2026"' in html and "2.026" not in html
