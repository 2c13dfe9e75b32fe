"""LKE of PermenPANRB Nomor 12 Tahun 2015 (the older template), kept for comparison with past
evaluations and for Pemda that still use it.

Components and weights are the regulation's (DOMAIN.md "Evaluation"). DOMAIN.md gives only the
weights of the sub-components, so the criteria sentences here are our LOCAL RENDERING of what
each sub-component asks (`is_local_rendering`), not the regulation's literal list; the
Capaian Kinerja criteria (target met, better than last year, information reliable) are the
regulation's.
"""

from __future__ import annotations

from apps.evaluation.templates_data import SCALES, Crit, sub

KOMPONEN_1 = {
    "number": 1,
    "name": "Perencanaan Kinerja",
    "weight": "30",
    "sub_components": [
        sub(
            "a.1",
            "Perencanaan Strategis: Pemenuhan",
            "2",
            "yt",
            [
                Crit(
                    "Renstra telah disusun dan ditetapkan.",
                    ["Renstra", "SK penetapan"],
                    autofill="renstra_approved",
                ),
                Crit(
                    "Renstra telah memuat tujuan, sasaran, indikator kinerja dan target jangka "
                    "menengah.",
                    ["Renstra"],
                ),
            ],
        ),
        sub(
            "a.2",
            "Perencanaan Strategis: Kualitas",
            "5",
            "ae",
            [
                Crit(
                    "Tujuan dan sasaran Renstra berorientasi hasil (outcome).",
                    ["Renstra", "Pohon kinerja"],
                ),
                Crit(
                    "Indikator kinerja tujuan dan sasaran Renstra memenuhi kriteria SMART.",
                    ["Renstra", "Manual indikator kinerja"],
                ),
                Crit(
                    "Target kinerja jangka menengah ditetapkan dengan baik dan selaras dengan "
                    "RPJMD.",
                    ["Renstra", "RPJMD"],
                ),
            ],
        ),
        sub(
            "a.3",
            "Perencanaan Strategis: Implementasi",
            "3",
            "ae",
            [
                Crit(
                    "Renstra telah menjadi acuan penyusunan Renja dan anggaran.",
                    ["Renstra", "Renja", "DPA"],
                ),
                Crit(
                    "Target jangka menengah dalam Renstra telah dimonitor pencapaiannya.",
                    ["Laporan monitoring", "LKjIP"],
                ),
            ],
        ),
        sub(
            "b.1",
            "Perencanaan Kinerja Tahunan: Pemenuhan",
            "4",
            "yt",
            [
                Crit(
                    "Renja dan Perjanjian Kinerja telah disusun dan ditetapkan.",
                    ["Renja", "Perjanjian Kinerja"],
                    autofill="renja_approved",
                ),
                Crit(
                    "Perjanjian Kinerja telah ditandatangani sampai dengan pejabat pengawas.",
                    ["Perjanjian Kinerja"],
                    autofill="pk_signed_down_to_pengawas",
                ),
                Crit(
                    "Terdapat Rencana Aksi atas Perjanjian Kinerja.",
                    ["Rencana Aksi"],
                    autofill="rencana_aksi_present",
                ),
            ],
        ),
        sub(
            "b.2",
            "Perencanaan Kinerja Tahunan: Kualitas",
            "10",
            "ae",
            [
                Crit(
                    "Sasaran dan indikator kinerja tahunan selaras dengan Renstra.",
                    ["Renja", "Renstra"],
                ),
                Crit(
                    "Indikator kinerja tahunan memenuhi kriteria SMART dan berorientasi hasil.",
                    ["Renja", "Perjanjian Kinerja"],
                ),
                Crit(
                    "Target kinerja tahunan menantang dan realistis.",
                    ["Perjanjian Kinerja", "LKjIP"],
                ),
                Crit(
                    "Kinerja telah dijenjangkan (cascading) sampai ke unit kerja terendah.",
                    ["Pohon kinerja", "Perjanjian Kinerja"],
                    autofill="cascading_complete",
                ),
            ],
        ),
        sub(
            "b.3",
            "Perencanaan Kinerja Tahunan: Implementasi",
            "6",
            "ae",
            [
                Crit(
                    "Anggaran tahunan mengacu pada kinerja yang diperjanjikan.",
                    ["DPA", "Perjanjian Kinerja"],
                ),
                Crit(
                    "Rencana Aksi dipantau pencapaiannya secara berkala.",
                    ["Rencana Aksi", "Laporan monitoring"],
                    autofill="rencana_aksi_monitored",
                ),
                Crit(
                    "Perjanjian Kinerja dimanfaatkan untuk menilai keberhasilan pejabat.",
                    ["Perjanjian Kinerja", "Hasil penilaian kinerja"],
                ),
            ],
        ),
    ],
}

KOMPONEN_2 = {
    "number": 2,
    "name": "Pengukuran Kinerja",
    "weight": "25",
    "sub_components": [
        sub(
            "a",
            "Pemenuhan Pengukuran",
            "5",
            "yt",
            [
                Crit(
                    "Terdapat Indikator Kinerja Utama (IKU) yang telah ditetapkan.",
                    ["SK IKU"],
                ),
                Crit(
                    "Terdapat definisi operasional dan cara pengukuran setiap indikator kinerja.",
                    ["Manual indikator kinerja"],
                    autofill="indicators_defined",
                ),
                Crit(
                    "Terdapat mekanisme pengumpulan data kinerja.",
                    ["SOP pengumpulan data kinerja"],
                ),
            ],
        ),
        sub(
            "b",
            "Kualitas Pengukuran",
            "12.5",
            "ae",
            [
                Crit(
                    "IKU telah dapat diukur secara objektif dan menggambarkan hasil.",
                    ["SK IKU", "Manual indikator kinerja"],
                ),
                Crit(
                    "Pengukuran kinerja dilakukan secara berkala.",
                    ["Laporan capaian kinerja triwulanan"],
                    autofill="realisations_every_quarter",
                ),
                Crit(
                    "Data kinerja didukung bukti yang andal dan telah diverifikasi.",
                    ["Data dukung realisasi", "Berita acara verifikasi"],
                    autofill="realisations_verified",
                ),
                Crit(
                    "Pengukuran kinerja telah menggunakan teknologi informasi.",
                    ["Tangkapan layar aplikasi"],
                ),
            ],
        ),
        sub(
            "c",
            "Implementasi Pengukuran",
            "7.5",
            "ae",
            [
                Crit(
                    "Hasil pengukuran kinerja dimanfaatkan dalam penyusunan perencanaan dan "
                    "penganggaran.",
                    ["Renja", "DPA"],
                ),
                Crit(
                    "Hasil pengukuran kinerja dimanfaatkan untuk pemberian penghargaan dan sanksi.",
                    ["SK tunjangan kinerja"],
                ),
                Crit(
                    "Hasil pengukuran kinerja dimanfaatkan untuk penyesuaian strategi dan "
                    "kebijakan.",
                    ["Notulen rapat", "Dokumen kebijakan"],
                ),
            ],
        ),
    ],
}

KOMPONEN_3 = {
    "number": 3,
    "name": "Pelaporan Kinerja",
    "weight": "15",
    "sub_components": [
        sub(
            "a",
            "Pemenuhan Pelaporan",
            "3",
            "yt",
            [
                Crit("LKjIP telah disusun.", ["LKjIP"]),
                Crit(
                    "LKjIP telah disampaikan tepat waktu.",
                    ["Tanda terima penyampaian LKjIP"],
                    autofill="lkjip_published_on_time",
                ),
                Crit(
                    "LKjIP telah direviu oleh Inspektorat.",
                    ["Laporan Hasil Reviu LKjIP"],
                    autofill="lkjip_reviewed",
                ),
            ],
        ),
        sub(
            "b",
            "Penyajian Informasi Kinerja",
            "7.5",
            "ae",
            [
                Crit(
                    "LKjIP menyajikan perbandingan realisasi dengan target tahunan dan jangka "
                    "menengah.",
                    ["LKjIP"],
                ),
                Crit(
                    "LKjIP menyajikan perbandingan dengan realisasi tahun-tahun sebelumnya.",
                    ["LKjIP"],
                ),
                Crit(
                    "LKjIP menyajikan analisis keberhasilan/kegagalan dan efisiensi penggunaan "
                    "sumber daya.",
                    ["LKjIP"],
                ),
            ],
        ),
        sub(
            "c",
            "Pemanfaatan Informasi Kinerja",
            "4.5",
            "ae",
            [
                Crit(
                    "Informasi dalam LKjIP digunakan untuk perbaikan perencanaan.",
                    ["Renja", "Notulen rapat"],
                ),
                Crit(
                    "Informasi dalam LKjIP digunakan untuk meningkatkan kinerja.",
                    ["Notulen rapat", "Rencana Aksi perubahan"],
                ),
            ],
        ),
    ],
}

KOMPONEN_4 = {
    "number": 4,
    "name": "Evaluasi Internal",
    "weight": "10",
    "sub_components": [
        sub(
            "a",
            "Pemenuhan Evaluasi",
            "2",
            "yt",
            [
                Crit(
                    "Terdapat pedoman evaluasi akuntabilitas kinerja internal.",
                    ["Pedoman evaluasi AKIP internal"],
                ),
                Crit(
                    "Evaluasi internal telah dilaksanakan atas seluruh unit kerja.",
                    ["LHE internal"],
                    autofill="internal_evaluation_all_units",
                ),
            ],
        ),
        sub(
            "b",
            "Kualitas Evaluasi",
            "5",
            "ae",
            [
                Crit(
                    "Evaluasi internal dilaksanakan oleh SDM yang kompeten.",
                    ["Surat tugas evaluasi"],
                ),
                Crit(
                    "Evaluasi internal memberikan rekomendasi perbaikan yang jelas.",
                    ["LHE internal"],
                ),
            ],
        ),
        sub(
            "c",
            "Pemanfaatan Hasil Evaluasi",
            "3",
            "ae",
            [
                Crit(
                    "Rekomendasi hasil evaluasi internal telah ditindaklanjuti.",
                    ["Laporan tindak lanjut rekomendasi"],
                    autofill="recommendations_followed_up",
                ),
                Crit(
                    "Hasil evaluasi internal dimanfaatkan untuk perbaikan kinerja.",
                    ["Notulen rapat", "LKjIP"],
                ),
            ],
        ),
    ],
}

_CAPAIAN = [
    ("Target kinerja {0} telah tercapai.", ["LKjIP", "Perjanjian Kinerja"]),
    ("Capaian kinerja {0} lebih baik dari tahun sebelumnya.", ["LKjIP"]),
    ("Informasi capaian kinerja {0} dapat diandalkan.", ["LKjIP", "Data dukung realisasi"]),
]

KOMPONEN_5 = {
    "number": 5,
    "name": "Capaian Kinerja",
    "weight": "20",
    "sub_components": [
        sub(
            "a",
            "Kinerja yang dilaporkan (output)",
            "7.5",
            "aa_e",
            [Crit(text.format("output"), evidence) for text, evidence in _CAPAIAN],
        ),
        sub(
            "b",
            "Kinerja yang dilaporkan (outcome)",
            "12.5",
            "aa_e",
            [Crit(text.format("outcome"), evidence) for text, evidence in _CAPAIAN],
        ),
    ],
}

TEMPLATE = {
    "key": "permenpanrb-12-2015",
    "name": "LKE AKIP PermenPANRB 12/2015",
    "regulation": "Peraturan Menteri PANRB Nomor 12 Tahun 2015",
    "variant": "12/2015",
    "description": (
        "Lembar Kerja Evaluasi menurut pedoman lama: 5 komponen. Kriteria per subkomponen adalah "
        "rumusan lokal (bukan daftar kriteria resmi), kecuali kriteria Capaian Kinerja."
    ),
    "is_default": False,
    "is_local_rendering": True,
    "scales": SCALES,
    "components": [KOMPONEN_1, KOMPONEN_2, KOMPONEN_3, KOMPONEN_4, KOMPONEN_5],
}
