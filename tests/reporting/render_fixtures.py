"""A realistic LKjIP content dict (the schema of apps/reporting/content.py) for the renderer
tests: an OPD (Dinas Kesehatan) with several sasaran, their indicators over four quarters, prior
years, the budget and the measurement form. `sample_content(sasaran=…)` scales it so a test can
reach the size of a real 40-page report."""

from __future__ import annotations

import copy

BAB1 = (
    "<p>Dinas Kesehatan menyusun <strong>LKjIP</strong> sebagai wujud <em>akuntabilitas</em>.</p>"
    "<ul><li>Tugas pokok</li><li>Fungsi</li></ul>"
    "<ol><li>Struktur organisasi</li><li>Sumber daya manusia</li></ol>"
)
# What an unclean narrative might still carry: the renderer must never fetch these.
HOSTILE = (
    '<p>Gambar <img src="http://evil.example/track.png" alt="x"> dan '
    '<span style="background: url(http://evil.example/bg.png)">latar</span>.</p>'
)

PROGRAMS = [
    ("1.02.02", "Program Pemenuhan Upaya Kesehatan Perorangan dan Masyarakat"),
    ("1.02.03", "Program Peningkatan Kapasitas Sumber Daya Manusia Kesehatan"),
    ("1.02.04", "Program Sediaan Farmasi, Alat Kesehatan dan Makanan Minuman"),
]


def _indicator(s: int, i: int) -> dict:
    # The first indicator of the first sasaran is the known figure: 95,00 %.
    capaian = "95.00" if (s, i) == (1, 1) else f"{70 + (s * 7 + i * 5) % 40}.50"
    predicate = "Sangat Tinggi" if float(capaian) >= 91 else "Tinggi"
    return {
        "code": f"IK-{s}.{i}",
        "name": f"Persentase layanan kesehatan dasar sesuai standar {s}.{i}",
        "unit": "%",
        "polarity": "positive",
        "aggregation": "last",
        "target": "100.00",
        "realisation": capaian,
        "capaian": capaian,
        "predicate": predicate,
        "quarters": [
            {
                "quarter": q,
                "target": str(25 * q),
                "realisation": str(24 * q),
                "capaian": "96.00",
                "status": "verified",
            }
            for q in range(1, 5)
        ],
        "history": [
            {"year": 2024, "target": "90.00", "realisation": "85.00", "capaian": "94.44"},
            {"year": 2025, "target": "95.00", "realisation": "91.20", "capaian": "96.00"},
        ],
        "end_target": {"year": 2026, "target": "100.00", "progress": capaian},
        "national_standard": "100% (SPM bidang kesehatan)" if i == 1 else "",
        "obstacles": [f"Keterbatasan tenaga kesehatan di puskesmas ({s}.{i})"],
        "solutions": [f"Penempatan tenaga kontrak dan pelatihan ({s}.{i})"],
    }


def _sasaran(s: int, indicators: int) -> dict:
    return {
        "code": f"SS-{s}",
        "number": f"{s}",
        "statement": f"Meningkatnya derajat kesehatan masyarakat (sasaran {s})",
        "capaian": "95.00" if s == 1 else "88.25",
        "predicate": "Sangat Tinggi" if s == 1 else "Tinggi",
        "indicators": [_indicator(s, i) for i in range(1, indicators + 1)],
        "efficiency": {
            "pagu": "1500000000.00",
            "spent": "1350000000.00",
            "absorption": "90.00",
            "efficiency": "105.56",
        },
        "programs": [
            {
                "code": code,
                "name": name,
                "pagu": "500000000.00",
                "spent": "450000000.00",
                "absorption": "90.00",
                "capaian": "95.00",
            }
            for code, name in PROGRAMS
        ],
    }


def sample_content(*, sasaran: int = 5, indicators: int = 3, hostile: bool = False) -> dict:
    items = [_sasaran(s, indicators) for s in range(1, sasaran + 1)]
    narratives = {
        "ikhtisar": "<p>Secara umum capaian kinerja <strong>baik</strong>.</p>",
        "bab1": BAB1 + (HOSTILE if hostile else ""),
        "bab2": "<p>Rencana strategis 2025–2029 dan perjanjian kinerja 2026.</p>",
        "bab3a": "<p>Capaian kinerja organisasi per sasaran strategis.</p>",
        "bab3b": "<p>Realisasi anggaran mencapai 90%.</p>",
        "bab4": "<p>Penutup: <em>langkah ke depan</em>.</p>",
    }
    for item in items:
        narratives[f"sasaran:{item['code']}"] = (
            f"<p>Analisis sasaran {item['number']}: capaian didukung program prioritas.</p>"
        )
    budget_rows = []
    for code, name in PROGRAMS:
        budget_rows.append(
            {
                "level": "program",
                "code": code,
                "name": name,
                "pagu": "2500000000.00",
                "spent": "2250000000.00",
                "absorption": "90.00",
            }
        )
        for k in range(1, 4):
            budget_rows.append(
                {
                    "level": "kegiatan",
                    "code": f"{code}.{k}",
                    "name": f"Kegiatan {k} {name}",
                    "pagu": "800000000.00",
                    "spent": "700000000.00",
                    "absorption": "87.50",
                }
            )
    form = [
        {
            "sasaran": item["statement"],
            "indicator": ind["name"],
            "unit": ind["unit"],
            "target": ind["target"],
            "tw": [q["realisation"] for q in ind["quarters"]],
            "realisation": ind["realisation"],
            "capaian": ind["capaian"],
        }
        for item in items
        for ind in item["indicators"]
    ]
    return copy.deepcopy(
        {
            "schema": 1,
            "kind": "opd",
            "year": 2026,
            "up_to_quarter": 4,
            "generated_at": "2026-11-29T10:00:00+07:00",
            "pemda": {"name": "Kabupaten Contoh", "place": "Contoh"},
            "unit": {"code": "1.02.0.00.0.00.01", "name": "Dinas Kesehatan"},
            "head": {
                "name": "dr. Siti Aminah, M.Kes",
                "title": "Kepala Dinas Kesehatan",
                "nip": "197001011995032001",
            },
            "narratives": narratives,
            "summary": {
                "indicators": len(form),
                "mean_capaian": "90.12",
                "bands": {
                    "sangat_tinggi": 4,
                    "tinggi": len(form) - 4,
                    "sedang": 0,
                    "rendah": 0,
                    "sangat_rendah": 0,
                    "none": 0,
                },
            },
            "pk": {
                "signed_on": "2026-01-31",
                "verification_code": "ABCD-1234",
                "first_party": "dr. Siti Aminah, M.Kes",
                "second_party": "Bupati Contoh",
                "lines": [
                    {
                        "number": n,
                        "sasaran": row["sasaran"],
                        "indicator": row["indicator"],
                        "unit": row["unit"],
                        "target": row["target"],
                    }
                    for n, row in enumerate(form, start=1)
                ],
                "budget": [
                    {"level": "program", "name": name, "amount": "2500000000.00"}
                    for _code, name in PROGRAMS
                ],
            },
            "iku": [
                {
                    "indicator": item["indicators"][0]["name"],
                    "unit": "%",
                    "definition": "Layanan sesuai standar dibagi seluruh layanan",
                    "formula": "(a / b) × 100%",
                    "source": "Laporan puskesmas",
                    "target": "100.00",
                }
                for item in items
            ],
            "sasaran": items,
            "budget": {
                "rows": budget_rows,
                "total_pagu": "7500000000.00",
                "total_spent": "6750000000.00",
                "absorption": "90.00",
            },
            "measurement_form": form,
        }
    )
