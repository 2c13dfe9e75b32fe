"""The demo evaluation as `manage.py load_demo` loads it: last year's round finished and
published with grades from BB to C and recommendations, this year's round in progress, values
that pass the services' own checks (scales, notes, scores), the evaluator seeing only the
evaluations assigned, and idempotence. The demo is loaded once for tests/demo/ (conftest.py)."""

from __future__ import annotations

import io
from collections import Counter

import pytest
from django.core.management import call_command

from apps.core.models import ActivityLog
from apps.evaluation import access, worksheet
from apps.evaluation.demo import (
    IN_EVALUATION,
    LAST_YEAR,
    SELF_OPD,
    THIS_YEAR,
    load_evaluation_demo,
)
from apps.evaluation.models import (
    Answer,
    AnswerEvidence,
    AnswerOption,
    EvaluationRound,
    EvaluationStatus,
    FollowUp,
    Recommendation,
    RecommendationStatus,
    RoundStatus,
    TeamMember,
)
from apps.organisations.demo import PEMDA_NAME
from apps.organisations.models import OrgUnit, User
from apps.reporting.models import Publication

pytestmark = pytest.mark.django_db


def _check_values(answers) -> None:
    """Every value is an option of the criterion's own scale, with the option's value, and a
    score that differs from the self-assessment or the proposal carries a note (answer_score's
    rule)."""
    options = {
        (o.scale_id, o.label): o.value
        for o in AnswerOption.objects.filter(scale__template__key="permenpanrb-88-2021")
    }
    for a in answers:
        scale = a.criterion.scale_id
        if a.self_label:
            assert options[(scale, a.self_label)] == a.self_value
        if a.proposed_label:
            assert options[(scale, a.proposed_label)] == a.proposed_value
        if a.label:
            assert options[(scale, a.label)] == a.value
            differs = (a.self_label and a.label != a.self_label) or (
                a.proposed_label and a.label != a.proposed_label
            )
            assert a.note or not differs, a
            assert a.scored_by_id is not None and a.scored_at is not None


def test_it_loads_a_finished_round_and_one_in_progress(demo):
    assert "Loaded the evaluation rounds: 2025 finished" in demo
    pemda = OrgUnit.objects.get(parent=None, name=PEMDA_NAME)
    done = EvaluationRound.objects.get(pemda=pemda, year=LAST_YEAR)
    now = EvaluationRound.objects.get(pemda=pemda, year=THIS_YEAR)
    assert done.template_id == now.template_id and now.template.is_locked

    # 2025: every OPD and the Pemda final, grades from BB down to C, the results published.
    finals = list(done.evaluations.select_related("opd"))
    assert len(finals) > 30 and {e.status for e in finals} == {EvaluationStatus.FINAL}
    assert done.status == RoundStatus.PUBLISHED
    published = Publication.objects.get(pemda=pemda, kind="evaluation", year=done.year)
    assert len(published.snapshot["opds"]) == len(finals) - 1  # the Pemda's own is apart
    grades = Counter(e.grade for e in finals)
    assert set(grades) <= {"BB", "B", "CC", "C"} and grades["BB"] and grades["C"]
    for e in finals[:6]:
        result = worksheet.score_of(e)
        assert (e.score, e.grade) == (result.total, result.grade.code) and e.summary
    answers = list(Answer.objects.filter(evaluation__round=done).select_related("criterion"))
    assert all(a.label for a in answers) and all(a.self_label for a in answers)
    _check_values(answers)
    dinkes = next(e for e in finals if e.opd and e.opd.name == SELF_OPD)
    # The representative OPD went through the services: an activity entry per answer scored.
    codes = Answer.objects.filter(evaluation=dinkes).values("code")
    scored_log = ActivityLog.objects.filter(
        action="sakip.evaluation.answer_scored", object_code__in=codes
    )
    assert scored_log.values("object_code").distinct().count() == 80
    recs = list(Recommendation.objects.filter(evaluation__round=done))
    assert len(recs) >= 2 * len(finals)
    assert all(r.owner_unit_id and r.due_date for r in recs[: len(finals)] if r.evaluation.opd_id)
    statuses = Counter(r.status for r in recs)
    assert statuses[RecommendationStatus.DONE] and statuses[RecommendationStatus.IN_PROGRESS]
    assert statuses[RecommendationStatus.OPEN]
    assert (
        FollowUp.objects.filter(recommendation__evaluation__round=done).count()
        >= statuses[RecommendationStatus.DONE] + statuses[RecommendationStatus.IN_PROGRESS]
    )

    # 2026: open; Dinas Kesehatan self-assessing with internal links; three OPDs in evaluation
    # with part of their criteria scored; proposals from the data.
    assert now.status == RoundStatus.OPEN
    current = {e.pk: e for e in now.evaluations.select_related("opd")}
    by_status = Counter(e.status for e in current.values())
    assert by_status[EvaluationStatus.EVALUATION] == IN_EVALUATION
    assert by_status[EvaluationStatus.SELF_ASSESSMENT] == len(current) - IN_EVALUATION
    self_dinkes = next(e for e in current.values() if e.opd and e.opd.name == SELF_OPD)
    answered = Answer.objects.filter(evaluation=self_dinkes).exclude(self_label="").count()
    assert 0 < answered < 80
    links = AnswerEvidence.objects.filter(answer__evaluation=self_dinkes).exclude(link="")
    assert links.count() >= 1 and all(link.link.startswith("/") for link in links)
    answers = list(Answer.objects.filter(evaluation__round=now).select_related("criterion"))
    _check_values(answers)
    assert any(a.proposed_label for a in answers)
    scored = Counter(a.evaluation_id for a in answers if a.label)
    assert {current[pk].status for pk in scored} == {EvaluationStatus.EVALUATION}
    assert len(scored) == IN_EVALUATION and all(0 < n < 80 for n in scored.values())


def test_the_evaluator_sees_the_assigned_only_and_a_second_run_changes_nothing(demo):
    pemda = OrgUnit.objects.get(parent=None, name=PEMDA_NAME)
    evaluator = User.objects.get(username="evaluator")
    assigned = set(
        TeamMember.objects.filter(user=evaluator).values_list("evaluation_id", flat=True)
    )
    seen = set(access.evaluation_list(user=evaluator).values_list("pk", flat=True))
    total = EvaluationRound.objects.get(pemda=pemda, year=THIS_YEAR).evaluations.count()
    assert seen == assigned and 1 < len(seen) < total
    lead = User.objects.get(username="evaluator_lead")
    assert access.evaluation_list(user=lead).count() > len(seen)

    def counts():
        return (
            EvaluationRound.objects.count(),
            Answer.objects.count(),
            Answer.history.count(),
            Recommendation.objects.count(),
            FollowUp.objects.count(),
            TeamMember.objects.count(),
        )

    before = counts()
    assert not load_evaluation_demo(pemda).created
    out = io.StringIO()
    call_command("load_demo", stdout=out)
    assert "The demo evaluation rounds are already loaded; unchanged." in out.getvalue()
    assert counts() == before
