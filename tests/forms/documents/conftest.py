import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile

from forms.constants import ApplicationStatus, Processing
from forms.documents.services import document_certify
from forms.intake.uploads import inspect_upload
from services.models import Kecamatan
from tests.forms.factories import ApplicationFactory
from tests.forms.helpers import office_staff
from tests.forms.upload_samples import pdf_bytes


@pytest.fixture
def staff(seeded):
    return office_staff()


@pytest.fixture
def awaiting(seeded):
    """A digital-document application at Balikpapan Kota, verified and waiting for the head of office."""
    return ApplicationFactory(
        page__processing=Processing.DIGITAL,
        status=ApplicationStatus.CERTIFICATION_REQUESTED,
        kecamatan=Kecamatan.objects.get(name="Balikpapan Kota"),
        siak_reference="SIAK-2026-1",
    )


def certified_pdf(name="kk-cetak-ulang.pdf", content=None):
    return SimpleUploadedFile(name, content or pdf_bytes(2), "application/pdf")


def certify(application, by):
    """Certify as the head of office's screen does, with a clean two-page PDF."""
    return document_certify(
        application=application,
        by=by,
        upload=inspect_upload(certified_pdf(), allowed_types=["application/pdf"]),
        expected_status=application.status,
    )


def in_english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client
