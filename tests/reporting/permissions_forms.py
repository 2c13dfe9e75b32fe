"""Permission cases of the printable forms (collected by permissions.py).

The forms are read like their source pages: the measurement form by whoever reads the OPD's
measurement, the cascading matrix and the tree by whoever reads the Renstra (Pemda-wide roles
and the OPD's own users; another OPD's user and another Pemda get 404). The Pemda-wide tree is
for the Pemda-wide roles; an OPD's users print their own Renstra's tree (403). GET shows the
page, POST starts the job (302 to its progress page)."""

from __future__ import annotations

from tests.matrix import Case, in_pemda_a, only

ALL_A = ("admin", "bappeda", "operator", "verifier", "evaluator", "lead", "viewer")
PEMDA_WIDE = ("admin", "bappeda", "evaluator", "lead", "viewer")
YEAR = 2026


def _plan(cast) -> dict:
    from tests.performance.conftest import build_plan

    return {"plan": build_plan(cast)}


def measurement_args(cast, ctx) -> list:
    return [cast.opd1.code, YEAR, 2]


def renstra_args(cast, ctx) -> list:
    return [ctx["plan"].renstra.code, YEAR]


def year_args(cast, ctx) -> list:
    return [YEAR]


def _no_data(cast, ctx) -> dict:
    return {}


def _pair(name: str, args, setup, ok_roles, **kw) -> list[Case]:
    maker = in_pemda_a if ok_roles is ALL_A else only
    return [
        Case(name, maker(200, ok_roles, **kw), args=args, setup=setup),
        Case(
            name, maker(302, ok_roles, **kw), args=args, setup=setup, method="post", data=_no_data
        ),
    ]


CASES = [
    *_pair("reporting:form_measurement", measurement_args, None, ALL_A),
    *_pair("reporting:form_cascading", renstra_args, _plan, ALL_A),
    *_pair("reporting:form_tree", renstra_args, _plan, ALL_A),
    *_pair("reporting:form_tree_pemda", year_args, _plan, PEMDA_WIDE),
]
