"""Several writers of ONE Renstra tree at the same time (DESIGN.md "The tree"): the anchor-row
lock serialises them on PostgreSQL, SQLite serialises write transactions itself; either way the
tree stays consistent and check_trees finds nothing."""

from __future__ import annotations

import threading

import pytest
from django.db import connections

from apps.core.trees import check_all
from apps.performance import services
from apps.performance.models import Node, NodeLevel
from tests.dbutil import manage


@pytest.mark.django_db(transaction=True)
def test_it_keeps_one_renstra_tree_consistent_under_concurrent_writers(plan):
    errors: list[BaseException] = []
    cast = plan.cast
    tujuan_ids = [plan.tujuan.pk]
    tujuan_b = services.node_create(
        actor=None,
        parent=Node.objects.get(renstra=plan.renstra, parent=None),
        node_level=NodeLevel.TUJUAN,
        statement="Terwujudnya tata kelola Dinas Kesehatan yang akuntabel",
        owner_position=cast.kepala_opd1,
    )
    tujuan_ids.append(tujuan_b.pk)
    start = threading.Barrier(4)

    def writer(n: int) -> None:
        try:
            start.wait(timeout=30)
            for i in range(3):
                home = Node.objects.get(pk=tujuan_ids[n % 2])
                other = Node.objects.get(pk=tujuan_ids[(n + 1) % 2])
                sasaran = services.node_create(
                    actor=None,
                    parent=home,
                    node_level=NodeLevel.SASARAN,
                    statement=f"Meningkatnya mutu layanan {n}-{i}",
                    owner_position=cast.kepala_opd1,
                )
                program = services.node_create(
                    actor=None,
                    parent=sasaran,
                    node_level=NodeLevel.PROGRAM,
                    nomenclature="1.02.02",
                    owner_position=cast.kabid1,
                )
                services.node_create(
                    actor=None,
                    parent=program,
                    node_level=NodeLevel.KEGIATAN,
                    nomenclature="1.02.02.2.02",
                    owner_position=cast.kasi1,
                )
                services.node_move(actor=None, node=sasaran, new_parent=other)
                if i == 1:
                    # Move an existing subtree around too, while others insert.
                    services.node_move(
                        actor=None,
                        node=Node.objects.get(pk=plan.program.pk),
                        new_parent=Node.objects.get(pk=sasaran.pk),
                    )
        except BaseException as exc:  # collected and re-raised in the main thread
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=180)
    assert not errors, errors
    assert Node.objects.filter(statement__startswith="Meningkatnya mutu layanan").count() == 12
    assert Node.objects.get(pk=plan.sub.pk).is_descendant_of(Node.objects.get(pk=plan.program.pk))
    assert check_all() == [], "concurrent writers corrupted the tree"
    result = manage("check_trees")
    assert result.returncode == 0, result.stderr
