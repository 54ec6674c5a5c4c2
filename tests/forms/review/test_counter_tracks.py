"""The counter records a walk-in for any published service: a card, a digital document or a visit."""

import pytest
import time_machine

from forms.constants import ApplicationStatus, Channel, DeliveryMethod, Processing
from forms.models import Application
from forms.review.counter import application_record_at_counter, counter_variants
from forms.review.transitions import application_transition
from services.constants import DurationUnit
from services.models import Kecamatan, ServiceStandardPage

from ..helpers import VALID_KK, VALID_NIK, office_staff, signed_in
from ..intake.digital_service import REQUIREMENTS, digital_service, standard_of, wita

pytestmark = pytest.mark.django_db
S = ApplicationStatus
COUNTER = "/admin/permohonan/loket/"


@pytest.fixture
def staff(seeded):
    return office_staff()


@pytest.fixture
def form(seeded):
    return digital_service(duration=14)


def test_the_counter_offers_every_variant_of_every_standard_with_a_live_form(form):
    offered = {(standard.slug, variant["code"]) for standard, variant in counter_variants()}
    assert {("cetak-ktp-el", "baru"), ("cetak-ktp-el", "hilang")} <= offered  # card, with its walk-in-only variant
    assert ("pendaftaran-ikd", "ikd") in offered  # visit
    assert {(standard_of(form).slug, "kk-hilang"), (standard_of(form).slug, "kk-rusak")} <= offered  # digital
    form.unpublish()
    assert not {code for slug, code in counter_variants() if slug == standard_of(form).slug}


@time_machine.travel(wita(2026, 8, 10, 10), tick=False)
def test_a_walk_in_for_a_digital_document_goes_through_the_counter(form, staff):
    client = signed_in(staff["operator"])
    standard = standard_of(form)
    key = f"{standard.pk}:kk-hilang"
    assert "KK hilang" in client.get(COUNTER).content.decode()
    page = client.get(COUNTER, {"variant": key}).content.decode()
    assert all(requirement in page for requirement in REQUIREMENTS)
    assert 'name="delivery_method"' not in page  # a document is sent, never collected or couriered
    response = client.post(
        COUNTER,
        {
            "variant": key,
            "applicant_name": "Budi Santoso",
            "nik": VALID_NIK,
            "kk_number": VALID_KK,
            "contact_email": "budi@example.org",
            "documents_seen": REQUIREMENTS,
        },
    )
    assert response.status_code == 302
    application = Application.objects.get(channel=Channel.COUNTER, service=standard)
    assert response["Location"] == f"/admin/permohonan/loket/{application.pk}/tanda-terima/"
    assert application.processing == Processing.DIGITAL and application.tracking_number.startswith("KKH-")
    assert application.kecamatan == Kecamatan.objects.get(name="Balikpapan Kota")
    assert application.status == S.ACCEPTED and application.delivery_method == DeliveryMethod.PICKUP
    # The standard in force is kept: 14 working days from Monday 10 August 2026, over two public holidays.
    assert application.standard_revision_id == standard.live_revision_id
    assert (application.promised_duration, application.promised_duration_unit) == (14, DurationUnit.WORKING_DAYS)
    assert application.due_at == wita(2026, 8, 31, 16)
    assert client.get(response["Location"]).status_code == 200
    # It follows the digital path: SIAK entry, then the verifier asks for certification.
    application = application_transition(
        application=application,
        action="enter_siak",
        by=staff["operator"],
        expected_status=S.ACCEPTED,
        siak_reference="SIAK-9",
    )
    application = application_transition(
        application=application,
        action="request_certification",
        by=staff["verifier"],
        expected_status=S.SIAK_ENTERED,
    )
    assert application.status == S.CERTIFICATION_REQUESTED


def test_a_walk_in_only_variant_follows_the_track_of_its_standards_form(form, staff):
    application = application_record_at_counter(
        service=standard_of(form),
        variant_code="kk-rusak",
        by=staff["operator"],
        applicant_name="Budi Santoso",
        nik=VALID_NIK,
        kk_number=VALID_KK,
        documents_seen=["KK yang rusak"],
    )
    assert application.processing == Processing.DIGITAL and application.tracking_number.startswith("KKH-")


@time_machine.travel(wita(2026, 8, 12, 10), tick=False)
def test_a_visit_walk_in_gets_todays_number_at_the_counter_and_waits_for_its_activation(staff):
    service = ServiceStandardPage.objects.get(slug="pendaftaran-ikd")
    variant = next(block.value for block in service.variants if block.value["code"] == "ikd")
    application = application_record_at_counter(
        service=service,
        variant_code="ikd",
        by=staff["operator"],
        applicant_name="Budi Santoso",
        nik=VALID_NIK,
        kk_number=VALID_KK,
        documents_seen=list(variant["requirements"]),
    )
    assert application.processing == Processing.VISIT and application.channel == Channel.COUNTER
    assert application.status == S.SUBMITTED  # the visit's own check is the activation at the counter
    [booking] = application.visit_bookings.all()
    assert booking.date == wita(2026, 8, 12).date() and booking.kecamatan_id == application.kecamatan_id
    assert application.promised_duration == service.duration_value
