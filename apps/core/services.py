"""Shared write helpers used by every app's services."""

from __future__ import annotations

from typing import Any

from django.db import models, transaction

from apps.core.activity import log_action
from apps.core.concurrency import save_versioned


def _display(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, models.Model):
        return str(value)
    return str(value)


def update_versioned(
    obj: models.Model,
    *,
    actor,
    data: dict[str, Any],
    expected_version: int | None,
    action: str,
    unit_id: int | None = None,
) -> models.Model:
    """Apply `data` to `obj`, validate, save if still at `expected_version` (else
    StaleVersionError), and log the old and new value of every field that changed."""
    changes = {}
    for name, value in data.items():
        old = getattr(obj, name)
        if old != value:
            changes[name] = {"old": _display(old), "new": _display(value)}
        setattr(obj, name, value)
    obj.full_clean()
    with transaction.atomic():
        save_versioned(obj, expected_version=expected_version, fields=list(data))
        if changes:
            log_action(
                action=action,
                actor=actor,
                obj=obj,
                pemda_id=obj.pemda_id,
                unit_id=unit_id,
                data={"changes": changes},
            )
    return obj
