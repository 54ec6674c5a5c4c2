import pytest
from django.core import mail

from forms.models import CitizenProfile

pytestmark = pytest.mark.django_db


def test_signup_needs_a_valid_mobile_number_and_says_why_in_indonesian(client, seeded):
    response = client.post(
        "/akun/signup/",
        {
            "email": "dewi@example.org",
            "full_name": "Dewi",
            "mobile": "021-555-0101",
            "password1": "Balikpapan-Barat-2026",
            "password2": "Balikpapan-Barat-2026",
        },
    )
    assert response.status_code == 200
    assert "bukan nomor telepon seluler" in response.content.decode()
    assert not CitizenProfile.objects.exists()


def test_signup_stores_the_profile_and_sends_a_verification_email(client, seeded):
    response = client.post(
        "/akun/signup/",
        {
            "email": "dewi@example.org",
            "full_name": "Dewi Anggraini",
            "mobile": "0811 2233 4455",
            "password1": "Balikpapan-Barat-2026",
            "password2": "Balikpapan-Barat-2026",
        },
    )
    assert response.status_code == 302
    profile = CitizenProfile.objects.get()
    assert profile.mobile == "+6281122334455" and profile.full_name == "Dewi Anggraini"
    assert len(mail.outbox) == 1 and "/akun/confirm-email/" in mail.outbox[0].body
    # Not verified yet: logging in only leads back to the verification notice.
    login = client.post("/akun/login/", {"login": "dewi@example.org", "password": "Balikpapan-Barat-2026"})
    assert login["Location"] == "/akun/confirm-email/"


def test_failed_logins_are_rate_limited(client, citizen):
    for _ in range(5):
        client.post("/akun/login/", {"login": "ani@example.org", "password": "salah"})
    # Even the right password is refused now, and the citizen is told why.
    response = client.post("/akun/login/", {"login": "ani@example.org", "password": "Sandi-uji-2026!"})
    assert "Terlalu banyak percobaan masuk yang gagal" in response.content.decode()
    assert "_auth_user_id" not in client.session
