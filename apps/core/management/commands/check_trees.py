"""Verify every django-mptt tree; optionally rebuild one. Exit status 1 when a fault is found."""

from __future__ import annotations

from django.apps import apps
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from apps.core.trees import check_all, check_model, mptt_models, rebuild_tree


class Command(BaseCommand):
    help = "Check the left/right/level/parent consistency of every tree; --rebuild repairs one."

    def add_arguments(self, parser):
        parser.add_argument("--model", help="app_label.Model to check or rebuild")
        parser.add_argument("--tree", type=int, help="tree id to rebuild (with --rebuild)")
        parser.add_argument("--rebuild", action="store_true", help="rebuild the tree given")

    def handle(self, *args, **options):
        if options["rebuild"]:
            if not options["model"] or options["tree"] is None:
                raise CommandError("--rebuild needs --model and --tree")
            model = apps.get_model(options["model"])
            with transaction.atomic():
                rebuild_tree(model, options["tree"])
            self.stdout.write(f"rebuilt {model._meta.label} tree {options['tree']}")
        if options["model"]:
            faults = check_model(apps.get_model(options["model"]))
            checked = [options["model"]]
        else:
            faults = check_all()
            checked = [m._meta.label for m in mptt_models()]
        for fault in faults:
            self.stderr.write(str(fault))
        if faults:
            self.stderr.write(f"{len(faults)} fault(s) found")
            raise SystemExit(1)
        self.stdout.write(f"trees consistent: {', '.join(checked)}")
