"""Roll-up of capaian up the tree and efficiency: a hand-computed tree (pure), then the same rule
on the measurement test world (real database)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from apps.measurement import services
from apps.measurement.rollup import (
    Budget,
    NodeRow,
    efficiency_rows,
    load_budget,
    load_rollup,
    roll_up,
)
from apps.performance.models import NodeLevel
from apps.performance.services.nodes import node_set_weights
from tests.measurement.conftest import YEAR

D = Decimal


def row(id, parent=None, weight="1", level="sasaran", rpjmd=False, cascades=(), lft=None):
    return NodeRow(
        id=id,
        code=str(id),
        parent_id=parent,
        tree_id=2 if rpjmd else 1,
        lft=lft if lft is not None else id,
        level=level,
        statement=f"N{id}",
        weight=D(weight),
        is_rpjmd=rpjmd,
        cascades_to=cascades,
    )


def test_it_rolls_up_hand_computed_weights():
    # R ← A (weight 3: indicators 90 and 110 → 100), B (weight 1: 80 and an undefined one → 80),
    # C (weight 2: only an undefined indicator, no children → undefined, left out with its
    # weight). R = (100 × 3 + 80 × 1) / 4 = 95.
    nodes = [
        row(1, level="tujuan"),
        row(2, 1, "3"),
        row(3, 1, "1"),
        row(4, 1, "2"),
        row(5, 3, "9", level="program"),  # under B, which has own indicators: ignored
    ]
    values = roll_up(nodes, {2: [D(90), D(110)], 3: [D(80), None], 4: [None], 5: [D(10)]})
    assert values[2].capaian == D("100.00") and values[2].from_indicators
    assert values[3].capaian == D("80.00")
    assert values[4].capaian is None and values[4].colour == "none"
    assert values[1].capaian == D("95.00") and not values[1].from_indicators
    assert values[1].predicate == ("sangat_tinggi", "Sangat Tinggi")
    assert values[3].colour == "tinggi"


def test_it_rolls_an_rpjmd_statement_up_from_cascaded_opd_statements():
    nodes = [
        row(10, rpjmd=True, level="sasaran_pemda", lft=1),
        row(1, level="tujuan", cascades=(10,), weight="1"),
        row(2, level="tujuan", cascades=(10,), weight="3"),
    ]
    values = roll_up(nodes, {1: [D(60)], 2: [D(100)]})
    assert values[10].capaian == D("90.00")  # (60 + 300) / 4


def test_it_computes_efficiency_from_the_sub_kegiatan_under_each_node():
    nodes = [
        row(1, level=NodeLevel.SASARAN),
        row(2, 1, level=NodeLevel.PROGRAM),
        row(3, 2, level=NodeLevel.KEGIATAN),
        row(4, 3, level=NodeLevel.SUBKEGIATAN),
        row(5, 3, level=NodeLevel.SUBKEGIATAN),
    ]
    rollup = type("R", (), {"nodes": nodes, "up_to_quarter": 2, "value": lambda self, i: D(60)})()
    budget = Budget(
        pagu={4: D(600), 5: D(400)},
        spent={4: {1: D(100), 2: D(100), 3: D(500)}, 5: {2: D(100)}},
        opd_of={},
    )
    rows = {r.node.id: r for r in efficiency_rows(rollup, budget)}
    assert set(rows) == {1, 2}
    assert rows[2].pagu == D(1000) and rows[2].spent == D(300)  # TW III not yet counted
    assert rows[2].absorption == D("30.00")
    assert rows[2].efficiency == D("200.00")  # 60 / 30 × 100


def _enter(cast, world, sasaran_value, sub_value, quarter=1):
    plan = world.plan
    out = []
    for indicator, value in (
        (plan.sasaran_indicator, sasaran_value),
        (plan.sub_indicator, sub_value),
    ):
        out.append(
            services.realisation_save(
                actor=cast.operator, indicator=indicator, year=YEAR, quarter=quarter, value=value
            )
        )
    return out


@pytest.mark.django_db
def test_it_rolls_up_the_world_and_counts_only_verified_when_asked(cast, mworld):
    _enter(cast, mworld, "11,875", "0,2")  # 11.875 / 12.5 = 95 %; 0.2 / 0.25 = 80 %
    plan = mworld.plan
    r = load_rollup(pemda_id=cast.pemda.pk, year=YEAR, up_to_quarter=1)
    assert r.value(plan.sasaran.pk) == D("95.00")  # its own indicator
    assert r.value(plan.sub.pk) == D("80.00")
    assert r.value(plan.program.pk) == D("80.00")  # from its only child
    assert r.value(plan.tujuan.pk) == D("95.00")
    # The RPJMD sasaran's own indicator (year end) has no value: its cascaded tujuan counts.
    assert r.value(plan.sasaran_pemda.pk) == D("95.00")
    assert r.value(plan.sasaran_pemda2.pk) is None
    assert r.opd_mean(cast.opd1.pk) == D("87.50")
    verified = load_rollup(pemda_id=cast.pemda.pk, year=YEAR, up_to_quarter=1, verified_only=True)
    assert verified.value(plan.sasaran.pk) is None


@pytest.mark.django_db
def test_it_uses_the_weights_bappeda_sets_even_on_an_approved_renstra(cast, mworld):
    from apps.planning.models import DocumentStatus

    plan = mworld.plan
    plan.renstra.status = DocumentStatus.APPROVED
    plan.renstra.save(update_fields=["status"])
    plan.sasaran.refresh_from_db()
    node_set_weights(
        actor=cast.bappeda,
        parent=plan.tujuan,
        weights={str(plan.sasaran.code): ("2,5", plan.sasaran.version)},
    )
    plan.sasaran.refresh_from_db()
    assert plan.sasaran.weight == D("2.5")


@pytest.mark.django_db
def test_it_computes_efficiency_in_the_world(cast, mworld):
    _enter(cast, mworld, "11,875", "0,2")
    services.budget_save(
        actor=cast.operator, node=mworld.plan.sub, year=YEAR, quarter=1, amount="500.000.000"
    )
    r = load_rollup(pemda_id=cast.pemda.pk, year=YEAR, up_to_quarter=1, opd_ids=[cast.opd1.pk])
    budget = load_budget(pemda_id=cast.pemda.pk, year=YEAR, opd_ids=[cast.opd1.pk])
    rows = {e.node.id: e for e in efficiency_rows(r, budget)}
    program = rows[mworld.plan.program.pk]
    assert program.pagu == D("2000000000.00") and program.absorption == D("25.00")
    assert program.efficiency == D("320.00")  # 80 / 25 × 100
    assert rows[mworld.plan.sasaran.pk].efficiency == D("380.00")  # 95 / 25 × 100
