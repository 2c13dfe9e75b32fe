"""The organisation as an Excel workbook: units, positions with holders, people."""

from __future__ import annotations

import datetime as dt

from apps.core.excel import add_sheet, new_workbook, workbook_bytes
from apps.core.jobs import JobResult, Progress
from apps.organisations.models import Assignment, OrgUnit, Person, Position


def organisation_workbook(*, pemda_id: int, progress: Progress) -> JobResult:
    pemda = OrgUnit.objects.get(pk=pemda_id)
    wb = new_workbook()
    units = OrgUnit.objects.filter(pemda_id=pemda_id).select_related("parent").order_by("lft")
    add_sheet(
        wb,
        "Unit",
        ["Kode", "Nama", "Jenis", "Kode OPD", "Induk", "Tingkat", "Aktif"],
        (
            [
                str(u.code),
                u.name,
                u.get_unit_type_display(),
                u.opd_code,
                u.parent.name if u.parent else "",
                u.level,
                "ya" if u.is_active else "tidak",
            ]
            for u in units
        ),
        widths=[38, 60, 14, 22, 50, 8, 8],
    )
    progress(35, "Unit")
    today = dt.date.today()
    holders: dict[int, list[str]] = {}
    for a in (
        Assignment.objects.current_on(today)
        .filter(pemda_id=pemda_id)
        .select_related("person")
        .order_by("kind")
    ):
        label = a.person.name if not a.is_acting else f"{a.person.name} ({a.get_kind_display()})"
        holders.setdefault(a.position_id, []).append(label)
    positions = (
        Position.objects.filter(pemda_id=pemda_id)
        .select_related("unit", "superior")
        .order_by("unit__lft", "-is_head", "title")
    )
    add_sheet(
        wb,
        "Jabatan",
        ["Kode", "Jabatan", "Tingkat", "Unit", "Kepala unit", "Atasan", "Pemangku"],
        (
            [
                str(p.code),
                p.title,
                p.get_level_display(),
                p.unit.name,
                "ya" if p.is_head else "tidak",
                p.superior.title if p.superior else "",
                "; ".join(holders.get(p.pk, [])),
            ]
            for p in positions
        ),
        widths=[38, 60, 16, 50, 10, 50, 50],
    )
    progress(70, "Jabatan")
    people = Person.objects.filter(pemda_id=pemda_id).select_related("unit").order_by("name")
    add_sheet(
        wb,
        "Pegawai",
        ["Kode", "Nama", "NIP", "Pangkat/golongan", "Unit"],
        ([str(p.code), p.name, p.nip, p.get_pangkat_display(), p.unit.name] for p in people),
        widths=[38, 50, 22, 30, 50],
    )
    progress(95, "Pegawai")
    stamp = dt.date.today().isoformat()
    name = f"organisasi-{pemda.short_name or pemda.pk}-{stamp}.xlsx".replace(" ", "-").lower()
    return JobResult(filename=name, content=workbook_bytes(wb))
