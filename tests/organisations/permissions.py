"""Permission cases of the organisation pages and API."""

from __future__ import annotations

from apps.organisations import services
from apps.organisations.models import Assignment, Membership, QuarterWindow
from tests.matrix import Case, everyone, in_pemda_a, only, statuses

ADMIN = ("admin",)
PLANNERS = ("admin", "bappeda")
ALL_A = ("admin", "bappeda", "operator", "verifier", "evaluator", "lead", "viewer")


def code_of(attr: str):
    return lambda cast, ctx: [getattr(cast, attr).code]


def ctx_code(key: str):
    return lambda cast, ctx: [ctx[key].code]


def _period(cast) -> dict:
    period = services.period_create(
        actor=None, pemda=cast.pemda, name="RPJMD 2025–2029", start_year=2025
    )
    return {
        "period": period,
        "window": QuarterWindow.objects.filter(plan_year__period=period).first(),
    }


def _assignment(cast) -> dict:
    return {"assignment": Assignment.objects.get(position=cast.kepala_opd1)}


def _membership(cast) -> dict:
    return {"membership": Membership.objects.get(user=cast.operator)}


# Pages (anonymous → 302 to login)
PAGES = [
    Case("organisations:unit_tree", everyone()),
    Case("organisations:unit_create", only(200, ADMIN)),
    Case("organisations:unit_detail", in_pemda_a(200, ALL_A), args=code_of("opd1")),
    Case("organisations:unit_edit", in_pemda_a(200, ADMIN), args=code_of("opd1")),
    Case("organisations:unit_move", in_pemda_a(200, ADMIN), args=code_of("seksi1")),
    Case(
        "organisations:unit_deactivate",
        in_pemda_a(302, ADMIN),
        args=code_of("seksi1"),
        method="post",
        data=lambda cast, ctx: {"version": cast.seksi1.version},
    ),
    Case("organisations:position_list", everyone()),
    Case("organisations:position_create", only(200, ADMIN)),
    Case("organisations:position_edit", in_pemda_a(200, ALL_A), args=code_of("kasi1")),
    Case(
        "organisations:position_edit",
        in_pemda_a(302, ADMIN),
        args=code_of("kasi1"),
        method="post",
        data=lambda cast, ctx: {
            "version": cast.kasi1.version,
            "unit": cast.seksi1.code,
            "title": "Kepala Seksi Pelayanan Kesehatan Primer",
            "level": "pengawas",
            "is_head": "on",
            "superior": cast.kabid1.code,
            "is_active": "on",
        },
        id="organisations:position_edit[post]",
    ),
    Case("organisations:assignment_create", in_pemda_a(200, ADMIN), args=code_of("kasi1")),
    Case(
        "organisations:assignment_end",
        in_pemda_a(200, ADMIN),
        args=ctx_code("assignment"),
        setup=_assignment,
    ),
    Case("organisations:person_list", only(200, ADMIN)),
    Case("organisations:person_create", only(200, ADMIN)),
    Case(
        "organisations:person_edit",
        in_pemda_a(200, ADMIN),
        args=code_of("person_kepala_opd1"),
    ),
    Case("organisations:user_list", only(200, ADMIN)),
    Case("organisations:user_create", only(200, ADMIN)),
    Case(
        "organisations:user_edit",
        in_pemda_a(200, ADMIN, other_operator=403),
        args=code_of("operator"),
    ),
    Case(
        "organisations:membership_create",
        in_pemda_a(200, ADMIN, other_operator=403),
        args=code_of("operator"),
    ),
    Case(
        "organisations:membership_revoke",
        in_pemda_a(302, ADMIN),
        args=ctx_code("membership"),
        setup=_membership,
        method="post",
    ),
    Case("organisations:period_list", everyone()),
    Case("organisations:period_create", only(200, PLANNERS)),
    Case(
        "organisations:period_detail",
        in_pemda_a(200, ALL_A, other_operator=200),
        args=ctx_code("period"),
        setup=_period,
    ),
    Case(
        "organisations:window_edit",
        in_pemda_a(200, PLANNERS, other_operator=403),
        args=ctx_code("window"),
        setup=_period,
    ),
    Case("organisations:export", only(302, ADMIN), method="post"),
]

# API (anonymous → 403; lists are scoped, so they answer 200 to every signed-in user)
API = [
    Case("unit-list", statuses(200, anonymous=403), api=True),
    Case("unit-detail", in_pemda_a(200, ALL_A, anonymous=403), args=code_of("opd1"), api=True),
    Case(
        "unit-detail",
        in_pemda_a(200, ADMIN, anonymous=403),
        args=code_of("opd1"),
        api=True,
        method="patch",
        data=lambda cast, ctx: {"short_name": "DKK", "version": cast.opd1.version},
        id="unit-detail[patch]",
    ),
    Case("position-list", statuses(200, anonymous=403), api=True),
    Case(
        "position-detail",
        in_pemda_a(200, ALL_A, anonymous=403),
        args=code_of("kasi1"),
        api=True,
    ),
    Case("person-list", statuses(200, anonymous=403), api=True),
    Case(
        "person-detail",
        in_pemda_a(200, ALL_A, anonymous=403),
        args=code_of("person_kepala_opd1"),
        api=True,
    ),
    Case("assignment-list", statuses(200, anonymous=403), api=True),
    Case(
        "assignment-detail",
        in_pemda_a(200, ALL_A, anonymous=403),
        args=ctx_code("assignment"),
        setup=_assignment,
        api=True,
    ),
    Case("membership-list", statuses(200, anonymous=403), api=True),
    Case(
        "membership-detail",
        in_pemda_a(200, ALL_A, anonymous=403),
        args=ctx_code("membership"),
        setup=_membership,
        api=True,
    ),
    Case("user-list", only(200, ADMIN, anonymous=403), api=True),
    Case(
        "user-detail",
        in_pemda_a(200, ADMIN, anonymous=403, other_operator=403),
        args=code_of("operator"),
        api=True,
    ),
]

CASES = PAGES + API
