"""Recommendations of an evaluation and their follow-up (issue 7, point 8).

* The evaluators assigned to an evaluation and the round managers write its recommendations
  (number, text, component, owner unit — the OPD or one of its units —, due date) while the
  evaluation is in quality review or final.
* The owner OPD's writers (the Pemda's planners for the Pemda's own evaluation) record what they
  did, with an optional evidence file checked by its content like measurement evidence.
* Status: open → in progress → followed up (which needs at least one follow-up); the owner's
  writers, the evaluators and managers move it forward; only evaluators and managers reopen a
  followed-up recommendation, with a note.

Lookups go through `recommendation_list` (the evaluations the user may read); every change is in
the history (simple-history) and the activity log.
"""

from __future__ import annotations

import datetime as dt
import hashlib

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Max, QuerySet
from django.http import Http404
from django.utils.text import get_valid_filename
from django.utils.translation import gettext as _

from apps.core.activity import log_action
from apps.core.concurrency import save_versioned
from apps.core.uploads import check_upload
from apps.evaluation.access import evaluation_list, is_team_member, may_manage_rounds
from apps.evaluation.models import (
    Component,
    Evaluation,
    EvaluationStatus,
    FollowUp,
    Recommendation,
    RecommendationStatus,
)
from apps.organisations.access import EVALUATORS, OPD_WRITERS, PLANNERS, get_scope
from apps.organisations.models import OrgUnit

WRITABLE = frozenset({EvaluationStatus.REVIEW, EvaluationStatus.FINAL})
NEXT = {
    RecommendationStatus.OPEN: {RecommendationStatus.IN_PROGRESS, RecommendationStatus.DONE},
    RecommendationStatus.IN_PROGRESS: {RecommendationStatus.DONE},
    RecommendationStatus.DONE: {RecommendationStatus.OPEN, RecommendationStatus.IN_PROGRESS},
}


# --- lookups ----------------------------------------------------------------------------------


def recommendation_list(*, user) -> QuerySet[Recommendation]:
    return Recommendation.objects.filter(
        evaluation__in=evaluation_list(user=user).values("pk")
    ).select_related(
        "evaluation", "evaluation__round", "evaluation__opd", "owner_unit", "component"
    )


def get_recommendation_for_user(user, code) -> Recommendation:
    try:
        return recommendation_list(user=user).get(code=code)
    except (Recommendation.DoesNotExist, ValueError, ValidationError) as exc:
        raise Http404 from exc


def get_followup_for_user(user, code) -> FollowUp:
    try:
        return FollowUp.objects.select_related("recommendation").get(
            code=code, recommendation__in=recommendation_list(user=user).values("pk")
        )
    except (FollowUp.DoesNotExist, ValueError, ValidationError) as exc:
        raise Http404 from exc


# --- who may act ------------------------------------------------------------------------------


def may_write_recommendations(user, evaluation: Evaluation) -> bool:
    """The evaluators assigned to the evaluation and the round managers (any state)."""
    scope = get_scope(user)
    if evaluation.pemda_id != scope.pemda_id:
        return False
    return may_manage_rounds(user) or (
        scope.has_role(*EVALUATORS) and is_team_member(user, evaluation)
    )


def may_follow_up(user, recommendation: Recommendation) -> bool:
    """The owner OPD's writers (the Pemda's planners for the Pemda's own evaluation)."""
    scope = get_scope(user)
    evaluation = recommendation.evaluation
    if evaluation.pemda_id != scope.pemda_id:
        return False
    if evaluation.opd_id is None:
        return scope.covers(None, PLANNERS) or (
            recommendation.owner_unit_id is not None
            and scope.covers(recommendation.owner_unit, OPD_WRITERS)
        )
    return scope.covers(evaluation.opd, OPD_WRITERS)


# --- recommendations --------------------------------------------------------------------------


def _clean(
    evaluation: Evaluation,
    *,
    text: str,
    component: Component | None,
    owner_unit: OrgUnit | None,
    due_date: dt.date | None,
) -> dict:
    errors: dict[str, str] = {}
    text = (text or "").strip()
    if not text:
        errors["text"] = _("Write the recommendation.")
    if component is not None and component.template_id != evaluation.round.template_id:
        errors["component"] = _("The component is not part of this round's template.")
    if owner_unit is None:
        owner_unit = evaluation.opd
    elif owner_unit.pemda_id != evaluation.pemda_id or (
        evaluation.opd_id is not None and owner_unit.opd_id != evaluation.opd_id
    ):
        errors["owner_unit"] = _("The owner must be the evaluated OPD or one of its units.")
    if due_date is not None and due_date.year < evaluation.round.year:
        errors["due_date"] = _("The due date lies before the year evaluated.")
    if errors:
        raise ValidationError(errors)
    return {"text": text, "component": component, "owner_unit": owner_unit, "due_date": due_date}


def _check_writable(actor, evaluation: Evaluation) -> None:
    if not may_write_recommendations(actor, evaluation):
        raise PermissionDenied
    if evaluation.status not in WRITABLE:
        raise ValidationError(
            _("Recommendations are written once the evaluation is in quality review or final.")
        )


def recommendation_add(
    *,
    actor,
    evaluation: Evaluation,
    text: str,
    component: Component | None = None,
    owner_unit: OrgUnit | None = None,
    due_date: dt.date | None = None,
) -> Recommendation:
    _check_writable(actor, evaluation)
    data = _clean(
        evaluation, text=text, component=component, owner_unit=owner_unit, due_date=due_date
    )
    with transaction.atomic():
        Evaluation.objects.select_for_update().filter(pk=evaluation.pk).order_by("pk").first()
        last = evaluation.recommendations.aggregate(n=Max("number"))["n"] or 0
        rec = Recommendation.objects.create(
            pemda_id=evaluation.pemda_id, evaluation=evaluation, number=last + 1, **data
        )
        log_action(
            action="sakip.recommendation.added",
            actor=actor,
            obj=rec,
            pemda_id=rec.pemda_id,
            unit_id=evaluation.opd_id,
            data={"number": rec.number},
        )
    return rec


def recommendation_update(
    *,
    actor,
    recommendation: Recommendation,
    text: str,
    component: Component | None = None,
    owner_unit: OrgUnit | None = None,
    due_date: dt.date | None = None,
    expected_version: int | None = None,
) -> Recommendation:
    evaluation = recommendation.evaluation
    _check_writable(actor, evaluation)
    data = _clean(
        evaluation, text=text, component=component, owner_unit=owner_unit, due_date=due_date
    )
    for name, value in data.items():
        setattr(recommendation, name, value)
    with transaction.atomic():
        save_versioned(
            recommendation,
            expected_version=expected_version,
            fields=["text", "component", "owner_unit", "due_date"],
        )
        log_action(
            action="sakip.recommendation.updated",
            actor=actor,
            obj=recommendation,
            pemda_id=recommendation.pemda_id,
            unit_id=evaluation.opd_id,
        )
    return recommendation


# --- follow-up --------------------------------------------------------------------------------


def _checked_file(name: str, content: bytes) -> tuple[str, str]:
    checked = check_upload(name, content)
    return checked.original_name, checked.ext


def followup_add(
    *,
    actor,
    recommendation: Recommendation,
    text: str,
    done_on: dt.date | None = None,
    name: str = "",
    content: bytes = b"",
    today: dt.date | None = None,
) -> FollowUp:
    """Record an action taken (an open recommendation moves to in progress)."""
    if not may_follow_up(actor, recommendation):
        raise PermissionDenied
    errors: dict[str, str] = {}
    text = (text or "").strip()
    if not text:
        errors["text"] = _("Describe the action taken.")
    today = today or dt.date.today()
    if done_on is not None and done_on > today:
        errors["done_on"] = _("The date of the action lies in the future.")
    if errors:
        raise ValidationError(errors)
    original, ext = _checked_file(name, content) if content else ("", "")
    with transaction.atomic():
        follow_up = FollowUp(
            pemda_id=recommendation.pemda_id,
            recommendation=recommendation,
            text=text,
            done_on=done_on,
            added_by=actor if getattr(actor, "is_authenticated", False) else None,
        )
        if content:
            follow_up.original_name = original
            follow_up.sha256 = hashlib.sha256(content).hexdigest()
            follow_up.file.save(
                get_valid_filename(original) or f"tindak-lanjut{ext}",
                ContentFile(content),
                save=False,
            )
        follow_up.save()
        if recommendation.status == RecommendationStatus.OPEN:
            recommendation.status = RecommendationStatus.IN_PROGRESS
            save_versioned(recommendation, expected_version=recommendation.version)
        log_action(
            action="sakip.followup.added",
            actor=actor,
            obj=follow_up,
            pemda_id=recommendation.pemda_id,
            unit_id=recommendation.evaluation.opd_id,
            data={"recommendation": str(recommendation.code), "sha256": follow_up.sha256},
        )
    return follow_up


def recommendation_set_status(
    *,
    actor,
    recommendation: Recommendation,
    status: str,
    note: str = "",
    expected_version: int | None = None,
) -> Recommendation:
    current = recommendation.status
    if status not in RecommendationStatus.values:
        raise ValidationError({"status": _("Unknown status.")})
    reviewer = may_write_recommendations(actor, recommendation.evaluation)
    if not (reviewer or may_follow_up(actor, recommendation)):
        raise PermissionDenied
    if status not in NEXT[current]:
        raise ValidationError(
            {
                "status": _("A recommendation cannot go from %(old)s to %(new)s.")
                % {
                    "old": RecommendationStatus(current).label,
                    "new": RecommendationStatus(status).label,
                }
            }
        )
    note = (note or "").strip()
    if current == RecommendationStatus.DONE:
        if not reviewer:
            raise PermissionDenied
        if not note:
            raise ValidationError({"note": _("Say why the recommendation is reopened.")})
    if status == RecommendationStatus.DONE and not recommendation.follow_ups.exists():
        raise ValidationError(
            {"status": _("Record at least one follow-up before marking it followed up.")}
        )
    recommendation.status = status
    with transaction.atomic():
        save_versioned(recommendation, expected_version=expected_version, fields=["status"])
        log_action(
            action="sakip.recommendation.status",
            actor=actor,
            obj=recommendation,
            pemda_id=recommendation.pemda_id,
            unit_id=recommendation.evaluation.opd_id,
            data={"from": current, "to": status, "note": note},
        )
    return recommendation
