"""Reads of core's own rows (activity, jobs, notifications), scoped like everything else."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet
from django.http import Http404

from apps.core.models import ActivityLog, Job, Notification
from apps.organisations.access import PEMDA_MANAGERS, get_scope


def activity_list(*, user, object_code=None) -> QuerySet[ActivityLog]:
    """Entries about objects in the user's units; Pemda-level entries (no unit) only for the
    Pemda's admins."""
    scope = get_scope(user)
    if scope.pemda_id is None or not scope.grants:
        return ActivityLog.objects.none()
    visible = scope.units_q("unit")
    if scope.pemda_wide(PEMDA_MANAGERS):
        visible |= Q(unit__isnull=True)
    qs = (
        ActivityLog.objects.filter(pemda_id=scope.pemda_id)
        .filter(visible)
        .select_related("actor", "unit")
    )
    if object_code:
        qs = qs.filter(object_code=object_code)
    return qs


def job_list(*, user) -> QuerySet[Job]:
    if not user.is_authenticated:
        return Job.objects.none()
    return Job.objects.filter(owner=user)


def get_job_for_user(user, code) -> Job:
    """A job is its owner's alone."""
    try:
        return job_list(user=user).get(code=code)
    except (Job.DoesNotExist, ValueError, ValidationError) as exc:
        raise Http404 from exc


def notification_list(*, user) -> QuerySet[Notification]:
    if not user.is_authenticated:
        return Notification.objects.none()
    return Notification.objects.filter(user=user, pemda_id=user.pemda_id)
