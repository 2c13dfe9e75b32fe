"""LKE templates as .xlsx: the export, the import into a new local template (round trip), and
the all-or-nothing refusal with errors per sheet, row and column."""

from __future__ import annotations

import io

import pytest
from django.core.exceptions import PermissionDenied
from openpyxl import load_workbook

from apps.evaluation import excel, selectors, services
from apps.evaluation.models import Criterion, LkeTemplate

pytestmark = pytest.mark.django_db


@pytest.fixture
def template(cast):
    services.templates_install(pemda=cast.pemda)
    return LkeTemplate.objects.get(pemda=cast.pemda, key="permenpanrb-88-2021")


def edited(content: bytes, sheet: str, changes: dict[tuple[int, str], object]) -> bytes:
    """The workbook with cells changed: (row, header) → value."""
    wb = load_workbook(io.BytesIO(content))
    ws = wb[sheet]
    headers = [c.value for c in ws[1]]
    for (row, header), value in changes.items():
        ws.cell(row=row, column=headers.index(header) + 1).value = value
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def count() -> int:
    return LkeTemplate.objects.count()


def test_it_exports_every_criterion_with_its_structure(template):
    content = excel.template_workbook(template=template)
    wb = load_workbook(io.BytesIO(content))
    assert wb.sheetnames == [excel.INFO_SHEET, excel.SCALE_SHEET, excel.CRITERIA_SHEET]
    rows = list(wb[excel.CRITERIA_SHEET].iter_rows(values_only=True))
    assert rows[0] == tuple(excel.CRITERIA_HEADERS)
    assert len(rows) == 81
    first = dict(zip(rows[0], rows[1], strict=True))
    assert first[excel.C_COMP] == 1 and first[excel.C_COMP_WEIGHT] == 30
    assert first[excel.C_SUB] == "a" and first[excel.C_SCALE] == "yt"
    assert first[excel.C_TEXT] == "Terdapat pedoman teknis perencanaan kinerja."
    assert first[excel.C_EVIDENCE] == "Pedoman teknis perencanaan kinerja; SK"
    assert {r[5] for r in rows[1:] if r[0] == 3 and r[3] == "b"} == {4.5}
    scales = list(wb[excel.SCALE_SHEET].iter_rows(values_only=True))
    assert ("ae", "A/B/C/D/E", "B", 0.75) in scales


def test_it_imports_an_exported_template_as_a_new_local_template(cast, template):
    content = excel.template_workbook(template=template)
    before = count()
    result = excel.template_import(
        actor=cast.admin, pemda_id=cast.pemda.pk, content=content, name="LKE impor"
    )
    assert result.report.errors == []
    assert result.report.applied and len(result.report.rows) == 80
    new = result.template
    assert count() == before + 1
    assert (new.name, new.key, new.is_default, new.is_locked) == ("LKE impor", "", False, False)
    assert new.regulation == template.regulation
    original, copied = selectors.template_data(template), selectors.template_data(new)
    assert copied["components"] == original["components"]
    assert copied["scales"] == original["scales"]
    assert services.check_weights(new) == []


def test_it_previews_without_creating_anything(cast, template):
    content = excel.template_workbook(template=template)
    before = count()
    result = excel.template_import(
        actor=cast.admin, pemda_id=cast.pemda.pk, content=content, name="Pratinjau", apply=False
    )
    assert result.report.errors == [] and not result.report.applied
    assert len(result.report.rows) == 80 and result.template is None
    assert count() == before


def test_it_reports_every_bad_row_and_creates_nothing(cast, template):
    content = excel.template_workbook(template=template)
    bad = edited(
        content,
        excel.CRITERIA_SHEET,
        {
            (2, excel.C_COMP_WEIGHT): "tiga puluh",
            (3, excel.C_SCALE): "xyz",
            (4, excel.C_AUTOFILL): "guess_the_score",
            (5, excel.C_TEXT): None,
            (6, excel.C_COMP): "satu",
            (7, excel.C_SUB_WEIGHT): 101,
        },
    )
    before, criteria = count(), Criterion.objects.count()
    result = excel.template_import(
        actor=cast.admin, pemda_id=cast.pemda.pk, content=bad, name="Rusak"
    )
    errors = {(e.sheet, e.row, e.column): e.message for e in result.report.errors}
    assert errors == {
        ("Kriteria", 2, excel.C_COMP_WEIGHT): "Enter the weight as a number.",
        ("Kriteria", 3, excel.C_SCALE): "The scale xyz is not on the sheet Skala.",
        ("Kriteria", 4, excel.C_AUTOFILL): "guess_the_score is not a data check the system knows.",
        ("Kriteria", 5, excel.C_TEXT): "This field is required.",
        ("Kriteria", 6, excel.C_COMP): "Enter the component number (1, 2, …).",
        ("Kriteria", 7, excel.C_SUB_WEIGHT): "A weight lies above 0 and at most 100.",
    }
    assert not result.report.applied and result.template is None
    assert (count(), Criterion.objects.count()) == (before, criteria)


def test_it_refuses_inconsistent_component_rows(cast, template):
    content = excel.template_workbook(template=template)
    bad = edited(content, excel.CRITERIA_SHEET, {(3, excel.C_COMP_WEIGHT): 31})
    result = excel.template_import(
        actor=cast.admin, pemda_id=cast.pemda.pk, content=bad, name="Rusak"
    )
    assert [(e.row, e.message) for e in result.report.errors] == [
        (3, "Component 1 has another name or weight on an earlier row.")
    ]


def test_it_refuses_weights_that_do_not_add_up(cast, template):
    content = excel.template_workbook(template=template)
    # component 4 becomes 20 on all its 13 rows (rows 69–81): consistent, but 95 in all
    bad = edited(
        content, excel.CRITERIA_SHEET, {(r, excel.C_COMP_WEIGHT): 20 for r in range(69, 82)}
    )
    before = count()
    result = excel.template_import(
        actor=cast.admin, pemda_id=cast.pemda.pk, content=bad, name="Bobot salah"
    )
    messages = [e.message for e in result.report.errors]
    assert "The component weights add up to 95.00 instead of 100." in messages
    assert (
        "The sub-components of component 4 add up to 25.00 instead of its weight 20.00." in messages
    )
    assert count() == before and not result.report.applied


def test_it_refuses_answer_values_outside_0_to_1_and_duplicate_answers(cast, template):
    content = excel.template_workbook(template=template)
    bad = edited(content, excel.SCALE_SHEET, {(2, excel.S_VALUE): 1.5, (4, excel.S_ANSWER): "A"})
    result = excel.template_import(
        actor=cast.admin, pemda_id=cast.pemda.pk, content=bad, name="Skala salah"
    )
    assert [(e.sheet, e.row, e.column, e.message) for e in result.report.errors] == [
        ("Skala", 2, "Nilai", "Enter the value as a number between 0 and 1."),
        ("Skala", 4, "Jawaban", "The answer A is listed twice."),
    ]


def test_it_refuses_a_file_that_is_not_a_workbook(cast, template):
    before = count()
    result = excel.template_import(
        actor=cast.admin, pemda_id=cast.pemda.pk, content=b"%PDF-1.4 not excel", name="X"
    )
    assert [e.message for e in result.report.errors] == [
        "This file is not a readable .xlsx workbook."
    ]
    assert count() == before


def test_it_refuses_a_workbook_without_the_criteria_sheet(cast, template):
    from apps.core.excel import add_sheet, new_workbook, workbook_bytes

    wb = new_workbook()
    add_sheet(wb, excel.SCALE_SHEET, [excel.S_KEY, excel.S_ANSWER, excel.S_VALUE], [("yt", "Y", 1)])
    result = excel.template_import(
        actor=cast.admin, pemda_id=cast.pemda.pk, content=workbook_bytes(wb), name="X"
    )
    assert [e.message for e in result.report.errors] == [
        "The workbook has no sheet named Kriteria."
    ]


def test_it_keeps_formula_like_text_as_text_both_ways(cast, template):
    clone = services.template_clone(actor=cast.admin, template=template, name="Rumus")
    crit = Criterion.objects.filter(sub_component__component__template=clone).first()
    services.criterion_update(
        actor=cast.admin, criterion=crit, expected_version=1, text='=HYPERLINK("http://x")'
    )
    content = excel.template_workbook(template=clone)
    ws = load_workbook(io.BytesIO(content))[excel.CRITERIA_SHEET]
    cell = ws.cell(row=2, column=excel.CRITERIA_HEADERS.index(excel.C_TEXT) + 1)
    assert cell.data_type == "s" and cell.value == '\'=HYPERLINK("http://x")'
    result = excel.template_import(
        actor=cast.admin, pemda_id=cast.pemda.pk, content=content, name="Rumus 2"
    )
    assert result.report.errors == []
    first = Criterion.objects.filter(sub_component__component__template=result.template).first()
    assert first.text == '=HYPERLINK("http://x")'


@pytest.mark.parametrize("who", ["operator", "evaluator", "viewer", "outsider"])
def test_it_lets_only_template_managers_import(cast, template, who):
    content = excel.template_workbook(template=template)
    before = count()
    with pytest.raises(PermissionDenied):
        excel.template_import(
            actor=getattr(cast, who), pemda_id=cast.pemda.pk, content=content, name="X"
        )
    assert count() == before


def test_it_asks_for_a_name(cast, template):
    content = excel.template_workbook(template=template)
    result = excel.template_import(
        actor=cast.lead, pemda_id=cast.pemda.pk, content=content, name=" "
    )
    assert [e.message for e in result.report.errors] == ["Give the new template a name."]
