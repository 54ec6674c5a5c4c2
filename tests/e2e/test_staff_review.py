"""An operator and a verifier work one application through the admin queue, in a real browser."""

import pytest
from django.test import Client
from playwright.sync_api import expect

from forms.models import Application
from tests.forms.conftest import make_citizen
from tests.forms.helpers import lost_card_form, lost_card_post

from .helpers import staff_log_in, staff_member

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_operator_accepts_and_records_siak_then_verifier_approves_printing(live_server, seeded, browser):
    citizen = make_citizen("warga.e2e@example.org", "Warga E2E")
    client = Client()
    client.force_login(citizen)
    client.post(lost_card_form().url, lost_card_post())
    application = Application.objects.get()
    operator, operator_secret = staff_member("op.kota.e2e", "Operator", "Balikpapan Kota")
    verifier, verifier_secret = staff_member("verif.e2e", "Verifikator")

    context, page = staff_log_in(browser, live_server, operator, operator_secret)
    expect(page.locator("main")).to_contain_text("lewat tenggat")
    page.goto(live_server.url + "/admin/permohonan/")
    page.get_by_role("link", name=application.tracking_number).click()
    page.get_by_role("button", name="Persyaratan sesuai").click()
    expect(page.get_by_text("Selesai: Persyaratan sesuai.")).to_be_visible()
    page.get_by_label("Nomor rujukan SIAK").fill("SIAK-6471-000777")
    page.get_by_role("button", name="Catat input SIAK").click()
    expect(page.get_by_text("Selesai: Catat input SIAK.")).to_be_visible()
    expect(page.get_by_role("button", name="Setujui pencetakan")).to_have_count(0)  # not the operator's step
    context.close()

    context, page = staff_log_in(browser, live_server, verifier, verifier_secret)
    page.goto(live_server.url + f"/admin/permohonan/review/{application.pk}/")
    page.get_by_role("button", name="Setujui pencetakan").click()
    expect(page.get_by_text("Selesai: Setujui pencetakan.")).to_be_visible()
    context.close()

    application.refresh_from_db()
    assert application.status == "print_approved" and application.siak_reference == "SIAK-6471-000777"
    assert list(application.history.values_list("by__username", flat=True)) == [
        citizen.username,
        "op.kota.e2e",
        "op.kota.e2e",
        "verif.e2e",
    ]
