"""The public tracking page: the tracking number and the NIK's last 4 digits show the response, nothing more."""

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone

from forms.complaints.services import complaint_assign, complaint_record, complaint_respond, complaint_start
from forms.intake.tracking import tracking_number_new

from .conftest import VALID_NIK, file_complaint

pytestmark = pytest.mark.django_db
TRACK = "/pengaduan/lacak/"
RESPONSE = "Mohon maaf atas antrean. Mulai pekan depan loket kedua dibuka pukul 08.00."


def test_the_right_number_and_nik_digits_show_status_dates_and_the_response_but_never_the_nik(
    client, staff, django_capture_on_commit_callbacks
):
    complaint = file_complaint(name="Ani Lestari", message="Rahasia: petugas bernama Budi tidak ramah.")
    complaint_start(complaint=complaint, by=staff["section_head"])
    complaint_assign(complaint=complaint, by=staff["section_head"], tier="supervisor", note="Catatan internal uji.")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        complaint_respond(complaint=complaint, by=staff["section_head"], response=RESPONSE)
    assert [message.to for message in mail.outbox] == [["ani.warga@example.org"]]
    assert mail.outbox[0].subject == f"Tanggapan atas {complaint.tracking_number}" and RESPONSE in mail.outbox[0].body

    response = client.post(TRACK, {"nomor": complaint.tracking_number.lower(), "nik4": "0003"})
    body = response.content.decode()
    assert response.status_code == 200 and "no-store" in response["Cache-Control"]
    assert "Status: Sudah dijawab" in body and RESPONSE in body and "Pengaduan" in body
    for secret in (VALID_NIK, "Ani Lestari", "Rahasia", "Catatan internal uji.", "ani.warga@example.org", "kasatker"):
        assert secret not in body, secret


def test_wrong_digits_and_unknown_numbers_get_the_same_neutral_message(client, staff):
    complaint = file_complaint()
    complaint_respond(complaint=complaint, by=staff["section_head"], response=RESPONSE)
    neutral = "Tidak ada pesan yang cocok dengan nomor pelacakan dan digit NIK ini."
    answers = [
        client.post(TRACK, {"nomor": complaint.tracking_number, "nik4": "1234"}),
        client.post(TRACK, {"nomor": tracking_number_new("ADU", 2026), "nik4": "0003"}),
        client.post(TRACK, {"nomor": "ADU-2026-ZZZZZZZ", "nik4": "0003"}),
    ]
    for response in answers:
        body = response.content.decode()
        assert response.status_code == 200 and neutral in body and RESPONSE not in body


def test_a_complaint_recorded_without_a_nik_cannot_be_read_publicly(client, staff):
    complaint = complaint_record(
        by=staff["section_head"],
        channel="suggestion_box",
        received_at=timezone.now(),
        category="saran",
        kecamatan=None,
        message="Tolong sediakan kursi tunggu.",
    )
    for digits in ("0000", "0003"):
        body = client.post(TRACK, {"nomor": complaint.tracking_number, "nik4": digits}).content.decode()
        assert "Tidak ada pesan yang cocok" in body


def test_tracking_is_rate_limited_per_address(seeded):
    client = Client(REMOTE_ADDR="10.0.1.1")
    for _ in range(10):
        assert client.post(TRACK, {"nomor": "ADU-2026-AAAAAAA", "nik4": "0000"}).status_code == 200
    limited = client.post(TRACK, {"nomor": "ADU-2026-AAAAAAA", "nik4": "0000"})
    assert limited.status_code == 429
    assert "Terlalu banyak percobaan. Mohon tunggu 10 menit, lalu coba lagi." in limited.content.decode()
    assert Client(REMOTE_ADDR="10.0.1.2").post(TRACK, {"nomor": "ADU-2026-AAAAAAA", "nik4": "0000"}).status_code == 200


def test_behind_a_trusted_proxy_the_limit_follows_the_forwarded_address(seeded, settings):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    proxy = Client(REMOTE_ADDR="10.0.0.1")
    data = {"nomor": "ADU-2026-AAAAAAA", "nik4": "0000"}
    for _ in range(10):
        proxy.post(TRACK, data, HTTP_X_FORWARDED_FOR="203.0.113.5")
    assert proxy.post(TRACK, data, HTTP_X_FORWARDED_FOR="203.0.113.5").status_code == 429
    assert proxy.post(TRACK, data, HTTP_X_FORWARDED_FOR="203.0.113.6").status_code == 200


def test_the_link_in_the_email_fills_in_the_number(client, seeded):
    body = client.get(TRACK, {"nomor": "ADU-2026-7QX4M2K"}).content.decode()
    assert 'value="ADU-2026-7QX4M2K"' in body


def test_the_last_four_digits_must_be_four_digits(client, seeded):
    body = client.post(TRACK, {"nomor": "ADU-2026-7QX4M2K", "nik4": "12a"}).content.decode()
    assert "Masukkan tepat 4 angka." in body and 'id="id_nik4_error"' in body
