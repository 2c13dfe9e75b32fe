"""The Pemda's data revision: one counter per Pemda (core.DataRevision), raised by every audited
change in the change's own transaction (apps.core.activity.log_action calls `bump`).

Readers take the revision *before* reading the data (`current`), so that a page computed from
data newer than its revision is at worst cached under a key nobody asks for again, never the
reverse. The counter row is locked from the bump to the commit: writes of one Pemda queue for
that moment, in commit order, which is what makes the counter exact.
"""

from __future__ import annotations

from django.db.models import F

from apps.core.models import DataRevision


def bump(pemda_id: int) -> None:
    """Raise the Pemda's revision (inside the caller's transaction)."""
    rows = DataRevision.objects.filter(pemda_id=pemda_id)
    if not rows.update(value=F("value") + 1):
        # The Pemda's first change: create its row (get_or_create survives a concurrent first
        # change through its own savepoint), then raise it like any other.
        DataRevision.objects.get_or_create(pemda_id=pemda_id)
        rows.update(value=F("value") + 1)


def current(pemda_id: int) -> int:
    """The Pemda's revision now (one query on the primary key; 0 before any change)."""
    value = DataRevision.objects.filter(pemda_id=pemda_id).values_list("value", flat=True).first()
    return value or 0


def bump_all() -> None:
    """Raise every Pemda's revision: for changes made outside the services (the deployment's
    Django admin), whose Pemda is not worth working out."""
    from apps.organisations.models import OrgUnit

    for pemda_id in OrgUnit.objects.filter(parent=None).order_by("pk").values_list("pk", flat=True):
        bump(pemda_id)
