"""check_trees finds real corruption, and concurrent writers of one tree do not cause any."""

from __future__ import annotations

import threading

import pytest
from django.core.management import call_command
from django.db import connection, connections

from apps.core.trees import check_all
from apps.organisations import services
from apps.organisations.models import OrgUnit, UnitType
from tests.dbutil import manage


def test_it_finds_no_fault_in_a_tree_built_by_the_services(cast):
    assert check_all() == []
    call_command("check_trees")


def test_it_reports_a_corrupted_tree_and_rebuilds_it(cast):
    # Corrupt on purpose, bypassing the services: this is what a bulk write would do.
    OrgUnit.objects.filter(pk=cast.seksi1.pk).update(lft=999)
    faults = check_all()
    assert any(f.node_id == cast.seksi1.pk for f in faults)
    with pytest.raises(SystemExit) as exc:
        call_command("check_trees")
    assert exc.value.code == 1
    call_command(
        "check_trees", model="organisations.OrgUnit", tree=cast.pemda.tree_id, rebuild=True
    )
    assert check_all() == []


@pytest.mark.django_db(transaction=True)
def test_it_exits_1_from_the_command_line_on_a_fault(cast):
    assert manage("check_trees").returncode == 0
    OrgUnit.objects.filter(pk=cast.bidang1.pk).update(level=7)
    result = manage("check_trees")
    assert result.returncode == 1
    assert "expected" in result.stderr


@pytest.mark.django_db(transaction=True)
def test_it_keeps_one_tree_consistent_under_concurrent_writers(cast):
    """Several threads insert and move units of one Pemda's tree at the same time. On PostgreSQL
    they really run concurrently and the anchor-row lock serialises them; on SQLite the database
    serialises writers itself (BEGIN IMMEDIATE), which the test also survives."""
    errors: list[BaseException] = []
    bidang_ids = [cast.bidang1.pk]

    def writer(n: int) -> None:
        try:
            opd = OrgUnit.objects.get(pk=cast.opd1.pk if n % 2 else cast.opd2.pk)
            for i in range(4):
                bidang = services.unit_create(
                    actor=None, parent=opd, name=f"Bidang {n}-{i}", unit_type=UnitType.BIDANG
                )
                seksi = services.unit_create(
                    actor=None, parent=bidang, name=f"Seksi {n}-{i}", unit_type=UnitType.SEKSI
                )
                target = OrgUnit.objects.get(pk=bidang_ids[0])
                services.unit_move(actor=None, unit=seksi, new_parent=target)
        except BaseException as exc:  # collected and re-raised in the main thread
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert not errors, errors
    assert OrgUnit.objects.filter(name__regex=r"^Seksi [0-9]").count() == 16
    assert check_all() == [], "concurrent writers corrupted the tree"
    assert manage("check_trees").returncode == 0
    assert connection.vendor in {"postgresql", "sqlite"}
