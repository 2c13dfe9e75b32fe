"""Send the measurement reminders due today (for cron, e.g. daily at 07:00):

    0 7 * * * cd /srv/sakip && .venv/bin/python manage.py send_reminders

Running it twice sends nothing twice (apps/measurement/reminders.py)."""

from __future__ import annotations

import datetime as dt

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from apps.measurement.reminders import reminders_send


class Command(BaseCommand):
    help = "Remind operators before a quarter window closes and verifiers of waiting items."

    def add_arguments(self, parser):
        parser.add_argument("--date", help="Act as if today were this date (YYYY-MM-DD).")
        parser.add_argument(
            "--dry-run", action="store_true", help="Show what would be sent; change nothing."
        )

    def handle(self, *args, **options):
        today = timezone.localdate()
        if options["date"]:
            try:
                today = dt.date.fromisoformat(options["date"])
            except ValueError as exc:
                raise CommandError("--date must be YYYY-MM-DD.") from exc
        summary = reminders_send(today=today, dry_run=options["dry_run"])
        for line in summary.lines:
            self.stdout.write(line)
        prefix = "Dry run: would send" if summary.dry_run else "Sent"
        self.stdout.write(
            f"{prefix} {summary.window_new} window reminders and {summary.verify_new} verifier "
            f"reminders to {summary.recipients} users ({summary.emails} emails) on "
            f"{today.isoformat()}; {summary.already_sent} already sent earlier; "
            f"{summary.failed} failed."
        )
        if summary.failed:
            raise CommandError(f"{summary.failed} recipients could not be reached; run again.")
