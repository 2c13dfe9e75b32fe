"""`manage.py load_demo`: the demo Pemda, its organisation, people and logins, then its plans
(RPJMD, Renstra, Renja), the Perjanjian Kinerja and three quarters of realisations. Idempotent:
each part does nothing when it is already there."""

from __future__ import annotations

import time

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from apps.agreements.demo import load_pk_demo
from apps.evaluation.demo import load_evaluation_demo
from apps.measurement.demo import load_measurement_demo
from apps.organisations.demo import (
    DEMO_PASSWORD,
    DEMO_USERS,
    PEMDA_NAME,
    SECOND_PEMDA_NAME,
    load_demo,
)
from apps.organisations.models import OrgUnit, Person, Position, UnitType
from apps.performance.demo import load_planning_demo
from apps.reporting.demo import load_reporting_demo


class Command(BaseCommand):
    help = (
        f"Load the demo data ({PEMDA_NAME} and {SECOND_PEMDA_NAME}, their organisation, people, "
        "plan period and demo logins). Does nothing when the demo data is already there."
    )

    def handle(self, *args, **options) -> None:
        started = time.monotonic()
        try:
            result = load_demo()
        except ValidationError as exc:
            raise CommandError("; ".join(exc.messages)) from exc
        if result.created:
            pemda = result.pemda
            self.stdout.write(
                self.style.SUCCESS(
                    f"Loaded {pemda.name}: "
                    f"{OrgUnit.objects.filter(pemda=pemda, unit_type=UnitType.OPD).count()} OPD, "
                    f"{OrgUnit.objects.filter(pemda=pemda).count()} units, "
                    f"{Position.objects.filter(pemda=pemda).count()} positions, "
                    f"{Person.objects.filter(pemda=pemda).count()} people "
                    f"(and {SECOND_PEMDA_NAME}) in {time.monotonic() - started:.1f} s."
                )
            )
        else:
            self.stdout.write(f"The demo organisation is already loaded ({result.pemda.name}).")
        started = time.monotonic()
        try:
            plans = load_planning_demo(result.pemda)
        except ValidationError as exc:
            raise CommandError("; ".join(exc.messages)) from exc
        if plans.created:
            self.stdout.write(
                self.style.SUCCESS(
                    "Loaded the plans (RPJMD, Renstra, Renja) in "
                    f"{time.monotonic() - started:.1f} s."
                )
            )
        else:
            self.stdout.write("The demo plans are already loaded; unchanged.")
        started = time.monotonic()
        agreements = load_pk_demo(result.pemda)
        if agreements.created:
            self.stdout.write(
                self.style.SUCCESS(
                    f"Loaded the PK 2026: {len(agreements.signed)} signed (with PDFs), "
                    f"{agreements.waiting} waiting, {agreements.drafts} drafts, "
                    f"{1 if agreements.revision else 0} revision in "
                    f"{time.monotonic() - started:.1f} s."
                )
            )
        else:
            self.stdout.write("The demo PKs are already loaded; unchanged.")
        started = time.monotonic()
        measurement = load_measurement_demo(result.pemda)
        if measurement.created:
            self.stdout.write(
                self.style.SUCCESS(
                    f"Loaded the realisations 2026 (TW I–III): {measurement.realisations} rows "
                    f"({measurement.by_status.get('verified', 0)} verified, "
                    f"{measurement.by_status.get('submitted', 0)} submitted, "
                    f"{measurement.returned} returned), {len(measurement.late_opds)} OPDs late, "
                    f"{measurement.budget_rows} budget rows in {time.monotonic() - started:.1f} s."
                )
            )
        else:
            self.stdout.write("The demo realisations are already loaded; unchanged.")
        started = time.monotonic()
        reporting = load_reporting_demo(result.pemda)
        if reporting.created:
            self.stdout.write(
                self.style.SUCCESS(
                    f"Published {len(reporting.publications)} documents to the portal for 2026 "
                    f"and started {len(reporting.reports)} LKjIP 2026 reports in "
                    f"{time.monotonic() - started:.1f} s."
                )
            )
        else:
            self.stdout.write("The demo publications are already loaded; unchanged.")
        started = time.monotonic()
        evaluation = load_evaluation_demo(result.pemda)
        if evaluation.created:
            grades = ", ".join(f"{g} {n}" for g, n in sorted(evaluation.grades.items()))
            self.stdout.write(
                self.style.SUCCESS(
                    f"Loaded the evaluation rounds: 2025 finished ({grades}; "
                    f"{evaluation.recommendations} recommendations, {evaluation.followed_up} "
                    f"followed up{', published' if evaluation.published else ''}), 2026 in "
                    f"progress ({evaluation.in_evaluation} OPDs in evaluation) in "
                    f"{time.monotonic() - started:.1f} s."
                )
            )
        else:
            self.stdout.write("The demo evaluation rounds are already loaded; unchanged.")
        self.stdout.write(f"Demo logins (password for all: {DEMO_PASSWORD}):")
        width = max(len(u.username) for u in DEMO_USERS)
        for user in DEMO_USERS:
            self.stdout.write(f"  {user.username:<{width}}  {user.role:<15} {user.description}")
