"""Services of evaluation rounds and teams (apps/evaluation/rounds.py)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from apps.core.concurrency import StaleVersionError
from apps.core.models import ActivityLog
from apps.evaluation import rounds
from apps.evaluation.models import (
    Answer,
    Evaluation,
    EvaluationRound,
    EvaluationStatus,
    LkeTemplate,
    RoundStatus,
    TeamMember,
)
from apps.evaluation.services import templates_install
from apps.organisations import services as org_services
from apps.organisations.models import UnitType

D = dt.date


@pytest.fixture
def template(cast) -> LkeTemplate:
    templates_install(pemda=cast.pemda)
    return LkeTemplate.objects.get(pemda=cast.pemda, is_default=True)


def _create(cast, template, **kw):
    args = {"name": "Evaluasi 2025", "year": 2025, "kind": "internal", "template": template}
    actor = kw.pop("actor", cast.admin)
    args.update(kw)
    return rounds.round_create(actor=actor, **args)


def test_it_creates_an_internal_round_with_every_active_opd_and_the_pemda(cast, template):
    inactive = org_services.unit_create(
        actor=None, parent=cast.pemda, name="Dinas Lama", unit_type=UnitType.OPD
    )
    inactive.is_active = False
    inactive.save()
    round_ = _create(cast, template, pre_evaluation_from=D(2026, 6, 1), handover_on="2026-12-10")
    evaluations = list(Evaluation.objects.filter(round=round_))
    assert {e.opd_id for e in evaluations} == {cast.opd1.pk, cast.opd2.pk, None}
    assert Answer.objects.filter(evaluation__round=round_).count() == 3 * 80
    assert Answer.history.filter(evaluation__round=round_).count() == 3 * 80
    assert Evaluation.history.filter(round=round_).count() == 3
    template.refresh_from_db()
    assert template.is_locked
    assert round_.handover_on == D(2026, 12, 10)
    assert ActivityLog.objects.filter(
        action="sakip.evaluation_round.created", object_code=round_.code
    ).exists()


def test_it_creates_a_pemda_round_with_only_the_pemda(cast, template):
    round_ = _create(cast, template, kind="pemda")
    assert list(Evaluation.objects.filter(round=round_).values_list("opd", flat=True)) == [None]
    assert Answer.objects.filter(evaluation__round=round_).count() == 80


def test_it_lets_the_lead_evaluator_create_but_refuses_others(cast, template):
    assert _create(cast, template, actor=cast.lead).pk
    for user in (cast.bappeda, cast.evaluator, cast.operator, cast.viewer):
        with pytest.raises(PermissionDenied):
            _create(cast, template, actor=user, year=2024)
    assert EvaluationRound.objects.count() == 1


def test_it_refuses_a_second_round_of_the_same_year_and_kind(cast, template):
    _create(cast, template)
    with pytest.raises(ValidationError) as err:
        _create(cast, template)
    assert "already a round of this kind for 2025" in str(err.value)
    assert _create(cast, template, kind="pemda").pk  # another kind is fine


def test_it_refuses_a_template_of_another_pemda(cast, template):
    templates_install(pemda=cast.pemda_b)
    other = LkeTemplate.objects.get(pemda=cast.pemda_b, is_default=True)
    with pytest.raises(ValidationError) as err:
        _create(cast, other)
    assert err.value.message_dict == {"template": ["Choose a template of this Pemda."]}
    assert not EvaluationRound.objects.exists()
    other.refresh_from_db()
    assert not other.is_locked


@pytest.mark.parametrize(
    "dates, field",
    [
        (
            {"pre_evaluation_from": D(2026, 6, 10), "pre_evaluation_to": D(2026, 6, 1)},
            "pre_evaluation_to",
        ),
        (
            {"pre_evaluation_to": D(2026, 7, 10), "evaluation_from": D(2026, 7, 1)},
            "evaluation_from",
        ),
        ({"evaluation_to": D(2026, 11, 20), "panel_on": D(2026, 11, 1)}, "panel_on"),
        ({"panel_on": D(2026, 12, 20), "handover_on": D(2026, 12, 1)}, "handover_on"),
    ],
)
def test_it_refuses_a_calendar_out_of_order(cast, template, dates, field):
    with pytest.raises(ValidationError) as err:
        _create(cast, template, **dates)
    assert list(err.value.message_dict) == [field]
    assert "lies before" in err.value.message_dict[field][0]
    assert not EvaluationRound.objects.exists()


def test_it_accepts_a_calendar_in_order_with_same_day_boundaries(cast, template):
    round_ = _create(
        cast,
        template,
        pre_evaluation_from=D(2026, 6, 1),
        pre_evaluation_to=D(2026, 6, 30),
        evaluation_from=D(2026, 6, 30),
        evaluation_to=D(2026, 7, 31),
        panel_on=D(2026, 11, 15),
        handover_on=D(2026, 12, 10),
    )
    assert round_.evaluation_from == D(2026, 6, 30)


def test_it_updates_a_round_with_versions_status_moves_and_history(cast, round_world):
    round_ = round_world.round  # open
    round_ = rounds.round_update(
        actor=cast.lead,
        round=round_,
        data={"name": "Evaluasi SAKIP 2026 (revisi)", "panel_on": D(2026, 11, 20)},
        expected_version=round_.version,
    )
    assert round_.name.endswith("(revisi)")
    assert round_.history.count() == 2
    log = ActivityLog.objects.get(action="sakip.evaluation_round.changed")
    assert log.data["changes"]["name"]["new"] == "Evaluasi SAKIP 2026 (revisi)"
    with pytest.raises(StaleVersionError):
        rounds.round_update(
            actor=cast.admin, round=round_, data={"name": "X"}, expected_version=round_.version - 1
        )
    with pytest.raises(ValidationError) as err:
        rounds.round_update(
            actor=cast.admin,
            round=round_,
            data={"status": RoundStatus.PLANNED},
            expected_version=round_.version,
        )
    assert "cannot move" in err.value.message_dict["status"][0]
    with pytest.raises(ValidationError):
        rounds.round_update(
            actor=cast.admin,
            round=round_,
            data={"handover_on": D(2026, 11, 1)},
            expected_version=round_.version,
        )
    rounds.round_update(
        actor=cast.admin,
        round=round_,
        data={"status": RoundStatus.CLOSED},
        expected_version=round_.version,
    )
    round_.refresh_from_db()
    assert round_.status == RoundStatus.CLOSED
    assert round_.name.endswith("(revisi)")


def test_it_refuses_to_change_a_published_round(cast, round_world):
    round_ = round_world.round
    EvaluationRound.objects.filter(pk=round_.pk).update(status=RoundStatus.PUBLISHED)
    round_.refresh_from_db()
    with pytest.raises(ValidationError) as err:
        rounds.round_update(
            actor=cast.admin, round=round_, data={"name": "X"}, expected_version=round_.version
        )
    assert "published" in err.value.messages[0]
    with pytest.raises(ValidationError):
        rounds.team_assign(
            actor=cast.admin, evaluation=round_world.opd2, user=cast.evaluator, role="member"
        )
    with pytest.raises(PermissionDenied):
        rounds.round_update(
            actor=cast.bappeda, round=round_, data={"name": "X"}, expected_version=round_.version
        )


def test_it_assigns_only_evaluators_of_the_pemda(cast, round_world):
    e = round_world.opd2
    member = rounds.team_assign(actor=cast.lead, evaluation=e, user=cast.evaluator, role="member")
    assert member.history.count() == 1
    assert ActivityLog.objects.filter(action="sakip.evaluation_team.assigned").count() == 1
    for user in (cast.operator, cast.viewer, cast.outsider):
        with pytest.raises(ValidationError) as err:
            rounds.team_assign(actor=cast.admin, evaluation=e, user=user, role="member")
        assert "is not an evaluator of this Pemda" in err.value.message_dict["user"][0]
    with pytest.raises(ValidationError) as err:
        rounds.team_assign(actor=cast.admin, evaluation=e, user=cast.evaluator, role="member")
    assert "already on this team" in err.value.message_dict["user"][0]
    with pytest.raises(PermissionDenied):
        rounds.team_assign(actor=cast.evaluator, evaluation=e, user=cast.lead, role="lead")
    member = rounds.team_assign(actor=cast.admin, evaluation=e, user=cast.evaluator, role="lead")
    assert member.role == "lead"
    assert TeamMember.objects.filter(evaluation=e).count() == 1


def test_it_removes_a_team_member_keeping_the_history(cast, round_world):
    member = TeamMember.objects.get(evaluation=round_world.opd1, user=cast.evaluator)
    with pytest.raises(PermissionDenied):
        rounds.team_remove(actor=cast.operator, member=member)
    pk = member.pk
    rounds.team_remove(actor=cast.lead, member=member)
    assert not TeamMember.objects.filter(pk=pk).exists()
    assert TeamMember.history.filter(id=pk, history_type="-").exists()
    assert ActivityLog.objects.filter(action="sakip.evaluation_team.removed").exists()


def test_it_lets_a_manager_move_an_evaluation_with_a_reason(cast, round_world):
    e = round_world.opd2
    with pytest.raises(ValidationError) as err:
        rounds.evaluation_move(actor=cast.admin, evaluation=e, status="evaluation", note=" ")
    assert "note" in err.value.message_dict
    with pytest.raises(PermissionDenied):
        rounds.evaluation_move(actor=cast.evaluator, evaluation=e, status="evaluation", note="x")
    with pytest.raises(ValidationError):
        rounds.evaluation_move(actor=cast.admin, evaluation=e, status="final", note="x")
    rounds.evaluation_move(
        actor=cast.admin, evaluation=e, status="evaluation", note="Batas waktu lewat"
    )
    e.refresh_from_db()
    assert e.status == EvaluationStatus.EVALUATION
    log = ActivityLog.objects.get(action="sakip.evaluation.moved")
    assert log.data["note"] == "Batas waktu lewat"
    Evaluation.objects.filter(pk=e.pk).update(status=EvaluationStatus.FINAL)
    e.refresh_from_db()
    with pytest.raises(ValidationError) as err:
        rounds.evaluation_move(actor=cast.admin, evaluation=e, status="review", note="x")
    assert "reopen it" in err.value.messages[0]


def test_it_lists_waiting_evaluations_for_the_inbox(cast, round_world):
    assert [e.pk for e in rounds.waiting_evaluations(cast.operator)] == [round_world.opd1.pk]
    assert [e.pk for e in rounds.waiting_evaluations(cast.other_operator)] == [round_world.opd2.pk]
    assert [e.pk for e in rounds.waiting_evaluations(cast.bappeda)] == [round_world.pemda.pk]
    assert list(rounds.waiting_evaluations(cast.evaluator)) == []
    assert list(rounds.waiting_evaluations(cast.viewer)) == []
    Evaluation.objects.filter(pk=round_world.opd1.pk).update(status="evaluation")
    assert [e.pk for e in rounds.waiting_evaluations(cast.evaluator)] == [round_world.opd1.pk]
    assert list(rounds.waiting_evaluations(cast.operator)) == []
