"""The worksheet selector and the scoring / quality-review services on the 88/2021 template, with
hand-computed numbers (weights: DOMAIN.md "Evaluation")."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from apps.core.concurrency import StaleVersionError
from apps.core.models import ActivityLog, WorkflowEvent
from apps.core.workflow import WorkflowError
from apps.evaluation import worksheet as ws
from apps.evaluation.models import (
    Answer,
    AnswerEvidence,
    AnswerOption,
    Evaluation,
    EvaluationRound,
    EvaluationStatus,
)
from apps.evaluation.scoring import round2 as scoring_round

pytestmark = pytest.mark.django_db


# --- helpers ------------------------------------------------------------------------------------


def _start(evaluation: Evaluation) -> Evaluation:
    """Move an evaluation into the evaluation stage (E1's transition; here by the ORM)."""
    Evaluation.objects.filter(pk=evaluation.pk).update(status=EvaluationStatus.EVALUATION)
    evaluation.refresh_from_db()
    return evaluation


def _answers(evaluation: Evaluation) -> list[Answer]:
    return list(
        Answer.objects.filter(evaluation=evaluation)
        .select_related("criterion__sub_component__component", "criterion__scale")
        .order_by(
            "criterion__sub_component__component__number",
            "criterion__sub_component__ref",
            "criterion__number",
        )
    )


def _fill(evaluation: Evaluation, choose) -> None:
    """Set every evaluator value with `choose(answer) -> label` (by the ORM: the scoring tests
    check the arithmetic; the service is tested below)."""
    options = {(o.scale_id, o.label): o.value for o in AnswerOption.objects.all()}
    rows = _answers(evaluation)
    for a in rows:
        a.label = choose(a)
        a.value = options[(a.criterion.scale_id, a.label)]
    Answer.objects.bulk_update(rows, ["label", "value"])


def _sub(a: Answer) -> str:
    sub = a.criterion.sub_component
    return f"{sub.component.number}{sub.ref}"


def _top(a: Answer) -> str:
    return "Y" if a.criterion.scale.key == "yt" else "A"


def _finalised(cast, evaluation: Evaluation) -> Evaluation:
    ws.evaluation_submit_review(actor=cast.evaluator, evaluation=evaluation)
    return ws.evaluation_finalise(actor=cast.lead, evaluation=evaluation, summary="Ringkasan.")


# --- scores on the 88/2021 weights ----------------------------------------------------------


def test_it_scores_all_y_and_a_as_100_aa_and_finalise_freezes_it(cast, round_world):
    evaluation = _start(round_world.opd1)
    _fill(evaluation, _top)
    sheet = ws.worksheet(evaluation)
    assert sheet.total == Decimal("100.00")
    assert sheet.grade.code == "AA"
    assert sheet.completeness.answered == sheet.completeness.total == 80
    assert [b.result.score for b in sheet.components] == [30, 30, 15, 25]
    _finalised(cast, evaluation)
    evaluation.refresh_from_db()
    assert (evaluation.status, evaluation.grade) == ("final", "AA")
    assert evaluation.score == Decimal("100")
    assert evaluation.finalised_by == cast.lead and evaluation.finalised_at is not None
    assert evaluation.summary == "Ringkasan."
    steps = list(
        WorkflowEvent.objects.filter(object_code=evaluation.code).values_list(
            "transition", "from_state", "to_state"
        )
    )
    assert ("review", "evaluation", "review") in steps
    assert ("finalise", "review", "final") in steps


def test_it_scores_a_known_mix(round_world):
    # Y/T criteria (the a. sub-components, 20 points) all Y, every A–E criterion C (0.5):
    # 20 + 80 × 0.5 = 60.00, graded CC because the lower bound of B is exclusive.
    evaluation = _start(round_world.opd1)
    _fill(evaluation, lambda a: "Y" if a.criterion.scale.key == "yt" else "C")
    sheet = ws.worksheet(evaluation)
    assert sheet.total == Decimal("60.00")
    assert sheet.grade.code == "CC"
    # Komponen 1: 6 + 9/2 + 15/2 = 18.
    assert sheet.components[0].result.score == Decimal("18")
    assert sheet.totals()["components"]["1"]["subs"]["b"]["score"] == "4,50"
    assert sheet.totals()["total"] == "60,00"


def test_it_grades_exactly_90_as_a(cast, round_world):
    # All top, except 2a (weight 6, 3 Y/T criteria) all T (−6) and four of 1a's six Y/T
    # criteria T (−4 × 6/6): 100 − 6 − 4 = 90.00 → A (AA starts above 90).
    evaluation = _start(round_world.opd1)
    lowered_1a = []

    def choose(a):
        if _sub(a) == "2a":
            return "T"
        if _sub(a) == "1a" and len(lowered_1a) < 4:
            lowered_1a.append(a.pk)
            return "T"
        return _top(a)

    _fill(evaluation, choose)
    assert ws.worksheet(evaluation).total == Decimal("90.00")
    _finalised(cast, evaluation)
    evaluation.refresh_from_db()
    assert (evaluation.score, evaluation.grade) == (Decimal("90.00"), "A")


def test_it_scores_one_a_in_3b_as_half_a_point(round_world):
    # docs/evaluation.md: 3b (weight 4.5, 9 criteria) with one A and the rest E scores 0.50.
    evaluation = _start(round_world.opd1)
    seen = []

    def choose(a):
        if _sub(a) != "3b":
            return "T" if a.criterion.scale.key == "yt" else "E"
        seen.append(a.pk)
        return "A" if len(seen) == 1 else "E"

    _fill(evaluation, choose)
    sheet = ws.worksheet(evaluation)
    assert sheet.total == Decimal("0.50")
    assert sheet.grade.code == "D"
    assert sheet.totals()["components"]["3"]["subs"]["b"]["score"] == "0,50"


def test_the_self_assessment_is_scored_beside_the_evaluators_values(round_world):
    evaluation = _start(round_world.opd1)
    Answer.objects.filter(evaluation=evaluation, criterion__scale__key="yt").update(
        self_label="Y", self_value=1
    )
    sheet = ws.worksheet(evaluation)
    assert sheet.self_result.total == Decimal("20.00")
    assert sheet.total == Decimal("0.00")
    assert sheet.completeness.missing == 80


# --- answer_score ---------------------------------------------------------------------------


def test_it_scores_an_answer_and_records_old_and_new(cast, round_world):
    evaluation = _start(round_world.opd1)
    answer = _answers(evaluation)[0]  # 1a.1, Y/T
    ws.answer_score(actor=cast.evaluator, answer=answer, label="Y", expected_version=1)
    ws.answer_score(
        actor=cast.evaluator, answer=answer, label="T", note="Tidak ada SK", expected_version=2
    )
    answer.refresh_from_db()
    assert (answer.label, answer.value, answer.note, answer.version) == ("T", 0, "Tidak ada SK", 3)
    assert answer.scored_by == cast.evaluator
    history = ws.answer_history(answer)
    assert [h.label for h in history][:2] == ["T", "Y"]
    assert history[0].history_user == cast.evaluator
    log = ActivityLog.objects.filter(action="sakip.evaluation.answer_scored").first()
    assert log.data["old"] == {"label": "Y", "note": ""}
    assert log.data["new"] == {"label": "T", "note": "Tidak ada SK"}


def test_a_value_outside_the_scale_is_refused_and_nothing_changes(cast, round_world):
    evaluation = _start(round_world.opd1)
    answer = _answers(evaluation)[0]  # Y/T
    with pytest.raises(ValidationError) as exc:
        ws.answer_score(actor=cast.evaluator, answer=answer, label="A", expected_version=1)
    assert exc.value.message_dict["label"] == [
        "A is not an answer of this criterion (allowed: Y, T)."
    ]
    answer.refresh_from_db()
    assert (answer.label, answer.value, answer.version) == ("", None, 1)


def test_a_note_is_required_when_the_value_differs_from_the_self_assessment(cast, round_world):
    evaluation = _start(round_world.opd1)
    answer = _answers(evaluation)[0]
    Answer.objects.filter(pk=answer.pk).update(self_label="Y", self_value=1)
    answer.refresh_from_db()
    with pytest.raises(ValidationError) as exc:
        ws.answer_score(actor=cast.evaluator, answer=answer, label="T", note="  ")
    assert "differs from the self-assessment" in exc.value.message_dict["note"][0]
    assert Answer.objects.get(pk=answer.pk).label == ""
    ws.answer_score(actor=cast.evaluator, answer=answer, label="Y")  # same as self: no note
    assert Answer.objects.get(pk=answer.pk).label == "Y"


def test_a_note_is_required_when_the_value_differs_from_the_proposal(cast, round_world):
    evaluation = _start(round_world.opd1)
    answer = _answers(evaluation)[2]
    Answer.objects.filter(pk=answer.pk).update(proposed_label="Y", proposed_value=1)
    answer.refresh_from_db()
    with pytest.raises(ValidationError):
        ws.answer_score(actor=cast.evaluator, answer=answer, label="T")
    ws.answer_score(actor=cast.evaluator, answer=answer, label="T", note="Renstra belum sah")
    assert Answer.objects.get(pk=answer.pk).note == "Renstra belum sah"


def test_an_unassigned_evaluator_is_refused(cast, round_world):
    evaluation = _start(round_world.opd2)  # nobody assigned
    answer = _answers(evaluation)[0]
    for user in (cast.evaluator, cast.operator, cast.admin):
        with pytest.raises(PermissionDenied):
            ws.answer_score(actor=user, answer=answer, label="Y")
    assert Answer.objects.get(pk=answer.pk).version == 1


def test_scoring_outside_the_evaluation_stage_is_refused(cast, round_world):
    answer = _answers(round_world.opd1)[0]  # still in self-assessment
    with pytest.raises(ValidationError) as exc:
        ws.answer_score(actor=cast.evaluator, answer=answer, label="Y")
    assert "only while the evaluation is in the evaluation stage" in exc.value.messages[0]


def test_a_stale_score_is_refused_with_the_other_persons_value(cast, round_world):
    evaluation = _start(round_world.opd1)
    answer = _answers(evaluation)[0]
    ws.answer_score(actor=cast.lead, answer=answer, label="Y", expected_version=1)
    mine = Answer.objects.get(pk=answer.pk)
    mine.version = 1  # what the evaluator read
    with pytest.raises(StaleVersionError) as exc:
        ws.answer_score(actor=cast.evaluator, answer=mine, label="T", expected_version=1)
    assert exc.value.current.label == "Y"
    assert Answer.objects.get(pk=answer.pk).label == "Y"


def test_accepting_the_proposal_and_the_self_assessment(cast, round_world):
    evaluation = _start(round_world.opd1)
    first, second, third = _answers(evaluation)[:3]
    Answer.objects.filter(pk=first.pk).update(
        proposed_label="Y", proposed_value=1, proposed_note="Renstra disahkan", self_label="T"
    )
    Answer.objects.filter(pk=second.pk).update(self_label="Y", self_value=1)
    first.refresh_from_db()
    second.refresh_from_db()
    ws.accept_proposal(actor=cast.evaluator, answer=first)
    first.refresh_from_db()
    # The value differs from the self-assessment: the data's note explains it.
    assert (first.label, first.value, first.note) == ("Y", 1, "Renstra disahkan")
    ws.accept_self(actor=cast.evaluator, answer=second)
    assert Answer.objects.get(pk=second.pk).label == "Y"
    with pytest.raises(ValidationError, match="no proposal"):
        ws.accept_proposal(actor=cast.evaluator, answer=third)
    with pytest.raises(ValidationError, match="has not assessed"):
        ws.accept_self(actor=cast.evaluator, answer=third)


# --- the quality review ---------------------------------------------------------------------


def test_review_is_refused_while_criteria_are_missing(cast, round_world):
    evaluation = _start(round_world.opd1)
    _fill(evaluation, _top)
    Answer.objects.filter(pk__in=[a.pk for a in _answers(evaluation)[:3]]).update(
        label="", value=None
    )
    with pytest.raises(ValidationError) as exc:
        ws.evaluation_submit_review(actor=cast.evaluator, evaluation=evaluation)
    assert exc.value.messages == ["3 criteria are not scored yet; score every criterion first."]
    assert Evaluation.objects.get(pk=evaluation.pk).status == "evaluation"


def test_a_final_evaluation_refuses_every_change_until_reopened(cast, round_world):
    evaluation = _start(round_world.opd1)
    _fill(evaluation, _top)
    _finalised(cast, evaluation)
    answer = _answers(evaluation)[0]
    final = "The evaluation is final: reopen it first."
    with pytest.raises(ValidationError) as exc:
        ws.answer_score(actor=cast.evaluator, answer=answer, label="T", note="x")
    assert exc.value.messages == [final]
    with pytest.raises(ValidationError, match="is final"):
        ws.evaluation_finalise(actor=cast.lead, evaluation=evaluation, summary="lagi")
    with pytest.raises(ValidationError, match="is final"):
        ws.evaluation_return(actor=cast.lead, evaluation=evaluation, note="x")
    assert Answer.objects.get(pk=answer.pk).label == "Y"

    # Reopening: the Pemda's lead evaluator or admin, with a note; not a team member.
    with pytest.raises(PermissionDenied):
        ws.evaluation_reopen(actor=cast.evaluator, evaluation=evaluation, note="salah")
    with pytest.raises(WorkflowError, match="note"):
        ws.evaluation_reopen(actor=cast.lead, evaluation=evaluation, note=" ")
    ws.evaluation_reopen(actor=cast.admin, evaluation=evaluation, note="Koreksi 1a")
    evaluation.refresh_from_db()
    assert (evaluation.status, evaluation.score, evaluation.grade) == ("review", None, "")
    event = WorkflowEvent.objects.get(object_code=evaluation.code, transition="reopen")
    assert (event.actor, event.note) == (cast.admin, "Koreksi 1a")
    assert evaluation.history.filter(grade="AA").exists()  # the frozen grade stays on record

    # Back to the evaluator, who corrects one value; finalised again with the new score.
    with pytest.raises(PermissionDenied):
        ws.evaluation_return(actor=cast.evaluator, evaluation=evaluation, note="x")
    with pytest.raises(WorkflowError):
        ws.evaluation_return(actor=cast.lead, evaluation=evaluation, note="")
    ws.evaluation_return(actor=cast.lead, evaluation=evaluation, note="Periksa 1a.1")
    answer = _answers(evaluation)[0]  # read again, as the next request would
    ws.answer_score(actor=cast.evaluator, answer=answer, label="T", note="Tidak ada pedoman")
    _finalised(cast, evaluation)
    evaluation.refresh_from_db()
    # 1a: 5/6 × 6 = 5 → 99.00.
    assert (evaluation.score, evaluation.grade) == (Decimal("99.00"), "AA")


def test_finalise_needs_the_reviewer_a_summary_and_the_review_stage(cast, round_world):
    evaluation = _start(round_world.opd1)
    _fill(evaluation, _top)
    with pytest.raises(WorkflowError):  # not in review yet
        ws.evaluation_finalise(actor=cast.lead, evaluation=evaluation, summary="x")
    ws.evaluation_submit_review(actor=cast.evaluator, evaluation=evaluation)
    with pytest.raises(PermissionDenied):
        ws.evaluation_finalise(actor=cast.evaluator, evaluation=evaluation, summary="x")
    with pytest.raises(PermissionDenied):
        ws.evaluation_finalise(actor=cast.bappeda, evaluation=evaluation, summary="x")
    with pytest.raises(ValidationError) as exc:
        ws.evaluation_finalise(actor=cast.lead, evaluation=evaluation, summary=" ")
    assert "summary" in exc.value.message_dict
    assert Evaluation.objects.get(pk=evaluation.pk).status == "review"


# --- constant queries -----------------------------------------------------------------------


def _queries(evaluation: Evaluation) -> int:
    evaluation = Evaluation.objects.select_related("round__template").get(pk=evaluation.pk)
    with CaptureQueriesContext(connection) as ctx:
        sheet = ws.worksheet(evaluation)
        sheet.totals()
        for row in sheet.rows:
            _ = (row.evidence_count, row.labels, row.criterion.scale.key, row.needs_note)
    assert len(sheet.rows) == 80
    return len(ctx.captured_queries)


def test_the_worksheet_takes_the_same_queries_at_two_sizes(cast, round_world):
    from tests.evaluation.conftest import build_round

    # Small: one evaluation in its round, nothing answered.
    Evaluation.objects.filter(pk__in=[round_world.opd2.pk, round_world.pemda.pk]).delete()
    small = _queries(round_world.opd1)
    assert small <= 5

    # Large: another round with three evaluations, every criterion answered, evidence on each.
    other = build_round(cast, year=2027)
    evaluation = _start(other.opd1)
    _fill(evaluation, _top)
    AnswerEvidence.objects.bulk_create(
        [
            AnswerEvidence(pemda=cast.pemda, answer=a, link=f"/perencanaan/{i}/", label="Renstra")
            for i, a in enumerate(_answers(evaluation))
            for _n in range(2)
        ]
    )
    assert _queries(evaluation) == small
    assert ws.worksheet(evaluation).rows[5].evidence_count == 2


def test_the_worked_example_of_the_docs(round_world):
    # docs/evaluation.md "Scoring and quality review": 1a 5 Y + 1 T, 4a 2 Y + 1 T, the other
    # Y/T sub-components all Y; b. all B; c. all C except 1c half A → 68.58, B.
    evaluation = _start(round_world.opd1)
    count: dict[str, int] = {}

    def choose(a):
        sub = _sub(a)
        count[sub] = count.get(sub, 0) + 1
        n = count[sub]
        if sub == "1a":
            return "T" if n == 6 else "Y"
        if sub == "4a":
            return "T" if n == 3 else "Y"
        if sub == "1c":
            return "A" if n <= 4 else "C"
        return {"a": "Y", "b": "B", "c": "C"}[sub[1]]

    _fill(evaluation, choose)
    sheet = ws.worksheet(evaluation)
    scores = [scoring_round(b.result.score) for b in sheet.components]
    assert scores == [Decimal("23.00"), Decimal("20.25"), Decimal("10.13"), Decimal("15.21")]
    assert sheet.total == Decimal("68.58")
    assert sheet.grade.code == "B"


def test_a_published_round_refuses_to_reopen_its_evaluations(cast, round_world):
    evaluation = _start(round_world.opd1)
    _fill(evaluation, _top)
    _finalised(cast, evaluation)
    EvaluationRound.objects.filter(pk=round_world.round.pk).update(status="published")
    evaluation = Evaluation.objects.select_related("round").get(pk=evaluation.pk)
    with pytest.raises(ValidationError, match="published"):
        ws.evaluation_reopen(actor=cast.admin, evaluation=evaluation, note="Koreksi")
    assert Evaluation.objects.get(pk=evaluation.pk).status == "final"
