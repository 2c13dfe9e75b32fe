"""Permission cases of the measurement warnings pages (collected by permissions.py).

Every signed-in user may open the early warning pages about their own scope; naming an OPD
outside that scope is a 404."""

from __future__ import annotations

from tests.matrix import Case, everyone


def _world(cast) -> dict:
    from tests.measurement.conftest import build_measure_world

    return {"world": build_measure_world(cast)}


def year(cast, ctx) -> dict:
    return {"year": 2026}


def opd1(cast, ctx) -> dict:
    return {"year": 2026, "opd": str(cast.opd1.code)}


CASES: list = [
    Case("measurement:warnings", everyone(), data=year, setup=_world),
    Case(
        "measurement:warnings",
        everyone(other_operator=404, outsider=404),
        data=opd1,
        setup=_world,
        id="measurement:warnings[get,opd]",
    ),
    Case("measurement:late", everyone(), data=year, setup=_world),
    Case("measurement:late_excel", everyone(), data=year, setup=_world),
]
