"""An S3 outage in the middle of a submission: every file or none is stored, and the citizen is told plainly."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from forms.constants import ApplicationStatus, StaffRole
from forms.intake.orphans import private_orphans_sweep
from forms.models import Application, ApplicationDocument
from forms.review.transitions import application_return

from ..helpers import lost_card_form, lost_card_post, make_staff, signed_in, tracking_from
from ..s3_faults import SwitchableProxy, on_s3_call, private_s3_storage, stored_keys
from ..upload_samples import pdf_bytes

pytestmark = pytest.mark.django_db

NOT_SAVED = 'class="error-summary not-saved"'


@pytest.fixture
def s3_proxy(s3_endpoint):
    host, port = s3_endpoint.removeprefix("http://").split(":")
    proxy = SwitchableProxy((host, int(port)))
    yield proxy
    proxy.down()


@pytest.fixture
def private_s3_behind_proxy(settings, s3_proxy):
    return private_s3_storage(settings, s3_proxy.url)


def outage_after_first_put(storage, proxy, *, back_for_cleanup: bool) -> None:
    """S3 goes away as soon as the first object is stored; optionally it is back when the cleanup runs."""
    puts = []

    def after_put():
        puts.append(1)
        if len(puts) == 1:
            proxy.down()

    on_s3_call(storage, "after-call.s3.PutObject", after_put)
    if back_for_cleanup:
        on_s3_call(storage, "before-call.s3.DeleteObject", proxy.up)


def in_english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def test_s3_failure_on_the_second_file_stores_nothing_and_shows_the_typed_values(
    citizen,
    s3_endpoint,
    s3_proxy,
    private_s3_behind_proxy,
):
    client = in_english(signed_in(citizen))
    outage_after_first_put(private_s3_behind_proxy, s3_proxy, back_for_cleanup=True)
    data = lost_card_post()

    response = client.post(lost_card_form().url, data)

    assert response.status_code == 503 and response["Retry-After"]
    assert Application.objects.count() == 0 and ApplicationDocument.objects.count() == 0
    assert stored_keys(s3_endpoint, private_s3_behind_proxy) == []
    body = response.content.decode()
    assert body.count(NOT_SAVED) == 1 and "Nothing was saved" in body
    assert "choose your documents again" in body
    for name in ("nama_lengkap", "nik", "nomor_kk", "nomor_hp", "submission_token"):
        assert f'value="{data[name]}"' in body, name
    assert f'<option value="{data["kecamatan"]}" selected>' in body
    assert "Please correct the marked fields" not in body  # nothing the citizen did wrong

    # Once S3 is back, sending the same form again makes the one application, with both files.
    files = {name: value for name, value in lost_card_post().items() if isinstance(value, SimpleUploadedFile)}
    retried = client.post(lost_card_form().url, {**data, **files})
    assert retried.status_code == 302
    application = Application.objects.get(tracking_number=tracking_from(retried))
    assert str(application.submission_token) == data["submission_token"]
    assert len(stored_keys(s3_endpoint, private_s3_behind_proxy)) == application.documents.count() == 2


def test_an_outage_that_outlasts_the_request_saves_no_row_and_the_sweep_removes_its_leftover(
    citizen,
    s3_endpoint,
    s3_proxy,
    private_s3_behind_proxy,
):
    client = signed_in(citizen)
    outage_after_first_put(private_s3_behind_proxy, s3_proxy, back_for_cleanup=False)

    response = client.post(lost_card_form().url, lost_card_post())

    assert response.status_code == 503 and NOT_SAVED in response.content.decode()
    assert Application.objects.count() == 0 and ApplicationDocument.objects.count() == 0
    # The first object could not be deleted either; once S3 is back, the sweep removes it after an hour.
    assert len(stored_keys(s3_endpoint, private_s3_behind_proxy)) == 1
    s3_proxy.up()
    assert private_orphans_sweep(now=timezone.now() + timedelta(minutes=50)).young == 1
    assert private_orphans_sweep(now=timezone.now() + timedelta(minutes=61)).deleted == 1
    assert stored_keys(s3_endpoint, private_s3_behind_proxy) == []


def test_correction_during_an_s3_outage_keeps_the_returned_application_as_it_was(
    citizen,
    s3_endpoint,
    s3_proxy,
    private_s3_behind_proxy,
):
    client = in_english(signed_in(citizen))
    application = Application.objects.get(
        tracking_number=tracking_from(client.post(lost_card_form().url, lost_card_post()))
    )
    before = stored_keys(s3_endpoint, private_s3_behind_proxy)
    documents = ["fotocopy_kartu_keluarga", "surat_keterangan_hilang_dari_kepolisian"]
    application_return(
        application=application,
        by=make_staff("op.kota", StaffRole.OPERATOR, "Balikpapan Kota"),
        reasons=[(name, "Tidak terbaca; unggah ulang.") for name in documents],
    )
    outage_after_first_put(private_s3_behind_proxy, s3_proxy, back_for_cleanup=True)

    response = client.post(
        f"/permohonan/{application.tracking_number}/perbaiki/",
        {name: SimpleUploadedFile(f"{name}.pdf", pdf_bytes(), "application/pdf") for name in documents},
    )

    assert response.status_code == 503
    body = response.content.decode()
    assert NOT_SAVED in body and "Nothing was saved" in body
    application.refresh_from_db()
    assert application.status == ApplicationStatus.RETURNED and application.version == 1
    assert application.documents.count() == 2 and not application.versions.exists()
    assert stored_keys(s3_endpoint, private_s3_behind_proxy) == before
