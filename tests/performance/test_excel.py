"""Excel exports of the tree and the cascading matrix, and the Renstra workbook import."""

from __future__ import annotations

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from apps.performance import services
from apps.performance.excel import INDICATOR_SHEET, NODE_SHEET
from apps.performance.models import Indicator, Node, NodeLevel, Target
from apps.planning.models import DocumentStatus


def _workbook(client, plan):
    response = client.get(reverse("performance:import_template", args=[plan.renstra.code]))
    assert response.status_code == 200
    return load_workbook(io.BytesIO(response.content))


def _bytes(wb) -> bytes:
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def _upload(client, plan, wb):
    return client.post(
        reverse("performance:import_upload", args=[plan.renstra.code]),
        {"file": SimpleUploadedFile("renstra.xlsx", _bytes(wb))},
    )


def _apply(client, plan):
    return client.post(reverse("performance:import_apply", args=[plan.renstra.code]))


def _columns(ws) -> dict[str, int]:
    return {cell.value: cell.column for cell in ws[1]}


def _state(plan) -> tuple:
    return (
        list(Node.objects.filter(renstra=plan.renstra).values_list("statement", "version")),
        list(
            Target.objects.filter(indicator__node__renstra=plan.renstra)
            .order_by("pk")
            .values_list("value", "version")
        ),
        Indicator.objects.count(),
    )


def test_it_exports_the_tree_and_the_cascading_matrix(plan):
    client = plan.cast.client(plan.cast.viewer)
    response = client.get(
        reverse("performance:tree_xlsx", args=[plan.renstra.code]), {"year": 2025}
    )
    assert response.status_code == 200
    wb = load_workbook(io.BytesIO(response.content))
    assert wb.sheetnames == ["Pohon kinerja", "Matriks cascading"]
    tree = list(wb["Pohon kinerja"].iter_rows(min_row=2, values_only=True))
    assert any("Meningkatnya akses dan mutu" in (row[1] or "") for row in tree)
    assert any(
        row[3] == "Persentase puskesmas terakreditasi paripurna" and row[4] == "40" for row in tree
    )
    matrix = list(wb["Matriks cascading"].iter_rows(min_row=2, values_only=True))
    program = next(row for row in matrix if row[1] == "1.02.02")
    assert program[6] == "Kepala Bidang Pelayanan Kesehatan" or program[6]
    assert program[7] == 1_500_000_000


def test_it_writes_formula_looking_statements_as_text(plan):
    services.node_update(
        actor=None,
        node=plan.sasaran,
        data={"statement": '=HYPERLINK("http://evil.example","klik")'},
        expected_version=None,
    )
    client = plan.cast.client(plan.cast.operator)
    response = client.get(reverse("performance:tree_xlsx", args=[plan.renstra.code]))
    wb = load_workbook(io.BytesIO(response.content))
    values = [row[1] for row in wb["Pohon kinerja"].iter_rows(min_row=2, values_only=True)]
    assert not any((v or "").lstrip().startswith("=") for v in values)
    assert any("'=HYPERLINK" in (v or "") for v in values)
    template = _workbook(client, plan)
    statements = [row[5] for row in template[NODE_SHEET].iter_rows(min_row=2, values_only=True)]
    assert '\'=HYPERLINK("http://evil.example","klik")' in statements


def test_it_round_trips_the_renstra_workbook_without_changes(plan):
    client = plan.cast.client(plan.cast.operator)
    wb = _workbook(client, plan)
    assert wb.sheetnames == [NODE_SHEET, INDICATOR_SHEET, "Petunjuk"]
    response = _upload(client, plan, wb)
    assert response.status_code == 200
    report = response.context["report"]
    assert report.errors == []
    assert not report.has_changes, [(r.label, r.changes) for r in report.changed_rows]
    assert len(report.rows) == 5 + 2  # five statements, two indicators


def test_it_previews_then_applies_new_and_changed_rows(plan):
    client = plan.cast.client(plan.cast.operator)
    wb = _workbook(client, plan)
    nodes, indicators = wb[NODE_SHEET], wb[INDICATOR_SHEET]
    nc, ic = _columns(nodes), _columns(indicators)
    nodes.append(
        {
            nc["Ref"]: "B1",
            nc["Induk"]: str(plan.tujuan.code),
            nc["Level"]: "sasaran",
            nc["Pernyataan kinerja"]: "Menurunnya prevalensi stunting",
            nc["Jabatan pemilik"]: "Kepala Dinas Kesehatan",
        }
    )
    indicators.append(
        {
            ic["Ref pernyataan"]: "B1",
            ic["Indikator"]: "Prevalensi stunting",
            ic["Satuan"]: "%",
            ic["IKU"]: "Ya",
            ic["Target 2025"]: "20,5",
            ic["Target 2026"]: 18,
        }
    )
    # Change the 2026 target of the existing sasaran indicator.
    for row in indicators.iter_rows(min_row=2):
        if row[ic["Ref indikator"] - 1].value == str(plan.sasaran_indicator.code):
            row[ic["Target 2026"] - 1].value = 55
    before = Node.objects.filter(renstra=plan.renstra).count()
    report = _upload(client, plan, wb).context["report"]
    assert report.errors == []
    actions = {(r.sheet, r.action) for r in report.changed_rows}
    assert (NODE_SHEET, "create") in actions
    assert (INDICATOR_SHEET, "create") in actions
    assert (INDICATOR_SHEET, "change") in actions
    assert Node.objects.filter(renstra=plan.renstra).count() == before, "preview saves nothing"

    response = _apply(client, plan)
    assert response.status_code == 302
    new = Node.objects.get(renstra=plan.renstra, statement="Menurunnya prevalensi stunting")
    assert new.parent_id == plan.tujuan.pk and new.node_level == NodeLevel.SASARAN
    indicator = Indicator.objects.get(node=new)
    assert indicator.is_iku
    assert str(Target.objects.get(indicator=indicator, year=2025).value) == "20.5000"
    assert Target.objects.get(indicator=plan.sasaran_indicator, year=2026).value == 55
    # And the result exports back in the same shape with no changes left to apply.
    again = _upload(client, plan, _workbook(client, plan)).context["report"]
    assert not again.has_changes and not again.errors


def test_it_reports_every_bad_cell_and_saves_nothing(plan):
    client = plan.cast.client(plan.cast.operator)
    wb = _workbook(client, plan)
    nodes, indicators = wb[NODE_SHEET], wb[INDICATOR_SHEET]
    nc, ic = _columns(nodes), _columns(indicators)
    # A year outside the period 2025-2029.
    indicators.cell(row=1, column=indicators.max_column + 1, value="Target 2031")
    year_column = indicators.max_column
    for row in indicators.iter_rows(min_row=2):
        if row[ic["Ref indikator"] - 1].value == str(plan.sasaran_indicator.code):
            row[ic["Target 2027"] - 1].value = "tinggi"  # not a number
            indicators.cell(row=row[0].row, column=year_column, value=90)
            bad_rows = row[0].row
    # An unknown nomenclature code on the program.
    for row in nodes.iter_rows(min_row=2):
        if row[nc["Ref"] - 1].value == str(plan.program.code):
            row[nc["Kode nomenklatur"] - 1].value = "9.99.99"
            program_row = row[0].row
    # A new sasaran hung under another OPD's statement.
    nodes.append(
        {
            nc["Ref"]: "X1",
            nc["Induk"]: str(plan.tujuan2.code),
            nc["Level"]: "sasaran",
            nc["Pernyataan kinerja"]: "Meningkatnya sesuatu",
        }
    )
    before = _state(plan)
    response = _upload(client, plan, wb)
    report = response.context["report"]
    found = {(e.sheet, e.row, e.column) for e in report.errors}
    assert (INDICATOR_SHEET, bad_rows, "Target 2027") in found
    assert (INDICATOR_SHEET, bad_rows, "Target 2031") in found
    assert (NODE_SHEET, program_row, "Kode nomenklatur") in found
    assert (NODE_SHEET, nodes.max_row, "Induk") in found
    messages = " ".join(e.message for e in report.errors)
    assert "2031" in messages and "2025–2029" in messages
    html = response.content.decode()
    assert 'id="import-errors"' in html and "import_apply" not in html
    response = _apply(client, plan)
    assert response.status_code == 200
    assert _state(plan) == before


def test_it_shows_cell_errors_in_indonesian(plan):
    from django.utils import translation

    client = plan.cast.client(plan.cast.operator)
    wb = _workbook(client, plan)
    ic = _columns(wb[INDICATOR_SHEET])
    wb[INDICATOR_SHEET].cell(row=2, column=ic["Target 2025"], value="banyak")
    with translation.override("id"):
        response = client.post(
            reverse("performance:import_upload", args=[plan.renstra.code]),
            {"file": SimpleUploadedFile("renstra.xlsx", _bytes(wb))},
            HTTP_ACCEPT_LANGUAGE="id",
        )
    errors = response.context["report"].errors
    assert errors and errors[0].column == "Target 2025"
    assert "angka" in errors[0].message.lower()


def test_it_refuses_the_import_while_the_renstra_is_locked(plan):
    plan.renstra.status = DocumentStatus.SUBMITTED
    plan.renstra.save(update_fields=["status"])
    client = plan.cast.client(plan.cast.operator)
    wb = _workbook(client, plan)
    before = _state(plan)
    response = _upload(client, plan, wb)
    assert response.status_code == 200
    assert response.context["locked"]
    assert _state(plan) == before


def test_it_refuses_a_file_that_is_not_a_workbook(plan):
    client = plan.cast.client(plan.cast.operator)
    response = client.post(
        reverse("performance:import_upload", args=[plan.renstra.code]),
        {"file": SimpleUploadedFile("renstra.xlsx", b"not a zip")},
    )
    report = response.context["report"]
    assert report.errors and not report.rows


def test_it_exports_the_pemda_tree_with_cascaded_opd_statements(plan):
    client = plan.cast.client(plan.cast.bappeda)
    response = client.get(
        reverse("performance:tree_pemda_xlsx", args=[plan.period.code]), {"year": 2025}
    )
    assert response.status_code == 200
    rows = list(
        load_workbook(io.BytesIO(response.content))["Pohon kinerja Pemda"].iter_rows(
            min_row=2, values_only=True
        )
    )
    statements = [(row[2], (row[3] or "").strip()) for row in rows]
    assert ("Dinas Kesehatan", "Meningkatnya derajat kesehatan masyarakat Kabupaten Contoh") in (
        statements
    )
    assert any(row[5] == "Angka Harapan Hidup" and row[6] == "71.3" for row in rows)
