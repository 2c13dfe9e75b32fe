"""Install the shipped LKE templates (PermenPANRB 88/2021 and 12/2015) for every Pemda, or for
one. Idempotent: run it after a deploy or when a Pemda is added."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from apps.evaluation.services import templates_install
from apps.organisations.models import OrgUnit, UnitType


class Command(BaseCommand):
    help = "Install the shipped LKE templates for every Pemda (or the one given by --pemda)."

    def add_arguments(self, parser):
        parser.add_argument("--pemda", help="The code (UUID) or exact name of one Pemda.")

    def handle(self, *args, **options):
        pemdas = OrgUnit.objects.filter(unit_type=UnitType.PEMDA, parent__isnull=True)
        wanted = options.get("pemda")
        if wanted:
            by_name = pemdas.filter(name=wanted)
            try:
                pemdas = by_name if by_name.exists() else pemdas.filter(code=wanted)
                found = list(pemdas)
            except Exception as exc:  # a malformed UUID
                raise CommandError(f"No Pemda {wanted!r}.") from exc
            if not found:
                raise CommandError(f"No Pemda {wanted!r}.")
        for pemda in pemdas.order_by("name"):
            created = templates_install(pemda=pemda)
            names = ", ".join(t.name for t in created) or "nothing new"
            self.stdout.write(f"{pemda.name}: {names}")
