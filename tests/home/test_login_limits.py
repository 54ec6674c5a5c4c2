"""Login limits fit Indonesian networks: per account and per address together, a cool-off and never a hard lock."""

import time

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.test import Client

pytestmark = pytest.mark.django_db
PASSWORD = "Sandi-warga-2026!"
CARRIER_ADDRESS = "114.124.0.7"  # one carrier-grade NAT address shared by many subscribers


def _citizen(n):
    user = get_user_model().objects.create_user(f"warga{n}", f"warga{n}@example.org", PASSWORD)
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    return user


def _log_in(email, password):
    client = Client(REMOTE_ADDR=CARRIER_ADDRESS)
    response = client.post("/akun/login/", {"login": email, "password": password})
    return client, response


def _error_codes(response):
    return [error.code for error in response.context["form"].non_field_errors().as_data()]


def test_fifty_wrong_logins_over_fifty_accounts_do_not_lock_out_the_next_citizen_on_that_address(seeded):
    for n in range(50):
        _citizen(n)
        _client, response = _log_in(f"warga{n}@example.org", "salah-ketik")
        assert response.status_code == 200 and "too_many_login_attempts" not in _error_codes(response)
    citizen = _citizen(50)
    client, response = _log_in(citizen.email, PASSWORD)
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(citizen.pk)


def test_six_wrong_passwords_on_one_account_slow_that_account_only_for_a_while(seeded, monkeypatch):
    target, neighbour = _citizen(1), _citizen(2)
    for _ in range(5):
        assert "too_many_login_attempts" not in _error_codes(_log_in(target.email, "salah-ketik")[1])
    assert "too_many_login_attempts" in _error_codes(_log_in(target.email, "salah-ketik")[1])
    # Even the right password waits now; a neighbour behind the same address does not.
    client, response = _log_in(target.email, PASSWORD)
    assert "too_many_login_attempts" in _error_codes(response) and "_auth_user_id" not in client.session
    assert _log_in(neighbour.email, PASSWORD)[1].status_code == 302
    # A cool-off, not a lock: five minutes later the right password works again.
    later = time.time() + 5 * 60 + 1
    monkeypatch.setattr(time, "time", lambda: later)
    client, response = _log_in(target.email, PASSWORD)
    assert response.status_code == 302 and client.session["_auth_user_id"] == str(target.pk)
