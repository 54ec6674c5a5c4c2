"""A digital-document service as an editor publishes one: a standard of 14 working days under the seeded SOP, and
its form without a kecamatan field, routed to a fixed office."""

import datetime
import uuid
from zoneinfo import ZoneInfo

from forms.constants import ApplicationFieldType, Processing
from forms.models import ApplicationFormField
from services.constants import DurationUnit
from services.models import DecreePage, Kecamatan, ServiceStandardPage
from tests.services.factories import ServiceStandardPageFactory

from ..factories import ApplicationFormPageFactory
from ..helpers import VALID_KK, VALID_NIK

WITA = ZoneInfo("Asia/Makassar")
SOP_NUMBER = "188.4/22/DISDUKCAPIL/2021"
REQUIREMENTS = ["Surat keterangan hilang dari kepolisian", "KTP-el"]


def wita(year, month, day, hour=0, minute=0, second=0):
    return datetime.datetime(year, month, day, hour, minute, second, tzinfo=WITA)


def digital_service(*, duration=14, unit=DurationUnit.WORKING_DAYS, office="Balikpapan Kota"):
    """The published standard (it has a live revision) and its live form; returns the form page."""
    standard = ServiceStandardPageFactory(
        title="Penerbitan Kartu Keluarga karena hilang (uji)",
        variants=[
            (
                "variant",
                {"name": "KK hilang", "code": "kk-hilang", "requirements": REQUIREMENTS, "procedures": []},
            ),
            ("variant", {"name": "KK rusak", "code": "kk-rusak", "requirements": ["KK yang rusak"], "procedures": []}),
        ],
        duration_value=duration,
        duration_unit=unit,
        product="Kartu Keluarga",
        procedure_decree=DecreePage.objects.get(number=SOP_NUMBER),
    )
    standard.save_revision().publish()
    form = ApplicationFormPageFactory(
        parent=standard,
        title="Permohonan KK hilang (uji)",
        slug="kk-hilang",
        tracking_prefix="KKH",
        processing=Processing.DIGITAL,
        fixed_kecamatan=Kecamatan.objects.get(name=office),
    )
    for order, (field_type, label) in enumerate(
        [
            (ApplicationFieldType.SINGLELINE, "Nama lengkap"),
            (ApplicationFieldType.NIK, "NIK"),
            (ApplicationFieldType.KK, "Nomor KK"),
        ]
    ):
        ApplicationFormField.objects.create(page=form, sort_order=order, field_type=field_type, label=label)
    return form


def standard_duration_publish(form, duration, unit=DurationUnit.WORKING_DAYS):
    """The editor changes the standard's service time and publishes it."""
    standard = standard_of(form)
    standard.duration_value, standard.duration_unit = duration, unit
    standard.save_revision().publish()
    return standard_of(form)


def standard_of(form) -> ServiceStandardPage:
    """The form's standard as stored now (treebeard keeps a page's parent cached)."""
    return ServiceStandardPage.objects.get(pk=form.get_parent().pk)


def digital_post(**overrides):
    data = {
        "submission_token": str(uuid.uuid4()),
        "nama_lengkap": "Ani Lestari",
        "nik": VALID_NIK,
        "nomor_kk": VALID_KK,
        "pernyataan": "on",
    }
    data.update(overrides)
    return data
