"""Permission cases of the PK pages, the public verification page and the PK API."""

from __future__ import annotations

from apps.agreements import services
from tests.matrix import Case, everyone, in_pemda_a, only, statuses

ALL_A = ("admin", "bappeda", "operator", "verifier", "evaluator", "lead", "viewer")
WRITERS = ("admin", "bappeda", "operator", "verifier")
APPROVERS = ("admin", "bappeda", "verifier")
COVERAGE = ("admin", "bappeda", "evaluator", "lead")


def _world(cast) -> dict:
    from tests.agreements.conftest import build_world

    world = build_world(cast)
    return {"pk": world.kepala, "line": world.kepala.lines.get(), "world": world}


def _submitted(cast) -> dict:
    ctx = _world(cast)
    services.transition(actor=cast.operator, pk=ctx["pk"], name="submit")
    ctx["pk"].refresh_from_db()
    return ctx


def _approved(cast) -> dict:
    ctx = _submitted(cast)
    services.transition(actor=cast.verifier, pk=ctx["pk"], name="approve")
    ctx["pk"].refresh_from_db()
    return ctx


def _signed(cast) -> dict:
    ctx = _approved(cast)
    services.sign(actor=cast.verifier, pk=ctx["pk"], enqueue_pdf=False)
    services.store_pdf(ctx["pk"].pk)
    ctx["pk"].refresh_from_db()
    return ctx


def pk_code(cast, ctx) -> list:
    return [ctx["pk"].code]


def line_code(cast, ctx) -> list:
    return [ctx["line"].code]


def version(cast, ctx) -> dict:
    return {"version": ctx["pk"].version, "note": "Perlu perbaikan"}


def quarters(cast, ctx) -> dict:
    return {
        "version": ctx["line"].version,
        "quarters": [{"target": v, "actions": "Rapat"} for v in ("20", "30", "40", "50")],
    }


PAGES = [
    Case("agreements:pk_list", everyone()),
    Case(
        "agreements:generate",
        only(200, ("admin", "bappeda", "operator", "other_operator", "outsider")),
    ),
    Case("agreements:coverage", only(200, COVERAGE)),
    Case("agreements:export", everyone(302), method="post", data=lambda c, x: {"year": 2026}),
    Case("agreements:pk_detail", in_pemda_a(200, ALL_A), args=pk_code, setup=_world),
    Case("agreements:pk_pdf", in_pemda_a(200, ALL_A), args=pk_code, setup=_signed),
    Case("agreements:revise", in_pemda_a(200, WRITERS), args=pk_code, setup=_signed),
    Case(
        "agreements:transition",
        in_pemda_a(302, WRITERS),
        args=lambda c, x: [x["pk"].code, "submit"],
        method="post",
        data=version,
        setup=_world,
    ),
    Case(
        "agreements:transition",
        in_pemda_a(302, APPROVERS),
        args=lambda c, x: [x["pk"].code, "approve"],
        method="post",
        data=version,
        setup=_submitted,
        id="agreements:transition[approve]",
    ),
    Case("agreements:line_edit", in_pemda_a(200, WRITERS), args=line_code, setup=_world),
    Case("agreements:action_plan", in_pemda_a(200, WRITERS), args=line_code, setup=_world),
    Case(
        "verify:pk",
        everyone(200, anonymous=200),
        args=lambda c, x: [x["pk"].verification_code],
        setup=_signed,
    ),
    Case(
        "verify:pk", everyone(404, anonymous=404), args=lambda c, x: ["NOPE"], id="verify:pk[404]"
    ),
]

API = [
    Case("pk-list", statuses(200, anonymous=403), api=True),
    Case("pk-detail", in_pemda_a(200, ALL_A, anonymous=403), args=pk_code, setup=_world, api=True),
    Case(
        "pk-submit",
        in_pemda_a(200, WRITERS, anonymous=403),
        args=pk_code,
        setup=_world,
        api=True,
        method="post",
        data=version,
    ),
    Case(
        "pk-approve",
        in_pemda_a(200, APPROVERS, anonymous=403),
        args=pk_code,
        setup=_submitted,
        api=True,
        method="post",
        data=version,
    ),
    Case(
        "pk-return",
        in_pemda_a(200, APPROVERS, anonymous=403),
        args=pk_code,
        setup=_submitted,
        api=True,
        method="post",
        data=version,
    ),
    Case(
        "pk-sign",
        in_pemda_a(200, APPROVERS, anonymous=403),
        args=pk_code,
        setup=_approved,
        api=True,
        method="post",
        data=version,
    ),
    Case(
        "pk-revise",
        in_pemda_a(201, WRITERS, anonymous=403),
        args=pk_code,
        setup=_signed,
        api=True,
        method="post",
        data=lambda c, x: {"revision_reason": "official", "note": "Pergantian pejabat"},
    ),
    Case(
        "pk-line-rencana-aksi",
        in_pemda_a(200, WRITERS, anonymous=403),
        args=line_code,
        setup=_world,
        api=True,
        method="put",
        data=quarters,
    ),
]

CASES = PAGES + API
