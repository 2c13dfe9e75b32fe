"""Import a Kemendagri nomenclature decree from its spreadsheet (columns kode, nama)."""

from __future__ import annotations

from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from apps.planning import services
from apps.planning.nomenclature import ImportRefused, parse_issued_on


class Command(BaseCommand):
    help = (
        "Import the nomenclature list of a decree from an .xlsx (columns kode and nama; the "
        "decree named with --decree or in a keputusan column). The new decree becomes current; "
        "nothing is imported when any row is wrong."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="path to the .xlsx")
        parser.add_argument("--decree", default="", help='e.g. "Kepmendagri 900.1.15.5-3406/2024"')
        parser.add_argument("--issued-on", default="", help="YYYY-MM-DD")

    def handle(self, *args, **options):
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"no such file: {path}")
        try:
            issued_on = parse_issued_on(options["issued_on"])
            decree = services.nomenclature_import(
                actor=None,
                content=path.read_bytes(),
                decree=options["decree"],
                issued_on=issued_on,
            )
        except ImportRefused as exc:
            for error in exc.errors:
                self.stderr.write(str(error))
            raise CommandError(f"{len(exc.errors)} error(s); nothing was imported") from exc
        except ValidationError as exc:
            raise CommandError("; ".join(exc.messages)) from exc
        count = decree.items.count()
        self.stdout.write(f"imported {count} items of {decree.name} (now current)")
