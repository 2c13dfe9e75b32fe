"""The year's PKs and Rencana Aksi as an Excel workbook (via apps.core.excel)."""

from __future__ import annotations

from apps.agreements.models import ActionPlanQuarter, PerjanjianKinerja, PkBudgetLine, PkLine
from apps.core.excel import add_sheet, new_workbook, workbook_bytes
from apps.core.jobs import JobResult


def pk_workbook(*, pemda_id: int, year: int, opd_id: int | None = None) -> JobResult:
    pks = PerjanjianKinerja.objects.filter(pemda_id=pemda_id, year=year)
    if opd_id:
        pks = pks.filter(opd_id=opd_id)
    pks = pks.select_related("position", "unit").order_by("unit__lft", "version_number")
    wb = new_workbook()
    add_sheet(
        wb,
        "PK",
        [
            "Kode",
            "Tahun",
            "Unit",
            "Jabatan",
            "Versi",
            "Status",
            "Pihak pertama",
            "NIP",
            "Pihak kedua",
            "NIP",
            "Tanggal",
            "Kode verifikasi",
            "SHA-256",
        ],
        (
            [
                str(p.code),
                p.year,
                p.unit.name,
                p.position.title,
                p.version_number,
                p.get_status_display(),
                p.first_party_name,
                p.first_party_nip,
                p.second_party_name,
                p.second_party_nip,
                p.signed_on,
                p.verification_code,
                p.pdf_sha256,
            ]
            for p in pks
        ),
        widths=[38, 8, 40, 40, 8, 14, 30, 20, 30, 20, 12, 14, 66],
    )
    lines = (
        PkLine.objects.filter(pk_doc__in=pks)
        .select_related("pk_doc__position")
        .order_by("pk_doc__unit__lft", "pk_doc__version_number", "number")
    )
    add_sheet(
        wb,
        "Sasaran & indikator",
        [
            "Jabatan",
            "Versi",
            "No",
            "Sasaran",
            "Indikator",
            "Target",
            "Satuan",
            "Target Renja",
            "Alasan",
            "IKU",
        ],
        (
            [
                ln.pk_doc.position.title,
                ln.pk_doc.version_number,
                ln.number,
                ln.statement,
                ln.indicator_name,
                ln.target_text or ln.target,
                ln.unit,
                ln.plan_target_text or ln.plan_target,
                ln.target_reason,
                "ya" if ln.is_iku else "",
            ]
            for ln in lines
        ),
        widths=[40, 8, 6, 50, 50, 12, 10, 12, 30, 6],
    )
    budget = (
        PkBudgetLine.objects.filter(pk_doc__in=pks)
        .select_related("pk_doc__position")
        .order_by("pk_doc__unit__lft", "pk_doc__version_number", "number")
    )
    add_sheet(
        wb,
        "Anggaran",
        ["Jabatan", "Versi", "No", "Tingkat", "Kode", "Nama", "Anggaran (Rp)"],
        (
            [
                b.pk_doc.position.title,
                b.pk_doc.version_number,
                b.number,
                b.level,
                b.item_code,
                b.name,
                b.amount,
            ]
            for b in budget
        ),
        widths=[40, 8, 6, 14, 20, 60, 18],
    )
    quarters = (
        ActionPlanQuarter.objects.filter(line__pk_doc__in=pks)
        .select_related("line__pk_doc__position")
        .order_by(
            "line__pk_doc__unit__lft", "line__pk_doc__version_number", "line__number", "quarter"
        )
    )
    add_sheet(
        wb,
        "Rencana Aksi",
        ["Jabatan", "Versi", "No", "Indikator", "Triwulan", "Target", "Rencana aksi"],
        (
            [
                q.line.pk_doc.position.title,
                q.line.pk_doc.version_number,
                q.line.number,
                q.line.indicator_name,
                f"TW {q.quarter}",
                q.target_text or q.target,
                q.actions,
            ]
            for q in quarters
        ),
        widths=[40, 8, 6, 50, 10, 12, 60],
    )
    return JobResult(filename=f"pk-{year}.xlsx", content=workbook_bytes(wb))
