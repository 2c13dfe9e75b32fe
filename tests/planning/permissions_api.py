"""Permission cases of the planning API (anonymous → 403; an OPD 1 document is a 404 for the
operator of OPD 2 and for another Pemda; a visible document written without the role → 403)."""

from __future__ import annotations

from collections.abc import Callable

from apps.organisations import services as org_services
from apps.performance import services
from apps.performance.models import RenjaLine, RenjaTarget
from apps.planning.models import NomenclatureDecree
from tests.matrix import Case, in_pemda_a, only, statuses
from tests.performance.conftest import build_plan

ALL_A = ("admin", "bappeda", "operator", "verifier", "evaluator", "lead", "viewer")
OPD1_WRITERS = ("operator", "verifier")
PLANNERS = ("admin", "bappeda")


def _plan(cast) -> dict:
    plan = build_plan(cast)
    ctx = {"plan": plan, **vars(plan)}
    ctx["decree"] = NomenclatureDecree.objects.get(is_current=True)
    ctx["new_period"] = org_services.period_create(
        actor=None, pemda=cast.pemda, name="RPJMD 2030–2034", start_year=2030
    )
    return ctx


def _submitted(cast) -> dict:
    ctx = _plan(cast)
    services.renstra_submit(actor=None, renstra=ctx["renstra"])
    return ctx


def _approved(cast) -> dict:
    ctx = _submitted(cast)
    services.renstra_approve(actor=None, renstra=ctx["renstra"])
    return ctx


def _renja(cast) -> dict:
    ctx = _plan(cast)
    ctx["renja"] = services.renja_create(actor=None, renstra=ctx["renstra"], year=2025)
    ctx["line"] = RenjaLine.objects.get(renja=ctx["renja"], node=ctx["sub"])
    ctx["renja_target"] = RenjaTarget.objects.get(
        renja=ctx["renja"], indicator=ctx["sasaran_indicator"]
    )
    return ctx


def code(key: str) -> Callable:
    return lambda cast, ctx: [ctx[key].code]


def api(url_name: str, expect: dict, **kwargs) -> Case:
    kwargs.setdefault("setup", _plan)
    method = kwargs.get("method", "get")
    kwargs.setdefault("id", f"{url_name}[{method}]")
    return Case(url_name, expect, api=True, **kwargs)


def seen(ok: int = 200, **kw) -> dict:
    """An OPD 1 document read by every Pemda A role; 404 for OPD 2 and Pemda B."""
    return in_pemda_a(ok, ALL_A, anonymous=403, **kw)


def opd1_write(ok: int, **kw) -> dict:
    return in_pemda_a(ok, OPD1_WRITERS, anonymous=403, **kw)


def review(ok: int) -> dict:
    return in_pemda_a(ok, PLANNERS, anonymous=403)


API_CASES = [
    # Nomenclature: everybody signed in, whatever their Pemda
    api("nomenclature-decree-list", statuses(200, anonymous=403)),
    api("nomenclature-decree-detail", statuses(200, anonymous=403), args=code("decree")),
    api("nomenclature-item-list", statuses(200, anonymous=403)),
    api(
        "nomenclature-item-detail",
        statuses(200, anonymous=403),
        args=lambda cast, ctx: ["1.02.02.2.01"],
    ),
    # RPJMD: the Pemda reads it, Bappeda writes it
    api("rpjmd-list", statuses(200, anonymous=403)),
    api(
        "rpjmd-list",
        only(201, PLANNERS, anonymous=403),
        method="post",
        data=lambda cast, ctx: {"period": str(ctx["new_period"].code), "visi": "Contoh Emas"},
    ),
    api("rpjmd-detail", statuses(200, anonymous=403, outsider=404), args=code("rpjmd")),
    api(
        "rpjmd-detail",
        only(200, PLANNERS, anonymous=403, outside={"outsider": 404}),
        args=code("rpjmd"),
        method="patch",
        data=lambda cast, ctx: {"visi": "Contoh Maju", "version": 1},
    ),
    # Renstra
    api("renstra-list", statuses(200, anonymous=403)),
    api(
        "renstra-list",
        statuses(403, anonymous=403, operator=201, verifier=201, other_operator=400, outsider=400),
        method="post",
        data=lambda cast, ctx: {
            "period": str(ctx["new_period"].code),
            "opd": str(cast.opd1.code),
        },
    ),
    api("renstra-detail", seen(), args=code("renstra")),
    api("renstra-submit", opd1_write(200), args=code("renstra"), method="post"),
    api(
        "renstra-return",
        review(200),
        args=code("renstra"),
        method="post",
        setup=_submitted,
        data=lambda cast, ctx: {"note": "Lengkapi indikator"},
    ),
    api("renstra-approve", review(200), args=code("renstra"), method="post", setup=_submitted),
    api(
        "renstra-revise",
        opd1_write(200),
        args=code("renstra"),
        method="post",
        setup=_approved,
        data=lambda cast, ctx: {"reason": "Perubahan RPJMD"},
    ),
    # Renja and its lines
    api("renja-list", statuses(200, anonymous=403)),
    api(
        "renja-list",
        statuses(403, anonymous=403, operator=201, verifier=201, other_operator=400, outsider=400),
        method="post",
        data=lambda cast, ctx: {"renstra": str(ctx["renstra"].code), "year": 2026},
    ),
    api("renja-detail", seen(), args=code("renja"), setup=_renja),
    api(
        "renja-detail",
        opd1_write(200),
        args=code("renja"),
        method="patch",
        setup=_renja,
        data=lambda cast, ctx: {"dpa_number": "DPA/1.02/2025", "version": 1},
    ),
    api(
        "renja-revise",
        opd1_write(201),
        args=code("renja"),
        method="post",
        setup=_renja,
        data=lambda cast, ctx: {"note": "APBD-P"},
    ),
    api(
        "renja-line-list",
        seen(),
        setup=_renja,
        data=lambda cast, ctx: {"renja": str(ctx["renja"].code)},
    ),
    api("renja-line-detail", seen(), args=code("line"), setup=_renja),
    api(
        "renja-line-detail",
        opd1_write(200),
        args=code("line"),
        method="patch",
        setup=_renja,
        data=lambda cast, ctx: {"pagu": "1400000000", "version": 1},
    ),
    api(
        "renja-target-list",
        seen(),
        setup=_renja,
        data=lambda cast, ctx: {"renja": str(ctx["renja"].code)},
    ),
    api("renja-target-detail", seen(), args=code("renja_target"), setup=_renja),
    api(
        "renja-target-detail",
        opd1_write(200),
        args=code("renja_target"),
        method="patch",
        setup=_renja,
        data=lambda cast, ctx: {"value": "42", "version": 1},
    ),
]
