"""The two decrees in services/seed_sources/, transcribed word for word as structured data.

Every string here appears in the source texts (tests/services/test_seed_fidelity.py checks it),
except the few listed in SOURCE_CORRECTIONS: addresses and handles that the scanned text
misspells and that a citizen would otherwise follow to nowhere.
"""

# Typed once as the decree prints it, then corrected; a citizen taps these, so they must work.
SOURCE_CORRECTIONS = {
    "http://capil.balikipapan.go.id": "http://capil.balikpapan.go.id",
    "capil.balikipapan@gmail.com": "capil.balikpapan@gmail.com",
    "@Disdukcapiibalikipapan": "@Disdukcapilbalikpapan",
    "@Disdukcabil Balikpapan": "@Disdukcapilbalikpapan",
    "#disdukcapiilbpn": "#disdukcapilbpn",
    "#disdukcabilbpn": "#disdukcapilbpn",
}

OFFICE = {
    "office_name": "Dinas Kependudukan dan Pencatatan Sipil Kota Balikpapan",
    "address": "Jl. MT. Haryono No. 187 RT. 026",
    "city_postcode": "BALIKPAPAN 76114",
    "phone": "(0542) 876292",
    "fax": "(0542) 876911",
}

# domain.md section 7: the six service points and their Kemendagri region codes.
KECAMATAN = [
    ("64.71.01", "Balikpapan Timur"),
    ("64.71.02", "Balikpapan Barat"),
    ("64.71.03", "Balikpapan Utara"),
    ("64.71.04", "Balikpapan Tengah"),
    ("64.71.05", "Balikpapan Selatan"),
    ("64.71.06", "Balikpapan Kota"),
]

# Component 7 of both standards (Lampiran II), in the decree's order.
REGULATIONS = [
    {
        "key": "uu-24-2013",
        "kind": "uu",
        "number": "24",
        "year": 2013,
        "designation": "UU No. 24 Tahun 2013",
        "title": "Perubahan Atas UU No. 23 Tahun 2006 tentang Administrasi Kependudukan",
    },
    {
        "key": "perpres-96-2018",
        "kind": "perpres",
        "number": "96",
        "year": 2018,
        "designation": "Perpres No. 96 Tahun 2018",
        "title": "Persyaratan dan Tata Cara Pendaftaran Penduduk dan Pencatatan Sipil",
    },
    {
        "key": "permendagri-74-2015",
        "kind": "permen",
        "number": "74",
        "year": 2015,
        "designation": "Permendagri No. 74 Tahun 2015",
        "title": "Tata Cara Perubahan Elemen Data Penduduk Dalam Kartu Tanda Penduduk Elektronik",
    },
    {
        "key": "permendagri-109-2019",
        "kind": "permen",
        "number": "109",
        "year": 2019,
        "designation": "Permendagri No. 109 Tahun 2019",
        "title": "Formulir dan Buku yang Digunakan dalam Pelayanan Adminduk",
    },
    {
        "key": "permendagri-2-2023",
        "kind": "permen",
        "number": "2",
        "year": 2023,
        "designation": "Peraturan Menteri Dalam Negeri RI Nomor 2 Tahun 2023",
        "title": (
            "Perubahan atas Peraturan Menteri Dalam Negeri Nomor 7 Tahun 2019 tentang "
            "Pelayanan Administrasi Kependudukan Secara Daring"
        ),
    },
]

# Component 6: one record for both standards (domain.md section 1).
COMPLAINT_CHANNELS = {
    "name": "Kanal Pengaduan, Saran, dan Masukan Disdukcapil Kota Balikpapan",
    "channels": [
        ("suggestion_box", "Kotak Saran di Ruang Pelayanan"),
        ("whatsapp", "+62 816-4560-909"),
        ("whatsapp", "+62 816-4561-111"),
        ("whatsapp", "+62 816-4560-808"),
        ("email", "capil.balikpapan@gmail.com"),
        ("website", "http://capil.balikpapan.go.id"),
        ("facebook", "@Disdukcapilbalikpapan"),
        ("instagram", "#disdukcapilbpn"),
    ],
}

HOME = {
    "title": "Layanan Administrasi Kependudukan Kota Balikpapan",
    "slug": "beranda",
    "intro": (
        "Standar pelayanan, syarat, dan prosedur layanan administrasi kependudukan di kecamatan "
        "se-Kota Balikpapan, sebagaimana ditetapkan Dinas Kependudukan dan Pencatatan Sipil."
    ),
}
SERVICE_INDEX = {
    "title": "Layanan",
    "slug": "layanan",
    "intro": "Standar pelayanan administrasi kependudukan di kecamatan: syarat, prosedur, waktu, dan biaya.",
}
DECREE_INDEX = {
    "title": "Produk Hukum",
    "slug": "produk-hukum",
    "intro": "Keputusan Kepala Dinas Kependudukan dan Pencatatan Sipil yang menetapkan standar dan prosedur layanan.",
}

_KTP_ONLINE_LOST_OR_DAMAGED = [
    "Pemohon mengakses web Disdukcapil Balikpapan (http://capil.balikpapan.go.id).",
    "Pemohon memilih layanan online (semua jenis layanan dukcapil online).",
    "Pemohon melakukan pendaftaran dalam web pelayanan untuk mendapatkan akun.",
    "Pemohon log in pada akun pelayanan online dan memilih menu pelayanan cetak KTP.",
    "Pemohon mengisi formulir pelayanan dan mengunggah dokumen kelengkapan pada aplikasi.",
    "Pemohon menunggu proses verifikasi yang dilakukan oleh petugas. Bila sudah benar akan dilanjutkan, "
    "apabila tidak sesuai akan dikembalikan kepada pemohon untuk memperbaiki permohonannya.",
    "Pemohon mendapat notifikasi untuk pengambilan KTP el melalui riwayat permohonan.",
    "Pemohon datang ke Kantor Kecamatan setempat/ melalui jasa pengiriman online untuk pengambilan KTP elektronik.",
]
_KTP_WALK_IN_LOST_OR_DAMAGED = [
    "Pemohon datang ke Kantor Kecamatan dengan membawa surat kehilangan dari kepolisian (bagi KTP-el yang hilang) "
    "atau KTP-el yang rusak untuk permohonan cetak KTP-el.",
]
_KTP_ONLINE_DATA_CHANGE = [
    "Pemohon mengakses web Disdukcapil Balikpapan (http://capil.balikpapan.go.id)",
    "Pemohon memilih layanan online (semua jenis layanan dukcapil online)",
    "Pemohon melakukan pendaftaran dalam web pelayanan untuk mendapatkan akun",
    "Pemohon log in pada akun pelayanan online dan memilih menu pelayanan kehilangan, kerusakan, cetak ulang KK "
    "atau cetak KTP (karena kehilangan, kerusakan, perubahan data, penggantian suket)",
    "Pemohon mengisi formulir pelayanan dan mengunggah dokumen kelengkapan pada aplikasi",
    "Pemohon menunggu proses verifikasi yang dilakukan oleh petugas. Bila sudah benar akan dilanjutkan, "
    "apabila tidak sesuai akan dikembalikan kepada pemohon untuk memperbaiki permohonannya",
    "Pemohon mendapat notifikasi untuk pengambilan KTP el melalui Riwayat permohonan",
    "Pemohon datang ke Kantor Kecamatan setempat/ melalui jasa pengiriman online untuk pengambilan KTP elektronik.",
]

_FACILITIES_COMMON_TAIL = [
    "Ruang Tunggu",
    "Kursi Tunggu",
    "AC",
    "Nomor Antrian",
    "Kursi roda bagi penyandang disabilitas, dll",
    "Toilet",
    "Toilet disabilitas",
    "Jalur landai bagi penyandang disabilitas",
]

# Components 9-14 read the same in both standards.
_MANAGEMENT = {
    "competencies": ["Memiliki keterampilan mengoperasikan komputer", "Memiliki inovasi dalam bekerja"],
    "supervision_internal": (
        "pengawasan kedisiplinan petugas operator melalui CCTV, pengelolaan pengaduan berjenjang mulai dari "
        "atasan langsung petugas, pengawasan kehadiran petugas/operator."
    ),
    "supervision_external": (
        "pengelolaan pengaduan oleh atasan/pimpinan dikarenakan adanya pengaduan masyarakat melalui kotak saran, "
        "media sosial dan SMS/WA"
    ),
    "staffing_heading": "Operator Pelaksana",
    "staffing": [
        ("Petugas informasi", 1),
        ("Operator pencetakan KTP-EI dan Pendaftaran IKD", 1),
        ("Petugas layanan pengaduan", 1),
    ],
    "service_guarantee": "Memberikan pelayanan yang mudah, cepat, tepat dan berkualitas",
    "safety_guarantees": [
        "Tersedia alat pemadam kebakaran",
        "Tersedia alarm kebakaran",
        "Dokumen yang diterima terdaftar dan terintegrasi dengan nomor seri/barcode",
        "Tersedianya jalur evakuasi",
        "Ruangan diawasi dengan CCTV",
    ],
    "evaluation": [
        "Dilakukan evaluasi pekerjaan setiap 3-6 bulan sekali",
        "Melakukan survey kepuasan masyarakat terhadap pelayanan yang diberikan",
    ],
}

STANDARDS = [
    {
        "slug": "cetak-ktp-el",
        "title": "Cetak Kartu Tanda Penduduk Elektronik (KTP-el)",
        "summary": (
            "Pencetakan KTP-el baru, dan penggantian KTP-el yang hilang, rusak, atau berubah datanya, "
            "di kantor kecamatan. Tanpa biaya, selesai dalam 1 hari kerja."
        ),
        "variants": [
            {
                "code": "baru",
                "name": "KTP Elektronik Baru",
                "heading_in_decree": "",
                "requirements": ["Kartu Keluarga"],
                "procedures": [
                    (
                        "walk_in",
                        [
                            "Pemohon KTP-el baru usia 17 tahun atau baru rekam KTP-el datang ke kantor kecamatan "
                            "dengan menunjukkan Kartu Keluarga atau menginformasikan Nomor Induk Kependudukan (NIK)."
                        ],
                    )
                ],
            },
            {
                "code": "hilang",
                "name": "Pergantian KTP Elektronik karena Hilang",
                "heading_in_decree": "Pergantian KTP Elektronik, karena Hilang atau Rusak",
                "requirements": [
                    "Fotocopy Kartu Keluarga",
                    "Surat Keterangan hilang dari Kepolisian (untuk KTP-el yang hilang)",
                ],
                "procedures": [("online", _KTP_ONLINE_LOST_OR_DAMAGED), ("walk_in", _KTP_WALK_IN_LOST_OR_DAMAGED)],
            },
            {
                "code": "rusak",
                "name": "Pergantian KTP Elektronik karena Rusak",
                "heading_in_decree": "Pergantian KTP Elektronik, karena Hilang atau Rusak",
                "requirements": ["Fotocopy Kartu Keluarga", "KTP-el yang rusak (untuk KTP-el yang rusak)"],
                "procedures": [("online", _KTP_ONLINE_LOST_OR_DAMAGED), ("walk_in", _KTP_WALK_IN_LOST_OR_DAMAGED)],
                "collect_with": ["KTP-el yang rusak"],
            },
            {
                "code": "perubahan-data",
                "name": "Pergantian KTP Elektronik karena Perubahan Data",
                "heading_in_decree": "Pergantian KTP Elektronik, karena Perubahan Data",
                "requirements": ["Kartu Keluarga terbaru", "KTP lama"],
                "collect_with": ["KTP-el lama"],
                "procedures": [
                    ("online", _KTP_ONLINE_DATA_CHANGE),
                    (
                        "walk_in",
                        [
                            "Pemohon datang ke Kecamatan dengan membawa Kartu Keluarga dan KTP-el yang terdapat "
                            "perubahan data untuk permohonan cetak KTP-el"
                        ],
                    ),
                ],
            },
        ],
        "duration_value": 1,
        "duration_unit": "working_days",
        "fee_amount": 0,
        "fee_note": "Tanpa dipungut biaya",
        "product": "KTP Elektronik",
        "facilities": [
            "Aplikasi Layanan Online Berbasis Website",
            "Komputer / Laptop",
            "Jaringan Internet",
            "Server",
            "Fargo (mesin cetak KTP)",
            "Alat Tulis Kantor (ATK)",
            *_FACILITIES_COMMON_TAIL,
        ],
        **_MANAGEMENT,
    },
    {
        "slug": "pendaftaran-ikd",
        "title": "Pendaftaran Identitas Kependudukan Digital (IKD)",
        "summary": (
            "Aktivasi KTP digital (IKD) di ponsel, dengan satu kunjungan ke kantor kecamatan untuk memindai "
            "kode QR. Tanpa biaya, selesai dalam 1 hari kerja."
        ),
        "variants": [
            {
                "code": "ikd",
                "name": "Pendaftaran Identitas Kependudukan Digital (IKD)",
                "heading_in_decree": "",
                "requirements": [
                    "Memiliki KTP Elektronik",
                    "Memiliki Nomor HP Aktif",
                    "Memiliki Alamat Email Aktif",
                    "Memiliki smartphone android versi 10 dan iphone versi 12",
                ],
                "procedures": [
                    (
                        "general",
                        [
                            "Pemohon mendownload aplikasi Identitas Kependudukan Digital di Play Store atau Apsstore",
                            "Pemohon memasukkan NIK, Alamat Email Aktif, dan Nomor HP Aktif",
                            "Pemohon melakukan verifikasi wajah",
                            "Pemohon datang ke Kecamatan untuk melakukan scan QR Code",
                            "Pemohon mengecek email dari SIAK Terpusat identitas digital dan Klik tombol aktivasi",
                            "Pemohon memasukkan kode aktivasi yang diterima di email dan captcha kemudian klik aktifkan",
                            "Pemohon membuka aplikasi Identitas Kependudukan Digital (IKD) dan memasukkan PIN sesuai "
                            "dengan kode aktivasi yang diterima di email",
                            "Pemohon dapat merubah PIN sesuai dengan yang diinginkan.",
                        ],
                    )
                ],
            }
        ],
        "duration_value": 1,
        "duration_unit": "working_days",
        "fee_amount": 0,
        "fee_note": "Tanpa dipungut biaya",
        "product": "Aktivasi Identitas Kependudukan Digital (IKD)",
        "facilities": ["Komputer / Laptop", "Smartphone", "Jaringan Internet", "Server", *_FACILITIES_COMMON_TAIL],
        **_MANAGEMENT,
    },
]

_SIGNATORY_TITLE = "Kepala Dinas Kependudukan dan Pencatatan Sipil Kota Balikpapan"

GUIDELINE_DECREE = {
    "slug": "keputusan-188-46-5-disdukcapil-2024",
    "title": "Pedoman Teknis dan Standar Pelayanan (SP) Pelayanan Administrasi Kependudukan di Kecamatan",
    "number": "188.46 / 5 / DISDUKCAPIL / 2024",
    "about": "Pedoman Teknis dan Standar Pelayanan (SP) Pelayanan Administrasi Kependudukan di Kecamatan",
    "signed_place": "Balikpapan",
    "signed_on": None,
    "signed_on_text": "Januari 2024",
    "signed_year": 2024,
    "signatory_title": _SIGNATORY_TITLE,
    "signatory_name": "TIRTA DEWI",
    "considerations": [
        "bahwa dalam rangka melaksanakan ketentuan diktum Keempat Keputusan Wali Kota Balikpapan Nomor :188.45-154/2024 "
        "tentang Pembentukan Satuan Kerja Pelaksana Pelayanan Administrasi Kependudukan di Kecamatan, perlu disusun "
        "Pedoman Teknis dan Standar Pelayanan (SP) Pelayanan Administrasi Kependudukan di Kecamatan;",
        "bahwa berdasarkan pertimbangan sebagaimana dimaksud dalam huruf a, perlu ditetapkan dalam Keputusan Kepala "
        "Dinas Kependudukan dan Pencatatan Sipil Kota Balikpapan.",
    ],
    "legal_bases": [
        "Undang-Undang Nomor 24 Tahun 2013 tentang Perubahan Atas Undang-Undang Nomor 23 Tahun 2006 tentang "
        "Administrasi Kependudukan;",
        "Peraturan Presiden RI Nomor 96 Tahun 2018 tentang Persyaratan dan Tata Cara Pendaftaran Penduduk dan "
        "Pencatatan Sipil;",
        "Peraturan Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi Nomor 15 Tahun 2014 tentang "
        "Pedoman Standae Pelayanan;",
        "Peraturan Menteri Dalam Negeri RI Nomor 19 Tahun 2018 tentang Peningkatan Kualitas Layanan Administrasi "
        "Kependudukan;",
        "Peraturan Menteri Dalam Negeri RI Nomor 2 Tahun 2023 tentang Perubahan atas Peraturan Menteri Dalam Negeri "
        "Nomor 7 Tahun 2019 tentang Pelayanan Adminstrasi Kependudukan Secara Daring;",
    ],
    "observing": (
        "Keputusan Wali Kota Balikpapan Nomor : 188.45-154/2024 tentang Pembentukan Satuan Kerja Pelaksana Pelayanan "
        "Administrasi Kependudukan di Kecamatan."
    ),
    "decisions": [
        (
            "KESATU",
            "Pedoman Teknis dan Standar Pelayanan (SP) Pelayanan Administrasi Kependudukan di Kecamatan sebagaimana "
            "tercantum dalam Lampiran Keputusan ini;",
            [],
        ),
        (
            "KEDUA",
            "Standar Pelayanan Administrasi Kependudukan di Kecamatan, meliputi pelayanan :",
            ["Pencetakan KTP Elektronik; dan", "Pendaftaran Identitas Kependudukan Digital (IKD)"],
        ),
        (
            "KETIGA",
            "Pedoman Teknis dan Standar Pelayanan (SP) sebagaimana dimaksud diktum Kesatu merupakan pedoman atau acuan "
            "bagi Satuan Kerja Pelaksana dalam melaksanakan tugas pelayanan administrasi kependudukan di kecamatan;",
            [],
        ),
        (
            "KEEMPAT",
            "Segala biaya yang timbul akibat ditetapkannya Keputusan ini dibebankan pada Anggaran Pendapatan dan "
            "Belanja Daerah Kota Balikpapan;",
            [],
        ),
        ("KELIMA", "Keputusan ini berlaku sejak tanggal ditetapkan.", []),
    ],
    "guideline": {
        "label": "Lampiran I",
        "title": "Pedoman Teknis Pelayanan Administrasi Kependudukan di Kecamatan",
        "roles": [
            (
                "Penanggungjawab",
                "Kepala Dinas Kependudukan dan Pencatatan Sipil Kota Balikpapan",
                [
                    "Memberikan arahan dan petunjuk kepada seluruh pelaksana dalam pelayanan cetak Kartu Tanda Penduduk "
                    "Elektronik (KTP-EI) dan Pendaftaran Identitas Kependudukan Digital (IKD) di Kecamatan se-Kota "
                    "Balikpapan; dan",
                    "Melakukan monitoring dan evaluasi terhadap pelayanan cetak Kartu Tanda Penduduk Elektronik (KTP-EI) "
                    "dan Pendaftaran Identitas Kependudukan Digital (IKD) di Kecamatan se-Kota Balikpapan.",
                ],
            ),
            (
                "Kepala Satuan Kerja Pelaksana",
                "Kepala Bidang Pelayanan Pendaftaran Penduduk Disdukcapil Kota Balikpapan",
                [
                    "Melakukan pengawasan terhadap pelaksanaan pelayanan cetak Kartu Tanda Penduduk Elektronik (KTP-EI) "
                    "dan Pendaftaran Identitas Kependudukan Digital (IKD) di Kecamatan; dan",
                    "Memantau jalannya pelaksanaan pelayanan cetak Kartu Tanda Penduduk Elektronik (KTP-EI) dan "
                    "Pendaftaran Identitas Kependudukan Digital (IKD) di Kecamatan.",
                ],
            ),
            (
                "Administrator Pengelolaan SIAK Satuan Kerja Pelaksana",
                "Kepala Bidang Pengelolaan Informasi Administrasi Kependudukan dan Pemanfaatan Data Disdukcapil "
                "Kota Balikpapan",
                [
                    "Melakukan pengelolaan operasional SIAK di Satuan Kerja Pelaksana;",
                    "Melakukan pengelolaan perangkat keras dan perangkat lunak di Satuan Kerja Pelaksana;",
                    "Melakukan pengelolaan perangkat jaringan di Satuan Kerja Pelaksana;",
                    "Melakukan pelaporan penyajian data di Satuan Kerja Pelaksana melalui aplikasi SIAK;",
                    "Melakukan pelaporan permasalahan operasional SIAK pada pusat layanan bantuan; dan",
                    "Melakukan koordinasi penyelesaian permasalahan layanan administrasi kependudukan melalui aplikasi "
                    "SIAK ke pusat.",
                ],
            ),
            (
                "Verifikator Aplikasi SIAK pada Satuan Kerja Pelaksana",
                "Analisis Kebijakan Ahli Muda Bidang Bidang Pengelolaan Informasi Administrasi Kependudukan dan "
                "Pemanfaatan Data Disdukcapil Kota Balikpapan",
                [
                    "Melakukan verifikasi dan validasi antara formulir layanan administrasi kependudukan dengan hasil "
                    "input operator SIAK;",
                    "Memberikan persetujuan atau penolakan hasil input operator SIAK; dan",
                    "Memberikan persetujuan atau penolakan proses pencetakan dokumen kependudukan.",
                ],
            ),
            (
                "Operator Aplikasi SIAK pada Satuan Kerja Pelaksana",
                "Pegawai Kecamatan yang ditugaskan sebagai Operator Pelayanan Administrasi Kependudukan di "
                "masing-masing kecamatan yang ditetapkan dengan Keputusan Wali Kota Balikpapan",
                [
                    "Melakukan pendaftaran Identitas Kependudukan Digital (IKD); dan",
                    "Melakukan pencetakan KTP-el.",
                ],
            ),
        ],
        "equipment": {
            "intro": "Alat Pencetakan Kartu Tanda Penduduk (KTP-EI) meliputi :",
            "items": ["2 Unit Komputer", "1 Fargo", "Blanko KTP-EI"],
            "provided_by": "Yang disediakan oleh Dinas Kependudukan dan Pencatatan Sipil",
        },
        "blank_card_rules_title": "Penyediaan dan penatausahaan Blanko KTP-EI",
        "blank_card_rules": [
            "Blanko disediakan oleh Dinas Kependudukan dan Pencatatan Sipil dengan pendistribusian sebanyak 2.000 "
            "keping per Kecamatan sebagai persediaan secara periodik;",
            "Blanko KTP-EI dikirimkan secara periodik oleh pengurus barang Dinas Kependudukan dan Pencatatan Sipil "
            "kepada masing-masing Kecamatan secara langsung dan/atau melalui jasa pengiriman;",
            "Masing-masing Kecamatan wajib melakukan pencatatan penerimaan dan pengeluaran blanko KTP-EI pada "
            "aplikasi Pantai Balikpapan; dan",
            "Operator Aplikasi SIAK di Kecamatan wajib mengembalikan Blanko KTP-El yang rusak, gagal cetak maupun "
            "KTP-El lama warga yang berpelayanan, kepada Dinas Kependudukan dan Pencatatan Sipil untuk dimusnahkan "
            "setiap minggu diakhir hari kerja.",
        ],
    },
    "standards_appendix": {
        "label": "Lampiran II",
        "title": "Standar Pelayanan (SP) Pelayanan Administrasi Kependudukan di Kecamatan",
    },
}

SOP_DECREE = {
    "slug": "keputusan-188-4-22-disdukcapil-2021",
    "title": "Penetapan Standar Operasional (SOP) Pelayanan Online Dinas Kependudukan dan Pencatatan Sipil",
    "number": "188.4/22/DISDUKCAPIL/2021",
    "about": "Penetapan Standar Operasional (SOP) Pelayanan Online Dinas Kependudukan dan Pencatatan Sipil",
    "signed_place": "Balikpapan",
    "signed_on": "2021-01-04",
    "signed_on_text": "4 Januari 2021",
    "signed_year": 2021,
    "signatory_title": _SIGNATORY_TITLE,
    "signatory_name": "HASBULLAH HELMI, AP., M.Si.",
    "considerations": [
        "Bahwa dalam rangka meningkatkan pelayanan Dinas Kependudukan dan Pencatatan Sipil dalam memberikan pelayanan "
        "perlu ditetapkan Standar Operasional Prosedur (SOP) selaku penyelenggara pelayanan;",
        "Bahwa untuk maksud tersebut pada point a, maka perlu ditetapkan dengan Keputusan Kepala Dinas Kependudukan "
        "dan Pencatatan Sipil Kota Balikpapan;",
    ],
    "legal_bases": [
        "Undang-Undang Nomor 25 Tahun 2009 tentang Pelayanan Publik (Lembaran Negara Republik Indonesia Tahun 2009 "
        "Nomor 112, Tambahan Lembaran Negara Republik Indonesia Nomor 5038);",
        "Peraturan Pemerintah Nomor 96 Tahun 2012 tentang Pelaksanaan Undang-Undang Nomor 25 Tahun 2009 tentang "
        "Pelayanan Publik (Lembaran Negara Republik Indonesia Tahun 2012 Nomor 215);",
        "Surat Keputusan Walikota Balikpapan Nomor 17 Tahun 2013 tentang Penyusunan Standar Operasional Prosedur, "
        "Standar Pelayanan dan Etika Pelayanan di Lingkungan Pemerintah Kota Balikpapan;",
        "Undang-Undang Nomor 24 Tahun 2013 tentang Perubahan atas Undang-Undang Nomor 23 tentang Administrasi "
        "Kependudukan (Lembaran Negara Republik Indonesia Tahun 2013 Nomor 232);",
        "Peraturan Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi Nomor 15 Tahun 2014 tentang Pedoman "
        "Standar Pelayanan;",
        "Peraturan Menteri Dalam Negeri Nomor 61 Tahun 2015 tentang Persyaratan, Ruang Lingkup dan tata Cara pemberian "
        "hak Akses serta Pemanfaatan Nomor Induk Kependudukan, Data Kependudukan dan Kartu Tanda Penduduk Elektronik "
        "(Lembaran Negara republic Indonesia Tahun 2015 Nomor 1228);",
        "Peraturan Daerah Kota Balikpapan Nomor 05 Tahun 2015 tentang Tertib Adminisrasi Kependudukan",
        "Peraturan Walikota Balikpapan Nomr 38 Tahun 2017 tentang Uraian Tugas dan Fungsi Disdukcapil",
    ],
    "observing": "",
    "decisions": [
        (
            "KESATU",
            "Standar Operasional Prosedur (SOP) Pelayanan Online Dinas Kependudukan dan Pencatatan Sipil sebagaimana "
            "tercantum dalam lampiran keputusan ini;",
            [],
        ),
        (
            "KEDUA",
            "Standar Operasional Prosedur (SOP) yang ada wajib di laksanakan dan ditaati dalam memberikan pelayanan;",
            [],
        ),
        ("KETIGA", "Rincian Standar Operasional Prosedur (SOP) terlampir bersama keputusan ini;", []),
        (
            "KEEMPAT",
            "Keputusan ini berlaku sejak tanggal ditetapkan, dengan ketentuan apabila di kemudian hari terdapat "
            "kekeliruan di dalamnya akan diadakan perbaikan sebagaimana mestinya;",
            [],
        ),
    ],
    "sop": {
        "label": "Lampiran",
        "sop_number": "pelayanan On Line",
        "name": "Pelayanan On Line Kependudukan dan Pencatatan Sipil",
        "drawn_up_on": "4 Januari 2021",
        "revised_on": "",
        "effective_on": "",
        "approved_by": "Kepala Dinas Kependudukan dan Pencatatan Sipil",
        "legal_basis": [
            "Undang-Undang No. 24 Tahun 2013 tentang perubahan atas UU No 23 Tahun 2006 tentang Administrasi "
            "Kependudukan",
            "Permendagri Nomor 61 Tahun 2015 tentang Persyaratan, Ruang Lingkup dan Tata Cara Pemberian Hak Akses serta "
            "pemanfaatan Nomor Induk Kependudukan, Data Kependudukan dan Kartu Tanda Penduduk Elektronik",
            "Peraturan Daerah Kota Balikpapan nomor 05 Tahun 2015 tentang Tertib Administrasi Kependudukan",
            "Peraturan Wali Kota Balikpapan Nomor 38 Tahun 2017 tentang Uraian Tugas dan Fungsi Disdukcapil",
        ],
        "qualifications": [
            "Memiliki Pengetahuan di Bidang Administrasi Kependudukan dan pencatatan Sipil",
            "Memiliki Integritas",
            "Berkomitmen dan bertanggung jawab",
            "Mampu mengoperasikan Komputer dan aplikasi SIAK",
            "Mampu berkomunikasi dan berkoordinasi dengan baik",
        ],
        "related_sops": ["SOP Pendaftaran Penduduk", "SOP Pencatatan Sipil", "SOP KTP - el"],
        "equipment": [
            "Aplikasi on line layanan",
            "Alat Tulis Kantor (ATK)",
            "Komputer / Laptop dan Jaringan internet",
            "Server",
        ],
        "warnings": [
            "Harus disusun untuk menjadi acuan dalam melaksanakan pelayanan on line di Dinas Kependudukan dan "
            "Pencatatan Sipil Kota Balikpapan."
        ],
        "records": ["Laporan Pelayanan Kependudukan"],
    },
    # (number, activity, actor, requirement/input, standard minutes, output, note). The seed's table lost
    # its actor marks in conversion; the actors follow domain.md sections 3 and 8. It has no step 13.
    "activities": [
        (1, "Pemohon masuk ke link Pelayanan On line", "applicant", "", None, "", ""),
        (
            2,
            "Melakukan pendaftaran untuk mendapatkan akun",
            "applicant",
            "Nomor telepon,Sandi",
            2,
            "Daftar Nama,Email Dan NIK",
            "",
        ),
        (
            3,
            "Masuk ke akun pelayanan on line",
            "applicant",
            "Kode Akses Username dan password",
            2,
            "NIK KK, Dokumen pendukung",
            "",
        ),
        (
            4,
            "Masuk ke menu dan memilih menu pelayanan sesuai kebutuhan",
            "applicant",
            "Aplikasi layanan on line permohonan",
            2,
            "No HP,email,NIK",
            "",
        ),
        (5, "Mengisi formulir pelayanan", "applicant", "Aplikasi layanan on line permohonan", 2, "Berkas digital", ""),
        (
            6,
            "Mengupload/mengunggah dokumen kelengkapan",
            "applicant",
            "Kelengkapan berkas digital",
            2,
            "Berkas digital",
            "",
        ),
        (
            7,
            "Verifikasi syarat permohonan",
            "operator",
            "Berkas persyaratan secara virtual",
            2,
            "Bukti verifikasi di aplikasi",
            "",
        ),
        (
            8,
            "Sesuai, atau Tidak sesuai",
            "operator",
            "Persyaratan permohonan",
            2,
            "Hasil verifikasi virtual",
            "Tdk: dikembalikan kepada Pemohon",
        ),
        (
            9,
            "Mengirimkan Pemberitahuan",
            "operator",
            "Hasil Verifikasi on line",
            2,
            "pemberitahuan pada aplikasi layan on line",
            "",
        ),
        (
            10,
            "Menginput data permohonan dengan menggunakan Aplikasi SIAK berbasis data KK pemohon",
            "operator",
            "Aplikasi SIAK",
            5,
            "Virtual dokumen",
            "",
        ),
        (11, "Verifikasi Permohonan", "section_head", "Pengajuan Verifikasi", 2, "Aplikasi layanan verifikasi", ""),
        (12, "Pengajuan Sertifikasi", "section_head", "Bukti Verifikasi", 2, "Pengajuan Sertifikasi", ""),
        (14, "Sertifikasi Dokumen", "head_of_office", "Bukti sertifikasi", 2, "Hasil sertifikasi", ""),
        (
            15,
            "Mengirimkan dokumen pelayanan yang telah di sertifikasi",
            "operator",
            "dokumen virtual",
            2,
            "Email,aplikasi on line",
            "",
        ),
        (16, "Mengarsipkan Berkas Dokumen", "operator", "Hasil Permohonan on line", 5, "Arsip Dokumen on line", ""),
    ],
}
