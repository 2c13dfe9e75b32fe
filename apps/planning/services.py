"""Writes of the planning app's own reference data: the Kemendagri nomenclature, imported from the
ministry's spreadsheet and versioned by decree.

The planning documents (RPJMD, Renstra, Renja) are the anchors of the performance trees; their
creation and every change that touches a tree go through apps.performance.services, which locks
the anchor row and the tree in one transaction (docs/decisions/0005-planning-documents-with-
their-tree.md).
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils.translation import gettext as _

from apps.core.activity import log_action
from apps.planning.models import NomenclatureDecree, NomenclatureItem, NomenclatureLevel
from apps.planning.nomenclature import CellError, ImportRefused, ParsedList, parse_workbook

# Parents are created before children so that each level's rows can point to theirs.
_LEVEL_ORDER = [
    NomenclatureLevel.URUSAN,
    NomenclatureLevel.BIDANG,
    NomenclatureLevel.PROGRAM,
    NomenclatureLevel.KEGIATAN,
    NomenclatureLevel.SUBKEGIATAN,
]
_BATCH = 1000


def nomenclature_import(
    *,
    actor,
    content: bytes,
    decree: str = "",
    issued_on: dt.date | None = None,
) -> NomenclatureDecree:
    """Import a decree's nomenclature list from an .xlsx (columns kode, nama; the decree named
    here or in a `keputusan` column). All-or-nothing: any error in any row refuses the file with
    every error per row and cell (ImportRefused).

    The new decree becomes the current one. Items of the previous current decree get a
    `successor` (the item with the same code in the new decree); nodes of the performance tree
    keep pointing at the items they were made with, so no existing link breaks.
    """
    parsed = parse_workbook(content, decree=decree)
    return nomenclature_import_parsed(actor=actor, parsed=parsed, issued_on=issued_on)


def nomenclature_import_parsed(
    *, actor, parsed: ParsedList, issued_on: dt.date | None = None
) -> NomenclatureDecree:
    if parsed.errors:
        raise ImportRefused(parsed.errors)
    with transaction.atomic():
        # One import at a time: the current decree row is the lock (none yet: the unique
        # constraint on the current flag still refuses a second concurrent first import).
        previous = NomenclatureDecree.objects.select_for_update().filter(is_current=True).first()
        if NomenclatureDecree.objects.filter(name=parsed.decree).exists():
            raise ImportRefused(
                [
                    CellError(
                        0,
                        "",
                        _("The decree “%(name)s” has already been imported.")
                        % {"name": parsed.decree},
                    )
                ]
            )
        if (
            previous is not None
            and previous.issued_on is not None
            and issued_on is not None
            and issued_on < previous.issued_on
        ):
            raise ImportRefused(
                [
                    CellError(
                        0,
                        "",
                        _(
                            "The current decree “%(current)s” was issued on %(date)s, after this "
                            "one; only a newer decree can replace it."
                        )
                        % {"current": previous.name, "date": previous.issued_on.isoformat()},
                    )
                ]
            )
        if previous is not None:
            previous.is_current = False
            previous.save(update_fields=["is_current"])
        new = NomenclatureDecree.objects.create(
            name=parsed.decree, issued_on=issued_on, is_current=True
        )
        ids: dict[str, int] = {}
        by_level: dict[str, list] = {level: [] for level in _LEVEL_ORDER}
        for row in parsed.rows:
            by_level[row.level].append(row)
        # Reference data, not a tree model: bulk writes are fine here (level by level, so that
        # parent ids exist before the children are written).
        for level in _LEVEL_ORDER:
            items = [
                NomenclatureItem(
                    decree=new,
                    code=row.code,
                    name=row.name,
                    level=row.level,
                    parent_id=ids[row.parent_code] if row.parent_code else None,
                )
                for row in by_level[level]
            ]
            NomenclatureItem.objects.bulk_create(items, batch_size=_BATCH)
            ids.update(
                NomenclatureItem.objects.filter(decree=new, level=level).values_list("code", "pk")
            )
        successors = 0
        if previous is not None:
            old_items = list(NomenclatureItem.objects.filter(decree=previous, code__in=ids))
            for item in old_items:
                item.successor_id = ids[item.code]
            NomenclatureItem.objects.bulk_update(old_items, ["successor"], batch_size=_BATCH)
            successors = len(old_items)
        pemda_id = getattr(actor, "pemda_id", None) if actor is not None else None
        if pemda_id is not None:
            log_action(
                action="sakip.nomenclature.imported",
                actor=actor,
                obj=new,
                pemda_id=pemda_id,
                unit_id=pemda_id,
                data={
                    "rows": len(parsed.rows),
                    "previous": previous.name if previous else "",
                    "successors": successors,
                },
            )
    return new
