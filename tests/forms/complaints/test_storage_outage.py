"""An S3 outage while a complaint's attachment is stored: nothing is kept, and the visitor is told plainly."""

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from forms.complaints.models import Complaint, ComplaintAttachment
from tests.forms.s3_faults import SwitchableProxy, private_s3_storage, stored_keys
from tests.forms.upload_samples import pdf_bytes

from .conftest import as_user, complaint_post, kecamatan
from .helpers import wita

pytestmark = pytest.mark.django_db


@pytest.fixture
def proxy(s3_endpoint):
    host, port = s3_endpoint.removeprefix("http://").split(":")
    proxy = SwitchableProxy((host, int(port)))
    yield proxy
    proxy.down()


def test_a_complaint_sent_while_s3_is_down_keeps_nothing_and_comes_back_as_typed(seeded, s3_endpoint, proxy, settings):
    storage = private_s3_storage(settings, proxy.url)
    proxy.down()
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    data = complaint_post(attachment=SimpleUploadedFile("bukti.pdf", pdf_bytes(), "application/pdf"))
    try:
        response = client.post("/pengaduan/", data)
    finally:
        proxy.up()

    assert response.status_code == 503 and response["Retry-After"]
    assert Complaint.objects.count() == 0 and ComplaintAttachment.objects.count() == 0
    assert stored_keys(s3_endpoint, storage) == []
    body = response.content.decode()
    assert "Nothing was sent" in body and "Choose your attachment again" in body
    assert f'value="{data["name"]}"' in body and data["message"] in body
    assert f'value="{data["submission_token"]}"' in body

    # With S3 back, the same form goes through once.
    data["attachment"] = SimpleUploadedFile("bukti.pdf", pdf_bytes(), "application/pdf")
    assert client.post("/pengaduan/", data).status_code == 302
    assert Complaint.objects.count() == 1 and len(stored_keys(s3_endpoint, storage)) == 1


def test_a_complaint_recorded_by_staff_while_s3_is_down_keeps_nothing_and_says_so(staff, s3_endpoint, proxy, settings):
    storage = private_s3_storage(settings, proxy.url)
    proxy.down()
    client = as_user(staff["operator"])
    data = {
        "channel": "whatsapp",
        "received_at": "2026-08-10T09:30",
        "category": "masukan",
        "kecamatan": str(kecamatan().pk),
        "message": "Pesan WA: mohon tambah kursi.",
        "name": "Pak Joko",
        "attachment": SimpleUploadedFile("bukti.pdf", pdf_bytes(), "application/pdf"),
    }
    with time_machine.travel(wita(2026, 8, 10, 11, 0), tick=False):
        response = client.post("/admin/pengaduan/new/", data)
    proxy.up()

    assert response.status_code == 200
    assert "Tempat penyimpanan dokumen tidak dapat dihubungi: tidak ada yang disimpan." in response.content.decode()
    assert Complaint.objects.count() == 0 and ComplaintAttachment.objects.count() == 0
    assert stored_keys(s3_endpoint, storage) == []
