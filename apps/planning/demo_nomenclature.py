# ruff: noqa: E501
"""A realistic subset of the Kemendagri nomenclature for a kabupaten/kota (level digit 2), after
Kepmendagri 050-5889/2021 as amended: the source of fixtures/nomenclature_demo.xlsx.

`manage.py build_nomenclature_demo` writes the spreadsheet from `rows()`, so the committed file
can always be regenerated. The official list has thousands of rows and is imported from the
ministry's spreadsheet in production (DOMAIN.md: never hard-code it); this subset only serves the
demo and the tests. Where the exact wording of an item was uncertain a plausible one was used.

Every bidang gets program 01, the support program, with its usual kegiatan (see `_penunjang`).
"""

from __future__ import annotations

DECREE = "Kepmendagri 050-5889 Tahun 2021 (demo subset)"
ISSUED_ON = "2021-10-19"

URUSAN = {
    "1": "URUSAN PEMERINTAHAN WAJIB YANG BERKAITAN DENGAN PELAYANAN DASAR",
    "2": "URUSAN PEMERINTAHAN WAJIB YANG TIDAK BERKAITAN DENGAN PELAYANAN DASAR",
    "3": "URUSAN PEMERINTAHAN PILIHAN",
    "4": "UNSUR PENDUKUNG URUSAN PEMERINTAHAN",
    "5": "UNSUR PENUNJANG URUSAN PEMERINTAHAN",
    "6": "UNSUR PENGAWASAN URUSAN PEMERINTAHAN",
    "7": "UNSUR KEWILAYAHAN",
    "8": "UNSUR PEMERINTAHAN UMUM",
}

BIDANG = {
    "1.01": "URUSAN PEMERINTAHAN BIDANG PENDIDIKAN",
    "1.02": "URUSAN PEMERINTAHAN BIDANG KESEHATAN",
    "1.03": "URUSAN PEMERINTAHAN BIDANG PEKERJAAN UMUM DAN PENATAAN RUANG",
    "1.04": "URUSAN PEMERINTAHAN BIDANG PERUMAHAN DAN KAWASAN PERMUKIMAN",
    "1.05": (
        "URUSAN PEMERINTAHAN BIDANG KETENTERAMAN DAN KETERTIBAN UMUM SERTA PERLINDUNGAN MASYARAKAT"
    ),
    "1.06": "URUSAN PEMERINTAHAN BIDANG SOSIAL",
    "2.07": "URUSAN PEMERINTAHAN BIDANG TENAGA KERJA",
    "2.08": "URUSAN PEMERINTAHAN BIDANG PEMBERDAYAAN PEREMPUAN DAN PERLINDUNGAN ANAK",
    "2.09": "URUSAN PEMERINTAHAN BIDANG PANGAN",
    "2.11": "URUSAN PEMERINTAHAN BIDANG LINGKUNGAN HIDUP",
    "2.12": "URUSAN PEMERINTAHAN BIDANG ADMINISTRASI KEPENDUDUKAN DAN PENCATATAN SIPIL",
    "2.13": "URUSAN PEMERINTAHAN BIDANG PEMBERDAYAAN MASYARAKAT DAN DESA",
    "2.14": "URUSAN PEMERINTAHAN BIDANG PENGENDALIAN PENDUDUK DAN KELUARGA BERENCANA",
    "2.15": "URUSAN PEMERINTAHAN BIDANG PERHUBUNGAN",
    "2.16": "URUSAN PEMERINTAHAN BIDANG KOMUNIKASI DAN INFORMATIKA",
    "2.17": "URUSAN PEMERINTAHAN BIDANG KOPERASI, USAHA KECIL, DAN MENENGAH",
    "2.18": "URUSAN PEMERINTAHAN BIDANG PENANAMAN MODAL",
    "2.19": "URUSAN PEMERINTAHAN BIDANG KEPEMUDAAN DAN OLAHRAGA",
    "2.23": "URUSAN PEMERINTAHAN BIDANG PERPUSTAKAAN",
    "2.24": "URUSAN PEMERINTAHAN BIDANG KEARSIPAN",
    "3.25": "URUSAN PEMERINTAHAN BIDANG KELAUTAN DAN PERIKANAN",
    "3.26": "URUSAN PEMERINTAHAN BIDANG PARIWISATA",
    "3.27": "URUSAN PEMERINTAHAN BIDANG PERTANIAN",
    "3.30": "URUSAN PEMERINTAHAN BIDANG PERDAGANGAN",
    "3.31": "URUSAN PEMERINTAHAN BIDANG PERINDUSTRIAN",
    "4.01": "SEKRETARIAT DAERAH",
    "4.02": "SEKRETARIAT DPRD",
    "5.01": "PERENCANAAN",
    "5.02": "KEUANGAN",
    "5.03": "KEPEGAWAIAN",
    "5.05": "PENELITIAN DAN PENGEMBANGAN",
    "6.01": "INSPEKTORAT DAERAH",
    "7.01": "KECAMATAN",
    "8.01": "KESATUAN BANGSA DAN POLITIK",
}

PENUNJANG = "PROGRAM PENUNJANG URUSAN PEMERINTAHAN DAERAH KABUPATEN/KOTA"

# The support program's kegiatan and sub kegiatan, the same under every bidang.
_PENUNJANG_KEGIATAN = [
    (
        "2.01",
        "Perencanaan, Penganggaran, dan Evaluasi Kinerja Perangkat Daerah",
        [
            ("0001", "Penyusunan Dokumen Perencanaan Perangkat Daerah"),
            ("0002", "Koordinasi dan Penyusunan Dokumen RKA-SKPD"),
            (
                "0006",
                "Koordinasi dan Penyusunan Laporan Capaian Kinerja dan Ikhtisar Realisasi "
                "Kinerja SKPD",
            ),
            ("0007", "Evaluasi Kinerja Perangkat Daerah"),
        ],
    ),
    (
        "2.02",
        "Administrasi Keuangan Perangkat Daerah",
        [
            ("0001", "Penyediaan Gaji dan Tunjangan ASN"),
            ("0002", "Penyediaan Administrasi Pelaksanaan Tugas ASN"),
            ("0005", "Koordinasi dan Penyusunan Laporan Keuangan Akhir Tahun SKPD"),
        ],
    ),
    (
        "2.06",
        "Administrasi Umum Perangkat Daerah",
        [
            ("0002", "Penyediaan Peralatan dan Perlengkapan Kantor"),
            ("0004", "Penyediaan Bahan Logistik Kantor"),
            ("0009", "Penyelenggaraan Rapat Koordinasi dan Konsultasi SKPD"),
        ],
    ),
    (
        "2.09",
        "Pemeliharaan Barang Milik Daerah Penunjang Urusan Pemerintahan Daerah",
        [
            (
                "0002",
                "Penyediaan Jasa Pemeliharaan, Biaya Pemeliharaan, Pajak dan Perizinan "
                "Kendaraan Dinas Operasional atau Lapangan",
            ),
            ("0009", "Pemeliharaan/Rehabilitasi Gedung Kantor dan Bangunan Lainnya"),
        ],
    ),
]

# The programs of each bidang beyond program 01, with kegiatan and sub kegiatan. One line per
# item, the full code first.
_PROGRAMS = """
1.01.02 PROGRAM PENGELOLAAN PENDIDIKAN
1.01.02.2.01 Pengelolaan Pendidikan Sekolah Dasar
1.01.02.2.01.0001 Pembangunan Unit Sekolah Baru (USB)
1.01.02.2.01.0002 Penambahan Ruang Kelas Baru
1.01.02.2.01.0009 Rehabilitasi Sedang/Berat Ruang Kelas Sekolah
1.01.02.2.01.0024 Pengadaan Perlengkapan Sekolah
1.01.02.2.01.0025 Pengelolaan Dana BOS Sekolah Dasar
1.01.02.2.02 Pengelolaan Pendidikan Sekolah Menengah Pertama
1.01.02.2.02.0001 Pembangunan Unit Sekolah Baru (USB)
1.01.02.2.02.0002 Penambahan Ruang Kelas Baru
1.01.02.2.02.0009 Rehabilitasi Sedang/Berat Ruang Kelas Sekolah
1.01.02.2.02.0025 Pengelolaan Dana BOS Sekolah Menengah Pertama
1.01.02.2.03 Pengelolaan Pendidikan Anak Usia Dini (PAUD)
1.01.02.2.03.0001 Pembangunan Gedung PAUD
1.01.02.2.03.0019 Pengelolaan Dana BOP PAUD
1.01.02.2.04 Pengelolaan Pendidikan Nonformal/Kesetaraan
1.01.02.2.04.0008 Penyediaan Pendidik dan Tenaga Kependidikan bagi Satuan Pendidikan Nonformal
1.01.02.2.04.0009 Pembinaan Penyelenggaraan Pendidikan Kesetaraan
1.01.03 PROGRAM PENGEMBANGAN KURIKULUM
1.01.03.2.01 Penetapan Kurikulum Muatan Lokal Pendidikan Dasar
1.01.03.2.01.0001 Penyusunan Kurikulum Muatan Lokal Pendidikan Dasar
1.01.03.2.01.0002 Sosialisasi dan Implementasi Kurikulum Muatan Lokal Pendidikan Dasar
1.01.04 PROGRAM PENDIDIK DAN TENAGA KEPENDIDIKAN
1.01.04.2.01 Pemerataan Kuantitas dan Kualitas Pendidik dan Tenaga Kependidikan
1.01.04.2.01.0001 Perhitungan dan Pemetaan Pendidik dan Tenaga Kependidikan
1.01.04.2.01.0003 Pengembangan Karir Pendidik dan Tenaga Kependidikan
1.01.04.2.01.0004 Peningkatan Kompetensi Pendidik dan Tenaga Kependidikan
1.02.02 PROGRAM PEMENUHAN UPAYA KESEHATAN PERORANGAN DAN UPAYA KESEHATAN MASYARAKAT
1.02.02.2.01 Penyediaan Fasilitas Pelayanan Kesehatan untuk UKM dan UKP Kewenangan Daerah Kabupaten/Kota
1.02.02.2.01.0002 Pembangunan Puskesmas
1.02.02.2.01.0009 Rehabilitasi dan Pemeliharaan Puskesmas
1.02.02.2.01.0014 Pengadaan Alat Kesehatan/Alat Penunjang Medik Fasilitas Pelayanan Kesehatan
1.02.02.2.01.0021 Pengadaan Obat, Bahan Habis Pakai, Bahan Medis Habis Pakai, Vaksin, Makanan dan Minuman di Fasilitas Kesehatan
1.02.02.2.02 Penyediaan Layanan Kesehatan untuk UKM dan UKP Rujukan Tingkat Daerah Kabupaten/Kota
1.02.02.2.02.0001 Pengelolaan Pelayanan Kesehatan Ibu Hamil
1.02.02.2.02.0003 Pengelolaan Pelayanan Kesehatan Bayi Baru Lahir
1.02.02.2.02.0004 Pengelolaan Pelayanan Kesehatan Balita
1.02.02.2.02.0008 Pengelolaan Pelayanan Kesehatan Penderita Hipertensi
1.02.02.2.02.0011 Pengelolaan Pelayanan Kesehatan Orang Terduga Tuberkulosis
1.02.02.2.02.0015 Pengelolaan Pelayanan Kesehatan Gizi Masyarakat
1.02.02.2.02.0017 Pengelolaan Pelayanan Kesehatan Lingkungan
1.02.02.2.02.0020 Pengelolaan Surveilans Kesehatan
1.02.02.2.02.0025 Pengelolaan Jaminan Kesehatan Masyarakat
1.02.02.2.02.0033 Operasional Pelayanan Puskesmas
1.02.02.2.03 Penyelenggaraan Sistem Informasi Kesehatan secara Terintegrasi
1.02.02.2.03.0001 Pengelolaan Data dan Informasi Kesehatan
1.02.02.2.03.0002 Pengelolaan Sistem Informasi Kesehatan
1.02.03 PROGRAM PENINGKATAN KAPASITAS SUMBER DAYA MANUSIA KESEHATAN
1.02.03.2.02 Perencanaan Kebutuhan dan Pendayagunaan Sumber Daya Manusia Kesehatan untuk UKP dan UKM di Wilayah Kabupaten/Kota
1.02.03.2.02.0001 Pemenuhan Kebutuhan Sumber Daya Manusia Kesehatan sesuai Standar
1.02.03.2.02.0002 Distribusi dan Pemerataan Sumber Daya Manusia Kesehatan
1.02.03.2.03 Pengembangan Mutu dan Peningkatan Kompetensi Teknis Sumber Daya Manusia Kesehatan Tingkat Daerah Kabupaten/Kota
1.02.03.2.03.0001 Peningkatan Kompetensi dan Kualifikasi Sumber Daya Manusia Kesehatan
1.02.04 PROGRAM SEDIAAN FARMASI, ALAT KESEHATAN DAN MAKANAN MINUMAN
1.02.04.2.06 Pemeriksaan dan Tindak Lanjut Hasil Pemeriksaan Post Market pada Produksi dan Produk Makanan Minuman Industri Rumah Tangga
1.02.04.2.06.0001 Pemeriksaan Post Market pada Produk Makanan-Minuman Industri Rumah Tangga yang Beredar
1.02.05 PROGRAM PEMBERDAYAAN MASYARAKAT BIDANG KESEHATAN
1.02.05.2.01 Advokasi, Pemberdayaan, Kemitraan, Peningkatan Peran serta Masyarakat dan Lintas Sektor Tingkat Daerah Kabupaten/Kota
1.02.05.2.01.0001 Peningkatan Upaya Promosi Kesehatan, Advokasi, Kemitraan dan Pemberdayaan Masyarakat
1.02.05.2.02 Pelaksanaan Komunikasi Informasi dan Edukasi (KIE) Perilaku Hidup Bersih dan Sehat dalam rangka Promotif Preventif Tingkat Daerah Kabupaten/Kota
1.02.05.2.02.0001 Penyelenggaraan Promosi Kesehatan dan Gerakan Hidup Bersih dan Sehat
1.02.05.2.03 Pengembangan dan Pelaksanaan Upaya Kesehatan Bersumber Daya Masyarakat (UKBM) Tingkat Daerah Kabupaten/Kota
1.02.05.2.03.0001 Bimbingan Teknis dan Supervisi Pengembangan dan Pelaksanaan Upaya Kesehatan Bersumber Daya Masyarakat (UKBM)
1.03.02 PROGRAM PENGELOLAAN SUMBER DAYA AIR (SDA)
1.03.02.2.01 Pengelolaan SDA dan Bangunan Pengaman Pantai pada Wilayah Sungai (WS) dalam 1 (satu) Daerah Kabupaten/Kota
1.03.02.2.01.0013 Normalisasi/Restorasi Sungai
1.03.02.2.01.0015 Rehabilitasi Bendungan, Embung, dan Penampung Air Lainnya
1.03.02.2.02 Pengembangan dan Pengelolaan Sistem Irigasi Primer dan Sekunder pada Daerah Irigasi yang Luasnya dibawah 1000 Ha dalam 1 (satu) Daerah Kabupaten/Kota
1.03.02.2.02.0001 Pembangunan Bendung Irigasi
1.03.02.2.02.0005 Rehabilitasi Jaringan Irigasi Permukaan
1.03.02.2.02.0010 Operasi dan Pemeliharaan Jaringan Irigasi Permukaan
1.03.03 PROGRAM PENGELOLAAN DAN PENGEMBANGAN SISTEM PENYEDIAAN AIR MINUM
1.03.03.2.01 Pengelolaan dan Pengembangan Sistem Penyediaan Air Minum (SPAM) di Daerah Kabupaten/Kota
1.03.03.2.01.0004 Pembangunan SPAM Jaringan Perpipaan di Kawasan Perdesaan
1.03.03.2.01.0013 Perluasan SPAM Jaringan Perpipaan di Kawasan Perkotaan
1.03.05 PROGRAM PENGELOLAAN DAN PENGEMBANGAN SISTEM AIR LIMBAH
1.03.05.2.01 Pengelolaan dan Pengembangan Sistem Air Limbah Domestik dalam Daerah Kabupaten/Kota
1.03.05.2.01.0009 Pembangunan Sistem Pengelolaan Air Limbah Domestik Setempat
1.03.10 PROGRAM PENYELENGGARAAN JALAN
1.03.10.2.01 Penyelenggaraan Jalan Kabupaten/Kota
1.03.10.2.01.0001 Penyusunan Rencana, Kebijakan, Strategi dan Teknis Pengembangan Jaringan Jalan serta Perencanaan Teknis Penyelenggaraan Jalan dan Jembatan
1.03.10.2.01.0016 Rekonstruksi Jalan
1.03.10.2.01.0017 Rehabilitasi Jalan
1.03.10.2.01.0018 Pemeliharaan Berkala Jalan
1.03.10.2.01.0019 Pemeliharaan Rutin Jalan
1.03.10.2.01.0033 Pembangunan Jembatan
1.03.11 PROGRAM PENGEMBANGAN JASA KONSTRUKSI
1.03.11.2.01 Penyelenggaraan Pelatihan Tenaga Ahli Konstruksi
1.03.11.2.01.0001 Pelatihan Tenaga Terampil Konstruksi
1.03.12 PROGRAM PENYELENGGARAAN PENATAAN RUANG
1.03.12.2.01 Penetapan Rencana Tata Ruang Wilayah (RTRW) dan Rencana Rinci Tata Ruang (RRTR) Kabupaten/Kota
1.03.12.2.01.0001 Penyusunan Rencana Tata Ruang Wilayah (RTRW) Kabupaten/Kota
1.03.12.2.01.0002 Penyusunan Rencana Detail Tata Ruang (RDTR) Kabupaten/Kota
1.04.02 PROGRAM PENGEMBANGAN PERUMAHAN
1.04.02.2.02 Penerbitan Izin Pembangunan dan Pengembangan Perumahan
1.04.02.2.02.0001 Pendataan dan Verifikasi Penerbitan Izin Pembangunan dan Pengembangan Perumahan
1.04.02.2.03 Pembangunan dan Rehabilitasi Rumah Korban Bencana atau Relokasi Program Kabupaten/Kota
1.04.02.2.03.0002 Rehabilitasi Rumah bagi Korban Bencana
1.04.03 PROGRAM KAWASAN PERMUKIMAN
1.04.03.2.01 Penataan dan Peningkatan Kualitas Kawasan Permukiman Kumuh dengan Luas dibawah 10 (sepuluh) Ha
1.04.03.2.01.0003 Perbaikan Rumah Tidak Layak Huni
1.04.03.2.01.0008 Pembangunan Sarana, Prasarana dan Utilitas Kawasan Permukiman
1.04.07 PROGRAM PENINGKATAN PRASARANA, SARANA DAN UTILITAS UMUM (PSU)
1.04.07.2.01 Urusan Penyelenggaraan PSU Perumahan
1.04.07.2.01.0003 Rehabilitasi Prasarana, Sarana dan Utilitas Umum di Perumahan
1.04.07.2.01.0005 Penyediaan Prasarana, Sarana dan Utilitas Umum di Perumahan untuk Menunjang Fungsi Hunian
1.05.02 PROGRAM PENINGKATAN KETENTERAMAN DAN KETERTIBAN UMUM
1.05.02.2.01 Penanganan Gangguan Ketenteraman dan Ketertiban Umum dalam 1 (satu) Daerah Kabupaten/Kota
1.05.02.2.01.0001 Penanganan Gangguan Ketenteraman dan Ketertiban Umum
1.05.02.2.01.0002 Patroli Wilayah Rawan Gangguan Ketenteraman dan Ketertiban Umum
1.05.02.2.02 Penegakan Peraturan Daerah Kabupaten/Kota dan Peraturan Bupati/Wali Kota
1.05.02.2.02.0001 Pengawasan atas Kepatuhan terhadap Peraturan Daerah dan Peraturan Kepala Daerah
1.05.02.2.02.0002 Penindakan atas Pelanggaran Peraturan Daerah dan Peraturan Kepala Daerah
1.05.03 PROGRAM PENANGGULANGAN BENCANA
1.05.03.2.01 Pelayanan Informasi Rawan Bencana Kabupaten/Kota
1.05.03.2.01.0001 Penyusunan Kajian Risiko Bencana
1.05.03.2.02 Pelayanan Pencegahan dan Kesiapsiagaan terhadap Bencana
1.05.03.2.02.0002 Penguatan Kapasitas Kawasan untuk Pencegahan dan Kesiapsiagaan
1.05.03.2.02.0003 Pengembangan Desa/Kelurahan Tangguh Bencana
1.05.03.2.03 Pelayanan Penyelamatan dan Evakuasi Korban Bencana
1.05.03.2.03.0001 Respon Cepat Darurat Bencana
1.05.04 PROGRAM PENCEGAHAN, PENANGGULANGAN, PENYELAMATAN KEBAKARAN DAN PENYELAMATAN NON KEBAKARAN
1.05.04.2.01 Pencegahan, Pengendalian, Pemadaman, Penyelamatan, dan Penanganan Bahan Berbahaya dan Beracun Kebakaran dalam Daerah Kabupaten/Kota
1.05.04.2.01.0002 Pemadaman dan Penyelamatan Kebakaran
1.05.04.2.01.0004 Pengadaan Sarana dan Prasarana Pemadam Kebakaran
1.06.02 PROGRAM PEMBERDAYAAN SOSIAL
1.06.02.2.03 Pengembangan Potensi Sumber Kesejahteraan Sosial Daerah Kabupaten/Kota
1.06.02.2.03.0001 Peningkatan Kemampuan Potensi Pekerja Sosial Masyarakat Kewenangan Kabupaten/Kota
1.06.04 PROGRAM REHABILITASI SOSIAL
1.06.04.2.01 Rehabilitasi Sosial Dasar Penyandang Disabilitas Terlantar, Anak Terlantar, Lanjut Usia Terlantar, serta Gelandangan Pengemis di Luar Panti Sosial
1.06.04.2.01.0001 Penyediaan Permakanan
1.06.04.2.01.0007 Pemberian Pelayanan Reunifikasi Keluarga
1.06.05 PROGRAM PERLINDUNGAN DAN JAMINAN SOSIAL
1.06.05.2.01 Pemeliharaan Anak-Anak Terlantar
1.06.05.2.01.0001 Pengasuhan Anak Terlantar
1.06.05.2.02 Pengelolaan Data Fakir Miskin Cakupan Daerah Kabupaten/Kota
1.06.05.2.02.0001 Pendataan Fakir Miskin Cakupan Daerah Kabupaten/Kota
1.06.05.2.02.0002 Pengelolaan Data Fakir Miskin Cakupan Daerah Kabupaten/Kota
1.06.06 PROGRAM PENANGANAN BENCANA
1.06.06.2.01 Perlindungan Sosial Korban Bencana Alam dan Sosial Kabupaten/Kota
1.06.06.2.01.0001 Penyediaan Makanan
1.06.06.2.01.0003 Penyediaan Sandang
2.07.03 PROGRAM PELATIHAN KERJA DAN PRODUKTIVITAS TENAGA KERJA
2.07.03.2.01 Pelaksanaan Pelatihan Berdasarkan Unit Kompetensi
2.07.03.2.01.0001 Proses Pelaksanaan Pendidikan dan Pelatihan Keterampilan bagi Pencari Kerja berdasarkan Klaster Kompetensi
2.07.03.2.02 Pembinaan Lembaga Pelatihan Kerja Swasta
2.07.03.2.02.0001 Pengembangan Lembaga Pelatihan Kerja Swasta
2.07.04 PROGRAM PENEMPATAN TENAGA KERJA
2.07.04.2.01 Pelayanan Antarkerja di Daerah Kabupaten/Kota
2.07.04.2.01.0001 Penyediaan Layanan Informasi Pasar Kerja Secara Online dan Offline
2.07.04.2.01.0003 Fasilitasi Pelayanan Penempatan Tenaga Kerja
2.07.05 PROGRAM HUBUNGAN INDUSTRIAL
2.07.05.2.01 Pengesahan Peraturan Perusahaan dan Pendaftaran Perjanjian Kerja Bersama untuk Perusahaan yang hanya Beroperasi dalam 1 (satu) Daerah Kabupaten/Kota
2.07.05.2.01.0001 Pengesahan Peraturan Perusahaan untuk Perusahaan yang hanya Beroperasi dalam 1 (satu) Daerah Kabupaten/Kota
2.08.02 PROGRAM PENGARUSUTAMAAN GENDER DAN PEMBERDAYAAN PEREMPUAN
2.08.02.2.01 Pelembagaan Pengarusutamaan Gender (PUG) pada Lembaga Pemerintah Kewenangan Kabupaten/Kota
2.08.02.2.01.0001 Koordinasi dan Sinkronisasi Perumusan Kebijakan Pelaksanaan PUG
2.08.02.2.02 Pemberdayaan Perempuan Bidang Politik, Hukum, Sosial, dan Ekonomi pada Organisasi Kemasyarakatan Kewenangan Kabupaten/Kota
2.08.02.2.02.0003 Penguatan dan Pengembangan Jaringan Pemberdayaan Perempuan
2.08.03 PROGRAM PERLINDUNGAN PEREMPUAN
2.08.03.2.02 Penyediaan Layanan Rujukan Lanjutan bagi Perempuan Korban Kekerasan yang Memerlukan Koordinasi Kewenangan Kabupaten/Kota
2.08.03.2.02.0001 Penyediaan Layanan Pengaduan Masyarakat bagi Perempuan Korban Kekerasan
2.08.04 PROGRAM PENINGKATAN KUALITAS KELUARGA
2.08.04.2.01 Peningkatan Kualitas Keluarga dalam Mewujudkan Kesetaraan Gender (KG) dan Hak Anak Tingkat Daerah Kabupaten/Kota
2.08.04.2.01.0001 Advokasi Kebijakan dan Pendampingan untuk Mewujudkan KG dan Perlindungan Anak
2.08.06 PROGRAM PEMENUHAN HAK ANAK (PHA)
2.08.06.2.01 Pelembagaan PHA pada Lembaga Pemerintah, Nonpemerintah, dan Dunia Usaha Kewenangan Kabupaten/Kota
2.08.06.2.01.0001 Penguatan Kelembagaan Kabupaten/Kota Layak Anak
2.08.07 PROGRAM PERLINDUNGAN KHUSUS ANAK
2.08.07.2.02 Penyediaan Layanan bagi Anak yang Memerlukan Perlindungan Khusus yang Memerlukan Koordinasi Tingkat Daerah Kabupaten/Kota
2.08.07.2.02.0001 Penyediaan Layanan Pengaduan Masyarakat bagi Anak yang Memerlukan Perlindungan Khusus
2.09.02 PROGRAM PENGELOLAAN SUMBER DAYA EKONOMI UNTUK KEDAULATAN DAN KEMANDIRIAN PANGAN
2.09.02.2.01 Penyediaan dan Penyaluran Pangan Pokok atau Pangan Lainnya sesuai dengan Kebutuhan Daerah Kabupaten/Kota dalam rangka Stabilisasi Pasokan dan Harga Pangan
2.09.02.2.01.0001 Penyediaan Pangan Berbasis Sumber Daya Lokal
2.09.02.2.02 Pengelolaan dan Keseimbangan Cadangan Pangan Kabupaten/Kota
2.09.02.2.02.0001 Pengadaan Cadangan Pangan Pemerintah Kabupaten/Kota
2.09.03 PROGRAM PENINGKATAN DIVERSIFIKASI DAN KETAHANAN PANGAN MASYARAKAT
2.09.03.2.01 Pelaksanaan Pencapaian Target Konsumsi Pangan Perkapita/Tahun sesuai dengan Angka Kecukupan Gizi
2.09.03.2.01.0001 Penyusunan Peta Ketahanan dan Kerentanan Pangan
2.09.03.2.01.0002 Pemberdayaan Masyarakat dalam Penganekaragaman Konsumsi Pangan Berbasis Sumber Daya Lokal
2.09.04 PROGRAM PENANGANAN KERAWANAN PANGAN
2.09.04.2.01 Penyediaan dan Penyaluran Pangan Pokok atau Pangan Lainnya sesuai dengan Kebutuhan Daerah Kabupaten/Kota dalam rangka Penanganan Kerawanan Pangan
2.09.04.2.01.0001 Penyaluran Bantuan Pangan kepada Masyarakat Rawan Pangan
2.09.05 PROGRAM PENGAWASAN KEAMANAN PANGAN
2.09.05.2.01 Pelaksanaan Pengawasan Keamanan Pangan Segar Daerah Kabupaten/Kota
2.09.05.2.01.0001 Pengawasan Keamanan dan Mutu Pangan Segar
2.11.02 PROGRAM PERENCANAAN LINGKUNGAN HIDUP
2.11.02.2.02 Rencana Perlindungan dan Pengelolaan Lingkungan Hidup (RPPLH) Kabupaten/Kota
2.11.02.2.02.0001 Penyusunan RPPLH Kabupaten/Kota
2.11.03 PROGRAM PENGENDALIAN PENCEMARAN DAN/ATAU KERUSAKAN LINGKUNGAN HIDUP
2.11.03.2.01 Pencegahan Pencemaran dan/atau Kerusakan Lingkungan Hidup
2.11.03.2.01.0001 Pengendalian Pencemaran Air
2.11.03.2.01.0002 Pengendalian Pencemaran Udara
2.11.03.2.02 Penanggulangan Pencemaran dan/atau Kerusakan Lingkungan Hidup
2.11.03.2.02.0001 Pemantauan Kualitas Lingkungan Hidup
2.11.09 PROGRAM PENINGKATAN PENDIDIKAN, PELATIHAN DAN PENYULUHAN LINGKUNGAN HIDUP UNTUK MASYARAKAT
2.11.09.2.01 Penyelenggaraan Pendidikan, Pelatihan, dan Penyuluhan Lingkungan Hidup untuk Lembaga Kemasyarakatan Tingkat Daerah Kabupaten/Kota
2.11.09.2.01.0001 Pengembangan Kapasitas Lembaga Kemasyarakatan dan Sekolah Adiwiyata
2.11.11 PROGRAM PENGELOLAAN PERSAMPAHAN
2.11.11.2.01 Pengelolaan Sampah
2.11.11.2.01.0001 Penanganan Sampah dengan Melakukan Pemilahan, Pengumpulan, Pengangkutan, Pengolahan, dan Pemrosesan Akhir
2.11.11.2.01.0004 Pengembangan Bank Sampah dan Tempat Pengolahan Sampah Reduce, Reuse, Recycle (TPS3R)
2.12.02 PROGRAM PENDAFTARAN PENDUDUK
2.12.02.2.01 Pelayanan Pendaftaran Penduduk
2.12.02.2.01.0001 Penyelenggaraan Pendaftaran Penduduk
2.12.02.2.01.0002 Pelayanan Perekaman dan Pencetakan KTP Elektronik
2.12.03 PROGRAM PENCATATAN SIPIL
2.12.03.2.01 Pelayanan Pencatatan Sipil
2.12.03.2.01.0001 Pelayanan Pencatatan Kelahiran dan Penerbitan Akta Kelahiran
2.12.03.2.01.0002 Pelayanan Pencatatan Kematian dan Penerbitan Akta Kematian
2.12.04 PROGRAM PENGELOLAAN INFORMASI ADMINISTRASI KEPENDUDUKAN
2.12.04.2.01 Pengumpulan Data Kependudukan dan Pemanfaatan dan Penyajian Database Kependudukan
2.12.04.2.01.0001 Pengolahan dan Penyajian Data Kependudukan
2.13.02 PROGRAM PENATAAN DESA
2.13.02.2.01 Penyelenggaraan Penataan Desa
2.13.02.2.01.0001 Fasilitasi Penyusunan Profil Desa
2.13.04 PROGRAM ADMINISTRASI PEMERINTAHAN DESA
2.13.04.2.01 Pembinaan dan Pengawasan Penyelenggaraan Administrasi Pemerintahan Desa
2.13.04.2.01.0002 Fasilitasi Pengelolaan Keuangan Desa
2.13.04.2.01.0005 Peningkatan Kapasitas Aparatur Pemerintah Desa
2.13.05 PROGRAM PEMBERDAYAAN LEMBAGA KEMASYARAKATAN, LEMBAGA ADAT DAN MASYARAKAT HUKUM ADAT
2.13.05.2.01 Pemberdayaan Lembaga Kemasyarakatan yang Bergerak di Bidang Pemberdayaan Desa dan Lembaga Adat Tingkat Daerah Kabupaten/Kota serta Pemberdayaan Masyarakat Hukum Adat
2.13.05.2.01.0003 Pengembangan Badan Usaha Milik Desa (BUMDes)
2.14.02 PROGRAM PENGENDALIAN PENDUDUK
2.14.02.2.01 Pemaduan dan Sinkronisasi Kebijakan Pemerintah Daerah Provinsi dengan Pemerintah Daerah Kabupaten/Kota dalam rangka Pengendalian Kuantitas Penduduk
2.14.02.2.01.0001 Penyusunan Profil Kependudukan dan Keluarga Berencana
2.14.03 PROGRAM PEMBINAAN KELUARGA BERENCANA (KB)
2.14.03.2.02 Pendayagunaan Tenaga Penyuluh KB/Petugas Lapangan KB (PKB/PLKB)
2.14.03.2.02.0003 Penguatan Kapasitas Penyuluh KB dan Kader Pendamping Keluarga dalam Percepatan Penurunan Stunting
2.14.03.2.04 Pemberdayaan dan Peningkatan Peran serta Organisasi Kemasyarakatan Tingkat Daerah Kabupaten/Kota dalam Pelaksanaan Pelayanan dan Pembinaan Kesertaan Ber-KB
2.14.03.2.04.0001 Pelayanan Keluarga Berencana dan Kesehatan Reproduksi
2.14.04 PROGRAM PEMBERDAYAAN DAN PENINGKATAN KELUARGA SEJAHTERA (KS)
2.14.04.2.01 Pelaksanaan Pembangunan Keluarga melalui Pembinaan Ketahanan dan Kesejahteraan Keluarga
2.14.04.2.01.0001 Pelaksanaan Bina Keluarga Balita, Remaja dan Lansia untuk Pencegahan Stunting
2.15.02 PROGRAM PENYELENGGARAAN LALU LINTAS DAN ANGKUTAN JALAN (LLAJ)
2.15.02.2.01 Penetapan Rencana Induk Jaringan LLAJ Kabupaten/Kota
2.15.02.2.01.0001 Penyusunan Rencana Induk Jaringan Lalu Lintas dan Angkutan Jalan
2.15.02.2.02 Penyediaan Perlengkapan Jalan di Jalan Kabupaten/Kota
2.15.02.2.02.0001 Pengadaan dan Pemasangan Perlengkapan Jalan
2.15.02.2.02.0005 Pemeliharaan Perlengkapan Jalan
2.15.02.2.04 Pengujian Berkala Kendaraan Bermotor
2.15.02.2.04.0001 Pelaksanaan Pengujian Berkala Kendaraan Bermotor
2.16.02 PROGRAM INFORMASI DAN KOMUNIKASI PUBLIK
2.16.02.2.01 Pengelolaan Informasi dan Komunikasi Publik Pemerintah Daerah Kabupaten/Kota
2.16.02.2.01.0002 Pengelolaan Konten dan Perencanaan Media Komunikasi Publik
2.16.02.2.01.0004 Layanan Hubungan Media
2.16.03 PROGRAM APLIKASI INFORMATIKA
2.16.03.2.02 Pengelolaan E-government di Lingkup Pemerintah Daerah Kabupaten/Kota
2.16.03.2.02.0001 Pengelolaan Pusat Data Pemerintahan Daerah
2.16.03.2.02.0005 Pengembangan dan Pengelolaan Ekosistem Kabupaten/Kota Cerdas dan Kota Cerdas
2.16.03.2.02.0020 Penyelenggaraan Sistem Jaringan Intra Pemerintah Daerah
2.17.06 PROGRAM PEMBERDAYAAN DAN PERLINDUNGAN KOPERASI
2.17.06.2.01 Pemberdayaan dan Perlindungan Koperasi yang Keanggotaannya dalam Daerah Kabupaten/Kota
2.17.06.2.01.0001 Peningkatan Produktivitas, Nilai Tambah, Akses Pasar, Akses Pembiayaan, Penguatan Kelembagaan, Penataan Manajemen, Standardisasi, dan Restrukturisasi Usaha Koperasi
2.17.07 PROGRAM PEMBERDAYAAN USAHA MENENGAH, USAHA KECIL, DAN USAHA MIKRO (UMKM)
2.17.07.2.01 Pemberdayaan Usaha Mikro yang Dilakukan Melalui Pendataan, Kemitraan, Kemudahan Perizinan, Penguatan Kelembagaan dan Koordinasi dengan Para Pemangku Kepentingan
2.17.07.2.01.0001 Fasilitasi Kemudahan Perizinan Berusaha Bagi Usaha Mikro
2.17.07.2.01.0002 Pendataan Potensi dan Pengembangan Usaha Mikro
2.17.08 PROGRAM PENGEMBANGAN UMKM
2.17.08.2.01 Pengembangan Usaha Mikro dengan Orientasi Peningkatan Skala Usaha Menjadi Usaha Kecil
2.17.08.2.01.0001 Pelatihan Kewirausahaan dan Pendampingan Usaha Mikro
2.18.02 PROGRAM PENGEMBANGAN IKLIM PENANAMAN MODAL
2.18.02.2.01 Penetapan Pemberian Fasilitas/Insentif di Bidang Penanaman Modal yang Menjadi Kewenangan Daerah Kabupaten/Kota
2.18.02.2.01.0001 Pemberian Fasilitas Insentif dan Kemudahan Penanaman Modal
2.18.03 PROGRAM PROMOSI PENANAMAN MODAL
2.18.03.2.01 Penyelenggaraan Promosi Penanaman Modal yang Menjadi Kewenangan Daerah Kabupaten/Kota
2.18.03.2.01.0001 Penyusunan Peta Potensi dan Peluang Usaha Kabupaten/Kota
2.18.03.2.01.0002 Pelaksanaan Kegiatan Promosi Penanaman Modal Daerah Kabupaten/Kota
2.18.04 PROGRAM PELAYANAN PENANAMAN MODAL
2.18.04.2.01 Pelayanan Perizinan dan Nonperizinan secara Terpadu Satu Pintu di Bidang Penanaman Modal yang Menjadi Kewenangan Daerah Kabupaten/Kota
2.18.04.2.01.0001 Penyediaan Pelayanan Terpadu Perizinan dan Nonperizinan Berbasis Sistem Pelayanan Perizinan Berusaha Terintegrasi secara Elektronik
2.18.05 PROGRAM PENGENDALIAN PELAKSANAAN PENANAMAN MODAL
2.18.05.2.01 Pengendalian Pelaksanaan Penanaman Modal yang Menjadi Kewenangan Daerah Kabupaten/Kota
2.18.05.2.01.0001 Pemantauan Pemenuhan Komitmen Perizinan Berusaha dan Realisasi Investasi
2.19.02 PROGRAM PENGEMBANGAN KAPASITAS DAYA SAING KEPEMUDAAN
2.19.02.2.02 Pemberdayaan dan Pengembangan Pemuda Kabupaten/Kota
2.19.02.2.02.0001 Pelatihan Kewirausahaan dan Kepemimpinan Pemuda
2.19.03 PROGRAM PENGEMBANGAN KAPASITAS DAYA SAING KEOLAHRAGAAN
2.19.03.2.01 Pembinaan dan Pengembangan Olahraga Prestasi Tingkat Daerah Kabupaten/Kota
2.19.03.2.01.0001 Pembinaan Atlet Berprestasi Tingkat Daerah
2.19.03.2.02 Penyelenggaraan Kejuaraan Olahraga
2.19.03.2.02.0001 Penyelenggaraan Pekan Olahraga Tingkat Kabupaten/Kota
2.19.04 PROGRAM PENGEMBANGAN KAPASITAS KEPRAMUKAAN
2.19.04.2.01 Pembinaan dan Pengembangan Organisasi Kepramukaan
2.19.04.2.01.0001 Penguatan Kapasitas Gerakan Pramuka
2.23.02 PROGRAM PEMBINAAN PERPUSTAKAAN
2.23.02.2.01 Pengelolaan Perpustakaan Tingkat Daerah Kabupaten/Kota
2.23.02.2.01.0001 Pengembangan Layanan Perpustakaan Berbasis Inklusi Sosial
2.23.02.2.01.0004 Pengembangan Koleksi Perpustakaan
2.23.02.2.02 Pembudayaan Gemar Membaca Tingkat Daerah Kabupaten/Kota
2.23.02.2.02.0001 Penyelenggaraan Gerakan Gemar Membaca dan Peningkatan Literasi Masyarakat
2.23.03 PROGRAM PELESTARIAN KOLEKSI NASIONAL DAN NASKAH KUNO
2.23.03.2.01 Pelestarian Naskah Kuno Milik Daerah Kabupaten/Kota
2.23.03.2.01.0001 Inventarisasi dan Digitalisasi Naskah Kuno
2.24.02 PROGRAM PENGELOLAAN ARSIP
2.24.02.2.01 Pengelolaan Arsip Dinamis Pemerintah Daerah Kabupaten/Kota
2.24.02.2.01.0001 Pembinaan dan Pengawasan Pengelolaan Arsip Dinamis
2.24.02.2.02 Pengelolaan Arsip Statis Daerah Kabupaten/Kota
2.24.02.2.02.0001 Akuisisi dan Pengolahan Arsip Statis
2.24.03 PROGRAM PERLINDUNGAN DAN PENYELAMATAN ARSIP
2.24.03.2.01 Pemusnahan Arsip di Lingkungan Pemerintah Daerah Kabupaten/Kota yang Memiliki Retensi di Bawah 10 (sepuluh) Tahun
2.24.03.2.01.0001 Penilaian dan Pemusnahan Arsip
3.25.03 PROGRAM PENGELOLAAN PERIKANAN TANGKAP
3.25.03.2.01 Pemberdayaan Nelayan Kecil dalam Daerah Kabupaten/Kota
3.25.03.2.01.0001 Peningkatan Kapasitas dan Sarana Usaha Nelayan Kecil
3.25.04 PROGRAM PENGELOLAAN PERIKANAN BUDIDAYA
3.25.04.2.03 Pemberdayaan Pembudi Daya Ikan Kecil
3.25.04.2.03.0001 Penyediaan Sarana dan Prasarana Pembudidayaan Ikan
3.25.04.2.03.0002 Pendampingan Teknis Pembudi Daya Ikan Kecil
3.25.06 PROGRAM PENGOLAHAN DAN PEMASARAN HASIL PERIKANAN
3.25.06.2.01 Pembinaan Mutu dan Keamanan Hasil Perikanan bagi Usaha Pengolahan dan Pemasaran Skala Mikro dan Kecil
3.25.06.2.01.0001 Pembinaan dan Pendampingan Usaha Pengolahan Hasil Perikanan Skala Mikro dan Kecil
3.26.02 PROGRAM PENINGKATAN DAYA TARIK DESTINASI PARIWISATA
3.26.02.2.01 Pengelolaan Daya Tarik Wisata Kabupaten/Kota
3.26.02.2.01.0001 Penataan dan Pengembangan Daya Tarik Wisata
3.26.02.2.01.0002 Pembangunan Sarana dan Prasarana Destinasi Wisata
3.26.03 PROGRAM PEMASARAN PARIWISATA
3.26.03.2.01 Pemasaran Pariwisata Dalam dan Luar Negeri Daya Tarik, Destinasi dan Kawasan Strategis Pariwisata Kabupaten/Kota
3.26.03.2.01.0001 Penyelenggaraan Promosi Pariwisata Daerah
3.26.03.2.01.0002 Penyelenggaraan Festival Budaya dan Pariwisata Daerah
3.26.05 PROGRAM PENGEMBANGAN SUMBER DAYA PARIWISATA DAN EKONOMI KREATIF
3.26.05.2.01 Pelaksanaan Peningkatan Kapasitas Sumber Daya Manusia Pariwisata dan Ekonomi Kreatif Tingkat Dasar
3.26.05.2.01.0001 Peningkatan Kapasitas Pelaku Usaha Pariwisata dan Kelompok Sadar Wisata
3.27.02 PROGRAM PENYEDIAAN DAN PENGEMBANGAN SARANA PERTANIAN
3.27.02.2.01 Pengawasan Penggunaan Sarana Pendukung Pertanian sesuai dengan Komoditas, Teknologi dan Spesifik Lokasi
3.27.02.2.01.0001 Pengawasan Penyaluran dan Penggunaan Pupuk Bersubsidi
3.27.02.2.03 Pengelolaan Sumber Daya Genetik (SDG) Hewan, Tumbuhan, dan Mikro Organisme Kewenangan Kabupaten/Kota
3.27.02.2.03.0001 Penyediaan Benih/Bibit Unggul Tanaman Pangan dan Hortikultura
3.27.03 PROGRAM PENYEDIAAN DAN PENGEMBANGAN PRASARANA PERTANIAN
3.27.03.2.01 Pengembangan Prasarana Pertanian
3.27.03.2.01.0001 Pembangunan Jaringan Irigasi Tersier dan Jalan Usaha Tani
3.27.04 PROGRAM PENGENDALIAN KESEHATAN HEWAN DAN KESEHATAN MASYARAKAT VETERINER
3.27.04.2.01 Pengendalian dan Penanggulangan Penyakit Hewan Menular dan Zoonosis
3.27.04.2.01.0001 Vaksinasi dan Pengobatan Hewan Ternak
3.27.07 PROGRAM PENYULUHAN PERTANIAN
3.27.07.2.01 Pelaksanaan Penyuluhan Pertanian
3.27.07.2.01.0001 Peningkatan Kapasitas Kelembagaan Penyuluhan Pertanian dan Kelompok Tani
3.30.03 PROGRAM PENINGKATAN SARANA DISTRIBUSI PERDAGANGAN
3.30.03.2.01 Pembangunan dan Pengelolaan Sarana Distribusi Perdagangan
3.30.03.2.01.0001 Revitalisasi Pasar Rakyat
3.30.03.2.01.0004 Pengelolaan dan Pemeliharaan Pasar Rakyat
3.30.04 PROGRAM STABILISASI HARGA BARANG KEBUTUHAN POKOK DAN BARANG PENTING
3.30.04.2.01 Menjamin Ketersediaan Barang Kebutuhan Pokok dan Barang Penting di Tingkat Daerah Kabupaten/Kota
3.30.04.2.01.0001 Pemantauan Harga dan Stok Barang Kebutuhan Pokok dan Barang Penting
3.30.04.2.01.0002 Pelaksanaan Operasi Pasar dan Pasar Murah
3.30.06 PROGRAM STANDARDISASI DAN PERLINDUNGAN KONSUMEN
3.30.06.2.01 Pelaksanaan Metrologi Legal
3.30.06.2.01.0001 Tera dan Tera Ulang Alat Ukur, Takar, Timbang dan Perlengkapannya
3.31.02 PROGRAM PERENCANAAN DAN PEMBANGUNAN INDUSTRI
3.31.02.2.01 Penyusunan, Penerapan dan Evaluasi Rencana Pembangunan Industri Kabupaten/Kota
3.31.02.2.01.0001 Penyusunan Rencana Pembangunan Industri Kabupaten/Kota
3.31.03 PROGRAM PENGENDALIAN IZIN USAHA INDUSTRI
3.31.03.2.01 Penerbitan Izin Usaha Industri Kecil dan Menengah
3.31.03.2.01.0001 Pembinaan dan Pendampingan Industri Kecil dan Menengah
4.01.02 PROGRAM PEMERINTAHAN DAN KESEJAHTERAAN RAKYAT
4.01.02.2.01 Pelaksanaan Kebijakan Pemerintahan
4.01.02.2.01.0001 Fasilitasi Penyelenggaraan Administrasi Pemerintahan dan Kewilayahan
4.01.02.2.01.0004 Fasilitasi Penyusunan Produk Hukum Daerah
4.01.02.2.02 Pelaksanaan Kebijakan Kesejahteraan Rakyat
4.01.02.2.02.0001 Fasilitasi Pelaksanaan Kebijakan Bidang Keagamaan dan Kemasyarakatan
4.01.03 PROGRAM PEREKONOMIAN DAN PEMBANGUNAN
4.01.03.2.02 Pelaksanaan Administrasi Pembangunan
4.01.03.2.02.0001 Pengendalian dan Evaluasi Pelaksanaan Program Pembangunan Daerah
4.01.03.2.03 Pengelolaan Pengadaan Barang dan Jasa
4.01.03.2.03.0001 Pengelolaan Layanan Pengadaan Secara Elektronik
4.01.03.2.04 Pelaksanaan Kebijakan Perekonomian
4.01.03.2.04.0001 Fasilitasi Pengendalian Inflasi Daerah
4.02.02 PROGRAM DUKUNGAN PELAKSANAAN TUGAS DAN FUNGSI DPRD
4.02.02.2.01 Pembentukan Peraturan Daerah dan Peraturan DPRD
4.02.02.2.01.0002 Pembahasan Rancangan Peraturan Daerah
4.02.02.2.02 Pembahasan Kebijakan Anggaran
4.02.02.2.02.0001 Pembahasan KUA dan PPAS
4.02.02.2.02.0003 Pembahasan Rancangan Peraturan Daerah tentang APBD
4.02.02.2.03 Pengawasan Penyelenggaraan Pemerintahan
4.02.02.2.03.0001 Pengawasan Urusan Pemerintahan
4.02.02.2.05 Penyerapan dan Penghimpunan Aspirasi Masyarakat
4.02.02.2.05.0001 Pelaksanaan Reses
5.01.02 PROGRAM PERENCANAAN, PENGENDALIAN DAN EVALUASI PEMBANGUNAN DAERAH
5.01.02.2.01 Penyusunan Perencanaan dan Pendanaan
5.01.02.2.01.0001 Penyusunan Dokumen Perencanaan Pembangunan Daerah Jangka Menengah (RPJMD)
5.01.02.2.01.0002 Penyusunan Dokumen Rencana Kerja Pemerintah Daerah (RKPD)
5.01.02.2.01.0007 Penyelenggaraan Musyawarah Perencanaan Pembangunan (Musrenbang)
5.01.02.2.02 Analisis Data dan Informasi Perencanaan Pembangunan Daerah
5.01.02.2.02.0001 Pengelolaan Sistem Informasi Pemerintahan Daerah Bidang Perencanaan Pembangunan Daerah
5.01.02.2.03 Pengendalian, Evaluasi dan Pelaporan Pembangunan Daerah
5.01.02.2.03.0001 Evaluasi Hasil Pelaksanaan Rencana Pembangunan Daerah
5.01.02.2.03.0003 Penyusunan Laporan Kinerja Pemerintah Daerah
5.01.03 PROGRAM KOORDINASI DAN SINERGI PERENCANAAN PEMBANGUNAN DAERAH
5.01.03.2.01 Koordinasi Perencanaan Pembangunan Daerah
5.01.03.2.01.0001 Koordinasi Percepatan Penurunan Stunting dan Penanggulangan Kemiskinan Daerah
5.02.02 PROGRAM PENGELOLAAN KEUANGAN DAERAH
5.02.02.2.01 Koordinasi dan Penyusunan Rencana Anggaran Daerah
5.02.02.2.01.0001 Koordinasi dan Penyusunan Kebijakan Umum Anggaran dan Prioritas Plafon Anggaran Sementara
5.02.02.2.01.0003 Penyusunan Rancangan Peraturan Daerah tentang APBD dan Rancangan Peraturan Kepala Daerah tentang Penjabaran APBD
5.02.02.2.04 Koordinasi Pelaksanaan Akuntansi dan Pelaporan Keuangan Daerah
5.02.02.2.04.0003 Penyusunan Laporan Keuangan Pemerintah Daerah
5.02.02.2.04.0006 Penyusunan Tindak Lanjut Laporan Hasil Pemeriksaan BPK
5.02.03 PROGRAM PENGELOLAAN BARANG MILIK DAERAH
5.02.03.2.01 Pengelolaan Barang Milik Daerah
5.02.03.2.01.0004 Penatausahaan dan Inventarisasi Barang Milik Daerah
5.02.03.2.01.0009 Pengamanan Barang Milik Daerah
5.02.04 PROGRAM PENGELOLAAN PENDAPATAN DAERAH
5.02.04.2.01 Pengelolaan Pendapatan Daerah
5.02.04.2.01.0002 Pendataan dan Pendaftaran Objek Pajak Daerah
5.02.04.2.01.0004 Pelayanan dan Penagihan Pajak Bumi dan Bangunan Perdesaan dan Perkotaan
5.03.02 PROGRAM KEPEGAWAIAN DAERAH
5.03.02.2.01 Pengadaan, Pemberhentian dan Informasi Kepegawaian ASN
5.03.02.2.01.0001 Pengelolaan Sistem Informasi Kepegawaian
5.03.02.2.01.0002 Koordinasi dan Pelaksanaan Pengadaan ASN
5.03.02.2.04 Penilaian dan Evaluasi Kinerja Aparatur
5.03.02.2.04.0001 Pengelolaan Penilaian Kinerja Pegawai
5.03.02.2.05 Pengembangan Sumber Daya Manusia
5.03.02.2.05.0001 Pengembangan Kompetensi Teknis dan Manajerial Aparatur
5.05.02 PROGRAM PENELITIAN DAN PENGEMBANGAN DAERAH
5.05.02.2.01 Penelitian dan Pengembangan Pemerintahan Daerah
5.05.02.2.01.0001 Kajian Kebijakan Penyelenggaraan Pemerintahan Daerah
5.05.02.2.02 Penelitian dan Pengembangan Inovasi Daerah
5.05.02.2.02.0001 Fasilitasi dan Penilaian Inovasi Daerah
6.01.02 PROGRAM PENYELENGGARAAN PENGAWASAN
6.01.02.2.01 Penyelenggaraan Pengawasan Internal
6.01.02.2.01.0001 Pengawasan Kinerja Pemerintah Daerah
6.01.02.2.01.0002 Pengawasan Keuangan Pemerintah Daerah
6.01.02.2.01.0003 Reviu Laporan Kinerja dan Laporan Keuangan
6.01.02.2.02 Penyelenggaraan Pengawasan dengan Tujuan Tertentu
6.01.02.2.02.0001 Pengawasan dengan Tujuan Tertentu atas Pengaduan Masyarakat
6.01.03 PROGRAM PERUMUSAN KEBIJAKAN, PENDAMPINGAN DAN ASISTENSI
6.01.03.2.01 Perumusan Kebijakan Teknis di Bidang Pengawasan dan Fasilitasi Pengawasan
6.01.03.2.01.0002 Koordinasi Pengawasan dan Tindak Lanjut Hasil Pemeriksaan
6.01.03.2.02 Pendampingan dan Asistensi
6.01.03.2.02.0001 Pendampingan dan Asistensi Penerapan Sistem Pengendalian Intern Pemerintah
6.01.03.2.02.0002 Evaluasi Akuntabilitas Kinerja Instansi Pemerintah Perangkat Daerah
7.01.02 PROGRAM PENYELENGGARAAN PEMERINTAHAN DAN PELAYANAN PUBLIK
7.01.02.2.01 Penyelenggaraan Urusan Pemerintahan Umum
7.01.02.2.01.0001 Peningkatan Kualitas Pelayanan Administrasi Terpadu Kecamatan
7.01.02.2.02 Perencanaan Pembangunan Kecamatan
7.01.02.2.02.0001 Penyelenggaraan Musrenbang Kecamatan
7.01.03 PROGRAM PEMBERDAYAAN MASYARAKAT DESA DAN KELURAHAN
7.01.03.2.01 Pemberdayaan Masyarakat Desa/Kelurahan
7.01.03.2.01.0001 Fasilitasi Kegiatan Pemberdayaan Kesejahteraan Keluarga dan Lembaga Kemasyarakatan
7.01.04 PROGRAM KOORDINASI KETENTRAMAN DAN KETERTIBAN UMUM
7.01.04.2.01 Koordinasi Upaya Penyelenggaraan Ketenteraman dan Ketertiban Umum
7.01.04.2.01.0001 Sinergi dengan Aparat Keamanan dalam Penyelenggaraan Ketenteraman dan Ketertiban Umum
7.01.06 PROGRAM PEMBINAAN DAN PENGAWASAN PEMERINTAHAN DESA
7.01.06.2.01 Fasilitasi Penyelenggaraan Pemerintahan Desa
7.01.06.2.01.0001 Pembinaan dan Pengawasan Pengelolaan Keuangan Desa
8.01.02 PROGRAM PENGUATAN IDEOLOGI PANCASILA DAN KARAKTER KEBANGSAAN
8.01.02.2.01 Perumusan Kebijakan Teknis dan Pemantapan Pelaksanaan Bidang Ideologi Pancasila dan Karakter Kebangsaan
8.01.02.2.01.0001 Penguatan Wawasan Kebangsaan dan Nilai-Nilai Pancasila
8.01.03 PROGRAM PENINGKATAN PERAN PARTAI POLITIK DAN LEMBAGA PENDIDIKAN MELALUI PENDIDIKAN POLITIK DAN PENGEMBANGAN ETIKA SERTA BUDAYA POLITIK
8.01.03.2.01 Perumusan Kebijakan Teknis dan Pemantapan Pelaksanaan Bidang Pendidikan Politik, Etika Budaya Politik, Peningkatan Demokrasi, Fasilitasi Kelembagaan Pemerintahan, Perwakilan dan Partai Politik
8.01.03.2.01.0001 Pendidikan Politik bagi Pemilih Pemula dan Masyarakat
8.01.06 PROGRAM PENINGKATAN KEWASPADAAN NASIONAL DAN PENINGKATAN KUALITAS DAN FASILITASI PENANGANAN KONFLIK SOSIAL
8.01.06.2.01 Perumusan Kebijakan Teknis dan Pemantapan Pelaksanaan Bidang Kewaspadaan Nasional dan Penanganan Konflik Sosial
8.01.06.2.01.0001 Deteksi Dini dan Penanganan Potensi Konflik Sosial
"""


def _penunjang(bidang: str) -> list[tuple[str, str]]:
    program = f"{bidang}.01"
    out = [(program, PENUNJANG)]
    for kegiatan, name, subs in _PENUNJANG_KEGIATAN:
        out.append((f"{program}.{kegiatan}", name))
        out.extend((f"{program}.{kegiatan}.{sub}", sub_name) for sub, sub_name in subs)
    return out


def _parse_programs() -> list[tuple[str, str]]:
    out = []
    for line in _PROGRAMS.strip().splitlines():
        code, _sep, name = line.strip().partition(" ")
        out.append((code, name.strip()))
    return out


def _sort_key(code: str) -> tuple[int, ...]:
    return tuple(int(part) for part in code.split("."))


def rows() -> list[tuple[str, str]]:
    """(code, name) of every item, in code order."""
    items: list[tuple[str, str]] = list(URUSAN.items()) + list(BIDANG.items())
    for bidang in BIDANG:
        items.extend(_penunjang(bidang))
    items.extend(_parse_programs())
    return sorted(items, key=lambda item: _sort_key(item[0]))


def programs_of(bidang: str) -> list[str]:
    """Program codes of a bidang in the demo list (01 first)."""
    return [
        code for code, _name in rows() if code.count(".") == 2 and code.startswith(bidang + ".")
    ]
