"""Permission cases of the performance-tree API (anonymous → 403; an OPD 1 object is a 404 for
the operator of OPD 2 and for another Pemda; a visible object written without the role → 403)."""

from __future__ import annotations

from collections.abc import Callable

from apps.performance import services
from apps.performance.models import NodeBudget
from apps.performance.quality import ORPHAN
from tests.matrix import Case, in_pemda_a, only, statuses
from tests.performance.conftest import build_plan

ALL_A = ("admin", "bappeda", "operator", "verifier", "evaluator", "lead", "viewer")
OPD1_WRITERS = ("operator", "verifier")
PLANNERS = ("admin", "bappeda")


def _plan(cast) -> dict:
    plan = build_plan(cast)
    return {"plan": plan, **vars(plan)}


def _with_extras(cast) -> dict:
    ctx = _plan(cast)
    plan = ctx["plan"]
    ctx["budget"] = NodeBudget.objects.get(node=plan.sub, year=2025)
    ctx["crosscut"] = services.crosscut_create(
        actor=None, source=plan.kegiatan, target=plan.tujuan2, note="UKS"
    )
    ctx["comment"] = services.review_comment_add(
        actor=cast.bappeda, renstra=plan.renstra, text="Perbaiki", node=plan.sasaran
    )
    ctx["strategy"] = services.strategy_create(
        actor=None, node=plan.sasaran, kind="strategi", text="Akreditasi bertahap"
    )
    ctx["dismissal"] = services.finding_dismiss(
        actor=cast.bappeda, node=plan.tujuan, rule=ORPHAN, note="Penunjang"
    )
    return ctx


def code(key: str) -> Callable:
    return lambda cast, ctx: [ctx[key].code]


def renstra_query(cast, ctx) -> dict:
    return {"renstra": str(ctx["renstra"].code)}


def api(url_name: str, expect: dict, **kwargs) -> Case:
    kwargs.setdefault("setup", _with_extras)
    method = kwargs.get("method", "get")
    kwargs.setdefault("id", f"{url_name}[{method}]")
    return Case(url_name, expect, api=True, **kwargs)


def seen(ok: int = 200, **kw) -> dict:
    """An OPD 1 object read by every Pemda A role; 404 for OPD 2 and Pemda B."""
    return in_pemda_a(ok, ALL_A, anonymous=403, **kw)


def opd1_write(ok: int, **kw) -> dict:
    """A write to OPD 1's tree: its operators and verifiers; 403 for the other Pemda A roles."""
    return in_pemda_a(ok, OPD1_WRITERS, anonymous=403, **kw)


def create_in_opd1(ok: int) -> dict:
    """POST naming an OPD 1 object: OPD writers elsewhere pass the role gate, then cannot see
    the object (400 "not found"); Bappeda and the admin see it but may not write it (403)."""
    return statuses(403, anonymous=403, operator=ok, verifier=ok, other_operator=400, outsider=400)


API_CASES = [
    # Statements
    api("node-list", statuses(200, anonymous=403)),
    api(
        "node-list",
        create_in_opd1(201),
        method="post",
        data=lambda cast, ctx: {
            "parent": str(ctx["tujuan"].code),
            "node_level": "sasaran",
            "statement": "Meningkatnya mutu gizi masyarakat",
        },
    ),
    api("node-detail", seen(), args=code("sasaran")),
    api(
        "node-detail",
        opd1_write(200),
        args=code("sasaran"),
        method="patch",
        data=lambda cast, ctx: {"statement": "Meningkatnya mutu layanan", "version": 1},
    ),
    api("node-detail", opd1_write(204), args=code("sub"), method="delete"),
    api(
        "node-move",
        opd1_write(200),
        args=code("program"),
        method="post",
        data=lambda cast, ctx: {"parent": str(ctx["sasaran"].code)},
    ),
    api(
        "node-cascade",
        opd1_write(200),
        args=code("tujuan"),
        method="post",
        data=lambda cast, ctx: {"pemda_sasaran": [str(ctx["sasaran_pemda2"].code)]},
    ),
    # Indicators
    api("indicator-list", statuses(200, anonymous=403)),
    api(
        "indicator-list",
        create_in_opd1(201),
        method="post",
        data=lambda cast, ctx: {"node": str(ctx["sasaran"].code), "name": "Persentase X"},
    ),
    api("indicator-detail", seen(), args=code("sasaran_indicator")),
    api(
        "indicator-detail",
        opd1_write(200),
        args=code("sasaran_indicator"),
        method="patch",
        data=lambda cast, ctx: {"unit": "persen", "version": 1},
    ),
    api("indicator-detail", opd1_write(204), args=code("sub_indicator"), method="delete"),
    api(
        "indicator-targets",
        opd1_write(200),
        args=code("sasaran_indicator"),
        method="post",
        data=lambda cast, ctx: {"targets": {"2025": "41"}},
    ),
    # Strategi and arah kebijakan
    api("strategy-list", statuses(200, anonymous=403)),
    api(
        "strategy-list",
        create_in_opd1(201),
        method="post",
        data=lambda cast, ctx: {
            "node": str(ctx["sasaran"].code),
            "kind": "arah_kebijakan",
            "text": "Pemerataan layanan",
        },
    ),
    api("strategy-detail", seen(), args=code("strategy")),
    api(
        "strategy-detail",
        opd1_write(200),
        args=code("strategy"),
        method="patch",
        data=lambda cast, ctx: {"text": "Akreditasi semua puskesmas", "version": 1},
    ),
    api("strategy-detail", opd1_write(204), args=code("strategy"), method="delete"),
    # Budgets
    api("budget-list", statuses(200, anonymous=403)),
    api(
        "budget-list",
        create_in_opd1(201),
        method="post",
        data=lambda cast, ctx: {"node": str(ctx["sub"].code), "year": 2027, "amount": "5"},
    ),
    api("budget-detail", seen(), args=code("budget")),
    api(
        "budget-detail",
        opd1_write(200),
        args=code("budget"),
        method="patch",
        data=lambda cast, ctx: {"amount": "7", "version": ctx["budget"].version},
    ),
    api("budget-detail", opd1_write(204), args=code("budget"), method="delete"),
    # Crosscutting: OPD 2 (the target) sees the link but may not change it.
    api("crosscut-list", statuses(200, anonymous=403)),
    api(
        "crosscut-list",
        statuses(403, anonymous=403, operator=201, verifier=201, other_operator=400, outsider=400),
        method="post",
        data=lambda cast, ctx: {"source": str(ctx["sub"].code), "target": str(ctx["tujuan2"].code)},
    ),
    api("crosscut-detail", seen(other_operator=200), args=code("crosscut")),
    api(
        "crosscut-detail",
        opd1_write(200, other_operator=403),
        args=code("crosscut"),
        method="patch",
        data=lambda cast, ctx: {"note": "Sekolah sehat", "version": 1},
    ),
    api(
        "crosscut-detail",
        opd1_write(204, other_operator=403),
        args=code("crosscut"),
        method="delete",
    ),
    # Review comments (Bappeda writes; the OPD resolves)
    api("review-comment-list", seen(), data=renstra_query),
    api(
        "review-comment-list",
        only(201, PLANNERS, anonymous=403),
        method="post",
        data=lambda cast, ctx: {"renstra": str(ctx["renstra"].code), "text": "Lengkapi"},
    ),
    api("review-comment-detail", seen(), args=code("comment")),
    api(
        "review-comment-resolve",
        in_pemda_a(200, (*PLANNERS, *OPD1_WRITERS), anonymous=403),
        args=code("comment"),
        method="post",
    ),
    # Findings and dismissals (Bappeda)
    api("finding-list", seen(), data=renstra_query),
    api("finding-dismissal-list", seen(), data=renstra_query),
    api(
        "finding-dismissal-list",
        only(201, PLANNERS, anonymous=403),
        method="post",
        data=lambda cast, ctx: {
            "node": str(ctx["sasaran"].code),
            "rule": ORPHAN,
            "note": "Bukan temuan",
        },
    ),
    api("finding-dismissal-detail", seen(), args=code("dismissal")),
    api(
        "finding-dismissal-detail",
        in_pemda_a(204, PLANNERS, anonymous=403),
        args=code("dismissal"),
        method="delete",
    ),
]
