"""Binding a first TOTP authenticator needs a code e-mailed to the verified address, not the password alone."""

import re

import pytest
from allauth.account.models import EmailAddress
from allauth.core import context
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import SECRET_SESSION_KEY
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core import mail
from django.test import Client

from portal import totp_setup
from tests.conftest import current_totp_code

pytestmark = pytest.mark.django_db
ACTIVATE = "/akun/2fa/totp/activate/"
PASSWORD = "Sandi-petugas-2026!"


@pytest.fixture
def logged_in(seeded):
    """A new Verifikator, logged in with the password and, as allauth asks before binding, the password again."""
    user = get_user_model().objects.create_user("petugas", "petugas@example.org", PASSWORD)
    user.groups.add(Group.objects.get(name="Verifikator"))
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    client = Client()
    assert client.post("/akun/login/", {"login": user.email, "password": PASSWORD})["Location"] == "/admin/"
    assert client.post(f"/akun/reauthenticate/?next={ACTIVATE}", {"password": PASSWORD})["Location"] == ACTIVATE
    return user, client


def _mailed_code(message):
    return re.search(r"^([A-Z0-9]{4}-[A-Z0-9]{4})$", message.body, re.MULTILINE).group(1)


def test_the_password_alone_binds_no_authenticator(logged_in):
    user, client = logged_in
    page = client.get(ACTIVATE)
    assert page.status_code == 200
    assert "totp_url" not in page.context and SECRET_SESSION_KEY not in client.session  # no QR code yet
    assert "petugas@example.org" in page.content.decode() and 'name="send"' in page.content.decode()
    client.post(ACTIVATE, {"code": "123456"})
    assert not Authenticator.objects.filter(user=user).exists()


def test_the_code_mailed_to_the_verified_address_leads_to_binding_totp(logged_in):
    user, client = logged_in
    assert client.post(ACTIVATE, {"send": "1"}).status_code == 302
    (message,) = mail.outbox
    assert message.to == ["petugas@example.org"]
    assert client.post(ACTIVATE, {"code": _mailed_code(message)}).status_code == 302
    page = client.get(ACTIVATE)
    assert "totp_url" in page.context
    bound = client.post(ACTIVATE, {"code": current_totp_code(client.session[SECRET_SESSION_KEY])})
    assert bound.status_code == 302
    assert Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
    assert client.get("/admin/").status_code == 200


def test_the_mailed_code_works_once(logged_in):
    user, client = logged_in
    client.post(ACTIVATE, {"send": "1"})
    code = _mailed_code(mail.outbox[0])
    client.post(ACTIVATE, {"code": code})
    session = client.session
    del session[totp_setup.CONFIRMED_KEY]  # as if the binding had used up the confirmation
    session.save()
    again = client.post(ACTIVATE, {"code": code})
    assert again.context["form"].errors.as_data()["code"][0].code == "incorrect_email_code"


def test_a_wrong_mailed_code_is_refused_and_five_wrong_tries_discard_it(logged_in):
    user, client = logged_in
    client.post(ACTIVATE, {"send": "1"})
    code = _mailed_code(mail.outbox[0])
    for _ in range(totp_setup.CODE_TRIES):
        wrong = client.post(ACTIVATE, {"code": "AAAA-AAAA"})
        assert wrong.context["form"].errors.as_data()["code"][0].code == "incorrect_email_code"
    late = client.post(ACTIVATE, {"code": code})
    assert late.context["form"].errors.as_data()["code"][0].code == "incorrect_email_code"
    assert totp_setup.CONFIRMED_KEY not in client.session


def test_the_mailed_code_expires(logged_in):
    user, client = logged_in
    client.post(ACTIVATE, {"send": "1"})
    code = _mailed_code(mail.outbox[0])
    session = client.session
    session[totp_setup.SENT_KEY] = {**session[totp_setup.SENT_KEY], "at": 0}
    session.save()
    assert client.post(ACTIVATE, {"code": code}).context["form"].errors


def test_sending_codes_is_rate_limited_per_account(logged_in):
    user, client = logged_in
    for _ in range(3):
        assert client.post(ACTIVATE, {"send": "1"}).status_code == 302
    assert client.post(ACTIVATE, {"send": "1"}).status_code == 429
    assert len(mail.outbox) == 3


def test_allauths_activation_form_itself_refuses_a_session_without_the_mailed_code(logged_in, rf):
    user, client = logged_in
    request = rf.post(ACTIVATE)
    request.session = client.session
    with context.request_context(request):
        form = totp_setup.EmailConfirmedActivateTOTPForm({"code": "000000"}, user=user)
        form.secret = "JBSWY3DPEHPK3PXP"
        assert not form.is_valid()
        assert "email_code_required" in [error.code for error in form.non_field_errors().as_data()]
