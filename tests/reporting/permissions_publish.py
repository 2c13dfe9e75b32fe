"""Permission cases of publication management (collected by permissions.py): planners (admin,
bappeda) only; every other signed-in user 403, anonymous to the login page."""

from __future__ import annotations

from tests.matrix import Case, only

PLANNERS_ONLY = only(200, ("admin", "bappeda"))
PLANNERS_POST = only(302, ("admin", "bappeda"))


def _publication(cast) -> dict:
    from tests.reporting.test_portal import make_publications

    return make_publications(cast.pemda, 1)


CASES = [
    Case(
        "reporting:publication_list",
        PLANNERS_ONLY,
        data=lambda cast, ctx: {"year": 2026},
        setup=_publication,
    ),
    Case(
        "reporting:publish",
        PLANNERS_POST,
        method="post",
        data=lambda cast, ctx: {"kind": "iku", "year": 2026},
    ),
    Case(
        "reporting:withdraw",
        PLANNERS_POST,
        method="post",
        args=lambda cast, ctx: [ctx["indicators"][0].code],
        data=lambda cast, ctx: {"reason": "Salah unggah"},
        setup=_publication,
    ),
]
