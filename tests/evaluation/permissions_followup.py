"""Permission cases of the data checks, readiness, recommendations and follow-up pages
(collected by permissions.py).

The world: the shared 2026 round (tests/evaluation/conftest.py) with Dinas Kesehatan's evaluation
in quality review and one recommendation with a follow-up carrying a PDF. Readers of that
evaluation (managers, the assigned evaluator, Bappeda, the leadership, the OPD's writers) see
it; the operator of OPD 2 and the outsider get 404."""

from __future__ import annotations

from apps.evaluation.models import EvaluationStatus, Recommendation
from tests.matrix import Case, everyone, in_pemda_a, only, statuses

PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
READERS = ("admin", "bappeda", "operator", "verifier", "evaluator", "lead", "viewer")
REVIEWERS = ("admin", "lead", "evaluator")
MANAGERS = ("admin", "lead")


def _round(cast) -> dict:
    from tests.evaluation.conftest import build_round

    return {"world": build_round(cast)}


def _with_recommendation(cast) -> dict:
    from apps.evaluation import followup

    ctx = _round(cast)
    evaluation = ctx["world"].opd1
    evaluation.status = EvaluationStatus.REVIEW
    evaluation.save()
    ctx["rec"] = Recommendation.objects.create(
        pemda=cast.pemda, evaluation=evaluation, number=1, text="Perbaiki indikator"
    )
    ctx["followup"] = followup.followup_add(
        actor=cast.operator, recommendation=ctx["rec"], text="Sudah", name="b.pdf", content=PDF
    )
    ctx["rec"].refresh_from_db()
    return ctx


def rec_code(cast, ctx) -> list:
    return [ctx["rec"].code]


CASES = [
    Case(
        "evaluation:readiness",
        statuses(200, evaluator=403),
    ),
    Case(
        "evaluation:propose",
        only(200, MANAGERS, outside={"outsider": 404}),
        args=lambda c, x: [x["world"].round.code],
        setup=_round,
    ),
    Case(
        "evaluation:propose",
        only(302, MANAGERS, outside={"outsider": 404}),
        args=lambda c, x: [x["world"].round.code],
        method="post",
        data=lambda c, x: {},
        setup=_round,
    ),
    Case("evaluation:recommendations", everyone()),
    Case(
        "evaluation:recommendation_detail",
        in_pemda_a(200, READERS),
        args=rec_code,
        setup=_with_recommendation,
    ),
    Case(
        "evaluation:recommendation_add",
        in_pemda_a(302, REVIEWERS),
        args=lambda c, x: [x["world"].opd1.code],
        method="post",
        data=lambda c, x: {"text": "Susun SOP pengumpulan data"},
        setup=_with_recommendation,
    ),
    Case(
        "evaluation:recommendation_edit",
        in_pemda_a(302, REVIEWERS),
        args=rec_code,
        method="post",
        data=lambda c, x: {"text": "Teks baru", "version": x["rec"].version},
        setup=_with_recommendation,
    ),
    Case(
        "evaluation:recommendation_status",
        in_pemda_a(302, (*REVIEWERS, "operator", "verifier")),
        args=rec_code,
        method="post",
        data=lambda c, x: {"status": "done", "version": x["rec"].version},
        setup=_with_recommendation,
    ),
    Case(
        "evaluation:followup_add",
        in_pemda_a(302, ("operator", "verifier")),
        args=rec_code,
        method="post",
        data=lambda c, x: {"text": "Rapat koordinasi", "done_on": "2026-05-01"},
        setup=_with_recommendation,
    ),
    Case(
        "evaluation:followup_file",
        in_pemda_a(200, READERS),
        args=lambda c, x: [x["followup"].code],
        setup=_with_recommendation,
    ),
]
