"""A citizen on a phone books an IKD activation visit, sees the places left per day and gets a queue number."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe

from forms.visits.models import VisitBooking, VisitOffice
from services.models import Kecamatan

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

WCAG_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]}}


def _no_violations(page):
    results = Axe().run(page, options=WCAG_AA)
    assert results.violations_count == 0, results.generate_report()


def test_citizen_books_a_visit_on_a_phone_and_sees_the_queue_number(live_server, seeded, phone):
    from tests.forms.conftest import make_citizen

    make_citizen("dewi@example.org", "Dewi Kartika")
    VisitOffice.objects.create(kecamatan=Kecamatan.objects.get(name="Balikpapan Kota"), daily_capacity=12)
    phone.goto(live_server.url + "/akun/login/")
    phone.get_by_label("Email").fill("dewi@example.org")
    phone.get_by_label("Kata Kunci").fill("Sandi-uji-2026!")
    phone.get_by_role("button", name="Masuk").click()

    phone.goto(live_server.url + "/layanan/pendaftaran-ikd/pesan-kunjungan/")
    _no_violations(phone)
    day = phone.get_by_role("combobox", name="Tanggal kunjungan")
    first_day = day.locator("option").nth(1)
    assert "tempat tersisa" not in first_day.inner_text()
    # Choosing the office relabels the days with its places left (a static script; the server checks anyway).
    phone.get_by_role("combobox", name="Kecamatan").select_option(label="Balikpapan Kota")
    assert re.search(r"· 12 tempat tersisa$", first_day.inner_text())
    phone.get_by_role("combobox", name="Kecamatan").select_option(label="Balikpapan Utara")
    assert re.search(r"· 40 tempat tersisa$", first_day.inner_text())
    phone.get_by_role("combobox", name="Kecamatan").select_option(label="Balikpapan Kota")

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
    phone.get_by_role("button", name="Kirim permohonan").click()

    phone.wait_for_url(re.compile(r".*/permohonan/IKD-\d{4}-[0-9A-Z]{7}/tanda-terima/$"))
    booking = VisitBooking.objects.get()
    assert phone.locator(".queue-number").inner_text() == "KTA-001" == booking.queue_code
    assert "Kantor Kecamatan Balikpapan Kota" in phone.locator(".visit-ticket").inner_text()
    _no_violations(phone)
