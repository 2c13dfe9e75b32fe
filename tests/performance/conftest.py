"""A small plan on top of the fixed cast: a nomenclature, an RPJMD for 2025–2029 with two
sasaran, Dinas Kesehatan's Renstra (tujuan → sasaran → program → kegiatan → sub kegiatan with
indicators, targets and budgets) and an empty Renstra of Dinas Pendidikan."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from django.utils import translation

from apps.organisations import services as org_services
from apps.organisations.models import PlanPeriod
from apps.performance import services
from apps.performance.models import Indicator, Node, NodeLevel, Polarity
from apps.planning import services as planning_services
from apps.planning.models import Renstra, Rpjmd
from tests.conftest import Cast
from tests.planning.nomenclature_data import workbook

YEARS = [2025, 2026, 2027, 2028, 2029]


@dataclass
class Plan:
    cast: Cast
    period: PlanPeriod
    rpjmd: Rpjmd
    misi: Node
    tujuan_pemda: Node
    sasaran_pemda: Node
    sasaran_pemda2: Node
    renstra: Renstra
    tujuan: Node
    sasaran: Node
    program: Node
    kegiatan: Node
    sub: Node
    sasaran_indicator: Indicator
    sub_indicator: Indicator
    renstra2: Renstra
    tujuan2: Node


def targets(*values) -> dict[int, object]:
    return dict(zip(YEARS, values, strict=False))


def build_plan(cast: Cast) -> Plan:
    planning_services.nomenclature_import(
        actor=None, content=workbook(), decree="Kepmendagri 050-5889/2021"
    )
    period = org_services.period_create(
        actor=None, pemda=cast.pemda, name="RPJMD 2025–2029", start_year=2025
    )
    rpjmd = services.rpjmd_create(actor=None, period=period, visi="Contoh yang Sehat dan Maju")
    root = Node.objects.get(rpjmd=rpjmd, parent=None)
    misi = services.node_create(
        actor=None, parent=root, node_level=NodeLevel.MISI, statement="Meningkatkan kualitas SDM"
    )
    tujuan_pemda = services.node_create(
        actor=None,
        parent=misi,
        node_level=NodeLevel.TUJUAN_PEMDA,
        statement="Meningkatnya kualitas sumber daya manusia",
        owner_position=cast.kepala_daerah,
    )
    sasaran_pemda = services.node_create(
        actor=None,
        parent=tujuan_pemda,
        node_level=NodeLevel.SASARAN_PEMDA,
        statement="Meningkatnya derajat kesehatan masyarakat",
    )
    sasaran_pemda2 = services.node_create(
        actor=None,
        parent=tujuan_pemda,
        node_level=NodeLevel.SASARAN_PEMDA,
        statement="Meningkatnya kualitas pendidikan",
    )
    services.indicator_create(
        actor=None,
        node=sasaran_pemda,
        name="Angka Harapan Hidup",
        unit="tahun",
        definition="Rata-rata tahun hidup yang dijalani sejak lahir",
        is_iku=True,
        baseline="71,2",
        targets=targets("71.3", "71.4", "71.5", "71.6", "71.7"),
    )
    renstra = services.renstra_create(actor=None, period=period, opd=cast.opd1)
    opd_root = Node.objects.get(renstra=renstra, parent=None)
    tujuan = services.node_create(
        actor=None,
        parent=opd_root,
        node_level=NodeLevel.TUJUAN,
        statement="Meningkatnya derajat kesehatan masyarakat Kabupaten Contoh",
        owner_position=cast.kepala_opd1,
        pemda_sasaran=[sasaran_pemda],
        renstra=renstra,
    )
    sasaran = services.node_create(
        actor=None,
        parent=tujuan,
        node_level=NodeLevel.SASARAN,
        statement="Meningkatnya akses dan mutu pelayanan kesehatan dasar",
        owner_position=cast.kepala_opd1,
    )
    sasaran_indicator = services.indicator_create(
        actor=None,
        node=sasaran,
        name="Persentase puskesmas terakreditasi paripurna",
        unit="%",
        formula="Puskesmas terakreditasi paripurna / seluruh puskesmas × 100",
        max_value=100,
        is_iku=True,
        targets=targets(40, 50, 60, 70, 80),
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
        nomenclature="1.02.02.2.01",
        owner_position=cast.kasi1,
    )
    sub = services.node_create(
        actor=None,
        parent=kegiatan,
        node_level=NodeLevel.SUBKEGIATAN,
        nomenclature="1.02.02.2.01.0002",
        owner_position=cast.kasi1,
    )
    sub_indicator = services.indicator_create(
        actor=None,
        node=sub,
        name="Jumlah puskesmas yang dibangun",
        unit="unit",
        aggregation="kumulatif",
        polarity=Polarity.POSITIVE,
        targets=targets(1, 1, 1, 0, 0),
    )
    for node, amounts in (
        (sub, targets(1_500_000_000, 2_000_000_000, 0, None, None)),
        (kegiatan, targets(1_500_000_000, 2_000_000_000)),
        (program, targets(1_500_000_000, 2_000_000_000)),
    ):
        services.budgets_set(actor=None, node=node, amounts=amounts)
    renstra2 = services.renstra_create(actor=None, period=period, opd=cast.opd2)
    tujuan2 = services.node_create(
        actor=None,
        parent=Node.objects.get(renstra=renstra2, parent=None),
        node_level=NodeLevel.TUJUAN,
        statement="Meningkatnya kualitas pendidikan dasar",
        owner_position=cast.kepala_opd2,
        pemda_sasaran=[sasaran_pemda2],
    )
    return Plan(
        cast=cast,
        period=period,
        rpjmd=rpjmd,
        misi=misi,
        tujuan_pemda=tujuan_pemda,
        sasaran_pemda=sasaran_pemda,
        sasaran_pemda2=sasaran_pemda2,
        renstra=renstra,
        tujuan=tujuan,
        sasaran=sasaran,
        program=program,
        kegiatan=kegiatan,
        sub=sub,
        sasaran_indicator=sasaran_indicator,
        sub_indicator=sub_indicator,
        renstra2=renstra2,
        tujuan2=tujuan2,
    )


@pytest.fixture
def plan(cast) -> Plan:
    return build_plan(cast)


@pytest.fixture(autouse=True)
def _english():
    """Messages are asserted in their English source; Indonesian is checked where it matters."""
    with translation.override("en"):
        yield
