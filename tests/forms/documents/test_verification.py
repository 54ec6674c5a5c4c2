"""The QR's public page says only that the document is genuine, when and for what; an altered copy is told apart."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone

from forms.office.storage import private_storage

from .conftest import certify, in_english

pytestmark = pytest.mark.django_db


@pytest.fixture
def issued(awaiting, staff):
    return certify(awaiting, staff["head_of_office"])


def _url(document):
    return f"/verifikasi/{document.code}/"


def _stored(document):
    with private_storage().open(document.object_name, "rb") as stored:
        return stored.read()


def _check(client, document, content, name="dokumen.pdf"):
    return client.post(_url(document), {"document": SimpleUploadedFile(name, content, "application/pdf")})


def test_the_page_says_genuine_with_the_date_and_service_and_nothing_personal(issued):
    response = in_english(Client()).get(_url(issued))

    assert response.status_code == 200
    body = response.content.decode()
    assert "Genuine" in body and issued.application.service_title in body
    # The page prints the office's (WITA) date; in UTC it is the day before from 16:00.
    assert f"issued on {timezone.localtime(issued.issued_at):%-d} " in body
    application = issued.application
    for personal in (application.applicant_name, application.nik, application.kk_number, application.tracking_number):
        assert personal not in body


def test_the_page_is_in_indonesian_by_default(issued):
    body = Client().get(_url(issued)).content.decode()
    assert "Asli" in body and "diterbitkan" in body


def test_an_unknown_code_is_a_404(issued):
    # Change the last character to one it is not; a fixed "x" matched one random code in 62.
    last = "y" if issued.code.endswith("x") else "x"
    assert Client().get(f"/verifikasi/{issued.code[:-1]}{last}/").status_code == 404
    assert Client().get("/verifikasi/bukan-kode/").status_code == 404


def test_the_issued_file_is_confirmed_and_an_altered_one_is_refused(issued):
    client = in_english(Client())
    content = _stored(issued)

    genuine = _check(client, issued, content).content.decode()
    assert "This file is the document that was issued." in genuine and "not the document" not in genuine

    # The same length, one byte changed: only the hash can tell.
    altered = content[:-20] + bytes([content[-20] ^ 1]) + content[-19:]
    for forged in (altered, content + b"\n%% edited", content[:-1]):
        body = _check(client, issued, forged).content.decode()
        assert "This file is not the document that was issued." in body


def test_checking_files_is_rate_limited_per_address(issued, settings):
    client = Client()
    for _ in range(10):
        assert _check(client, issued, b"%PDF-1.7 tebakan").status_code == 200
    stopped = _check(client, issued, _stored(issued))
    assert stopped.status_code == 429 and stopped.context["result"] is None
    assert Client(REMOTE_ADDR="203.0.113.9").get(_url(issued)).status_code == 200
