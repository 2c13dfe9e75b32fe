"""The demo's reporting data (`manage.py load_demo`, after the measurement step): what the
Pemda published to the portal for 2026 — the RPJMD, the approved Renstras, the IKU, the signed
PKs and the indicators up to TW II (verified values only) — and two LKjIP 2026 reports in
progress: Dinas Kesehatan's draft with its Ikhtisar Eksekutif and Bab I written, and another
OPD's report in reviu with two comments of the Inspektorat. Everything goes through the
services (apps.reporting.publications, apps.reporting.services). Idempotent."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import transaction

from apps.organisations.models import Membership, OrgUnit, Role
from apps.planning.models import DocumentStatus, Renstra, Rpjmd
from apps.reporting import publications, services
from apps.reporting.models import Publication, Report

YEAR = 2026
UP_TO_QUARTER = 2
DRAFT_OPD = "Dinas Kesehatan"

IKHTISAR = (
    "<p>Laporan Kinerja Instansi Pemerintah (LKjIP) Dinas Kesehatan Tahun 2026 menyajikan "
    "capaian kinerja atas Perjanjian Kinerja 2026. Secara umum sebagian besar indikator "
    "sasaran berada pada predikat <strong>Tinggi</strong> dan <strong>Sangat Tinggi</strong>."
    "</p><p>Hambatan utama adalah keterbatasan tenaga kesehatan di puskesmas terpencil; "
    "upaya perbaikan dituangkan dalam Bab III.</p>"
)
BAB1 = (
    "<h3>A. Latar Belakang</h3><p>LKjIP disusun sebagai wujud akuntabilitas pelaksanaan tugas "
    "dan fungsi Dinas Kesehatan sesuai Peraturan Presiden Nomor 29 Tahun 2014 tentang SAKIP "
    "dan Peraturan Menteri PANRB Nomor 53 Tahun 2014.</p><h3>B. Tugas Pokok dan Fungsi</h3>"
    "<p>Dinas Kesehatan melaksanakan urusan pemerintahan bidang kesehatan.</p>"
    "<h3>C. Isu Strategis</h3><ul><li>Akses dan mutu pelayanan kesehatan dasar.</li>"
    "<li>Penurunan prevalensi stunting.</li></ul>"
)
REVIU_BAB1 = (
    "<p>Laporan ini disusun sebagai pertanggungjawaban kinerja tahun 2026 kepada Bupati.</p>"
)
COMMENTS = (
    ("bab1", "Lengkapi dasar hukum dengan Perbup tentang kedudukan dan tugas OPD."),
    ("", "Tabel capaian pada Bab III perlu memuat perbandingan dengan tahun sebelumnya."),
)


@dataclass
class ReportingDemoSummary:
    created: bool = True
    publications: list[str] = field(default_factory=list)
    reports: list[str] = field(default_factory=list)


def _member(pemda: OrgUnit, role: str):
    membership = (
        Membership.objects.filter(pemda=pemda, unit=pemda, role=role)
        .select_related("user")
        .order_by("id")
        .first()
    )
    return membership.user if membership else None


def load_reporting_demo(pemda: OrgUnit) -> ReportingDemoSummary:
    """Does nothing when the Pemda already has publications for the demo year."""
    summary = ReportingDemoSummary()
    admin = _member(pemda, Role.ADMIN)
    evaluator = _member(pemda, Role.EVALUATOR)
    if admin is None or Publication.objects.filter(pemda=pemda, year=YEAR).exists():
        summary.created = False
        return summary
    in_period = {"period__start_year__lte": YEAR, "period__end_year__gte": YEAR}
    with transaction.atomic():
        rpjmd = Rpjmd.objects.filter(pemda=pemda, **in_period).first()
        if rpjmd is not None:
            summary.publications.append(publications.publish_rpjmd(admin, rpjmd).title)
        approved = list(
            Renstra.objects.filter(pemda=pemda, status=DocumentStatus.APPROVED, **in_period)
            .select_related("opd")
            .order_by("opd__lft")
        )
        for renstra in approved:
            summary.publications.append(publications.publish_renstra(admin, renstra).title)
        for publish in (publications.publish_iku, publications.publish_pks):
            summary.publications.append(publish(admin, pemda, YEAR).title)
        summary.publications.append(
            publications.publish_indicators(admin, pemda, YEAR, UP_TO_QUARTER).title
        )
        _reports(pemda, admin, evaluator, approved, summary)
    return summary


def _reports(pemda, admin, evaluator, approved: list[Renstra], summary) -> None:
    draft_opd = OrgUnit.objects.filter(pemda=pemda, name=DRAFT_OPD).first()
    if draft_opd is not None:
        report, _created = services.report_get_or_create(actor=admin, opd=draft_opd, year=YEAR)
        for key, body in (("ikhtisar", IKHTISAR), ("bab1", BAB1)):
            services.section_save(
                actor=admin, report=report, key=key, body=body, expected_version=None
            )
        summary.reports.append(f"{report} (draft)")
    other = next((r.opd for r in approved if r.opd.name != DRAFT_OPD), None)
    if other is None or evaluator is None:
        return
    report, _created = services.report_get_or_create(actor=admin, opd=other, year=YEAR)
    services.section_save(
        actor=admin,
        report=report,
        key="bab1",
        body=REVIU_BAB1.replace("Bupati", f"Bupati · {other.name}"),
        expected_version=None,
    )
    report = services.transition(actor=admin, report=report, name="submit")
    report = Report.objects.get(pk=report.pk)
    for key, text in COMMENTS:
        services.comment_add(actor=evaluator, report=report, section_key=key, text=text)
    summary.reports.append(f"{report} (reviu)")
