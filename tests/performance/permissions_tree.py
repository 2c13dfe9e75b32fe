"""Permission cases of the pohon kinerja pages and exports (urls_tree.py)."""

from __future__ import annotations

from tests.matrix import Case, everyone, in_pemda_a, statuses
from tests.performance.conftest import build_plan

ALL_A = ("admin", "bappeda", "operator", "verifier", "evaluator", "lead", "viewer")
OPD1_WRITERS = ("operator", "verifier")


def _plan(cast) -> dict:
    return {"plan": build_plan(cast)}


def _renstra(cast, ctx) -> list:
    return [ctx["plan"].renstra.code]


def _branch(cast, ctx) -> list:
    return [ctx["plan"].tujuan.code]


def _period(cast, ctx) -> list:
    return [ctx["plan"].period.code]


TREE_CASES = [
    Case("performance:tree_index", everyone()),
    # The Pemda-wide tree: every role of Pemda A (OPD 2's operator sees the RPJMD and OPD 2);
    # the other Pemda's user gets 404.
    Case(
        "performance:tree_pemda",
        statuses(200, outsider=404),
        args=_period,
        setup=_plan,
    ),
    Case(
        "performance:tree_pemda_xlsx",
        statuses(200, outsider=404),
        args=_period,
        setup=_plan,
    ),
    # A branch of the Pemda-wide page (OPD 1's tujuan): the rules of OPD 1's tree page.
    Case("performance:tree_branch", in_pemda_a(200, ALL_A), args=_branch, setup=_plan),
    Case("performance:tree_opd", in_pemda_a(200, ALL_A), args=_renstra, setup=_plan),
    Case("performance:tree_xlsx", in_pemda_a(200, ALL_A), args=_renstra, setup=_plan),
    Case(
        "performance:tree_pdf",
        in_pemda_a(302, ALL_A),
        args=_renstra,
        setup=_plan,
        method="post",
        data=lambda cast, ctx: {"kind": "matrix", "year": 2025},
    ),
    Case("performance:import_template", in_pemda_a(200, ALL_A), args=_renstra, setup=_plan),
    Case("performance:import_upload", in_pemda_a(200, OPD1_WRITERS), args=_renstra, setup=_plan),
    Case(
        "performance:import_upload",
        in_pemda_a(200, OPD1_WRITERS),
        args=_renstra,
        setup=_plan,
        method="post",
        data=lambda cast, ctx: {},
    ),
    # Without a previewed upload in the session the writers are sent back to the upload page.
    Case(
        "performance:import_apply",
        in_pemda_a(302, OPD1_WRITERS),
        args=_renstra,
        setup=_plan,
        method="post",
        data=lambda cast, ctx: {},
    ),
]
