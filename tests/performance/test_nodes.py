"""Statements of the tree: levels, owners, nomenclature chain, cascading, moves, deletes, the
anchor lock and stale saves. Every refusal leaves the tree as it was."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from apps.core.concurrency import StaleVersionError
from apps.core.models import ActivityLog
from apps.core.trees import check_all
from apps.organisations import services as org_services
from apps.performance import services
from apps.performance.models import Node, NodeLevel, Strategy
from apps.planning.models import NomenclatureItem


def _count():
    return Node.objects.count()


def test_it_creates_rpjmd_and_renstra_with_their_roots(plan):
    visi = Node.objects.get(rpjmd=plan.rpjmd, parent=None)
    assert visi.node_level == NodeLevel.VISI
    assert visi.statement == plan.rpjmd.visi
    root = Node.objects.get(renstra=plan.renstra, parent=None)
    assert root.node_level == NodeLevel.OPD
    assert root.opd == plan.cast.opd1
    assert visi.tree_id != root.tree_id
    assert check_all() == []
    assert ActivityLog.objects.filter(action="sakip.renstra.created").count() == 2


def test_it_refuses_a_second_rpjmd_or_renstra_for_the_period(plan):
    with pytest.raises(ValidationError) as exc:
        services.rpjmd_create(actor=None, period=plan.period, visi="Lain")
    assert "period" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        services.renstra_create(actor=None, period=plan.period, opd=plan.cast.opd1)
    assert "already has a Renstra" in exc.value.message_dict["opd"][0]


def test_it_refuses_a_renstra_for_a_unit_that_is_not_an_opd(plan):
    with pytest.raises(ValidationError):
        services.renstra_create(actor=None, period=plan.period, opd=plan.cast.bidang1)


def test_it_gives_a_program_its_nomenclature_name_and_owner_unit(plan):
    assert plan.program.statement.startswith("PROGRAM PEMENUHAN UPAYA KESEHATAN")
    assert plan.program.owner_unit == plan.cast.bidang1
    assert plan.program.opd == plan.cast.opd1
    assert plan.program.result_level == "intermediate"
    assert list(plan.tujuan.pemda_sasaran.all()) == [plan.sasaran_pemda]


def test_it_refuses_a_level_that_may_not_sit_under_the_parent(plan):
    before = _count()
    with pytest.raises(ValidationError) as exc:
        services.node_create(
            actor=None,
            parent=plan.tujuan,
            node_level=NodeLevel.KEGIATAN,
            nomenclature="1.02.02.2.01",
        )
    assert "cannot be placed under" in exc.value.message_dict["node_level"][0]
    assert _count() == before


def test_it_refuses_a_code_not_in_the_nomenclature(plan):
    before = _count()
    with pytest.raises(ValidationError) as exc:
        services.node_create(
            actor=None, parent=plan.sasaran, node_level=NodeLevel.PROGRAM, nomenclature="1.02.07"
        )
    assert "not in the current nomenclature" in exc.value.message_dict["nomenclature"][0]
    with pytest.raises(ValidationError) as exc:
        services.node_create(
            actor=None, parent=plan.sasaran, node_level=NodeLevel.PROGRAM, nomenclature="1.2.07"
        )
    assert "2 digit" in exc.value.message_dict["nomenclature"][0]
    assert _count() == before


def test_it_refuses_a_code_of_the_wrong_level_or_outside_the_parent_chain(plan):
    before = _count()
    with pytest.raises(ValidationError) as exc:
        services.node_create(
            actor=None,
            parent=plan.sasaran,
            node_level=NodeLevel.PROGRAM,
            nomenclature="1.02.02.2.01",
        )
    assert "not a Program code" in exc.value.message_dict["nomenclature"][0]
    with pytest.raises(ValidationError) as exc:
        services.node_create(
            actor=None,
            parent=plan.program,
            node_level=NodeLevel.KEGIATAN,
            nomenclature="1.01.02.2.01",
        )
    assert "does not belong to 1.02.02" in exc.value.message_dict["nomenclature"][0]
    with pytest.raises(ValidationError) as exc:
        services.node_create(
            actor=None,
            parent=plan.kegiatan,
            node_level=NodeLevel.SUBKEGIATAN,
            nomenclature="1.02.02.2.02.0001",
        )
    assert "does not belong to 1.02.02.2.01" in exc.value.message_dict["nomenclature"][0]
    with pytest.raises(ValidationError) as exc:
        services.node_create(
            actor=None,
            parent=plan.program,
            node_level=NodeLevel.KEGIATAN,
        )
    assert "Choose the Kegiatan" in exc.value.message_dict["nomenclature"][0]
    assert _count() == before


def test_it_refuses_a_provinsi_kegiatan_in_a_kabupaten(plan):
    with pytest.raises(ValidationError) as exc:
        services.node_create(
            actor=None,
            parent=plan.program,
            node_level=NodeLevel.KEGIATAN,
            nomenclature="1.02.02.1.01",
            owner_position=plan.cast.kasi1,
        )
    assert "provinsi" in exc.value.message_dict["nomenclature"][0]


def test_it_refuses_an_owner_of_the_wrong_level_or_another_opd(plan):
    cast = plan.cast
    before = _count()
    with pytest.raises(ValidationError) as exc:
        services.node_create(
            actor=None,
            parent=plan.sasaran,
            node_level=NodeLevel.PROGRAM,
            nomenclature="1.02.01",
            owner_position=cast.kasi1,
        )
    message = exc.value.message_dict["owner_position"][0]
    assert "Administrator" in message and "Kepala Seksi Pelayanan Primer" in message
    with pytest.raises(ValidationError) as exc:
        services.node_create(
            actor=None,
            parent=plan.tujuan,
            node_level=NodeLevel.SASARAN,
            statement="Meningkatnya X",
            owner_position=cast.kepala_opd2,
        )
    assert "Dinas Kesehatan" in exc.value.message_dict["owner_position"][0]
    with pytest.raises(ValidationError):
        services.node_create(
            actor=None,
            parent=plan.tujuan,
            node_level=NodeLevel.SASARAN,
            statement="Meningkatnya X",
            owner_position=cast.kepala_opd_b,
        )
    assert _count() == before


def test_it_refuses_a_cascade_to_something_other_than_an_rpjmd_sasaran(plan):
    with pytest.raises(ValidationError) as exc:
        services.node_create(
            actor=None,
            parent=plan.tujuan,
            node_level=NodeLevel.SASARAN,
            statement="Meningkatnya X",
            pemda_sasaran=[plan.tujuan_pemda],
        )
    assert "pemda_sasaran" in exc.value.message_dict
    with pytest.raises(ValidationError):
        services.node_create(
            actor=None,
            parent=plan.sasaran,
            node_level=NodeLevel.PROGRAM,
            nomenclature="1.02.01",
            pemda_sasaran=[plan.sasaran_pemda],
        )


def test_it_changes_the_cascade_and_logs_it(plan):
    services.node_set_cascade(
        actor=plan.cast.operator, node=plan.tujuan, pemda_sasaran=[plan.sasaran_pemda2]
    )
    assert list(plan.tujuan.pemda_sasaran.all()) == [plan.sasaran_pemda2]
    log = ActivityLog.objects.get(action="sakip.node.cascaded")
    assert log.data["old"] == [str(plan.sasaran_pemda)]


def test_it_refuses_a_parent_from_another_opds_tree_with_the_crosscut_hint(plan):
    before = _count()
    with pytest.raises(ValidationError) as exc:
        services.node_create(
            actor=None,
            parent=plan.tujuan2,
            node_level=NodeLevel.SASARAN,
            statement="Meningkatnya gizi anak sekolah",
            renstra=plan.renstra,
        )
    assert "crosscutting link" in exc.value.message_dict["parent"][0]
    with pytest.raises(ValidationError) as exc:
        services.node_move(actor=None, node=plan.sasaran, new_parent=plan.tujuan2)
    assert "crosscutting link" in exc.value.message_dict["parent"][0]
    assert _count() == before
    assert Node.objects.get(pk=plan.sasaran.pk).parent_id == plan.tujuan.pk


def test_it_refuses_a_cycle(plan):
    sub_sasaran = services.node_create(
        actor=None, parent=plan.sasaran, node_level=NodeLevel.SASARAN, statement="Menurunnya X"
    )
    with pytest.raises(ValidationError) as exc:
        services.node_move(actor=None, node=plan.sasaran, new_parent=sub_sasaran)
    assert "under itself" in exc.value.message_dict["parent"][0]
    with pytest.raises(ValidationError):
        services.node_move(actor=None, node=plan.sasaran, new_parent=plan.sasaran)
    assert check_all() == []


def test_it_moves_a_subtree_within_the_tree_and_keeps_it_consistent(plan):
    tujuan_b = services.node_create(
        actor=None,
        parent=Node.objects.get(renstra=plan.renstra, parent=None),
        node_level=NodeLevel.TUJUAN,
        statement="Terwujudnya tata kelola perangkat daerah yang akuntabel",
        owner_position=plan.cast.kepala_opd1,
    )
    moved = services.node_move(actor=plan.cast.operator, node=plan.sasaran, new_parent=tujuan_b)
    assert moved.parent_id == tujuan_b.pk
    sub = Node.objects.get(pk=plan.sub.pk)
    tujuan_b.refresh_from_db()
    assert sub.is_descendant_of(tujuan_b)
    assert check_all() == []
    assert ActivityLog.objects.filter(action="sakip.node.moved").count() == 1


def test_it_refuses_a_move_that_breaks_the_nomenclature_chain(plan):
    program2 = services.node_create(
        actor=None,
        parent=plan.sasaran,
        node_level=NodeLevel.PROGRAM,
        nomenclature="1.02.01",
        owner_position=plan.cast.kabid1,
    )
    with pytest.raises(ValidationError) as exc:
        services.node_move(actor=None, node=plan.kegiatan, new_parent=program2)
    assert "does not belong" in exc.value.message_dict["parent"][0]


def test_it_reorders_siblings(plan):
    second = services.node_create(
        actor=None, parent=plan.tujuan, node_level=NodeLevel.SASARAN, statement="Menurunnya Y"
    )
    services.node_move(actor=None, node=second, new_parent=plan.tujuan, sort_order=0)
    children = list(Node.objects.get(pk=plan.tujuan.pk).get_children())
    assert children[0].pk == second.pk
    assert check_all() == []


def test_it_updates_a_statement_with_history_and_a_log(plan):
    node = Node.objects.get(pk=plan.sasaran.pk)
    services.node_update(
        actor=plan.cast.operator,
        node=node,
        data={"statement": "Meningkatnya mutu pelayanan kesehatan dasar", "number": "1.1"},
        expected_version=node.version,
    )
    node.refresh_from_db()
    assert node.statement == "Meningkatnya mutu pelayanan kesehatan dasar"
    assert node.history.first().statement == node.statement
    log = ActivityLog.objects.get(action="sakip.node.changed")
    assert log.data["changes"]["number"] == {"old": "", "new": "1.1"}


def test_it_refuses_a_stale_update_and_keeps_the_first_save(plan):
    a = Node.objects.get(pk=plan.sasaran.pk)
    b = Node.objects.get(pk=plan.sasaran.pk)
    services.node_update(
        actor=None, node=a, data={"statement": "Meningkatnya A"}, expected_version=a.version
    )
    with pytest.raises(StaleVersionError) as exc:
        services.node_update(
            actor=None, node=b, data={"statement": "Meningkatnya B"}, expected_version=b.version
        )
    assert exc.value.current.statement == "Meningkatnya A"
    assert Node.objects.get(pk=plan.sasaran.pk).statement == "Meningkatnya A"


def test_it_refuses_a_nomenclature_change_its_children_do_not_follow(plan):
    with pytest.raises(ValidationError) as exc:
        services.node_update(
            actor=None, node=plan.program, data={"nomenclature": "1.02.01"}, expected_version=None
        )
    assert "1.02.02.2.01" in exc.value.message_dict["nomenclature"][0]


def test_it_refuses_an_empty_statement_and_unknown_fields(plan):
    with pytest.raises(ValidationError) as exc:
        services.node_update(
            actor=None, node=plan.sasaran, data={"statement": "  "}, expected_version=None
        )
    assert "statement" in exc.value.message_dict
    with pytest.raises(ValidationError):
        services.node_update(actor=None, node=plan.sasaran, data={"lft": 1}, expected_version=None)


def test_it_deletes_a_leaf_with_its_indicators_and_budgets(plan):
    services.node_delete(actor=plan.cast.operator, node=plan.sub)
    assert not Node.objects.filter(pk=plan.sub.pk).exists()
    assert not plan.sub_indicator.__class__.objects.filter(pk=plan.sub_indicator.pk).exists()
    assert check_all() == []
    assert ActivityLog.objects.filter(action="sakip.node.deleted").count() == 1


def test_it_refuses_to_delete_a_node_with_children_or_cascaded_nodes_or_the_root(plan):
    with pytest.raises(ValidationError, match="under it first"):
        services.node_delete(actor=None, node=plan.kegiatan)
    with pytest.raises(ValidationError, match="cascade from this sasaran"):
        services.node_delete(actor=None, node=plan.sasaran_pemda)
    with pytest.raises(ValidationError, match="root"):
        services.node_delete(actor=None, node=Node.objects.get(renstra=plan.renstra, parent=None))
    assert Node.objects.filter(pk=plan.kegiatan.pk).exists()


def test_it_refuses_to_delete_a_node_in_a_renja(plan):
    services.renja_create(actor=None, renstra=plan.renstra, year=2026)
    with pytest.raises(ValidationError, match="Renja of 2026"):
        services.node_delete(actor=None, node=plan.sub)


def test_it_builds_the_rpjmd_program_owned_by_an_opd(plan):
    program = services.node_create(
        actor=None,
        parent=plan.sasaran_pemda,
        node_level=NodeLevel.PROGRAM,
        nomenclature="1.02.02",
        opd=plan.cast.opd1,
        owner_position=plan.cast.kepala_opd1,
    )
    assert program.rpjmd == plan.rpjmd
    assert program.opd == plan.cast.opd1
    with pytest.raises(ValidationError) as exc:
        services.node_create(
            actor=None,
            parent=plan.sasaran_pemda,
            node_level=NodeLevel.PROGRAM,
            nomenclature="1.02.02",
        )
    assert "opd" in exc.value.message_dict


def test_it_writes_strategi_and_arah_kebijakan_for_a_sasaran(plan):
    strategy = services.strategy_create(
        actor=None,
        node=plan.sasaran_pemda,
        kind="strategi",
        text="Penguatan layanan kesehatan primer",
    )
    services.strategy_create(
        actor=None,
        node=plan.sasaran_pemda,
        kind="arah_kebijakan",
        text="Percepatan penurunan stunting",
    )
    services.strategy_update(
        actor=None,
        strategy=strategy,
        data={"text": "Penguatan layanan primer"},
        expected_version=strategy.version,
    )
    assert Strategy.objects.filter(node=plan.sasaran_pemda).count() == 2
    with pytest.raises(ValidationError):
        services.strategy_create(actor=None, node=plan.program, kind="strategi", text="x")
    services.strategy_delete(actor=None, strategy=strategy)
    assert Strategy.objects.filter(node=plan.sasaran_pemda).count() == 1


def test_it_keeps_the_visi_and_its_root_in_step(plan):
    rpjmd = plan.rpjmd
    services.rpjmd_update(
        actor=plan.cast.bappeda,
        rpjmd=rpjmd,
        data={"visi": "Contoh Maju"},
        expected_version=rpjmd.version,
    )
    assert Node.objects.get(rpjmd=rpjmd, parent=None).statement == "Contoh Maju"


def test_it_refuses_an_inactive_owner(plan):
    position = org_services.position_create(
        actor=None, unit=plan.cast.bidang1, title="Kepala Bidang Lama", level="administrator"
    )
    org_services.position_update(
        actor=None,
        position=position,
        data={"is_active": False},
        expected_version=position.version,
    )
    with pytest.raises(ValidationError, match="no longer active"):
        services.node_create(
            actor=None,
            parent=plan.sasaran,
            node_level=NodeLevel.PROGRAM,
            nomenclature="1.02.01",
            owner_position=position,
        )


def test_it_accepts_an_item_instance_as_well_as_a_code(plan):
    item = NomenclatureItem.objects.current().get(code="1.02.02.2.02")
    kegiatan = services.node_create(
        actor=None,
        parent=plan.program,
        node_level=NodeLevel.KEGIATAN,
        nomenclature=item,
    )
    assert kegiatan.nomenclature == item


def test_it_refuses_to_delete_a_statement_with_realisations(plan):
    from apps.measurement.models import Realisation

    Realisation.objects.create(
        pemda=plan.cast.pemda,
        indicator=plan.sub_indicator,
        opd=plan.cast.opd1,
        year=2025,
        quarter=1,
        value=1,
    )
    with pytest.raises(ValidationError, match="recorded against it"):
        services.node_delete(actor=None, node=plan.sub)
    with pytest.raises(ValidationError, match="realisations have been recorded"):
        services.indicator_delete(actor=None, indicator=plan.sub_indicator)
    assert Node.objects.filter(pk=plan.sub.pk).exists()
