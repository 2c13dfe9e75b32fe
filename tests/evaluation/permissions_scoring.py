"""Permission cases of the evaluation scoring URLs (collected by permissions.py).

The world: tests/evaluation/conftest.py `build_round` — Dinas Kesehatan (OPD 1) with the cast's
evaluator (member) and lead (team lead, also the Pemda's evaluator_lead) assigned; Dinas
Pendidikan (OPD 2) with nobody assigned. Everyone who reads an evaluation reads its worksheet and
the history of its answers; only the assigned evaluators score and submit for review; the lead
finalises and returns; the lead and the admin reopen."""

from __future__ import annotations

from apps.evaluation.models import Answer, AnswerOption, EvaluationStatus
from tests.matrix import Case, in_pemda_a, statuses

READERS = ("admin", "bappeda", "operator", "verifier", "evaluator", "lead", "viewer")
SCORERS = ("evaluator", "lead")


def _round(cast, status: str = EvaluationStatus.EVALUATION, *, filled: bool = False) -> dict:
    from tests.evaluation.conftest import build_round

    world = build_round(cast)
    evaluation = world.opd1
    answers = Answer.objects.filter(evaluation=evaluation)
    if filled:
        # The best option of each scale (Y, A): the lowest `order` wins.
        top = {o.scale_id: o for o in AnswerOption.objects.order_by("-order")}
        rows = list(answers.select_related("criterion"))
        for a in rows:
            a.label, a.value = top[a.criterion.scale_id].label, top[a.criterion.scale_id].value
        Answer.objects.bulk_update(rows, ["label", "value"])
    type(evaluation).objects.filter(pk=evaluation.pk).update(status=status)
    evaluation.refresh_from_db()
    answer = answers.filter(criterion__scale__key="yt").order_by("criterion__number").first()
    Answer.objects.filter(pk=answer.pk).update(proposed_label="Y", proposed_value=1)
    answer.refresh_from_db()
    return {"world": world, "evaluation": evaluation, "answer": answer}


def _in_evaluation(cast) -> dict:
    return _round(cast)


def _complete(cast) -> dict:
    return _round(cast, filled=True)


def _in_review(cast) -> dict:
    return _round(cast, EvaluationStatus.REVIEW, filled=True)


def _final(cast) -> dict:
    return _round(cast, EvaluationStatus.FINAL, filled=True)


def evaluation_code(cast, ctx) -> list:
    return [ctx["evaluation"].code]


def opd2_code(cast, ctx) -> list:
    return [ctx["world"].opd2.code]


def answer_code(cast, ctx) -> list:
    return [ctx["answer"].code]


def score_data(cast, ctx) -> dict:
    return {"label": "Y", "note": "", "version": ctx["answer"].version}


def accept_data(cast, ctx) -> dict:
    return {"source": "proposal", "version": ctx["answer"].version}


def version_data(cast, ctx) -> dict:
    return {"version": ctx["evaluation"].version}


def note_data(cast, ctx) -> dict:
    return {"version": ctx["evaluation"].version, "note": "Periksa lagi"}


def summary_data(cast, ctx) -> dict:
    return {"version": ctx["evaluation"].version, "summary": "Ringkasan hasil evaluasi."}


CASES = [
    Case("evaluation:worksheet", in_pemda_a(200, READERS), args=evaluation_code, setup=_round),
    # OPD 2's evaluation: the evaluator is not assigned (404); the lead manages every round.
    Case(
        "evaluation:worksheet",
        statuses(200, evaluator=404, operator=404, verifier=404, other_operator=200, outsider=404),
        args=opd2_code,
        setup=_round,
        id="evaluation:worksheet[opd2]",
    ),
    Case("evaluation:answer_history", in_pemda_a(200, READERS), args=answer_code, setup=_round),
    Case(
        "evaluation:answer_score",
        in_pemda_a(302, SCORERS),
        args=answer_code,
        method="post",
        data=score_data,
        setup=_in_evaluation,
    ),
    Case(
        "evaluation:answer_accept",
        in_pemda_a(302, SCORERS),
        args=answer_code,
        method="post",
        data=accept_data,
        setup=_in_evaluation,
    ),
    Case(
        "evaluation:evaluation_review",
        in_pemda_a(302, SCORERS),
        args=evaluation_code,
        method="post",
        data=version_data,
        setup=_complete,
    ),
    Case(
        "evaluation:evaluation_finalise",
        in_pemda_a(200, ("lead",)),
        args=evaluation_code,
        setup=_in_review,
    ),
    Case(
        "evaluation:evaluation_finalise",
        in_pemda_a(302, ("lead",)),
        args=evaluation_code,
        method="post",
        data=summary_data,
        setup=_in_review,
    ),
    Case(
        "evaluation:evaluation_return",
        in_pemda_a(302, ("lead",)),
        args=evaluation_code,
        method="post",
        data=note_data,
        setup=_in_review,
    ),
    Case(
        "evaluation:evaluation_reopen",
        in_pemda_a(302, ("lead", "admin")),
        args=evaluation_code,
        method="post",
        data=note_data,
        setup=_final,
    ),
]
