"""The confirmation page and the steps on a 360 px phone: what happens next, the PDF, printing, and axe-core."""

import re

import pytest
from django.test import Client
from playwright.sync_api import expect

from forms.constants import ApplicationStatus
from forms.intake.timeline import status_change_record
from forms.models import Application
from services.models import Kecamatan
from tests.forms.conftest import make_citizen
from tests.forms.helpers import lost_card_form, lost_card_post

from .helpers import BROWSER_TIMEOUT_MS, assert_accessible

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

OFFICE_ADDRESS = "Jl. Jenderal Sudirman No. 1, Klandasan Ilir"
PHONE = {"viewport": {"width": 360, "height": 740}, "locale": "id-ID"}


def _applied(live_server, browser, *, javascript=True):
    """A submitted lost-card application and a phone signed in as its citizen (the session is made server-side)."""
    Kecamatan.objects.filter(name="Balikpapan Kota").update(address=OFFICE_ADDRESS)
    client = Client()
    client.force_login(make_citizen("warga.struk@example.org", "Ani Lestari"))
    client.post(lost_card_form().url, lost_card_post())
    context = browser.new_context(**PHONE, java_script_enabled=javascript)
    context.set_default_timeout(BROWSER_TIMEOUT_MS)
    context.add_cookies([{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}])
    return Application.objects.get(), context, context.new_page()


def test_the_receipt_says_what_happens_next_offers_the_pdf_and_prints(live_server, seeded, browser):
    application, context, phone = _applied(live_server, browser)
    phone.goto(f"{live_server.url}/permohonan/{application.tracking_number}/tanda-terima/")
    main = phone.locator("main")
    expect(phone.locator(".tracking-number")).to_have_text(application.tracking_number)
    expect(phone.locator(".deadline")).to_contain_text(re.compile(r"^Selesai paling lambat \w+, \d+ \w+ 2026, pukul"))
    expect(main).to_contain_text("Apa yang terjadi selanjutnya")
    expect(main).to_contain_text("Pemeriksaan persyaratan · Oleh: Operator Kecamatan Balikpapan Kota")
    expect(main).to_contain_text(OFFICE_ADDRESS)
    expect(main).to_contain_text("Senin sampai Jumat, pukul 08.00–16.00 WITA")
    expect(phone.locator(".qr svg")).to_have_count(1)
    # With JavaScript the print button appears, beside the PDF link that works without it.
    expect(phone.get_by_role("button", name="Cetak")).to_be_visible()
    pdf_link = phone.get_by_role("link", name="Unduh tanda terima (PDF)")
    expect(pdf_link).to_be_visible()
    pdf = phone.request.get(live_server.url + pdf_link.get_attribute("href"))
    assert pdf.status == 200 and pdf.headers["content-type"] == "application/pdf"
    assert "no-store" in pdf.headers["cache-control"]
    assert_accessible(phone, fits_phone=True)
    # On paper: the receipt and its QR, without the site's navigation or the buttons.
    phone.emulate_media(media="print")
    expect(phone.locator(".site-nav")).to_be_hidden()
    expect(phone.get_by_role("button", name="Cetak")).to_be_hidden()
    expect(phone.locator(".qr svg")).to_be_visible()
    context.close()


def test_without_javascript_the_receipt_still_offers_the_pdf_and_no_dead_button(live_server, seeded, browser):
    application, context, phone = _applied(live_server, browser, javascript=False)
    phone.goto(f"{live_server.url}/permohonan/{application.tracking_number}/tanda-terima/")
    expect(phone.get_by_role("link", name="Unduh tanda terima (PDF)")).to_be_visible()
    expect(phone.locator("button[data-print]")).to_be_hidden()
    # axe-core runs as a script, so it cannot run here: the markup is the one checked above with JavaScript on.
    assert phone.locator(".receipt").bounding_box()["width"] <= PHONE["viewport"]["width"]
    context.close()


def test_the_steps_show_done_current_and_to_come_and_the_pickup_without_an_old_card(live_server, seeded, browser):
    application, context, phone = _applied(live_server, browser)
    phone.goto(f"{live_server.url}{application.get_absolute_url()}")
    steps = phone.locator(".stepper > li")
    expect(steps).to_have_count(7)
    current = phone.locator('.stepper > li[aria-current="step"]')
    expect(current).to_contain_text("Sedang berjalan")
    expect(current).to_contain_text("Pemeriksaan persyaratan")
    expect(current).to_contain_text(re.compile(r"Paling lambat \w+, \d+ \w+ 2026, pukul"))
    expect(steps.nth(0)).to_contain_text("Selesai")
    expect(steps.nth(6)).to_contain_text("Berikutnya")
    assert_accessible(phone, fits_phone=True)

    for status in (
        ApplicationStatus.ACCEPTED,
        ApplicationStatus.SIAK_ENTERED,
        ApplicationStatus.PRINT_APPROVED,
        ApplicationStatus.READY_FOR_PICKUP,
    ):
        status_change_record(application, to_status=status)
    phone.reload()
    expect(current).to_contain_text("Diambil di kecamatan")
    expect(current).to_contain_text(OFFICE_ADDRESS)
    expect(current).to_contain_text("Senin sampai Jumat, pukul 08.00–16.00 WITA")
    expect(current).to_contain_text("tanda terima ini")
    expect(phone.locator("main")).not_to_contain_text("KTP-el lama")
    expect(phone.locator(".step-done")).to_have_count(5)
    assert_accessible(phone, fits_phone=True)
    context.close()
