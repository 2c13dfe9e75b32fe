from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from apps.core.concurrency import StaleVersionError
from apps.core.models import ActivityLog
from apps.organisations import services
from apps.organisations.models import Assignment, OrgUnit, PlanYear, QuarterWindow, UnitType


def test_it_builds_the_pemda_as_the_root_of_its_own_tree(cast):
    assert cast.pemda.pemda_id == cast.pemda.pk
    assert cast.pemda.is_root_node()
    assert cast.seksi1.pemda_id == cast.pemda.pk
    assert cast.seksi1.opd_id == cast.opd1.pk
    assert cast.pemda.tree_id != cast.pemda_b.tree_id


def test_it_refuses_a_unit_type_that_does_not_fit_under_its_parent(cast):
    before = OrgUnit.objects.count()
    with pytest.raises(ValidationError) as exc:
        services.unit_create(
            actor=cast.admin, parent=cast.seksi1, name="Bidang X", unit_type=UnitType.BIDANG
        )
    assert "unit_type" in exc.value.message_dict
    assert OrgUnit.objects.count() == before


def test_it_moves_a_subtree_and_keeps_its_opd_in_step(cast):
    bidang2 = services.unit_create(
        actor=cast.admin, parent=cast.opd2, name="Bidang SD", unit_type=UnitType.BIDANG
    )
    services.unit_move(actor=cast.admin, unit=cast.seksi1, new_parent=bidang2)
    cast.seksi1.refresh_from_db()
    assert cast.seksi1.parent_id == bidang2.pk
    assert cast.seksi1.opd_id == cast.opd2.pk
    assert ActivityLog.objects.filter(action="sakip.unit.moved").count() == 1


def test_it_refuses_to_move_a_unit_under_its_own_descendant(cast):
    with pytest.raises(ValidationError):
        services.unit_move(actor=cast.admin, unit=cast.bidang1, new_parent=cast.seksi1)


def test_it_refuses_to_move_a_unit_into_another_pemda(cast):
    with pytest.raises(ValidationError):
        services.unit_move(actor=cast.admin, unit=cast.bidang1, new_parent=cast.opd_b)


def test_it_refuses_a_stale_unit_update_and_keeps_the_first_save(cast):
    unit = OrgUnit.objects.get(pk=cast.opd1.pk)
    read_version = unit.version
    services.unit_update(
        actor=cast.admin, unit=unit, data={"name": "Dinkes A"}, expected_version=read_version
    )
    other = OrgUnit.objects.get(pk=cast.opd1.pk)
    with pytest.raises(StaleVersionError) as exc:
        services.unit_update(
            actor=cast.admin, unit=other, data={"name": "Dinkes B"}, expected_version=read_version
        )
    assert exc.value.current.name == "Dinkes A"
    assert OrgUnit.objects.get(pk=cast.opd1.pk).name == "Dinkes A"


def test_it_records_history_and_activity_on_update(cast):
    unit = OrgUnit.objects.get(pk=cast.opd1.pk)
    services.unit_update(
        actor=cast.admin, unit=unit, data={"short_name": "DKK"}, expected_version=unit.version
    )
    assert unit.history.first().short_name == "DKK"
    log = ActivityLog.objects.get(action="sakip.unit.changed")
    assert log.data["changes"]["short_name"] == {"old": "Dinkes", "new": "DKK"}
    assert log.actor == cast.admin


def test_it_validates_the_nip(cast):
    with pytest.raises(ValidationError) as exc:
        services.person_create(actor=cast.admin, unit=cast.opd1, name="Budi", nip="1975010120")
    assert "nip" in exc.value.message_dict


def test_it_refuses_overlapping_definitive_holders_but_allows_an_acting_one(cast):
    other = services.person_create(
        actor=cast.admin, unit=cast.opd1, name="Budi Santoso", nip="198001012005011002"
    )
    with pytest.raises(ValidationError):
        services.assignment_create(
            actor=cast.admin,
            position=cast.kepala_opd1,
            person=other,
            start_date=dt.date(2025, 6, 1),
        )
    plt = services.assignment_create(
        actor=cast.admin,
        position=cast.kepala_opd1,
        person=other,
        start_date=dt.date(2025, 6, 1),
        end_date=dt.date(2025, 8, 31),
        kind="plt",
    )
    assert plt.is_acting
    assert Assignment.objects.filter(position=cast.kepala_opd1).count() == 2


def test_it_refuses_a_superior_cycle(cast):
    with pytest.raises(ValidationError):
        services.position_update(
            actor=cast.admin,
            position=cast.kepala_opd1,
            data={"superior": cast.kasi1},
            expected_version=cast.kepala_opd1.version,
        )


def test_it_creates_a_period_with_five_years_and_twenty_windows(cast):
    period = services.period_create(
        actor=cast.admin, pemda=cast.pemda, name="RPJMD 2025–2029", start_year=2025
    )
    assert list(period.years) == [2025, 2026, 2027, 2028, 2029]
    assert PlanYear.objects.filter(period=period).count() == 5
    assert QuarterWindow.objects.filter(plan_year__period=period).count() == 20
    q4 = QuarterWindow.objects.get(plan_year__year=2025, quarter=4)
    assert q4.opens_on == dt.date(2025, 12, 1)
    assert q4.closes_on == dt.date(2026, 1, 15)
    with pytest.raises(ValidationError):
        services.period_create(actor=cast.admin, pemda=cast.pemda, name="X", start_year=2027)


def test_it_refuses_a_membership_across_pemda(cast):
    with pytest.raises(ValidationError):
        services.membership_grant(
            actor=cast.admin, user=cast.operator, unit=cast.opd_b, role="opd_operator"
        )
