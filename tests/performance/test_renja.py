"""Renja per year: active nodes with pagu and targets; the APBD-P revision keeps the old one."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from apps.core.concurrency import StaleVersionError
from apps.performance import services
from apps.performance.models import NodeLevel, RenjaLine, RenjaTarget
from apps.planning.models import Renja


def test_it_copies_the_nodes_active_that_year_with_pagu_and_targets(plan):
    renja = services.renja_create(actor=plan.cast.operator, renstra=plan.renstra, year=2026)
    lines = {line.node_id: line.pagu for line in RenjaLine.objects.filter(renja=renja)}
    assert set(lines) == {
        plan.tujuan.pk,
        plan.sasaran.pk,
        plan.program.pk,
        plan.kegiatan.pk,
        plan.sub.pk,
    }
    assert lines[plan.sub.pk] == Decimal("2000000000.00")
    assert lines[plan.sasaran.pk] is None
    targets = {t.indicator_id: t.value for t in RenjaTarget.objects.filter(renja=renja)}
    assert targets == {
        plan.sasaran_indicator.pk: Decimal("50"),
        plan.sub_indicator.pk: Decimal("1"),
    }
    assert renja.revision == 0 and renja.is_current
    assert RenjaLine.history.count() == 5  # row history even for the copied lines


def test_it_leaves_out_programs_without_budget_that_year(plan):
    # 2027: the sub kegiatan's budget is 0 and nothing else is budgeted.
    renja = services.renja_create(actor=None, renstra=plan.renstra, year=2027)
    levels = set(RenjaLine.objects.filter(renja=renja).values_list("node__node_level", flat=True))
    assert levels == {NodeLevel.TUJUAN, NodeLevel.SASARAN}


def test_it_refuses_a_second_renja_and_a_year_outside_the_period(plan):
    services.renja_create(actor=None, renstra=plan.renstra, year=2026)
    with pytest.raises(ValidationError) as exc:
        services.renja_create(actor=None, renstra=plan.renstra, year=2026)
    assert "APBD-P" in exc.value.message_dict["year"][0]
    with pytest.raises(ValidationError) as exc:
        services.renja_create(actor=None, renstra=plan.renstra, year=2031)
    assert "outside" in exc.value.message_dict["year"][0]
    assert Renja.objects.count() == 1


def test_it_sets_the_pagu_with_a_version_check(plan):
    renja = services.renja_create(actor=None, renstra=plan.renstra, year=2026)
    line = RenjaLine.objects.get(renja=renja, node=plan.sub)
    services.renja_set_pagu(
        actor=plan.cast.operator, line=line, pagu="1.900.000.000", expected_version=line.version
    )
    line.refresh_from_db()
    assert line.pagu == Decimal("1900000000")
    stale = RenjaLine.objects.get(pk=line.pk)
    stale.version -= 1
    with pytest.raises(StaleVersionError):
        services.renja_set_pagu(actor=None, line=stale, pagu=1, expected_version=stale.version)
    with pytest.raises(ValidationError) as exc:
        services.renja_set_pagu(actor=None, line=line, pagu="banyak", expected_version=None)
    assert "pagu" in exc.value.message_dict


def test_it_adjusts_a_renja_target_with_the_indicator_rules(plan):
    renja = services.renja_create(actor=None, renstra=plan.renstra, year=2026)
    target = RenjaTarget.objects.get(renja=renja, indicator=plan.sasaran_indicator)
    services.renja_set_target(
        actor=None, renja_target=target, value="52,5", expected_version=target.version
    )
    target.refresh_from_db()
    assert target.value == Decimal("52.5")
    with pytest.raises(ValidationError) as exc:
        services.renja_set_target(
            actor=None, renja_target=target, value="x", expected_version=target.version
        )
    assert "value" in exc.value.message_dict


def test_it_revises_for_the_apbd_p_and_keeps_the_old_version(plan):
    renja = services.renja_create(actor=None, renstra=plan.renstra, year=2026)
    with pytest.raises(ValidationError) as exc:
        services.renja_revise(actor=None, renja=renja, note=" ")
    assert "note" in exc.value.message_dict
    revised = services.renja_revise(actor=plan.cast.operator, renja=renja, note="APBD-P 2026")
    renja.refresh_from_db()
    assert not renja.is_current
    assert revised.is_current and revised.revision == 1 and revised.note == "APBD-P 2026"
    assert RenjaLine.objects.filter(renja=revised).count() == 5
    assert RenjaTarget.objects.filter(renja=revised).count() == 2
    old_line = RenjaLine.objects.get(renja=renja, node=plan.sub)
    with pytest.raises(ValidationError, match="replaced by a revision"):
        services.renja_set_pagu(actor=None, line=old_line, pagu=1, expected_version=None)
    with pytest.raises(ValidationError, match="replaced by a revision"):
        services.renja_revise(actor=None, renja=renja, note="lagi")
    second = services.renja_revise(actor=None, renja=revised, note="Pergeseran")
    assert second.revision == 2


def test_it_builds_a_renja_for_an_approved_renstra(plan):
    services.renstra_submit(actor=None, renstra=plan.renstra)
    services.renstra_approve(actor=None, renstra=plan.renstra)
    renja = services.renja_create(actor=None, renstra=plan.renstra, year=2025)
    assert RenjaLine.objects.filter(renja=renja).exists()
