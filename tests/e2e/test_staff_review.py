"""An operator and a verifier work one application through the admin queue, in a real browser."""

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import Client
from playwright.sync_api import expect

from forms.models import Application, StaffProfile
from services.models import Kecamatan
from tests.conftest import current_totp_code, give_second_factor
from tests.forms.conftest import make_citizen
from tests.forms.helpers import lost_card_form, lost_card_post

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
PASSWORD = "Sandi-petugas-2026!"


def _staff(username, role, kecamatan=None):
    user = get_user_model().objects.create_user(username, f"{username}@example.org", PASSWORD, is_staff=True)
    user.groups.add(Group.objects.get(name=role))
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    if kecamatan:
        StaffProfile.objects.create(user=user, kecamatan=Kecamatan.objects.get(name=kecamatan))
    return user, give_second_factor(user)


def _log_in(browser, live_server, user, secret):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="id-ID")
    context.set_default_timeout(10_000)
    page = context.new_page()
    page.goto(live_server.url + "/admin/")
    page.get_by_label("Email").fill(user.email)
    page.get_by_label("Kata Kunci").fill(PASSWORD)
    page.get_by_role("button", name="Masuk").click()
    page.wait_for_url("**/akun/2fa/authenticate/")
    page.get_by_label("Kode:").fill(current_totp_code(secret))
    page.get_by_role("button", name="Masuk").click()
    page.wait_for_url("**/admin/")
    return context, page


def test_operator_accepts_and_records_siak_then_verifier_approves_printing(live_server, seeded, browser):
    citizen = make_citizen("warga.e2e@example.org", "Warga E2E")
    client = Client()
    client.force_login(citizen)
    client.post(lost_card_form().url, lost_card_post())
    application = Application.objects.get()
    operator, operator_secret = _staff("op.kota.e2e", "Operator", "Balikpapan Kota")
    verifier, verifier_secret = _staff("verif.e2e", "Verifikator")

    context, page = _log_in(browser, live_server, operator, operator_secret)
    assert "lewat tenggat" in page.locator("main").inner_text()
    page.goto(live_server.url + "/admin/permohonan/")
    page.get_by_role("link", name=application.tracking_number).click()
    page.get_by_role("button", name="Persyaratan sesuai").click()
    expect(page.get_by_text("Selesai: Persyaratan sesuai.")).to_be_visible()
    page.get_by_label("Nomor rujukan SIAK").fill("SIAK-6471-000777")
    page.get_by_role("button", name="Catat input SIAK").click()
    expect(page.get_by_text("Selesai: Catat input SIAK.")).to_be_visible()
    assert page.get_by_role("button", name="Setujui pencetakan").count() == 0  # not the operator's step
    context.close()

    context, page = _log_in(browser, live_server, verifier, verifier_secret)
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
