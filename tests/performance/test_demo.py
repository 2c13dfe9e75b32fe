"""The planning demo on a demo-like organisation of our own (not the organisation demo loader)."""

from __future__ import annotations

from collections import Counter

import pytest

from apps.core.trees import check_all
from apps.organisations import services as org_services
from apps.organisations.models import OrgUnit, PositionLevel, Role, UnitType
from apps.performance import quality, selectors
from apps.performance.demo import load_planning_demo
from apps.performance.demo_data import PROFILES
from apps.performance.models import Crosscut, Indicator, Node, NodeLevel, ReviewComment
from apps.planning import demo_nomenclature
from apps.planning.models import DocumentStatus, Renja, Renstra

OPDS = [
    ("Dinas Kesehatan", "1.02.0.00.0.00.01.0000"),
    ("Rumah Sakit Umum Daerah Uji", "1.02.0.00.0.00.02.0000"),
    ("Dinas Pendidikan", "1.01.0.00.0.00.01.0000"),
    (
        "Dinas Pemberdayaan Perempuan, Perlindungan Anak, Pengendalian Penduduk dan KB",
        "2.08.2.14.0.00.01.0000",
    ),
    ("Dinas Ketahanan Pangan", "2.09.0.00.0.00.01.0000"),
    ("Dinas Komunikasi dan Informatika", "2.16.2.20.2.21.01.0000"),
    ("Badan Perencanaan Pembangunan, Riset dan Inovasi Daerah", "5.01.5.05.0.00.01.0000"),
    ("Dinas Perpustakaan dan Kearsipan", "2.23.2.24.0.00.01.0000"),
    ("Dinas Perhubungan", "2.15.0.00.0.00.01.0000"),
    ("Dinas Sosial", ""),
]


def _opd(pemda, kepala_daerah, name, code, order):
    opd = org_services.unit_create(
        actor=None,
        parent=pemda,
        name=name,
        unit_type=UnitType.OPD,
        opd_code=code,
        sort_order=order,
    )
    head = org_services.position_create(
        actor=None,
        unit=opd,
        title=f"Kepala {name}",
        level=PositionLevel.JPT,
        is_head=True,
        superior=kepala_daerah,
    )
    sek = org_services.unit_create(
        actor=None, parent=opd, name="Sekretariat", unit_type=UnitType.SEKRETARIAT
    )
    secretary = org_services.position_create(
        actor=None,
        unit=sek,
        title=f"Sekretaris {name}",
        level=PositionLevel.ADMINISTRATOR,
        is_head=True,
        superior=head,
    )
    subbag = org_services.unit_create(
        actor=None, parent=sek, name="Subbagian Umum", unit_type=UnitType.SUBBAGIAN
    )
    org_services.position_create(
        actor=None,
        unit=subbag,
        title="Kepala Subbagian Umum",
        level=PositionLevel.PENGAWAS,
        is_head=True,
        superior=secretary,
    )
    for b in (1, 2):
        bidang = org_services.unit_create(
            actor=None, parent=opd, name=f"Bidang {b}", unit_type=UnitType.BIDANG
        )
        kabid = org_services.position_create(
            actor=None,
            unit=bidang,
            title=f"Kepala Bidang {b}",
            level=PositionLevel.ADMINISTRATOR,
            is_head=True,
            superior=head,
        )
        seksi = org_services.unit_create(
            actor=None, parent=bidang, name=f"Seksi {b}", unit_type=UnitType.SEKSI
        )
        org_services.position_create(
            actor=None,
            unit=seksi,
            title=f"Kepala Seksi {b}",
            level=PositionLevel.PENGAWAS,
            is_head=True,
            superior=kabid,
        )
    return opd


def _kecamatan(pemda, kepala_daerah, order):
    kec = org_services.unit_create(
        actor=None,
        parent=pemda,
        name="Kecamatan Sukatani",
        unit_type=UnitType.OPD,
        opd_code="7.01.0.00.0.00.01.0000",
        sort_order=order,
    )
    camat = org_services.position_create(
        actor=None,
        unit=kec,
        title="Camat Sukatani",
        level=PositionLevel.ADMINISTRATOR,
        is_head=True,
        superior=kepala_daerah,
    )
    sek = org_services.unit_create(
        actor=None, parent=kec, name="Sekretariat", unit_type=UnitType.SEKRETARIAT
    )
    org_services.position_create(
        actor=None,
        unit=sek,
        title="Sekretaris Kecamatan",
        level=PositionLevel.ADMINISTRATOR,
        is_head=True,
        superior=camat,
    )
    org_services.position_create(
        actor=None,
        unit=kec,
        title="Kepala Seksi Pemerintahan",
        level=PositionLevel.PENGAWAS,
        superior=camat,
    )


@pytest.fixture
def demo_pemda(db) -> OrgUnit:
    pemda = org_services.pemda_create(
        name="Kabupaten Uji Coba", pemda_kind="kabupaten", place="Uji", short_name="Uji Coba"
    )
    kepala_daerah = org_services.position_create(
        actor=None,
        unit=pemda,
        title="Bupati Uji Coba",
        level=PositionLevel.KEPALA_DAERAH,
        is_head=True,
    )
    for order, (name, code) in enumerate(OPDS, start=1):
        _opd(pemda, kepala_daerah, name, code, order)
    _kecamatan(pemda, kepala_daerah, 99)
    bappeda = org_services.user_create(actor=None, pemda=pemda, username="perencana", password=None)
    org_services.membership_grant(actor=None, user=bappeda, unit=pemda, role=Role.BAPPEDA)
    org_services.period_create(actor=None, pemda=pemda, name="RPJMD 2025–2029", start_year=2025)
    return pemda


def test_it_builds_the_planning_demo_through_the_services(demo_pemda):
    summary = load_planning_demo(demo_pemda)
    assert summary.created
    rpjmd = summary.rpjmd
    levels = Counter(Node.objects.filter(rpjmd=rpjmd).values_list("node_level", flat=True))
    assert levels[NodeLevel.MISI] == 5
    assert levels[NodeLevel.SASARAN_PEMDA] == 11
    assert levels[NodeLevel.PROGRAM] >= 5
    iku = Indicator.objects.filter(node__rpjmd=rpjmd, is_iku=True)
    names = set(iku.values_list("name", flat=True))
    for expected in (
        "Indeks Pembangunan Manusia (IPM)",
        "Persentase penduduk miskin",
        "Laju pertumbuhan ekonomi",
        "Indeks Reformasi Birokrasi",
        "Opini BPK atas LKPD",
        "Angka Harapan Hidup",
        "Rata-rata Lama Sekolah",
        "Tingkat Pengangguran Terbuka (TPT)",
        "Indeks Kualitas Lingkungan Hidup (IKLH)",
    ):
        assert expected in names
    opinion = iku.get(name="Opini BPK atas LKPD")
    assert opinion.scale.labels == ["WTP", "WDP", "TW", "TMP"]
    assert iku.get(name="Persentase penduduk miskin").polarity == "negative"

    opds = OrgUnit.objects.filter(pemda=demo_pemda, unit_type=UnitType.OPD)
    renstras = Renstra.objects.filter(pemda=demo_pemda)
    assert renstras.count() == opds.count() == 11
    status = {r.opd.name: r.status for r in renstras.select_related("opd")}
    assert status["Dinas Kesehatan"] == DocumentStatus.SUBMITTED
    assert status["Dinas Komunikasi dan Informatika"] == DocumentStatus.RETURNED
    assert Counter(status.values())[DocumentStatus.APPROVED] == 9
    comment = ReviewComment.objects.get(renstra__opd__name="Dinas Komunikasi dan Informatika")
    assert comment.node == summary.kerja_statement
    assert comment.author.username == "perencana"
    assert Renja.objects.filter(pemda=demo_pemda, year=2026).count() == 11

    # Every tree from tujuan down to sub kegiatan, owned by the OPD's own positions.
    for renstra in renstras:
        nodes = list(
            Node.objects.filter(renstra=renstra).select_related("owner_position", "nomenclature")
        )
        kinds = Counter(n.node_level for n in nodes)
        assert 1 <= kinds[NodeLevel.TUJUAN] <= 2
        assert 2 <= kinds[NodeLevel.SASARAN] <= 3
        assert 2 <= kinds[NodeLevel.PROGRAM] <= 3
        assert kinds[NodeLevel.SUBKEGIATAN] >= kinds[NodeLevel.KEGIATAN] >= 2
        for node in nodes:
            if node.node_level in {NodeLevel.TUJUAN, NodeLevel.SASARAN}:
                assert node.owner_position.is_head
                assert node.owner_position.unit_id == renstra.opd_id
            if node.node_level == NodeLevel.PROGRAM:
                assert node.owner_position.level == PositionLevel.ADMINISTRATOR
            if node.node_level in {NodeLevel.KEGIATAN, NodeLevel.SUBKEGIATAN}:
                assert node.owner_position.level == PositionLevel.PENGAWAS
            if node.nomenclature_id:
                assert node.nomenclature.decree.name == demo_nomenclature.DECREE
    camat = Node.objects.get(renstra__opd__name="Kecamatan Sukatani", number="1")
    assert camat.owner_position.title == "Camat Sukatani"

    # Stunting: Dinas Kesehatan's sasaran is supported by three other OPDs.
    supported = Crosscut.objects.filter(target__renstra__opd__name="Dinas Kesehatan")
    assert summary.crosscuts == supported.count() == 3

    # Exactly the deliberate findings.
    bappeda = demo_pemda.memberships.get().user
    period = rpjmd.period
    tree = selectors.pemda_tree(user=bappeda, period=period, year=2026)
    rules = Counter(f.rule for f in tree.findings)
    assert rules == {
        quality.KERJA_STATEMENT: 1,
        quality.ACTIVITY_INDICATOR: 1,
        quality.ORPHAN: 2,  # the unlinked tujuan and its sasaran
        quality.BUDGET_WITHOUT_OUTCOME: 1,
    }
    assert {f.node_id for f in tree.findings if f.rule == quality.ORPHAN} >= {summary.orphan.pk}
    assert check_all() == []

    again = load_planning_demo(demo_pemda)
    assert not again.created
    assert Renstra.objects.filter(pemda=demo_pemda).count() == 11


def test_it_only_names_programs_that_exist_in_the_demo_nomenclature():
    codes = dict(demo_nomenclature.rows())
    kegiatan_of = Counter(c.rsplit(".", 2)[0] for c in codes if c.count(".") == 4)
    for profile in PROFILES.values():
        for code, _indicator in profile.programs:
            assert code in codes, code
            assert kegiatan_of[code] >= 1, code
