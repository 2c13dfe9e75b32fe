"""The measurement workbooks (apps.measurement.excel): the realisation workbook of a quarter and
the budget workbook, read back by their imports. Real .xlsx files, the real services, the real
database: an import previews (rolled back) and applies all-or-nothing."""

from __future__ import annotations

import io
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from apps.measurement import excel, selectors, services
from apps.measurement.models import BudgetRealisation, Realisation
from apps.measurement.views.budget import budget_grid
from tests.measurement.conftest import YEAR

pytestmark = pytest.mark.django_db


def _sheet(content: bytes, name: str):
    return load_workbook(io.BytesIO(content))[name]


def _fill(content: bytes, name: str, edits: dict[tuple[int, str], object]) -> bytes:
    """Set cells by (row, header) in a downloaded workbook and return the new bytes."""
    wb = load_workbook(io.BytesIO(content))
    ws = wb[name]
    headers = [c.value for c in ws[1]]
    for (row, header), value in edits.items():
        ws.cell(row=row, column=headers.index(header) + 1, value=value)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _q1(cast):
    return [m for m in selectors.opd_measures(opd=cast.opd1, year=YEAR) if 1 in m.quarters]


def _realisations(cast) -> list:
    return list(Realisation.objects.filter(opd=cast.opd1, year=YEAR).values_list("value", flat=1))


# --- the realisation workbook ------------------------------------------------------------------


def test_the_workbook_lists_the_quarters_indicators_with_the_code_last_and_hidden(cast, mworld):
    measures = _q1(cast)
    assert measures, "the world measures indicators in TW I"
    content = excel.realisation_workbook(opd=cast.opd1, year=YEAR, quarter=1)
    ws = _sheet(content, excel.REALISATION_SHEET)
    headers = [c.value for c in ws[1]]
    assert headers == excel.REALISATION_HEADERS
    assert headers[-1] == "Kode"
    assert ws.column_dimensions["K"].hidden is True
    rows = list(ws.iter_rows(min_row=2, values_only=True))
    assert [r[-1] for r in rows] == [m.code for m in measures]
    assert [r[2] for r in rows] == [m.indicator.name for m in measures]
    assert all(r[6] is None for r in rows)  # nothing entered yet


def test_user_text_cannot_become_a_formula_and_comes_back_unchanged(cast, mworld):
    m = _q1(cast)[0]
    services.realisation_save(
        actor=cast.operator,
        indicator=m.indicator,
        year=YEAR,
        quarter=1,
        value="10",
        obstacle='=HYPERLINK("http://evil.example","klik")',
    )
    content = excel.realisation_workbook(opd=cast.opd1, year=YEAR, quarter=1)
    ws = _sheet(content, excel.REALISATION_SHEET)
    cell = ws.cell(row=2, column=excel.REALISATION_HEADERS.index("Kendala") + 1)
    assert cell.value.startswith("'=")
    assert cell.data_type == "s"
    report = excel.realisation_import(
        actor=cast.operator, opd=cast.opd1, year=YEAR, quarter=1, content=content, apply=True
    )
    assert report.errors == []
    assert not report.has_changes  # export → import without edits changes nothing
    row = Realisation.objects.get(indicator=m.indicator, year=YEAR, quarter=1)
    assert row.obstacle == '=HYPERLINK("http://evil.example","klik")'
    assert row.version == 1


def test_the_preview_shows_old_and_new_and_stores_nothing_then_apply_stores_all(cast, mworld):
    measures = _q1(cast)
    services.realisation_save(
        actor=cast.operator, indicator=measures[0].indicator, year=YEAR, quarter=1, value="10"
    )
    content = excel.realisation_workbook(opd=cast.opd1, year=YEAR, quarter=1)
    edits = {(2, "Realisasi"): 12, (2, "Solusi"): "Rapat koordinasi"}
    if len(measures) > 1:
        edits[(3, "Realisasi")] = "7,5"
    filled = _fill(content, excel.REALISATION_SHEET, edits)

    preview = excel.realisation_import(
        actor=cast.operator, opd=cast.opd1, year=YEAR, quarter=1, content=filled, apply=False
    )
    assert preview.errors == []
    assert not preview.applied
    first = preview.rows[0]
    assert first.action == "change"
    assert "Realisasi: 10 → 12" in first.changes
    assert "Solusi: – → Rapat koordinasi" in first.changes
    if len(measures) > 1:
        assert preview.rows[1].action == "create"
        assert "Realisasi: – → 7,5" in preview.rows[1].changes
    assert _realisations(cast) == [Decimal("10")]  # the preview changed nothing

    applied = excel.realisation_import(
        actor=cast.operator, opd=cast.opd1, year=YEAR, quarter=1, content=filled, apply=True
    )
    assert applied.applied and applied.errors == []
    row = Realisation.objects.get(indicator=measures[0].indicator, year=YEAR, quarter=1)
    assert row.value == Decimal("12")
    assert row.solution == "Rapat koordinasi"
    assert row.version == 2


def test_a_non_numeric_value_is_an_error_on_its_row_and_nothing_is_stored(cast, mworld):
    measures = _q1(cast)
    assert len(measures) >= 2, "two indicators: one good row, one bad"
    content = excel.realisation_workbook(opd=cast.opd1, year=YEAR, quarter=1)
    filled = _fill(
        content,
        excel.REALISATION_SHEET,
        {(2, "Realisasi"): 5, (3, "Realisasi"): "banyak sekali"},
    )
    report = excel.realisation_import(
        actor=cast.operator, opd=cast.opd1, year=YEAR, quarter=1, content=filled, apply=True
    )
    assert not report.applied
    assert [(e.row, e.column) for e in report.errors] == [(3, "Realisasi")]
    assert "must be a number" in report.errors[0].message
    assert _realisations(cast) == []  # the good row was not stored either


def test_an_unknown_code_and_a_bad_version_are_reported_per_cell(cast, mworld):
    content = excel.realisation_workbook(opd=cast.opd1, year=YEAR, quarter=1)
    filled = _fill(
        content,
        excel.REALISATION_SHEET,
        {(2, "Kode"): "not-a-code", (2, "Realisasi"): 3, (3, "Versi"): "dua"},
    )
    report = excel.realisation_import(
        actor=cast.operator, opd=cast.opd1, year=YEAR, quarter=1, content=filled, apply=True
    )
    assert (3, "Versi") in [(e.row, e.column) for e in report.errors]
    assert not report.applied
    fixed = _fill(
        content, excel.REALISATION_SHEET, {(2, "Kode"): "not-a-code", (2, "Realisasi"): 3}
    )
    report = excel.realisation_import(
        actor=cast.operator, opd=cast.opd1, year=YEAR, quarter=1, content=fixed, apply=True
    )
    assert [(e.row, e.column) for e in report.errors] == [(2, "Kode")]
    assert "Unknown indicator" in report.errors[0].message
    assert _realisations(cast) == []


def test_a_text_file_named_xlsx_is_one_clear_error(cast, mworld):
    report = excel.realisation_import(
        actor=cast.operator,
        opd=cast.opd1,
        year=YEAR,
        quarter=1,
        content=b"No;Indikator;Realisasi\n1;AHH;71\n",
        apply=True,
    )
    assert [e.message for e in report.errors] == ["This file is not a readable .xlsx workbook."]
    assert not report.applied


def test_a_stale_version_in_the_workbook_is_refused(cast, mworld):
    m = _q1(cast)[0]
    services.realisation_save(
        actor=cast.operator, indicator=m.indicator, year=YEAR, quarter=1, value="10"
    )
    content = excel.realisation_workbook(opd=cast.opd1, year=YEAR, quarter=1)  # version 1
    services.realisation_save(
        actor=cast.verifier, indicator=m.indicator, year=YEAR, quarter=1, value="11"
    )
    filled = _fill(content, excel.REALISATION_SHEET, {(2, "Realisasi"): 14})
    report = excel.realisation_import(
        actor=cast.operator, opd=cast.opd1, year=YEAR, quarter=1, content=filled, apply=True
    )
    assert not report.applied
    assert report.errors[0].row == 2
    assert "Someone else saved this row meanwhile" in report.errors[0].message
    assert Realisation.objects.get(indicator=m.indicator, quarter=1).value == Decimal("11")


# --- the budget workbook ----------------------------------------------------------------------


def test_the_budget_workbook_round_trips_and_imports_all_or_nothing(cast, mworld):
    sub = mworld.plan.sub
    grid = budget_grid(cast.operator, cast.opd1, YEAR)
    assert [line.node for line in grid] == [sub]
    assert grid[0].pagu == Decimal("2000000000")
    content = excel.budget_workbook(grid=grid)
    ws = _sheet(content, excel.BUDGET_SHEET)
    headers = [c.value for c in ws[1]]
    assert headers == excel.budget_headers()
    assert headers[-1] == "Kode"
    assert ws.cell(row=2, column=4).value == 2000000000  # pagu as a number

    same = excel.budget_import(
        actor=cast.operator, opd=cast.opd1, year=YEAR, grid=grid, content=content, apply=True
    )
    assert same.errors == [] and not same.has_changes

    filled = _fill(
        content, excel.BUDGET_SHEET, {(2, "Realisasi TW I"): 500000000, (2, "Realisasi TW II"): -1}
    )
    refused = excel.budget_import(
        actor=cast.operator, opd=cast.opd1, year=YEAR, grid=grid, content=filled, apply=True
    )
    assert [(e.row, e.column) for e in refused.errors] == [(2, "Realisasi TW II")]
    assert "cannot be negative" in refused.errors[0].message
    assert not BudgetRealisation.objects.exists()

    filled = _fill(content, excel.BUDGET_SHEET, {(2, "Realisasi TW I"): "500.000.000"})
    preview = excel.budget_import(
        actor=cast.operator, opd=cast.opd1, year=YEAR, grid=grid, content=filled, apply=False
    )
    assert preview.rows[0].changes == ["TW I: – → 500.000.000"]
    assert not BudgetRealisation.objects.exists()
    applied = excel.budget_import(
        actor=cast.operator, opd=cast.opd1, year=YEAR, grid=grid, content=filled, apply=True
    )
    assert applied.applied
    stored = BudgetRealisation.objects.get()
    assert (stored.node, stored.quarter, stored.amount) == (sub, 1, Decimal("500000000"))


def test_a_budget_workbook_with_a_stale_version_or_a_text_file_changes_nothing(cast, mworld):
    sub = mworld.plan.sub
    services.budget_save(actor=cast.operator, node=sub, year=YEAR, quarter=1, amount="100")
    grid = budget_grid(cast.operator, cast.opd1, YEAR)
    content = excel.budget_workbook(grid=grid)
    services.budget_save(
        actor=cast.verifier, node=sub, year=YEAR, quarter=1, amount="200", expected_version=1
    )
    filled = _fill(content, excel.BUDGET_SHEET, {(2, "Realisasi TW I"): 300})
    report = excel.budget_import(
        actor=cast.operator, opd=cast.opd1, year=YEAR, grid=grid, content=filled, apply=True
    )
    assert [(e.row, e.column) for e in report.errors] == [(2, "Realisasi TW I")]
    assert BudgetRealisation.objects.get().amount == Decimal("200")
    junk = excel.budget_import(
        actor=cast.operator, opd=cast.opd1, year=YEAR, grid=grid, content=b"hello", apply=True
    )
    assert [e.message for e in junk.errors] == ["This file is not a readable .xlsx workbook."]


def test_a_row_someone_entered_after_the_download_is_not_overwritten_unseen(cast, mworld):
    m = _q1(cast)[0]
    content = excel.realisation_workbook(opd=cast.opd1, year=YEAR, quarter=1)  # empty: version 0
    services.realisation_save(
        actor=cast.verifier, indicator=m.indicator, year=YEAR, quarter=1, value="11"
    )
    filled = _fill(content, excel.REALISATION_SHEET, {(2, "Realisasi"): 14})
    report = excel.realisation_import(
        actor=cast.operator, opd=cast.opd1, year=YEAR, quarter=1, content=filled, apply=True
    )
    assert [(e.row, e.column) for e in report.errors] == [(2, "Realisasi")]
    assert "now 11" in report.errors[0].message
    assert Realisation.objects.get(indicator=m.indicator, quarter=1).value == Decimal("11")
