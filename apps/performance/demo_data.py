# ruff: noqa: E501
"""The content of the demo plans: the RPJMD 2025–2029 of a fictional kabupaten and, per bidang
urusan, what an OPD of that bidang aims at (tujuan, sasaran, program outcomes) with realistic
indicators, baselines and five-year end targets. Used by apps.performance.demo.

An indicator is (name, unit, polarity, baseline, target in the last year); the years between are
interpolated. Polarity "+" is higher-is-better, "-" lower-is-better.
"""

from __future__ import annotations

from dataclasses import dataclass, field

Ind = tuple[str, str, str, float, float]


@dataclass(frozen=True)
class RpjmdSasaran:
    key: str
    statement: str
    indicators: tuple[Ind, ...]
    strategi: str
    arah: str


@dataclass(frozen=True)
class RpjmdTujuan:
    statement: str
    indicator: Ind
    sasaran: tuple[RpjmdSasaran, ...]


@dataclass(frozen=True)
class Misi:
    statement: str
    tujuan: tuple[RpjmdTujuan, ...]


VISI = (
    "Terwujudnya {name} yang Maju, Sejahtera, dan Berdaya Saing Berlandaskan Nilai Religius "
    "dan Kearifan Lokal"
)

# The BPK audit opinion scale: best first, with the score used by the capaian engine.
BPK_SCALE = "Opini BPK"
BPK_LEVELS = [
    {"label": "WTP", "score": 100},
    {"label": "WDP", "score": 75},
    {"label": "TW", "score": 25},
    {"label": "TMP", "score": 0},
]

MISI: tuple[Misi, ...] = (
    Misi(
        "Meningkatkan kualitas sumber daya manusia yang sehat, cerdas, dan berkarakter",
        (
            RpjmdTujuan(
                "Meningkatnya kualitas sumber daya manusia",
                ("Indeks Pembangunan Manusia (IPM)", "indeks", "+", 70.12, 72.60),
                (
                    RpjmdSasaran(
                        "S1",
                        "Meningkatnya derajat kesehatan masyarakat",
                        (
                            ("Angka Harapan Hidup", "tahun", "+", 71.20, 72.10),
                            ("Prevalensi stunting pada balita", "%", "-", 21.50, 14.00),
                        ),
                        "Penguatan layanan kesehatan primer dan upaya kesehatan berbasis masyarakat",
                        "Percepatan penurunan stunting melalui intervensi spesifik dan sensitif terpadu",
                    ),
                    RpjmdSasaran(
                        "S2",
                        "Meningkatnya kualitas dan pemerataan pendidikan",
                        (("Rata-rata Lama Sekolah", "tahun", "+", 8.10, 8.75),),
                        "Pemerataan akses pendidikan dasar dan peningkatan mutu pendidik",
                        "Penuntasan wajib belajar 12 tahun dan penguatan literasi",
                    ),
                ),
            ),
        ),
    ),
    Misi(
        "Mewujudkan perekonomian daerah yang tangguh, berdaya saing, dan berkelanjutan",
        (
            RpjmdTujuan(
                "Meningkatnya kesejahteraan masyarakat",
                ("Persentase penduduk miskin", "%", "-", 9.80, 7.50),
                (
                    RpjmdSasaran(
                        "S3",
                        "Meningkatnya pertumbuhan ekonomi daerah yang inklusif",
                        (("Laju pertumbuhan ekonomi", "%", "+", 5.10, 5.80),),
                        "Penguatan UMKM, investasi, perdagangan, dan pariwisata",
                        "Kemudahan berusaha dan hilirisasi produk unggulan daerah",
                    ),
                    RpjmdSasaran(
                        "S4",
                        "Menurunnya tingkat pengangguran terbuka",
                        (("Tingkat Pengangguran Terbuka (TPT)", "%", "-", 5.20, 4.30),),
                        "Peningkatan kompetensi dan penempatan tenaga kerja",
                        "Link and match pelatihan kerja dengan kebutuhan industri",
                    ),
                    RpjmdSasaran(
                        "S5",
                        "Meningkatnya ketahanan pangan dan produktivitas sektor pertanian",
                        (("Skor Pola Pangan Harapan (PPH)", "poin", "+", 86.50, 91.00),),
                        "Peningkatan produksi dan diversifikasi pangan lokal",
                        "Modernisasi pertanian dan perikanan berbasis kawasan",
                    ),
                    RpjmdSasaran(
                        "S6",
                        "Menurunnya kerentanan sosial masyarakat",
                        (("Indeks Kedalaman Kemiskinan (P1)", "indeks", "-", 1.45, 1.10),),
                        "Perlindungan sosial yang tepat sasaran berbasis data terpadu",
                        "Pemberdayaan keluarga, perempuan, dan masyarakat desa",
                    ),
                ),
            ),
        ),
    ),
    Misi(
        "Meningkatkan kualitas infrastruktur wilayah dan lingkungan hidup yang berkelanjutan",
        (
            RpjmdTujuan(
                "Meningkatnya kualitas infrastruktur wilayah dan lingkungan hidup",
                ("Persentase rumah tangga dengan akses air minum layak", "%", "+", 88.00, 95.00),
                (
                    RpjmdSasaran(
                        "S7",
                        "Meningkatnya kemantapan infrastruktur jalan dan permukiman",
                        (
                            (
                                "Persentase jalan kabupaten dalam kondisi mantap",
                                "%",
                                "+",
                                72.00,
                                85.00,
                            ),
                        ),
                        "Pemeliharaan dan peningkatan jalan strategis kabupaten",
                        "Penanganan kawasan kumuh dan rumah tidak layak huni",
                    ),
                    RpjmdSasaran(
                        "S8",
                        "Meningkatnya kualitas lingkungan hidup",
                        (("Indeks Kualitas Lingkungan Hidup (IKLH)", "indeks", "+", 68.50, 71.00),),
                        "Pengendalian pencemaran dan pengelolaan sampah terpadu",
                        "Pengurangan sampah dari sumbernya melalui bank sampah dan TPS3R",
                    ),
                ),
            ),
        ),
    ),
    Misi(
        "Mewujudkan tata kelola pemerintahan yang baik, bersih, dan melayani",
        (
            RpjmdTujuan(
                "Meningkatnya kualitas tata kelola pemerintahan",
                ("Indeks Reformasi Birokrasi", "indeks", "+", 62.50, 72.00),
                (
                    RpjmdSasaran(
                        "S9",
                        "Meningkatnya akuntabilitas kinerja dan keuangan daerah",
                        (
                            ("Opini BPK atas LKPD", "", "scale", 0, 0),
                            ("Nilai evaluasi SAKIP Pemerintah Daerah", "nilai", "+", 63.40, 72.00),
                        ),
                        "Penguatan sistem akuntabilitas kinerja dan pengelolaan keuangan",
                        "Integrasi perencanaan, penganggaran, dan pengukuran kinerja berbasis aplikasi",
                    ),
                    RpjmdSasaran(
                        "S10",
                        "Meningkatnya kualitas pelayanan publik",
                        (("Indeks Kepuasan Masyarakat (IKM)", "indeks", "+", 78.00, 85.00),),
                        "Digitalisasi dan standardisasi pelayanan publik",
                        "Penguatan SPBE dan mal pelayanan publik",
                    ),
                ),
            ),
        ),
    ),
    Misi(
        "Mewujudkan kehidupan masyarakat yang aman, tertib, rukun, dan berbudaya",
        (
            RpjmdTujuan(
                "Terwujudnya kehidupan masyarakat yang aman, tertib, dan harmonis",
                ("Indeks Kerukunan Umat Beragama", "indeks", "+", 73.20, 76.00),
                (
                    RpjmdSasaran(
                        "S11",
                        "Meningkatnya ketenteraman, ketertiban umum, dan perlindungan masyarakat",
                        (
                            (
                                "Persentase gangguan ketenteraman dan ketertiban umum yang tertangani",
                                "%",
                                "+",
                                85.00,
                                95.00,
                            ),
                        ),
                        "Penegakan peraturan daerah yang humanis dan kesiapsiagaan bencana",
                        "Penguatan desa tangguh bencana dan deteksi dini konflik sosial",
                    ),
                ),
            ),
        ),
    ),
)


@dataclass(frozen=True)
class Profile:
    """What an OPD of a bidang aims at in its Renstra."""

    tujuan: str
    tujuan_indicator: Ind
    sasaran: tuple[tuple[str, Ind], ...]
    programs: tuple[tuple[str, Ind], ...]
    rpjmd: str
    data_source: str = "Laporan tahunan perangkat daerah"
    extra: dict = field(default_factory=dict)


PROFILES: dict[str, Profile] = {
    "1.01": Profile(
        "Meningkatnya kualitas dan pemerataan layanan pendidikan dasar",
        ("Rata-rata Lama Sekolah", "tahun", "+", 8.10, 8.75),
        (
            (
                "Meningkatnya akses dan mutu pendidikan dasar",
                ("Angka Partisipasi Murni SD/MI", "%", "+", 96.20, 98.50),
            ),
            (
                "Meningkatnya mutu pendidik dan tenaga kependidikan",
                ("Persentase guru bersertifikat pendidik", "%", "+", 62.00, 80.00),
            ),
        ),
        (
            ("1.01.02", ("Angka Partisipasi Kasar PAUD", "%", "+", 68.00, 80.00)),
            (
                "1.01.04",
                ("Persentase guru SD dan SMP berkualifikasi S1/D-IV", "%", "+", 91.00, 97.00),
            ),
        ),
        "S2",
        "Dapodik dan BPS",
    ),
    "1.02": Profile(
        "Meningkatnya derajat kesehatan masyarakat {place}",
        ("Angka Harapan Hidup", "tahun", "+", 71.20, 72.10),
        (
            (
                "Menurunnya prevalensi stunting dan kematian ibu dan bayi",
                ("Prevalensi stunting pada balita", "%", "-", 21.50, 14.00),
            ),
            (
                "Meningkatnya mutu pelayanan kesehatan dasar",
                ("Persentase puskesmas terakreditasi paripurna", "%", "+", 20.00, 60.00),
            ),
        ),
        (
            (
                "1.02.02",
                (
                    "Persentase ibu hamil mendapat pelayanan kesehatan sesuai standar",
                    "%",
                    "+",
                    88.00,
                    100.00,
                ),
            ),
            ("1.02.05", ("Persentase rumah tangga ber-PHBS", "%", "+", 62.00, 75.00)),
        ),
        "S1",
        "Profil Kesehatan Kabupaten",
    ),
    "RSUD": Profile(
        "Meningkatnya mutu pelayanan kesehatan rujukan",
        ("Indeks Kepuasan Pasien", "indeks", "+", 80.00, 88.00),
        (
            (
                "Meningkatnya mutu dan keselamatan pelayanan rumah sakit",
                ("Bed Occupancy Rate (BOR) dalam rentang ideal", "%", "+", 62.00, 75.00),
            ),
        ),
        (
            (
                "1.02.02",
                (
                    "Persentase pemenuhan standar pelayanan minimal rumah sakit",
                    "%",
                    "+",
                    80.00,
                    100.00,
                ),
            ),
        ),
        "S1",
        "SIMRS",
    ),
    "1.03": Profile(
        "Meningkatnya kualitas infrastruktur jalan dan sumber daya air",
        ("Persentase jalan kabupaten dalam kondisi mantap", "%", "+", 72.00, 85.00),
        (
            (
                "Meningkatnya kemantapan jalan dan jembatan kabupaten",
                ("Persentase jembatan kabupaten dalam kondisi baik", "%", "+", 78.00, 90.00),
            ),
            (
                "Meningkatnya layanan air minum dan irigasi",
                (
                    "Persentase daerah irigasi kewenangan kabupaten dalam kondisi baik",
                    "%",
                    "+",
                    60.00,
                    75.00,
                ),
            ),
        ),
        (
            (
                "1.03.10",
                ("Persentase panjang jalan kabupaten dalam kondisi baik", "%", "+", 55.00, 70.00),
            ),
            (
                "1.03.03",
                (
                    "Persentase rumah tangga terlayani SPAM jaringan perpipaan",
                    "%",
                    "+",
                    38.00,
                    55.00,
                ),
            ),
        ),
        "S7",
        "Laporan kondisi jalan (IRMS)",
    ),
    "1.04": Profile(
        "Meningkatnya kualitas perumahan dan kawasan permukiman",
        ("Persentase rumah tangga yang menempati rumah layak huni", "%", "+", 84.00, 92.00),
        (
            (
                "Berkurangnya luasan kawasan permukiman kumuh",
                ("Luas kawasan kumuh perkotaan", "ha", "-", 48.00, 20.00),
            ),
        ),
        (
            (
                "1.04.03",
                ("Persentase rumah tidak layak huni yang tertangani", "%", "+", 10.00, 35.00),
            ),
        ),
        "S7",
    ),
    "1.05": Profile(
        "Meningkatnya ketenteraman, ketertiban umum, dan perlindungan masyarakat",
        (
            "Persentase gangguan ketenteraman dan ketertiban umum yang tertangani",
            "%",
            "+",
            85.00,
            95.00,
        ),
        (
            (
                "Meningkatnya kepatuhan terhadap peraturan daerah",
                ("Persentase penegakan perda yang tuntas", "%", "+", 70.00, 90.00),
            ),
            (
                "Meningkatnya ketangguhan masyarakat menghadapi bencana",
                ("Indeks Risiko Bencana", "indeks", "-", 140.00, 120.00),
            ),
        ),
        (
            (
                "1.05.02",
                ("Persentase pelanggaran perda yang ditindaklanjuti", "%", "+", 75.00, 95.00),
            ),
            ("1.05.03", ("Persentase desa tangguh bencana", "%", "+", 12.00, 30.00)),
        ),
        "S11",
    ),
    "1.06": Profile(
        "Menurunnya kerentanan sosial penyandang masalah kesejahteraan sosial",
        ("Persentase PMKS yang memperoleh layanan kesejahteraan sosial", "%", "+", 60.00, 85.00),
        (
            (
                "Meningkatnya perlindungan dan jaminan sosial bagi fakir miskin",
                (
                    "Persentase keluarga miskin yang terdata dalam DTSEN dan terverifikasi",
                    "%",
                    "+",
                    80.00,
                    100.00,
                ),
            ),
        ),
        (
            (
                "1.06.05",
                (
                    "Persentase fakir miskin yang memperoleh perlindungan sosial",
                    "%",
                    "+",
                    70.00,
                    90.00,
                ),
            ),
            ("1.06.04", ("Persentase PMKS terlantar yang terehabilitasi", "%", "+", 55.00, 80.00)),
        ),
        "S6",
        "Data Terpadu Sosial Ekonomi Nasional (DTSEN)",
    ),
    "2.07": Profile(
        "Menurunnya tingkat pengangguran terbuka",
        ("Tingkat Pengangguran Terbuka (TPT)", "%", "-", 5.20, 4.30),
        (
            (
                "Meningkatnya daya saing dan penempatan tenaga kerja",
                ("Persentase pencari kerja yang ditempatkan", "%", "+", 35.00, 55.00),
            ),
        ),
        (
            (
                "2.07.03",
                (
                    "Persentase lulusan pelatihan kerja yang bersertifikat kompetensi",
                    "%",
                    "+",
                    60.00,
                    85.00,
                ),
            ),
            ("2.07.04", ("Persentase lowongan kerja yang terisi", "%", "+", 50.00, 70.00)),
        ),
        "S4",
        "Sakernas BPS",
    ),
    "2.08": Profile(
        "Meningkatnya kualitas hidup perempuan dan perlindungan anak",
        ("Indeks Pembangunan Gender (IPG)", "indeks", "+", 89.50, 92.00),
        (
            (
                "Meningkatnya perlindungan perempuan dan anak dari kekerasan",
                (
                    "Persentase kasus kekerasan terhadap perempuan dan anak yang tertangani",
                    "%",
                    "+",
                    85.00,
                    100.00,
                ),
            ),
        ),
        (
            (
                "2.08.06",
                (
                    "Predikat Kabupaten Layak Anak (nilai evaluasi KLA)",
                    "nilai",
                    "+",
                    650.00,
                    750.00,
                ),
            ),
        ),
        "S6",
    ),
    "2.14": Profile(
        "Meningkatnya kualitas keluarga dan pengendalian penduduk",
        ("Total Fertility Rate (TFR)", "anak per wanita", "-", 2.30, 2.10),
        (
            (
                "Menurunnya risiko stunting pada keluarga",
                ("Persentase keluarga berisiko stunting yang didampingi", "%", "+", 60.00, 90.00),
            ),
        ),
        (("2.14.03", ("Persentase pemakaian kontrasepsi modern (mCPR)", "%", "+", 58.00, 63.00)),),
        "S1",
    ),
    "2.09": Profile(
        "Meningkatnya ketahanan pangan masyarakat",
        ("Skor Pola Pangan Harapan (PPH)", "poin", "+", 86.50, 91.00),
        (
            (
                "Meningkatnya ketersediaan dan keanekaragaman konsumsi pangan",
                ("Persentase desa rawan pangan", "%", "-", 8.00, 3.00),
            ),
        ),
        (
            ("2.09.03", ("Skor PPH konsumsi", "poin", "+", 86.50, 91.00)),
            (
                "2.09.05",
                (
                    "Persentase pangan segar yang memenuhi syarat keamanan pangan",
                    "%",
                    "+",
                    85.00,
                    95.00,
                ),
            ),
        ),
        "S5",
        "Neraca Bahan Makanan",
    ),
    "2.11": Profile(
        "Meningkatnya kualitas lingkungan hidup",
        ("Indeks Kualitas Lingkungan Hidup (IKLH)", "indeks", "+", 68.50, 71.00),
        (
            (
                "Meningkatnya pengelolaan sampah dan pengendalian pencemaran",
                ("Persentase sampah yang terkelola", "%", "+", 55.00, 80.00),
            ),
        ),
        (
            ("2.11.11", ("Persentase pengurangan sampah rumah tangga", "%", "+", 12.00, 30.00)),
            ("2.11.03", ("Indeks Kualitas Air", "indeks", "+", 52.00, 58.00)),
        ),
        "S8",
        "SIPSN KLHK",
    ),
    "2.12": Profile(
        "Meningkatnya kualitas layanan administrasi kependudukan",
        ("Indeks Kepuasan Masyarakat layanan adminduk", "indeks", "+", 80.00, 88.00),
        (
            (
                "Meningkatnya kepemilikan dokumen kependudukan",
                ("Persentase anak yang memiliki akta kelahiran", "%", "+", 92.00, 99.00),
            ),
        ),
        (
            (
                "2.12.03",
                ("Persentase penduduk yang memiliki akta kelahiran", "%", "+", 90.00, 98.00),
            ),
            (
                "2.12.02",
                ("Persentase penduduk wajib KTP yang memiliki KTP-el", "%", "+", 96.50, 99.50),
            ),
        ),
        "S10",
        "SIAK Terpusat",
    ),
    "2.13": Profile(
        "Meningkatnya kemandirian desa",
        ("Indeks Desa Membangun (rata-rata)", "indeks", "+", 0.66, 0.75),
        (
            (
                "Meningkatnya kapasitas tata kelola pemerintahan desa",
                ("Persentase desa berstatus mandiri dan maju", "%", "+", 25.00, 45.00),
            ),
        ),
        (
            (
                "2.13.04",
                (
                    "Persentase desa dengan laporan keuangan desa tepat waktu",
                    "%",
                    "+",
                    70.00,
                    95.00,
                ),
            ),
        ),
        "S6",
        "Kemendes PDTT",
    ),
    "2.15": Profile(
        "Meningkatnya keselamatan dan kelancaran lalu lintas",
        ("Angka kecelakaan lalu lintas per 10.000 kendaraan", "kasus", "-", 12.00, 8.00),
        (
            (
                "Meningkatnya ketersediaan perlengkapan jalan",
                (
                    "Persentase ruas jalan kabupaten dengan perlengkapan jalan memadai",
                    "%",
                    "+",
                    45.00,
                    70.00,
                ),
            ),
        ),
        (
            (
                "2.15.02",
                ("Persentase kendaraan wajib uji yang lulus uji berkala", "%", "+", 70.00, 90.00),
            ),
        ),
        "S7",
    ),
    "2.16": Profile(
        "Meningkatnya kualitas penyelenggaraan pemerintahan berbasis elektronik",
        ("Indeks SPBE", "indeks", "+", 2.60, 3.50),
        (
            (
                "Meningkatnya keterbukaan informasi publik",
                ("Nilai keterbukaan informasi publik", "nilai", "+", 70.00, 90.00),
            ),
        ),
        (
            (
                "2.16.03",
                ("Persentase layanan publik yang terintegrasi aplikasi", "%", "+", 35.00, 75.00),
            ),
            (
                "2.16.02",
                (
                    "Persentase informasi publik yang dipublikasikan tepat waktu",
                    "%",
                    "+",
                    70.00,
                    95.00,
                ),
            ),
        ),
        "S10",
    ),
    "2.17": Profile(
        "Meningkatnya daya saing koperasi dan usaha mikro",
        ("Persentase usaha mikro yang naik kelas", "%", "+", 3.00, 8.00),
        (
            (
                "Meningkatnya kualitas kelembagaan koperasi",
                ("Persentase koperasi aktif yang sehat", "%", "+", 40.00, 60.00),
            ),
        ),
        (("2.17.07", ("Persentase usaha mikro yang memiliki NIB", "%", "+", 45.00, 80.00)),),
        "S3",
    ),
    "2.18": Profile(
        "Meningkatnya investasi daerah",
        ("Nilai realisasi investasi", "miliar rupiah", "+", 850.00, 1300.00),
        (
            (
                "Meningkatnya kemudahan berusaha",
                ("Persentase perizinan berusaha terbit tepat waktu", "%", "+", 85.00, 98.00),
            ),
        ),
        (
            (
                "2.18.04",
                ("Indeks Kepuasan Masyarakat layanan perizinan", "indeks", "+", 81.00, 88.00),
            ),
        ),
        "S3",
        "OSS RBA",
    ),
    "2.19": Profile(
        "Meningkatnya peran pemuda dan prestasi olahraga",
        ("Indeks Pembangunan Pemuda", "indeks", "+", 53.00, 58.00),
        (
            (
                "Meningkatnya prestasi olahraga daerah",
                ("Jumlah medali pada kejuaraan tingkat provinsi", "medali", "+", 20.00, 35.00),
            ),
        ),
        (("2.19.03", ("Persentase atlet binaan yang berprestasi", "%", "+", 25.00, 40.00)),),
        "S2",
    ),
    "2.23": Profile(
        "Meningkatnya budaya literasi masyarakat",
        ("Indeks Pembangunan Literasi Masyarakat", "indeks", "+", 58.00, 68.00),
        (
            (
                "Meningkatnya pemanfaatan perpustakaan",
                ("Tingkat Gemar Membaca (TGM)", "nilai", "+", 62.00, 70.00),
            ),
        ),
        (
            (
                "2.23.02",
                ("Persentase desa yang memiliki perpustakaan aktif", "%", "+", 30.00, 60.00),
            ),
        ),
        "S2",
    ),
    "2.24": Profile(
        "Meningkatnya kualitas penyelenggaraan kearsipan",
        ("Nilai pengawasan kearsipan", "nilai", "+", 62.00, 80.00),
        (
            (
                "Meningkatnya tertib pengelolaan arsip perangkat daerah",
                (
                    "Persentase perangkat daerah dengan pengelolaan arsip dinamis kategori baik",
                    "%",
                    "+",
                    40.00,
                    75.00,
                ),
            ),
        ),
        (("2.24.02", ("Persentase arsip statis yang terselamatkan", "%", "+", 50.00, 80.00)),),
        "S9",
    ),
    "3.25": Profile(
        "Meningkatnya produksi dan nilai tambah perikanan",
        ("Nilai Tukar Pembudidaya Ikan (NTPi)", "indeks", "+", 101.00, 105.00),
        (
            (
                "Meningkatnya produksi perikanan budidaya dan tangkap",
                ("Produksi perikanan", "ton", "+", 12500.00, 15000.00),
            ),
        ),
        (("3.25.04", ("Laju pertumbuhan produksi perikanan budidaya", "%", "+", 3.00, 6.00)),),
        "S5",
    ),
    "3.26": Profile(
        "Meningkatnya kontribusi pariwisata terhadap perekonomian daerah",
        ("Kontribusi sektor pariwisata terhadap PDRB", "%", "+", 2.80, 4.00),
        (
            (
                "Meningkatnya daya tarik destinasi pariwisata",
                ("Jumlah kunjungan wisatawan", "orang", "+", 450000.00, 650000.00),
            ),
        ),
        (
            (
                "3.26.02",
                ("Persentase destinasi wisata yang memenuhi standar", "%", "+", 30.00, 60.00),
            ),
        ),
        "S3",
    ),
    "3.27": Profile(
        "Meningkatnya produktivitas dan kesejahteraan petani",
        ("Nilai Tukar Petani (NTP)", "indeks", "+", 103.50, 107.00),
        (
            (
                "Meningkatnya produksi tanaman pangan dan hortikultura",
                ("Produktivitas padi", "ton/ha", "+", 5.40, 6.00),
            ),
        ),
        (
            (
                "3.27.02",
                (
                    "Persentase petani yang menggunakan benih unggul bersertifikat",
                    "%",
                    "+",
                    60.00,
                    85.00,
                ),
            ),
            (
                "3.27.04",
                ("Persentase kasus penyakit hewan menular yang tertangani", "%", "+", 80.00, 95.00),
            ),
        ),
        "S5",
        "BPS dan Dinas Pertanian",
    ),
    "3.30": Profile(
        "Meningkatnya kinerja sektor perdagangan dan industri",
        ("Kontribusi sektor perdagangan terhadap PDRB", "%", "+", 14.50, 16.00),
        (
            (
                "Terkendalinya harga barang kebutuhan pokok",
                ("Koefisien variasi harga barang kebutuhan pokok", "%", "-", 9.00, 6.00),
            ),
        ),
        (
            ("3.30.04", ("Persentase komoditas pokok dengan stok aman", "%", "+", 85.00, 100.00)),
            ("3.30.03", ("Persentase pasar rakyat dalam kondisi baik", "%", "+", 40.00, 70.00)),
        ),
        "S3",
    ),
    "3.31": Profile(
        "Meningkatnya daya saing industri kecil dan menengah",
        ("Kontribusi sektor industri pengolahan terhadap PDRB", "%", "+", 11.00, 12.50),
        (
            (
                "Meningkatnya nilai tambah industri kecil dan menengah",
                ("Laju pertumbuhan nilai produksi IKM", "%", "+", 4.00, 7.00),
            ),
        ),
        (
            (
                "3.31.03",
                ("Persentase IKM yang memiliki izin usaha industri", "%", "+", 40.00, 70.00),
            ),
        ),
        "S3",
    ),
    "4.01": Profile(
        "Meningkatnya kualitas koordinasi penyelenggaraan pemerintahan daerah",
        ("Indeks Reformasi Birokrasi", "indeks", "+", 62.50, 72.00),
        (
            (
                "Meningkatnya kualitas kebijakan dan pengendalian pembangunan",
                (
                    "Persentase rancangan produk hukum daerah yang difasilitasi tepat waktu",
                    "%",
                    "+",
                    80.00,
                    95.00,
                ),
            ),
        ),
        (
            (
                "4.01.03",
                ("Persentase paket pengadaan yang tender tepat waktu", "%", "+", 85.00, 98.00),
            ),
            (
                "4.01.02",
                (
                    "Indeks Kepuasan Masyarakat atas layanan pemerintahan",
                    "indeks",
                    "+",
                    78.00,
                    85.00,
                ),
            ),
        ),
        "S9",
    ),
    "4.02": Profile(
        "Meningkatnya kualitas dukungan terhadap fungsi DPRD",
        ("Persentase produk hukum DPRD yang ditetapkan tepat waktu", "%", "+", 70.00, 90.00),
        (
            (
                "Meningkatnya efektivitas fungsi legislasi, anggaran, dan pengawasan DPRD",
                ("Persentase propemperda yang ditetapkan", "%", "+", 60.00, 85.00),
            ),
        ),
        (
            (
                "4.02.02",
                (
                    "Persentase pokok-pokok pikiran DPRD yang terakomodasi dalam RKPD",
                    "%",
                    "+",
                    70.00,
                    90.00,
                ),
            ),
        ),
        "S9",
    ),
    "5.01": Profile(
        "Meningkatnya kualitas perencanaan dan pengendalian pembangunan daerah",
        ("Nilai evaluasi SAKIP Pemerintah Daerah", "nilai", "+", 63.40, 72.00),
        (
            (
                "Meningkatnya konsistensi perencanaan dan penganggaran",
                ("Persentase konsistensi program RKPD dengan APBD", "%", "+", 85.00, 98.00),
            ),
        ),
        (
            (
                "5.01.02",
                (
                    "Persentase capaian indikator kinerja utama daerah yang memenuhi target",
                    "%",
                    "+",
                    70.00,
                    90.00,
                ),
            ),
        ),
        "S9",
    ),
    "5.05": Profile(
        "Meningkatnya pemanfaatan riset dan inovasi daerah",
        ("Indeks Inovasi Daerah", "indeks", "+", 45.00, 60.00),
        (
            (
                "Meningkatnya inovasi daerah yang diterapkan",
                ("Persentase inovasi daerah yang diterapkan", "%", "+", 30.00, 60.00),
            ),
        ),
        (
            (
                "5.05.02",
                ("Persentase rekomendasi kajian yang ditindaklanjuti", "%", "+", 40.00, 70.00),
            ),
        ),
        "S10",
    ),
    "5.02": Profile(
        "Meningkatnya kualitas pengelolaan keuangan dan aset daerah",
        ("Opini BPK atas LKPD", "", "scale", 0, 0),
        (
            (
                "Meningkatnya akuntabilitas pengelolaan keuangan daerah",
                ("Persentase temuan BPK yang ditindaklanjuti", "%", "+", 75.00, 95.00),
            ),
        ),
        (
            ("5.02.02", ("Persentase serapan anggaran daerah", "%", "+", 90.00, 96.00)),
            (
                "5.02.04",
                (
                    "Persentase realisasi pendapatan asli daerah terhadap target",
                    "%",
                    "+",
                    95.00,
                    102.00,
                ),
            ),
        ),
        "S9",
        "LHP BPK",
    ),
    "5.03": Profile(
        "Meningkatnya profesionalitas aparatur sipil negara",
        ("Indeks Profesionalitas ASN", "indeks", "+", 64.00, 75.00),
        (
            (
                "Meningkatnya kualitas manajemen ASN berbasis merit",
                ("Nilai sistem merit", "nilai", "+", 250.00, 325.00),
            ),
        ),
        (
            (
                "5.03.02",
                ("Persentase ASN yang memenuhi standar kompetensi jabatan", "%", "+", 45.00, 70.00),
            ),
        ),
        "S10",
        "SIASN BKN",
    ),
    "6.01": Profile(
        "Meningkatnya kualitas pengawasan internal",
        ("Level kapabilitas APIP", "level", "+", 3.00, 3.50),
        (
            (
                "Meningkatnya efektivitas sistem pengendalian intern",
                ("Maturitas SPIP", "level", "+", 3.00, 3.60),
            ),
        ),
        (
            (
                "6.01.02",
                (
                    "Persentase rekomendasi hasil pengawasan yang ditindaklanjuti",
                    "%",
                    "+",
                    80.00,
                    95.00,
                ),
            ),
            (
                "6.01.03",
                (
                    "Persentase perangkat daerah dengan nilai SAKIP minimal B",
                    "%",
                    "+",
                    40.00,
                    75.00,
                ),
            ),
        ),
        "S9",
        "Laporan Hasil Pengawasan",
    ),
    "7.01": Profile(
        "Meningkatnya kualitas pelayanan dan penyelenggaraan pemerintahan di {place}",
        ("Indeks Kepuasan Masyarakat layanan kecamatan", "indeks", "+", 78.00, 86.00),
        (
            (
                "Meningkatnya kualitas pelayanan administrasi terpadu kecamatan",
                ("Persentase layanan PATEN selesai tepat waktu", "%", "+", 85.00, 98.00),
            ),
        ),
        (
            (
                "7.01.02",
                (
                    "Persentase usulan musrenbang kecamatan yang terakomodasi",
                    "%",
                    "+",
                    30.00,
                    50.00,
                ),
            ),
        ),
        "S10",
    ),
    "8.01": Profile(
        "Meningkatnya kerukunan dan wawasan kebangsaan masyarakat",
        ("Indeks Kerukunan Umat Beragama", "indeks", "+", 73.20, 76.00),
        (
            (
                "Meningkatnya kewaspadaan dini terhadap konflik sosial",
                ("Persentase potensi konflik sosial yang tertangani", "%", "+", 80.00, 100.00),
            ),
        ),
        (
            (
                "8.01.06",
                ("Persentase desa dengan forum kewaspadaan dini aktif", "%", "+", 30.00, 60.00),
            ),
        ),
        "S11",
    ),
}

# The support program's outcome, the same for every OPD.
PENUNJANG_INDICATOR: Ind = ("Nilai evaluasi SAKIP perangkat daerah", "nilai", "+", 60.00, 75.00)
GOVERNANCE_TUJUAN = "Meningkatnya akuntabilitas kinerja {opd}"
GOVERNANCE_TUJUAN_INDICATOR: Ind = (
    "Nilai evaluasi SAKIP perangkat daerah",
    "nilai",
    "+",
    60.00,
    75.00,
)
GOVERNANCE_SASARAN = "Meningkatnya kualitas tata kelola dan pelayanan administrasi {opd}"
GOVERNANCE_SASARAN_INDICATOR: Ind = (
    "Indeks Kepuasan Pegawai terhadap layanan kesekretariatan",
    "indeks",
    "+",
    75.00,
    85.00,
)

# OPD name keywords → bidang, for OPDs without a usable budget code (checked in order).
NAME_KEYWORDS: tuple[tuple[str, str], ...] = (
    ("rumah sakit", "RSUD"),
    ("dprd", "4.02"),
    ("sekretariat daerah", "4.01"),
    ("inspektorat", "6.01"),
    ("perencanaan", "5.01"),
    ("keuangan", "5.02"),
    ("pendapatan", "5.02"),
    ("kepegawaian", "5.03"),
    ("penelitian", "5.05"),
    ("kesatuan bangsa", "8.01"),
    ("kecamatan", "7.01"),
    ("pendidikan", "1.01"),
    ("kesehatan", "1.02"),
    ("pekerjaan umum", "1.03"),
    ("perumahan", "1.04"),
    ("polisi pamong", "1.05"),
    ("bencana", "1.05"),
    ("sosial", "1.06"),
    ("tenaga kerja", "2.07"),
    ("perempuan", "2.08"),
    ("pangan", "2.09"),
    ("lingkungan hidup", "2.11"),
    ("kependudukan", "2.12"),
    ("masyarakat dan desa", "2.13"),
    ("keluarga berencana", "2.14"),
    ("perhubungan", "2.15"),
    ("komunikasi", "2.16"),
    ("koperasi", "2.17"),
    ("penanaman modal", "2.18"),
    ("pemuda", "2.19"),
    ("perpustakaan", "2.23"),
    ("kearsipan", "2.24"),
    ("perikanan", "3.25"),
    ("pariwisata", "3.26"),
    ("pertanian", "3.27"),
    ("perdagangan", "3.30"),
    ("perindustrian", "3.31"),
)
