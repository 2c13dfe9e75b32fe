"""The content of an LKjIP (apps/reporting/content.py) computed from the measurement test world:
hand-checked figures, verified values only, the seven analyses of Bab III-A, the budget, the PK,
the Pemda's report, the frozen snapshot of a published report and a constant number of queries.

The world (tests/measurement/conftest.py): Dinas Kesehatan's sasaran indicator "Persentase
puskesmas terakreditasi paripurna" has the Renstra targets 40, 50, 60, 70, 80 for 2025–2029; in
2026 its signed PK target is 50 with the Rencana Aksi 12.5, 25, 37.5, 50 (nilai akhir). The sub
kegiatan under it has a pagu of Rp 2.000.000.000 in the 2026 Renja."""

from __future__ import annotations

import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from apps.measurement import services
from apps.performance import services as perf_services
from apps.performance.models import Indicator, NodeLevel
from apps.reporting.content import build_content, content_for
from apps.reporting.models import Report, ReportKind, ReportStatus, Section
from tests.reporting.content_fixtures import YEAR, ContentWorld, build_content_world, record, spend

pytestmark = pytest.mark.django_db


@pytest.fixture
def cworld(cast) -> ContentWorld:
    return build_content_world(cast)


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def _indicator(content: dict, name: str) -> dict:
    found = [i for s in content["sasaran"] for i in s["indicators"] if i["name"] == name]
    assert len(found) == 1, name
    return found[0]


def _roundtrip(content: dict) -> dict:
    return json.loads(json.dumps(content))


SASARAN_IND = "Persentase puskesmas terakreditasi paripurna"


def test_capaian_of_the_sasaran_indicator_is_hand_checked(cast, cworld):
    plan = cworld.plan
    # 11.875 against the TW I Rencana Aksi target of 12.5: 11.875 / 12.5 × 100 = 95.00.
    record(cast, plan.sasaran_indicator, 1, "11,875")
    content = build_content(cworld.opd_report)
    assert _roundtrip(content) == content
    assert content["schema"] == 1 and content["kind"] == "opd" and content["year"] == YEAR
    assert content["unit"] == {"code": "1.02.0.00.0.00.01", "name": "Dinas Kesehatan"}
    assert content["pemda"] == {"name": "Kabupaten Contoh", "place": "Contoh"}
    assert content["up_to_quarter"] == 1
    [sasaran] = content["sasaran"]
    assert sasaran["statement"] == plan.sasaran.statement
    assert sasaran["capaian"] == "95.00" and sasaran["predicate"] == "Sangat Tinggi"
    ind = _indicator(content, SASARAN_IND)
    assert ind["target"] == "50" and ind["target_to_date"] == "12.5"
    assert ind["realisation"] == "11.875"
    assert ind["capaian"] == "95.00" and ind["predicate"] == "Sangat Tinggi"
    assert ind["is_iku"] is True
    assert [q["target"] for q in ind["quarters"]] == ["12.5", "25", "37.5", "50"]
    assert ind["quarters"][0] == {
        "quarter": 1,
        "target": "12.5",
        "realisation": "11.875",
        "capaian": "95.00",
        "status": "verified",
    }
    assert content["summary"] == {
        "indicators": 1,
        "mean_capaian": "95.00",
        "bands": {
            "sangat_tinggi": 1,
            "tinggi": 0,
            "sedang": 0,
            "rendah": 0,
            "sangat_rendah": 0,
            "none": 0,
        },
    }
    assert content["measurement_form"] == [
        {
            "sasaran": plan.sasaran.statement,
            "indicator": SASARAN_IND,
            "unit": "%",
            "target": "50",
            "tw": ["11.875", "", "", ""],
            "realisation": "11.875",
            "capaian": "95.00",
        }
    ]
    assert [i["indicator"] for i in content["iku"]] == [SASARAN_IND]
    assert content["iku"][0]["target"] == "50"


def test_unverified_values_are_excluded(cast, cworld):
    plan = cworld.plan
    record(cast, plan.sasaran_indicator, 1, "11,875")
    record(cast, plan.sasaran_indicator, 2, "30", upto="submitted")
    record(cast, plan.sasaran_indicator, 3, "36", upto="draft")
    content = build_content(cworld.opd_report)
    assert content["up_to_quarter"] == 1  # the last quarter with verified data
    ind = _indicator(content, SASARAN_IND)
    assert ind["realisation"] == "11.875" and ind["capaian"] == "95.00"
    q = {row["quarter"]: row for row in ind["quarters"]}
    assert q[2]["realisation"] == "" and q[2]["capaian"] is None
    assert q[2]["status"] == "submitted"
    assert q[3]["realisation"] == "" and q[3]["status"] == "draft"
    assert content["measurement_form"][0]["tw"] == ["11.875", "", "", ""]

    # Nothing verified any more (TW I unlocked for correction): no figure, counted as undefined.
    assert content["summary"]["bands"]["none"] == 0
    services.realisation_transition(
        actor=cast.verifier,
        realisation=plan.sasaran_indicator.realisations.get(year=YEAR, quarter=1),
        action="reopen",
        note="Periksa lagi",
    )
    none = build_content(cworld.opd_report)
    ind = _indicator(none, SASARAN_IND)
    assert ind["realisation"] == "" and ind["capaian"] is None and ind["predicate"] is None
    assert none["summary"]["mean_capaian"] is None and none["summary"]["bands"]["none"] == 1
    assert none["sasaran"][0]["capaian"] is None


def test_obstacles_solutions_end_target_and_national_standard(cast, cworld):
    plan = cworld.plan
    Indicator.objects.filter(pk=plan.sasaran_indicator.pk).update(
        national_standard="100% (SPM Kesehatan)"
    )
    record(
        cast,
        plan.sasaran_indicator,
        1,
        "11,875",
        obstacle="Tenaga surveior terbatas",
        solution="Pendampingan oleh Dinas",
    )
    record(
        cast,
        plan.sasaran_indicator,
        2,
        "20",
        obstacle=" Tenaga surveior terbatas ",  # the same obstacle again: listed once
        solution="Jadwal survei dipercepat",
    )
    record(cast, plan.sasaran_indicator, 3, "30", obstacle="Belum diverifikasi", upto="submitted")
    ind = _indicator(build_content(cworld.opd_report), SASARAN_IND)
    assert ind["obstacles"] == ["Tenaga surveior terbatas"]
    assert ind["solutions"] == ["Pendampingan oleh Dinas", "Jadwal survei dipercepat"]
    assert ind["national_standard"] == "100% (SPM Kesehatan)"
    # (3) The Renstra target of 2029 is 80; 20 / 80 × 100 = 25.00.
    assert ind["end_target"] == {"year": 2029, "target": "80", "progress": "25.00"}
    # Up to TW II: 20 against the TW II target of 25 = 80.00 (Tinggi).
    assert ind["capaian"] == "80.00" and ind["predicate"] == "Tinggi"


def test_efficiency_programs_and_the_budget_table(cast, cworld):
    plan = cworld.plan
    record(cast, plan.sasaran_indicator, 1, "11,875")  # 95 %
    record(cast, plan.sub_indicator, 1, "0,2")  # 0.2 / 0.25 = 80 %
    spend(cast, plan.sub, 1, "500.000.000")
    content = build_content(cworld.opd_report)
    [sasaran] = content["sasaran"]
    # (6) Rp 500.000.000 of Rp 2.000.000.000 = 25 % absorbed; 95 / 25 × 100 = 380.
    assert sasaran["efficiency"] == {
        "pagu": "2000000000.00",
        "spent": "500000000.00",
        "absorption": "25.00",
        "efficiency": "380.00",
    }
    # (7) The program under the sasaran with its rolled-up capaian (its sub kegiatan: 80 %).
    [program] = sasaran["programs"]
    assert program["code"] == "1.02.02" and program["capaian"] == "80.00"
    assert program["pagu"] == "2000000000.00" and program["absorption"] == "25.00"
    budget = content["budget"]
    assert [(r["level"], r["code"]) for r in budget["rows"]] == [
        ("program", "1.02.02"),
        ("kegiatan", "1.02.02.2.01"),
        ("subkegiatan", "1.02.02.2.01.0002"),
    ]
    assert all(r["pagu"] == "2000000000.00" for r in budget["rows"])
    assert budget["total_pagu"] == "2000000000.00"
    assert budget["total_spent"] == "500000000.00"
    assert budget["absorption"] == "25.00"

    # A second quarter's spending counts once the report reaches that quarter.
    spend(cast, plan.sub, 2, "300.000.000")
    record(cast, plan.sasaran_indicator, 2, "25")
    budget = build_content(cworld.opd_report)["budget"]
    assert budget["total_spent"] == "800000000.00" and budget["absorption"] == "40.00"


def test_the_pk_lines_and_the_head(cast, cworld):
    content = build_content(cworld.opd_report)
    pk = content["pk"]
    signed = cworld.m.pk.kepala
    signed.refresh_from_db()
    assert pk["verification_code"] == signed.verification_code != ""
    assert pk["signed_on"] == signed.signed_on.isoformat()
    assert pk["first_party"] == cast.person_kepala_opd1.name
    assert pk["second_party"] == "H. Bupati Contoh, S.H."
    assert pk["lines"] == [
        {
            "number": 1,
            "sasaran": cworld.plan.sasaran.statement,
            "indicator": SASARAN_IND,
            "unit": "%",
            "target": "50",
        }
    ]
    assert [(b["level"], b["amount"]) for b in pk["budget"]] == [("program", "2000000000.00")]
    assert content["head"] == {
        "name": cast.person_kepala_opd1.name,
        "title": signed.first_party_title,
        "nip": cast.person_kepala_opd1.nip,
    }


def test_history_from_the_previous_year(cast, cworld):
    plan = cworld.plan
    # 2025: measured at year end only (no PK), Renstra target 40; 38 / 40 = 95.00.
    record(cast, plan.sasaran_indicator, 4, "38", year=2025, obstacle="Data terlambat")
    record(cast, plan.sasaran_indicator, 1, "11,875")
    ind = _indicator(build_content(cworld.opd_report), SASARAN_IND)
    assert ind["history"] == [
        {"year": 2025, "target": "40", "realisation": "38", "capaian": "95.00"}
    ]
    assert ind["obstacles"] == []  # 2025's notes belong to 2025's report

    # The 2025 report itself: a past year, so the whole year (TW IV).
    report_2025 = Report.objects.create(
        pemda=cast.pemda, kind=ReportKind.OPD, opd=cast.opd1, year=2025
    )
    past = build_content(report_2025)
    assert past["up_to_quarter"] == 4
    ind = _indicator(past, SASARAN_IND)
    assert ind["history"] == [] and ind["capaian"] == "95.00"
    assert ind["obstacles"] == ["Data terlambat"]
    assert past["pk"]["lines"] == []  # no PK signed for 2025
    assert past["head"]["name"] == cast.person_kepala_opd1.name  # the holder of the position


def test_the_pemda_report(cast, cworld):
    plan = cworld.plan
    record(cast, plan.sasaran_indicator, 1, "11,875")
    spend(cast, plan.sub, 1, "500.000.000")
    # The RPJMD's own indicator, measured at year end: 71.4 against 71.4 = 100.00.
    record(cast, Indicator.objects.get(name="Angka Harapan Hidup"), 4, "71,4")
    content = build_content(cworld.pemda_report)
    assert _roundtrip(content) == content
    assert content["kind"] == "pemda" and content["up_to_quarter"] == 4
    assert content["unit"]["name"] == "Kabupaten Contoh"
    assert [s["statement"] for s in content["sasaran"]] == [
        plan.sasaran_pemda.statement,
        plan.sasaran_pemda2.statement,
    ]
    first, second = content["sasaran"]
    ahh = _indicator(content, "Angka Harapan Hidup")
    assert ahh["realisation"] == "71.4" and ahh["capaian"] == "100.00"
    assert ahh["end_target"] == {"year": 2029, "target": "71.7", "progress": "99.58"}
    assert first["capaian"] == "100.00"
    # Budget and programs of the OPD statements cascading to the sasaran (Dinas Kesehatan).
    assert first["efficiency"]["pagu"] == "2000000000.00"
    assert first["efficiency"]["spent"] == "500000000.00"
    assert [p["code"] for p in first["programs"]] == ["1.02.02"]
    assert second["indicators"] == [] and second["capaian"] is None
    assert [i["indicator"] for i in content["iku"]] == ["Angka Harapan Hidup"]
    assert content["head"]["name"] == "H. Bupati Contoh, S.H."
    assert content["head"]["title"] == cast.kepala_daerah.title
    rows = {r["name"]: r for r in content["budget"]["rows"]}
    assert {r["level"] for r in rows.values()} == {"opd"}
    assert rows["Dinas Kesehatan"]["pagu"] == "2000000000.00"
    assert rows["Dinas Kesehatan"]["absorption"] == "25.00"
    assert rows["Dinas Pendidikan"]["pagu"] == "0.00"
    assert content["budget"]["total_pagu"] == "2000000000.00"
    assert content["budget"]["absorption"] == "25.00"
    assert content["summary"]["indicators"] == 1
    assert content["summary"]["mean_capaian"] == "100.00"


def test_narratives_come_from_the_sections(cast, cworld):
    report = cworld.opd_report
    Section.objects.create(pemda=cast.pemda, report=report, key="bab1", body="<p>Pendahuluan</p>")
    key = f"sasaran:{cworld.plan.sasaran.code}"
    Section.objects.create(pemda=cast.pemda, report=report, key=key, body="<p>Analisis</p>")
    assert build_content(report)["narratives"] == {
        "bab1": "<p>Pendahuluan</p>",
        key: "<p>Analisis</p>",
    }


def test_a_published_report_keeps_its_snapshot_after_a_later_edit(cast, cworld):
    plan = cworld.plan
    row = record(cast, plan.sasaran_indicator, 1, "11,875")
    report = cworld.opd_report
    Section.objects.create(pemda=cast.pemda, report=report, key="bab1", body="<p>Versi 1</p>")
    frozen = _roundtrip(build_content(report))
    report.snapshot = frozen
    report.status = ReportStatus.PUBLISHED
    report.save()

    # Later: the verifier unlocks TW I, the operator corrects it and it is verified again.
    services.realisation_transition(
        actor=cast.verifier, realisation=row, action="reopen", note="Salah ketik"
    )
    record(cast, plan.sasaran_indicator, 1, "12,5")
    Section.objects.filter(report=report).update(body="<p>Versi 2</p>")
    report.refresh_from_db()
    assert content_for(report) == frozen
    assert _indicator(content_for(report), SASARAN_IND)["capaian"] == "95.00"
    live = build_content(report)
    assert _indicator(live, SASARAN_IND)["capaian"] == "100.00"
    assert live["narratives"]["bab1"] == "<p>Versi 2</p>"
    # A report not (yet) published is always live.
    report.status = ReportStatus.FINAL
    assert _indicator(content_for(report), SASARAN_IND)["capaian"] == "100.00"


# --- constant queries -------------------------------------------------------------------------


def _grow(cast, plan, n: int) -> None:
    """`n` more sasaran under the tujuan, each with two indicators measured in 2025 and 2026."""
    for s in range(n):
        node = perf_services.node_create(
            actor=None,
            parent=plan.tujuan,
            node_level=NodeLevel.SASARAN,
            statement=f"Sasaran tambahan {s + 1}",
            owner_position=cast.kepala_opd1,
        )
        for i in range(2):
            ind = perf_services.indicator_create(
                actor=None,
                node=node,
                name=f"Indikator tambahan {s + 1}.{i + 1}",
                unit="%",
                is_iku=i == 0,
                targets={2025: 10, 2026: 20, 2029: 40},
            )
            record(cast, ind, 4, "9", year=2025, obstacle="Kendala")
            record(cast, ind, 4, "18", obstacle="Kendala", solution="Solusi")


def _count(report) -> tuple[int, dict]:
    with CaptureQueriesContext(connection) as ctx:
        content = build_content(report)
    return len(ctx.captured_queries), content


def test_constant_queries_whatever_the_size(cast, cworld):
    plan = cworld.plan
    record(cast, plan.sasaran_indicator, 4, "38", year=2025)
    record(cast, plan.sasaran_indicator, 1, "11,875", obstacle="Kendala")
    spend(cast, plan.sub, 1, "500.000.000")
    report = Report.objects.get(pk=cworld.opd_report.pk)
    small, content = _count(report)
    assert content["summary"]["indicators"] == 1
    pemda_small, _ = _count(Report.objects.get(pk=cworld.pemda_report.pk))

    _grow(cast, plan, 4)
    report = Report.objects.get(pk=cworld.opd_report.pk)
    large, content = _count(report)
    assert content["summary"]["indicators"] == 9 and len(content["sasaran"]) == 5
    assert all(i["history"] for s in content["sasaran"] for i in s["indicators"])
    pemda_large, _ = _count(Report.objects.get(pk=cworld.pemda_report.pk))
    # measures() twice (six queries each): every indicator as plain rows for the roll-up, the
    # report's own in full.
    assert (small, large) == (32, 32)
    assert (pemda_small, pemda_large) == (27, 27)


def test_the_reports_roll_up_is_the_measurement_roll_up(cast, cworld):
    """A report reads the roll-up with `detail` (every indicator as plain rows, the report's
    sasaran indicators in full): every node gets the value of the full roll-up, every indicator
    the same result, and the indicators the report shows the same quarters and statuses."""
    from apps.measurement import rollup
    from apps.reporting import content as module

    plan = cworld.plan
    record(cast, plan.sasaran_indicator, 1, "11,875", obstacle="Kendala")
    record(cast, plan.sasaran_indicator, 2, "30", upto="submitted")
    record(cast, Indicator.objects.get(name="Angka Harapan Hidup"), 4, "71,4")
    pemda_id = cworld.opd_report.pemda_id
    for opd_ids, is_opd, level in (
        ([cworld.opd_report.opd_id], True, NodeLevel.SASARAN),
        (None, False, NodeLevel.SASARAN_PEMDA),
    ):
        scope = {
            "pemda_id": pemda_id,
            "year": YEAR,
            "up_to_quarter": 2,
            "opd_ids": opd_ids,
            "pemda_level": not is_opd,
            "verified_only": True,
        }
        shown_of = module._shown_sasaran(level, is_opd)
        ours = rollup.load_rollup(**scope, detail=shown_of)
        reference = rollup.load_rollup(**scope)
        assert ours.nodes == reference.nodes
        assert {k: v.capaian for k, v in ours.values.items()} == {
            k: v.capaian for k, v in reference.values.items()
        }
        assert ours.values[plan.sasaran_indicator.node_id].capaian is not None
        assert [(f.measure.indicator.pk, f.result) for f in ours.figures] == [
            (f.measure.indicator.pk, f.result) for f in reference.figures
        ]
        shown = shown_of(ours.nodes)
        assert shown == {n.id for n in ours.nodes if n.level == level and n.is_rpjmd != is_opd}
        assert any(ours.figures_by_node.get(node_id) for node_id in shown)
        for node_id in shown:
            mine = ours.figures_by_node.get(node_id, [])
            theirs = reference.figures_by_node.get(node_id, [])
            assert [(f.indicator, f.result, f.quarters, f.statuses) for f in mine] == [
                (f.indicator, f.result, f.quarters, f.statuses) for f in theirs
            ]
