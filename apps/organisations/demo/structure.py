"""The shape of the demo organisation: which OPD, which units inside them, which positions.

OPD codes follow the Kemendagri pattern of the budget nomenclature (urusan and bidang urusan of up
to three affairs the OPD serves, then a sequence and the sub-unit), e.g. 1.02.0.00.0.00.01.0000 for
a Dinas Kesehatan. Only the Kabupaten and Kota names are invented; the structures are typical of
a Kabupaten/Kota under PP 18/2016 as amended.
"""

from __future__ import annotations

from dataclasses import dataclass

from apps.organisations.models import PositionLevel, UnitType


@dataclass(frozen=True)
class Division:
    """A bidang/bagian/UPT (or, in an Inspektorat, an Inspektorat Pembantu) and its sub-units.

    Sub-unit names starting with "Seksi" become seksi, the others (Subbagian, Subbidang)
    subbagian. `head` overrides the head's title ("Kepala <name>")."""

    name: str
    children: tuple[str, ...] = ()
    unit_type: str = UnitType.BIDANG
    head: str = ""
    head_level: str = PositionLevel.ADMINISTRATOR
    # Setda only: which Asisten the Kepala Bagian reports to (index into Opd.deputies).
    reports_to: int | None = None


@dataclass(frozen=True)
class Staff:
    """A pelaksana or fungsional position under the head of `unit` (the OPD itself when empty)."""

    title: str
    level: str
    unit: str = ""


@dataclass(frozen=True)
class Opd:
    name: str
    short_name: str
    code: str
    head: str
    discipline: str  # picks plausible degrees for the people (see _DEGREES)
    divisions: tuple[Division, ...]
    # Subbagian of the Sekretariat; an empty tuple means the OPD has no Sekretariat (Setda,
    # Setwan, RSUD are organised in Bagian instead).
    secretariat: tuple[str, ...] = ("Subbagian Umum dan Kepegawaian", "Subbagian Keuangan")
    secretary: str = ""
    head_level: str = PositionLevel.JPT
    # JPT-level deputies on the OPD unit itself (the Asisten of the Sekretariat Daerah).
    deputies: tuple[str, ...] = ()
    # Section heads that sit on the OPD unit itself (a kecamatan's Kasi report to the Camat).
    section_heads: tuple[str, ...] = ()
    staff: tuple[Staff, ...] = ()


def _dinas(name: str, short: str, code: str, discipline: str, *divisions: Division, **kw) -> Opd:
    return Opd(
        name=name,
        short_name=short,
        code=code,
        head=kw.pop("head", f"Kepala {name}"),
        discipline=discipline,
        divisions=divisions,
        secretary=kw.pop("secretary", f"Sekretaris {name}"),
        **kw,
    )


def _bidang(name: str, *children: str) -> Division:
    return Division(name=name, children=children)


_THREE_SUBBAG = (
    "Subbagian Umum dan Kepegawaian",
    "Subbagian Keuangan dan Aset",
    "Subbagian Perencanaan, Evaluasi dan Pelaporan",
)
_PELAKSANA = PositionLevel.PELAKSANA
_FUNGSIONAL = PositionLevel.FUNGSIONAL
_GENERIC_STAFF = (
    Staff("Pengadministrasi Perkantoran", _PELAKSANA, "Subbagian Umum dan Kepegawaian"),
)

SETDA = Opd(
    name="Sekretariat Daerah",
    short_name="Setda",
    code="4.01.0.00.0.00.01.0000",
    head="Sekretaris Daerah",
    discipline="government",
    secretariat=(),
    deputies=(
        "Asisten Pemerintahan dan Kesejahteraan Rakyat",
        "Asisten Perekonomian dan Pembangunan",
        "Asisten Administrasi Umum",
    ),
    divisions=(
        Division(
            "Bagian Pemerintahan",
            ("Subbagian Administrasi Pemerintahan", "Subbagian Otonomi Daerah dan Kerja Sama"),
            UnitType.BAGIAN,
            reports_to=0,
        ),
        Division(
            "Bagian Hukum",
            ("Subbagian Perundang-undangan", "Subbagian Bantuan Hukum"),
            UnitType.BAGIAN,
            reports_to=0,
        ),
        Division(
            "Bagian Kesejahteraan Rakyat",
            ("Subbagian Bina Mental Spiritual", "Subbagian Kesejahteraan Sosial"),
            UnitType.BAGIAN,
            reports_to=0,
        ),
        Division(
            "Bagian Perekonomian dan Sumber Daya Alam",
            ("Subbagian Perekonomian", "Subbagian Sumber Daya Alam"),
            UnitType.BAGIAN,
            reports_to=1,
        ),
        Division(
            "Bagian Administrasi Pembangunan",
            ("Subbagian Pengendalian Program", "Subbagian Evaluasi dan Pelaporan Pembangunan"),
            UnitType.BAGIAN,
            reports_to=1,
        ),
        Division(
            "Bagian Pengadaan Barang dan Jasa",
            ("Subbagian Pengelolaan Pengadaan", "Subbagian Pembinaan dan Advokasi Pengadaan"),
            UnitType.BAGIAN,
            reports_to=1,
        ),
        Division(
            "Bagian Organisasi",
            (
                "Subbagian Kelembagaan dan Analisis Jabatan",
                "Subbagian Reformasi Birokrasi dan Akuntabilitas Kinerja",
            ),
            UnitType.BAGIAN,
            reports_to=2,
        ),
        Division(
            "Bagian Umum",
            ("Subbagian Tata Usaha Pimpinan", "Subbagian Rumah Tangga", "Subbagian Keuangan"),
            UnitType.BAGIAN,
            reports_to=2,
        ),
        Division(
            "Bagian Protokol dan Komunikasi Pimpinan",
            ("Subbagian Protokol", "Subbagian Komunikasi Pimpinan"),
            UnitType.BAGIAN,
            reports_to=2,
        ),
    ),
    staff=(
        Staff("Analis Kebijakan Ahli Muda", _FUNGSIONAL, "Bagian Organisasi"),
        Staff("Pengadministrasi Umum", _PELAKSANA, "Subbagian Tata Usaha Pimpinan"),
    ),
)

SETWAN = Opd(
    name="Sekretariat DPRD",
    short_name="Setwan",
    code="4.02.0.00.0.00.01.0000",
    head="Sekretaris DPRD",
    discipline="government",
    secretariat=(),
    divisions=(
        Division(
            "Bagian Umum dan Keuangan",
            ("Subbagian Tata Usaha dan Kepegawaian", "Subbagian Keuangan"),
            UnitType.BAGIAN,
        ),
        Division(
            "Bagian Persidangan dan Perundang-undangan",
            ("Subbagian Persidangan dan Risalah", "Subbagian Perundang-undangan"),
            UnitType.BAGIAN,
        ),
        Division(
            "Bagian Fasilitasi Penganggaran dan Pengawasan",
            ("Subbagian Fasilitasi Penganggaran", "Subbagian Fasilitasi Pengawasan"),
            UnitType.BAGIAN,
        ),
    ),
    staff=(Staff("Pengadministrasi Persidangan", _PELAKSANA, "Subbagian Persidangan dan Risalah"),),
)

INSPEKTORAT = Opd(
    name="Inspektorat Daerah",
    short_name="Inspektorat",
    code="6.01.0.00.0.00.01.0000",
    head="Inspektur Daerah",
    discipline="audit",
    secretariat=(
        "Subbagian Umum dan Kepegawaian",
        "Subbagian Perencanaan dan Keuangan",
        "Subbagian Evaluasi dan Pelaporan",
    ),
    secretary="Sekretaris Inspektorat Daerah",
    # Each Inspektur Pembantu leads auditors (fungsional), not seksi.
    divisions=tuple(
        Division(
            f"Inspektorat Pembantu Wilayah {roman}",
            head=f"Inspektur Pembantu Wilayah {roman}",
        )
        for roman in ("I", "II", "III", "IV")
    ),
    staff=(
        Staff("Auditor Ahli Madya", _FUNGSIONAL, "Inspektorat Pembantu Wilayah I"),
        Staff("Auditor Ahli Muda", _FUNGSIONAL, "Inspektorat Pembantu Wilayah I"),
        Staff("Auditor Ahli Pertama", _FUNGSIONAL, "Inspektorat Pembantu Wilayah II"),
        Staff(
            "Pengawas Penyelenggaraan Urusan Pemerintahan di Daerah Ahli Muda",
            _FUNGSIONAL,
            "Inspektorat Pembantu Wilayah III",
        ),
        Staff("Auditor Ahli Muda", _FUNGSIONAL, "Inspektorat Pembantu Wilayah IV"),
    ),
)

BAPPEDA = _dinas(
    "Badan Perencanaan Pembangunan, Riset dan Inovasi Daerah",
    "Bappeda",
    "5.01.5.05.0.00.01.0000",
    "planning",
    _bidang(
        "Bidang Perencanaan, Pengendalian dan Evaluasi Pembangunan Daerah",
        "Subbidang Perencanaan Makro dan Pendanaan",
        "Subbidang Pengendalian dan Evaluasi",
        "Subbidang Data dan Informasi Pembangunan",
    ),
    _bidang(
        "Bidang Pemerintahan dan Pembangunan Manusia",
        "Subbidang Pemerintahan",
        "Subbidang Pendidikan dan Kesehatan",
        "Subbidang Sosial dan Kebudayaan",
    ),
    _bidang(
        "Bidang Perekonomian, Infrastruktur dan Kewilayahan",
        "Subbidang Perekonomian dan Sumber Daya Alam",
        "Subbidang Infrastruktur dan Kewilayahan",
    ),
    _bidang(
        "Bidang Riset dan Inovasi Daerah",
        "Subbidang Riset dan Kelitbangan",
        "Subbidang Inovasi dan Teknologi",
    ),
    secretariat=_THREE_SUBBAG,
    secretary="Sekretaris Badan Perencanaan Pembangunan, Riset dan Inovasi Daerah",
    staff=(
        Staff(
            "Perencana Ahli Madya",
            _FUNGSIONAL,
            "Bidang Perencanaan, Pengendalian dan Evaluasi Pembangunan Daerah",
        ),
        Staff("Perencana Ahli Muda", _FUNGSIONAL, "Subbidang Pengendalian dan Evaluasi"),
        Staff("Peneliti Ahli Muda", _FUNGSIONAL, "Bidang Riset dan Inovasi Daerah"),
        Staff("Pengolah Data Perencanaan", _PELAKSANA, "Subbidang Data dan Informasi Pembangunan"),
    ),
)

DINKES = _dinas(
    "Dinas Kesehatan",
    "Dinkes",
    "1.02.0.00.0.00.01.0000",
    "health",
    _bidang(
        "Bidang Kesehatan Masyarakat",
        "Seksi Kesehatan Keluarga dan Gizi",
        "Seksi Promosi dan Pemberdayaan Masyarakat",
        "Seksi Kesehatan Lingkungan, Kesehatan Kerja dan Olahraga",
    ),
    _bidang(
        "Bidang Pencegahan dan Pengendalian Penyakit",
        "Seksi Surveilans dan Imunisasi",
        "Seksi Pencegahan dan Pengendalian Penyakit Menular",
        "Seksi Pencegahan dan Pengendalian Penyakit Tidak Menular dan Kesehatan Jiwa",
    ),
    _bidang(
        "Bidang Pelayanan Kesehatan",
        "Seksi Pelayanan Kesehatan Primer",
        "Seksi Pelayanan Kesehatan Rujukan",
        "Seksi Mutu dan Akreditasi Pelayanan Kesehatan",
    ),
    _bidang(
        "Bidang Sumber Daya Kesehatan",
        "Seksi Kefarmasian",
        "Seksi Alat Kesehatan dan Perbekalan Kesehatan Rumah Tangga",
        "Seksi Sumber Daya Manusia Kesehatan",
    ),
    Division(
        "UPT Puskesmas Sukamaju",
        unit_type=UnitType.UPT,
        head_level=PositionLevel.PENGAWAS,
    ),
    Division(
        "UPT Puskesmas Karangsari",
        unit_type=UnitType.UPT,
        head_level=PositionLevel.PENGAWAS,
    ),
    secretariat=_THREE_SUBBAG,
    staff=(
        Staff(
            "Pengelola Data dan Informasi",
            _PELAKSANA,
            "Subbagian Perencanaan, Evaluasi dan Pelaporan",
        ),
        Staff("Analis Kebijakan Ahli Muda", _FUNGSIONAL, "Bidang Kesehatan Masyarakat"),
        Staff(
            "Epidemiolog Kesehatan Ahli Muda",
            _FUNGSIONAL,
            "Bidang Pencegahan dan Pengendalian Penyakit",
        ),
        Staff("Dokter Ahli Madya", _FUNGSIONAL, "UPT Puskesmas Sukamaju"),
        Staff("Nutrisionis Ahli Pertama", _FUNGSIONAL, "UPT Puskesmas Karangsari"),
    ),
)

DISDIK = _dinas(
    "Dinas Pendidikan",
    "Disdik",
    "1.01.0.00.0.00.01.0000",
    "education",
    _bidang(
        "Bidang Pembinaan Pendidikan Anak Usia Dini dan Pendidikan Nonformal",
        "Seksi Kurikulum dan Penilaian PAUD",
        "Seksi Kelembagaan dan Sarana Prasarana PAUD",
        "Seksi Pendidikan Masyarakat dan Kesetaraan",
    ),
    _bidang(
        "Bidang Pembinaan Sekolah Dasar",
        "Seksi Kurikulum dan Penilaian SD",
        "Seksi Kelembagaan dan Sarana Prasarana SD",
        "Seksi Peserta Didik dan Pembangunan Karakter SD",
    ),
    _bidang(
        "Bidang Pembinaan Sekolah Menengah Pertama",
        "Seksi Kurikulum dan Penilaian SMP",
        "Seksi Kelembagaan dan Sarana Prasarana SMP",
        "Seksi Peserta Didik dan Pembangunan Karakter SMP",
    ),
    _bidang(
        "Bidang Pembinaan Ketenagaan",
        "Seksi Pendidik dan Tenaga Kependidikan PAUD dan Nonformal",
        "Seksi Pendidik dan Tenaga Kependidikan SD",
        "Seksi Pendidik dan Tenaga Kependidikan SMP",
    ),
    secretariat=_THREE_SUBBAG,
    staff=(
        Staff(
            "Pengawas Sekolah Ahli Madya", _FUNGSIONAL, "Bidang Pembinaan Sekolah Menengah Pertama"
        ),
        Staff(
            "Penilik Ahli Muda",
            _FUNGSIONAL,
            "Bidang Pembinaan Pendidikan Anak Usia Dini dan Pendidikan Nonformal",
        ),
        Staff("Pengadministrasi Umum", _PELAKSANA, "Subbagian Umum dan Kepegawaian"),
    ),
)

RSUD = Opd(
    name="Rumah Sakit Umum Daerah Sukamaju Raya",
    short_name="RSUD",
    code="1.02.0.00.0.00.02.0000",
    head="Direktur Rumah Sakit Umum Daerah Sukamaju Raya",
    discipline="health",
    secretariat=(),
    divisions=(
        Division(
            "Bagian Tata Usaha",
            ("Subbagian Umum dan Kepegawaian", "Subbagian Keuangan", "Subbagian Perencanaan"),
            UnitType.BAGIAN,
        ),
        _bidang("Bidang Pelayanan Medik", "Seksi Pelayanan Medik", "Seksi Rekam Medik"),
        _bidang("Bidang Keperawatan", "Seksi Asuhan Keperawatan", "Seksi Mutu Keperawatan"),
        _bidang("Bidang Penunjang", "Seksi Penunjang Medik", "Seksi Penunjang Nonmedik"),
    ),
    staff=(
        Staff("Dokter Ahli Madya", _FUNGSIONAL, "Bidang Pelayanan Medik"),
        Staff("Perawat Ahli Muda", _FUNGSIONAL, "Bidang Keperawatan"),
    ),
)

GENERIC_OPDS: tuple[Opd, ...] = (
    _dinas(
        "Badan Pengelolaan Keuangan dan Aset Daerah",
        "BPKAD",
        "5.02.0.00.0.00.01.0000",
        "finance",
        _bidang(
            "Bidang Anggaran",
            "Subbidang Anggaran Pendapatan dan Pembiayaan",
            "Subbidang Anggaran Belanja",
        ),
        _bidang("Bidang Perbendaharaan", "Subbidang Pengelolaan Kas Daerah", "Subbidang Belanja"),
        _bidang(
            "Bidang Akuntansi dan Pelaporan", "Subbidang Akuntansi", "Subbidang Pelaporan Keuangan"
        ),
        _bidang(
            "Bidang Aset Daerah",
            "Subbidang Penatausahaan Aset",
            "Subbidang Pemanfaatan dan Penghapusan Aset",
        ),
        secretary="Sekretaris Badan Pengelolaan Keuangan dan Aset Daerah",
        staff=_GENERIC_STAFF,
    ),
    _dinas(
        "Badan Pendapatan Daerah",
        "Bapenda",
        "5.02.0.00.0.00.02.0000",
        "finance",
        _bidang(
            "Bidang Pendataan dan Penetapan",
            "Subbidang Pendataan dan Pendaftaran",
            "Subbidang Penetapan",
        ),
        _bidang(
            "Bidang Penagihan dan Keberatan",
            "Subbidang Penagihan",
            "Subbidang Keberatan dan Pengurangan",
        ),
        _bidang(
            "Bidang Pajak Bumi dan Bangunan Perdesaan dan Perkotaan",
            "Subbidang Pelayanan PBB-P2",
            "Subbidang Bea Perolehan Hak atas Tanah dan Bangunan",
        ),
        staff=_GENERIC_STAFF,
    ),
    _dinas(
        "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia",
        "BKPSDM",
        "5.03.5.04.0.00.01.0000",
        "government",
        _bidang(
            "Bidang Pengadaan, Pemberhentian dan Informasi",
            "Subbidang Pengadaan dan Informasi Kepegawaian",
            "Subbidang Pemberhentian dan Pensiun",
        ),
        _bidang(
            "Bidang Mutasi dan Promosi",
            "Subbidang Mutasi",
            "Subbidang Promosi dan Kepangkatan",
        ),
        _bidang(
            "Bidang Pengembangan Kompetensi Aparatur",
            "Subbidang Pendidikan dan Pelatihan",
            "Subbidang Penilaian Kinerja dan Disiplin",
        ),
        staff=(
            Staff(
                "Analis Sumber Daya Manusia Aparatur Ahli Muda",
                _FUNGSIONAL,
                "Bidang Mutasi dan Promosi",
            ),
            *_GENERIC_STAFF,
        ),
    ),
    _dinas(
        "Badan Penanggulangan Bencana Daerah",
        "BPBD",
        "1.05.0.00.0.00.02.0000",
        "government",
        _bidang("Bidang Pencegahan dan Kesiapsiagaan", "Seksi Pencegahan", "Seksi Kesiapsiagaan"),
        _bidang("Bidang Kedaruratan dan Logistik", "Seksi Kedaruratan", "Seksi Logistik"),
        _bidang("Bidang Rehabilitasi dan Rekonstruksi", "Seksi Rehabilitasi", "Seksi Rekonstruksi"),
        # The Bupati's regulation makes the Sekda head of the BPBD ex officio; the JPT who runs it
        # day to day is the Kepala Pelaksana.
        head="Kepala Pelaksana Badan Penanggulangan Bencana Daerah",
        secretary="Sekretaris Badan Penanggulangan Bencana Daerah",
        staff=_GENERIC_STAFF,
    ),
    _dinas(
        "Badan Kesatuan Bangsa dan Politik",
        "Kesbangpol",
        "8.01.0.00.0.00.01.0000",
        "government",
        _bidang(
            "Bidang Ideologi, Wawasan Kebangsaan dan Karakter Bangsa",
            "Subbidang Ideologi dan Wawasan Kebangsaan",
            "Subbidang Karakter Bangsa",
        ),
        _bidang(
            "Bidang Politik Dalam Negeri dan Organisasi Kemasyarakatan",
            "Subbidang Politik Dalam Negeri",
            "Subbidang Organisasi Kemasyarakatan",
        ),
        _bidang(
            "Bidang Kewaspadaan Nasional dan Penanganan Konflik",
            "Subbidang Kewaspadaan Dini",
            "Subbidang Penanganan Konflik",
        ),
        staff=_GENERIC_STAFF,
    ),
    _dinas(
        "Satuan Polisi Pamong Praja",
        "Satpol PP",
        "1.05.0.00.0.00.01.0000",
        "government",
        _bidang(
            "Bidang Penegakan Peraturan Daerah",
            "Seksi Pembinaan, Pengawasan dan Penyuluhan",
            "Seksi Penyelidikan dan Penyidikan",
        ),
        _bidang(
            "Bidang Ketertiban Umum dan Ketenteraman Masyarakat",
            "Seksi Operasi dan Pengendalian",
            "Seksi Kerja Sama",
        ),
        _bidang(
            "Bidang Perlindungan Masyarakat",
            "Seksi Satuan Perlindungan Masyarakat",
            "Seksi Peningkatan Kapasitas Aparatur",
        ),
        secretary="Sekretaris Satuan Polisi Pamong Praja",
        staff=(Staff("Polisi Pamong Praja Ahli Muda", _FUNGSIONAL, ""), *_GENERIC_STAFF),
    ),
    _dinas(
        "Dinas Pekerjaan Umum dan Penataan Ruang",
        "Dinas PUPR",
        "1.03.0.00.0.00.01.0000",
        "engineering",
        _bidang(
            "Bidang Bina Marga",
            "Seksi Pembangunan Jalan dan Jembatan",
            "Seksi Preservasi Jalan dan Jembatan",
        ),
        _bidang("Bidang Sumber Daya Air", "Seksi Irigasi dan Rawa", "Seksi Sungai dan Air Baku"),
        _bidang("Bidang Cipta Karya", "Seksi Air Minum dan Sanitasi", "Seksi Bangunan Gedung"),
        _bidang(
            "Bidang Penataan Ruang",
            "Seksi Perencanaan Tata Ruang",
            "Seksi Pengendalian Pemanfaatan Ruang",
        ),
        secretariat=_THREE_SUBBAG,
        staff=(
            Staff("Teknik Jalan dan Jembatan Ahli Muda", _FUNGSIONAL, "Bidang Bina Marga"),
            *_GENERIC_STAFF,
        ),
    ),
    _dinas(
        "Dinas Perumahan dan Kawasan Permukiman",
        "Disperkim",
        "1.04.0.00.0.00.01.0000",
        "engineering",
        _bidang(
            "Bidang Perumahan",
            "Seksi Pendataan dan Perencanaan Perumahan",
            "Seksi Pembangunan Rumah Layak Huni",
        ),
        _bidang(
            "Bidang Kawasan Permukiman",
            "Seksi Peningkatan Kualitas Permukiman Kumuh",
            "Seksi Prasarana, Sarana dan Utilitas Umum",
        ),
        _bidang("Bidang Pertamanan dan Pemakaman", "Seksi Pertamanan", "Seksi Pemakaman"),
        staff=_GENERIC_STAFF,
    ),
    _dinas(
        "Dinas Sosial",
        "Dinsos",
        "1.06.0.00.0.00.01.0000",
        "social",
        _bidang(
            "Bidang Perlindungan dan Jaminan Sosial",
            "Seksi Perlindungan Sosial Korban Bencana",
            "Seksi Jaminan Sosial Keluarga",
        ),
        _bidang(
            "Bidang Rehabilitasi Sosial",
            "Seksi Rehabilitasi Sosial Penyandang Disabilitas dan Lanjut Usia",
            "Seksi Rehabilitasi Sosial Anak dan Tuna Sosial",
        ),
        _bidang(
            "Bidang Pemberdayaan Sosial dan Penanganan Fakir Miskin",
            "Seksi Pemberdayaan Sosial",
            "Seksi Penanganan Fakir Miskin",
        ),
        staff=(Staff("Pekerja Sosial Ahli Muda", _FUNGSIONAL, "Bidang Rehabilitasi Sosial"),),
    ),
    _dinas(
        "Dinas Pemberdayaan Perempuan, Perlindungan Anak, Pengendalian Penduduk dan "
        "Keluarga Berencana",
        "DP3AP2KB",
        "2.08.2.14.0.00.01.0000",
        "social",
        _bidang(
            "Bidang Pemberdayaan Perempuan dan Perlindungan Anak",
            "Seksi Kualitas Hidup Perempuan",
            "Seksi Perlindungan Khusus Anak",
        ),
        _bidang(
            "Bidang Pengendalian Penduduk",
            "Seksi Data dan Informasi Keluarga",
            "Seksi Advokasi dan Penggerakan",
        ),
        _bidang(
            "Bidang Keluarga Berencana dan Ketahanan Keluarga",
            "Seksi Pelayanan Keluarga Berencana",
            "Seksi Ketahanan dan Kesejahteraan Keluarga",
        ),
        staff=_GENERIC_STAFF,
    ),
    _dinas(
        "Dinas Ketahanan Pangan",
        "DKP",
        "2.09.0.00.0.00.01.0000",
        "agriculture",
        _bidang(
            "Bidang Ketersediaan dan Distribusi Pangan",
            "Seksi Ketersediaan Pangan",
            "Seksi Distribusi dan Cadangan Pangan",
        ),
        _bidang(
            "Bidang Konsumsi dan Keamanan Pangan",
            "Seksi Konsumsi dan Penganekaragaman Pangan",
            "Seksi Keamanan Pangan",
        ),
        _bidang(
            "Bidang Kerawanan Pangan",
            "Seksi Pemetaan Kerawanan Pangan",
            "Seksi Penanganan Kerawanan Pangan",
        ),
        staff=_GENERIC_STAFF,
    ),
    _dinas(
        "Dinas Lingkungan Hidup",
        "DLH",
        "2.11.0.00.0.00.01.0000",
        "engineering",
        _bidang(
            "Bidang Tata Lingkungan",
            "Seksi Kajian Dampak Lingkungan",
            "Seksi Pemeliharaan Lingkungan Hidup",
        ),
        _bidang(
            "Bidang Pengendalian Pencemaran dan Kerusakan Lingkungan",
            "Seksi Pemantauan Kualitas Lingkungan",
            "Seksi Penegakan Hukum Lingkungan",
        ),
        _bidang(
            "Bidang Pengelolaan Sampah dan Limbah B3",
            "Seksi Pengurangan Sampah",
            "Seksi Penanganan Sampah dan Limbah B3",
        ),
        staff=(
            Staff(
                "Pengendali Dampak Lingkungan Ahli Muda",
                _FUNGSIONAL,
                "Bidang Pengendalian Pencemaran dan Kerusakan Lingkungan",
            ),
            *_GENERIC_STAFF,
        ),
    ),
    _dinas(
        "Dinas Kependudukan dan Pencatatan Sipil",
        "Disdukcapil",
        "2.12.0.00.0.00.01.0000",
        "government",
        _bidang(
            "Bidang Pelayanan Pendaftaran Penduduk",
            "Seksi Identitas Penduduk",
            "Seksi Pindah Datang Penduduk",
        ),
        _bidang(
            "Bidang Pelayanan Pencatatan Sipil",
            "Seksi Kelahiran dan Kematian",
            "Seksi Perkawinan dan Perceraian",
        ),
        _bidang(
            "Bidang Pengelolaan Informasi Administrasi Kependudukan",
            "Seksi Sistem Informasi Administrasi Kependudukan",
            "Seksi Pengolahan dan Penyajian Data Kependudukan",
        ),
        staff=_GENERIC_STAFF,
    ),
    _dinas(
        "Dinas Pemberdayaan Masyarakat dan Desa",
        "DPMD",
        "2.13.0.00.0.00.01.0000",
        "social",
        _bidang(
            "Bidang Pemerintahan Desa",
            "Seksi Administrasi Pemerintahan Desa",
            "Seksi Aparatur Desa",
        ),
        _bidang("Bidang Keuangan dan Aset Desa", "Seksi Keuangan Desa", "Seksi Aset Desa"),
        _bidang(
            "Bidang Pemberdayaan Masyarakat Desa",
            "Seksi Kelembagaan Masyarakat Desa",
            "Seksi Badan Usaha Milik Desa",
        ),
        staff=_GENERIC_STAFF,
    ),
    _dinas(
        "Dinas Perhubungan",
        "Dishub",
        "2.15.0.00.0.00.01.0000",
        "engineering",
        _bidang(
            "Bidang Lalu Lintas",
            "Seksi Manajemen dan Rekayasa Lalu Lintas",
            "Seksi Pengendalian dan Operasional",
        ),
        _bidang("Bidang Angkutan", "Seksi Angkutan Orang", "Seksi Angkutan Barang"),
        _bidang(
            "Bidang Sarana dan Prasarana",
            "Seksi Pengujian Kendaraan Bermotor",
            "Seksi Perlengkapan Jalan",
        ),
        staff=_GENERIC_STAFF,
    ),
    _dinas(
        "Dinas Komunikasi dan Informatika",
        "Diskominfo",
        "2.16.2.20.2.21.01.0000",
        "it",
        _bidang(
            "Bidang Informasi dan Komunikasi Publik",
            "Seksi Pengelolaan Informasi Publik",
            "Seksi Kemitraan Media",
        ),
        _bidang(
            "Bidang Aplikasi dan Informatika",
            "Seksi Infrastruktur Teknologi Informasi",
            "Seksi Pengembangan Aplikasi",
        ),
        _bidang(
            "Bidang Statistik dan Persandian",
            "Seksi Statistik Sektoral",
            "Seksi Persandian dan Keamanan Informasi",
        ),
        staff=(
            Staff("Pranata Komputer Ahli Muda", _FUNGSIONAL, "Bidang Aplikasi dan Informatika"),
            Staff("Statistisi Ahli Pertama", _FUNGSIONAL, "Bidang Statistik dan Persandian"),
        ),
    ),
    _dinas(
        "Dinas Koperasi, Usaha Kecil dan Menengah",
        "Diskop UKM",
        "2.17.0.00.0.00.01.0000",
        "economics",
        _bidang(
            "Bidang Kelembagaan dan Pengawasan Koperasi",
            "Seksi Kelembagaan Koperasi",
            "Seksi Pengawasan Koperasi",
        ),
        _bidang(
            "Bidang Pemberdayaan Koperasi",
            "Seksi Pemberdayaan Koperasi",
            "Seksi Pembiayaan Koperasi",
        ),
        _bidang(
            "Bidang Usaha Kecil dan Menengah",
            "Seksi Pengembangan Usaha",
            "Seksi Kemitraan dan Pemasaran",
        ),
        staff=_GENERIC_STAFF,
    ),
    _dinas(
        "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu",
        "DPMPTSP",
        "2.18.0.00.0.00.01.0000",
        "economics",
        _bidang(
            "Bidang Penanaman Modal",
            "Seksi Promosi Penanaman Modal",
            "Seksi Pengendalian Penanaman Modal",
        ),
        _bidang(
            "Bidang Pelayanan Perizinan",
            "Seksi Perizinan Berusaha",
            "Seksi Perizinan Nonberusaha",
        ),
        _bidang(
            "Bidang Pengaduan, Data dan Informasi",
            "Seksi Pengaduan Layanan",
            "Seksi Data dan Sistem Informasi Perizinan",
        ),
        staff=_GENERIC_STAFF,
    ),
    _dinas(
        "Dinas Pariwisata, Pemuda dan Olahraga",
        "Disparpora",
        "3.26.2.19.0.00.01.0000",
        "social",
        _bidang(
            "Bidang Destinasi dan Industri Pariwisata",
            "Seksi Pengembangan Destinasi",
            "Seksi Industri Pariwisata",
        ),
        _bidang(
            "Bidang Pemasaran dan Ekonomi Kreatif",
            "Seksi Pemasaran Pariwisata",
            "Seksi Ekonomi Kreatif",
        ),
        _bidang("Bidang Kepemudaan dan Olahraga", "Seksi Kepemudaan", "Seksi Keolahragaan"),
        staff=_GENERIC_STAFF,
    ),
    _dinas(
        "Dinas Perpustakaan dan Kearsipan",
        "Dispusip",
        "2.23.2.24.0.00.01.0000",
        "education",
        _bidang(
            "Bidang Layanan Perpustakaan",
            "Seksi Layanan dan Pembinaan Perpustakaan",
            "Seksi Pengembangan Koleksi",
        ),
        _bidang(
            "Bidang Pembudayaan Kegemaran Membaca",
            "Seksi Budaya Baca",
            "Seksi Literasi Informasi",
        ),
        _bidang("Bidang Kearsipan", "Seksi Pengelolaan Arsip", "Seksi Pembinaan Kearsipan"),
        staff=(
            Staff("Pustakawan Ahli Muda", _FUNGSIONAL, "Bidang Layanan Perpustakaan"),
            Staff("Arsiparis Ahli Pertama", _FUNGSIONAL, "Bidang Kearsipan"),
        ),
    ),
    _dinas(
        "Dinas Pertanian",
        "Distan",
        "3.27.0.00.0.00.01.0000",
        "agriculture",
        _bidang(
            "Bidang Tanaman Pangan dan Hortikultura",
            "Seksi Produksi Tanaman Pangan",
            "Seksi Produksi Hortikultura",
        ),
        _bidang(
            "Bidang Perkebunan",
            "Seksi Produksi Perkebunan",
            "Seksi Pengolahan dan Pemasaran Hasil Perkebunan",
        ),
        _bidang(
            "Bidang Peternakan dan Kesehatan Hewan",
            "Seksi Produksi Peternakan",
            "Seksi Kesehatan Hewan dan Kesehatan Masyarakat Veteriner",
        ),
        _bidang(
            "Bidang Penyuluhan dan Sarana Prasarana Pertanian",
            "Seksi Penyuluhan Pertanian",
            "Seksi Sarana dan Prasarana Pertanian",
        ),
        staff=(
            Staff(
                "Penyuluh Pertanian Ahli Muda",
                _FUNGSIONAL,
                "Bidang Penyuluhan dan Sarana Prasarana Pertanian",
            ),
            *_GENERIC_STAFF,
        ),
    ),
    _dinas(
        "Dinas Perikanan",
        "Diskan",
        "3.25.0.00.0.00.01.0000",
        "agriculture",
        _bidang(
            "Bidang Perikanan Tangkap",
            "Seksi Sarana dan Prasarana Perikanan Tangkap",
            "Seksi Pemberdayaan Nelayan",
        ),
        _bidang(
            "Bidang Perikanan Budidaya",
            "Seksi Produksi Perikanan Budidaya",
            "Seksi Kesehatan Ikan dan Lingkungan",
        ),
        _bidang(
            "Bidang Pengolahan dan Pemasaran Hasil Perikanan",
            "Seksi Pengolahan Hasil Perikanan",
            "Seksi Pemasaran Hasil Perikanan",
        ),
        staff=_GENERIC_STAFF,
    ),
    _dinas(
        "Dinas Perdagangan dan Perindustrian",
        "Disdagin",
        "3.30.3.31.0.00.01.0000",
        "economics",
        _bidang(
            "Bidang Perdagangan",
            "Seksi Pengembangan Perdagangan",
            "Seksi Sarana Distribusi dan Pasar",
        ),
        _bidang(
            "Bidang Perindustrian",
            "Seksi Industri Agro dan Kimia",
            "Seksi Industri Logam, Aneka dan Kerajinan",
        ),
        _bidang(
            "Bidang Metrologi dan Perlindungan Konsumen",
            "Seksi Metrologi Legal",
            "Seksi Perlindungan Konsumen",
        ),
        staff=_GENERIC_STAFF,
    ),
    _dinas(
        "Dinas Tenaga Kerja",
        "Disnaker",
        "2.07.0.00.0.00.01.0000",
        "economics",
        _bidang(
            "Bidang Pelatihan dan Produktivitas",
            "Seksi Pelatihan Kerja",
            "Seksi Produktivitas Tenaga Kerja",
        ),
        _bidang(
            "Bidang Penempatan dan Perluasan Kesempatan Kerja",
            "Seksi Penempatan Tenaga Kerja",
            "Seksi Perluasan Kesempatan Kerja",
        ),
        _bidang(
            "Bidang Hubungan Industrial dan Jaminan Sosial",
            "Seksi Hubungan Industrial",
            "Seksi Pengupahan dan Jaminan Sosial Tenaga Kerja",
        ),
        staff=(Staff("Mediator Hubungan Industrial Ahli Muda", _FUNGSIONAL, ""), *_GENERIC_STAFF),
    ),
)

KECAMATAN_NAMES = (
    "Sukamaju Kota",
    "Karangsari",
    "Bukit Asri",
    "Sungai Jernih",
    "Tanjung Harapan",
)


def _kecamatan(index: int, name: str) -> Opd:
    # A kecamatan is led by a Camat (administrator level, PP 17/2018). Its Kasi report to the
    # Camat directly; the unit-type rules put no seksi right under an OPD, so their positions
    # sit on the kecamatan unit itself.
    return Opd(
        name=f"Kecamatan {name}",
        short_name=f"Kec. {name}",
        code=f"7.01.0.00.0.00.{index:02d}.0000",
        head=f"Camat {name}",
        head_level=PositionLevel.ADMINISTRATOR,
        discipline="government",
        secretariat=("Subbagian Umum dan Kepegawaian", "Subbagian Perencanaan dan Keuangan"),
        secretary=f"Sekretaris Kecamatan {name}",
        divisions=(),
        section_heads=(
            "Kepala Seksi Pemerintahan",
            "Kepala Seksi Ketenteraman dan Ketertiban Umum",
            "Kepala Seksi Pemberdayaan Masyarakat dan Desa",
            "Kepala Seksi Pelayanan Umum",
        ),
        staff=(Staff("Pengadministrasi Umum", _PELAKSANA, "Subbagian Umum dan Kepegawaian"),),
    )


KABUPATEN_OPDS: tuple[Opd, ...] = (
    SETDA,
    SETWAN,
    INSPEKTORAT,
    BAPPEDA,
    DISDIK,
    DINKES,
    RSUD,
    *GENERIC_OPDS,
    *(_kecamatan(i, name) for i, name in enumerate(KECAMATAN_NAMES, start=1)),
)

KOTA_OPDS: tuple[Opd, ...] = (
    _dinas(
        "Dinas Kesehatan",
        "Dinkes",
        "1.02.0.00.0.00.01.0000",
        "health",
        _bidang("Bidang Pelayanan Kesehatan", "Seksi Pelayanan Kesehatan Primer"),
        _bidang("Bidang Kesehatan Masyarakat", "Seksi Kesehatan Keluarga dan Gizi"),
        secretariat=("Subbagian Umum dan Kepegawaian",),
        staff=(
            Staff("Pengelola Data dan Informasi", _PELAKSANA, "Subbagian Umum dan Kepegawaian"),
        ),
    ),
    _dinas(
        "Dinas Pendidikan dan Kebudayaan",
        "Disdikbud",
        "1.01.2.22.0.00.01.0000",
        "education",
        _bidang("Bidang Pembinaan Sekolah Dasar", "Seksi Kurikulum dan Penilaian SD"),
        secretariat=("Subbagian Umum dan Kepegawaian",),
    ),
    _dinas(
        "Badan Perencanaan Pembangunan Daerah",
        "Bappeda",
        "5.01.0.00.0.00.01.0000",
        "planning",
        _bidang("Bidang Perencanaan dan Evaluasi", "Subbidang Pengendalian dan Evaluasi"),
        secretariat=("Subbagian Umum dan Keuangan",),
    ),
)
