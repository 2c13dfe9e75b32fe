"""An LKE template as an .xlsx workbook, and back: the export of any template, and the import of
a filled workbook into a NEW local template (never into an existing one, which may be in use).

The import is all-or-nothing: every problem is reported on its sheet, row and column, and a
workbook with any problem creates nothing. A template whose weights do not add up is refused
too (services.check_weights).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from apps.core.excel import (
    CellError,
    ImportReport,
    RowChange,
    add_sheet,
    new_workbook,
    read_rows,
    workbook_bytes,
)
from apps.evaluation import services
from apps.evaluation.models import Autofill, LkeTemplate
from apps.evaluation.selectors import template_data
from apps.evaluation.templates_data import Crit

INFO_SHEET = "Template"
SCALE_SHEET = "Skala"
CRITERIA_SHEET = "Kriteria"

I_FIELD, I_VALUE = "Isian", "Nilai"
I_REGULATION, I_VARIANT, I_DESCRIPTION = "Peraturan", "Varian", "Keterangan"

S_KEY, S_NAME, S_ANSWER, S_VALUE = "Kode skala", "Nama skala", "Jawaban", "Nilai"

C_COMP, C_COMP_NAME, C_COMP_WEIGHT = "Komponen", "Nama komponen", "Bobot komponen"
C_SUB, C_SUB_NAME, C_SUB_WEIGHT = "Subkomponen", "Nama subkomponen", "Bobot subkomponen"
C_NUMBER, C_TEXT, C_SCALE = "No", "Kriteria", "Kode skala"
C_GUIDANCE, C_EVIDENCE, C_AUTOFILL = "Petunjuk", "Dokumen bukti", "Cek data"
CRITERIA_HEADERS = [
    C_COMP,
    C_COMP_NAME,
    C_COMP_WEIGHT,
    C_SUB,
    C_SUB_NAME,
    C_SUB_WEIGHT,
    C_NUMBER,
    C_TEXT,
    C_SCALE,
    C_GUIDANCE,
    C_EVIDENCE,
    C_AUTOFILL,
]
EVIDENCE_SEPARATOR = ";"


# --- export ------------------------------------------------------------------------------------


def _number(value: str | Decimal) -> float | int:
    """Weights and values as numbers a spreadsheet can add up (4.5, not "4.50")."""
    value = Decimal(value)
    return int(value) if value == value.to_integral_value() else float(value)


def template_workbook(*, template: LkeTemplate) -> bytes:
    data = template_data(template)
    wb = new_workbook()
    add_sheet(
        wb,
        INFO_SHEET,
        [I_FIELD, I_VALUE],
        [
            ("Nama", data["name"]),
            (I_REGULATION, data["regulation"]),
            (I_VARIANT, data["variant"]),
            (I_DESCRIPTION, data["description"]),
        ],
        widths=[20, 90],
    )
    add_sheet(
        wb,
        SCALE_SHEET,
        [S_KEY, S_NAME, S_ANSWER, S_VALUE],
        [
            (s["key"], s["name"], label, _number(value))
            for s in data["scales"]
            for label, value in s["options"]
        ],
        widths=[12, 24, 10, 10],
    )
    rows = []
    for comp in data["components"]:
        for sub in comp["sub_components"]:
            for number, crit in enumerate(sub["criteria"], start=1):
                rows.append(
                    (
                        comp["number"],
                        comp["name"],
                        _number(comp["weight"]),
                        sub["code"],
                        sub["name"],
                        _number(sub["weight"]),
                        number,
                        crit.text,
                        crit.scale,
                        crit.guidance,
                        f"{EVIDENCE_SEPARATOR} ".join(crit.evidence),
                        crit.autofill,
                    )
                )
    add_sheet(
        wb,
        CRITERIA_SHEET,
        CRITERIA_HEADERS,
        rows,
        widths=[10, 30, 10, 12, 30, 10, 6, 80, 10, 40, 40, 28],
    )
    return workbook_bytes(wb)


# --- import ------------------------------------------------------------------------------------


class _Abort(Exception):
    """Rolls back the import transaction (errors, or a preview)."""


@dataclass
class TemplateImport:
    report: ImportReport
    template: LkeTemplate | None = None


def _text(value: Any) -> str:
    """A cell as text; the apostrophe the export puts before formula-like text is dropped."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value).strip()
    if text.startswith("'") and text[1:2] and text[1] in "=+-@|%":
        text = text[1:]
    return text


def _read(content: bytes, report: ImportReport, sheet: str, *, required: bool = True):
    try:
        return read_rows(content, sheet=sheet)
    except KeyError:
        if required:
            report.errors.append(
                CellError(
                    sheet, 1, "", _("The workbook has no sheet named %(sheet)s.") % {"sheet": sheet}
                )
            )
    except Exception:  # any unreadable upload is one clear message
        report.errors.append(
            CellError(sheet, 1, "", _("This file is not a readable .xlsx workbook."))
        )
    return []


def _read_scales(rows, report: ImportReport) -> list[dict]:
    scales: dict[str, dict] = {}
    for row_number, row in rows:
        key, label = _text(row.get(S_KEY)), _text(row.get(S_ANSWER))
        name = _text(row.get(S_NAME)) or key

        def error(column: str, message: str, _row: int = row_number) -> None:
            report.errors.append(CellError(SCALE_SHEET, _row, column, message))

        if not key:
            error(S_KEY, _("Give the scale a code (for example ae)."))
            continue
        if not label:
            error(S_ANSWER, _("Give the answer (for example A)."))
            continue
        try:
            value = Decimal(_text(row.get(S_VALUE)).replace(",", "."))
        except InvalidOperation:
            error(S_VALUE, _("Enter the value as a number between 0 and 1."))
            continue
        if not value.is_finite() or not Decimal(0) <= value <= Decimal(1):
            error(S_VALUE, _("Enter the value as a number between 0 and 1."))
            continue
        scale = scales.setdefault(key, {"key": key, "name": name, "options": []})
        if any(existing == label for existing, _value in scale["options"]):
            error(S_ANSWER, _("The answer %(label)s is listed twice.") % {"label": label})
            continue
        scale["options"].append((label, str(value)))
    return list(scales.values())


def _weight(row, column: str, error) -> Decimal | None:
    try:
        return services.parse_weight(_text(row.get(column)), "weight")
    except ValidationError as exc:
        error(column, " ".join(exc.messages))
        return None


def _read_criteria(rows, scale_keys: set[str], report: ImportReport) -> list[dict]:
    components: dict[int, dict] = {}
    subs: dict[tuple[int, str], dict] = {}
    for row_number, row in rows:
        before = len(report.errors)

        def error(column: str, message: str, _row: int = row_number) -> None:
            report.errors.append(CellError(CRITERIA_SHEET, _row, column, message))

        try:
            comp_number = int(_text(row.get(C_COMP)))
            if comp_number < 1:
                raise ValueError
        except ValueError:
            error(C_COMP, _("Enter the component number (1, 2, …)."))
            continue
        comp_name = _text(row.get(C_COMP_NAME))
        sub_code = _text(row.get(C_SUB))
        sub_name = _text(row.get(C_SUB_NAME))
        text = _text(row.get(C_TEXT))
        scale = _text(row.get(C_SCALE))
        autofill = _text(row.get(C_AUTOFILL))
        comp_weight = _weight(row, C_COMP_WEIGHT, error)
        sub_weight = _weight(row, C_SUB_WEIGHT, error)
        for column, value in (
            (C_COMP_NAME, comp_name),
            (C_SUB, sub_code),
            (C_SUB_NAME, sub_name),
            (C_TEXT, text),
        ):
            if not value:
                error(column, _("This field is required."))
        if scale not in scale_keys:
            error(
                C_SCALE,
                _("The scale %(scale)s is not on the sheet %(sheet)s.")
                % {"scale": scale, "sheet": SCALE_SHEET},
            )
        if autofill and autofill not in Autofill.values:
            error(
                C_AUTOFILL, _("%(key)s is not a data check the system knows.") % {"key": autofill}
            )
        if len(report.errors) > before:
            continue

        comp = components.setdefault(
            comp_number,
            {
                "number": comp_number,
                "name": comp_name,
                "weight": str(comp_weight),
                "sub_components": [],
            },
        )
        if (comp["name"], comp["weight"]) != (comp_name, str(comp_weight)):
            error(
                C_COMP_WEIGHT,
                _("Component %(number)s has another name or weight on an earlier row.")
                % {"number": comp_number},
            )
            continue
        sub = subs.get((comp_number, sub_code))
        if sub is None:
            sub = subs[(comp_number, sub_code)] = {
                "code": sub_code,
                "name": sub_name,
                "weight": str(sub_weight),
                "scale": "",
                "criteria": [],
            }
            comp["sub_components"].append(sub)
        elif (sub["name"], sub["weight"]) != (sub_name, str(sub_weight)):
            error(
                C_SUB_WEIGHT,
                _("Sub-component %(code)s has another name or weight on an earlier row.")
                % {"code": sub_code},
            )
            continue
        evidence = [
            e.strip() for e in _text(row.get(C_EVIDENCE)).split(EVIDENCE_SEPARATOR) if e.strip()
        ]
        sub["criteria"].append(
            Crit(
                text=text,
                evidence=evidence,
                autofill=autofill,
                scale=scale,
                guidance=_text(row.get(C_GUIDANCE)),
            )
        )
        report.rows.append(RowChange(CRITERIA_SHEET, row_number, "create", text[:80]))
    if not components and not report.errors:
        report.errors.append(CellError(CRITERIA_SHEET, 2, "", _("The workbook has no criteria.")))
    return [components[n] for n in sorted(components)]


def template_import(
    *, actor, pemda_id: int, content: bytes, name: str, apply: bool = True
) -> TemplateImport:
    """Check (and with `apply`, create) a new local template from a workbook in the export's
    shape. All-or-nothing."""
    result = TemplateImport(report=ImportReport())
    report = result.report
    if not name.strip():
        report.errors.append(CellError(INFO_SHEET, 1, I_VALUE, _("Give the new template a name.")))
        return result
    scale_rows = _read(content, report, SCALE_SHEET)
    criteria_rows = _read(content, report, CRITERIA_SHEET) if not report.errors else []
    info_rows = _read(content, report, INFO_SHEET, required=False) if not report.errors else []
    if report.errors:
        return result
    scales = _read_scales(scale_rows, report)
    criteria = _read_criteria(criteria_rows, {s["key"] for s in scales}, report)
    info = {_text(row.get(I_FIELD)): _text(row.get(I_VALUE)) for _n, row in info_rows}
    if report.errors:
        return result
    data = {
        "regulation": info.get(I_REGULATION, ""),
        "variant": info.get(I_VARIANT, ""),
        "description": info.get(I_DESCRIPTION, ""),
        "is_local_rendering": True,
        "scales": scales,
        "components": criteria,
    }
    try:
        with transaction.atomic():
            template = services.template_create_from_data(
                actor=actor, pemda_id=pemda_id, data=data, name=name
            )
            for problem in services.check_weights(template):
                report.errors.append(CellError(CRITERIA_SHEET, 1, C_COMP_WEIGHT, problem))
            if report.errors or not apply:
                raise _Abort
            report.applied = True
            result.template = template
    except _Abort:
        report.applied = False
    except ValidationError as exc:
        report.errors.append(CellError(CRITERIA_SHEET, 1, "", " ".join(exc.messages)))
    return result
