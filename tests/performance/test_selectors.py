"""Scoped reads (404 outside the scope, 403 for a write without the role) and the tree pages'
data: contents, stitching, and a constant number of queries at two data sizes."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.http import Http404
from django.test.utils import CaptureQueriesContext

from apps.organisations import services as org_services
from apps.organisations.models import User
from apps.performance import quality, selectors, services
from apps.performance.models import Node, NodeLevel, RenjaLine
from apps.planning import selectors as planning_selectors
from tests.performance.conftest import targets

# --- scoping ---------------------------------------------------------------------------------


def _outcome(getter, user, code):
    try:
        getter(user, code)
    except Http404:
        return 404
    except PermissionDenied:
        return 403
    return 200


@pytest.mark.parametrize(
    ("user", "own_read", "own_write", "rpjmd_read", "rpjmd_write", "other_read"),
    [
        ("admin", 200, 403, 200, 200, 200),
        ("bappeda", 200, 403, 200, 200, 200),
        ("operator", 200, 200, 200, 403, 404),
        ("verifier", 200, 200, 200, 403, 404),
        ("evaluator", 200, 403, 200, 403, 200),
        ("lead", 200, 403, 200, 403, 200),
        ("viewer", 200, 403, 200, 403, 200),
        ("other_operator", 404, 404, 200, 403, 200),
        ("outsider", 404, 404, 404, 404, 404),
    ],
)
def test_it_scopes_statements_by_role(
    plan, user, own_read, own_write, rpjmd_read, rpjmd_write, other_read
):
    who = plan.cast.users[user]
    assert _outcome(selectors.get_node_for_user, who, plan.sasaran.code) == own_read
    assert _outcome(selectors.get_rw_node_for_user, who, plan.sasaran.code) == own_write
    assert _outcome(selectors.get_node_for_user, who, plan.sasaran_pemda.code) == rpjmd_read
    assert _outcome(selectors.get_rw_node_for_user, who, plan.sasaran_pemda.code) == rpjmd_write
    assert _outcome(selectors.get_node_for_user, who, plan.tujuan2.code) == other_read
    # Things hanging off a statement share its access.
    code = plan.sasaran_indicator.code
    assert _outcome(selectors.get_indicator_for_user, who, code) == own_read
    assert _outcome(selectors.get_rw_indicator_for_user, who, code) == own_write


@pytest.mark.parametrize(
    ("user", "read", "write", "review"),
    [
        ("admin", 200, 403, 200),
        ("bappeda", 200, 403, 200),
        ("operator", 200, 200, 403),
        ("verifier", 200, 200, 403),
        ("viewer", 200, 403, 403),
        ("evaluator", 200, 403, 403),
        ("other_operator", 404, 404, 404),
        ("outsider", 404, 404, 404),
    ],
)
def test_it_scopes_the_renstra_by_role(plan, user, read, write, review):
    who = plan.cast.users[user]
    code = plan.renstra.code
    assert _outcome(planning_selectors.get_renstra_for_user, who, code) == read
    assert _outcome(planning_selectors.get_rw_renstra_for_user, who, code) == write
    assert _outcome(planning_selectors.get_review_renstra_for_user, who, code) == review


def test_it_answers_404_for_malformed_codes_and_anonymous_users(plan):
    from django.contrib.auth.models import AnonymousUser

    assert _outcome(selectors.get_node_for_user, plan.cast.operator, "nope") == 404
    assert _outcome(selectors.get_node_for_user, AnonymousUser(), plan.sasaran.code) == 404
    assert (
        _outcome(planning_selectors.get_rpjmd_for_user, plan.cast.outsider, plan.rpjmd.code) == 404
    )
    assert (
        _outcome(planning_selectors.get_rw_rpjmd_for_user, plan.cast.operator, plan.rpjmd.code)
        == 403
    )


def test_it_scopes_renja_lines_and_lists(plan):
    cast = plan.cast
    renja = services.renja_create(actor=None, renstra=plan.renstra, year=2026)
    line = RenjaLine.objects.filter(renja=renja).first()
    assert _outcome(selectors.get_rw_renja_line_for_user, cast.operator, line.code) == 200
    assert _outcome(selectors.get_rw_renja_line_for_user, cast.bappeda, line.code) == 403
    assert _outcome(selectors.get_renja_line_for_user, cast.other_operator, line.code) == 404
    assert list(planning_selectors.renja_list(user=cast.other_operator)) == []
    assert list(planning_selectors.renja_list(user=cast.bappeda)) == [renja]
    assert list(planning_selectors.renstra_list(user=cast.operator)) == [plan.renstra]
    assert len(planning_selectors.renstra_list(user=cast.viewer, period=plan.period)) == 2
    assert list(selectors.renja_lines(user=cast.other_operator, renja=renja)) == []
    assert len(selectors.renja_lines(user=cast.operator, renja=renja)) == 5
    assert (
        Node.objects.filter(pk__in=selectors.node_list(user=cast.other_operator))
        .filter(renstra=plan.renstra)
        .count()
        == 0
    )


def test_it_offers_owner_positions_of_the_right_level(plan):
    cast = plan.cast
    program_owners = selectors.owner_position_choices(
        anchor=plan.renstra, node_level=NodeLevel.PROGRAM
    )
    assert list(program_owners) == [cast.kabid1]
    assert list(
        selectors.owner_position_choices(anchor=plan.renstra, node_level=NodeLevel.SASARAN)
    ) == [cast.kepala_opd1]
    assert list(
        selectors.owner_position_choices(anchor=plan.rpjmd, node_level=NodeLevel.SASARAN_PEMDA)
    ) == [cast.kepala_daerah]
    kegiatan_items = selectors.nomenclature_choices(
        node_level=NodeLevel.KEGIATAN, parent=plan.program
    )
    assert [i.code for i in kegiatan_items] == ["1.02.02.1.01", "1.02.02.2.01", "1.02.02.2.02"]
    parents = selectors.parent_choices(anchor=plan.renstra, node_level=NodeLevel.SASARAN)
    assert set(parents) == {plan.tujuan, plan.sasaran}
    assert list(selectors.pemda_sasaran_choices(user=cast.operator, period=plan.period)) == [
        plan.sasaran_pemda,
        plan.sasaran_pemda2,
    ]


# --- the OPD tree ----------------------------------------------------------------------------


def test_it_gives_the_opd_tree_with_everything_on_each_node(plan):
    cast = plan.cast
    services.crosscut_create(actor=None, source=plan.tujuan2, target=plan.sasaran, note="UKS")
    services.review_comment_add(
        actor=cast.bappeda, renstra=plan.renstra, node=plan.sasaran, text="Periksa target"
    )
    services.renja_create(actor=None, renstra=plan.renstra, year=2026)
    tree = selectors.opd_tree(user=cast.operator, renstra=plan.renstra, year=2026)
    assert [item.node.node_level for item in tree.nodes] == [
        "opd",
        "tujuan",
        "sasaran",
        "program",
        "kegiatan",
        "subkegiatan",
    ]
    assert tree.may_write and not tree.may_review
    by_id = {item.node.pk: item for item in tree.nodes}
    sasaran = by_id[plan.sasaran.pk]
    assert sasaran.indicators[0].target_text == "50"
    assert sorted(sasaran.indicators[0].targets) == [2025, 2026, 2027, 2028, 2029]
    assert [c.source.statement for c in sasaran.crosscuts_in] == [plan.tujuan2.statement]
    assert sasaran.comments[0].text == "Periksa target"
    assert by_id[plan.tujuan.pk].pemda_sasaran == [plan.sasaran_pemda]
    assert by_id[plan.sub.pk].pagu == 2_000_000_000
    assert by_id[plan.sub.pk].budgets[2025] == 1_500_000_000
    assert by_id[plan.program.pk].node.nomenclature.code == "1.02.02"
    assert tree.root.as_dict(2026)["children"][0]["code"] == str(plan.tujuan.code)
    assert tree.findings == []
    with pytest.raises(Http404):
        selectors.opd_tree(user=cast.other_operator, renstra=plan.renstra)


def test_it_gives_the_cascading_matrix(plan):
    rows = selectors.cascading_matrix(user=plan.cast.bappeda, renstra=plan.renstra, year=2026)
    assert [(r.level, r.depth) for r in rows] == [
        ("tujuan", 0),
        ("sasaran", 1),
        ("program", 2),
        ("kegiatan", 3),
        ("subkegiatan", 4),
    ]
    sub = rows[-1]
    assert sub.code == "1.02.02.2.01.0002"
    assert sub.owner == "Kepala Seksi Pelayanan Primer"
    assert sub.pagu == 2_000_000_000
    assert sub.indicators[0].target_text == "1"


def test_it_gives_the_rpjmd_tree(plan):
    services.strategy_create(
        actor=None, node=plan.sasaran_pemda, kind="strategi", text="Penguatan layanan primer"
    )
    tree = selectors.rpjmd_tree(user=plan.cast.operator, rpjmd=plan.rpjmd, year=2025)
    assert [i.node.node_level for i in tree.nodes] == [
        "visi",
        "misi",
        "tujuan_pemda",
        "sasaran_pemda",
        "sasaran_pemda",
    ]
    sasaran = next(i for i in tree.nodes if i.node.pk == plan.sasaran_pemda.pk)
    assert sasaran.indicators[0].target_text == "71.3"
    assert sasaran.strategies[0].text == "Penguatan layanan primer"
    assert not tree.may_write
    with pytest.raises(Http404):
        selectors.rpjmd_tree(user=plan.cast.outsider, rpjmd=plan.rpjmd)


def test_it_stitches_the_pemda_tree_from_the_rpjmd_and_every_renstra(plan):
    orphan = services.node_create(
        actor=None,
        parent=Node.objects.get(renstra=plan.renstra2, parent=None),
        node_level=NodeLevel.TUJUAN,
        statement="Meningkatnya budaya literasi",
    )
    # A sasaran linked to the same RPJMD sasaran as its tujuan is not repeated under it.
    services.node_set_cascade(actor=None, node=plan.sasaran, pemda_sasaran=[plan.sasaran_pemda])
    tree = selectors.pemda_tree(user=plan.cast.bappeda, period=plan.period, year=2026)
    sasaran_pemda = next(i for i, _d in tree.walk() if i.node.pk == plan.sasaran_pemda.pk)
    assert [c.node.pk for c in sasaran_pemda.cascaded] == [plan.tujuan.pk]
    sasaran_pemda2 = next(i for i, _d in tree.walk() if i.node.pk == plan.sasaran_pemda2.pk)
    assert [c.node.pk for c in sasaran_pemda2.cascaded] == [plan.tujuan2.pk]
    walked = [(i.node.node_level, d) for i, d in tree.walk()]
    assert ("subkegiatan", 8) in walked
    branches = {b.renstra.opd.name: b for b in tree.opds}
    assert [u.node.pk for u in branches["Dinas Pendidikan"].unlinked] == [orphan.pk]
    assert branches["Dinas Kesehatan"].unlinked == []
    assert any(f.rule == quality.ORPHAN and f.node_id == orphan.pk for f in tree.findings)
    assert tree.node_count == 5 + 6 + 2 + 1
    # An OPD user sees the RPJMD and its own Renstra only.
    mine = selectors.pemda_tree(user=plan.cast.other_operator, period=plan.period, year=2026)
    assert [b.renstra.opd.name for b in mine.opds] == ["Dinas Pendidikan"]
    with pytest.raises(Http404):
        selectors.pemda_tree(user=plan.cast.outsider, period=plan.period)


# --- constant queries ------------------------------------------------------------------------


def _grow_opd_tree(plan, n: int) -> None:
    """Add n programs (each with a kegiatan, two sub kegiatan, indicators, targets, budgets,
    a crosscut in and out, comments and a dismissal) to Dinas Kesehatan's tree."""
    cast = plan.cast
    for i in range(n):
        sasaran = services.node_create(
            actor=None,
            parent=plan.tujuan,
            node_level=NodeLevel.SASARAN,
            statement=f"Terlaksananya layanan {i}",
            owner_position=cast.kepala_opd1,
        )
        indicator = services.indicator_create(
            actor=None,
            node=sasaran,
            name=f"Jumlah dokumen {i}",
            unit="",
            targets=targets(1, 2),
        )
        program = services.node_create(
            actor=None,
            parent=sasaran,
            node_level=NodeLevel.PROGRAM,
            nomenclature="1.02.02",
            owner_position=cast.kabid1,
        )
        kegiatan = services.node_create(
            actor=None,
            parent=program,
            node_level=NodeLevel.KEGIATAN,
            nomenclature="1.02.02.2.02",
            owner_position=cast.kasi1,
        )
        for code in ("1.02.02.2.02.0001", "1.02.02.2.02.0015"):
            sub = services.node_create(
                actor=None,
                parent=kegiatan,
                node_level=NodeLevel.SUBKEGIATAN,
                nomenclature=code,
                owner_position=cast.kasi1,
            )
            services.indicator_create(
                actor=None, node=sub, name="Cakupan", unit="%", targets=targets(10, 20, 30, 40, 50)
            )
            services.budgets_set(actor=None, node=sub, amounts=targets(100, 200, 300))
        services.crosscut_create(actor=None, source=sasaran, target=plan.tujuan2)
        services.crosscut_create(actor=None, source=plan.tujuan2, target=sasaran)
        services.review_comment_add(
            actor=cast.bappeda, renstra=plan.renstra, node=sasaran, text="Perbaiki"
        )
        services.finding_dismiss(
            actor=cast.bappeda,
            node=sasaran,
            rule=quality.INDICATOR_UNIT,
            subject=str(indicator.code),
            note="Indeks tanpa satuan",
        )


def _count_queries(fn) -> int:
    with CaptureQueriesContext(connection) as ctx:
        fn()
    return len(ctx.captured_queries)


def test_it_reads_an_opd_tree_in_a_constant_number_of_queries(plan):
    def run():
        user = User.objects.get(username="operator")  # a fresh scope each time
        renstra = planning_selectors.get_renstra_for_user(user, plan.renstra.code)
        tree = selectors.opd_tree(user=user, renstra=renstra, year=2026)
        for item in tree.nodes:  # what a template touches on every node
            item.as_dict(2026)
            [c.source.statement for c in item.crosscuts_in]
            [c.target.renstra.opd.name for c in item.crosscuts_out]
            [c.author.username for c in item.comments]
            [v.indicator.scale for v in item.indicators]
        return tree

    services.renja_create(actor=None, renstra=plan.renstra, year=2026)
    small = _count_queries(run)
    _grow_opd_tree(plan, 6)
    big = _count_queries(run)
    assert len(run().nodes) > 30
    assert small == big
    assert big <= 16


def test_it_reads_the_pemda_tree_in_a_constant_number_of_queries(plan):
    def run():
        user = User.objects.get(username="bappeda")
        tree = selectors.pemda_tree(user=user, period=plan.period, year=2026)
        for item, _depth in tree.walk():
            item.as_dict(2026)
            [c.source.renstra.opd.name for c in item.crosscuts_in]
        return tree

    small = _count_queries(run)
    for i in range(5):
        opd = org_services.unit_create(
            actor=None, parent=plan.cast.pemda, name=f"Dinas {i}", unit_type="opd"
        )
        head = org_services.position_create(
            actor=None, unit=opd, title=f"Kepala Dinas {i}", level="jpt", is_head=True
        )
        renstra = services.renstra_create(actor=None, period=plan.period, opd=opd)
        tujuan = services.node_create(
            actor=None,
            parent=Node.objects.get(renstra=renstra, parent=None),
            node_level=NodeLevel.TUJUAN,
            statement=f"Meningkatnya X {i}",
            owner_position=head,
            pemda_sasaran=[plan.sasaran_pemda],
        )
        sasaran = services.node_create(
            actor=None,
            parent=tujuan,
            node_level=NodeLevel.SASARAN,
            statement=f"Meningkatnya Y {i}",
            owner_position=head,
        )
        services.indicator_create(
            actor=None, node=sasaran, name="Indeks Y", unit="indeks", targets=targets(1, 2, 3, 4, 5)
        )
        services.crosscut_create(actor=None, source=sasaran, target=plan.sasaran)
    _grow_opd_tree(plan, 2)
    big = _count_queries(run)
    assert run().node_count > 35
    assert small == big
    assert big <= 16


def test_it_lists_indicators_targets_and_budgets_in_scope(plan):
    cast = plan.cast
    mine = selectors.indicator_list(user=cast.operator)
    assert plan.sasaran_indicator in mine and plan.sub_indicator in mine
    assert (
        list(selectors.indicator_list(user=cast.other_operator).filter(node__renstra=plan.renstra))
        == []
    )
    assert len(selectors.target_list(user=cast.operator, indicator=plan.sasaran_indicator)) == 5
    assert list(selectors.target_list(user=cast.outsider)) == []
    assert len(selectors.budget_list(user=cast.viewer, node=plan.sub)) == 3
    assert list(selectors.budget_list(user=cast.other_operator, node=plan.sub)) == []


def test_it_switches_an_indicator_to_a_scale_when_its_targets_fit(plan):
    from apps.performance.models import Indicator, ValueType

    scale = services.scale_create(
        actor=None,
        pemda=plan.cast.pemda,
        name="Opini",
        levels=[{"label": "WTP", "score": 100}, {"label": "WDP", "score": 75}],
    )
    indicator = services.indicator_create(
        actor=None,
        node=plan.sasaran,
        name="Opini BPK",
        unit="",
        baseline=3,
    )
    updated = services.indicator_update(
        actor=None,
        indicator=indicator,
        data={"value_type": ValueType.SCALE, "scale": scale, "baseline_text": "WDP"},
        expected_version=indicator.version,
    )
    assert (updated.scale, updated.baseline, updated.baseline_text) == (scale, None, "WDP")
    services.target_set(actor=None, indicator=updated, year=2025, value="WTP")
    with pytest.raises(ValidationError) as exc:
        services.indicator_update(
            actor=None,
            indicator=Indicator.objects.get(pk=indicator.pk),
            data={"value_type": ValueType.NUMBER},
            expected_version=None,
        )
    assert "2025" in exc.value.message_dict["value_type"][0]
