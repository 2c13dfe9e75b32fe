"""The quality rules, one by one, on plain data (no database), then once through the selector."""

from __future__ import annotations

from decimal import Decimal

import pytest

from apps.performance import quality, selectors, services
from apps.performance.models import NodeLevel
from apps.performance.quality import QIndicator, QNode, QualityInput

YEARS = (2025, 2026, 2027, 2028, 2029)
ALL_YEARS = frozenset(YEARS)


def _node(
    id, level, statement="Meningkatnya X", parent=None, renstra=1, cascades=(), result_level=""
):
    return QNode(
        id=id,
        code=f"n{id}",
        parent_id=parent,
        node_level=level,
        result_level=result_level,
        statement=statement,
        renstra_id=renstra,
        cascades_to=tuple(cascades),
    )


def _indicator(
    id,
    node,
    name="Persentase X",
    unit="%",
    formula="a / b × 100",
    definition="",
    years=ALL_YEARS,
    value_type="number",
):
    return QIndicator(
        id=id,
        code=f"i{id}",
        node_id=node,
        name=name,
        unit=unit,
        formula=formula,
        definition=definition,
        value_type=value_type,
        target_years=frozenset(years),
    )


def _tree(
    *,
    statement="Meningkatnya X",
    indicators=(),
    budgets=None,
    cascades=(99,),
    sub_indicator=True,
    sasaran_indicator=True,
):
    nodes = [
        _node(1, NodeLevel.OPD, "Dinas X"),
        _node(2, NodeLevel.TUJUAN, "Meningkatnya Y", parent=1, cascades=cascades),
        _node(3, NodeLevel.SASARAN, statement, parent=2),
        _node(4, NodeLevel.PROGRAM, "PROGRAM PENUNJANG", parent=3),
        _node(5, NodeLevel.KEGIATAN, "Administrasi Keuangan", parent=4),
        _node(6, NodeLevel.SUBKEGIATAN, "Penyediaan Gaji dan Tunjangan ASN", parent=5),
    ]
    inds = list(indicators)
    if sasaran_indicator:
        inds.append(_indicator(30, 3))
    if sub_indicator:
        inds.append(_indicator(60, 6, name="Jumlah orang yang menerima gaji", unit="orang"))
    return QualityInput(
        nodes=nodes,
        indicators=inds,
        years=YEARS,
        budgets=budgets if budgets is not None else {6: {2026: Decimal(100)}},
    )


def _rules(findings):
    return sorted((f.rule, f.node_id, f.subject) for f in findings)


# --- (a) kerja vs kinerja statements ---------------------------------------------------------


@pytest.mark.parametrize(
    "statement",
    [
        "Terlaksananya pelayanan kesehatan",
        "Tersusunnya dokumen perencanaan",
        "Tersedianya sarana prasarana",
        "Terselenggaranya administrasi perkantoran",
        "Terlaksana kegiatan posyandu",
        "Meningkatkan kualitas pelayanan",
        "Melaksanakan pembinaan UMKM",
        "Menyusun dokumen RPJMD",
        "Mewujudkan tata kelola yang baik",
        "Peningkatan kualitas jalan",
        "Penyediaan air minum",
        "  terlaksananya rapat koordinasi",
    ],
)
def test_it_flags_a_kerja_statement_above_output_level(statement):
    findings = quality.check_kerja_statements(_tree(statement=statement))
    assert [(f.rule, f.node_id) for f in findings] == [(quality.KERJA_STATEMENT, 3)]
    assert "kinerja" in findings[0].message


@pytest.mark.parametrize(
    "statement",
    [
        "Meningkatnya derajat kesehatan masyarakat",
        "Menurunnya angka kemiskinan",
        "Terwujudnya tata kelola pemerintahan yang akuntabel",
        "Berkurangnya kawasan kumuh",
        "Terjaganya kualitas lingkungan hidup",
        "Menguatnya daya saing UMKM",
        "Terkendalinya inflasi daerah",
        "Tercapainya swasembada pangan",
        "",
    ],
)
def test_it_accepts_a_kinerja_statement(statement):
    assert quality.check_kerja_statements(_tree(statement=statement)) == []


def test_it_does_not_flag_kerja_statements_at_output_level():
    data = _tree()
    data = QualityInput(
        nodes=[
            *data.nodes[:5],
            _node(6, NodeLevel.SUBKEGIATAN, "Terlaksananya pembayaran gaji", parent=5),
            _node(7, NodeLevel.SASARAN, "Tersedianya data", parent=2, result_level="output"),
        ],
        indicators=data.indicators,
        years=YEARS,
    )
    assert quality.check_kerja_statements(data) == []


# --- (b) outcome-level indicators ------------------------------------------------------------


@pytest.mark.parametrize(
    "name",
    [
        "Jumlah dokumen perencanaan yang tersusun",
        "Jumlah kegiatan sosialisasi",
        "Jumlah rapat koordinasi",
        "Jumlah laporan yang disampaikan",
        "Jumlah peserta pelatihan",
        "Jumlah penerima bantuan sosial",
        "Banyaknya sosialisasi yang dilaksanakan",
        "Dokumen RPJMD yang ditetapkan",
        "Tersusunnya laporan kinerja",
    ],
)
def test_it_flags_an_outcome_indicator_that_counts_activities(name):
    data = _tree(indicators=[_indicator(31, 3, name=name, unit="dokumen")])
    findings = [f for f in quality.check_indicators(data) if f.rule == quality.ACTIVITY_INDICATOR]
    assert [(f.node_id, f.subject) for f in findings] == [(3, "i31")]


@pytest.mark.parametrize(
    "name",
    [
        "Angka kemiskinan",
        "Persentase balita stunting",
        "Jumlah penduduk miskin",
        "Indeks Kepuasan Masyarakat",
        "Rata-rata lama sekolah",
        "Jumlah kunjungan wisatawan",
    ],
)
def test_it_accepts_an_outcome_indicator_measuring_a_condition(name):
    data = _tree(indicators=[_indicator(31, 3, name=name)])
    assert [f for f in quality.check_indicators(data) if f.rule == quality.ACTIVITY_INDICATOR] == []


def test_it_does_not_lint_output_indicators_for_counting():
    # The sub kegiatan indicator "Jumlah orang ..." is an output: counting is fine there.
    data = _tree(indicators=[_indicator(61, 6, name="Jumlah dokumen yang disusun", unit="")])
    assert all(f.node_id != 6 for f in quality.check_indicators(data))


def test_it_flags_a_missing_unit_formula_and_target_years():
    data = _tree(
        indicators=[
            _indicator(31, 3, unit="", formula="", definition="", years={2025, 2026}),
        ]
    )
    findings = [f for f in quality.check_indicators(data) if f.subject == "i31"]
    assert sorted(f.rule for f in findings) == [
        quality.INDICATOR_FORMULA,
        quality.INDICATOR_TARGET,
        quality.INDICATOR_UNIT,
    ]
    target = next(f for f in findings if f.rule == quality.INDICATOR_TARGET)
    assert "2027, 2028, 2029" in target.message


def test_it_accepts_a_definition_instead_of_a_formula_and_a_scale_without_unit():
    data = _tree(
        indicators=[
            _indicator(
                31, 3, unit="", formula="", definition="Opini BPK atas LKPD", value_type="scale"
            ),
        ]
    )
    assert [f for f in quality.check_indicators(data) if f.subject == "i31"] == []


# --- (c) orphans -----------------------------------------------------------------------------


def test_it_flags_tujuan_and_sasaran_not_linked_up_to_the_rpjmd():
    data = _tree(cascades=())
    findings = quality.check_orphans(data)
    assert [(f.rule, f.node_id) for f in findings] == [(quality.ORPHAN, 2), (quality.ORPHAN, 3)]


def test_it_accepts_a_sasaran_linked_through_its_tujuan_or_itself():
    assert quality.check_orphans(_tree(cascades=(99,))) == []
    data = _tree(cascades=())
    nodes = list(data.nodes)
    nodes[2] = _node(3, NodeLevel.SASARAN, parent=2, cascades=(98,))
    data = QualityInput(nodes=nodes, indicators=data.indicators, years=YEARS)
    assert [f.node_id for f in quality.check_orphans(data)] == [2]


def test_it_never_calls_rpjmd_statements_orphans():
    data = QualityInput(
        nodes=[
            _node(1, NodeLevel.VISI, renstra=None),
            _node(2, NodeLevel.SASARAN_PEMDA, parent=1, renstra=None),
        ],
        indicators=[],
        years=YEARS,
    )
    assert quality.check_orphans(data) == []


# --- (d) budget without outcome --------------------------------------------------------------


def test_it_flags_a_budgeted_sub_kegiatan_without_indicator():
    findings = quality.check_budget_outcomes(_tree(sub_indicator=False))
    assert [(f.rule, f.node_id) for f in findings] == [(quality.BUDGET_WITHOUT_OUTCOME, 6)]
    assert "no indicator" in findings[0].message


def test_it_flags_a_budgeted_sub_kegiatan_under_no_measured_sasaran():
    findings = quality.check_budget_outcomes(_tree(sasaran_indicator=False))
    assert [f.node_id for f in findings] == [6]
    assert "No sasaran above it" in findings[0].message


def test_it_accepts_a_sub_kegiatan_reaching_an_outcome_or_without_budget():
    assert quality.check_budget_outcomes(_tree()) == []
    assert quality.check_budget_outcomes(_tree(sub_indicator=False, budgets={})) == []
    zero = {6: {2026: Decimal(0)}}
    assert quality.check_budget_outcomes(_tree(sub_indicator=False, budgets=zero)) == []


# --- (e) efektivitas dan efisiensi anggaran --------------------------------------------------


def test_it_builds_the_budget_relevance_table_with_the_irrelevant_total():
    data = _tree()
    nodes = [
        *data.nodes,
        _node(7, NodeLevel.SUBKEGIATAN, "Penyediaan Bahan Logistik Kantor", parent=5),
        _node(8, NodeLevel.SUBKEGIATAN, "Tanpa anggaran tahun ini", parent=5),
    ]
    data = QualityInput(
        nodes=nodes,
        indicators=data.indicators,
        years=YEARS,
        budgets={6: {2026: Decimal(100)}, 7: {2026: Decimal(50)}, 8: {2025: Decimal(10)}},
    )
    table = quality.budget_relevance(data, 2026)
    assert [(r.node_id, r.depth, r.amount, r.relevant) for r in table.rows] == [
        (3, 0, Decimal(150), None),
        (4, 1, Decimal(150), None),
        (5, 2, Decimal(150), None),
        (6, 3, Decimal(100), True),
        (7, 3, Decimal(50), False),
    ]
    assert (table.total, table.relevant_total, table.irrelevant_total) == (
        Decimal(150),
        Decimal(100),
        Decimal(50),
    )
    assert table.irrelevant_share == Decimal("33.33")
    assert "no indicator" in table.rows[-1].reason
    # Amounts given (e.g. the Renja's pagu) replace the indicative budget.
    table = quality.budget_relevance(data, 2026, amounts={6: Decimal(80)})
    assert (table.total, table.irrelevant_total) == (Decimal(80), Decimal(0))
    assert quality.budget_relevance(data, 2029).rows == []
    assert quality.budget_relevance(data, 2029).irrelevant_share is None


# --- dismissals and the selector -------------------------------------------------------------


def test_it_marks_or_leaves_out_dismissed_findings():
    data = _tree(cascades=())
    data.dismissals = {(2, quality.ORPHAN, ""): "Tujuan internal"}
    findings = quality.run_checks(data)
    assert [(f.node_id, f.dismissed) for f in findings if f.rule == quality.ORPHAN] == [
        (2, True),
        (3, False),
    ]
    assert [f.node_id for f in quality.run_checks(data, include_dismissed=False)] == [3]


def test_it_finds_the_same_through_the_selector_on_a_real_tree(plan):
    cast = plan.cast
    services.node_update(
        actor=None,
        node=plan.sasaran,
        data={"statement": "Terlaksananya pelayanan kesehatan"},
        expected_version=None,
    )
    services.indicator_create(
        actor=None,
        node=plan.sasaran,
        name="Jumlah dokumen perencanaan yang tersusun",
        unit="dokumen",
        definition="Dokumen",
        targets=dict.fromkeys(YEARS, 1),
    )
    services.indicator_delete(actor=None, indicator=plan.sub_indicator)
    findings = selectors.renstra_findings(user=cast.operator, renstra=plan.renstra)
    assert {(f.rule, f.node_id) for f in findings} == {
        (quality.KERJA_STATEMENT, plan.sasaran.pk),
        (quality.ACTIVITY_INDICATOR, plan.sasaran.pk),
        (quality.BUDGET_WITHOUT_OUTCOME, plan.sub.pk),
    }
    table = selectors.budget_table(user=cast.operator, renstra=plan.renstra, year=2026)
    assert table.irrelevant_total == Decimal("2000000000.00")
    # Once a Renja exists for the year, its pagu is the budget of the table.
    services.renja_create(actor=None, renstra=plan.renstra, year=2026)
    from apps.performance.models import RenjaLine

    line = RenjaLine.objects.get(node=plan.sub)
    services.renja_set_pagu(actor=None, line=line, pagu=1_800_000_000, expected_version=None)
    table = selectors.budget_table(user=cast.operator, renstra=plan.renstra, year=2026)
    assert table.total == Decimal("1800000000.00")
