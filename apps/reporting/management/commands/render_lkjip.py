"""Render LKjIPs without the web server.

    manage.py render_lkjip --pemda "Kabupaten Contoh" --opd 1.02.0.00.0.00.01 --year 2026 \
        --format pdf --out lkjip.pdf
    manage.py render_lkjip --pemda Contoh --all-opd --year 2026 --format docx --out out/
    manage.py render_lkjip --pemda Contoh --year 2026            # the Pemda's own LKjIP

--pemda takes the Pemda's code (UUID), name or short name; --opd an OPD's code (UUID), OPD code
(kode OPD) or name; without --opd (and without --all-opd) the Pemda's report is rendered. The
existing report of that unit and year is rendered (its frozen snapshot once published, else the
live data with its narratives); when there is no report yet, the live content of the unit and
year is rendered without narratives, and no report row is created. Nothing is stored in the
database. --out is a file (one report) or a directory (created if missing); each rendering
prints its pages, size and seconds.
"""

from __future__ import annotations

import contextlib
import time
import uuid
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db.models import Q

from apps.organisations.models import OrgUnit, UnitType
from apps.reporting.models import FileFormat, Report, ReportKind


def _by_code_or_name(queryset, value: str, *extra: str) -> OrgUnit | None:
    """The one unit whose code, name, short name (or `extra` field) is `value`; None when no
    unit or several match."""
    q = Q(name__iexact=value) | Q(short_name__iexact=value)
    for field in extra:
        q |= Q(**{field: value})
    with contextlib.suppress(ValueError):
        q |= Q(code=uuid.UUID(value))
    found = list(queryset.filter(q)[:2])
    return found[0] if len(found) == 1 else None


class Command(BaseCommand):
    help = "Render the LKjIP of an OPD, of every OPD or of the Pemda as PDF, DOCX or Excel."

    def add_arguments(self, parser):
        parser.add_argument("--pemda", required=True, help="Pemda code, name or short name")
        target = parser.add_mutually_exclusive_group()
        target.add_argument("--opd", help="OPD code, kode OPD or name (omit: the Pemda's LKjIP)")
        target.add_argument("--all-opd", action="store_true", help="every OPD of the Pemda")
        parser.add_argument("--year", type=int, required=True)
        parser.add_argument("--format", choices=FileFormat.values, default="pdf")
        parser.add_argument("--out", required=True, help="output file, or a directory")

    def handle(self, *args, **options):
        from apps.reporting.content import content_for
        from apps.reporting.render import file_name, render

        pemda = _by_code_or_name(OrgUnit.objects.filter(unit_type=UnitType.PEMDA), options["pemda"])
        if pemda is None:
            raise CommandError(f"no single Pemda matches {options['pemda']!r}")
        opds = OrgUnit.objects.filter(pemda_id=pemda.pk, unit_type=UnitType.OPD)
        if options["all_opd"]:
            units = list(opds.order_by("lft"))
        elif options["opd"]:
            opd = _by_code_or_name(opds, options["opd"], "opd_code")
            if opd is None:
                raise CommandError(f"no single OPD of {pemda.name} matches {options['opd']!r}")
            units = [opd]
        else:
            units = [None]
        fmt, year = options["format"], options["year"]
        out = Path(options["out"])
        to_dir = len(units) > 1 or out.is_dir() or options["out"].endswith(("/", "\\"))
        if to_dir:
            out.mkdir(parents=True, exist_ok=True)
        existing = {
            r.opd_id: r
            for r in Report.objects.filter(pemda_id=pemda.pk, year=year).select_related(
                "opd", "pemda"
            )
        }
        for unit in units:
            report = existing.get(unit.pk if unit else None) or Report(
                pemda=pemda,
                opd=unit,
                kind=ReportKind.OPD if unit else ReportKind.PEMDA,
                year=year,
            )
            started = time.perf_counter()
            content = content_for(report)
            result = render(content, fmt)
            target = out / file_name(content, fmt) if to_dir else out
            partial = target.with_name(target.name + ".part")
            partial.write_bytes(result.data)
            partial.replace(target)  # never a half-written file under the final name
            seconds = time.perf_counter() - started
            pages = f"{result.pages} pages, " if result.pages else ""
            source = "report" if report.pk else "live data, no report yet"
            self.stdout.write(
                f"{target}: {pages}{len(result.data)} bytes, {seconds:.1f} s ({source})"
            )
