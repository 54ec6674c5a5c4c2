"""At "certify" the head of office attaches the PDF from SIAK: checked, stamped with its QR, stored, hashed, audited."""

import hashlib
import io

import pytest
from pypdf import PdfReader
from wagtail.models import ModelLogEntry

from forms.constants import ApplicationStatus
from forms.documents.models import IssuedDocument
from forms.office.storage import private_storage
from tests.forms.helpers import signed_in
from tests.forms.upload_samples import broken_pdf_bytes, jpeg_bytes

from .conftest import certified_pdf, in_english

pytestmark = pytest.mark.django_db


def _screen(application):
    return f"/admin/dokumen-terbit/{application.pk}/"


def _post(client, application, upload, expected_status=ApplicationStatus.CERTIFICATION_REQUESTED):
    return client.post(_screen(application), {"document": upload, "expected_status": expected_status})


def _refused(response):
    # Wagtail's admin answers PermissionDenied with a redirect to the dashboard and a message.
    return response.status_code == 403 or (response.status_code == 302 and response["Location"] == "/admin/")


def _stored_files(directory):
    try:
        directories, files = private_storage().listdir(directory)
    except FileNotFoundError:
        return []
    return files + [name for sub in directories for name in _stored_files(f"{directory}/{sub}")]


def _nothing_happened(application):
    application.refresh_from_db()
    assert application.status == ApplicationStatus.CERTIFICATION_REQUESTED
    assert not IssuedDocument.objects.exists()
    assert _stored_files(f"dokumen/{application.tracking_number}") == []
    assert not ModelLogEntry.objects.filter(action__in=["intake.certify", "documents.certify"]).exists()


def test_the_head_of_office_certifies_with_the_pdf_which_is_stamped_stored_and_hashed(awaiting, staff):
    response = _post(signed_in(staff["head_of_office"]), awaiting, certified_pdf())

    assert response.status_code == 302 and response["Location"] == f"/admin/permohonan/review/{awaiting.pk}/"
    awaiting.refresh_from_db()
    assert awaiting.status == ApplicationStatus.CERTIFIED
    document = awaiting.issued_document
    assert document.issued_by == staff["head_of_office"] and document.original_name == "kk-cetak-ulang.pdf"
    assert document.service_title == awaiting.service_title and len(document.code) >= 24
    with private_storage().open(document.object_name, "rb") as stored:
        content = stored.read()
    assert document.object_name.startswith(f"dokumen/{awaiting.tracking_number}/")
    assert hashlib.sha256(content).hexdigest() == document.sha256 and len(content) == document.size
    pages = PdfReader(io.BytesIO(content)).pages
    assert len(pages) == 2
    assert f"/verifikasi/{document.code}/" in pages[0].extract_text()
    assert "verifikasi" not in pages[1].extract_text()
    entry = ModelLogEntry.objects.get(action="documents.certify")
    assert entry.user_id == staff["head_of_office"].pk and entry.object_id == str(awaiting.pk)
    assert entry.data == {"document": document.pk, "sha256": document.sha256, "size": document.size}
    assert ModelLogEntry.objects.filter(action="intake.certify", object_id=str(awaiting.pk)).exists()


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (certified_pdf("foto.jpg", jpeg_bytes()), "“foto.jpg” is not a PDF file."),
        (certified_pdf("kk.pdf", broken_pdf_bytes()), "“kk.pdf” could not be opened as a PDF"),
    ],
    ids=["not-a-pdf", "broken-pdf"],
)
def test_a_file_that_is_not_a_readable_pdf_is_refused_on_the_field_and_nothing_is_kept(
    awaiting, staff, upload, message
):
    response = _post(in_english(signed_in(staff["head_of_office"])), awaiting, upload)

    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors["document"])
    assert 'class="error-message"' in response.content.decode()
    _nothing_happened(awaiting)


def test_only_the_head_of_office_may_certify_and_others_see_no_form(awaiting, staff):
    for name in ("operator", "verifier", "section_head"):
        client = signed_in(staff[name])
        assert _refused(_post(client, awaiting, certified_pdf())), name
        assert client.get(_screen(awaiting)).context["form"] is None, name
    _nothing_happened(awaiting)


def test_another_kecamatans_operator_does_not_find_the_screen(awaiting, staff):
    assert signed_in(staff["operator_elsewhere"]).get(_screen(awaiting)).status_code == 404


def test_a_stale_page_certifies_nothing(awaiting, staff):
    response = _post(signed_in(staff["head_of_office"]), awaiting, certified_pdf(), expected_status="siak_entered")

    assert response.status_code == 302 and response["Location"] == _screen(awaiting)
    _nothing_happened(awaiting)


def test_the_review_page_links_the_screen_instead_of_a_certify_button(awaiting, staff):
    body = signed_in(staff["head_of_office"]).get(f"/admin/permohonan/review/{awaiting.pk}/").content.decode()

    assert 'value="certify"' not in body
    assert f'href="{_screen(awaiting)}"' in body


def test_certify_cannot_be_pressed_from_the_review_page(awaiting, staff):
    client = signed_in(staff["head_of_office"])
    response = client.post(
        f"/admin/permohonan/review/{awaiting.pk}/", {"action": "certify", "expected_status": awaiting.status}
    )
    assert _refused(response)
    _nothing_happened(awaiting)


def test_the_head_of_office_finds_what_waits_in_the_certification_queue(awaiting, staff):
    client = signed_in(staff["head_of_office"])
    body = client.get("/admin/dokumen-terbit/").content.decode()
    assert awaiting.tracking_number in body and f'href="{_screen(awaiting)}"' in body
    assert "/admin/dokumen-terbit/" in client.get("/admin/").content.decode()
