"""Working application forms for the online KTP-el variants and the IKD visit booking."""

from django.db import transaction

from forms.constants import ApplicationFieldType as T
from forms.models import ApplicationFormField, ApplicationFormPage
from services.models import ServiceStandardPage

# A field is (type, label, help text, requirement) and, optionally, a dict of the form field's other columns.
_IDENTITY = [
    (T.SINGLELINE, "Nama lengkap", "Sesuai Kartu Keluarga.", "", {"step_title": "Data diri", "prefill": "name"}),
    (T.NIK, "NIK", "", ""),
    (T.KK, "Nomor KK", "", ""),
    (
        T.MOBILE,
        "Nomor HP",
        "Petugas menghubungi nomor ini bila ada yang perlu dilengkapi.",
        "",
        {"prefill": "mobile"},
    ),
]
_DOCUMENTS_STEP = {"step_title": "Dokumen persyaratan"}
# The address is its own step, asked only of those who chose the courier; its name is the one the builder gave the
# address before editors could set conditions, so applications old and new keep it under one key.
_DELIVERY = [
    (
        T.KECAMATAN,
        "Kecamatan",
        "Kantor kecamatan yang memproses dan menyerahkan KTP-el Anda.",
        "",
        {"step_title": "Kecamatan dan pengambilan"},
    ),
    (T.DELIVERY, "Pengambilan KTP-el", "", ""),
    (
        T.DELIVERY_ADDRESS,
        "Alamat pengiriman",
        "Jalan, RT, kelurahan, dan patokan bila ada.",
        "",
        {
            "clean_name": "pengambilan_ktp_el_alamat",
            "step_title": "Alamat pengiriman",
            "condition_field": "Pengambilan KTP-el",
            "condition_value": "courier",
            "condition_scope": "step",
        },
    ),
]
_PDF_OR_PHOTO = "Unggah PDF atau foto (JPG/PNG) yang jelas terbaca, paling besar 5 MB."

FORMS = [
    {
        "service": "cetak-ktp-el",
        "variant": "hilang",
        "slug": "hilang",
        "title": "Permohonan Cetak KTP-el karena Hilang",
        "intro": (
            "Isi formulir dan unggah dokumen persyaratan. Petugas memverifikasi permohonan Anda dalam 1 hari kerja."
        ),
        "prefix": "KTP",
        "fields": _IDENTITY
        + [
            (T.DOCUMENT, "Fotocopy Kartu Keluarga", _PDF_OR_PHOTO, "Fotocopy Kartu Keluarga", _DOCUMENTS_STEP),
            (
                T.DOCUMENT,
                "Surat Keterangan Hilang dari Kepolisian",
                _PDF_OR_PHOTO,
                "Surat Keterangan hilang dari Kepolisian (untuk KTP-el yang hilang)",
            ),
        ]
        + _DELIVERY,
    },
    {
        "service": "cetak-ktp-el",
        "variant": "rusak",
        "slug": "rusak",
        "title": "Permohonan Cetak KTP-el karena Rusak",
        "intro": (
            "Isi formulir dan unggah dokumen persyaratan. KTP-el yang rusak diserahkan kepada petugas saat "
            "pengambilan KTP-el baru."
        ),
        "prefix": "KTP",
        "fields": _IDENTITY
        + [
            (T.DOCUMENT, "Fotocopy Kartu Keluarga", _PDF_OR_PHOTO, "Fotocopy Kartu Keluarga", _DOCUMENTS_STEP),
            (
                T.DOCUMENT,
                "Foto KTP-el yang rusak",
                "Foto kedua sisi KTP-el yang rusak dalam satu berkas, paling besar 5 MB.",
                "KTP-el yang rusak (untuk KTP-el yang rusak)",
            ),
        ]
        + _DELIVERY,
    },
    {
        "service": "cetak-ktp-el",
        "variant": "perubahan-data",
        "slug": "perubahan-data",
        "title": "Permohonan Cetak KTP-el karena Perubahan Data",
        "intro": "Isi formulir dan unggah dokumen persyaratan. KTP lama diserahkan kepada petugas saat pengambilan.",
        "prefix": "KTP",
        "fields": _IDENTITY
        + [
            (T.DOCUMENT, "Kartu Keluarga terbaru", _PDF_OR_PHOTO, "Kartu Keluarga terbaru", _DOCUMENTS_STEP),
            (T.DOCUMENT, "Foto KTP lama", "Foto kedua sisi KTP lama, paling besar 5 MB.", "KTP lama"),
        ]
        + _DELIVERY,
    },
    {
        "service": "pendaftaran-ikd",
        "variant": "ikd",
        "slug": "pesan-kunjungan",
        "title": "Pesan Kunjungan Aktivasi IKD",
        "intro": (
            "Pesan hari kunjungan ke kantor kecamatan untuk memindai kode QR aktivasi Identitas Kependudukan "
            "Digital. Bawa KTP-el dan ponsel Anda."
        ),
        "prefix": "IKD",
        "processing": "visit",
        "fields": [
            (T.SINGLELINE, "Nama lengkap", "Sesuai KTP-el.", "", {"prefill": "name"}),
            (T.NIK, "NIK", "", "Memiliki KTP Elektronik"),
            (
                T.MOBILE,
                "Nomor HP",
                "Nomor HP aktif yang didaftarkan pada aplikasi IKD.",
                "Memiliki Nomor HP Aktif",
                {"prefill": "mobile"},
            ),
            (T.KECAMATAN, "Kecamatan", "Kantor kecamatan yang akan Anda datangi.", ""),
            (T.VISIT_DATE, "Tanggal kunjungan", "", ""),
            (
                T.CHECKBOX,
                "Saya memiliki smartphone Android versi 10 atau iPhone versi 12 ke atas",
                "",
                "Memiliki smartphone android versi 10 dan iphone versi 12",
            ),
        ],
    },
]


@transaction.atomic
def application_forms_ensure() -> list[ApplicationFormPage]:
    """Create each seeded form under its standard if missing; an editor's changes to existing forms are kept."""
    pages = []
    for spec in FORMS:
        service = ServiceStandardPage.objects.filter(slug=spec["service"]).first()
        if service is None:
            continue
        page = ApplicationFormPage.objects.child_of(service).filter(slug=spec["slug"]).first()
        pages.append(page or application_form_publish(service=service, spec=spec))
    return pages


def application_form_publish(*, service, spec: dict) -> ApplicationFormPage:
    """Publish one form under its standard from a spec shaped like those in FORMS (the "service" key aside)."""
    page = ApplicationFormPage(
        title=spec["title"],
        slug=spec["slug"],
        intro=spec["intro"],
        variant_code=spec["variant"],
        tracking_prefix=spec["prefix"],
        processing=spec.get("processing", "card"),
    )
    page.form_fields = [
        ApplicationFormField(
            sort_order=index,
            field_type=field_type,
            label=label,
            help_text=help_text,
            requirement=requirement,
            required=True,
            **(extra[0] if extra else {}),
        )
        for index, (field_type, label, help_text, requirement, *extra) in enumerate(spec["fields"])
    ]
    service.add_child(instance=page)
    page.save_revision().publish()
    return page
