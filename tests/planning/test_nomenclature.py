"""The Kemendagri code format, the spreadsheet import (all-or-nothing, errors per row and cell),
versioning by decree, the management commands and the demo spreadsheet."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from apps.organisations.models import PlanPeriod  # noqa: F401  (keeps the app registry warm)
from apps.performance import services as perf_services
from apps.performance.models import Node, NodeLevel
from apps.planning import demo_nomenclature, services
from apps.planning.management.commands.build_nomenclature_demo import build_workbook_bytes
from apps.planning.models import NomenclatureDecree, NomenclatureItem
from apps.planning.nomenclature import (
    CodeError,
    ImportRefused,
    level_of,
    parent_code,
    parse_workbook,
)
from apps.planning.selectors import nomenclature_item_by_code, nomenclature_list
from tests.planning.nomenclature_data import SMALL, workbook

DEMO_XLSX = Path(settings.BASE_DIR) / "fixtures" / "nomenclature_demo.xlsx"


@pytest.mark.parametrize(
    ("code", "level"),
    [
        ("1", "urusan"),
        ("1.02", "bidang"),
        ("1.02.02", "program"),
        ("1.02.02.2.01", "kegiatan"),
        ("1.02.02.2.01.0001", "subkegiatan"),
        ("8.01.06.1.01", "kegiatan"),
    ],
)
def test_it_recognises_the_level_of_each_code(code, level):
    assert level_of(code) == level


@pytest.mark.parametrize(
    ("code", "fragment"),
    [
        ("", "empty"),
        ("0", "1 to 9"),
        ("1.2", "2 digit"),
        ("1.02.2", "2 digit"),
        ("1.02.02.2", "level digit and the kegiatan number"),
        ("1.02.02.3.01", "level digit must be 1"),
        ("1.02.02.2.01.001", "4 digit"),
        ("1.02.02.2.01.0001.1", "too many"),
        ("1.00", "cannot be zero"),
        ("1.02.02.2.01.0000", "cannot be zero"),
        ("1.0a", "2 digit"),
    ],
)
def test_it_refuses_malformed_codes_with_the_reason(code, fragment):
    with pytest.raises(CodeError) as exc:
        level_of(code)
    assert fragment in str(exc.value)


def test_it_derives_the_parent_code_with_the_level_digit_going_with_the_kegiatan():
    assert parent_code("1") is None
    assert parent_code("1.02") == "1"
    assert parent_code("1.02.02") == "1.02"
    assert parent_code("1.02.02.2.01") == "1.02.02"
    assert parent_code("1.02.02.2.01.0001") == "1.02.02.2.01"


def test_it_imports_a_decree_with_its_parent_chain(db):
    decree = services.nomenclature_import(
        actor=None,
        content=workbook(),
        decree="Kepmendagri 050-5889/2021",
        issued_on=dt.date(2021, 10, 19),
    )
    assert decree.is_current
    assert decree.items.count() == len(SMALL)
    sub = NomenclatureItem.objects.get(decree=decree, code="1.02.02.2.01.0002")
    assert sub.level == "subkegiatan"
    assert sub.parent.code == "1.02.02.2.01"
    assert sub.parent.parent.code == "1.02.02"
    assert sub.parent.parent.parent.parent.code == "1"
    assert nomenclature_item_by_code("1.02.02").name.startswith("PROGRAM PEMENUHAN")
    assert [i.code for i in nomenclature_list(level="kegiatan", parent_code="1.02.02")] == [
        "1.02.02.1.01",
        "1.02.02.2.01",
        "1.02.02.2.02",
    ]


def test_it_reads_the_decree_from_the_sheet_when_not_given(db):
    decree = services.nomenclature_import(actor=None, content=workbook(decree="Kepmendagri X/2021"))
    assert decree.name == "Kepmendagri X/2021"


def test_it_refuses_a_file_with_errors_per_row_and_cell_and_saves_nothing(db):
    rows = [
        ("1", "URUSAN"),
        ("1.02", "BIDANG KESEHATAN"),
        ("1.02.02", "PROGRAM A"),
        ("1.02.02.3.01", "Kegiatan salah level"),  # row 5: level digit
        ("1.02.09.2.01", "Kegiatan tanpa program"),  # row 6: parent missing
        ("1.02.02", "PROGRAM A lagi"),  # row 7: duplicate
        ("1.03", ""),  # row 8: empty name; parent 1 exists
    ]
    with pytest.raises(ImportRefused) as exc:
        services.nomenclature_import(actor=None, content=workbook(rows), decree="Kepmendagri Y")
    errors = {(e.row, e.column): e.message for e in exc.value.errors}
    assert "level digit" in errors[(5, "kode")]
    assert "1.02.09" in errors[(6, "kode")]
    assert "twice" in errors[(7, "kode")]
    assert "empty" in errors[(8, "nama")]
    assert any("Row 5, column kode" in m for m in exc.value.messages)
    assert NomenclatureDecree.objects.count() == 0
    assert NomenclatureItem.objects.count() == 0


def test_it_refuses_a_file_without_the_code_and_name_columns(db):
    with pytest.raises(ImportRefused) as exc:
        services.nomenclature_import(actor=None, content=workbook(headers=("a", "b")), decree="K")
    assert "kode" in exc.value.messages[0]


def test_it_refuses_an_unreadable_file_and_a_missing_decree_name(db):
    with pytest.raises(ImportRefused) as exc:
        services.nomenclature_import(actor=None, content=b"not a workbook", decree="K")
    assert "xlsx" in exc.value.messages[0]
    with pytest.raises(ImportRefused) as exc:
        services.nomenclature_import(actor=None, content=workbook())
    assert "decree" in " ".join(exc.value.messages)


def test_it_tells_that_a_code_stored_as_a_number_lost_its_zero(db):
    rows = [("1", "URUSAN"), (1.1, "BIDANG")]
    result = parse_workbook(workbook(rows), decree="K")
    assert result.errors[0].row == 3
    assert "text" in result.errors[0].message


def test_it_versions_the_list_by_decree_without_breaking_existing_links(cast):
    from tests.performance.conftest import build_plan

    plan = build_plan(cast)  # imports the first decree and links the tree to it
    old_item = plan.program.nomenclature
    renamed = [(c, n.upper() if c == "1.02.02" else n) for c, n in SMALL[:-1]]
    new = services.nomenclature_import(
        actor=cast.admin,
        content=workbook(renamed),
        decree="Kepmendagri 900.1.15.5-3406/2024",
        issued_on=dt.date(2024, 6, 1),
    )
    old_item.refresh_from_db()
    assert new.is_current
    assert not NomenclatureDecree.objects.get(pk=old_item.decree_id).is_current
    assert old_item.successor.decree == new
    assert old_item.successor.code == "1.02.02"
    # The removed item has no successor; the tree still points at the old items.
    gone = NomenclatureItem.objects.get(decree=old_item.decree, code=SMALL[-1][0])
    assert gone.successor is None
    program = Node.objects.get(pk=plan.program.pk)
    assert program.nomenclature_id == old_item.pk
    # New statements are made with the new decree's items.
    kegiatan = perf_services.node_create(
        actor=None,
        parent=plan.program,
        node_level=NodeLevel.KEGIATAN,
        nomenclature="1.02.02.2.02",
        owner_position=cast.kasi1,
    )
    assert kegiatan.nomenclature.decree == new


def test_it_refuses_to_import_a_decree_twice_or_an_older_one(db):
    services.nomenclature_import(
        actor=None, content=workbook(), decree="K 2024", issued_on=dt.date(2024, 1, 1)
    )
    with pytest.raises(ImportRefused, match="already been imported"):
        services.nomenclature_import(actor=None, content=workbook(), decree="K 2024")
    with pytest.raises(ImportRefused, match="only a newer decree"):
        services.nomenclature_import(
            actor=None, content=workbook(), decree="K 2020", issued_on=dt.date(2020, 1, 1)
        )
    assert NomenclatureDecree.objects.count() == 1


def test_it_imports_from_the_command_line(db, tmp_path, capsys):
    path = tmp_path / "list.xlsx"
    path.write_bytes(workbook())
    call_command("import_nomenclature", str(path), decree="K 1", issued_on="2021-10-19")
    decree = NomenclatureDecree.objects.get(name="K 1")
    assert decree.issued_on == dt.date(2021, 10, 19)
    assert "imported" in capsys.readouterr().out
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(workbook([("1.02", "BIDANG")]))
    with pytest.raises(CommandError, match="nothing was imported"):
        call_command("import_nomenclature", str(bad), decree="K 2")
    assert "Row 2, column kode" in capsys.readouterr().err


def test_it_ships_a_realistic_demo_list_for_a_kabupaten(db):
    rows = demo_nomenclature.rows()
    assert len(rows) >= 300
    codes = dict(rows)
    for bidang in [
        "1.01",
        "1.02",
        "1.03",
        "1.04",
        "1.05",
        "1.06",
        "2.07",
        "2.08",
        "2.09",
        "2.11",
        "2.12",
        "2.13",
        "2.15",
        "2.16",
        "2.17",
        "2.18",
        "2.19",
        "2.23",
        "2.24",
        "3.25",
        "3.26",
        "3.27",
        "3.30",
        "3.31",
        "4.01",
        "4.02",
        "5.01",
        "5.02",
        "5.03",
        "5.05",
        "6.01",
        "7.01",
        "8.01",
    ]:
        assert codes[f"{bidang}.01"] == (
            "PROGRAM PENUNJANG URUSAN PEMERINTAHAN DAERAH KABUPATEN/KOTA"
        )
        assert len(demo_nomenclature.programs_of(bidang)) >= 2
    assert all(c.split(".")[3] == "2" for c, _n in rows if c.count(".") >= 4)
    # The committed spreadsheet is what the data module builds, and it imports cleanly.
    assert (
        parse_workbook(build_workbook_bytes()).rows == parse_workbook(DEMO_XLSX.read_bytes()).rows
    )
    decree = services.nomenclature_import(actor=None, content=DEMO_XLSX.read_bytes())
    assert decree.name == demo_nomenclature.DECREE
    assert decree.items.count() == len(rows)


def test_it_reports_import_errors_in_indonesian_by_default(db):
    from django.utils import translation

    with translation.override("id"), pytest.raises(ImportRefused) as exc:
        services.nomenclature_import(
            actor=None, content=workbook([("1", "URUSAN"), ("1.02.02.3.01", "X")]), decree="K"
        )
    assert "Baris 3, kolom kode" in " ".join(exc.value.messages)
    assert "Digit tingkat pemerintahan" in " ".join(exc.value.messages)
