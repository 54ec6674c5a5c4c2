"""The visit-date field: working days only, in the window, per-office closed days and capacity, nothing half-saved."""

import json
import re

import pytest
from django.test import Client

from forms.models import Application, JointLeaveDay
from forms.models import Application as App
from forms.visits.models import VisitBooking, VisitClosedDay, VisitOffice
from forms.visits.services import visit_book

from .conftest import d, ikd_page, ikd_post, office

pytestmark = pytest.mark.django_db


@pytest.fixture
def client_as(citizen):
    client = Client()
    client.force_login(citizen)
    return client


def _options(body):
    select = re.search(r'<select name="tanggal_kunjungan".*?</select>', body, re.S).group(0)
    return re.findall(r'<option value="(\d{4}-\d{2}-\d{2})"', select)


def _field_errors(body):
    match = re.search(r'<ul class="errorlist" id="id_tanggal_kunjungan_error">(.*?)</ul>', body, re.S)
    return re.sub(r"<[^>]+>", " ", match.group(1)).strip() if match else ""


def test_form_offers_only_working_days_from_the_next_working_day_to_14_days_ahead(client_as, wednesday):
    JointLeaveDay.objects.create(date=d(2026, 8, 18), name="Cuti bersama uji")
    body = client_as.get(ikd_page().url).content.decode()
    # Weekend 15-16, Independence Day 17, joint leave 18, Maulid 25 are left out; 27 is past the window.
    assert _options(body) == [
        "2026-08-13",
        "2026-08-14",
        "2026-08-19",
        "2026-08-20",
        "2026-08-21",
        "2026-08-24",
        "2026-08-26",
    ]
    assert "Kamis, 13 Agustus 2026" in body


@pytest.mark.parametrize(
    ("day", "message"),
    [
        (d(2026, 8, 11), "Tanggal ini sudah lewat. Pilih hari kerja mulai 13 Agustus 2026."),
        (d(2026, 8, 12), "Kunjungan dapat dipesan paling cepat hari kerja berikutnya, 13 Agustus 2026."),
        (d(2026, 8, 15), "Kantor kecamatan tutup pada hari Sabtu dan Minggu. Pilih hari kerja."),
        (
            d(2026, 8, 17),
            "17 Agustus 2026 adalah hari libur (Hari Kemerdekaan Republik Indonesia). Pilih hari kerja lain.",
        ),
        (d(2026, 8, 18), "18 Agustus 2026 adalah hari libur (Cuti bersama uji). Pilih hari kerja lain."),
        (
            d(2026, 8, 27),
            "Kunjungan hanya dapat dipesan paling lama 14 hari ke depan, sampai 26 Agustus 2026.",
        ),
        ("besok", "Masukkan tanggal yang valid."),
    ],
)
def test_a_bad_day_is_refused_on_the_field_in_indonesian_and_nothing_is_saved(client_as, wednesday, day, message):
    JointLeaveDay.objects.create(date=d(2026, 8, 18), name="Cuti bersama uji")
    response = client_as.post(ikd_page().url, ikd_post(day=day, nama_lengkap="Ani Lestari Tetap"))
    assert response.status_code == 200
    body = response.content.decode()
    assert _field_errors(body) == message
    assert 'value="Ani Lestari Tetap"' in body  # what the citizen typed is kept
    assert Application.objects.count() == 0 and VisitBooking.objects.count() == 0


def test_an_office_closed_day_is_refused_for_that_office_only(client_as, wednesday):
    VisitClosedDay.objects.create(kecamatan=office("Balikpapan Kota"), date=d(2026, 8, 14), reason="Pelatihan petugas")
    response = client_as.post(ikd_page().url, ikd_post(day=d(2026, 8, 14)))
    assert _field_errors(response.content.decode()) == (
        "Kantor Kecamatan Balikpapan Kota tidak melayani kunjungan IKD pada 14 Agustus 2026 (Pelatihan petugas). "
        "Pilih hari lain."
    )
    assert Application.objects.count() == 0
    response = client_as.post(ikd_page().url, ikd_post(kecamatan="Balikpapan Utara", day=d(2026, 8, 14)))
    assert response.status_code == 302
    assert VisitBooking.objects.get().kecamatan == office("Balikpapan Utara")


def test_capacity_per_office_refuses_a_full_day_and_numbers_follow_booking_order(client_as, wednesday):
    VisitOffice.objects.create(kecamatan=office("Balikpapan Kota"), daily_capacity=2)
    for _ in range(2):
        assert client_as.post(ikd_page().url, ikd_post()).status_code == 302
    assert list(VisitBooking.objects.order_by("booked_at").values_list("number", "queue_code")) == [
        (1, "KTA-001"),
        (2, "KTA-002"),
    ]
    response = client_as.post(ikd_page().url, ikd_post())
    assert _field_errors(response.content.decode()) == (
        "Semua 2 tempat di Kantor Kecamatan Balikpapan Kota pada 13 Agustus 2026 sudah penuh. Pilih hari lain."
    )
    assert Application.objects.count() == 2 and VisitBooking.objects.count() == 2
    # The full day is shown as such and cannot be picked any more; the next day is open.
    body = client_as.get(ikd_page().url + "?x=1").content.decode()
    places = json.loads(re.search(r"data-visit-places=\"([^\"]+)\"", body).group(1).replace("&quot;", '"'))
    assert places[str(office("Balikpapan Kota").pk)]["2026-08-13"] == 0
    assert places[str(office("Balikpapan Kota").pk)]["2026-08-14"] == 2
    assert places[str(office("Balikpapan Utara").pk)]["2026-08-13"] == 40
    assert client_as.post(ikd_page().url, ikd_post(day=d(2026, 8, 14))).status_code == 302


def test_capacity_defaults_to_the_setting_when_an_office_has_no_row(client_as, wednesday, settings):
    settings.VISIT_DAILY_CAPACITY = 1
    assert client_as.post(ikd_page().url, ikd_post()).status_code == 302
    response = client_as.post(ikd_page().url, ikd_post())
    assert "sudah penuh" in _field_errors(response.content.decode())


def test_remaining_places_are_shown_for_the_chosen_office(client_as, wednesday):
    VisitOffice.objects.create(kecamatan=office("Balikpapan Kota"), daily_capacity=3)
    client_as.post(ikd_page().url, ikd_post())
    # Re-rendered after another field's error: the chosen office's places are on each day.
    body = client_as.post(ikd_page().url, ikd_post(nik="123")).content.decode()
    assert "Kamis, 13 Agustus 2026 · 2 tempat tersisa" in body
    assert "Jumat, 14 Agustus 2026 · 3 tempat tersisa" in body


def test_a_day_that_fills_between_the_check_and_the_booking_is_refused_on_the_form(citizen, wednesday, rf):
    """The check under the day's lock is the one that counts: the form is shown again, nothing is saved."""
    VisitOffice.objects.create(kecamatan=office("Balikpapan Kota"), daily_capacity=1)
    page = ikd_page()
    form = page.get_form(ikd_post(), page=page, user=citizen)
    assert form.is_valid()
    # Meanwhile another citizen takes the last place.
    other = App.objects.create(page=page, form_data={}, tracking_number="IKD-2026-TEST001", processing="visit")
    visit_book(application=other, kecamatan=office("Balikpapan Kota"), day=d(2026, 8, 13))
    assert page.process_form_submission(form) is None
    assert "sudah penuh" in form.errors["tanggal_kunjungan"][0]
    request = rf.post(page.url)
    request.user = citizen
    response = page.render_landing_page(request, None)
    assert response.status_code == 200
    assert App.objects.count() == 1 and VisitBooking.objects.count() == 1
