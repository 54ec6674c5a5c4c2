"""Closing an office for a day that citizens already booked cancels their visits and tells them to rebook."""

import uuid

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from wagtail.models import ModelLogEntry

from forms.visits import rules
from forms.visits.constants import NotCompletedReason, VisitStatus
from forms.visits.models import VisitBooking, VisitClosedDay
from forms.visits.services import visit_book, visit_not_complete

from ..helpers import signed_in
from .conftest import THURSDAY, citizens, d, ikd_page, ikd_post, office

pytestmark = pytest.mark.django_db
ADD_URL = "/admin/kunjungan-ikd/tutup/new/"


@pytest.fixture
def thursday_bookings(visit_staff, wednesday):
    for person in citizens(2):
        assert signed_in(person).post(ikd_page().url, ikd_post()).status_code == 302
    (elsewhere,) = citizens(1, prefix="utara")
    assert signed_in(elsewhere).post(ikd_page().url, ikd_post(kecamatan="Balikpapan Utara")).status_code == 302
    mail.outbox.clear()
    return VisitBooking.objects.filter(kecamatan=office("Balikpapan Kota")).order_by("number")


def test_closing_a_booked_day_cancels_its_visits_and_emails_each_citizen(
    thursday_bookings, visit_staff, django_capture_on_commit_callbacks
):
    admin = signed_in(visit_staff["siak_admin"])
    with django_capture_on_commit_callbacks(execute=True):
        response = admin.post(
            ADD_URL,
            {"kecamatan": office("Balikpapan Kota").pk, "date": THURSDAY.isoformat(), "reason": "Pelatihan petugas"},
            follow=True,
        )
    assert "2 kunjungan yang dipesan pada hari itu dibatalkan" in response.content.decode()
    assert VisitClosedDay.objects.filter(date=THURSDAY).count() == 1
    for booking in thursday_bookings:
        assert (booking.status, booking.reason, booking.note) == (
            VisitStatus.NOT_COMPLETED,
            NotCompletedReason.OFFICE_CLOSED,
            "Pelatihan petugas",
        )
        assert booking.closed_by == visit_staff["siak_admin"]
    utara = VisitBooking.objects.get(kecamatan=office("Balikpapan Utara"))
    assert utara.status == VisitStatus.WAITING  # another office's day is untouched
    assert sorted(message.to[0] for message in mail.outbox) == ["warga0@example.org", "warga1@example.org"]
    message = mail.outbox[0]
    assert message.subject.startswith("Kunjungan aktivasi IKD Anda dibatalkan: kantor tutup")
    assert "Kantor Kecamatan Balikpapan Kota tutup untuk kunjungan IKD pada Kamis, 13 Agustus 2026" in message.body
    assert "Pelatihan petugas" in message.body and "/pesan-ulang/" in message.body
    assert ModelLogEntry.objects.filter(action="visits.office_closed").count() == 2


def test_the_citizen_books_another_day_after_the_office_closed(thursday_bookings, visit_staff):
    booking = thursday_bookings[0]
    signed_in(visit_staff["siak_admin"]).post(
        ADD_URL, {"kecamatan": office("Balikpapan Kota").pk, "date": THURSDAY.isoformat(), "reason": "Listrik padam"}
    )
    citizen = signed_in(booking.application.applicant)
    detail = citizen.get(f"/permohonan/{booking.application.tracking_number}/").content.decode()
    assert "Kantor tutup hari itu" in detail and "Pesan hari kunjungan baru" in detail
    url = f"/kunjungan-ikd/{booking.application.tracking_number}/pesan-ulang/"
    assert citizen.post(url, {"tanggal_kunjungan": "2026-08-14"}).status_code == 302
    assert VisitBooking.objects.get(application=booking.application, status=VisitStatus.WAITING).date == d(2026, 8, 14)


def test_a_booking_for_a_day_closed_meanwhile_is_refused_under_the_lock(thursday_bookings, visit_staff):
    # The first check passes (as if the day closed just after it); the re-check under the day's lock refuses.
    original = rules.office_day_problem
    calls = []

    def closes_after_first_check(kecamatan, day):
        calls.append(day)
        if len(calls) == 1:
            VisitClosedDay.objects.create(kecamatan=kecamatan, date=day, reason="Listrik padam")
            return None
        return original(kecamatan, day)

    (late,) = citizens(1, prefix="telat")
    application = thursday_bookings[0].application
    application.pk, application.tracking_number, application.applicant = None, "IKD-2026-TELAT01", late
    application.submission_token = uuid.uuid4()
    application.save()
    with pytest.MonkeyPatch().context() as patch:
        patch.setattr("forms.visits.services.office_day_problem", closes_after_first_check)
        with pytest.raises(ValidationError) as refused:
            visit_book(application=application, kecamatan=office("Balikpapan Kota"), day=THURSDAY)
    assert refused.value.messages == [
        "Kantor Kecamatan Balikpapan Kota tidak melayani kunjungan IKD pada 13 Agustus 2026 (Listrik padam). "
        "Pilih hari lain."
    ]
    assert not VisitBooking.objects.filter(application=application).exists()


def test_the_counter_cannot_record_office_closed_by_hand(thursday_bookings, visit_staff):
    with pytest.raises(ValidationError):
        visit_not_complete(
            booking=thursday_bookings[0],
            by=visit_staff["operator"],
            reason=NotCompletedReason.OFFICE_CLOSED,
            expected_status=VisitStatus.WAITING,
        )
    counter = signed_in(visit_staff["operator"]).get(f"/admin/kunjungan-ikd/?kecamatan={office('Balikpapan Kota').pk}")
    assert 'value="office_closed"' not in counter.content.decode()
