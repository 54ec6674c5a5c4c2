"""After "send" the citizen downloads the document from their history, as often as they like; nobody else can."""

import pytest
from django.core import mail
from django.test import Client
from wagtail.models import ModelLogEntry

from forms.office.storage import private_storage
from forms.review.transitions import application_transition
from tests.forms.factories import CitizenFactory
from tests.forms.helpers import signed_in

from .conftest import certify, in_english

pytestmark = pytest.mark.django_db


@pytest.fixture
def issued(awaiting, staff):
    return certify(awaiting, staff["head_of_office"])


def _send(application, staff):
    application.refresh_from_db()
    return application_transition(
        application=application, action="send", by=staff["operator"], expected_status=application.status
    )


def _stored(document):
    with private_storage().open(document.object_name, "rb") as stored:
        return stored.read()


def _download_url(application):
    return f"/permohonan/{application.tracking_number}/dokumen-terbit/"


def test_once_sent_the_citizen_downloads_the_document_again_and_again(
    issued, staff, django_capture_on_commit_callbacks
):
    application = issued.application
    with django_capture_on_commit_callbacks(execute=True):
        _send(application, staff)
    client = in_english(signed_in(application.applicant))

    page = client.get(application.get_absolute_url()).content.decode()
    assert f'href="{_download_url(application)}"' in page and "Download the document (PDF)" in page
    for _ in range(3):
        response = client.get(_download_url(application))
        assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
        assert b"".join(response.streaming_content) == _stored(issued)
        assert "no-store" in response["Cache-Control"]

    [email] = [message for message in mail.outbox if "Dokumen dikirim" in message.body]
    assert f"{_download_url(application)}" in email.body


def test_before_it_is_sent_there_is_nothing_to_download(issued):
    client = signed_in(issued.application.applicant)

    assert _download_url(issued.application) not in client.get(issued.application.get_absolute_url()).content.decode()
    assert client.get(_download_url(issued.application)).status_code == 404


def test_another_citizen_gets_a_404_and_a_visitor_the_login(issued, staff):
    _send(issued.application, staff)

    assert signed_in(CitizenFactory()).get(_download_url(issued.application)).status_code == 404
    anonymous = Client().get(_download_url(issued.application))
    assert anonymous.status_code == 302 and anonymous["Location"].startswith("/akun/login/")


def test_staff_open_it_from_the_document_screen_in_scope_and_it_is_audited(issued, staff):
    url = f"/admin/dokumen-terbit/{issued.application.pk}/unduh/"
    screen = signed_in(staff["operator"]).get(f"/admin/dokumen-terbit/{issued.application.pk}/").content.decode()
    assert f'href="{url}"' in screen

    response = signed_in(staff["operator"]).get(url)
    assert response.status_code == 200 and b"".join(response.streaming_content) == _stored(issued)
    assert response["Content-Security-Policy"] == "default-src 'none'; sandbox"
    entry = ModelLogEntry.objects.get(action="documents.staff_download")
    assert entry.user_id == staff["operator"].pk and entry.data == {"document": issued.pk}

    assert signed_in(staff["operator_elsewhere"]).get(url).status_code == 404
    assert ModelLogEntry.objects.filter(action="documents.staff_download").count() == 1
