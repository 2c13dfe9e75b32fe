"""Excel helpers over openpyxl: formula-injection-safe writing, and reading uploads with per-cell
errors. Every export and import of the project goes through here."""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter

# A cell starting with one of these is read as a formula (or DDE) by spreadsheet programs.
_FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r", "|", "%")


def safe_value(value: Any) -> Any:
    """User text that looks like a formula becomes plain text (a leading apostrophe)."""
    if isinstance(value, str) and value.startswith(_FORMULA_PREFIXES):
        return "'" + value
    return value


def add_sheet(
    wb: Workbook,
    title: str,
    headers: Sequence[str],
    rows: Iterable[Sequence[Any]],
    *,
    widths: Sequence[int] | None = None,
):
    ws = wb.create_sheet(title=title[:31])
    ws.append([str(h) for h in headers])
    for cell in ws[1]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="DDE6F0")
    for row in rows:
        ws.append([safe_value(v) for v in row])
    ws.freeze_panes = "A2"
    for i, _header in enumerate(headers, start=1):
        width = widths[i - 1] if widths and i - 1 < len(widths) else 20
        ws.column_dimensions[get_column_letter(i)].width = width
    return ws


def new_workbook() -> Workbook:
    wb = Workbook()
    wb.remove(wb.active)
    return wb


def workbook_bytes(wb: Workbook) -> bytes:
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def read_rows(content: bytes, *, sheet: str | None = None) -> list[tuple[int, dict[str, Any]]]:
    """Rows of the first (or named) sheet as (row number, {header: value}); header row first.
    openpyxl parses with defusedxml installed, so hostile XML is refused."""
    wb = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    ws = wb[sheet] if sheet else wb.worksheets[0]
    rows = ws.iter_rows(values_only=True)
    try:
        headers = [str(h).strip() if h is not None else "" for h in next(rows)]
    except StopIteration:
        return []
    out = []
    for number, values in enumerate(rows, start=2):
        if values is None or all(v is None or str(v).strip() == "" for v in values):
            continue
        out.append((number, dict(zip(headers, values, strict=False))))
    wb.close()
    return out


def cell_text(value: Any) -> str:
    """A cell as text. The apostrophe safe_value puts before formula-like text is dropped, so
    that an exported "%" or "-" comes back as typed."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value).strip()
    if text.startswith("'") and text[1:2] and text[1] in "=+-@|%":
        text = text[1:]
    return text


# --- import reports (shared by every workbook import with a preview) ---------------------------


@dataclass
class CellError:
    sheet: str
    row: int
    column: str
    message: str


@dataclass
class RowChange:
    sheet: str
    row: int
    action: str  # "create", "change" or "same"
    label: str
    changes: list[str] = field(default_factory=list)


@dataclass
class ImportReport:
    rows: list[RowChange] = field(default_factory=list)
    errors: list[CellError] = field(default_factory=list)
    applied: bool = False

    @property
    def changed_rows(self) -> list[RowChange]:
        return [r for r in self.rows if r.action != "same"]

    @property
    def has_changes(self) -> bool:
        return bool(self.changed_rows)
