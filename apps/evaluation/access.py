"""Who may see and do what in an evaluation round (issue 7; DESIGN.md "Roles").

* Round managers (the Pemda administrator and the Inspektorat's lead evaluator, on the Pemda
  root) create rounds, assign teams, and see every evaluation.
* An evaluator sees only the evaluations they are assigned to (TeamMember), whatever the reach
  of their membership; the team's lead and the Pemda's lead evaluator finalise.
* The evaluated OPD (its operators and verifiers) self-assesses its own evaluation; Bappeda and
  the admin self-assess the Pemda's own evaluation.
* Everyone else of the Pemda with a non-evaluator grant reads the evaluations of the units their
  grant covers (the leadership and Bappeda read all).
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet
from django.http import Http404

from apps.evaluation.models import Evaluation, EvaluationRound, EvaluationStatus, TeamMember
from apps.organisations.access import EVALUATORS, OPD_WRITERS, PLANNERS, get_scope
from apps.organisations.models import Role

ROUND_MANAGERS = frozenset({Role.ADMIN, Role.EVALUATOR_LEAD})
# Grants that read evaluations by their reach (evaluators read by assignment only).
READERS_BY_REACH = frozenset(set(Role.values) - set(EVALUATORS))


def may_manage_rounds(user) -> bool:
    return get_scope(user).covers(None, ROUND_MANAGERS)


def round_list(*, user) -> QuerySet[EvaluationRound]:
    scope = get_scope(user)
    if scope.pemda_id is None or not scope.grants:
        return EvaluationRound.objects.none()
    return EvaluationRound.objects.filter(pemda_id=scope.pemda_id).select_related("template")


def get_round_for_user(user, code) -> EvaluationRound:
    try:
        return round_list(user=user).get(code=code)
    except (EvaluationRound.DoesNotExist, ValueError, ValidationError) as exc:
        raise Http404 from exc


def evaluation_list(*, user) -> QuerySet[Evaluation]:
    """The evaluations the user may read (see the module docstring)."""
    scope = get_scope(user)
    if scope.pemda_id is None or not scope.grants:
        return Evaluation.objects.none()
    base = Evaluation.objects.filter(pemda_id=scope.pemda_id).select_related(
        "round", "round__template", "opd"
    )
    if scope.pemda_wide(ROUND_MANAGERS):
        return base
    q = Q(pk__in=[])
    if scope.has_role(*EVALUATORS):
        q |= Q(pk__in=TeamMember.objects.filter(user_id=scope.user_id).values("evaluation_id"))
    q |= scope.units_q("opd", READERS_BY_REACH)
    if scope.pemda_wide(READERS_BY_REACH):
        q |= Q(opd__isnull=True)
    return base.filter(q)


def get_evaluation_for_user(user, code) -> Evaluation:
    try:
        return evaluation_list(user=user).get(code=code)
    except (Evaluation.DoesNotExist, ValueError, ValidationError) as exc:
        raise Http404 from exc


def is_team_member(user, evaluation: Evaluation, *, lead: bool = False) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    members = TeamMember.objects.filter(evaluation=evaluation, user_id=user.pk)
    if lead:
        members = members.filter(role=TeamMember.Role.LEAD)
    return members.exists()


def may_self_assess(user, evaluation: Evaluation) -> bool:
    """The evaluated OPD's writers (the Pemda's planners for the Pemda's own evaluation), while
    the evaluation is in self-assessment."""
    if evaluation.status != EvaluationStatus.SELF_ASSESSMENT:
        return False
    scope = get_scope(user)
    if evaluation.pemda_id != scope.pemda_id:
        return False
    if evaluation.opd_id is None:
        return scope.covers(None, PLANNERS)
    return scope.covers(evaluation.opd, OPD_WRITERS)


def may_score(user, evaluation: Evaluation) -> bool:
    """An evaluator assigned to this evaluation, while it is being evaluated."""
    if evaluation.status != EvaluationStatus.EVALUATION:
        return False
    scope = get_scope(user)
    return (
        evaluation.pemda_id == scope.pemda_id
        and scope.has_role(*EVALUATORS)
        and is_team_member(user, evaluation)
    )


def may_finalise(user, evaluation: Evaluation) -> bool:
    """The quality reviewer: the team's lead or the Pemda's lead evaluator."""
    scope = get_scope(user)
    if evaluation.pemda_id != scope.pemda_id:
        return False
    return scope.covers(None, frozenset({Role.EVALUATOR_LEAD})) or (
        scope.has_role(*EVALUATORS) and is_team_member(user, evaluation, lead=True)
    )
