"""Writes to the organisation: units (an MPTT tree per Pemda), positions, people, assignments,
users, memberships, plan periods and quarter windows.

Tree writes follow docs/decisions/0001-mptt-serialised-writes.md: each one first locks the Pemda
row (the tree's anchor) with SELECT ... FOR UPDATE inside the transaction, so concurrent writers
of one tree queue instead of corrupting its left/right values. No bulk writes on the tree.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from apps.core.activity import log_action
from apps.core.services import update_versioned
from apps.organisations.models import (
    ALLOWED_CHILDREN,
    Assignment,
    AssignmentKind,
    Membership,
    OrgUnit,
    Person,
    PlanPeriod,
    PlanYear,
    Position,
    QuarterWindow,
    UnitType,
    User,
)

# ---------------------------------------------------------------------------------------------
# Units


def _lock_tree(pemda_id: int) -> OrgUnit:
    """Lock the anchor row of a Pemda's organisation tree for the rest of the transaction."""
    return OrgUnit.objects.select_for_update().get(pk=pemda_id)


def pemda_create(*, name: str, pemda_kind: str, place: str = "", short_name: str = "") -> OrgUnit:
    """Create a Pemda: the root of a new organisation tree (its `pemda` is itself)."""
    with transaction.atomic():
        # Serialise root creation against other roots (MPTT hands out tree ids).
        list(OrgUnit.objects.select_for_update().filter(parent=None).values_list("pk", flat=True))
        unit = OrgUnit(
            name=name,
            short_name=short_name,
            unit_type=UnitType.PEMDA,
            pemda_kind=pemda_kind,
            place=place,
        )
        unit.full_clean(exclude=["pemda"])
        unit.save()
        unit.pemda = unit
        unit.save(update_fields=["pemda"])
    return unit


def _check_child_type(parent: OrgUnit, unit_type: str) -> None:
    if unit_type not in ALLOWED_CHILDREN.get(parent.unit_type, set()):
        raise ValidationError(
            {
                "unit_type": _("A %(child)s cannot be placed under a %(parent)s.")
                % {
                    "child": UnitType(unit_type).label,
                    "parent": UnitType(parent.unit_type).label,
                }
            }
        )


def unit_create(
    *,
    actor,
    parent: OrgUnit,
    name: str,
    unit_type: str,
    short_name: str = "",
    opd_code: str = "",
    sort_order: int = 0,
) -> OrgUnit:
    with transaction.atomic():
        _lock_tree(parent.pemda_id)
        parent.refresh_from_db()
        _check_child_type(parent, unit_type)
        unit = OrgUnit(
            pemda_id=parent.pemda_id,
            parent=parent,
            name=name,
            short_name=short_name,
            unit_type=unit_type,
            opd_code=opd_code,
            sort_order=sort_order,
            opd=parent.opd,
        )
        unit.full_clean(exclude=["opd", "lft", "rght", "tree_id", "level"])
        unit.save()
        if unit_type == UnitType.OPD:
            unit.opd = unit
            unit.save(update_fields=["opd"])
        log_action(
            action="sakip.unit.created",
            actor=actor,
            obj=unit,
            pemda_id=unit.pemda_id,
            unit_id=unit.pk,
        )
    return unit


def unit_update(*, actor, unit: OrgUnit, data: dict, expected_version: int | None) -> OrgUnit:
    allowed = {"name", "short_name", "opd_code", "sort_order", "place"}
    unexpected = set(data) - allowed
    if unexpected:
        raise ValidationError(_("These fields cannot be changed here: %s") % ", ".join(unexpected))
    with transaction.atomic():
        _lock_tree(unit.pemda_id)
        return update_versioned(
            unit,
            actor=actor,
            data=data,
            expected_version=expected_version,
            action="sakip.unit.changed",
            unit_id=unit.pk,
        )


def unit_move(*, actor, unit: OrgUnit, new_parent: OrgUnit) -> OrgUnit:
    """Move a unit (with its subtree) under another unit of the same Pemda."""
    with transaction.atomic():
        _lock_tree(unit.pemda_id)
        unit.refresh_from_db()
        new_parent.refresh_from_db()
        if new_parent.pemda_id != unit.pemda_id:
            raise ValidationError({"parent": _("A unit can only move inside its own Pemda.")})
        if unit.is_pemda:
            raise ValidationError({"parent": _("The Pemda itself cannot be moved.")})
        if new_parent.pk == unit.pk or new_parent.is_descendant_of(unit):
            raise ValidationError(
                {"parent": _("A unit cannot be moved under itself or one of its own sub-units.")}
            )
        _check_child_type(new_parent, unit.unit_type)
        old_parent = unit.parent
        unit.move_to(new_parent, position="last-child")
        unit.refresh_from_db()
        if unit.unit_type != UnitType.OPD and unit.opd_id != new_parent.opd_id:
            # The subtree changes OPD: one unit at a time through save(), as MPTT wants.
            for node in unit.get_descendants(include_self=True):
                node.opd_id = new_parent.opd_id
                node.save(update_fields=["opd"])
        log_action(
            action="sakip.unit.moved",
            actor=actor,
            obj=unit,
            pemda_id=unit.pemda_id,
            unit_id=unit.pk,
            data={"from": str(old_parent), "to": str(new_parent)},
        )
    return unit


def unit_deactivate(*, actor, unit: OrgUnit, expected_version: int | None) -> OrgUnit:
    """Units are never deleted (plans and agreements refer to them); they are deactivated."""
    if unit.is_pemda:
        raise ValidationError(_("The Pemda itself cannot be deactivated."))
    if unit.get_descendants().filter(is_active=True).exists():
        raise ValidationError(_("Deactivate its active sub-units first."))
    with transaction.atomic():
        _lock_tree(unit.pemda_id)
        return update_versioned(
            unit,
            actor=actor,
            data={"is_active": False},
            expected_version=expected_version,
            action="sakip.unit.deactivated",
            unit_id=unit.pk,
        )


# ---------------------------------------------------------------------------------------------
# Positions, people, assignments


def _check_same_pemda(pemda_id: int, *objects) -> None:
    for obj in objects:
        if obj is not None and obj.pemda_id != pemda_id:
            raise ValidationError(_("Everything referred to must belong to the same Pemda."))


def position_create(
    *,
    actor,
    unit: OrgUnit,
    title: str,
    level: str,
    is_head: bool = False,
    superior: Position | None = None,
) -> Position:
    _check_same_pemda(unit.pemda_id, superior)
    position = Position(
        pemda_id=unit.pemda_id,
        unit=unit,
        opd_id=unit.opd_id,
        title=title,
        level=level,
        is_head=is_head,
        superior=superior,
    )
    position.full_clean()
    with transaction.atomic():
        position.save()
        log_action(
            action="sakip.position.created",
            actor=actor,
            obj=position,
            pemda_id=position.pemda_id,
            unit_id=unit.pk,
        )
    return position


def position_update(
    *, actor, position: Position, data: dict, expected_version: int | None
) -> Position:
    superior = data.get("superior")
    _check_same_pemda(position.pemda_id, superior, data.get("unit"))
    if superior is not None and _superior_chain_contains(superior, position):
        raise ValidationError({"superior": _("This would make the position its own superior.")})
    if "unit" in data:
        data = {**data, "opd": data["unit"].opd}
    return update_versioned(
        position,
        actor=actor,
        data=data,
        expected_version=expected_version,
        action="sakip.position.changed",
        unit_id=position.unit_id,
    )


def _superior_chain_contains(start: Position, target: Position) -> bool:
    seen: set[int] = set()
    current: Position | None = start
    while current is not None and current.pk not in seen:
        if current.pk == target.pk:
            return True
        seen.add(current.pk)
        current = current.superior
    return False


def person_create(*, actor, unit: OrgUnit, **fields) -> Person:
    person = Person(pemda_id=unit.pemda_id, unit=unit, **fields)
    person.full_clean()
    with transaction.atomic():
        person.save()
        log_action(
            action="sakip.person.created",
            actor=actor,
            obj=person,
            pemda_id=person.pemda_id,
            unit_id=unit.pk,
        )
    return person


def person_update(*, actor, person: Person, data: dict, expected_version: int | None) -> Person:
    _check_same_pemda(person.pemda_id, data.get("unit"))
    return update_versioned(
        person,
        actor=actor,
        data=data,
        expected_version=expected_version,
        action="sakip.person.changed",
        unit_id=person.unit_id,
    )


def assignment_create(
    *,
    actor,
    position: Position,
    person: Person,
    start_date: dt.date,
    end_date: dt.date | None = None,
    kind: str = AssignmentKind.DEFINITIVE,
    decree: str = "",
) -> Assignment:
    """Assign a person to a position. Two definitive holders of one position may not overlap in
    time; an acting holder (Plt/Plh) may overlap a definitive one but not another acting one."""
    _check_same_pemda(position.pemda_id, person)
    assignment = Assignment(
        pemda_id=position.pemda_id,
        position=position,
        person=person,
        start_date=start_date,
        end_date=end_date,
        kind=kind,
        decree=decree,
    )
    assignment.full_clean()
    with transaction.atomic():
        # Lock the position so that two concurrent assignments cannot both pass the check.
        Position.objects.select_for_update().get(pk=position.pk)
        same_kind = (
            Assignment.objects.filter(position=position, kind=AssignmentKind.DEFINITIVE)
            if kind == AssignmentKind.DEFINITIVE
            else Assignment.objects.filter(position=position).exclude(
                kind=AssignmentKind.DEFINITIVE
            )
        )
        overlapping = same_kind.filter(start_date__lte=end_date or dt.date.max).exclude(
            end_date__lt=start_date
        )
        if overlapping.exists():
            raise ValidationError(
                {"start_date": _("This position already has a holder of this kind in that period.")}
            )
        assignment.save()
        log_action(
            action="sakip.assignment.created",
            actor=actor,
            obj=assignment,
            pemda_id=assignment.pemda_id,
            unit_id=position.unit_id,
            data={"kind": kind, "from": str(start_date), "until": str(end_date or "")},
        )
    return assignment


def assignment_end(
    *, actor, assignment: Assignment, end_date: dt.date, expected_version: int | None
) -> Assignment:
    if end_date < assignment.start_date:
        raise ValidationError({"end_date": _("The end date is before the start date.")})
    return update_versioned(
        assignment,
        actor=actor,
        data={"end_date": end_date},
        expected_version=expected_version,
        action="sakip.assignment.ended",
        unit_id=assignment.position.unit_id,
    )


# ---------------------------------------------------------------------------------------------
# Users and memberships


def user_create(
    *,
    actor,
    pemda: OrgUnit,
    username: str,
    password: str | None,
    first_name: str = "",
    last_name: str = "",
    email: str = "",
    person: Person | None = None,
) -> User:
    from django.contrib.auth.password_validation import validate_password

    _check_same_pemda(pemda.pk, person)
    user = User(
        username=username,
        first_name=first_name,
        last_name=last_name,
        email=email,
        pemda=pemda,
        person=person,
    )
    user.full_clean(exclude=["password"])
    if password:
        validate_password(password, user)
        user.set_password(password)
    else:
        user.set_unusable_password()
    with transaction.atomic():
        user.save()
        log_action(action="sakip.user.created", actor=actor, obj=user, pemda_id=pemda.pk)
    return user


def user_update(*, actor, user: User, data: dict, expected_version: int | None) -> User:
    _check_same_pemda(user.pemda_id, data.get("person"))
    return update_versioned(
        user,
        actor=actor,
        data=data,
        expected_version=expected_version,
        action="sakip.user.changed",
    )


def membership_grant(*, actor, user: User, unit: OrgUnit, role: str) -> Membership:
    if user.pemda_id != unit.pemda_id:
        raise ValidationError({"unit": _("The user and the unit belong to different Pemda.")})
    membership = Membership(pemda_id=unit.pemda_id, user=user, unit=unit, role=role)
    membership.full_clean()
    with transaction.atomic():
        membership.save()
        log_action(
            action="sakip.membership.granted",
            actor=actor,
            obj=membership,
            pemda_id=unit.pemda_id,
            unit_id=unit.pk,
            data={"user": user.username, "role": role},
        )
    return membership


def membership_revoke(*, actor, membership: Membership) -> None:
    with transaction.atomic():
        log_action(
            action="sakip.membership.revoked",
            actor=actor,
            obj=membership,
            pemda_id=membership.pemda_id,
            unit_id=membership.unit_id,
            data={"user": membership.user.username, "role": membership.role},
        )
        membership.delete()


# ---------------------------------------------------------------------------------------------
# Plan periods and quarter windows


def default_window(year: int, quarter: int) -> tuple[dt.date, dt.date]:
    """Entry for a quarter opens on its last month's first day and closes 15 days after the
    quarter ends (a common local rule; each Pemda edits its windows)."""
    last_month = quarter * 3
    opens = dt.date(year, last_month, 1)
    quarter_end = dt.date(year + 1, 1, 1) if quarter == 4 else dt.date(year, last_month + 1, 1)
    return opens, quarter_end + dt.timedelta(days=14)


def period_create(*, actor, pemda: OrgUnit, name: str, start_year: int) -> PlanPeriod:
    """An RPJMD period of five years, with its years and default quarter windows."""
    period = PlanPeriod(pemda=pemda, name=name, start_year=start_year, end_year=start_year + 4)
    period.full_clean()
    overlapping = PlanPeriod.objects.filter(
        pemda=pemda, start_year__lte=period.end_year, end_year__gte=start_year
    )
    if overlapping.exists():
        raise ValidationError({"start_year": _("This period overlaps an existing one.")})
    with transaction.atomic():
        period.save()
        for year in period.years:
            plan_year = PlanYear.objects.create(pemda=pemda, period=period, year=year)
            for quarter in range(1, 5):
                opens, closes = default_window(year, quarter)
                QuarterWindow.objects.create(
                    pemda=pemda,
                    plan_year=plan_year,
                    quarter=quarter,
                    opens_on=opens,
                    closes_on=closes,
                )
        log_action(action="sakip.period.created", actor=actor, obj=period, pemda_id=pemda.pk)
    return period


def window_update(
    *,
    actor,
    window: QuarterWindow,
    opens_on: dt.date,
    closes_on: dt.date,
    expected_version: int | None,
) -> QuarterWindow:
    if closes_on < opens_on:
        raise ValidationError({"closes_on": _("The window must close after it opens.")})
    return update_versioned(
        window,
        actor=actor,
        data={"opens_on": opens_on, "closes_on": closes_on},
        expected_version=expected_version,
        action="sakip.window.changed",
    )
