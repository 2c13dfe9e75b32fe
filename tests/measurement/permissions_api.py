"""Permission cases of the measurement API (collected by permissions.py).

Objects sit in Dinas Kesehatan (OPD 1) of Pemda A. Writes: the OPD's operator and verifier
enter; only the verifier verifies, returns and unlocks; read-only roles get 403; a code of an
object outside the caller's scope is 404 in the URL and "not found" (400) in a payload."""

from __future__ import annotations

from apps.measurement import services
from tests.matrix import Case, in_pemda_a, statuses

YEAR = 2026
ALL_A = ("admin", "bappeda", "operator", "verifier", "evaluator", "lead", "viewer")
ENTRY = ("operator", "verifier")
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def _world(cast) -> dict:
    from tests.measurement.conftest import build_measure_world

    world = build_measure_world(cast)
    plan = world.plan
    row = services.realisation_save(
        actor=cast.operator, indicator=plan.sasaran_indicator, year=YEAR, quarter=1, value="10"
    )
    evidence = services.evidence_add(
        actor=cast.operator, realisation=row, name="bukti.png", content=PNG
    )
    budget = services.budget_save(
        actor=cast.operator, node=plan.sub, year=YEAR, quarter=1, amount="1000000"
    )
    return {"world": world, "row": row, "evidence": evidence, "budget": budget, "plan": plan}


def _submitted(cast) -> dict:
    ctx = _world(cast)
    services.realisation_transition(actor=cast.operator, realisation=ctx["row"], action="submit")
    return ctx


def _verified(cast) -> dict:
    ctx = _submitted(cast)
    services.realisation_transition(actor=cast.verifier, realisation=ctx["row"], action="verify")
    return ctx


def row_code(cast, ctx) -> list:
    return [ctx["row"].code]


def step(cast, ctx) -> dict:
    ctx["row"].refresh_from_db()
    return {"version": ctx["row"].version, "note": "Data dukung kurang"}


def realisation(cast, ctx) -> dict:
    return {
        "indicator": str(ctx["plan"].sasaran_indicator.code),
        "year": YEAR,
        "quarter": 1,
        "value": "20",
        "version": ctx["row"].version,
    }


def bulk(cast, ctx) -> dict:
    return {
        "year": YEAR,
        "quarter": 1,
        "rows": [{"indicator": str(ctx["plan"].sasaran_indicator.code), "value": "15"}],
    }


def budget(cast, ctx) -> dict:
    return {
        "node": str(ctx["plan"].sub.code),
        "year": YEAR,
        "quarter": 1,
        "amount": "2000000",
        "version": ctx["budget"].version,
    }


# A payload naming an object the caller cannot see: 400 "not found" (never revealed).
NOT_FOUND = {"other_operator": 400, "outsider": 400}
VERIFY = in_pemda_a(200, ("verifier",), anonymous=403)

CASES = [
    Case("realisation-list", statuses(200, anonymous=403), api=True),
    Case(
        "realisation-list",
        {**in_pemda_a(200, ENTRY, anonymous=403), **NOT_FOUND},
        method="post",
        setup=_world,
        data=realisation,
        api=True,
        id="realisation-list[post]",
    ),
    Case(
        "realisation-detail",
        in_pemda_a(200, ALL_A, anonymous=403),
        args=row_code,
        setup=_world,
        api=True,
    ),
    Case(
        "realisation-submit",
        in_pemda_a(200, ENTRY, anonymous=403),
        args=row_code,
        setup=_world,
        method="post",
        data=step,
        api=True,
    ),
    Case(
        "realisation-verify",
        VERIFY,
        args=row_code,
        setup=_submitted,
        method="post",
        data=step,
        api=True,
    ),
    Case(
        "realisation-return",
        VERIFY,
        args=row_code,
        setup=_submitted,
        method="post",
        data=step,
        api=True,
    ),
    Case(
        "realisation-reopen",
        VERIFY,
        args=row_code,
        setup=_verified,
        method="post",
        data=step,
        api=True,
    ),
    Case(
        # The Pemda-wide writers pass the gate but may not enter an OPD's indicator: every row
        # is refused (400 with the row's message); read-only roles get 403.
        "realisation-bulk",
        {
            **in_pemda_a(200, ENTRY, anonymous=403),
            **NOT_FOUND,
            "admin": 400,
            "bappeda": 400,
        },
        setup=_world,
        method="post",
        data=bulk,
        api=True,
    ),
    Case(
        # JSON without a file: the entry roles reach validation (400); see test_api.py for a real
        # multipart upload.
        "realisation-evidence",
        in_pemda_a(400, ENTRY, anonymous=403),
        args=row_code,
        setup=_world,
        method="post",
        data=lambda cast, ctx: {},
        api=True,
    ),
    Case("evidence-list", statuses(200, anonymous=403), api=True),
    Case(
        "evidence-detail",
        in_pemda_a(200, ALL_A, anonymous=403),
        args=lambda cast, ctx: [ctx["evidence"].code],
        setup=_world,
        api=True,
    ),
    Case(
        "evidence-detail",
        in_pemda_a(204, ENTRY, anonymous=403),
        args=lambda cast, ctx: [ctx["evidence"].code],
        setup=_world,
        method="delete",
        api=True,
        id="evidence-detail[delete]",
    ),
    Case("budget-realisation-list", statuses(200, anonymous=403), api=True),
    Case(
        "budget-realisation-list",
        {**in_pemda_a(200, ENTRY, anonymous=403), **NOT_FOUND},
        setup=_world,
        method="post",
        data=budget,
        api=True,
        id="budget-realisation-list[post]",
    ),
    Case(
        "budget-realisation-detail",
        in_pemda_a(200, ALL_A, anonymous=403),
        args=lambda cast, ctx: [ctx["budget"].code],
        setup=_world,
        api=True,
    ),
    Case(
        "measure-list",
        statuses(200, anonymous=403),
        data=lambda cast, ctx: {"year": YEAR},
        api=True,
    ),
]
