"""A citizen applies online: the form, the private S3 upload, the receipt and the history."""

import datetime
import re
from urllib.parse import parse_qs, urlparse

import pytest
import requests
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.core import mail
from django.core.files.storage import storages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from wagtail.models import ReferenceIndex

from forms.constants import ApplicationStatus
from forms.models import Application, ApplicationDocument, StaffProfile
from forms.review.transitions import application_return
from services.models import Kecamatan

from ..helpers import VALID_NIK, lost_card_form, lost_card_post, tracking_from
from ..upload_samples import gif_bytes, pdf_bytes

pytestmark = pytest.mark.django_db


def _apply(client, **overrides):
    return client.post(lost_card_form().url, lost_card_post(**overrides))


def test_applying_needs_an_account(client, seeded):
    response = client.get(lost_card_form().url)
    assert response.status_code == 302
    assert response["Location"].startswith("/akun/login/")


def test_standard_page_links_each_online_variant_to_its_form(client, seeded):
    body = client.get("/layanan/cetak-ktp-el/").content.decode()
    for slug in ("hilang", "rusak", "perubahan-data"):
        assert f'href="/layanan/cetak-ktp-el/{slug}/"' in body
    assert body.count("Ajukan permohonan") == 3
    assert (
        'href="/layanan/pendaftaran-ikd/pesan-kunjungan/"' in client.get("/layanan/pendaftaran-ikd/").content.decode()
    )


def test_lost_card_form_asks_for_exactly_the_documents_the_standard_requires(client, citizen):
    client.force_login(citizen)
    form = lost_card_form()
    documents = [f.requirement for f in form.form_fields.all() if f.field_type == "document"]
    assert documents == [
        "Fotocopy Kartu Keluarga",
        "Surat Keterangan hilang dari Kepolisian (untuk KTP-el yang hilang)",
    ]
    body = client.get(form.url).content.decode()
    # The steps send files; the one-time token is the draft's now, carried by the check page (test_form_steps.py).
    assert 'enctype="multipart/form-data"' in body


def test_submission_stores_structured_data_and_private_files_on_s3(
    client, citizen, s3_storage, django_capture_on_commit_callbacks
):
    client.force_login(citizen)
    with django_capture_on_commit_callbacks(execute=True):
        response = _apply(client)
    assert response.status_code == 302
    application = Application.objects.get(tracking_number=tracking_from(response))
    assert application.status == ApplicationStatus.SUBMITTED
    assert application.applicant == citizen
    assert application.nik == VALID_NIK and application.mobile == "+6281234567890"
    assert application.kecamatan.name == "Balikpapan Kota"
    assert application.variant_code == "hilang" and application.service.slug == "cetak-ktp-el"
    assert re.fullmatch(r"KTP-\d{4}-[0-9A-Z]{7}", application.tracking_number)
    documents = list(application.documents.order_by("field_name"))
    assert [d.content_type for d in documents] == ["application/pdf", "image/jpeg"]
    for document in documents:
        assert document.object_name.startswith(f"permohonan/{application.tracking_number}/")
        assert "kk" not in document.object_name.rsplit("/", 1)[-1] and "IMG" not in document.object_name
        stored = s3_storage.get_object(Bucket="portal-private-test", Key="private/" + document.object_name)
        assert stored["ContentLength"] == document.size
    # The citizen is told by e-mail, in Indonesian, with a masked NIK nowhere leaking the whole number: the status,
    # and a copy of the answers (tests/forms/intake/test_answers_copy.py).
    assert len(mail.outbox) == 2
    status_mail = next(message for message in mail.outbox if "Diajukan" in message.subject)
    assert application.tracking_number in status_mail.subject
    assert all(VALID_NIK not in message.body for message in mail.outbox)


def test_a_submission_writes_each_document_with_one_put_and_nothing_else(client, citizen, s3_storage):
    # Names are fresh UUIDs: no HEAD to look for a name already taken, and no thread pool per upload.
    calls = []
    events = storages["private"].connection.meta.client.meta.events
    events.register("before-call.s3", lambda model, **kwargs: calls.append(model.name))
    client.force_login(citizen)
    response = _apply(client)
    assert response.status_code == 302
    assert calls == ["PutObject", "PutObject"]
    assert storages["private"].transfer_config.use_threads is False


def test_a_case_is_not_content_wagtails_reference_index_keeps_nothing_of_it(client, citizen):
    # Otherwise every save adds index rows and a task, and the form page's "usage" screen lists citizens' cases.
    client.force_login(citizen)
    client.get("/admin/")  # the admin's viewsets are registered as its URLs load
    application = Application.objects.get(tracking_number=tracking_from(_apply(client)))
    application.save()
    assert not ReferenceIndex.objects.filter(base_content_type=ContentType.objects.get_for_model(Application)).exists()
    assert not ReferenceIndex.is_indexed(Application)


def test_files_on_s3_are_private_and_downloads_are_signed_for_five_minutes(client, citizen, s3_storage, settings):
    client.force_login(citizen)
    application = Application.objects.get(tracking_number=tracking_from(_apply(client)))
    document = application.documents.get(content_type="application/pdf")
    unsigned = (
        f"{settings.STORAGES['private']['OPTIONS']['endpoint_url']}/portal-private-test/private/{document.object_name}"
    )
    assert requests.get(unsigned, timeout=10).status_code == 403

    response = client.get(document.get_absolute_url())
    assert response.status_code == 302
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    signed = response["Location"]
    assert "X-Amz-Expires=300" in signed and "X-Amz-Signature=" in signed
    fetched = requests.get(signed, timeout=10)
    assert fetched.status_code == 200 and fetched.content == pdf_bytes()

    # The lifetime is signed into the URL; S3 refuses it afterwards (moto does not check expiry, so we read it).
    query = parse_qs(urlparse(signed).query)
    signed_at = datetime.datetime.strptime(query["X-Amz-Date"][0], "%Y%m%dT%H%M%SZ").replace(tzinfo=datetime.UTC)
    assert abs((datetime.datetime.now(datetime.UTC) - signed_at).total_seconds()) < 60
    assert query["X-Amz-Expires"] == ["300"]


def test_a_bad_file_is_refused_in_indonesian_and_nothing_is_stored(client, citizen, s3_storage):
    client.force_login(citizen)

    objects_before = s3_storage.list_objects_v2(Bucket="portal-private-test").get("KeyCount", 0)
    response = _apply(client, fotocopy_kartu_keluarga=SimpleUploadedFile("kk.png", gif_bytes(), "image/png"))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Berkas “kk.png”" in body
    assert 'value="Ani Lestari"' in body  # what the citizen typed stays
    assert Application.objects.count() == 0 and ApplicationDocument.objects.count() == 0
    assert s3_storage.list_objects_v2(Bucket="portal-private-test").get("KeyCount", 0) == objects_before


def test_invalid_nik_is_explained_on_the_field(client, citizen):
    client.force_login(citizen)
    response = _apply(client, nik="6471063208900003")
    body = response.content.decode()
    assert response.status_code == 200
    assert "bukan tanggal yang sah" in body
    assert 'id="id_nik_error"' in body
    assert Application.objects.count() == 0


def test_courier_delivery_needs_an_address(client, citizen):
    client.force_login(citizen)
    response = _apply(client, pengambilan_ktp_el="courier")
    assert "Masukkan alamat tujuan pengiriman." in response.content.decode()
    response = _apply(client, pengambilan_ktp_el="courier", pengambilan_ktp_el_alamat="Jl. Ahmad Yani No. 1, RT 05")
    application = Application.objects.get(tracking_number=tracking_from(response))
    assert application.delivery_method == "courier" and application.delivery_address.startswith("Jl. Ahmad Yani")


def test_a_double_submit_creates_one_application(client, citizen):
    client.force_login(citizen)
    data = lost_card_post()
    token = data["submission_token"]
    first = client.post(lost_card_form().url, data)
    again = client.post(lost_card_form().url, lost_card_post(submission_token=token))
    assert tracking_from(first) == tracking_from(again)
    assert Application.objects.count() == 1
    assert ApplicationDocument.objects.count() == 2


def test_forms_enforce_csrf(citizen):
    client = Client(enforce_csrf_checks=True)
    client.force_login(citizen)
    assert client.post(lost_card_form().url, lost_card_post()).status_code == 403
    assert Application.objects.count() == 0


def test_receipt_shows_tracking_number_masked_nik_and_a_qr_code(client, citizen):
    client.force_login(citizen)
    response = _apply(client)
    receipt = client.get(response["Location"])
    body = receipt.content.decode()
    assert tracking_from(response) in body
    assert "6471********0003" in body and VALID_NIK not in body
    assert "<svg" in body and "/lacak/?nomor=" in body
    assert "no-store" in receipt["Cache-Control"] or "max-age=0" in receipt["Cache-Control"]


@pytest.mark.parametrize("suffix", ["", "tanda-terima/", "perbaiki/", "dokumen/{doc}/"])
def test_another_citizen_gets_404_on_every_url_of_an_application(client, citizen, other_citizen, suffix):
    client.force_login(citizen)
    tracking = tracking_from(_apply(client))
    document = Application.objects.get(tracking_number=tracking).documents.first()
    client.force_login(other_citizen)
    url = f"/permohonan/{tracking}/" + suffix.format(doc=document.pk)
    assert client.get(url).status_code == 404
    assert client.get(f"/permohonan/KTP-2026-AAAAAAA/{suffix.format(doc=document.pk)}").status_code == 404
    assert tracking not in client.get("/permohonan/").content.decode()


def test_history_lists_the_citizens_applications_with_a_timeline(client, citizen):
    client.force_login(citizen)
    tracking = tracking_from(_apply(client))
    assert tracking in client.get("/permohonan/").content.decode()
    body = client.get(f"/permohonan/{tracking}/").content.decode()
    assert "Diajukan" in body and "WITA" in body
    assert "Permohonan Anda telah diterima" in body


def _operator_of_kota():
    staff = get_user_model().objects.create_user("operator1", "op@example.org", "x", is_staff=True)
    staff.groups.add(Group.objects.get(name="Operator"))
    StaffProfile.objects.create(user=staff, kecamatan=Kecamatan.objects.get(name="Balikpapan Kota"))
    return staff


def test_returned_application_is_corrected_and_resubmitted_keeping_history(client, citizen, s3_storage):
    client.force_login(citizen)
    application = Application.objects.get(tracking_number=tracking_from(_apply(client)))
    old_police_report = application.documents.get(field_name="surat_keterangan_hilang_dari_kepolisian")
    application_return(
        application=application,
        by=_operator_of_kota(),
        reasons=[("surat_keterangan_hilang_dari_kepolisian", "Foto surat tidak terbaca; unggah ulang yang jelas.")],
    )
    detail = client.get(application.get_absolute_url()).content.decode()
    assert "Surat Keterangan hilang dari Kepolisian (untuk KTP-el yang hilang)" in detail
    assert "Foto surat tidak terbaca" in detail

    correction = client.get(f"/permohonan/{application.tracking_number}/perbaiki/").content.decode()
    assert 'name="surat_keterangan_hilang_dari_kepolisian"' in correction
    assert 'name="nik"' not in correction  # only what staff named may change

    response = client.post(
        f"/permohonan/{application.tracking_number}/perbaiki/",
        {"surat_keterangan_hilang_dari_kepolisian": SimpleUploadedFile("surat.pdf", pdf_bytes(2), "application/pdf")},
    )
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == ApplicationStatus.SUBMITTED and application.version == 2
    assert application.versions.get(version=1).form_data["nik"] == VALID_NIK
    old_police_report.refresh_from_db()
    assert not old_police_report.is_current
    current = application.documents.get(field_name="surat_keterangan_hilang_dari_kepolisian", is_current=True)
    assert current.version == 2 and current.content_type == "application/pdf"
    assert list(application.history.values_list("to_status", flat=True)) == ["submitted", "returned", "submitted"]


def test_public_tracking_shows_only_the_status_with_the_right_nik_digits(client, citizen):
    client.force_login(citizen)
    tracking = tracking_from(_apply(client))
    client.logout()
    good = client.post("/lacak/", {"nomor": tracking.lower(), "nik4": "0003"}).content.decode()
    assert "Diajukan" in good and "Ani Lestari" not in good and "Balikpapan Kota" not in good
    wrong = client.post("/lacak/", {"nomor": tracking, "nik4": "1234"}).content.decode()
    assert "Diajukan" not in wrong and "Tidak ada permohonan" in wrong


def test_public_tracking_is_rate_limited(client, seeded):
    for _ in range(10):
        client.post("/lacak/", {"nomor": "KTP-2026-AAAAAAA", "nik4": "0000"})
    assert client.post("/lacak/", {"nomor": "KTP-2026-AAAAAAA", "nik4": "0000"}).status_code == 429


def test_a_forged_forwarded_address_does_not_escape_the_tracking_limit(client, seeded):
    # No proxy is trusted by default: X-Forwarded-For is the visitor's own words and is ignored.
    for n in range(10):
        client.post("/lacak/", {"nomor": "KTP-2026-AAAAAAA", "nik4": "0000"}, HTTP_X_FORWARDED_FOR=f"203.0.113.{n}")
    forged = client.post("/lacak/", {"nomor": "KTP-2026-AAAAAAA", "nik4": "0000"}, HTTP_X_FORWARDED_FOR="198.51.100.7")
    assert forged.status_code == 429


def test_behind_a_trusted_proxy_each_visitor_has_their_own_tracking_limit(seeded, settings):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    proxy = Client(REMOTE_ADDR="10.0.0.1")  # every request arrives from the reverse proxy
    for _ in range(10):
        proxy.post("/lacak/", {"nomor": "KTP-2026-AAAAAAA", "nik4": "0000"}, HTTP_X_FORWARDED_FOR="203.0.113.5")
    data = {"nomor": "KTP-2026-AAAAAAA", "nik4": "0000"}
    assert proxy.post("/lacak/", data, HTTP_X_FORWARDED_FOR="203.0.113.5").status_code == 429
    assert proxy.post("/lacak/", data, HTTP_X_FORWARDED_FOR="203.0.113.6").status_code == 200
