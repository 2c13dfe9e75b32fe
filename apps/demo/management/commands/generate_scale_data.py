"""`manage.py generate_scale_data --opd 70 --years 5 --seed N`: a province-scale Pemda beside the
demo, for measuring speed at the size real users have (apps.demo.scale, docs/performance.md)."""

from __future__ import annotations

import time

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from apps.demo.scale import digest, generate


class Command(BaseCommand):
    help = (
        "Generate a province-scale Pemda (OPD, trees, indicators, Renja, PK, realisations, LKE "
        "answers) beside the demo. Deterministic for a seed."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--opd", type=int, default=70, help="number of OPD (default 70)")
        parser.add_argument(
            "--years", type=int, default=5, help="years of data, 1 to 5 (default 5)"
        )
        parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
        parser.add_argument(
            "--pemda-name", default="", help='name of the Pemda (default "Provinsi Skala <seed>")'
        )
        parser.add_argument(
            "--digest", action="store_true", help="print a digest of the generated rows at the end"
        )

    def handle(self, *args, **options) -> None:
        if options["opd"] < 1:
            raise CommandError("--opd must be at least 1.")
        started = time.monotonic()
        try:
            summary = generate(
                opd=options["opd"],
                years=options["years"],
                seed=options["seed"],
                pemda_name=options["pemda_name"],
                progress=self.stdout.write,
            )
        except (ValueError, ValidationError) as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            self.style.SUCCESS(
                f"Generated {summary.pemda.name} in {time.monotonic() - started:.1f} s."
            )
        )
        if options["digest"]:
            self.stdout.write(f"digest {digest(summary.pemda)}")
