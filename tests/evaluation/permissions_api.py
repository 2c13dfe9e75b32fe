"""Permission cases of the evaluation API (collected by permissions.py).

The world is tests/evaluation/conftest.py's round: evaluations of Dinas Kesehatan (OPD 1; the
cast's evaluator and lead assigned), of OPD 2 (nobody assigned) and of the Pemda. Reads follow
access.evaluation_list: another OPD's operator and another Pemda's user get 404, and so does an
evaluator on an evaluation they are not assigned to. Writes are decided by the services: the
OPD's writers self-assess, the assigned evaluators score, the OPD's writers follow up; any other
reader gets 403. Anonymous callers get 403 (the API sends no login redirect)."""

from __future__ import annotations

from apps.evaluation.models import (
    Answer,
    EvaluationStatus,
    Recommendation,
)
from tests.matrix import Case, in_pemda_a, statuses

ALL_A = ("admin", "bappeda", "operator", "verifier", "evaluator", "lead", "viewer")
OPD_WRITERS = ("operator", "verifier")
TEAM = ("evaluator", "lead")


def _world(cast) -> dict:
    from tests.evaluation.conftest import build_round

    world = build_round(cast)
    answer = Answer.objects.filter(evaluation=world.opd1).order_by(
        "criterion__sub_component__component__number",
        "criterion__sub_component__order",
        "criterion__order",
    )[0]
    return {"world": world, "answer": answer}


def _scoring(cast) -> dict:
    ctx = _world(cast)
    Answer.objects.filter(pk=ctx["answer"].pk).update(self_label="Y", self_value=1)
    ctx["world"].opd1.status = EvaluationStatus.EVALUATION
    ctx["world"].opd1.save(update_fields=["status"])
    return ctx


def _recommended(cast) -> dict:
    ctx = _world(cast)
    evaluation = ctx["world"].opd1
    evaluation.status = EvaluationStatus.FINAL
    evaluation.save(update_fields=["status"])
    ctx["recommendation"] = Recommendation.objects.create(
        pemda=cast.pemda,
        evaluation=evaluation,
        number=1,
        text="Lengkapi Rencana Aksi sampai tingkat pengawas.",
        owner_unit=cast.opd1,
    )
    return ctx


def _answer(cast, ctx) -> list:
    return [ctx["answer"].code]


def _label(cast, ctx) -> dict:
    return {"label": "Y", "note": "Dokumen ada.", "version": ctx["answer"].version}


def _opd1(cast, ctx) -> list:
    return [ctx["world"].opd1.code]


READ_OPD1 = in_pemda_a(200, ALL_A, anonymous=403)

CASES = [
    Case("evaluation-round-list", statuses(200, anonymous=403), api=True),
    Case(
        "evaluation-round-detail",
        {**statuses(200, anonymous=403), "outsider": 404},
        args=lambda cast, ctx: [ctx["world"].round.code],
        setup=_world,
        api=True,
    ),
    Case("evaluation-list", statuses(200, anonymous=403), api=True),
    Case("evaluation-detail", READ_OPD1, args=_opd1, setup=_world, api=True),
    Case(
        # OPD 2's evaluation has no team: the evaluator does not see it, the lead evaluator
        # (a round manager) and OPD 2's own operator do.
        "evaluation-detail",
        {
            **statuses(200, anonymous=403),
            "outsider": 404,
            "evaluator": 404,
            "operator": 404,
            "verifier": 404,
        },
        args=lambda cast, ctx: [ctx["world"].opd2.code],
        setup=_world,
        api=True,
        id="evaluation-detail[get,opd2]",
    ),
    Case(
        "answer-list",
        READ_OPD1,
        data=lambda cast, ctx: {"evaluation": str(ctx["world"].opd1.code)},
        setup=_world,
        api=True,
    ),
    Case("answer-detail", READ_OPD1, args=_answer, setup=_world, api=True),
    Case(
        "answer-self-assess",
        in_pemda_a(200, OPD_WRITERS, anonymous=403),
        args=_answer,
        setup=_world,
        method="post",
        data=_label,
        api=True,
    ),
    Case(
        "answer-score",
        in_pemda_a(200, TEAM, anonymous=403),
        args=_answer,
        setup=_scoring,
        method="post",
        data=_label,
        api=True,
    ),
    Case("recommendation-list", statuses(200, anonymous=403), api=True),
    Case(
        "recommendation-detail",
        READ_OPD1,
        args=lambda cast, ctx: [ctx["recommendation"].code],
        setup=_recommended,
        api=True,
    ),
    Case(
        "recommendation-follow-up",
        in_pemda_a(201, OPD_WRITERS, anonymous=403),
        args=lambda cast, ctx: [ctx["recommendation"].code],
        setup=_recommended,
        method="post",
        data=lambda cast, ctx: {"text": "Rencana Aksi seluruh pengawas telah disusun."},
        api=True,
    ),
]
