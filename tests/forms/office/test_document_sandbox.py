"""Staff open citizens' documents under a sandboxing CSP, from local storage and from S3 alike."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from forms.complaints.models import Complaint
from forms.intake.uploads import inspect_upload
from forms.models import Application

from ..complaints.helpers import new_complaint
from ..helpers import lost_card_form, lost_card_post, office_staff, signed_in, tracking_from
from ..upload_samples import jpeg_bytes

pytestmark = pytest.mark.django_db
SANDBOX = "default-src 'none'; sandbox"


def _submitted(citizen) -> Application:
    response = signed_in(citizen).post(lost_card_form().url, lost_card_post())
    return Application.objects.get(tracking_number=tracking_from(response))


def _assert_sandboxed(response, document) -> None:
    assert response.status_code == 200  # streamed, not redirected: a signed S3 URL could not carry the header
    assert response["Content-Security-Policy"] == SANDBOX
    assert response["X-Content-Type-Options"] == "nosniff" and "no-store" in response["Cache-Control"]
    assert response["Content-Type"] == document.content_type
    assert len(b"".join(response.streaming_content)) == document.size


@pytest.mark.parametrize("backend", ["filesystem", "s3"])
def test_staff_document_responses_carry_a_sandboxing_csp(citizen, backend, request):
    if backend == "s3":
        request.getfixturevalue("s3_storage")
    application = _submitted(citizen)
    operator = signed_in(office_staff()["operator"])
    for document in application.documents.all():
        response = operator.get(f"/admin/permohonan/review/{application.pk}/document/{document.pk}/")
        _assert_sandboxed(response, document)
        assert response["Content-Disposition"].startswith("inline")


@pytest.mark.parametrize("backend", ["filesystem", "s3"])
def test_staff_complaint_attachment_responses_carry_a_sandboxing_csp(seeded, backend, request):
    if backend == "s3":
        request.getfixturevalue("s3_storage")
    photo = inspect_upload(SimpleUploadedFile("bukti.jpg", jpeg_bytes(), "image/jpeg"))
    complaint = Complaint.objects.get(pk=new_complaint(attachment=photo).pk)
    head = signed_in(office_staff()["section_head"])
    response = head.get(f"/admin/pengaduan/detail/{complaint.pk}/attachment/")
    _assert_sandboxed(response, complaint.attachment)
