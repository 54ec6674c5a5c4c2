"""Account pages are never cached, and citizens' sessions end too (after longer than staff sessions)."""

import time

import pytest

from portal.middleware import SESSION_SEEN_KEY, SESSION_STARTED_KEY
from tests.forms.conftest import make_citizen
from tests.forms.helpers import signed_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def citizen_client(seeded):
    return signed_in(make_citizen("ani@example.org", "Ani Lestari"))


def _backdate(client, key, seconds):
    session = client.session
    session[key] = int(time.time()) - seconds
    session.save()


@pytest.mark.parametrize("url", ["/akun/email/", "/akun/password/change/", "/akun/2fa/"])
def test_account_pages_are_never_stored_by_a_browser_or_proxy(citizen_client, url):
    response = citizen_client.get(url)
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]


def test_a_citizens_session_ends_after_the_idle_limit(citizen_client, settings):
    assert citizen_client.get("/permohonan/").status_code == 200
    _backdate(citizen_client, SESSION_SEEN_KEY, settings.SESSION_IDLE_SECONDS - 120)
    assert citizen_client.get("/permohonan/").status_code == 200  # still within the limit
    _backdate(citizen_client, SESSION_SEEN_KEY, settings.SESSION_IDLE_SECONDS + 1)
    response = citizen_client.get("/permohonan/")
    assert response.status_code == 302 and response["Location"].startswith("/akun/login/")
    assert "_auth_user_id" not in citizen_client.session


def test_a_citizens_session_has_an_absolute_end(citizen_client, settings):
    assert citizen_client.get("/permohonan/").status_code == 200
    _backdate(citizen_client, SESSION_STARTED_KEY, settings.SESSION_MAX_SECONDS + 1)
    assert citizen_client.get("/permohonan/").status_code == 302
    assert "_auth_user_id" not in citizen_client.session
