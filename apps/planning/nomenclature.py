"""The Kemendagri nomenclature code `U.BB.PP.X.KK.SSSS` and the reading of the ministry's
spreadsheet (DOMAIN.md "Planning nomenclature"; Kepmendagri 050-5889/2021 as amended).

Pure functions: nothing here touches the database. `parse_workbook` returns every row it could
read and every error per row and cell, so that the import service can refuse the whole file
(all-or-nothing) and a preview page can show what is wrong where.

    urusan        1                   (1 digit, 1–9)
    bidang        1.02                (+ 2 digits)
    program       1.02.02             (+ 2 digits)
    kegiatan      1.02.02.2.01        (+ level digit 1 provinsi / 2 kabupaten-kota, + 2 digits)
    sub kegiatan  1.02.02.2.01.0001   (+ 4 digits)
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from apps.planning.models import NomenclatureLevel

# Segment lengths in order: urusan, bidang, program, level digit, kegiatan, sub kegiatan.
_SEGMENT_LENGTHS = (1, 2, 2, 1, 2, 4)
# The level of a code by its number of segments (4 segments is never complete).
_LEVEL_BY_SEGMENTS = {
    1: NomenclatureLevel.URUSAN,
    2: NomenclatureLevel.BIDANG,
    3: NomenclatureLevel.PROGRAM,
    5: NomenclatureLevel.KEGIATAN,
    6: NomenclatureLevel.SUBKEGIATAN,
}
LEVEL_DIGIT_PROVINSI = "1"
LEVEL_DIGIT_KABUPATEN_KOTA = "2"

CODE_HEADERS = ("kode", "code", "kode rekening")
NAME_HEADERS = ("nama", "name", "nomenklatur", "uraian")
DECREE_HEADERS = ("keputusan", "decree", "dasar hukum")
NAME_MAX_LENGTH = 500


class CodeError(ValueError):
    """A code that does not follow `U.BB.PP.X.KK.SSSS`; the message says what is wrong."""


def level_of(code: str) -> str:
    """The nomenclature level of a well-formed code, else CodeError with the reason."""
    code = (code or "").strip()
    if not code:
        raise CodeError(_("The code is empty."))
    segments = code.split(".")
    if len(segments) > len(_SEGMENT_LENGTHS):
        raise CodeError(_("The code has too many parts: the longest form is U.BB.PP.X.KK.SSSS."))
    if len(segments) == 4:
        raise CodeError(
            _("A kegiatan code needs the level digit and the kegiatan number, e.g. 1.02.02.2.01.")
        )
    names = (
        _("urusan"),
        _("bidang urusan"),
        _("program"),
        _("level digit"),
        _("kegiatan"),
        _("sub kegiatan"),
    )
    for index, segment in enumerate(segments):
        expected = _SEGMENT_LENGTHS[index]
        if not segment.isascii() or not segment.isdigit() or len(segment) != expected:
            raise CodeError(
                _("The %(part)s part “%(segment)s” must be %(n)s digit(s).")
                % {"part": names[index], "segment": segment, "n": expected}
            )
    if segments[0] == "0":
        raise CodeError(_("The urusan digit must be 1 to 9."))
    if len(segments) > 3 and segments[3] not in {LEVEL_DIGIT_PROVINSI, LEVEL_DIGIT_KABUPATEN_KOTA}:
        raise CodeError(
            _("The level digit must be 1 (provinsi) or 2 (kabupaten/kota), not %(digit)s.")
            % {"digit": segments[3]}
        )
    for index in (1, 2, 4, 5):
        if index < len(segments) and int(segments[index]) == 0:
            raise CodeError(_("The %(part)s number cannot be zero.") % {"part": names[index]})
    return _LEVEL_BY_SEGMENTS[len(segments)]


def parent_code(code: str) -> str | None:
    """The code of the parent item (a kegiatan's parent is its program: the level digit goes
    with the kegiatan number)."""
    segments = code.strip().split(".")
    if len(segments) == 1:
        return None
    if len(segments) == 5:
        return ".".join(segments[:3])
    return ".".join(segments[:-1])


def level_digit(code: str) -> str | None:
    """1 (provinsi) or 2 (kabupaten/kota) for a kegiatan or sub kegiatan code."""
    segments = code.strip().split(".")
    return segments[3] if len(segments) >= 5 else None


def bidang_code(code: str) -> str | None:
    segments = code.strip().split(".")
    return ".".join(segments[:2]) if len(segments) >= 2 else None


def normalise_code(value: Any) -> str:
    """A code cell as text. Numbers are turned back into text (a spreadsheet turns 1.10 into
    1.1, which the format check then refuses with a hint to store codes as text)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        text = repr(value)
        return text[:-2] if text.endswith(".0") else text
    return str(value).strip()


@dataclass(frozen=True)
class CellError:
    """One problem in an uploaded sheet: row number as the spreadsheet shows it, column header."""

    row: int
    column: str
    message: str

    def __str__(self) -> str:
        if self.row and self.column:
            return _("Row %(row)s, column %(column)s: %(message)s") % {
                "row": self.row,
                "column": self.column,
                "message": self.message,
            }
        if self.row:
            return _("Row %(row)s: %(message)s") % {"row": self.row, "message": self.message}
        return self.message


class ImportRefused(ValidationError):
    """An import refused as a whole; `errors` lists every problem per row and cell."""

    def __init__(self, errors: list[CellError]):
        self.errors = errors
        super().__init__([str(e) for e in errors])


@dataclass(frozen=True)
class ParsedRow:
    row: int
    code: str
    name: str
    level: str
    parent_code: str | None


@dataclass
class ParsedList:
    decree: str
    rows: list[ParsedRow] = field(default_factory=list)
    errors: list[CellError] = field(default_factory=list)

    @property
    def counts(self) -> dict[str, int]:
        counts = dict.fromkeys(NomenclatureLevel.values, 0)
        for row in self.rows:
            counts[row.level] += 1
        return counts


def _find_header(headers: list[str], aliases: tuple[str, ...]) -> str | None:
    lowered = {h.lower().strip(): h for h in headers if h}
    for alias in aliases:
        if alias in lowered:
            return lowered[alias]
    return None


def parse_rows(
    rows: list[tuple[int, dict[str, Any]]], headers: list[str], *, decree: str = ""
) -> ParsedList:
    """Validate rows read from a sheet: header, every code's format, the decree name, names,
    duplicates and the parent chain (every item's parent is in the same file)."""
    decree = (decree or "").strip()
    result = ParsedList(decree=decree)
    code_col = _find_header(headers, CODE_HEADERS)
    name_col = _find_header(headers, NAME_HEADERS)
    decree_col = _find_header(headers, DECREE_HEADERS)
    if code_col is None or name_col is None:
        result.errors.append(
            CellError(
                1,
                "",
                _("The first row must name the columns “kode” (code) and “nama” (name)."),
            )
        )
        return result
    sheet_decrees: set[str] = set()
    seen: dict[str, int] = {}
    for number, values in rows:
        code = normalise_code(values.get(code_col))
        name = str(values.get(name_col) or "").strip()
        if decree_col is not None and values.get(decree_col):
            sheet_decrees.add(str(values[decree_col]).strip())
        try:
            level = level_of(code)
        except CodeError as exc:
            message = str(exc)
            if isinstance(values.get(code_col), float):
                message += " " + _("Store codes as text, not as numbers.")
            result.errors.append(CellError(number, code_col, message))
            level = None
        if not name:
            result.errors.append(CellError(number, name_col, _("The name is empty.")))
        elif len(name) > NAME_MAX_LENGTH:
            result.errors.append(
                CellError(
                    number,
                    name_col,
                    _("The name is longer than %(n)s characters.") % {"n": NAME_MAX_LENGTH},
                )
            )
        if level is None:
            continue
        if code in seen:
            result.errors.append(
                CellError(
                    number,
                    code_col,
                    _("The code %(code)s appears twice (first on row %(first)s).")
                    % {"code": code, "first": seen[code]},
                )
            )
            continue
        seen[code] = number
        result.rows.append(ParsedRow(number, code, name, level, parent_code(code)))
    for row in result.rows:
        if row.parent_code is not None and row.parent_code not in seen:
            result.errors.append(
                CellError(
                    row.row,
                    code_col,
                    _("Its parent code %(parent)s is not in the file.")
                    % {"parent": row.parent_code},
                )
            )
    if len(sheet_decrees) > 1:
        result.errors.append(
            CellError(
                0,
                decree_col or "",
                _("The file names more than one decree: %(names)s.")
                % {"names": ", ".join(sorted(sheet_decrees))},
            )
        )
    elif sheet_decrees:
        from_sheet = sheet_decrees.pop()
        if decree and decree != from_sheet:
            result.errors.append(
                CellError(
                    0,
                    decree_col or "",
                    _("The file names the decree “%(sheet)s”, not “%(given)s”.")
                    % {"sheet": from_sheet, "given": decree},
                )
            )
        result.decree = decree or from_sheet
    if not result.decree:
        result.errors.append(
            CellError(0, "", _("Name the decree the list comes from (e.g. Kepmendagri ...)."))
        )
    if not rows:
        result.errors.append(CellError(0, "", _("The file has no rows.")))
    result.errors.sort(key=lambda e: (e.row, e.column))
    return result


def parse_workbook(content: bytes, *, decree: str = "") -> ParsedList:
    """Read the first sheet of an .xlsx upload (header row first) and validate it."""
    from openpyxl import load_workbook

    from apps.core.excel import read_rows

    try:
        import io

        wb = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
        first = next(wb.worksheets[0].iter_rows(max_row=1, values_only=True), ())
        headers = [str(h).strip() if h is not None else "" for h in first]
        wb.close()
        rows = read_rows(content)
    except Exception:  # any unreadable upload (zip, xml, sheet) is one clear refusal
        result = ParsedList(decree=decree)
        result.errors.append(CellError(0, "", _("The file is not a readable .xlsx workbook.")))
        return result
    return parse_rows(rows, headers, decree=decree)


def parse_issued_on(value: str | dt.date | None) -> dt.date | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value).strip())
    except ValueError as exc:
        raise ValidationError({"issued_on": _("Enter the date as YYYY-MM-DD.")}) from exc
