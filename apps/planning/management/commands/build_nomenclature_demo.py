"""Write fixtures/nomenclature_demo.xlsx from apps.planning.demo_nomenclature (reproducible)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

from apps.core.excel import add_sheet, new_workbook, workbook_bytes
from apps.planning import demo_nomenclature

DEFAULT_OUTPUT = Path(settings.BASE_DIR) / "fixtures" / "nomenclature_demo.xlsx"


def build_workbook_bytes() -> bytes:
    wb = new_workbook()
    add_sheet(
        wb,
        "Nomenklatur",
        ["kode", "nama", "keputusan"],
        [(code, name, demo_nomenclature.DECREE) for code, name in demo_nomenclature.rows()],
        widths=[22, 100, 45],
    )
    # Fixed document dates, so that rebuilding gives the same content.
    fixed = dt.datetime(2021, 10, 19)
    wb.properties.created = fixed
    wb.properties.modified = fixed
    wb.properties.creator = "SAKIP"
    return workbook_bytes(wb)


class Command(BaseCommand):
    help = "Write the demo nomenclature spreadsheet (kode, nama, keputusan) from the data module."

    def add_arguments(self, parser):
        parser.add_argument("--output", default=str(DEFAULT_OUTPUT))

    def handle(self, *args, **options):
        output = Path(options["output"])
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_bytes(build_workbook_bytes())
        self.stdout.write(f"wrote {len(demo_nomenclature.rows())} rows to {output}")
