"""Certify is all or nothing: a storage outage, or a fault after the file is stored, leaves no trace."""

import pytest
from django.core import mail
from wagtail.models import ModelLogEntry

from forms.constants import ApplicationStatus
from forms.documents import services
from forms.documents.models import IssuedDocument
from tests.forms.helpers import signed_in
from tests.forms.s3_faults import SwitchableProxy, private_s3_storage, stored_keys

from .conftest import certified_pdf, certify, in_english

pytestmark = pytest.mark.django_db


@pytest.fixture
def s3_proxy(s3_endpoint):
    host, port = s3_endpoint.removeprefix("http://").split(":")
    proxy = SwitchableProxy((host, int(port)))
    yield proxy
    proxy.down()


def _untouched(application):
    application.refresh_from_db()
    assert application.status == ApplicationStatus.CERTIFICATION_REQUESTED
    assert application.history.count() == 1
    assert not IssuedDocument.objects.exists()
    assert not ModelLogEntry.objects.filter(action__in=["intake.certify", "documents.certify"]).exists()


def test_an_s3_outage_certifies_nothing_stores_nothing_and_says_so(
    awaiting, staff, settings, s3_endpoint, s3_proxy, django_capture_on_commit_callbacks
):
    storage = private_s3_storage(settings, s3_proxy.url)
    s3_proxy.down()
    client = in_english(signed_in(staff["head_of_office"]))

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/admin/dokumen-terbit/{awaiting.pk}/",
            {"document": certified_pdf(), "expected_status": awaiting.status},
        )

    assert response.status_code == 503 and response["Retry-After"]
    body = response.content.decode()
    assert "Nothing was saved" in body and "the application was not certified and no file was kept" in body
    _untouched(awaiting)
    assert mail.outbox == []
    s3_proxy.up()
    assert stored_keys(s3_endpoint, storage) == []


def test_a_fault_after_the_file_is_stored_deletes_it_again(awaiting, staff, monkeypatch, settings, s3_endpoint):
    storage = private_s3_storage(settings, s3_endpoint)

    def audit_down(**kwargs):
        raise RuntimeError("audit log unavailable")

    monkeypatch.setattr(services, "log", audit_down)
    with pytest.raises(RuntimeError):
        certify(awaiting, staff["head_of_office"])

    _untouched(awaiting)
    assert stored_keys(s3_endpoint, storage) == []
