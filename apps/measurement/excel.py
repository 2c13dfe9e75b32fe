"""Excel in and out for measurement: an OPD's realisations of one quarter, and its budget
realisation (realisasi anggaran) per sub kegiatan for a year.

Each workbook is exported from what is stored, so export → import without edits changes nothing.
An import reports per row what will change (old → new) and every error per row and column; it
runs the measurement services (`realisations_save`, `budgets_save`: all-or-nothing) inside a
transaction that the preview rolls back, so the preview and the apply can never disagree.

Headers are Indonesian whatever the UI language (the workbook is a document format). Everything
user-typed goes out through apps.core.excel (formula-injection safe).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _
from openpyxl.utils import get_column_letter

from apps.core.excel import (
    CellError,
    ImportReport,
    RowChange,
    add_sheet,
    cell_text,
    new_workbook,
    read_rows,
    workbook_bytes,
)
from apps.core.templatetags.sakip import format_number
from apps.measurement import selectors, services
from apps.measurement.services import BudgetRow, BulkError, GridRow
from apps.organisations.models import OrgUnit

REALISATION_SHEET = "Realisasi"
BUDGET_SHEET = "Realisasi anggaran"
QUARTER_LABELS = {1: "TW I", 2: "TW II", 3: "TW III", 4: "TW IV"}

# Realisation workbook columns.
C_NUMBER = "No"
C_STATEMENT = "Sasaran / pernyataan kinerja"
C_INDICATOR = "Indikator"
C_UNIT = "Satuan"
C_TARGET = "Target tahunan"
C_QUARTER_TARGET = "Target TW"
C_VALUE = "Realisasi"
C_OBSTACLE = "Kendala"
C_SOLUTION = "Solusi"
C_VERSION = "Versi"
C_CODE = "Kode"

REALISATION_HEADERS = [
    C_NUMBER,
    C_STATEMENT,
    C_INDICATOR,
    C_UNIT,
    C_TARGET,
    C_QUARTER_TARGET,
    C_VALUE,
    C_OBSTACLE,
    C_SOLUTION,
    C_VERSION,
    C_CODE,
]
# Service field → the column the user fixes.
_REALISATION_COLUMNS = {
    "indicator": C_CODE,
    "value": C_VALUE,
    "quarter": C_VALUE,
    "obstacle": C_OBSTACLE,
    "solution": C_SOLUTION,
}

# Budget workbook columns.
C_NOMENCLATURE = "Kode nomenklatur"
C_SUB = "Sub kegiatan"
C_PAGU = "Pagu"


def _amount_header(quarter: int) -> str:
    return f"Realisasi {QUARTER_LABELS[quarter]}"


def _version_header(quarter: int) -> str:
    return f"Versi {QUARTER_LABELS[quarter]}"


def budget_headers() -> list[str]:
    return [
        C_NUMBER,
        C_NOMENCLATURE,
        C_SUB,
        C_PAGU,
        *(_amount_header(q) for q in range(1, 5)),
        *(_version_header(q) for q in range(1, 5)),
        C_CODE,
    ]


def _number(value: Decimal | None) -> Any:
    """A stored decimal as a spreadsheet number (int when whole)."""
    if value is None:
        return None
    value = Decimal(value).normalize()
    return int(value) if value == value.to_integral_value() else float(value)


def _shown(value: Any) -> str:
    if value is None or value == "":
        return "–"
    if isinstance(value, Decimal):
        exponent = value.normalize().as_tuple().exponent
        return format_number(value, max(0, -exponent) if isinstance(exponent, int) else 0)
    return str(value)


def _hide(ws, headers: list[str], names: set[str]) -> None:
    for i, header in enumerate(headers, start=1):
        if header in names:
            ws.column_dimensions[get_column_letter(i)].hidden = True


def _read(content: bytes, report: ImportReport, sheet: str, required: list[str]):
    """The rows of `sheet`, or [] with one clear error when the file is not such a workbook."""
    try:
        rows = read_rows(content, sheet=sheet)
    except KeyError:
        report.errors.append(
            CellError(
                sheet, 1, "", _("The workbook has no sheet named %(sheet)s.") % {"sheet": sheet}
            )
        )
        return []
    except Exception:  # any unreadable upload (a renamed text file, a broken zip) is one message
        report.errors.append(
            CellError(sheet, 1, "", _("This file is not a readable .xlsx workbook."))
        )
        return []
    if rows:
        missing = [h for h in required if h not in rows[0][1]]
        if missing:
            report.errors.append(
                CellError(
                    sheet,
                    1,
                    ", ".join(missing),
                    _("The workbook lacks the column(s) %(names)s; download the template again.")
                    % {"names": ", ".join(missing)},
                )
            )
            return []
    return rows


def _version(cells: dict, report: ImportReport, sheet: str, row: int, column: str) -> int | None:
    """The version the row was downloaded at: 0 when the row did not exist then (so a row
    someone created meanwhile is not overwritten unseen); None without the column (no check)."""
    if column not in cells:
        return None
    text = cell_text(cells[column])
    if not text:
        return 0
    try:
        return int(text)
    except ValueError:
        report.errors.append(
            CellError(sheet, row, column, _("The version must be a whole number; do not edit it."))
        )
        return None


class _Abort(Exception):
    """Raised inside the import transaction to roll it back (a preview, or errors)."""


def _run(apply: bool, body) -> bool:
    """Run `body()` in a transaction; keep it only when `apply` and it raised nothing."""
    try:
        with transaction.atomic():
            body()
            if not apply:
                raise _Abort
    except _Abort:
        return False
    return True


# --- realisations -----------------------------------------------------------------------------


def _quarter_measures(*, opd: OrgUnit, year: int, quarter: int) -> list[selectors.Measure]:
    return [m for m in selectors.opd_measures(opd=opd, year=year) if quarter in m.quarters]


def realisation_workbook(*, opd: OrgUnit, year: int, quarter: int) -> bytes:
    """The OPD's indicators measured in the quarter, with what is stored, ready to fill."""
    rows = []
    for number, m in enumerate(_quarter_measures(opd=opd, year=year, quarter=quarter), start=1):
        stored = m.realisations.get(quarter)
        quarter_target = m.quarter_target(quarter)
        rows.append(
            [
                number,
                m.node.statement,
                m.indicator.name,
                m.indicator.unit,
                m.target_text or _number(m.target),
                quarter_target if isinstance(quarter_target, str) else _number(quarter_target),
                (stored.text_value or _number(stored.value)) if stored else None,
                stored.obstacle if stored else "",
                stored.solution if stored else "",
                stored.version if stored else None,
                m.code,
            ]
        )
    wb = new_workbook()
    ws = add_sheet(
        wb,
        REALISATION_SHEET,
        REALISATION_HEADERS,
        rows,
        widths=[6, 50, 45, 12, 14, 12, 14, 40, 40, 8, 38],
    )
    _hide(ws, REALISATION_HEADERS, {C_CODE, C_VERSION})
    return workbook_bytes(wb)


def realisation_import(
    *,
    actor,
    opd: OrgUnit,
    year: int,
    quarter: int,
    content: bytes,
    apply: bool,
    today: dt.date | None = None,
) -> ImportReport:
    """Check (and with `apply`, save) a filled realisation workbook. All-or-nothing."""
    report = ImportReport()
    sheet = REALISATION_SHEET
    raw_rows = _read(content, report, sheet, [C_VALUE, C_CODE])
    measured = {m.code: m for m in _quarter_measures(opd=opd, year=year, quarter=quarter)}
    grid: list[GridRow] = []
    for number, cells in raw_rows:
        code = cell_text(cells.get(C_CODE))
        version = _version(cells, report, sheet, number, C_VERSION)
        grid.append(
            GridRow(
                row=number,
                indicator=code,
                value=cells.get(C_VALUE),
                obstacle=cell_text(cells.get(C_OBSTACLE)),
                solution=cell_text(cells.get(C_SOLUTION)),
                version=version,
            )
        )
    if not grid and not report.errors:
        report.errors.append(CellError(sheet, 1, "", _("The workbook has no rows.")))
    if report.errors:
        return report

    def body() -> None:
        try:
            saved = services.realisations_save(
                actor=actor,
                pemda_id=opd.pemda_id,
                year=year,
                quarter=quarter,
                rows=grid,
                opd=opd,
                today=today,
            )
        except BulkError as exc:
            for row, name, message in exc.errors:
                report.errors.append(
                    CellError(sheet, row, _REALISATION_COLUMNS.get(name, C_VALUE), message)
                )
            raise _Abort from exc
        after = {r.indicator_id: r for r in saved}
        for g in grid:
            m = measured.get(g.indicator)
            if m is None:
                continue
            report.rows.append(_realisation_change(sheet, g.row, m, quarter, after))

    report.applied = _run(apply, body)
    return report


def _realisation_change(sheet, row, m: selectors.Measure, quarter: int, after) -> RowChange:
    old = m.realisations.get(quarter)
    new = after.get(m.indicator.pk)
    label = m.indicator.name
    if new is None:
        return RowChange(sheet, row, "same", label)
    fields = (
        (C_VALUE, lambda r: r.text_value or r.value),
        (C_OBSTACLE, lambda r: r.obstacle),
        (C_SOLUTION, lambda r: r.solution),
    )
    changes = [
        f"{name}: {_shown(get(old) if old else None)} → {_shown(get(new))}"
        for name, get in fields
        if old is None or get(old) != get(new)
    ]
    changes = [c for c in changes if not c.endswith("– → –")]
    if old is None:
        return RowChange(sheet, row, "create", label, changes)
    return RowChange(sheet, row, "change" if changes else "same", label, changes)


# --- budget realisation -----------------------------------------------------------------------


def budget_workbook(*, grid: list) -> bytes:
    """The budget grid of apps.measurement.views.budget (one row per sub kegiatan)."""
    headers = budget_headers()
    rows = []
    for number, line in enumerate(grid, start=1):
        rows.append(
            [
                number,
                line.nomenclature,
                line.node.statement,
                _number(line.pagu),
                *(_number(line.cells[q].amount) for q in range(1, 5)),
                *(line.cells[q].version for q in range(1, 5)),
                str(line.node.code),
            ]
        )
    wb = new_workbook()
    ws = add_sheet(
        wb, BUDGET_SHEET, headers, rows, widths=[6, 22, 60, 18, 18, 18, 18, 18, 8, 8, 8, 8, 38]
    )
    _hide(ws, headers, {C_CODE, *(_version_header(q) for q in range(1, 5))})
    return workbook_bytes(wb)


def budget_import(
    *, actor, opd: OrgUnit, year: int, grid: list, content: bytes, apply: bool
) -> ImportReport:
    """Check (and with `apply`, save) a filled budget workbook. All-or-nothing. `grid` is the
    page's current grid (what is stored), for the old → new preview."""
    report = ImportReport()
    sheet = BUDGET_SHEET
    raw_rows = _read(content, report, sheet, [C_CODE, *(_amount_header(q) for q in range(1, 5))])
    by_code = {str(line.node.code): line for line in grid}
    cells: list[tuple[int, int]] = []  # index → (sheet row, quarter): BudgetRow.row is the index
    budget_rows: list[BudgetRow] = []
    for number, values in raw_rows:
        code = cell_text(values.get(C_CODE))
        for q in range(1, 5):
            column = _version_header(q)
            version = _version(values, report, sheet, number, column)
            cells.append((number, q))
            budget_rows.append(
                BudgetRow(
                    row=len(cells) - 1,
                    node=code,
                    quarter=q,
                    amount=values.get(_amount_header(q)),
                    version=version,
                )
            )
    if not budget_rows and not report.errors:
        report.errors.append(CellError(sheet, 1, "", _("The workbook has no rows.")))
    if report.errors:
        return report

    def body() -> None:
        try:
            saved = services.budgets_save(actor=actor, opd=opd, year=year, rows=budget_rows)
        except BulkError as exc:
            for index, name, message in exc.errors:
                number, q = cells[index]
                column = C_CODE if name == "node" else _amount_header(q)
                error = CellError(sheet, number, column, message)
                if error not in report.errors:  # an unknown code is reported once per row
                    report.errors.append(error)
            raise _Abort from exc
        after = {(r.node_id, r.quarter): r.amount for r in saved}
        for number, values in raw_rows:
            line = by_code.get(cell_text(values.get(C_CODE)))
            if line is None:
                continue
            changes = []
            for q in range(1, 5):
                old = line.cells[q].amount
                new = after.get((line.node.pk, q), old)
                if new != old:
                    changes.append(f"{QUARTER_LABELS[q]}: {_shown(old)} → {_shown(new)}")
            report.rows.append(
                RowChange(
                    sheet, number, "change" if changes else "same", line.node.statement, changes
                )
            )

    report.applied = _run(apply, body)
    return report


__all__ = [
    "BUDGET_SHEET",
    "REALISATION_SHEET",
    "budget_headers",
    "budget_import",
    "budget_workbook",
    "realisation_import",
    "realisation_workbook",
]
