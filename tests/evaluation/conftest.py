from __future__ import annotations

from dataclasses import dataclass

import pytest
from django.utils import translation

from apps.evaluation.models import (
    Answer,
    Criterion,
    Evaluation,
    EvaluationRound,
    LkeTemplate,
    RoundKind,
    RoundStatus,
    TeamMember,
)
from apps.evaluation.services import templates_install


@pytest.fixture(autouse=True)
def _english():
    """Tests assert the English msgids, except where they check Indonesian on purpose."""
    with translation.override("en"):
        yield


# --- a round in progress (shared by the round, scoring, follow-up and result tests) ------------


@dataclass
class RoundWorld:
    template: LkeTemplate
    round: EvaluationRound
    opd1: Evaluation  # Dinas Kesehatan: the cast's evaluator (member) and lead (lead) assigned
    opd2: Evaluation  # nobody assigned
    pemda: Evaluation  # the Pemda's own evaluation (kind internal rounds include it too)


def build_round(cast, *, year: int = 2026) -> RoundWorld:
    """A round of `year` on the default 88/2021 template with an evaluation (and one empty answer
    per criterion) for opd1, opd2 and the Pemda; built with the ORM so that every part's tests
    share it (the services that create rounds have their own tests)."""
    templates_install(pemda=cast.pemda)
    template = LkeTemplate.objects.get(pemda=cast.pemda, is_default=True)
    round_ = EvaluationRound.objects.create(
        pemda=cast.pemda,
        name=f"Evaluasi SAKIP {year}",
        year=year,
        kind=RoundKind.INTERNAL,
        template=template,
        status=RoundStatus.OPEN,
    )
    criteria = list(Criterion.objects.filter(sub_component__component__template=template))
    evaluations = []
    for opd in (cast.opd1, cast.opd2, None):
        evaluation = Evaluation.objects.create(pemda=cast.pemda, round=round_, opd=opd)
        Answer.objects.bulk_create(
            [Answer(pemda=cast.pemda, evaluation=evaluation, criterion=c) for c in criteria]
        )
        evaluations.append(evaluation)
    TeamMember.objects.create(pemda=cast.pemda, evaluation=evaluations[0], user=cast.evaluator)
    TeamMember.objects.create(
        pemda=cast.pemda, evaluation=evaluations[0], user=cast.lead, role=TeamMember.Role.LEAD
    )
    return RoundWorld(template, round_, *evaluations)


@pytest.fixture
def round_world(cast) -> RoundWorld:
    return build_round(cast)
