"""Permission cases of the LKjIP pages (collected by permissions.py).

The report of Dinas Kesehatan (OPD 1): its operator and verifier write it (and Bappeda and the
admin, who write every report); the Inspektorat (evaluator, lead) reviews; Pemda-wide roles read;
the operator of OPD 2 and the outsider get 404."""

from __future__ import annotations

from apps.reporting import services
from tests.matrix import Case, everyone, in_pemda_a, statuses
from tests.reporting.conftest import YEAR, opd_report, to_final, to_reviu

ALL_A = ("admin", "bappeda", "operator", "verifier", "evaluator", "lead", "viewer")
WRITERS = ("admin", "bappeda", "operator", "verifier")
REVIEWERS = ("evaluator", "lead")


def _draft(cast) -> dict:
    return {"report": opd_report(cast)}


def _reviu(cast) -> dict:
    report = opd_report(cast)
    to_reviu(cast, report)
    report.refresh_from_db()
    return {"report": report}


def _commented(cast) -> dict:
    ctx = _reviu(cast)
    ctx["comment"] = services.comment_add(
        actor=cast.evaluator, report=ctx["report"], section_key="bab1", text="Perbaiki"
    )
    return ctx


def _final(cast) -> dict:
    report = opd_report(cast)
    to_final(cast, report)
    report.refresh_from_db()
    return {"report": report}


def code(cast, ctx) -> list:
    return [ctx["report"].code]


def step(name):
    return lambda cast, ctx: [ctx["report"].code, name]


def note(cast, ctx) -> dict:
    return {"version": ctx["report"].version, "note": "Catatan"}


CASES = [
    Case("reporting:report_list", everyone()),
    Case(
        "reporting:report_create",
        # Another OPD's writer and the outsider choose an OPD not theirs: a form error (302
        # back to the list), nothing created; read-only and reviewing roles may not create.
        statuses(302, evaluator=403, lead=403, viewer=403),
        method="post",
        data=lambda cast, ctx: {"year": YEAR, "opd": str(cast.opd1.code)},
    ),
    Case("reporting:report_detail", in_pemda_a(200, ALL_A), args=code, setup=_draft),
    Case(
        "reporting:section_edit",
        in_pemda_a(302, WRITERS),
        args=code,
        method="post",
        data=lambda cast, ctx: {"key": "bab1", "body": "<p>Bab I</p>", "version": 0},
        setup=_draft,
    ),
    Case(
        "reporting:report_transition",
        in_pemda_a(302, WRITERS),
        args=step("submit"),
        method="post",
        data=note,
        setup=_draft,
        id="reporting:report_transition[submit]",
    ),
    Case(
        "reporting:report_transition",
        in_pemda_a(302, REVIEWERS),
        args=step("return"),
        method="post",
        data=note,
        setup=_reviu,
        id="reporting:report_transition[return]",
    ),
    Case(
        "reporting:report_transition",
        in_pemda_a(302, ("admin", "bappeda", "verifier")),
        args=step("publish"),
        method="post",
        data=note,
        setup=_final,
        id="reporting:report_transition[publish]",
    ),
    Case(
        "reporting:report_transition",
        in_pemda_a(302, ("admin", "bappeda", *REVIEWERS)),
        args=step("reopen"),
        method="post",
        data=note,
        setup=_final,
        id="reporting:report_transition[reopen]",
    ),
    Case(
        "reporting:comment_add",
        in_pemda_a(302, REVIEWERS),
        args=code,
        method="post",
        data=lambda cast, ctx: {"section_key": "bab1", "text": "Lengkapi"},
        setup=_reviu,
    ),
    Case(
        "reporting:comment_resolve",
        in_pemda_a(302, (*WRITERS, "evaluator")),
        args=lambda cast, ctx: [ctx["comment"].code],
        method="post",
        setup=_commented,
    ),
    Case(
        "reporting:reviu_statement",
        in_pemda_a(302, REVIEWERS),
        args=code,
        method="post",
        data=lambda cast, ctx: {"version": ctx["report"].version, "reviu_statement": "Telah"},
        setup=_reviu,
    ),
]
