import datetime
import itertools

import pytest

from forms.constants import ApplicationStatus
from forms.dispatch.selectors import unused_serials
from forms.dispatch.serials import SerialRange
from forms.dispatch.services import blanks_receive
from forms.review.counter import application_record_at_counter
from forms.review.transitions import application_transition
from services.models import Kecamatan, ServiceStandardPage

from ..helpers import VALID_KK, VALID_NIK, office_staff


@pytest.fixture
def staff(seeded):
    return office_staff()


@pytest.fixture
def kota():
    return Kecamatan.objects.get(name="Balikpapan Kota")


def ktp_service():
    return ServiceStandardPage.objects.get(slug="cetak-ktp-el")


def counter_application(operator, variant_code="baru", **overrides):
    service = ktp_service()
    variant = next(block.value for block in service.variants if block.value["code"] == variant_code)
    values = {
        "service": service,
        "variant_code": variant_code,
        "by": operator,
        "applicant_name": "Budi Santoso",
        "nik": VALID_NIK,
        "kk_number": VALID_KK,
        "mobile": "+6281234567890",
        "contact_email": "budi@example.org",
        "documents_seen": list(variant["requirements"]),
    }
    values.update(overrides)
    return application_record_at_counter(**values)


def approved_for_print(staff, **overrides):
    application = counter_application(staff["operator"], **overrides)
    application = application_transition(
        application=application,
        action="enter_siak",
        by=staff["operator"],
        expected_status=ApplicationStatus.ACCEPTED,
        siak_reference="SIAK-1",
    )
    return application_transition(
        application=application,
        action="approve_print",
        by=staff["verifier"],
        expected_status=ApplicationStatus.SIAK_ENTERED,
    )


# Each shipment of a test run gets serials no other shipment had, as the office's real blanks do.
_next_serial = itertools.count(1000001)


def serial_range(quantity, prefix=""):
    first = next(_next_serial)
    for _ in range(quantity - 1):
        next(_next_serial)
    return SerialRange(prefix=prefix, first=first, last=first + quantity - 1, width=7)


def stock_up(staff, kecamatan, quantity=2000, by=None):
    return blanks_receive(
        kecamatan=kecamatan,
        by=by or staff["operator"],
        serial_ranges=[serial_range(quantity)],
        shipment_date=datetime.date.today(),
        sender="Disdukcapil Kota Balikpapan",
    )


def unused(kecamatan, n=1):
    """The lowest unused serials in the kecamatan's stock, as an operator would pick them off the pile."""
    return list(unused_serials(kecamatan_id=kecamatan.pk).order_by("serial")[:n])
