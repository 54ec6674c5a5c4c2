"""A citizen picks WhatsApp on their account page; the operator returns the application; the case page shows the
message sent by e-mail and by WhatsApp (to a local stand-in of Meta's Cloud API)."""

import json

import pytest
from django.test import Client
from playwright.sync_api import expect

from forms.models import Application
from tests.forms.conftest import make_citizen
from tests.forms.helpers import lost_card_form, lost_card_post
from tests.forms.messaging.conftest import whatsapp_api  # noqa: F401 - fixture

from .helpers import assert_accessible, citizen_log_in, staff_log_in, staff_member

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_a_citizen_who_picks_whatsapp_is_told_of_a_return_on_both_channels(
    live_server,
    seeded,
    browser,
    phone,
    whatsapp_api,  # noqa: F811
):
    citizen = make_citizen("warga.wa@example.org", "Warga WhatsApp", mobile="+6281311112222")
    client = Client()
    client.force_login(citizen)
    client.post(lost_card_form().url, lost_card_post())
    application = Application.objects.get()

    citizen_log_in(phone, live_server, citizen.email)
    phone.get_by_role("link", name="Cara kami menghubungi Anda: e-mail, WhatsApp, SMS").click()
    expect(phone.get_by_role("heading", name="Cara kami menghubungi Anda")).to_be_visible()
    expect(phone.get_by_text("+62813****2222")).to_be_visible()
    assert_accessible(phone, fits_phone=True)
    phone.get_by_label("WhatsApp", exact=True).check()
    phone.get_by_role("button", name="Simpan").click()
    expect(phone.get_by_text("Pilihan saluran Anda tersimpan.")).to_be_visible()
    expect(phone.get_by_text("Anda menyetujui pesan WhatsApp pada")).to_be_visible()
    assert_accessible(phone, fits_phone=True)

    operator, secret = staff_member("op.kota.wa", "Operator", "Balikpapan Kota")
    context, page = staff_log_in(browser, live_server, operator, secret)
    page.goto(live_server.url + f"/admin/permohonan/review/{application.pk}/")
    page.locator("form.review-action", has=page.get_by_role("button", name="Kembalikan untuk perbaikan")).locator(
        "input[type=text]"
    ).first.fill("Foto surat kepolisian buram.")
    page.get_by_role("button", name="Kembalikan untuk perbaikan").click()
    expect(page.get_by_text("Selesai: Kembalikan untuk perbaikan.")).to_be_visible()

    page.goto(live_server.url + f"/admin/permohonan/review/{application.pk}/")
    log = page.get_by_role("table").filter(has_text="Saluran")
    returned_rows = log.locator("tr", has_text="Status permohonan berubah")
    # Submitted (before the choice): e-mail; returned: e-mail and WhatsApp.
    expect(returned_rows.filter(has_text="E-mail").filter(has_text="Terkirim")).to_have_count(2)
    expect(returned_rows.filter(has_text="WhatsApp").filter(has_text="Terkirim")).to_have_count(1)
    context.close()

    payload = json.loads(whatsapp_api.requests[-1]["body"])
    assert payload["to"] == "6281311112222" and payload["template"]["name"] == "status_permohonan"
    assert application.tracking_number in [p["text"] for p in payload["template"]["components"][0]["parameters"]]
