"""The publication services: what each snapshot holds, only verified realisations, no draft
data, re-publishing withdraws the old row, withdrawal, permissions and the activity log."""

from __future__ import annotations

import hashlib
import json

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.utils import timezone

from apps.core.models import ActivityLog
from apps.reporting import publications as pub
from apps.reporting.models import Publication, PublicationKind, ReportStatus
from tests.measurement.conftest import YEAR
from tests.reporting.portal_fixtures import MARKER, build_portal_world, publish_everything

pytestmark = pytest.mark.django_db


@pytest.fixture
def pworld(cast):
    return build_portal_world(cast)


def test_every_publication_freezes_its_snapshot_without_draft_data(cast, pworld):
    rows = publish_everything(cast, pworld)
    assert [p.kind for p in rows] == ["rpjmd", "renstra", "renja", "iku", "pk", "indicators"]
    for row in rows:
        assert MARKER not in json.dumps(row.snapshot), row.kind
        assert row.published_by == cast.bappeda and row.withdrawn_at is None
    rpjmd, renstra, renja, iku, pks, indicators = rows
    assert rpjmd.snapshot["visi"] == "Contoh yang Sehat dan Maju"
    assert any(n["statement"] == "Meningkatkan kualitas SDM" for n in rpjmd.snapshot["nodes"])
    ahh = next(i for n in rpjmd.snapshot["nodes"] for i in n["indicators"])
    assert ahh["name"] == "Angka Harapan Hidup" and ahh["targets"]["2026"] == "71.4"
    sasaran = next(n for n in renstra.snapshot["nodes"] if n["level"] == "sasaran")
    assert sasaran["indicators"][0]["targets"] == {
        "2025": "40",
        "2026": "50",
        "2027": "60",
        "2028": "70",
        "2029": "80",
    }
    assert renstra.opd == cast.opd1 and renstra.year == 2025
    assert renja.year == YEAR and any(n["pagu"] for n in renja.snapshot["nodes"])
    assert [r["indicator"] for r in iku.snapshot["pemda"]] == ["Angka Harapan Hidup"]
    assert iku.snapshot["opds"][0]["name"] == cast.opd1.name
    signed = {p["position"] for p in pks.snapshot["pks"]}
    assert len(signed) == 2 and all(p["verification_code"] for p in pks.snapshot["pks"])
    by_name = {i["indicator"]: i for i in indicators.snapshot["indicators"]}
    verified = by_name["Persentase puskesmas terakreditasi paripurna"]
    assert verified["quarters"][0]["realisation"] == "11.875"
    assert verified["quarters"][0]["capaian"] == "95.00"
    assert verified["predicate"] == "sangat_tinggi"
    # The unverified realisation is not published.
    assert by_name["Jumlah puskesmas yang dibangun"]["quarters"][0]["realisation"] == ""
    assert indicators.snapshot["tree"]["predicate"] in {"sangat_tinggi", "none"}
    assert str(cast.opd1.code) in indicators.snapshot["opd_trees"]
    assert str(cast.opd2.code) not in indicators.snapshot["opd_trees"]  # draft Renstra
    assert ActivityLog.objects.filter(action="sakip.publication.published").count() == 6


def test_a_later_edit_never_changes_a_publication(cast, pworld):
    renstra = pub.publish_renstra(cast.bappeda, pworld.plan.renstra)
    before = json.loads(json.dumps(renstra.snapshot))  # a deep copy
    pworld.plan.sasaran.statement = "Changed later"
    pworld.plan.sasaran.save(update_fields=["statement"])
    renstra.refresh_from_db()
    assert renstra.snapshot == before  # (PostgreSQL's jsonb keeps the values, not key order)
    assert "Changed later" not in json.dumps(renstra.snapshot)


def test_publishing_again_withdraws_the_old_row_and_keeps_it(cast, pworld):
    first = pub.publish_iku(cast.bappeda, cast.pemda, YEAR)
    second = pub.publish_iku(cast.admin, cast.pemda, YEAR)
    first.refresh_from_db()
    assert first.withdrawn_at is not None and second.withdrawn_at is None
    assert Publication.objects.filter(kind=PublicationKind.IKU).count() == 2
    log = ActivityLog.objects.filter(action="sakip.publication.published").first()
    assert log.data["replaced"] == [str(first.code)]


def test_only_approved_renstra_and_quarters_one_to_four(cast, pworld):
    with pytest.raises(ValidationError):
        pub.publish_renstra(cast.bappeda, pworld.plan.renstra2)
    for bad in (0, 5, "x"):
        with pytest.raises(ValidationError):
            pub.publish_indicators(cast.bappeda, cast.pemda, YEAR, bad)
    assert not Publication.objects.exists()


NOT_PLANNERS = ["operator", "verifier", "evaluator", "lead", "viewer", "outsider"]


@pytest.mark.parametrize("role", NOT_PLANNERS)
def test_only_planners_publish_and_withdraw(cast, pworld, role):
    user = getattr(cast, role)
    with pytest.raises(PermissionDenied):
        pub.publish_iku(user, cast.pemda, YEAR)
    with pytest.raises(PermissionDenied):
        pub.publish_renstra(user, pworld.plan.renstra)
    row = pub.publish_iku(cast.admin, cast.pemda, YEAR)
    with pytest.raises(PermissionDenied):
        pub.withdraw(user, row, "no")
    with pytest.raises(PermissionDenied):
        pub.publish_iku(None, cast.pemda, YEAR)


def test_withdraw_needs_a_reason_and_is_logged(cast, pworld):
    row = pub.publish_pks(cast.bappeda, cast.pemda, YEAR)
    with pytest.raises(ValidationError):
        pub.withdraw(cast.bappeda, row, "  ")
    row.refresh_from_db()
    assert row.withdrawn_at is None
    pub.withdraw(cast.bappeda, row, "Salah unggah")
    row.refresh_from_db()
    assert row.withdrawn_at is not None
    log = ActivityLog.objects.get(action="sakip.publication.withdrawn")
    assert log.data == {"reason": "Salah unggah"} and log.actor == cast.bappeda
    with pytest.raises(ValidationError):
        pub.withdraw(cast.bappeda, row, "again")


def test_lkjip_is_published_with_its_issued_pdf_only(cast, pworld):
    report = pworld.report
    with pytest.raises(ValidationError):
        pub.publish_lkjip(report)  # a draft
    content = b"%PDF-1.7 issued LKjIP"
    report.status = ReportStatus.PUBLISHED
    report.published_at = timezone.now()
    report.published_by = cast.bappeda
    report.snapshot = {
        "summary": {"indicators": 2, "mean_capaian": "87.50"},
        "up_to_quarter": 4,
        "sasaran": [{"statement": "S1", "capaian": "95.00", "predicate": "Sangat Tinggi"}],
        "narratives": {"bab1": "<p>Published Bab I</p>"},
    }
    report.pdf.save("lkjip-test.pdf", ContentFile(content), save=False)
    report.pdf_sha256 = hashlib.sha256(content).hexdigest()
    report.save()
    row = pub.publish_lkjip(report)
    assert row.kind == "lkjip" and row.opd == cast.opd1 and row.year == YEAR
    assert row.file.name == report.pdf.name and row.sha256 == report.pdf_sha256
    assert row.snapshot["summary"]["mean_capaian"] == "87.50"
    assert "narratives" not in row.snapshot
    assert row.title == f"LKjIP {cast.opd1.name} {YEAR}"
    # The issue task running again publishes nothing new.
    assert pub.publish_lkjip(report) == row
    assert Publication.objects.filter(kind=PublicationKind.LKJIP).count() == 1
