"""Permission cases of the public portal (collected by permissions.py): every page answers 200
to everyone, signed in or not, whatever their Pemda (published data is public)."""

from __future__ import annotations

from tests.matrix import ROLES, Case

PUBLIC = dict.fromkeys(ROLES, 200)


def _published(cast) -> dict:
    from tests.reporting.test_portal import make_publications

    return make_publications(cast.pemda, 2)


def _doc(cast, ctx) -> list:
    return [ctx["indicators"][0].code]


CASES = [
    Case("portal:home", PUBLIC, setup=_published),
    Case("portal:pemda", PUBLIC, args=lambda cast, ctx: [cast.pemda.code], setup=_published),
    Case("portal:document", PUBLIC, args=_doc, setup=_published),
    Case(
        "portal:file",
        PUBLIC,
        args=lambda cast, ctx: [ctx["lkjip"].code],
        setup=_published,
    ),
    Case("portal:tree", PUBLIC, args=_doc, setup=_published),
    Case(
        "portal:open_data",
        PUBLIC,
        args=lambda cast, ctx: [ctx["indicators"][0].code, "csv"],
        setup=_published,
        id="portal:open_data[csv]",
    ),
    Case(
        "portal:open_data",
        PUBLIC,
        args=lambda cast, ctx: [ctx["indicators"][0].code, "json"],
        setup=_published,
        id="portal:open_data[json]",
    ),
]
