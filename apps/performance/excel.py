"""Excel in and out for the performance tree (issue 3, items 5 and 9).

* `tree_workbook`: an OPD's pohon kinerja and its cascading matrix (sasaran → program → kegiatan
  → sub kegiatan with indicators, the year's targets, owner and pagu).
* `renstra_workbook`: the Renstra in the shape users fill: a sheet of statements (with the
  indicative budget per year), a sheet of indicators (with the target per year) and a sheet that
  explains the columns. Exported from the current tree, so export → import without edits changes
  nothing.
* `renstra_import`: reads that workbook and reports per row what it will create or change and
  every error per cell (sheet, row, column, message). Applying runs every change through the
  performance services in one transaction: any error and nothing is saved. The preview is the
  same run, rolled back, so the preview and the apply can never disagree.

Everything user-typed goes out through apps.core.excel (formula-injection safe).
"""

from __future__ import annotations

import uuid
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from apps.core.concurrency import StaleVersionError
from apps.core.excel import (
    CellError,
    ImportReport,
    RowChange,
    add_sheet,
    new_workbook,
    read_rows,
    safe_value,
    workbook_bytes,
)
from apps.core.excel import (
    cell_text as _text,
)
from apps.core.workflow import WorkflowError
from apps.organisations.models import Position
from apps.performance import services
from apps.performance.models import Indicator, Node, NodeBudget, NodeLevel, Target, ValueType
from apps.performance.selectors import cascading_matrix, opd_tree
from apps.performance.services._base import parse_decimal, parse_money
from apps.planning.models import Renstra
from apps.planning.selectors import nomenclature_item_by_code

NODE_SHEET = "Pernyataan"
INDICATOR_SHEET = "Indikator"
HELP_SHEET = "Petunjuk"

# Column headers (the workbook is Indonesian whatever the UI language: it is a document format).
C_REF = "Ref"
C_PARENT = "Induk"
C_LEVEL = "Level"
C_NUMBER = "Nomor"
C_NOMENCLATURE = "Kode nomenklatur"
C_STATEMENT = "Pernyataan kinerja"
C_OWNER = "Jabatan pemilik"
C_IND_REF = "Ref indikator"
C_NODE = "Ref pernyataan"
C_IND_NAME = "Indikator"
C_UNIT = "Satuan"
C_DEFINITION = "Definisi"
C_FORMULA = "Formula"
C_IKU = "IKU"
PAGU = "Pagu"
TARGET = "Target"

RENSTRA_LEVELS = (
    NodeLevel.TUJUAN,
    NodeLevel.SASARAN,
    NodeLevel.PROGRAM,
    NodeLevel.KEGIATAN,
    NodeLevel.SUBKEGIATAN,
)
BUDGET_LEVELS = {NodeLevel.PROGRAM, NodeLevel.KEGIATAN, NodeLevel.SUBKEGIATAN}
_YES = {"ya", "y", "yes", "true", "1", "x"}


# --- export ----------------------------------------------------------------------------------


def _level_label(value: str) -> str:
    return str(NodeLevel(value).label)


def tree_workbook(*, user, renstra: Renstra, year: int) -> bytes:
    """The OPD's tree (indented) and its cascading matrix for `year`."""
    tree = opd_tree(user=user, renstra=renstra, year=year)
    tree_rows = []
    for item in tree.nodes[1:]:
        node = item.node
        indicators = item.indicators or [None]
        for i, view in enumerate(indicators):
            first = i == 0
            tree_rows.append(
                [
                    _level_label(node.node_level) if first else "",
                    ("    " * (item.depth - 1) + str(safe_value(node.statement))) if first else "",
                    (node.owner_position.title if node.owner_position_id else "") if first else "",
                    view.indicator.name if view else "",
                    view.target_text if view else "",
                    view.indicator.unit if view else "",
                    "; ".join(
                        f"{c.target.renstra.opd.name}: {c.target}" for c in item.crosscuts_out
                    )
                    if first
                    else "",
                    len(item.open_findings) if first else "",
                ]
            )
    wb = new_workbook()
    add_sheet(
        wb,
        "Pohon kinerja",
        [
            "Level",
            "Pernyataan kinerja",
            "Pemilik",
            "Indikator",
            f"Target {year}",
            "Satuan",
            "Crosscutting",
            "Temuan",
        ],
        tree_rows,
        widths=[16, 70, 30, 50, 14, 12, 40, 10],
    )
    matrix_rows = []
    for row in cascading_matrix(user=user, renstra=renstra, year=year):
        indicators = row.indicators or [None]
        for i, view in enumerate(indicators):
            first = i == 0
            matrix_rows.append(
                [
                    _level_label(row.level) if first else "",
                    row.code if first else "",
                    ("    " * row.depth + str(safe_value(row.statement))) if first else "",
                    view.indicator.name if view else "",
                    view.target_text if view else "",
                    view.indicator.unit if view else "",
                    row.owner if first else "",
                    row.pagu if first and row.pagu is not None else None,
                ]
            )
    ws = add_sheet(
        wb,
        "Matriks cascading",
        [
            "Level",
            "Kode",
            "Uraian",
            "Indikator",
            f"Target {year}",
            "Satuan",
            "Pemilik",
            "Pagu (Rp)",
        ],
        matrix_rows,
        widths=[16, 20, 70, 50, 14, 12, 30, 20],
    )
    for cell in ws["H"][1:]:
        cell.number_format = "#,##0"
    return workbook_bytes(wb)


def pemda_tree_workbook(*, user, period, year: int) -> bytes:
    """The Pemda-wide tree (RPJMD with the OPD statements cascading from it, then each OPD's
    statements linked to no RPJMD sasaran), one row per statement and indicator."""
    from apps.performance.selectors import pemda_tree, walk

    tree = pemda_tree(user=user, period=period, year=year, with_findings=False)
    rows = []

    def add(roots, section: str) -> None:
        for item, depth in walk(roots):
            node = item.node
            indicators = item.indicators or [None]
            for i, view in enumerate(indicators):
                first = i == 0
                rows.append(
                    [
                        section if first else "",
                        _level_label(node.node_level) if first else "",
                        item.opd_name if first and node.renstra_id else "",
                        ("    " * depth + str(safe_value(node.statement))) if first else "",
                        (node.owner_position.title if node.owner_position_id else "")
                        if first
                        else "",
                        view.indicator.name if view else "",
                        view.target_text if view else "",
                        view.indicator.unit if view else "",
                    ]
                )

    if tree.root is not None:
        add([tree.root], "RPJMD")
    for branch in tree.opds:
        if branch.unlinked:
            add(branch.unlinked, _("Not linked to an RPJMD sasaran"))
    wb = new_workbook()
    add_sheet(
        wb,
        "Pohon kinerja Pemda",
        [
            "Bagian",
            "Level",
            "OPD",
            "Pernyataan kinerja",
            "Pemilik",
            "Indikator",
            f"Target {year}",
            "Satuan",
        ],
        rows,
        widths=[14, 16, 30, 80, 30, 50, 14, 12],
    )
    return workbook_bytes(wb)


def _number(value: Decimal | None) -> Any:
    """A stored decimal as a spreadsheet number (integral values without decimals)."""
    if value is None:
        return None
    value = value.normalize()
    return int(value) if value == value.to_integral_value() else float(value)


def renstra_workbook(*, renstra: Renstra) -> bytes:
    """The Renstra as the import expects it, filled with the current tree."""
    years = list(renstra.period.years)
    nodes = list(
        Node.objects.filter(renstra=renstra, parent__isnull=False)
        .select_related("owner_position", "nomenclature", "parent")
        .order_by("lft")
    )
    budgets: dict[int, dict[int, Decimal]] = {}
    for node_id, year, amount in NodeBudget.objects.filter(node__renstra=renstra).values_list(
        "node_id", "year", "amount"
    ):
        budgets.setdefault(node_id, {})[year] = amount
    indicators = list(
        Indicator.objects.filter(node__renstra=renstra)
        .select_related("node")
        .order_by("node__lft", "sort_order", "id")
    )
    targets: dict[int, dict[int, Target]] = {}
    for target in Target.objects.filter(indicator__node__renstra=renstra):
        targets.setdefault(target.indicator_id, {})[target.year] = target
    node_rows = [
        [
            str(n.code),
            "" if n.parent.parent_id is None else str(n.parent.code),
            n.node_level,
            n.number,
            n.nomenclature.code if n.nomenclature_id else "",
            n.statement,
            n.owner_position.title if n.owner_position_id else "",
            *[_number(budgets.get(n.pk, {}).get(y)) for y in years],
        ]
        for n in nodes
    ]
    indicator_rows = []
    for ind in indicators:
        mine = targets.get(ind.pk, {})
        values = []
        for y in years:
            t = mine.get(y)
            if t is None:
                values.append(None)
            elif ind.value_type == ValueType.SCALE:
                values.append(t.text_value)
            else:
                values.append(_number(t.value))
        indicator_rows.append(
            [
                str(ind.code),
                str(ind.node.code),
                ind.name,
                ind.unit,
                ind.definition,
                ind.formula,
                "Ya" if ind.is_iku else "Tidak",
                *values,
            ]
        )
    wb = new_workbook()
    add_sheet(
        wb,
        NODE_SHEET,
        [C_REF, C_PARENT, C_LEVEL, C_NUMBER, C_NOMENCLATURE, C_STATEMENT, C_OWNER]
        + [f"{PAGU} {y}" for y in years],
        node_rows,
        widths=[38, 38, 12, 8, 20, 70, 30] + [16] * len(years),
    )
    add_sheet(
        wb,
        INDICATOR_SHEET,
        [C_IND_REF, C_NODE, C_IND_NAME, C_UNIT, C_DEFINITION, C_FORMULA, C_IKU]
        + [f"{TARGET} {y}" for y in years],
        indicator_rows,
        widths=[38, 38, 50, 12, 40, 40, 8] + [12] * len(years),
    )
    levels = ", ".join(f"{v} ({_level_label(v)})" for v in RENSTRA_LEVELS)
    add_sheet(
        wb,
        HELP_SHEET,
        ["Kolom", "Penjelasan"],
        [
            [
                f"{NODE_SHEET}: {C_REF}",
                "Kode pernyataan yang sudah ada (jangan diubah), atau kunci "
                "baru buatan Anda (misalnya B1) untuk pernyataan baru.",
            ],
            [
                f"{NODE_SHEET}: {C_PARENT}",
                "Ref pernyataan induk (baris di atasnya atau pernyataan "
                "yang sudah ada di Renstra ini). Kosong untuk tujuan OPD. "
                "Pernyataan OPD lain tidak boleh menjadi induk: gunakan tautan crosscutting.",
            ],
            [f"{NODE_SHEET}: {C_LEVEL}", f"Salah satu dari: {levels}."],
            [
                f"{NODE_SHEET}: {C_NOMENCLATURE}",
                "Kode Kemendagri U.BB.PP.X.KK.SSSS untuk program, "
                "kegiatan dan sub kegiatan (mengikuti kode induknya).",
            ],
            [
                f"{NODE_SHEET}: {C_OWNER}",
                "Nama jabatan pemilik kinerja di OPD ini, persis seperti di daftar jabatan.",
            ],
            [
                f"{NODE_SHEET}: {PAGU} <tahun>",
                "Pagu indikatif (Rp) per tahun periode; hanya untuk "
                "program, kegiatan dan sub kegiatan. Kosong menghapus pagu tahun itu.",
            ],
            [
                f"{INDICATOR_SHEET}: {C_IND_REF}",
                "Kode indikator yang sudah ada, atau kosong untuk indikator baru.",
            ],
            [
                f"{INDICATOR_SHEET}: {C_NODE}",
                f"Ref pernyataan pemilik indikator (lembar {NODE_SHEET}).",
            ],
            [f"{INDICATOR_SHEET}: {C_IKU}", "Ya atau Tidak."],
            [
                f"{INDICATOR_SHEET}: {TARGET} <tahun>",
                "Target per tahun periode: angka (75 atau "
                "75,5), atau label skala untuk indikator kualitatif. Kosong menghapus target.",
            ],
            [
                "Penerapan",
                "Unggahan ditampilkan dulu sebagai pratinjau. Perubahan diterapkan "
                "seluruhnya atau tidak sama sekali.",
            ],
        ],
        widths=[36, 110],
    )
    return workbook_bytes(wb)


# --- import ----------------------------------------------------------------------------------


class _Abort(Exception):
    """Raised inside the import transaction to roll it back (errors, or a preview)."""


def _as_uuid(text: str) -> uuid.UUID | None:
    try:
        return uuid.UUID(text)
    except ValueError:
        return None


def _year_columns(headers: list[str], prefix: str) -> dict[str, int | None]:
    """`Prefix <year>` headers → year (None when the year part is not a number)."""
    out: dict[str, int | None] = {}
    for header in headers:
        if header.lower().startswith(prefix.lower() + " "):
            try:
                out[header] = int(header[len(prefix) + 1 :].strip())
            except ValueError:
                out[header] = None
    return out


def _field_column(message_dict: dict[str, list[str]], mapping: dict[str, str], default: str):
    for name, messages in message_dict.items():
        yield mapping.get(name, default), " ".join(messages)


def _level_of(text: str) -> str | None:
    wanted = text.strip().lower()
    for value in RENSTRA_LEVELS:
        if wanted in {value, str(NodeLevel(value).label).lower()}:
            return value
    return None


def renstra_import(*, actor, renstra: Renstra, content: bytes, apply: bool) -> ImportReport:
    """Check (and with `apply`, save) a filled Renstra workbook. All-or-nothing."""
    report = ImportReport()
    try:
        with transaction.atomic():
            _run(actor=actor, renstra=renstra, content=content, report=report)
            if report.errors or not apply:
                raise _Abort
            report.applied = True
    except _Abort:
        report.applied = False
    return report


C_ANY_COLUMN = ""


def _row_refusal(exc: Exception) -> str:
    """A refusal that is not about one field still becomes an error of its row, never a silent
    failure of the whole apply."""
    if isinstance(exc, StaleVersionError):
        return _("Someone changed this row while the file was being imported; download it again.")
    if isinstance(exc, PermissionDenied):
        return _("You may not change this row.")
    if isinstance(exc, IntegrityError):
        return _("This row conflicts with data already stored (for example a duplicate).")
    return str(exc)


def _read(content: bytes, report: ImportReport, sheet: str) -> list[tuple[int, dict[str, Any]]]:
    try:
        return read_rows(content, sheet=sheet)
    except KeyError:
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


def _run(*, actor, renstra: Renstra, content: bytes, report: ImportReport) -> None:
    years = set(renstra.period.years)
    err = report.errors
    node_rows = _read(content, report, NODE_SHEET)
    indicator_rows = _read(content, report, INDICATOR_SHEET) if not err else []
    if err:
        return
    existing = {
        str(n.code): n
        for n in Node.objects.filter(renstra=renstra).select_related(
            "owner_position", "nomenclature", "parent"
        )
    }
    root = next(n for n in existing.values() if n.parent_id is None)
    positions: dict[str, list[Position]] = {}
    for position in Position.objects.filter(opd_id=renstra.opd_id, is_active=True):
        positions.setdefault(position.title.strip().lower(), []).append(position)
    budgets: dict[int, dict[int, Decimal]] = {}
    for node_id, year, amount in NodeBudget.objects.filter(node__renstra=renstra).values_list(
        "node_id", "year", "amount"
    ):
        budgets.setdefault(node_id, {})[year] = amount

    refs: dict[str, Node] = {}  # ref → node (existing, or created in this run)
    seen_refs: set[str] = set()
    headers = list(node_rows[0][1].keys()) if node_rows else []
    pagu_columns = _year_columns(headers, PAGU)
    for row_number, row in node_rows:
        before = len(err)

        def cell_error(column: str, message: str, _row: int = row_number) -> None:
            err.append(CellError(NODE_SHEET, _row, column, message))

        ref = _text(row.get(C_REF))
        if not ref:
            cell_error(C_REF, _("Give each statement a reference (for example B1)."))
            continue
        if ref in seen_refs:
            cell_error(C_REF, _("The reference %(ref)s is used twice.") % {"ref": ref})
            continue
        seen_refs.add(ref)
        node = existing.get(ref)
        if node is None and _as_uuid(ref) and Node.objects.filter(code=ref).exists():
            cell_error(C_REF, _("This code belongs to a statement of another OPD or plan."))
            continue
        if node is not None and node.parent_id is None:
            cell_error(C_REF, _("The OPD root cannot be imported."))
            continue
        parent_ref = _text(row.get(C_PARENT))
        parent: Node | None
        if not parent_ref:
            parent = root
        else:
            parent = refs.get(parent_ref) or existing.get(parent_ref)
            if parent is None:
                if _as_uuid(parent_ref) and Node.objects.filter(code=parent_ref).exists():
                    cell_error(
                        C_PARENT,
                        _(
                            "The parent is a statement of another OPD. A statement cannot hang "
                            "under another OPD's tree; link it with crosscutting instead."
                        ),
                    )
                else:
                    cell_error(
                        C_PARENT,
                        _("Unknown parent reference %(ref)s: use the Ref of a row above.")
                        % {"ref": parent_ref},
                    )
        level = _level_of(_text(row.get(C_LEVEL)))
        if level is None:
            cell_error(
                C_LEVEL,
                _("Unknown level. Use one of: %(levels)s.") % {"levels": ", ".join(RENSTRA_LEVELS)},
            )
        elif node is not None and node.node_level != level:
            cell_error(C_LEVEL, _("The level of an existing statement cannot be changed."))
        code = _text(row.get(C_NOMENCLATURE))
        item = None
        if code:
            item = nomenclature_item_by_code(code)
            if item is None:
                cell_error(
                    C_NOMENCLATURE,
                    _("The code %(code)s is not in the current nomenclature.") % {"code": code},
                )
        owner_title = _text(row.get(C_OWNER))
        owner = None
        if owner_title:
            found = positions.get(owner_title.lower(), [])
            if not found:
                cell_error(C_OWNER, _("No active position of this OPD has this title."))
            elif len(found) > 1:
                cell_error(C_OWNER, _("Several positions have this title; rename one first."))
            else:
                owner = found[0]
        amounts: dict[int, Decimal | None] = {}
        for column, year in pagu_columns.items():
            raw = row.get(column)
            if year is None or year not in years:
                if raw not in (None, ""):
                    cell_error(
                        column,
                        _("The year %(year)s is outside the plan period %(start)s–%(end)s.")
                        % {
                            "year": column[len(PAGU) + 1 :],
                            "start": renstra.period.start_year,
                            "end": renstra.period.end_year,
                        },
                    )
                continue
            try:
                amounts[year] = parse_money(raw, field=column)
            except ValidationError as exc:
                cell_error(column, " ".join(exc.messages))
        if level is not None and level not in BUDGET_LEVELS and any(amounts.values()):
            cell_error(
                next(c for c, y in pagu_columns.items() if amounts.get(y)),
                _("Only programs, kegiatan and sub kegiatan have an indicative budget."),
            )
        statement = _text(row.get(C_STATEMENT))
        number = _text(row.get(C_NUMBER))
        if len(err) > before:
            continue
        mapping = {
            "statement": C_STATEMENT,
            "nomenclature": C_NOMENCLATURE,
            "owner_position": C_OWNER,
            "node_level": C_LEVEL,
            "parent": C_PARENT,
            "number": C_NUMBER,
        }
        try:
            # A savepoint per row: a refused row leaves nothing behind and the rest of the
            # run (preview or apply) goes on in a healthy transaction.
            with transaction.atomic():
                if node is None:
                    node = services.node_create(
                        actor=actor,
                        parent=parent,
                        node_level=level,
                        statement=statement,
                        number=number,
                        owner_position=owner,
                        nomenclature=item,
                        renstra=renstra,
                    )
                    change = RowChange(NODE_SHEET, row_number, "create", node.statement)
                else:
                    change = RowChange(NODE_SHEET, row_number, "same", node.statement)
                    data: dict[str, Any] = {}
                    if statement != node.statement:
                        data["statement"] = statement
                        change.changes.append(_("statement"))
                    if number != node.number:
                        data["number"] = number
                        change.changes.append(_("number"))
                    if (item.pk if item else None) != node.nomenclature_id:
                        data["nomenclature"] = item
                        change.changes.append(_("nomenclature"))
                    if (owner.pk if owner else None) != node.owner_position_id:
                        data["owner_position"] = owner
                        change.changes.append(_("owner"))
                    if data:
                        node = services.node_update(
                            actor=actor, node=node, data=data, expected_version=None
                        )
                    if parent.pk != node.parent_id:
                        node = services.node_move(actor=actor, node=node, new_parent=parent)
                        change.changes.append(_("parent"))
                stored = budgets.get(node.pk, {})
                if level in BUDGET_LEVELS and any(amounts[y] != stored.get(y) for y in amounts):
                    services.budgets_set(actor=actor, node=node, amounts=amounts)
                    if change.action != "create":
                        change.changes.append(_("indicative budget"))
                if change.action == "same" and change.changes:
                    change.action = "change"
                report.rows.append(change)
                refs[ref] = node
        except (StaleVersionError, WorkflowError, PermissionDenied, IntegrityError) as exc:
            cell_error(C_ANY_COLUMN, _row_refusal(exc))
        except ValidationError as exc:
            for column, message in _field_column(
                exc.message_dict if hasattr(exc, "error_dict") else {"": exc.messages},
                {**mapping, **{f"budget_{y}": f"{PAGU} {y}" for y in years}},
                C_STATEMENT,
            ):
                cell_error(column, message)

    _run_indicators(actor=actor, renstra=renstra, rows=indicator_rows, refs=refs, report=report)


def _run_indicators(*, actor, renstra: Renstra, rows, refs: dict[str, Node], report) -> None:
    years = set(renstra.period.years)
    err = report.errors
    existing = {
        str(i.code): i
        for i in Indicator.objects.filter(node__renstra=renstra).select_related("node")
    }
    targets: dict[int, dict[int, Target]] = {}
    for target in Target.objects.filter(indicator__node__renstra=renstra):
        targets.setdefault(target.indicator_id, {})[target.year] = target
    headers = list(rows[0][1].keys()) if rows else []
    target_columns = _year_columns(headers, TARGET)
    seen: set[str] = set()
    for row_number, row in rows:
        before = len(err)

        def cell_error(column: str, message: str, _row: int = row_number) -> None:
            err.append(CellError(INDICATOR_SHEET, _row, column, message))

        ref = _text(row.get(C_IND_REF))
        indicator = None
        if ref:
            indicator = existing.get(ref)
            if indicator is None or ref in seen:
                cell_error(
                    C_IND_REF, _("Unknown indicator reference; leave it empty for a new one.")
                )
                continue
            seen.add(ref)
        node_ref = _text(row.get(C_NODE))
        node = refs.get(node_ref)
        if node is None:
            cell_error(
                C_NODE,
                _("Unknown statement reference %(ref)s: use a Ref of the %(sheet)s sheet.")
                % {"ref": node_ref, "sheet": NODE_SHEET},
            )
        elif indicator is not None and indicator.node_id != node.pk:
            cell_error(C_NODE, _("An existing indicator cannot move to another statement."))
        name = _text(row.get(C_IND_NAME))
        is_scale = indicator is not None and indicator.value_type == ValueType.SCALE
        values: dict[int, Any] = {}
        for column, year in target_columns.items():
            raw = row.get(column)
            if year is None or year not in years:
                if raw not in (None, ""):
                    cell_error(
                        column,
                        _("The year %(year)s is outside the plan period %(start)s–%(end)s.")
                        % {
                            "year": column[len(TARGET) + 1 :],
                            "start": renstra.period.start_year,
                            "end": renstra.period.end_year,
                        },
                    )
                continue
            if is_scale:
                values[year] = _text(raw) or None
                continue
            try:
                values[year] = parse_decimal(raw, field=column)
            except ValidationError as exc:
                cell_error(column, " ".join(exc.messages))
        if len(err) > before:
            continue
        fields = {
            "name": name,
            "unit": _text(row.get(C_UNIT)),
            "definition": _text(row.get(C_DEFINITION)),
            "formula": _text(row.get(C_FORMULA)),
            "is_iku": _text(row.get(C_IKU)).lower() in _YES,
        }
        columns = {
            "name": C_IND_NAME,
            "unit": C_UNIT,
            "definition": C_DEFINITION,
            "formula": C_FORMULA,
            "is_iku": C_IKU,
            **{f"target_{y}": f"{TARGET} {y}" for y in years},
            **{f"target_max_{y}": f"{TARGET} {y}" for y in years},
        }
        try:
            # A savepoint per row: a refused row leaves nothing behind and the rest of the
            # run (preview or apply) goes on in a healthy transaction.
            with transaction.atomic():
                if indicator is None:
                    created = services.indicator_create(
                        actor=actor,
                        node=node,
                        targets={y: v for y, v in values.items() if v is not None},
                        **fields,
                    )
                    report.rows.append(
                        RowChange(INDICATOR_SHEET, row_number, "create", created.name)
                    )
                    continue
                change = RowChange(INDICATOR_SHEET, row_number, "same", indicator.name)
                data = {k: v for k, v in fields.items() if getattr(indicator, k) != v}
                if data:
                    services.indicator_update(
                        actor=actor, indicator=indicator, data=data, expected_version=None
                    )
                    change.changes.extend(
                        str(Indicator._meta.get_field(k).verbose_name) for k in data
                    )
                stored = targets.get(indicator.pk, {})

                current = {
                    y: ((t.text_value or None) if is_scale else t.value) for y, t in stored.items()
                }
                if any(values[y] != current.get(y) for y in values):
                    services.targets_set(actor=actor, indicator=indicator, targets=values)
                    change.changes.append(_("targets"))
                if change.changes:
                    change.action = "change"
                report.rows.append(change)
        except (StaleVersionError, WorkflowError, PermissionDenied, IntegrityError) as exc:
            cell_error(C_ANY_COLUMN, _row_refusal(exc))
        except ValidationError as exc:
            for column, message in _field_column(
                exc.message_dict if hasattr(exc, "error_dict") else {"": exc.messages},
                columns,
                C_IND_NAME,
            ):
                cell_error(column, message)


__all__ = [
    "CellError",
    "ImportReport",
    "RowChange",
    "renstra_import",
    "renstra_workbook",
    "safe_value",
    "tree_workbook",
]
