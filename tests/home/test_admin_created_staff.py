"""A staff account made in Wagtail's own Users screen is held to every staff rule, and nobody types its password."""

import re
import time

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core import mail
from django.test import Client
from django.urls import reverse

from portal.middleware import SESSION_SEEN_KEY, SESSION_STARTED_KEY
from tests.conftest import current_totp_code, give_second_factor

pytestmark = pytest.mark.django_db
ADMIN_URLS = ["/admin/", "/admin/permohonan/", "/admin/permohonan/?export=csv", "/admin/users/"]
NEW_PASSWORD = "Sandi-operator-baru-2026!"


@pytest.fixture
def superuser_client(seeded):
    admin = get_user_model().objects.create_superuser("kepala.it", "kepala.it@example.org", "Sandi-admin-2026!")
    EmailAddress.objects.create(user=admin, email=admin.email, verified=True, primary=True)
    give_second_factor(admin)
    client = Client()
    client.force_login(admin)
    return client


@pytest.fixture
def created_operator(superuser_client, django_capture_on_commit_callbacks):
    """An Operator made through /admin/users/new/ exactly as the superuser would, then set up from the e-mail."""
    add_url = reverse("wagtailusers_users:add")
    assert "password" not in superuser_client.get(add_url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = superuser_client.post(
            add_url,
            {
                "username": "op.baru",
                "email": "op.baru@example.org",
                "first_name": "Operator",
                "last_name": "Baru",
                "groups": [Group.objects.get(name="Operator").pk],
            },
        )
    assert response.status_code == 302, response.context["form"].errors
    user = get_user_model().objects.get(username="op.baru")
    assert not user.is_staff and not user.has_usable_password()
    assert EmailAddress.objects.get(user=user).verified
    (setup_mail,) = mail.outbox
    assert setup_mail.to == ["op.baru@example.org"]
    link = re.search(r"https?://[^/\s]+(/akun/password/reset/key/\S+/)", setup_mail.body).group(1)

    newcomer = Client()
    form_url = newcomer.get(link)["Location"]  # allauth keeps the key in the session and hides it from the URL
    done = newcomer.post(form_url, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
    assert done.status_code == 302
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)
    return user


def _logged_in(user, totp_secret=None):
    """Through the real login: the e-mail, the password chosen from the link, and the TOTP code once one is bound."""
    client = Client()
    response = client.post("/akun/login/", {"login": user.email, "password": NEW_PASSWORD})
    if totp_secret:
        assert response["Location"] == "/akun/2fa/authenticate/"
        response = client.post("/akun/2fa/authenticate/", {"code": current_totp_code(totp_secret)})
    assert response["Location"] == "/admin/"
    return client


def test_an_operator_made_in_wagtails_users_screen_opens_no_admin_url_without_a_second_factor(created_operator):
    client = _logged_in(created_operator)
    for url in ADMIN_URLS:
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith("/akun/2fa/totp/activate/"), url


def test_an_operator_made_in_wagtails_users_screen_reaches_the_queue_once_totp_is_bound(created_operator):
    client = _logged_in(created_operator, give_second_factor(created_operator))
    assert client.get("/admin/permohonan/").status_code == 200


def test_an_operator_made_in_wagtails_users_screen_idles_out_at_the_staff_limit(created_operator, settings):
    client = _logged_in(created_operator, give_second_factor(created_operator))
    assert client.get("/admin/permohonan/").status_code == 200
    assert settings.STAFF_SESSION_IDLE_SECONDS < settings.SESSION_IDLE_SECONDS  # staff first, not the citizens' limit
    session = client.session
    session[SESSION_SEEN_KEY] = int(time.time()) - settings.STAFF_SESSION_IDLE_SECONDS - 1
    session.save()
    assert client.get("/admin/permohonan/").status_code == 302
    assert "_auth_user_id" not in client.session


def test_an_operator_made_in_wagtails_users_screen_has_the_staff_absolute_end(created_operator, settings):
    client = _logged_in(created_operator, give_second_factor(created_operator))
    assert client.get("/admin/permohonan/").status_code == 200
    session = client.session
    session[SESSION_STARTED_KEY] = int(time.time()) - settings.STAFF_SESSION_MAX_SECONDS - 1
    session.save()
    assert client.get("/admin/permohonan/").status_code == 302
    assert "_auth_user_id" not in client.session


def test_an_address_already_in_use_is_refused_in_wagtails_users_screen(superuser_client):
    citizen = get_user_model().objects.create_user("warga", "warga@example.org", "Sandi-warga-2026!")
    EmailAddress.objects.create(user=citizen, email=citizen.email, verified=True, primary=True)
    response = superuser_client.post(
        reverse("wagtailusers_users:add"),
        {"username": "kembar", "email": "WARGA@example.org", "first_name": "A", "last_name": "B"},
    )
    assert response.status_code == 200
    assert response.context["form"].errors.as_data()["email"][0].code == "email_taken"
    assert not get_user_model().objects.filter(username="kembar").exists()
    assert mail.outbox == []
