"""Staff need a second factor before the admin opens, log in through the one protected login, and time out."""

import re
import time

import pytest
from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.staticfiles import finders
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from portal.middleware import SESSION_SEEN_KEY, SESSION_STARTED_KEY
from tests.conftest import current_totp_code, give_second_factor

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_member(seeded):
    user = get_user_model().objects.create_user("petugas", "petugas@example.org", "Sandi-petugas-2026!", is_staff=True)
    user.groups.add(Group.objects.get(name="Verifikator"))
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    return user


def test_staff_without_a_second_factor_are_sent_to_set_one_up(staff_member):
    client = Client()
    client.force_login(staff_member)
    response = client.get("/admin/")
    assert response.status_code == 302 and response["Location"].startswith("/akun/2fa/totp/activate/")


def test_staff_with_totp_reach_the_admin(staff_member):
    give_second_factor(staff_member)
    client = Client()
    client.force_login(staff_member)
    assert client.get("/admin/").status_code == 200


def test_login_with_totp_asks_for_the_code(staff_member):
    secret = give_second_factor(staff_member)
    client = Client()
    response = client.post("/akun/login/", {"login": "petugas@example.org", "password": "Sandi-petugas-2026!"})
    assert response["Location"] == "/akun/2fa/authenticate/"
    assert client.get("/admin/").status_code == 302  # not logged in yet
    code = current_totp_code(secret)
    client.post("/akun/2fa/authenticate/", {"code": code})
    assert client.get("/admin/").status_code == 200


def test_wagtails_own_login_is_replaced_by_the_protected_one(client, seeded):
    response = client.get("/admin/login/?next=/admin/")
    assert response.status_code == 302 and response["Location"] == "/akun/login/?next=/admin/"


def test_demo_exemption_only_works_in_development(staff_member, settings):
    settings.STAFF_MFA_EXEMPT_USERNAMES = ["petugas"]
    client = Client()
    client.force_login(staff_member)
    settings.DEBUG = False
    assert client.get("/admin/").status_code == 302
    settings.DEBUG = True
    assert client.get("/admin/").status_code == 200


def test_staff_sessions_have_an_absolute_end(staff_member, settings):
    give_second_factor(staff_member)
    client = Client()
    client.force_login(staff_member)
    assert client.get("/admin/").status_code == 200
    session = client.session
    session[SESSION_STARTED_KEY] = int(time.time()) - settings.STAFF_SESSION_MAX_SECONDS - 1
    session.save()
    assert client.get("/admin/").status_code == 302
    assert "_auth_user_id" not in client.session


def test_staff_sessions_idle_out(staff_member, settings):
    give_second_factor(staff_member)
    client = Client()
    client.force_login(staff_member)
    client.get("/admin/")
    assert client.session.get_expiry_age() == settings.STAFF_SESSION_IDLE_SECONDS


def test_staff_land_in_the_admin_after_login(staff_member, settings):
    settings.DEBUG = True
    settings.STAFF_MFA_EXEMPT_USERNAMES = ["petugas"]
    client = Client()
    response = client.post("/akun/login/", {"login": "petugas@example.org", "password": "Sandi-petugas-2026!"})
    assert response["Location"] == "/admin/"


def test_wagtails_own_password_reset_is_replaced_by_allauths_limited_one(client, seeded):
    for url in ("/admin/password_reset/", "/admin/password_reset/done/"):
        response = client.get(url)
        assert response.status_code == 302 and response["Location"] == "/akun/password/reset/"


def test_wagtails_account_screen_changes_neither_password_nor_e_mail(staff_member):
    """allauth owns both, with its rate limits and verification; Wagtail's screen would bypass them."""
    give_second_factor(staff_member)
    client = Client()
    client.force_login(staff_member)
    response = client.get("/admin/account/")
    assert response.status_code == 200
    page = response.content.decode()
    assert 'name="password-new_password1"' not in page and 'name="email-email"' not in page
    client.post("/admin/account/", {"email-email": "penyerang@example.org", "password-old_password": "x"})
    staff_member.refresh_from_db()
    assert staff_member.email == "petugas@example.org"


def test_staff_avatars_are_served_from_the_portal_not_gravatar(staff_member):
    """The admin's CSP allows images from this site only: a Gravatar URL would be a broken image (issue 17)."""
    give_second_factor(staff_member)
    client = Client()
    client.force_login(staff_member)
    response = client.get("/admin/")
    html = response.content.decode()
    assert "gravatar" not in html.lower()
    sources = re.findall(r'<img[^>]*\bsrc="([^"]+)"', html)
    assert any("default-user-avatar" in src for src in sources)
    assert all(src.startswith("/") and not src.startswith("//") for src in sources), sources
    csp = response.headers["Content-Security-Policy"]
    img_src = next(part for part in csp.split(";") if part.strip().startswith("img-src"))
    assert "gravatar" not in img_src
    default = next(src for src in sources if "default-user-avatar" in src)
    assert finders.find(default.split("?")[0].removeprefix(settings.STATIC_URL))


def _permission_queries(client, path):
    with CaptureQueriesContext(connection) as queries:
        client.get(path)
    return [q["sql"] for q in queries if "auth_permission" in q["sql"]]


def test_whether_a_citizen_is_staff_is_asked_once_then_again_when_their_groups_change(seeded, settings):
    # The session limits ask on every signed-in request; the answer is kept until access changes.
    citizen = get_user_model().objects.create_user("warga", "warga@example.org", "Sandi-warga-2026!")
    client = Client()
    client.force_login(citizen)
    assert _permission_queries(client, "/akun/") != []
    assert _permission_queries(client, "/akun/") == []
    assert _permission_queries(client, "/") == []  # nor Wagtail's userbar on a public page
    assert "wagtail-userbar" not in client.get("/").content.decode()
    assert client.session.get_expiry_age() == settings.SESSION_IDLE_SECONDS

    # Made staff through a group, as Wagtail's Users screen does (no is_staff): the next request knows it.
    citizen.groups.add(Group.objects.get(name="Verifikator"))
    session = client.session
    session.pop(SESSION_SEEN_KEY, None)
    session.save()
    assert _permission_queries(client, "/admin/") != []
    assert client.get("/admin/")["Location"].startswith("/akun/2fa/totp/activate/")
    assert "wagtail-userbar" in client.get("/").content.decode()

    citizen.groups.clear()
    assert client.get("/admin/")["Location"].startswith("/akun/login/")
