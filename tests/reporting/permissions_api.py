"""Permission cases of the reporting API (collected by permissions.py): the LKjIP of Dinas
Kesehatan (OPD 1) and its Bab I."""

from __future__ import annotations

from apps.reporting import services
from tests.matrix import Case, in_pemda_a, statuses
from tests.reporting.conftest import opd_report

ALL_A = ("admin", "bappeda", "operator", "verifier", "evaluator", "lead", "viewer")
WRITERS = ("admin", "bappeda", "operator", "verifier")


def _written(cast) -> dict:
    report = opd_report(cast)
    section = services.section_save(
        actor=cast.operator, report=report, key="bab1", body="<p>Bab I</p>", expected_version=0
    )
    return {"report": report, "section": section}


def section_args(cast, ctx) -> list:
    return [ctx["report"].code, "bab1"]


CASES = [
    Case("lkjip-list", statuses(200, anonymous=403), api=True),
    Case(
        "lkjip-detail",
        in_pemda_a(200, ALL_A, anonymous=403),
        args=lambda cast, ctx: [ctx["report"].code],
        setup=_written,
        api=True,
    ),
    Case(
        "lkjip-section",
        in_pemda_a(200, ALL_A, anonymous=403),
        args=section_args,
        setup=_written,
        api=True,
    ),
    Case(
        "lkjip-section",
        in_pemda_a(200, WRITERS, anonymous=403),
        args=section_args,
        method="put",
        data=lambda cast, ctx: {"body": "<p>Baru</p>", "version": ctx["section"].version},
        setup=_written,
        api=True,
        id="lkjip-section[put]",
    ),
]
