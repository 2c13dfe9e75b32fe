"""A small nomenclature workbook for tests (the demo spreadsheet has 1,000+ rows)."""

from __future__ import annotations

from apps.core.excel import add_sheet, new_workbook, workbook_bytes

SMALL = [
    ("1", "URUSAN PEMERINTAHAN WAJIB YANG BERKAITAN DENGAN PELAYANAN DASAR"),
    ("1.01", "URUSAN PEMERINTAHAN BIDANG PENDIDIKAN"),
    ("1.01.02", "PROGRAM PENGELOLAAN PENDIDIKAN"),
    ("1.01.02.2.01", "Pengelolaan Pendidikan Sekolah Dasar"),
    ("1.01.02.2.01.0001", "Pembangunan Unit Sekolah Baru (USB)"),
    ("1.02", "URUSAN PEMERINTAHAN BIDANG KESEHATAN"),
    ("1.02.01", "PROGRAM PENUNJANG URUSAN PEMERINTAHAN DAERAH KABUPATEN/KOTA"),
    ("1.02.01.2.01", "Perencanaan, Penganggaran, dan Evaluasi Kinerja Perangkat Daerah"),
    ("1.02.01.2.01.0001", "Penyusunan Dokumen Perencanaan Perangkat Daerah"),
    ("1.02.02", "PROGRAM PEMENUHAN UPAYA KESEHATAN PERORANGAN DAN UPAYA KESEHATAN MASYARAKAT"),
    ("1.02.02.1.01", "Penyediaan Fasilitas Pelayanan Kesehatan Kewenangan Daerah Provinsi"),
    ("1.02.02.1.01.0001", "Pembangunan Rumah Sakit Provinsi"),
    ("1.02.02.2.01", "Penyediaan Fasilitas Pelayanan Kesehatan untuk UKM dan UKP"),
    ("1.02.02.2.01.0002", "Pembangunan Puskesmas"),
    ("1.02.02.2.01.0009", "Rehabilitasi dan Pemeliharaan Puskesmas"),
    ("1.02.02.2.02", "Penyediaan Layanan Kesehatan untuk UKM dan UKP Rujukan"),
    ("1.02.02.2.02.0001", "Pengelolaan Pelayanan Kesehatan Ibu Hamil"),
    ("1.02.02.2.02.0015", "Pengelolaan Pelayanan Kesehatan Gizi Masyarakat"),
]


def workbook(rows=None, *, headers=("kode", "nama"), decree: str | None = None) -> bytes:
    wb = new_workbook()
    data = rows if rows is not None else SMALL
    if decree is None:
        add_sheet(wb, "Nomenklatur", list(headers), data)
    else:
        add_sheet(wb, "Nomenklatur", [*headers, "keputusan"], [(*r, decree) for r in data])
    return workbook_bytes(wb)
