"""LKE AKIP of PermenPANRB Nomor 88 Tahun 2021 (Evaluasi Akuntabilitas Kinerja Instansi
Pemerintah): 4 components, 12 sub-components, 80 criteria (DOMAIN.md "Evaluation").

The criteria sentences follow the LKE's wording of each point of DOMAIN.md's "criteria in brief".
Scales: existence (a. Keberadaan) is answered Y/T; quality and use (b, c) on A–E. A local
variant may choose otherwise.
"""

from __future__ import annotations

from apps.evaluation.templates_data import SCALES, Crit, sub

LAPORAN = "LKjIP"

KOMPONEN_1 = {
    "number": 1,
    "name": "Perencanaan Kinerja",
    "weight": "30",
    "sub_components": [
        sub(
            "a",
            "Keberadaan",
            "6",
            "yt",
            [
                Crit(
                    "Terdapat pedoman teknis perencanaan kinerja.",
                    ["Pedoman teknis perencanaan kinerja", "SK"],
                ),
                Crit(
                    "Terdapat dokumen perencanaan kinerja jangka panjang (RPJPD).",
                    ["RPJPD"],
                ),
                Crit(
                    "Terdapat dokumen perencanaan kinerja jangka menengah (RPJMD/Renstra).",
                    ["RPJMD", "Renstra"],
                    autofill="renstra_approved",
                ),
                Crit(
                    "Terdapat dokumen perencanaan kinerja tahunan (RKPD/Renja) dan Perjanjian "
                    "Kinerja.",
                    ["RKPD", "Renja", "Perjanjian Kinerja"],
                    autofill="renja_approved",
                ),
                Crit(
                    "Terdapat dokumen Rencana Aksi atas kinerja yang diperjanjikan.",
                    ["Rencana Aksi"],
                    autofill="rencana_aksi_present",
                ),
                Crit(
                    "Terdapat dokumen perencanaan anggaran yang mendukung kinerja yang ingin "
                    "dicapai (RKA/DPA).",
                    ["RKA", "DPA"],
                ),
            ],
        ),
        sub(
            "b",
            "Kualitas",
            "9",
            "ae",
            [
                Crit(
                    "Dokumen perencanaan kinerja telah diformalkan (ditetapkan) sesuai ketentuan.",
                    ["Renstra", "Renja", "SK penetapan"],
                ),
                Crit(
                    "Dokumen perencanaan kinerja telah dipublikasikan tepat waktu.",
                    ["Tangkapan layar publikasi", "Renstra", "Perjanjian Kinerja"],
                ),
                Crit(
                    "Dokumen perencanaan kinerja telah menggambarkan kebutuhan atas kinerja "
                    "sebenarnya yang perlu dicapai.",
                    ["Renstra", "Pohon kinerja"],
                ),
                Crit(
                    "Kualitas rumusan hasil (tujuan/sasaran) telah jelas menggambarkan kondisi "
                    "kinerja yang akan dicapai.",
                    ["Renstra", "Pohon kinerja"],
                ),
                Crit(
                    "Ukuran keberhasilan (indikator kinerja) telah memenuhi kriteria SMART.",
                    ["Renstra", "Manual indikator kinerja"],
                ),
                Crit(
                    "Indikator Kinerja Utama (IKU) telah menggambarkan kondisi kinerja utama yang "
                    "harus dicapai dan tertuang secara berkelanjutan (sustainable) tiap tahun.",
                    ["SK IKU", "Renstra"],
                ),
                Crit(
                    "Target yang ditetapkan dalam perencanaan kinerja dapat dicapai (achievable), "
                    "menantang, dan realistis.",
                    ["Renstra", "Perjanjian Kinerja", LAPORAN],
                ),
                Crit(
                    "Setiap dokumen perencanaan kinerja menggambarkan hubungan yang "
                    "berkesinambungan serta selaras antara kondisi/hasil yang akan dicapai di "
                    "setiap level jabatan (cascading).",
                    ["Pohon kinerja", "Cascading kinerja", "Perjanjian Kinerja"],
                    autofill="cascading_complete",
                ),
                Crit(
                    "Perencanaan kinerja telah menggambarkan hubungan kinerja antar perangkat "
                    "daerah/unit kerja yang berkontribusi pada kinerja bersama (crosscutting).",
                    ["Matriks crosscutting", "Pohon kinerja"],
                ),
                Crit(
                    "Setiap unit/satuan kerja telah merumuskan dan menetapkan perencanaan kinerja.",
                    ["Renja", "Perjanjian Kinerja"],
                ),
                Crit(
                    "Setiap pegawai telah merumuskan dan menetapkan perencanaan kinerja "
                    "(Perjanjian Kinerja/SKP).",
                    ["Perjanjian Kinerja", "SKP"],
                    autofill="pk_signed_down_to_pengawas",
                ),
            ],
        ),
        sub(
            "c",
            "Pemanfaatan",
            "15",
            "ae",
            [
                Crit(
                    "Anggaran yang ditetapkan telah mengacu pada kinerja yang ingin dicapai.",
                    ["DPA", "Perjanjian Kinerja"],
                ),
                Crit(
                    "Aktivitas yang dilaksanakan telah mendukung kinerja yang ingin dicapai.",
                    ["Renja", "Rencana Aksi", "Laporan monitoring"],
                ),
                Crit(
                    "Target kinerja yang diperjanjikan pada Perjanjian Kinerja telah tercapai "
                    "dengan baik, atau setidaknya masih berada pada jalur yang tepat (on the "
                    "right track).",
                    ["Perjanjian Kinerja", "Laporan capaian kinerja"],
                ),
                Crit(
                    "Rencana Aksi kinerja dapat berjalan dinamis karena capaian kinerja selalu "
                    "dipantau secara berkala.",
                    ["Rencana Aksi", "Laporan monitoring"],
                    autofill="rencana_aksi_monitored",
                ),
                Crit(
                    "Terdapat perbaikan/penyempurnaan dokumen perencanaan kinerja yang ditetapkan "
                    "dari hasil analisis perbaikan kinerja sebelumnya.",
                    ["Renstra perubahan", "Notulen rapat", LAPORAN],
                ),
                Crit(
                    "Terdapat perbaikan/penyempurnaan dokumen perencanaan kinerja dalam "
                    "mewujudkan kondisi/hasil yang lebih baik.",
                    ["Renstra perubahan", "Perjanjian Kinerja perubahan"],
                ),
                Crit(
                    "Setiap unit/satuan kerja memahami dan peduli, serta berkomitmen dalam "
                    "mencapai kinerja yang telah direncanakan.",
                    ["Notulen rapat", "Hasil wawancara"],
                ),
                Crit(
                    "Setiap pegawai memahami dan peduli, serta berkomitmen dalam mencapai "
                    "kinerja yang telah direncanakan.",
                    ["SKP", "Hasil wawancara"],
                ),
            ],
        ),
    ],
}

KOMPONEN_2 = {
    "number": 2,
    "name": "Pengukuran Kinerja",
    "weight": "30",
    "sub_components": [
        sub(
            "a",
            "Keberadaan",
            "6",
            "yt",
            [
                Crit(
                    "Terdapat pedoman teknis pengukuran kinerja dan pengumpulan data kinerja.",
                    ["Pedoman teknis pengukuran kinerja", "SK"],
                ),
                Crit(
                    "Terdapat definisi operasional yang jelas atas kinerja dan cara mengukur "
                    "indikator kinerja.",
                    ["Manual indikator kinerja"],
                    autofill="indicators_defined",
                ),
                Crit(
                    "Terdapat mekanisme yang jelas terhadap pengumpulan data kinerja yang dapat "
                    "diandalkan.",
                    ["SOP pengumpulan data kinerja"],
                ),
            ],
        ),
        sub(
            "b",
            "Kualitas",
            "9",
            "ae",
            [
                Crit(
                    "Pimpinan selalu terlibat sebagai pengambil keputusan (decision maker) dalam "
                    "mengukur capaian kinerja.",
                    ["Notulen rapat evaluasi kinerja", "Disposisi pimpinan"],
                ),
                Crit(
                    "Data kinerja yang dikumpulkan telah relevan untuk mengukur capaian kinerja "
                    "yang diharapkan.",
                    ["Laporan capaian kinerja"],
                ),
                Crit(
                    "Data kinerja yang dikumpulkan telah mendukung capaian kinerja yang "
                    "diharapkan.",
                    ["Laporan capaian kinerja", "Data dukung realisasi"],
                    autofill="realisations_verified",
                ),
                Crit(
                    "Pengukuran kinerja telah dilakukan secara berkala.",
                    ["Laporan capaian kinerja triwulanan"],
                    autofill="realisations_every_quarter",
                ),
                Crit(
                    "Setiap level organisasi melakukan pemantauan atas pengukuran capaian kinerja "
                    "unit kerja di bawahnya secara berjenjang.",
                    ["Laporan monitoring", "Berita acara verifikasi"],
                ),
                Crit(
                    "Pengumpulan data kinerja telah memanfaatkan teknologi informasi (aplikasi).",
                    ["Tangkapan layar aplikasi"],
                    autofill="realisations_every_quarter",
                ),
                Crit(
                    "Pengukuran capaian kinerja telah memanfaatkan teknologi informasi (aplikasi).",
                    ["Tangkapan layar aplikasi"],
                ),
            ],
        ),
        sub(
            "c",
            "Pemanfaatan",
            "15",
            "ae",
            [
                Crit(
                    "Pengukuran kinerja telah menjadi dasar dalam pemberian reward dan punishment "
                    "(tunjangan kinerja).",
                    ["SK tunjangan kinerja", "Rekapitulasi TPP"],
                ),
                Crit(
                    "Pengukuran kinerja telah menjadi dasar dalam penempatan/penghapusan jabatan "
                    "baik struktural maupun fungsional.",
                    ["SK mutasi/promosi", "Hasil penilaian kinerja"],
                ),
                Crit(
                    "Pengukuran kinerja telah mempengaruhi penyesuaian (refocusing) organisasi.",
                    ["Dokumen refocusing", "Notulen rapat"],
                ),
                Crit(
                    "Pengukuran kinerja telah mempengaruhi penyesuaian strategi dalam mencapai "
                    "kinerja.",
                    ["Renstra perubahan", "Notulen rapat"],
                ),
                Crit(
                    "Pengukuran kinerja telah mempengaruhi penyesuaian kebijakan dalam mencapai "
                    "kinerja.",
                    ["Dokumen kebijakan", "Notulen rapat"],
                ),
                Crit(
                    "Pengukuran kinerja telah mempengaruhi penyesuaian aktivitas dalam mencapai "
                    "kinerja.",
                    ["Rencana Aksi perubahan"],
                ),
                Crit(
                    "Pengukuran kinerja telah mempengaruhi penyesuaian anggaran dalam mencapai "
                    "kinerja.",
                    ["DPA perubahan"],
                ),
                Crit(
                    "Terdapat efisiensi atas penggunaan anggaran dalam mencapai kinerja.",
                    ["Laporan realisasi anggaran", LAPORAN],
                ),
                Crit(
                    "Setiap unit/satuan kerja memahami dan peduli atas hasil pengukuran kinerja.",
                    ["Hasil wawancara", "Laporan monitoring"],
                ),
                Crit(
                    "Setiap pegawai memahami dan peduli atas hasil pengukuran kinerja.",
                    ["Hasil wawancara", "SKP"],
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
            "Keberadaan",
            "3",
            "yt",
            [
                Crit(
                    "Terdapat dokumen laporan yang menggambarkan kinerja (LKjIP).",
                    [LAPORAN],
                ),
                Crit(
                    "Terdapat dokumen laporan yang menggambarkan kinerja secara berkala "
                    "(triwulanan/semesteran).",
                    ["Laporan kinerja triwulanan"],
                ),
                Crit(
                    "Dokumen laporan kinerja telah diformalkan (ditandatangani pimpinan).",
                    [LAPORAN],
                ),
                Crit(
                    "Dokumen laporan kinerja telah direviu oleh Aparat Pengawasan Intern "
                    "Pemerintah (Inspektorat).",
                    ["Laporan Hasil Reviu LKjIP"],
                    autofill="lkjip_reviewed",
                ),
                Crit(
                    "Dokumen laporan kinerja telah dipublikasikan.",
                    ["Tangkapan layar publikasi LKjIP"],
                    autofill="lkjip_published_on_time",
                ),
                Crit(
                    "Dokumen laporan kinerja telah disampaikan tepat waktu.",
                    ["Tanda terima penyampaian LKjIP"],
                    autofill="lkjip_published_on_time",
                ),
            ],
        ),
        sub(
            "b",
            "Kualitas",
            "4.5",
            "ae",
            [
                Crit(
                    "Dokumen laporan kinerja disusun secara berkualitas sesuai dengan standar.",
                    [LAPORAN],
                ),
                Crit(
                    "Dokumen laporan kinerja telah mengungkap seluruh informasi tentang "
                    "pencapaian kinerja (full disclosure).",
                    [LAPORAN],
                ),
                Crit(
                    "Dokumen laporan kinerja telah menginformasikan perbandingan realisasi "
                    "kinerja dengan target tahunan.",
                    [LAPORAN],
                ),
                Crit(
                    "Dokumen laporan kinerja telah menginformasikan perbandingan realisasi "
                    "kinerja dengan target jangka menengah.",
                    [LAPORAN, "Renstra"],
                ),
                Crit(
                    "Dokumen laporan kinerja telah menginformasikan perbandingan realisasi "
                    "kinerja dengan realisasi kinerja tahun-tahun sebelumnya.",
                    [LAPORAN],
                ),
                Crit(
                    "Dokumen laporan kinerja telah menginformasikan perbandingan realisasi "
                    "kinerja dengan realisasi kinerja di level nasional/internasional (benchmark "
                    "kinerja).",
                    [LAPORAN],
                ),
                Crit(
                    "Dokumen laporan kinerja telah menginformasikan kualitas atas "
                    "keberhasilan/kegagalan mencapai target kinerja beserta upaya nyata yang "
                    "telah dilakukan.",
                    [LAPORAN],
                ),
                Crit(
                    "Dokumen laporan kinerja telah menginformasikan efisiensi atas penggunaan "
                    "sumber daya dalam mencapai kinerja.",
                    [LAPORAN, "Laporan realisasi anggaran"],
                ),
                Crit(
                    "Dokumen laporan kinerja telah menginformasikan upaya perbaikan dan "
                    "penyempurnaan kinerja ke depan (rekomendasi perbaikan kinerja).",
                    [LAPORAN],
                ),
            ],
        ),
        sub(
            "c",
            "Pemanfaatan",
            "7.5",
            "ae",
            [
                Crit(
                    "Informasi dalam laporan kinerja selalu menjadi perhatian utama pimpinan "
                    "(bertanggung jawab).",
                    ["Notulen rapat", "Disposisi pimpinan"],
                ),
                Crit(
                    "Penyajian informasi dalam laporan kinerja menjadi kepedulian seluruh pegawai.",
                    ["Hasil wawancara"],
                ),
                Crit(
                    "Informasi dalam laporan kinerja berkala telah digunakan dalam penyesuaian "
                    "aktivitas untuk mencapai kinerja.",
                    ["Rencana Aksi perubahan", "Notulen rapat"],
                ),
                Crit(
                    "Informasi dalam laporan kinerja berkala telah digunakan dalam penyesuaian "
                    "penggunaan anggaran untuk mencapai kinerja.",
                    ["DPA perubahan"],
                ),
                Crit(
                    "Informasi dalam laporan kinerja telah digunakan dalam evaluasi pencapaian "
                    "keberhasilan kinerja.",
                    ["Laporan evaluasi kinerja"],
                ),
                Crit(
                    "Informasi dalam laporan kinerja telah digunakan dalam penyesuaian "
                    "perencanaan kinerja yang akan dihadapi berikutnya.",
                    ["Renja", "Perjanjian Kinerja tahun berikutnya"],
                ),
                Crit(
                    "Informasi dalam laporan kinerja selalu mempengaruhi perubahan budaya kinerja "
                    "organisasi.",
                    ["Hasil wawancara", "Dokumen program budaya kerja"],
                ),
            ],
        ),
    ],
}

KOMPONEN_4 = {
    "number": 4,
    "name": "Evaluasi Akuntabilitas Kinerja Internal",
    "weight": "25",
    "sub_components": [
        sub(
            "a",
            "Keberadaan",
            "5",
            "yt",
            [
                Crit(
                    "Terdapat pedoman teknis evaluasi akuntabilitas kinerja internal.",
                    ["Pedoman evaluasi AKIP internal", "SK"],
                ),
                Crit(
                    "Terdapat dokumen evaluasi akuntabilitas kinerja internal yang menggambarkan "
                    "hasil evaluasi atas seluruh unit kerja.",
                    ["Laporan Hasil Evaluasi (LHE) internal"],
                    autofill="internal_evaluation_all_units",
                ),
                Crit(
                    "Evaluasi akuntabilitas kinerja internal telah dilaksanakan secara berjenjang.",
                    ["LHE internal", "Surat tugas evaluasi"],
                ),
            ],
        ),
        sub(
            "b",
            "Kualitas",
            "7.5",
            "ae",
            [
                Crit(
                    "Evaluasi akuntabilitas kinerja internal telah dilaksanakan sesuai standar.",
                    ["Kertas kerja evaluasi (LKE)", "LHE internal"],
                ),
                Crit(
                    "Evaluasi akuntabilitas kinerja internal telah dilaksanakan oleh SDM yang "
                    "memadai (kompeten dan dalam jumlah yang cukup).",
                    ["Surat tugas evaluasi", "Sertifikat pelatihan evaluator"],
                ),
                Crit(
                    "Evaluasi akuntabilitas kinerja internal telah dilaksanakan dengan "
                    "pendalaman yang memadai.",
                    ["Kertas kerja evaluasi (LKE)"],
                ),
                Crit(
                    "Evaluasi akuntabilitas kinerja internal telah dilaksanakan pada seluruh "
                    "unit kerja.",
                    ["LHE internal"],
                    autofill="internal_evaluation_all_units",
                ),
                Crit(
                    "Evaluasi akuntabilitas kinerja internal telah dilaksanakan dengan "
                    "memanfaatkan teknologi informasi (aplikasi).",
                    ["Tangkapan layar aplikasi"],
                ),
            ],
        ),
        sub(
            "c",
            "Pemanfaatan",
            "12.5",
            "ae",
            [
                Crit(
                    "Seluruh rekomendasi atas hasil evaluasi akuntabilitas kinerja internal "
                    "telah ditindaklanjuti.",
                    ["Laporan tindak lanjut rekomendasi"],
                    autofill="recommendations_followed_up",
                ),
                Crit(
                    "Telah terjadi peningkatan implementasi SAKIP dengan melaksanakan tindak "
                    "lanjut atas rekomendasi hasil evaluasi akuntabilitas kinerja internal.",
                    ["Laporan tindak lanjut rekomendasi", "LHE internal"],
                ),
                Crit(
                    "Hasil evaluasi akuntabilitas kinerja internal telah dimanfaatkan untuk "
                    "perbaikan dan peningkatan akuntabilitas kinerja.",
                    ["Notulen rapat", "Dokumen rencana perbaikan"],
                ),
                Crit(
                    "Hasil evaluasi akuntabilitas kinerja internal telah dimanfaatkan dalam "
                    "mendukung efektivitas dan efisiensi kinerja.",
                    ["Notulen rapat", "Laporan efisiensi"],
                ),
                Crit(
                    "Telah terjadi perbaikan dan peningkatan kinerja dengan memanfaatkan hasil "
                    "evaluasi akuntabilitas kinerja internal.",
                    [LAPORAN, "LHE internal"],
                ),
            ],
        ),
    ],
}

TEMPLATE = {
    "key": "permenpanrb-88-2021",
    "name": "LKE AKIP PermenPANRB 88/2021",
    "regulation": "Peraturan Menteri PANRB Nomor 88 Tahun 2021",
    "variant": "88/2021",
    "description": (
        "Lembar Kerja Evaluasi Akuntabilitas Kinerja Instansi Pemerintah: 4 komponen, "
        "12 subkomponen, 80 kriteria."
    ),
    "is_default": True,
    "is_local_rendering": False,
    "scales": SCALES,
    "components": [KOMPONEN_1, KOMPONEN_2, KOMPONEN_3, KOMPONEN_4],
}
