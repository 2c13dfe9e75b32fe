"""Permission cases of the measurement budget part: the Excel import of realisations, budget
realisation, entry windows and settings (collected by permissions.py)."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from tests.matrix import Case, in_pemda_a, only, statuses

ALL_A = ("admin", "bappeda", "operator", "verifier", "evaluator", "lead", "viewer")
ENTRY = ("operator", "verifier")
PLANNERS = ("admin", "bappeda")
YEAR = 2026


def _world(cast) -> dict:
    from tests.measurement.conftest import build_measure_world

    world = build_measure_world(cast)
    return {"world": world, "sub": world.plan.sub}


def _quarter_args(cast, ctx) -> list:
    return [cast.opd1.code, YEAR, 1]


def _budget_args(cast, ctx) -> list:
    return [cast.opd1.code, YEAR]


def _budget_data(cast, ctx) -> dict:
    return {f"amount-{ctx['sub'].code}-1": "1000000"}


def _reopen_data(cast, ctx) -> dict:
    return {
        "year": YEAR,
        "opd": str(cast.opd1.code),
        "quarter": 1,
        "until": (timezone.localdate() + dt.timedelta(days=3)).isoformat(),
        "reason": "Server down during the last days of the window",
    }


def _settings_data(cast, ctx) -> dict:
    return {
        "version": 1,
        "negative_formula": "inverse",
        "index_cap": "120",
        "range_penalty": "1",
        "reminder_days": "5",
    }


READ_OPD = in_pemda_a(200, ALL_A)
ENTER_OPD_PAGE = in_pemda_a(200, ENTRY)
PLANNER_ONLY = only(200, PLANNERS)

CASES = [
    Case("measurement:import_template", READ_OPD, args=_quarter_args, setup=_world),
    Case("measurement:import_upload", ENTER_OPD_PAGE, args=_quarter_args, setup=_world),
    Case(
        "measurement:import_upload",
        ENTER_OPD_PAGE,  # no file: the form answers with its error, nothing is saved
        args=_quarter_args,
        method="post",
        data=lambda cast, ctx: {},
        setup=_world,
    ),
    Case("measurement:budget", READ_OPD, args=_budget_args, setup=_world),
    Case(
        "measurement:budget",
        in_pemda_a(302, ENTRY),
        args=_budget_args,
        method="post",
        data=_budget_data,
        setup=_world,
    ),
    Case("measurement:budget_template", READ_OPD, args=_budget_args, setup=_world),
    Case("measurement:budget_import", ENTER_OPD_PAGE, args=_budget_args, setup=_world),
    Case(
        "measurement:budget_import",
        ENTER_OPD_PAGE,
        args=_budget_args,
        method="post",
        data=lambda cast, ctx: {},
        setup=_world,
    ),
    Case("measurement:windows", PLANNER_ONLY),
    Case(
        "measurement:window_reopen",
        only(302, PLANNERS),
        method="post",
        data=_reopen_data,
        setup=_world,
    ),
    Case("measurement:window_reopen", statuses(405), id="measurement:window_reopen[get]"),
    Case("measurement:settings", PLANNER_ONLY),
    Case("measurement:settings", only(302, PLANNERS), method="post", data=_settings_data),
]
