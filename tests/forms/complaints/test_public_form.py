"""The public complaint form: what it stores, what it refuses in Indonesian, and how it keeps spam out."""

import re

import pytest
from django.core import mail
from django.core.files.storage import storages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from wagtail.models import ModelLogEntry

from forms.complaints.models import Complaint, ComplaintAttachment
from forms.intake.tracking import tracking_number_new
from forms.models import Application
from services.models import ServiceStandardPage
from tests.forms.conftest import make_citizen
from tests.forms.helpers import lost_card_form, lost_card_post, tracking_from
from tests.forms.upload_samples import gif_bytes, jpeg_with_exif_bytes, pdf_bytes

from .conftest import VALID_NIK, as_user, complaint_post, kecamatan

pytestmark = pytest.mark.django_db
FORM = "/pengaduan/"


def _apply(citizen, **overrides):
    client = as_user(citizen)
    return Application.objects.get(
        tracking_number=tracking_from(client.post(lost_card_form().url, lost_card_post(**overrides)))
    )


def test_a_visitor_files_a_complaint_and_gets_its_tracking_number_on_screen_and_by_email(
    client, staff, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(FORM, complaint_post(), follow=True)
    complaint = Complaint.objects.get()
    assert re.fullmatch(r"ADU-\d{4}-[0-9A-Z]{7}", complaint.tracking_number)
    body = response.content.decode()
    assert response.redirect_chain[-1][0] == "/pengaduan/terkirim/"
    assert "Terima kasih, pesan Anda telah terkirim" in body and complaint.tracking_number in body
    assert "no-store" in response["Cache-Control"]
    assert (complaint.channel, complaint.category, complaint.status, complaint.tier) == (
        "web_form",
        "pengaduan",
        "received",
        "supervisor",
    )
    assert complaint.nik == VALID_NIK and complaint.mobile == "+6281234567890"
    assert complaint.kecamatan == kecamatan() and complaint.complainant is None
    to_citizen = [message for message in mail.outbox if message.to == ["ani.warga@example.org"]]
    assert len(to_citizen) == 1
    assert to_citizen[0].subject == f"Pengaduan {complaint.tracking_number} telah diterima"
    assert complaint.tracking_number in to_citizen[0].body and "3 hari kerja" in to_citizen[0].body
    assert f"/pengaduan/lacak/?nomor={complaint.tracking_number}" in to_citizen[0].body
    assert VALID_NIK not in to_citizen[0].body
    assert ModelLogEntry.objects.filter(action="complaints.file", object_id=str(complaint.pk)).exists()


def test_the_form_is_in_indonesian_and_asks_for_what_the_standard_needs(client, seeded):
    response = client.get(FORM)
    body = response.content.decode()
    assert response.status_code == 200 and "no-store" in response["Cache-Control"]
    for text in ("Pengaduan, saran dan masukan", "Pengaduan", "Saran", "Masukan", "Kantor kecamatan yang bersangkutan"):
        assert text in body
    assert 'name="website"' in body and "<div hidden>" in body  # the trap is there, out of sight
    assert 'aria-describedby="id_nik_helptext"' in body and 'id="id_nik_helptext"' in body


def test_a_logged_in_citizen_finds_their_details_filled_in_and_the_complaint_is_linked(citizen):
    application = _apply(citizen)
    client = as_user(citizen)
    body = client.get(FORM).content.decode()
    assert 'value="Ani Lestari"' in body and 'value="ani@example.org"' in body
    assert 'value="+6281234567890"' in body and f'value="{VALID_NIK}"' in body
    client.post(
        FORM,
        complaint_post(email="ani@example.org", application_number=application.tracking_number.lower()),
    )
    complaint = Complaint.objects.get()
    assert complaint.complainant == citizen and complaint.application == application


def test_a_logged_in_citizen_cannot_name_another_persons_application_and_learns_nothing(citizen, other_citizen):
    others = _apply(other_citizen)
    client = as_user(citizen)
    someone_elses = client.post(FORM, complaint_post(application_number=others.tracking_number)).content.decode()
    unknown_number = tracking_number_new("KTP", 2026)  # well formed, with a correct check character
    unknown = client.post(FORM, complaint_post(application_number=unknown_number)).content.decode()
    message = "Tidak ada permohonan Anda dengan nomor pelacakan ini."
    assert message in someone_elses and message in unknown
    assert not Complaint.objects.exists()


def test_without_login_a_related_application_must_have_been_filed_with_the_same_nik(client, citizen):
    application = _apply(citizen)
    wrong_nik = client.post(
        FORM, complaint_post(application_number=application.tracking_number, nik="6471031503850002")
    ).content.decode()
    assert "Tidak ada permohonan dengan nomor pelacakan ini yang diajukan dengan NIK yang Anda masukkan." in wrong_nik
    assert not Complaint.objects.exists()
    client.post(FORM, complaint_post(application_number=application.tracking_number))
    assert Complaint.objects.get().application == application


def test_bad_input_gets_field_level_indonesian_errors_keeps_what_was_typed_and_stores_nothing(client, seeded):
    response = client.post(
        FORM,
        complaint_post(category=None, kecamatan="", message="", email="bukan-email", nik="123", mobile="021-555"),
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "Mohon perbaiki isian yang ditandai" in body
    for text in (
        "Pilih pengaduan, saran atau masukan.",
        "Pilih kantor kecamatan yang menjadi pokok pesan Anda.",
        "Tulis pesan Anda.",
        "Masukkan alamat e-mail seperti nama@contoh.id.",
        "NIK terdiri atas 16 digit; Anda memasukkan 3 digit.",
    ):
        assert text in body, text
    assert 'id="id_nik_error"' in body and 'aria-describedby="id_nik_helptext id_nik_error"' in body
    assert 'aria-invalid="true"' in body
    assert 'value="Ani Lestari"' in body  # what was typed is kept
    assert not Complaint.objects.exists()


def test_a_malformed_related_tracking_number_is_explained(client, seeded):
    body = client.post(FORM, complaint_post(application_number="12345")).content.decode()
    assert "Ini bukan nomor pelacakan." in body
    assert not Complaint.objects.exists()


def test_an_attachment_is_checked_like_application_uploads_and_refused_in_indonesian(client, seeded):
    fake = SimpleUploadedFile("bukti.png", gif_bytes(), "image/png")
    body = client.post(FORM, complaint_post(attachment=fake)).content.decode()
    assert "dinamai seperti berkas PNG, tetapi sebenarnya" in body
    assert "pilih lampiran Anda lagi" in body
    assert not Complaint.objects.exists() and not ComplaintAttachment.objects.exists()


def test_an_attachment_is_stored_privately_without_metadata_and_staff_views_are_audited(client, staff):
    photo = SimpleUploadedFile("IMG_2041.jpg", jpeg_with_exif_bytes(), "image/jpeg")
    client.post(FORM, complaint_post(attachment=photo))
    complaint = Complaint.objects.get()
    attachment = complaint.attachment
    assert attachment.original_name == "IMG_2041.jpg" and attachment.content_type == "image/jpeg"
    assert re.fullmatch(
        rf"pengaduan/{complaint.tracking_number}/\d{{4}}/\d{{2}}/[0-9a-f]{{32}}\.jpg", attachment.object_name
    )
    with storages["private"].open(attachment.object_name) as stored:
        assert b"Exif" not in stored.read()
    url = f"/admin/pengaduan/detail/{complaint.pk}/attachment/"
    response = as_user(staff["section_head"]).get(url)
    assert response.status_code == 200 and "no-store" in response["Cache-Control"]
    assert ModelLogEntry.objects.filter(action="complaints.view_attachment", user=staff["section_head"]).count() == 1
    assert as_user(staff["operator_elsewhere"]).get(url).status_code == 404


def test_a_pdf_attachment_is_accepted(client, seeded):
    client.post(FORM, complaint_post(attachment=SimpleUploadedFile("bukti.pdf", pdf_bytes(), "application/pdf")))
    assert Complaint.objects.get().attachment.content_type == "application/pdf"


def test_a_filled_honeypot_gets_a_normal_looking_page_and_nothing_is_stored(
    client, staff, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(FORM, complaint_post(website="http://spam.example"), follow=True)
    body = response.content.decode()
    assert response.status_code == 200 and "Terima kasih, pesan Anda telah terkirim" in body
    assert re.search(r"ADU-\d{4}-[0-9A-Z]{7}", body)
    assert not Complaint.objects.exists() and not mail.outbox
    assert not ModelLogEntry.objects.filter(action__startswith="complaints.").exists()


def test_sending_is_rate_limited_per_address_with_a_clear_message(seeded):
    first, second = Client(REMOTE_ADDR="10.0.0.1"), Client(REMOTE_ADDR="10.0.0.2")
    for _ in range(10):
        assert first.post(FORM, complaint_post()).status_code == 302
    limited = first.post(FORM, complaint_post(message="Pesan yang tidak boleh hilang."))
    assert limited.status_code == 429
    assert "Terlalu banyak pesan telah dikirim dari perangkat ini." in limited.content.decode()
    assert "Pesan yang tidak boleh hilang." in limited.content.decode()  # kept on the page to copy elsewhere
    assert Complaint.objects.count() == 10
    assert second.post(FORM, complaint_post()).status_code == 302  # another address is not affected


def test_invalid_attempts_count_against_the_limit_too(seeded):
    client = Client(REMOTE_ADDR="10.0.0.3")
    for _ in range(10):
        client.post(FORM, complaint_post(nik="1"))
    assert client.post(FORM, complaint_post()).status_code == 429
    assert not Complaint.objects.exists()


def test_the_form_enforces_csrf(seeded):
    client = Client(enforce_csrf_checks=True)
    assert client.post(FORM, complaint_post()).status_code == 403
    assert not Complaint.objects.exists()


def test_a_double_submit_creates_one_complaint(client, seeded):
    data = complaint_post()
    client.post(FORM, data)
    client.post(FORM, data)
    assert Complaint.objects.count() == 1


def test_the_standard_page_and_every_footer_link_to_the_form(client, seeded):
    standard = ServiceStandardPage.objects.get(slug="cetak-ktp-el")
    body = client.get(standard.url).content.decode()
    section = body[body.index('id="pengaduan"') :]
    assert f'href="/pengaduan/?layanan={standard.pk}"' in section
    assert "Sampaikan pengaduan, saran atau masukan secara daring" in section
    home = client.get("/").content.decode()
    footer = home[home.index('class="site-footer"') :]
    assert 'href="/pengaduan/"' in footer and 'href="/pengaduan/lacak/"' in footer
    form = client.get(f"/pengaduan/?layanan={standard.pk}").content.decode()
    assert re.search(rf'<option value="{standard.pk}" selected>', form)


def test_the_confirmation_page_without_a_filing_leads_back_to_the_form(client, seeded):
    response = client.get("/pengaduan/terkirim/")
    assert response.status_code == 302 and response["Location"] == "/pengaduan/"


def test_a_citizen_does_not_need_an_account(seeded):
    make_citizen("lain@example.org")
    assert Client().get(FORM).status_code == 200
