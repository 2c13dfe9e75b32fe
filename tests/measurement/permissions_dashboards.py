"""Permission cases of the measurement dashboards pages (collected by permissions.py).

An OPD's dashboard: its own users and every Pemda-wide grant; a user of another OPD or another
Pemda gets 404. The Pemda dashboard, the leadership summary and their Excel: Pemda-wide grants
only (others 403). The weights page: Bappeda and admins (PLANNERS); other readers of the
statement 403; users who cannot see the statement 404."""

from __future__ import annotations

from tests.matrix import Case, only, statuses

PEMDA_WIDE = ("admin", "bappeda", "evaluator", "lead", "viewer")


def _world(cast) -> dict:
    from tests.measurement.conftest import build_measure_world

    return {"world": build_measure_world(cast)}


def _opd(cast, ctx) -> list:
    return [cast.opd1.code]


def _tujuan(cast, ctx) -> list:
    return [ctx["world"].plan.tujuan.code]


OPD_PAGE = statuses(200, other_operator=404, outsider=404)
PEMDA_PAGE = only(200, PEMDA_WIDE)

CASES = [
    Case("measurement:opd_dashboard", OPD_PAGE, args=_opd, setup=_world),
    Case("measurement:pemda_dashboard", PEMDA_PAGE, setup=_world),
    Case("measurement:leadership", PEMDA_PAGE, setup=_world),
    Case(
        "measurement:dashboard_excel",
        OPD_PAGE,
        args=lambda cast, ctx: ["opd"],
        data=lambda cast, ctx: {"opd": cast.opd1.code, "year": 2026},
        setup=_world,
        id="measurement:dashboard_excel[opd]",
    ),
    Case(
        "measurement:dashboard_excel",
        PEMDA_PAGE,
        args=lambda cast, ctx: ["pemda"],
        data=lambda cast, ctx: {"year": 2026},
        setup=_world,
        id="measurement:dashboard_excel[pemda]",
    ),
    Case(
        "measurement:dashboard_excel",
        PEMDA_PAGE,
        args=lambda cast, ctx: ["summary"],
        data=lambda cast, ctx: {"year": 2026},
        setup=_world,
        id="measurement:dashboard_excel[summary]",
    ),
    Case(
        "measurement:weights",
        statuses(403, admin=200, bappeda=200, other_operator=404, outsider=404),
        args=_tujuan,
        setup=_world,
    ),
    Case(
        "measurement:weights",
        statuses(403, admin=302, bappeda=302, other_operator=404, outsider=404),
        args=_tujuan,
        method="post",
        data=lambda cast, ctx: {
            f"weight-{ctx['world'].plan.sasaran.code}": "2",
            f"version-{ctx['world'].plan.sasaran.code}": ctx["world"].plan.sasaran.version,
        },
        setup=_world,
    ),
]
