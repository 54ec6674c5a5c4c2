"""A citizen on a phone books an IKD activation visit, sees the places left per day and gets a queue number."""

import re

import pytest
from playwright.sync_api import expect

from forms.visits.models import VisitBooking, VisitOffice
from services.models import Kecamatan
from tests.forms.conftest import make_citizen

from .helpers import assert_accessible, citizen_log_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_citizen_books_a_visit_on_a_phone_and_sees_the_queue_number(live_server, seeded, phone):
    make_citizen("dewi@example.org", "Dewi Kartika")
    VisitOffice.objects.create(kecamatan=Kecamatan.objects.get(name="Balikpapan Kota"), daily_capacity=12)
    citizen_log_in(phone, live_server, "dewi@example.org")

    phone.goto(live_server.url + "/layanan/pendaftaran-ikd/pesan-kunjungan/")
    assert_accessible(phone)
    day = phone.get_by_role("combobox", name="Tanggal kunjungan")
    first_day = day.locator("option").nth(1)
    expect(first_day).not_to_contain_text("tempat tersisa")
    # Choosing the office relabels the days with its places left (a static script; the server checks anyway).
    office = phone.get_by_role("combobox", name="Kecamatan")
    office.select_option(label="Balikpapan Kota")
    expect(first_day).to_have_text(re.compile(r"· 12 tempat tersisa$"))
    office.select_option(label="Balikpapan Utara")
    expect(first_day).to_have_text(re.compile(r"· 40 tempat tersisa$"))
    office.select_option(label="Balikpapan Kota")
    expect(first_day).to_have_text(re.compile(r"· 12 tempat tersisa$"))

    phone.get_by_label("Nama lengkap").fill("Dewi Kartika")
    phone.get_by_label("NIK").fill("6471 0652 0890 0003")
    phone.get_by_label("Nomor HP").fill("0813 5555 0101")
    day.select_option(index=1)
    phone.get_by_label("Saya memiliki smartphone Android").check()
    too_wide = phone.evaluate(
        "Array.from(document.querySelectorAll('.application-form, .application-form *'))"
        ".filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth).length"
    )
    assert too_wide == 0, "the booking form is wider than a 360px screen"
    phone.get_by_role("button", name="Lanjutkan").click()
    expect(phone).to_have_url(re.compile(r"/periksa/$"))
    phone.get_by_label("Saya menyatakan bahwa data yang saya isi benar.").check()
    phone.get_by_role("button", name="Kirim permohonan").click()

    expect(phone).to_have_url(re.compile(r"/permohonan/IKD-\d{4}-[0-9A-Z]{7}/tanda-terima/$"))
    expect(phone.locator(".queue-number")).to_have_text("KTA-001")
    expect(phone.locator(".visit-ticket")).to_contain_text("Kantor Kecamatan Balikpapan Kota")
    assert VisitBooking.objects.get().queue_code == "KTA-001"
    assert_accessible(phone)
