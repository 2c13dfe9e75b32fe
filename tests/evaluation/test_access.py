"""Who reads which evaluation: evaluators by assignment only, the OPD its own, managers all."""

from __future__ import annotations

import pytest
from django.http import Http404

from apps.evaluation import access
from apps.evaluation.models import EvaluationStatus

pytestmark = pytest.mark.django_db


def codes(user) -> set:
    return set(access.evaluation_list(user=user).values_list("code", flat=True))


def test_evaluators_see_only_what_they_are_assigned(cast, round_world):
    w = round_world
    assert codes(cast.evaluator) == {w.opd1.code}
    assert codes(cast.lead) == {w.opd1.code, w.opd2.code, w.pemda.code}  # lead evaluator
    assert codes(cast.admin) == {w.opd1.code, w.opd2.code, w.pemda.code}
    with pytest.raises(Http404):
        access.get_evaluation_for_user(cast.evaluator, w.opd2.code)


def test_opd_users_see_their_own_and_others_nothing(cast, round_world):
    w = round_world
    assert codes(cast.operator) == {w.opd1.code}
    assert codes(cast.other_operator) == {w.opd2.code}
    assert codes(cast.bappeda) == {w.opd1.code, w.opd2.code, w.pemda.code}
    assert codes(cast.outsider) == set()


def test_who_may_act(cast, round_world):
    w = round_world
    assert access.may_self_assess(cast.operator, w.opd1)
    assert not access.may_self_assess(cast.other_operator, w.opd1)
    assert access.may_self_assess(cast.bappeda, w.pemda)
    assert not access.may_score(cast.evaluator, w.opd1)  # still in self-assessment
    w.opd1.status = EvaluationStatus.EVALUATION
    assert access.may_score(cast.evaluator, w.opd1)
    assert not access.may_score(cast.operator, w.opd1)
    w.opd2.status = EvaluationStatus.EVALUATION
    assert not access.may_score(cast.evaluator, w.opd2)  # not assigned
    assert access.may_finalise(cast.lead, w.opd2)
    assert not access.may_finalise(cast.evaluator, w.opd1)
    assert access.may_manage_rounds(cast.lead) and access.may_manage_rounds(cast.admin)
    assert not access.may_manage_rounds(cast.evaluator)


def test_a_template_in_use_says_so(round_world):
    assert round_world.template.is_in_use()
