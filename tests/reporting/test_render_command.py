"""render_lkjip: renders without the web server, from the existing report or, when there is none,
from the live data of the unit and year (creating nothing)."""

from __future__ import annotations

import io

import pytest
from django.core.management import CommandError, call_command
from openpyxl import load_workbook
from pypdf import PdfReader

from apps.reporting.models import Report
from tests.reporting.content_fixtures import YEAR, build_content_world, record

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(cast):
    cworld = build_content_world(cast)
    record(cast, cworld.plan.sasaran_indicator, 1, "11,875")  # 95.00 %
    return cworld


def _run(*args) -> str:
    out = io.StringIO()
    call_command("render_lkjip", *args, stdout=out)
    return out.getvalue()


def test_it_renders_an_opd_report_to_a_file(cast, world, tmp_path):
    target = tmp_path / "dinkes.pdf"
    printed = _run(
        "--pemda",
        "Kabupaten Contoh",
        "--opd",
        cast.opd1.opd_code,
        "--year",
        str(YEAR),
        "--format",
        "pdf",
        "--out",
        str(target),
    )
    reader = PdfReader(target)
    text = "\n".join(p.extract_text() for p in reader.pages)
    assert "BAB III AKUNTABILITAS KINERJA" in text and "95,00%" in text
    assert f"{len(reader.pages)} pages" in printed and " s (report)" in printed
    assert not list(tmp_path.glob("*.part"))


def test_every_opd_to_a_directory_from_live_data_without_creating_reports(cast, world, tmp_path):
    before = Report.objects.count()
    printed = _run(
        "--pemda",
        str(cast.pemda.code),
        "--all-opd",
        "--year",
        str(YEAR),
        "--format",
        "xlsx",
        "--out",
        str(tmp_path / "out"),
    )
    files = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert files == ["lkjip-2026-dinas-kesehatan.xlsx", "lkjip-2026-dinas-pendidikan.xlsx"]
    assert "live data, no report yet" in printed  # Dinas Pendidikan has no report
    assert Report.objects.count() == before
    wb = load_workbook(tmp_path / "out" / "lkjip-2026-dinas-kesehatan.xlsx")
    assert "Lampiran 3. Formulir Pengukuran" in wb.sheetnames


def test_the_pemda_report_by_short_name(cast, world, tmp_path):
    printed = _run(
        "--pemda", "Contoh", "--year", str(YEAR), "--format", "docx", "--out", str(tmp_path) + "/"
    )
    assert (tmp_path / "lkjip-2026-kabupaten-contoh.docx").exists()
    assert "(report)" in printed


def test_unknown_units_are_refused(cast, world, tmp_path):
    with pytest.raises(CommandError, match="no single Pemda"):
        _run("--pemda", "Atlantis", "--year", str(YEAR), "--out", str(tmp_path))
    with pytest.raises(CommandError, match="no single OPD"):
        _run(
            "--pemda",
            "Contoh",
            "--opd",
            "Dinas Kesehatan Kota Lain",
            "--year",
            str(YEAR),
            "--out",
            str(tmp_path),
        )
