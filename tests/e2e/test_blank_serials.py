"""An operator receives a shipment by serial range and prints by scanning a blank; the citizen sees their place move,
and the public stock page passes axe-core with counts only."""

import re

import pytest
from playwright.sync_api import expect

from forms.dispatch.models import BlankLedgerEntry, BlankSerial
from forms.models import Application
from forms.review.transitions import application_transition
from tests.forms.conftest import make_citizen
from tests.forms.dispatch.conftest import counter_application

from .helpers import BROWSER_TIMEOUT_MS, assert_accessible, citizen_log_in, staff_log_in, staff_member

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _approved(operator, verifier):
    application = counter_application(operator, variant_code="baru")
    application = application_transition(
        application=application, action="enter_siak", by=operator, expected_status="accepted", siak_reference="S-1"
    )
    return application_transition(
        application=application, action="approve_print", by=verifier, expected_status="siak_entered"
    )


def test_operator_receives_a_serial_range_prints_by_scanning_and_the_citizen_moves_up(live_server, seeded, browser):
    operator, secret = staff_member("op.seri.e2e", "Operator", "Balikpapan Kota")
    verifier, _secret = staff_member("verif.seri.e2e", "Verifikator")
    ahead = _approved(operator, verifier)
    mine = _approved(operator, verifier)
    citizen = make_citizen("warga.seri@example.org", "Siti Aminah")
    Application.objects.filter(pk=mine.pk).update(applicant=citizen)

    context, page = staff_log_in(browser, live_server, operator, secret)
    page.goto(f"{live_server.url}/admin/cetak/{mine.kecamatan_id}/blanko/")
    expect(page.get_by_role("heading", name="Buku blanko").first).to_be_visible()
    page.locator("#id_receive-serial_ranges").fill("KTP 0100001 - KTP 0100005")
    page.get_by_label("Jumlah blanko dihitung").fill("5")
    page.locator("#id_receive-sender").fill("Disdukcapil Kota Balikpapan")
    page.get_by_role("button", name="Catat penerimaan").click()
    expect(page.get_by_text("Dicatat di buku blanko.")).to_be_visible()
    expect(page.get_by_text("Stok blanko: 5")).to_be_visible()
    expect(page.get_by_text("KTP0100001–KTP0100005")).to_be_visible()

    citizen_context = browser.new_context(viewport={"width": 360, "height": 740}, locale="id-ID")
    citizen_context.set_default_timeout(BROWSER_TIMEOUT_MS)
    phone = citizen_context.new_page()
    citizen_log_in(phone, live_server, citizen.email)
    phone.goto(f"{live_server.url}/permohonan/{mine.tracking_number}/")
    expect(phone.get_by_text(re.compile(r"Kartu Anda nomor 2 dalam antrean cetak"))).to_be_visible()

    page.get_by_role("link", name="Antrean cetak", exact=True).click()
    field = page.locator(f"#print-serial-{ahead.pk}")
    # A barcode scanner types the serial and presses Enter.
    field.press_sequentially("KTP0100003")
    field.press("Enter")
    expect(page.get_by_text(f"{ahead.tracking_number} tercetak: siap untuk pemohon.")).to_be_visible()
    expect(page.get_by_text("Stok blanko: 4")).to_be_visible()
    # A serial already used is refused with the reason.
    field = page.locator(f"#print-serial-{mine.pk}")
    field.fill("KTP0100003")
    field.press("Enter")
    expect(
        page.get_by_text(re.compile(rf"Blanko KTP0100003 sudah dikeluarkan .* untuk {ahead.tracking_number}"))
    ).to_be_visible()
    context.close()

    phone.reload()
    expect(phone.get_by_text(re.compile(r"Kartu Anda nomor 1 dalam antrean cetak"))).to_be_visible()
    citizen_context.close()
    issued = BlankLedgerEntry.objects.get(kind="issued")
    assert (issued.application_id, issued.card_serial) == (ahead.pk, "KTP0100003")
    assert BlankSerial.objects.get(serial="KTP0100003").state == "issued"


def test_the_public_stock_page_has_no_wcag_aa_violations_and_no_personal_data(live_server, seeded, phone):
    operator, _secret = staff_member("op.stok.e2e", "Operator", "Balikpapan Kota")
    verifier, _secret = staff_member("verif.stok.e2e", "Verifikator")
    waiting = _approved(operator, verifier)
    phone.goto(live_server.url + "/stok-blanko/")
    expect(phone.get_by_role("heading", name="Stok blanko per kecamatan")).to_be_visible()
    assert_accessible(phone, fits_phone=True)
    text = phone.content()
    assert waiting.tracking_number not in text and waiting.applicant_name not in text and waiting.nik not in text
