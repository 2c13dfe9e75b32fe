"""Reads of the organisation, always through the user's scope (apps.organisations.access)."""

from __future__ import annotations

import datetime as dt

from django.db.models import Prefetch, QuerySet

from apps.organisations.access import PEMDA_MANAGERS, PLANNERS, get_scope, get_scoped_object
from apps.organisations.models import (
    Assignment,
    Membership,
    OrgUnit,
    Person,
    PlanPeriod,
    Position,
    QuarterWindow,
    User,
)

# --- lists ------------------------------------------------------------------------------------


def unit_list(*, user) -> QuerySet[OrgUnit]:
    return get_scope(user).filter(OrgUnit.objects.all(), path="").order_by("tree_id", "lft")


def opd_list(*, user) -> QuerySet[OrgUnit]:
    return unit_list(user=user).filter(unit_type="opd")


def position_list(*, user, day: dt.date | None = None) -> QuerySet[Position]:
    """Positions in scope with their unit and current holders (one extra query for holders)."""
    day = day or dt.date.today()
    current = Assignment.objects.current_on(day).select_related("person").order_by("kind")
    return (
        get_scope(user)
        .filter(Position.objects.all())
        .select_related("unit", "superior")
        .prefetch_related(Prefetch("assignments", queryset=current, to_attr="current_holders"))
    )


def person_list(*, user) -> QuerySet[Person]:
    return get_scope(user).filter(Person.objects.all()).select_related("unit")


def assignment_list(*, user) -> QuerySet[Assignment]:
    """Assignments (past, current and future) of positions in scope, newest first per position."""
    return (
        get_scope(user)
        .filter(Assignment.objects.all(), path="position__unit")
        .select_related("position", "person")
    )


def user_list(*, user) -> QuerySet[User]:
    """Users of the Pemda; only a Pemda admin lists them."""
    scope = get_scope(user)
    if not scope.pemda_wide(PEMDA_MANAGERS):
        return User.objects.none()
    memberships = Membership.objects.select_related("unit").order_by("role")
    return (
        User.objects.filter(pemda_id=scope.pemda_id)
        .select_related("person")
        .prefetch_related(Prefetch("memberships", queryset=memberships))
        .order_by("username")
    )


def membership_list(*, user) -> QuerySet[Membership]:
    return get_scope(user).filter(Membership.objects.all()).select_related("user", "unit")


def period_list(*, user) -> QuerySet[PlanPeriod]:
    scope = get_scope(user)
    if scope.pemda_id is None or not scope.grants:
        return PlanPeriod.objects.none()
    return PlanPeriod.objects.filter(pemda_id=scope.pemda_id)


def window_list(*, user, period: PlanPeriod) -> QuerySet[QuarterWindow]:
    return QuarterWindow.objects.filter(
        pemda_id=period.pemda_id, plan_year__period=period
    ).select_related("plan_year")


# --- single objects: 404 outside scope, 403 for a write without a write role ----------------


def get_unit_for_user(user, code) -> OrgUnit:
    return get_scoped_object(OrgUnit.objects.all(), user, code=code, path="")


def get_rw_unit_for_user(user, code) -> OrgUnit:
    return get_scoped_object(
        OrgUnit.objects.all(), user, code=code, path="", write_roles=PEMDA_MANAGERS
    )


def get_position_for_user(user, code) -> Position:
    return get_scoped_object(Position.objects.select_related("unit"), user, code=code)


def get_rw_position_for_user(user, code) -> Position:
    return get_scoped_object(
        Position.objects.select_related("unit"), user, code=code, write_roles=PEMDA_MANAGERS
    )


def get_person_for_user(user, code) -> Person:
    return get_scoped_object(Person.objects.select_related("unit"), user, code=code)


def get_rw_person_for_user(user, code) -> Person:
    return get_scoped_object(
        Person.objects.select_related("unit"), user, code=code, write_roles=PEMDA_MANAGERS
    )


def get_assignment_for_user(user, code) -> Assignment:
    return get_scoped_object(
        Assignment.objects.select_related("position__unit", "person"),
        user,
        code=code,
        path="position__unit",
    )


def get_rw_assignment_for_user(user, code) -> Assignment:
    return get_scoped_object(
        Assignment.objects.select_related("position__unit", "person"),
        user,
        code=code,
        path="position__unit",
        write_roles=PEMDA_MANAGERS,
    )


def get_membership_for_user(user, code) -> Membership:
    return get_scoped_object(Membership.objects.select_related("unit", "user"), user, code=code)


def get_rw_membership_for_user(user, code) -> Membership:
    return get_scoped_object(
        Membership.objects.select_related("unit", "user"),
        user,
        code=code,
        write_roles=PEMDA_MANAGERS,
    )


def _pemda_level_object(queryset: QuerySet, user, code, *, write_roles=None):
    """Objects that belong to the whole Pemda (users, periods, windows): visible to its members,
    written by the holders of `write_roles` on the Pemda root."""
    from django.core.exceptions import PermissionDenied, ValidationError
    from django.http import Http404

    scope = get_scope(user)
    if scope.pemda_id is None or not scope.grants:
        raise Http404
    try:
        obj = queryset.get(code=code, pemda_id=scope.pemda_id)
    except (queryset.model.DoesNotExist, ValueError, ValidationError) as exc:
        raise Http404 from exc
    if write_roles is not None and not scope.pemda_wide(write_roles):
        raise PermissionDenied
    return obj


def get_user_for_user(user, code) -> User:
    return _pemda_level_object(User.objects.all(), user, code, write_roles=PEMDA_MANAGERS)


def get_period_for_user(user, code) -> PlanPeriod:
    return _pemda_level_object(PlanPeriod.objects.all(), user, code)


def get_rw_period_for_user(user, code) -> PlanPeriod:
    # Bappeda owns the planning calendar (DESIGN.md: "reporting windows").
    return _pemda_level_object(PlanPeriod.objects.all(), user, code, write_roles=PLANNERS)


def get_rw_window_for_user(user, code) -> QuarterWindow:
    return _pemda_level_object(
        QuarterWindow.objects.select_related("plan_year"), user, code, write_roles=PLANNERS
    )


def current_holder(position: Position, day: dt.date | None = None) -> Assignment | None:
    """The holder on `day`: an acting holder (Plt/Plh) stands in for the definitive one."""
    day = day or dt.date.today()
    holders = list(
        Assignment.objects.current_on(day).filter(position=position).select_related("person")
    )
    acting = [a for a in holders if a.is_acting]
    return (acting or holders or [None])[0]


def vacant_head_positions(*, user) -> QuerySet[Position]:
    today = dt.date.today()
    held = Assignment.objects.current_on(today).values("position_id")
    return (
        get_scope(user)
        .filter(Position.objects.filter(is_head=True, is_active=True), roles=PEMDA_MANAGERS)
        .exclude(pk__in=held)
        .select_related("unit")
    )
