"""allauth's screens in the portal's own form style: labels above the fields without colons, one word for password
("kata sandi") in every catalogue, an error summary linking to the fields, Indonesian messages from the server, and
novalidate so that the browser's own bubbles never show."""

import gettext
import re
from html.parser import HTMLParser
from pathlib import Path

import allauth
import django
import pytest
import wagtail
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core import mail
from django.test import Client
from django.utils import translation

from tests.conftest import give_second_factor
from tests.forms.conftest import make_citizen

pytestmark = pytest.mark.django_db
PASSWORD = "Sandi-uji-2026!"
# Every password word but the one the portal uses; "sandi" alone is caught by the look-behind below.
FORBIDDEN_PASSWORD_WORDS = re.compile(r"kata kunci|(?<!kata )(?<!kata&nbsp;)\bsandi\b", re.IGNORECASE)
ANON_SCREENS = [
    "/akun/login/",
    "/akun/signup/",
    "/akun/password/reset/",
    "/akun/password/reset/done/",
    "/akun/confirm-email/",
]
SCREENS_WITHOUT_A_FORM = {"/akun/password/reset/done/", "/akun/confirm-email/", "/akun/2fa/"}
CITIZEN_SCREENS = [
    "/akun/email/",
    "/akun/password/change/",
    "/akun/logout/",
    "/akun/reauthenticate/",
    "/akun/2fa/",
]


def _english_sentences():
    """allauth's and Django auth's own English texts of three words or more, as they would show untranslated."""
    texts = set()
    for package in (Path(allauth.__file__).parent, Path(django.__file__).parent / "contrib" / "auth"):
        with (package / "locale" / "id" / "LC_MESSAGES" / "django.mo").open("rb") as handle:
            catalogue = gettext.GNUTranslations(handle)._catalog
        for key in catalogue:
            msgid = key[0] if isinstance(key, tuple) else key
            msgid = msgid.split("\x04")[-1]
            if len(msgid.split()) >= 3 and "%" not in msgid and "{" not in msgid and "<" not in msgid:
                texts.add(msgid)
    return texts


ENGLISH = _english_sentences()


class _Page(HTMLParser):
    """The visible text of a page, and the forms and labels of its main part (the header has the site search)."""

    def __init__(self):
        super().__init__()
        self.text, self.forms, self.labels = [], [], []
        self._in_label, self._in_main, self._skip = False, False, 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self._skip += 1
        self._in_main = self._in_main or tag == "main"
        if tag == "form" and self._in_main:
            self.forms.append({**dict(attrs), "fields": 0})
        typed = dict(attrs).get("type", "text")
        if self.forms and tag in ("input", "select", "textarea") and typed not in ("hidden", "submit", "button"):
            self.forms[-1]["fields"] += 1
        if tag == "label" and self._in_main:
            self._in_label = True
            self.labels.append("")

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self._skip -= 1
        if tag == "main":
            self._in_main = False
        if tag == "label":
            self._in_label = False

    def handle_data(self, data):
        if self._skip:
            return
        self.text.append(data)
        if self._in_label:
            self.labels[-1] += data


def parsed(response):
    page = _Page()
    page.feed(response.content.decode())
    page.visible = " ".join(" ".join(page.text).split())
    return page


@pytest.fixture
def citizen_client(seeded):
    make_citizen("ani@example.org", "Ani Lestari")
    client = Client(HTTP_ACCEPT_LANGUAGE="id")
    client.post("/akun/login/", {"login": "ani@example.org", "password": PASSWORD})
    return client


def test_every_account_screen_speaks_indonesian_with_one_password_word_labels_above_and_no_bubbles(
    seeded, citizen_client
):
    anonymous = Client(HTTP_ACCEPT_LANGUAGE="id")
    screens = [(url, anonymous) for url in ANON_SCREENS] + [(url, citizen_client) for url in CITIZEN_SCREENS]
    problems = []
    for url, client in screens:
        response = client.get(url)
        assert response.status_code == 200, url
        problems += problems_of(url, response, expect_form=url not in SCREENS_WITHOUT_A_FORM)
    assert not problems, problems


def test_screens_reached_by_a_link_or_a_second_step_follow_the_same_rules(seeded, citizen_client):
    anonymous = Client(HTTP_ACCEPT_LANGUAGE="id")
    # The password reset link and the e-mail confirmation link, as mailed.
    anonymous.post("/akun/password/reset/", {"email": "ani@example.org"})
    reset_link = re.search(r"/akun/password/reset/key/\S+/", mail.outbox[-1].body).group(0)
    reset_page = anonymous.get(reset_link, follow=True)
    citizen_client.post("/akun/email/", {"action_add": "", "email": "ani.baru@example.org"})
    confirm_link = re.search(r"/akun/confirm-email/\S+/", mail.outbox[-1].body).group(0)
    # A staff member's second step, and the e-mailed code before binding a first authenticator.
    staff = get_user_model().objects.create_user("petugas", "petugas@example.org", PASSWORD)
    staff.groups.add(Group.objects.get(name="Verifikator"))
    EmailAddress.objects.create(user=staff, email=staff.email, verified=True, primary=True)
    give_second_factor(staff)
    second_step = Client(HTTP_ACCEPT_LANGUAGE="id")
    assert second_step.post("/akun/login/", {"login": staff.email, "password": PASSWORD})["Location"] == (
        "/akun/2fa/authenticate/"
    )
    new_staff = get_user_model().objects.create_user("baru", "baru@example.org", PASSWORD)
    new_staff.groups.add(Group.objects.get(name="Verifikator"))
    EmailAddress.objects.create(user=new_staff, email=new_staff.email, verified=True, primary=True)
    binding = Client(HTTP_ACCEPT_LANGUAGE="id")
    binding.post("/akun/login/", {"login": new_staff.email, "password": PASSWORD})
    binding.post("/akun/reauthenticate/?next=/akun/2fa/totp/activate/", {"password": PASSWORD})
    screens = [
        ("password reset from the link", reset_page),
        ("e-mail confirmation", anonymous.get(confirm_link)),
        ("second step", second_step.get("/akun/2fa/authenticate/")),
        ("TOTP activation", binding.get("/akun/2fa/totp/activate/")),
    ]
    problems = []
    for name, response in screens:
        assert response.status_code == 200, name
        problems += problems_of(name, response)
    assert not problems, problems


def problems_of(url, response, expect_form=True):
    """What a screen does against the rules: forms without novalidate, labels with colons, English, other words."""
    page = parsed(response)
    problems = []
    if expect_form and not page.forms:
        problems.append((url, "no form"))
    # A form of buttons only (allauth's "cancel" beside a second step) has nothing a browser could bubble about.
    if not all("novalidate" in form for form in page.forms if form["fields"]):
        problems.append((url, "a form with fields but without novalidate"))
    if colons := [label for label in page.labels if label.strip().endswith(":")]:
        problems.append((url, colons))
    if words := FORBIDDEN_PASSWORD_WORDS.findall(page.visible):
        problems.append((url, words))
    if english := sorted(text for text in ENGLISH if text in page.visible):
        problems.append((url, english))
    return problems


def test_every_indonesian_password_text_of_allauth_django_and_wagtail_says_kata_sandi():
    catalogue_dirs = [
        Path(allauth.__file__).parent / "locale" / "id",
        Path(django.__file__).parent / "contrib" / "auth" / "locale" / "id",
    ]
    catalogue_dirs += sorted((Path(wagtail.__file__).parent).glob("*/locale/id_ID"))
    msgids = set()
    for folder in catalogue_dirs:
        with (folder / "LC_MESSAGES" / "django.mo").open("rb") as handle:
            for key in gettext.GNUTranslations(handle)._catalog:
                if isinstance(key, str) and re.search("password", key, re.IGNORECASE) and "\x04" not in key:
                    msgids.add(key)
    assert len(msgids) > 40
    with translation.override("id"):
        wrong = {
            msgid: translation.gettext(msgid)
            for msgid in msgids
            if FORBIDDEN_PASSWORD_WORDS.search(translation.gettext(msgid))
            or ("kata sandi" not in translation.gettext(msgid).lower() and "passkey" not in msgid.lower())
        }
    assert not wrong, wrong


def test_sign_up_with_nothing_filled_in_lists_every_field_in_an_error_summary_linking_to_it(seeded):
    response = Client(HTTP_ACCEPT_LANGUAGE="id").post("/akun/signup/", {})
    html = response.content.decode()
    summary = re.search(r'<div class="error-summary".*?</div>', html, re.DOTALL).group(0)
    for field in ("email", "full_name", "mobile", "password1", "password2"):
        assert f'href="#id_{field}"' in summary, field
        assert f'id="id_{field}"' in html
    assert "Mohon perbaiki isian yang ditandai" in summary and summary.count("<li>") == 5
    assert "This field is required" not in html and "harus diisi" in summary


def test_sign_up_with_a_landline_and_two_different_passwords_is_told_why_in_indonesian(seeded):
    response = Client(HTTP_ACCEPT_LANGUAGE="id").post(
        "/akun/signup/",
        {
            "email": "baru@example.org",
            "full_name": "Warga Baru",
            "mobile": "0542 123456",
            "password1": "Balikpapan-Kota-2026",
            "password2": "Balikpapan-Kota-2027",
        },
    )
    summary = re.search(r'<div class="error-summary".*?</div>', response.content.decode(), re.DOTALL).group(0)
    assert 'href="#id_mobile"' in summary and "bukan nomor telepon seluler" in summary
    assert 'href="#id_password2"' in summary and "kata sandi yang sama" in summary.lower()


def test_login_with_a_wrong_password_shows_the_summary_with_the_message_in_indonesian(seeded):
    make_citizen("ani@example.org", "Ani Lestari")
    response = Client(HTTP_ACCEPT_LANGUAGE="id").post("/akun/login/", {"login": "ani@example.org", "password": "salah"})
    summary = re.search(r'<div class="error-summary".*?</div>', response.content.decode(), re.DOTALL).group(0)
    assert "kata sandi yang anda masukkan tidak benar" in summary.lower()
