"""Permission cases of the plan pages (urls_plans.py): RPJMD, Renstra and its review, the
statements of the trees with their indicators, budgets and links, and Renja.

Dinas Kesehatan's (OPD 1) Renstra is written by its operator and verifier, reviewed by Bappeda
and the admin, read by every Pemda-wide role; OPD 2's operator and the other Pemda get 404.
"""

from __future__ import annotations

from apps.performance import services
from tests.matrix import Case, everyone, in_pemda_a, only, statuses
from tests.performance.conftest import build_plan

ALL_A = ("admin", "bappeda", "operator", "verifier", "evaluator", "lead", "viewer")
WRITERS = ("operator", "verifier")
PLANNERS = ("admin", "bappeda")


def _plan(cast) -> dict:
    return {"plan": build_plan(cast)}


def _submitted(cast) -> dict:
    ctx = _plan(cast)
    services.renstra_submit(actor=None, renstra=ctx["plan"].renstra)
    return ctx


def _approved(cast) -> dict:
    ctx = _submitted(cast)
    services.renstra_approve(actor=None, renstra=ctx["plan"].renstra)
    return ctx


def _revised(cast) -> dict:
    ctx = _approved(cast)
    services.renstra_revise(actor=None, renstra=ctx["plan"].renstra, reason="APBD-P")
    return ctx


def _with_comment(cast) -> dict:
    ctx = _plan(cast)
    ctx["comment"] = services.review_comment_add(
        actor=cast.bappeda, renstra=ctx["plan"].renstra, text="Perbaiki"
    )
    return ctx


def _with_dismissal(cast) -> dict:
    ctx = _plan(cast)
    plan = ctx["plan"]
    ctx["dismissal"] = services.finding_dismiss(
        actor=cast.bappeda,
        node=plan.sub,
        rule="activity_indicator",
        subject=str(plan.sub_indicator.code),
        note="Output",
    )
    return ctx


def _with_leaf(cast) -> dict:
    ctx = _plan(cast)
    ctx["leaf"] = services.node_create(
        actor=None, parent=ctx["plan"].sasaran, node_level="sasaran", statement="Meningkatnya Y"
    )
    return ctx


def _with_strategy(cast) -> dict:
    ctx = _plan(cast)
    ctx["strategy"] = services.strategy_create(
        actor=None, node=ctx["plan"].sasaran, kind="strategi", text="Jemput bola"
    )
    return ctx


def _with_crosscut(cast) -> dict:
    ctx = _plan(cast)
    plan = ctx["plan"]
    ctx["crosscut"] = services.crosscut_create(
        actor=None, source=plan.sasaran, target=plan.tujuan2, note="Sekolah sehat"
    )
    return ctx


def _with_renja(cast) -> dict:
    ctx = _plan(cast)
    ctx["renja"] = services.renja_create(actor=None, renstra=ctx["plan"].renstra, year=2025)
    ctx["line"] = ctx["renja"].lines.get(node=ctx["plan"].sub)
    return ctx


def plan_attr(name: str):
    return lambda cast, ctx: [getattr(ctx["plan"], name).code]


def ctx_code(key: str):
    return lambda cast, ctx: [ctx[key].code]


def _version(prefix: str):
    def data(cast, ctx) -> dict:
        renstra = ctx["plan"].renstra
        renstra.refresh_from_db()
        return {f"{prefix}-version": renstra.version, f"{prefix}-note": "Catatan"}

    return data


# In scope of OPD 1: the writers get `ok`; the other Pemda A roles 403; OPD 2 and Pemda B 404.
def opd1_write(ok: int) -> dict:
    return in_pemda_a(ok, WRITERS)


def opd1_review(ok: int) -> dict:
    return in_pemda_a(ok, PLANNERS)


OPD1_READ = in_pemda_a(200, ALL_A)


def _node_get(name: str, node: str, expect=None) -> Case:
    return Case(
        f"performance:{name}",
        expect or opd1_write(200),
        args=plan_attr(node),
        setup=_plan,
    )


PLAN_CASES = [
    # RPJMD: the Pemda's document, every member reads it, Bappeda and the admin write it.
    Case("performance:rpjmd_list", everyone()),
    Case("performance:rpjmd_create", only(200, PLANNERS)),
    Case(
        "performance:rpjmd_detail",
        statuses(200, outsider=404),
        args=lambda cast, ctx: [ctx["plan"].rpjmd.code],
        setup=_plan,
    ),
    Case(
        "performance:rpjmd_edit",
        statuses(403, outsider=404, admin=200, bappeda=200),
        args=lambda cast, ctx: [ctx["plan"].rpjmd.code],
        setup=_plan,
    ),
    # Renstra
    Case("performance:renstra_list", everyone()),
    Case(
        "performance:renstra_create",
        statuses(200, evaluator=403, lead=403, viewer=403),
    ),
    Case("performance:renstra_detail", OPD1_READ, args=plan_attr("renstra"), setup=_plan),
    Case(
        "performance:renstra_submit",
        opd1_write(302),
        args=plan_attr("renstra"),
        method="post",
        data=_version("submit"),
        setup=_plan,
    ),
    Case(
        "performance:renstra_return",
        opd1_review(302),
        args=plan_attr("renstra"),
        method="post",
        data=_version("return"),
        setup=_submitted,
    ),
    Case(
        "performance:renstra_approve",
        opd1_review(302),
        args=plan_attr("renstra"),
        method="post",
        data=_version("approve"),
        setup=_submitted,
    ),
    Case(
        "performance:renstra_revise",
        opd1_write(302),
        args=plan_attr("renstra"),
        method="post",
        data=_version("revise"),
        setup=_approved,
    ),
    Case(
        "performance:comment_add",
        opd1_review(302),
        args=plan_attr("renstra"),
        method="post",
        data=lambda cast, ctx: {"comment-text": "Indikator kurang jelas"},
        setup=_plan,
    ),
    Case(
        "performance:comment_resolve",
        in_pemda_a(302, ("admin", "bappeda", "operator", "verifier")),
        args=ctx_code("comment"),
        method="post",
        setup=_with_comment,
    ),
    Case(
        "performance:renstra_version",
        OPD1_READ,
        args=lambda cast, ctx: [ctx["plan"].renstra.code, 0],
        setup=_revised,
    ),
    Case(
        "performance:finding_dismiss",
        opd1_review(200),
        args=plan_attr("sub"),
        setup=_plan,
    ),
    Case(
        "performance:finding_restore",
        opd1_review(302),
        args=ctx_code("dismissal"),
        method="post",
        setup=_with_dismissal,
    ),
    # Statements, indicators, budgets, links
    Case(
        "performance:node_create",
        opd1_write(200),
        args=lambda cast, ctx: [ctx["plan"].tujuan.code],
        setup=_plan,
    ),
    _node_get("node_edit", "sasaran"),
    _node_get("node_move", "sasaran"),
    _node_get("node_cascade", "tujuan"),
    _node_get("node_budget", "program"),
    _node_get("indicator_create", "sasaran"),
    _node_get("strategy_create", "sasaran"),
    _node_get("crosscut_create", "sasaran"),
    _node_get("node_history", "sasaran", OPD1_READ),
    Case(
        "performance:node_delete",
        opd1_write(302),
        args=ctx_code("leaf"),
        method="post",
        setup=_with_leaf,
    ),
    Case(
        "performance:indicator_edit",
        opd1_write(200),
        args=plan_attr("sasaran_indicator"),
        setup=_plan,
    ),
    Case(
        "performance:indicator_targets",
        opd1_write(302),
        args=plan_attr("sasaran_indicator"),
        method="post",
        data=lambda cast, ctx: {f"target_{y}": "50" for y in range(2025, 2030)},
        setup=_plan,
    ),
    Case(
        "performance:indicator_delete",
        opd1_write(302),
        args=plan_attr("sasaran_indicator"),
        method="post",
        setup=_plan,
    ),
    Case(
        "performance:strategy_delete",
        opd1_write(302),
        args=ctx_code("strategy"),
        method="post",
        setup=_with_strategy,
    ),
    # The link belongs to its source OPD; the target OPD sees it but may not remove it.
    Case(
        "performance:crosscut_delete",
        in_pemda_a(302, WRITERS, other_operator=403),
        args=ctx_code("crosscut"),
        method="post",
        setup=_with_crosscut,
    ),
    # Renja
    Case("performance:renja_list", everyone()),
    Case("performance:renja_create", opd1_write(200), args=plan_attr("renstra"), setup=_plan),
    Case("performance:renja_detail", OPD1_READ, args=ctx_code("renja"), setup=_with_renja),
    Case("performance:renja_revise", opd1_write(200), args=ctx_code("renja"), setup=_with_renja),
    Case(
        "performance:renja_pagu",
        opd1_write(302),
        args=ctx_code("line"),
        method="post",
        data=lambda cast, ctx: {"pagu": "1000000", "version": ctx["line"].version},
        setup=_with_renja,
    ),
]
