"""Staff documents under `Content-Security-Policy: default-src 'none'; sandbox`, in Debian's chromium.

The header must not cost the reviewer anything: the photo still shows inside the review page (an <img> is not
governed by the image response's own policy) and a PDF still opens in chromium's viewer in a new tab. And it must
do its job: a document that turns out to be a web page runs no script.
"""

import io

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from PIL import Image
from playwright.sync_api import expect

from forms.constants import StaffRole
from forms.models import Application, ApplicationDocument
from tests.forms.conftest import make_citizen
from tests.forms.helpers import lost_card_form, lost_card_post, make_staff
from tests.forms.upload_samples import pdf_with_black_box_bytes

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
SANDBOX = "default-src 'none'; sandbox"


def _application() -> Application:
    client = Client()
    client.force_login(make_citizen("warga.sandbox@example.org"))
    pdf = SimpleUploadedFile("kk.pdf", pdf_with_black_box_bytes(), "application/pdf")
    client.post(lost_card_form().url, lost_card_post(fotocopy_kartu_keluarga=pdf))
    return Application.objects.get()


def _operator_page(browser, live_server):
    """A browser signed in as an operator with a second factor (the session is made on the server side)."""
    client = Client()
    client.force_login(make_staff("op.sandbox", StaffRole.OPERATOR, "Balikpapan Kota"))
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="id-ID")
    context.set_default_timeout(15_000)
    cookie = client.cookies["sessionid"]
    context.add_cookies([{"name": "sessionid", "value": cookie.value, "url": live_server.url}])
    return context, context.new_page()


def _black_pixels(png: bytes) -> int:
    # The viewer's chrome is dark grey, never pure black; only the rendered page's rectangle is.
    return sum(1 for value in Image.open(io.BytesIO(png)).convert("L").get_flattened_data() if value < 10)


def test_review_page_shows_the_photo_and_opens_the_pdf_under_the_sandbox(live_server, seeded, browser):
    application = _application()
    context, page = _operator_page(browser, live_server)
    review = f"{live_server.url}/admin/permohonan/review/{application.pk}/"
    page.goto(review)

    preview = page.locator("img.document-preview")
    expect(preview).to_have_count(1)
    preview.scroll_into_view_if_needed()
    page.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=preview.element_handle())

    pdf = application.documents.get(content_type="application/pdf")
    with context.expect_page() as opened:
        page.get_by_role("link", name=pdf.label, exact=True).click()
    tab = opened.value
    tab.wait_for_load_state()
    assert tab.url.endswith(f"/document/{pdf.pk}/")
    rendered = 0
    for _ in range(75):  # chromium's viewer is an extension frame that draws the page a moment after loading
        rendered = _black_pixels(tab.screenshot())
        if rendered > 20_000:
            break
        tab.wait_for_timeout(200)
    assert rendered > 20_000, "chromium's PDF viewer did not render the sandboxed PDF"
    assert any(frame.url.startswith("chrome-extension://") for frame in tab.frames)
    headers = page.request.get(f"{review}document/{pdf.pk}/").headers
    assert headers["content-security-policy"] == SANDBOX
    context.close()


def test_a_document_that_is_really_a_web_page_runs_no_script(live_server, seeded, browser):
    application = _application()
    # A row forged past the upload checks, as if HTML had slipped through: the header is the last line.
    name = storages["private"].save(
        f"permohonan/{application.tracking_number}/2026/12/forged.pdf",
        ContentFile(b"<html><body><script>document.title='script-ran'; alert(1)</script>dokumen</body></html>"),
    )
    forged = ApplicationDocument.objects.create(
        application=application,
        field_name="fotocopy_kartu_keluarga",
        label="Forged",
        object_name=name,
        original_name="forged.html",
        content_type="text/html",
        size=10,
        sha256="0" * 64,
    )
    context, page = _operator_page(browser, live_server)
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))

    response = page.goto(f"{live_server.url}/admin/permohonan/review/{application.pk}/document/{forged.pk}/")

    assert response.headers["content-security-policy"] == SANDBOX
    expect(page.locator("body")).to_have_text("dokumen")
    assert page.title() != "script-ran" and dialogs == []
    context.close()
