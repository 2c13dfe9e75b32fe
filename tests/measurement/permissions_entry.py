"""Permission cases of the measurement entry pages (collected by permissions.py).

The world: Dinas Kesehatan (OPD 1) with its signed PKs and every 2026 window open. Its operator
and verifier enter; Pemda-wide roles read; the operator of OPD 2 and the outsider get 404."""

from __future__ import annotations

from apps.measurement import services
from tests.matrix import Case, everyone, in_pemda_a, only

ALL_A = ("admin", "bappeda", "operator", "verifier", "evaluator", "lead", "viewer")
ENTERERS = ("operator", "verifier")
YEAR = 2026
PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"


def _world(cast) -> dict:
    from tests.measurement.conftest import build_measure_world

    world = build_measure_world(cast)
    return {"world": world, "indicator": world.plan.sasaran_indicator}


def _entered(cast) -> dict:
    ctx = _world(cast)
    ctx["row"] = services.realisation_save(
        actor=cast.operator, indicator=ctx["indicator"], year=YEAR, quarter=1, value="40"
    )
    return ctx


def _submitted(cast) -> dict:
    ctx = _entered(cast)
    services.realisation_transition(actor=cast.operator, realisation=ctx["row"], action="submit")
    ctx["row"].refresh_from_db()
    return ctx


def _with_evidence(cast) -> dict:
    ctx = _entered(cast)
    ctx["evidence"] = services.evidence_add(
        actor=cast.operator, realisation=ctx["row"], name="bukti.pdf", content=PDF
    )
    return ctx


def grid_args(cast, ctx) -> list:
    return [cast.opd1.code, YEAR, 1]


def row_code(cast, ctx) -> list:
    return [ctx["row"].code]


def evidence_code(cast, ctx) -> list:
    return [ctx["evidence"].code]


def grid_data(cast, ctx) -> dict:
    code = ctx["indicator"].code
    return {f"value-{code}": "45", f"obstacle-{code}": "", f"solution-{code}": ""}


def edit_data(cast, ctx) -> dict:
    return {"value": "45", "obstacle": "Hujan", "solution": "", "version": ctx["row"].version}


def note_data(cast, ctx) -> dict:
    return {"version": ctx["row"].version, "note": "Lampirkan SK"}


def queue_data(cast, ctx) -> dict:
    return {"rows": [str(ctx["row"].code)]}


CASES = [
    Case("measurement:home", everyone()),
    Case("measurement:grid", in_pemda_a(200, ALL_A), args=grid_args, setup=_world),
    Case(
        "measurement:grid",
        in_pemda_a(302, ENTERERS),
        args=grid_args,
        method="post",
        data=grid_data,
        setup=_world,
    ),
    Case("measurement:realisation", in_pemda_a(200, ALL_A), args=row_code, setup=_entered),
    Case(
        "measurement:realisation",
        in_pemda_a(302, ENTERERS),
        args=row_code,
        method="post",
        data=edit_data,
        setup=_entered,
    ),
    Case(
        "measurement:realisation_transition",
        in_pemda_a(302, ENTERERS),
        args=lambda c, x: [x["row"].code, "submit"],
        method="post",
        data=note_data,
        setup=_entered,
        id="measurement:realisation_transition[submit]",
    ),
    Case(
        "measurement:realisation_transition",
        in_pemda_a(302, ("verifier",)),
        args=lambda c, x: [x["row"].code, "return"],
        method="post",
        data=note_data,
        setup=_submitted,
        id="measurement:realisation_transition[return]",
    ),
    Case(
        "measurement:evidence_download",
        in_pemda_a(200, ALL_A),
        args=evidence_code,
        setup=_with_evidence,
    ),
    Case(
        "measurement:evidence_remove",
        in_pemda_a(302, ENTERERS),
        args=evidence_code,
        method="post",
        setup=_with_evidence,
    ),
    # Only verifiers (and the admin, for the RPJMD's own indicators) have a queue.
    Case("measurement:verify_queue", only(200, ("verifier", "admin"))),
    Case(
        "measurement:verify_queue",
        only(302, ("verifier", "admin")),
        method="post",
        data=queue_data,
        setup=_submitted,
    ),
]
