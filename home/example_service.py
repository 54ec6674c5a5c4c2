"""A third service for `make run`: the Kartu Keluarga reprint, a digital document, so every track can be tried.

The decrees in the seeds do not define it. It is published as an example that the office reviews before use: the
page says so (``is_example``) until an editor clears the flag.
"""

from django.db import transaction

from forms.constants import ApplicationFieldType as T
from forms.constants import Processing
from forms.intake.seeding import application_form_publish
from services.models import (
    ComplaintChannelSet,
    DecreePage,
    ServiceIndexPage,
    ServiceStandardPage,
    ServiceStandardRegulation,
)

SLUG = "cetak-ulang-kk"
REQUIREMENTS = [
    "Surat Keterangan Hilang dari Kepolisian atau Kartu Keluarga yang rusak",
    "KTP-el",
]
_PDF_OR_PHOTO = "Unggah PDF atau foto (JPG/PNG) yang jelas terbaca, paling besar 5 MB."

STANDARD = {
    "title": "Penerbitan Kartu Keluarga karena Hilang/Rusak (Cetak Ulang)",
    "slug": SLUG,
    "summary": (
        "Cetak ulang Kartu Keluarga yang hilang atau rusak. Kartu Keluarga dikirim sebagai dokumen elektronik "
        "bertanda tangan elektronik yang Anda cetak sendiri. Tanpa biaya, selesai dalam 1 hari kerja."
    ),
    "product": "Kartu Keluarga",
    "duration_value": 1,
    "duration_unit": "working_days",
    "fee_amount": 0,
    "fee_note": "Tanpa dipungut biaya",
    "variants": [
        (
            "variant",
            {
                "code": "hilang-rusak",
                "name": "Cetak Ulang Kartu Keluarga karena Hilang atau Rusak",
                "heading_in_decree": "",
                "requirements": REQUIREMENTS,
                "procedures": [
                    {
                        "channel": "online",
                        "steps": [
                            "Pemohon mengisi formulir permohonan dan mengunggah persyaratan di portal.",
                            "Petugas memverifikasi persyaratan dan memproses data pada SIAK.",
                            "Kepala Dinas mengesahkan Kartu Keluarga dengan tanda tangan elektronik.",
                            "Pemohon mengunduh Kartu Keluarga dari riwayat permohonan dan mencetaknya sendiri.",
                        ],
                    },
                    {
                        "channel": "walk_in",
                        "steps": [
                            "Pemohon datang ke kantor kecamatan dengan membawa persyaratan.",
                            "Operator mencatat permohonan dan memeriksa dokumen asli.",
                        ],
                    },
                ],
            },
        )
    ],
}

FORM = {
    "title": "Permohonan Cetak Ulang Kartu Keluarga",
    "slug": "hilang-rusak",
    "variant": "hilang-rusak",
    "prefix": "KK",
    "processing": Processing.DIGITAL,
    "intro": "Isi formulir dan unggah dokumen persyaratan. Kartu Keluarga dikirim sebagai dokumen elektronik.",
    "fields": [
        (T.SINGLELINE, "Nama lengkap", "Sesuai Kartu Keluarga.", ""),
        (T.NIK, "NIK", "", ""),
        (T.KK, "Nomor KK", "", ""),
        (T.MOBILE, "Nomor HP", "Petugas menghubungi nomor ini bila ada yang perlu dilengkapi.", ""),
        (T.KECAMATAN, "Kecamatan", "Kantor kecamatan yang memproses permohonan Anda.", ""),
        (T.DOCUMENT, "Surat keterangan hilang atau KK yang rusak", _PDF_OR_PHOTO, REQUIREMENTS[0]),
        (T.DOCUMENT, "KTP-el", _PDF_OR_PHOTO, REQUIREMENTS[1]),
    ],
}


def _publish(parent, page):
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


@transaction.atomic
def example_service_ensure() -> ServiceStandardPage | None:
    """The example standard and its form, once; None when the seeded content is not there yet."""
    service_index = ServiceIndexPage.objects.first()
    if service_index is None:
        return None
    standard = ServiceStandardPage.objects.child_of(service_index).filter(slug=SLUG).first()
    if standard is not None:
        return standard
    template = ServiceStandardPage.objects.child_of(service_index).live().order_by("path").first()
    standard = ServiceStandardPage(
        **{key: value for key, value in STANDARD.items()},
        search_description=STANDARD["summary"],
        is_example=True,
        decree=template.decree if template else DecreePage.objects.first(),
        procedure_decree=template.procedure_decree if template else None,
        complaint_channels=template.complaint_channels if template else ComplaintChannelSet.objects.first(),
        facilities=template.facilities if template else [],
        competencies=template.competencies if template else [],
        supervision_internal=template.supervision_internal if template else "",
        supervision_external=template.supervision_external if template else "",
        staffing_heading=template.staffing_heading if template else "",
        staffing=template.staffing if template else [],
        service_guarantee=template.service_guarantee if template else "",
        safety_guarantees=template.safety_guarantees if template else [],
        evaluation=template.evaluation if template else [],
    )
    if template is not None:
        standard.legal_basis = [
            ServiceStandardRegulation(regulation=row.regulation) for row in template.legal_basis.all()
        ]
    _publish(service_index, standard)
    application_form_publish(service=standard, spec=FORM)
    return standard
