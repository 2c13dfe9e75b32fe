"""Optimistic concurrency: every editable row carries `version`. A save names the version the
user read; if somebody saved in between, the save is refused with their values."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import models, transaction
from django.utils.translation import gettext as _


class StaleVersionError(Exception):
    """The row changed since the user read it. `current` is the row as it is now."""

    def __init__(self, current: models.Model):
        self.current = current
        super().__init__(
            _(
                "Someone else saved this record while you were editing it. "
                "Their values are shown below; review them and save again."
            )
        )


def save_versioned(
    instance: models.Model,
    *,
    expected_version: int | None,
    fields: Iterable[str] | None = None,
) -> models.Model:
    """Save `instance` only if its row is still at `expected_version`, bumping the version.

    The row is locked first (`select_for_update`; on SQLite the write transaction is serialised by
    BEGIN IMMEDIATE), so two concurrent saves of one version cannot both pass the check.
    """
    model = type(instance)
    if expected_version is None:
        expected_version = instance.version
    with transaction.atomic():
        current = model._default_manager.select_for_update().get(pk=instance.pk)
        if current.version != expected_version:
            raise StaleVersionError(current)
        instance.version = expected_version + 1
        update_fields = None
        if fields is not None:
            update_fields = {*fields, "version"}
            if any(f.name == "updated_at" for f in model._meta.concrete_fields):
                update_fields.add("updated_at")
        instance.save(update_fields=update_fields)
    return instance
