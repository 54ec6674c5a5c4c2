"""What the citizen sees: the queue number on the receipt, the history page and the e-mail; booking again."""

import datetime

import pytest
from django.core import mail

from forms.visits.constants import NotCompletedReason, VisitStatus
from forms.visits.models import VisitBooking, VisitOffice
from forms.visits.services import visit_call_next, visit_not_complete

from ..helpers import signed_in
from .conftest import WITA, citizens, d, ikd_page, ikd_post, office

pytestmark = pytest.mark.django_db


@pytest.fixture
def booked(citizen, wednesday, django_capture_on_commit_callbacks):
    client = signed_in(citizen)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(ikd_page().url, ikd_post())
    assert response.status_code == 302
    return client, VisitBooking.objects.select_related("application").get()


def test_receipt_history_and_email_show_the_queue_number_day_and_office(booked):
    client, booking = booked
    number = booking.application.tracking_number
    assert number.startswith("IKD-2026-")
    receipt = client.get(f"/permohonan/{number}/tanda-terima/")
    body = receipt.content.decode()
    assert '<strong class="queue-number">KTA-001</strong>' in body
    assert "Kamis, 13 Agustus 2026" in body and "Kantor Kecamatan Balikpapan Kota" in body
    assert "no-store" in receipt["Cache-Control"]
    detail = client.get(f"/permohonan/{number}/").content.decode()
    assert "KTA-001" in detail and "Menunggu" in detail and "pesan-ulang" not in detail
    # The status e-mail; the other one is the copy of the answers (tests/forms/intake/test_answers_copy.py).
    (email,) = [message for message in mail.outbox if "salinan jawaban" not in message.subject]
    assert "Nomor antrean: KTA-001" in email.body
    assert "Hari kunjungan: Kamis, 13 Agustus 2026" in email.body
    assert "Kantor: Kantor Kecamatan Balikpapan Kota" in email.body


def test_another_citizen_cannot_open_or_rebook_the_visit(booked, other_citizen):
    _client, booking = booked
    other = signed_in(other_citizen)
    number = booking.application.tracking_number
    assert other.get(f"/permohonan/{number}/tanda-terima/").status_code == 404
    assert other.get(f"/kunjungan-ikd/{number}/pesan-ulang/").status_code == 404
    assert other.post(f"/kunjungan-ikd/{number}/pesan-ulang/", {"tanggal_kunjungan": "2026-08-14"}).status_code == 404


def test_no_second_booking_while_one_is_held(booked):
    client, booking = booked
    url = f"/kunjungan-ikd/{booking.application.tracking_number}/pesan-ulang/"
    response = client.post(url, {"tanggal_kunjungan": "2026-08-14"})
    assert response.status_code == 409
    assert "Anda sudah memesan kunjungan." in response.content.decode()
    assert VisitBooking.objects.count() == 1


def test_a_citizen_whose_visit_was_not_completed_books_a_new_day(
    booked, visit_staff, wednesday, django_capture_on_commit_callbacks
):
    client, booking = booked
    wednesday.move_to(datetime.datetime(2026, 8, 13, 9, 0, tzinfo=WITA))
    client.force_login(booking.application.applicant)  # a day later: the old session has ended
    client.force_login(booking.application.applicant)  # a day later: the old session has ended
    visit_call_next(kecamatan=office("Balikpapan Kota"), by=visit_staff["operator"])
    visit_not_complete(booking=booking, by=visit_staff["operator"], reason=NotCompletedReason.QR_NOT_SCANNED)
    number = booking.application.tracking_number
    detail = client.get(f"/permohonan/{number}/").content.decode()
    assert "Kunjungan Anda tidak selesai. Anda dapat memesan hari lain." in detail
    assert f'href="/kunjungan-ikd/{number}/pesan-ulang/"' in detail
    url = f"/kunjungan-ikd/{number}/pesan-ulang/"
    form = client.get(url).content.decode()
    assert "Kode QR tidak dapat dipindai" in form and "Jumat, 14 Agustus 2026 · 40 tempat tersisa" in form
    # A bad day is refused on the field, in Indonesian, and nothing changes.
    refused = client.post(url, {"tanggal_kunjungan": "2026-08-15"}).content.decode()
    assert "Kantor kecamatan tutup pada hari Sabtu dan Minggu. Pilih hari kerja." in refused
    assert VisitBooking.objects.count() == 1
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"tanggal_kunjungan": "2026-08-14"})
    assert response.status_code == 302 and response["Location"] == f"/permohonan/{number}/tanda-terima/"
    new = VisitBooking.objects.get(date=d(2026, 8, 14))
    assert (new.queue_code, new.status, new.application_id) == ("KTA-001", VisitStatus.WAITING, booking.application_id)
    assert VisitBooking.objects.get(pk=booking.pk).status == VisitStatus.NOT_COMPLETED
    assert "KTA-001" in client.get(response["Location"]).content.decode()
    # The status e-mail; the other one is the copy of the answers (tests/forms/intake/test_answers_copy.py).
    (email,) = [message for message in mail.outbox if "salinan jawaban" not in message.subject]
    assert email.subject.startswith("Kunjungan IKD dipesan: nomor antrean KTA-001")


def test_a_missed_visit_is_closed_as_a_no_show_when_the_citizen_books_again(booked, wednesday):
    client, booking = booked
    wednesday.move_to(datetime.datetime(2026, 8, 14, 9, 0, tzinfo=WITA))  # Thursday passed; never called
    client.force_login(booking.application.applicant)  # a day later: the old session has ended
    url = f"/kunjungan-ikd/{booking.application.tracking_number}/pesan-ulang/"
    assert client.post(url, {"tanggal_kunjungan": "2026-08-19"}).status_code == 302
    missed = VisitBooking.objects.get(pk=booking.pk)
    assert (missed.status, missed.reason) == (VisitStatus.NOT_COMPLETED, NotCompletedReason.NO_SHOW)
    assert VisitBooking.objects.get(date=d(2026, 8, 19)).status == VisitStatus.WAITING


def test_the_rebook_day_is_checked_against_the_offices_capacity(booked, visit_staff, wednesday):
    client, booking = booked
    VisitOffice.objects.create(kecamatan=office("Balikpapan Kota"), daily_capacity=1)
    for person in citizens(1):
        assert signed_in(person).post(ikd_page().url, ikd_post(day=d(2026, 8, 14))).status_code == 302
    wednesday.move_to(datetime.datetime(2026, 8, 13, 9, 0, tzinfo=WITA))
    visit_call_next(kecamatan=office("Balikpapan Kota"), by=visit_staff["operator"])
    visit_not_complete(booking=booking, by=visit_staff["operator"], reason=NotCompletedReason.NO_SHOW)
    client.force_login(booking.application.applicant)  # a day later: the old session has ended
    url = f"/kunjungan-ikd/{booking.application.tracking_number}/pesan-ulang/"
    body = client.post(url, {"tanggal_kunjungan": "2026-08-14"}).content.decode()
    assert "Semua 1 tempat di Kantor Kecamatan Balikpapan Kota pada 14 Agustus 2026 sudah penuh." in body
    assert VisitBooking.objects.filter(application=booking.application).count() == 1
