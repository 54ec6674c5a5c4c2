"""The citizen's form one step per page, kept as a draft at every step, then check your answers and the declaration."""

import threading

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client

from forms.models import Application, ApplicationDraft, DraftDocument
from forms.office.storage import private_storage
from services.models import Kecamatan

from ..conftest import make_citizen
from ..helpers import VALID_KK, VALID_NIK, lost_card_form, lost_card_post, signed_in, tracking_from
from ..upload_samples import jpeg_with_exif_bytes, pdf_bytes

pytestmark = pytest.mark.django_db

IDENTITY = {"nama_lengkap": "Ani Lestari", "nik": VALID_NIK, "nomor_kk": VALID_KK, "nomor_hp": "0812-3456-7890"}


def _files():
    return {
        "fotocopy_kartu_keluarga": SimpleUploadedFile("kk.pdf", pdf_bytes(), "application/pdf"),
        "surat_keterangan_hilang_dari_kepolisian": SimpleUploadedFile(
            "laporan.jpg", jpeg_with_exif_bytes(), "image/jpeg"
        ),
    }


def _office():
    return str(Kecamatan.objects.get(name="Balikpapan Kota").pk)


def _through_steps(client, page, *, delivery="pickup", **step3):
    assert client.post(page.step_url(1), IDENTITY)["Location"] == page.step_url(2)
    assert client.post(page.step_url(2), _files())["Location"] == page.step_url(3)
    return client.post(page.step_url(3), {"kecamatan": _office(), "pengambilan_ktp_el": delivery, **step3})


def test_the_form_opens_on_its_first_step_filled_in_from_the_account(citizen):
    body = signed_in(citizen).get(lost_card_form().url).content.decode()
    assert "Langkah 1 dari 3" in body and "<h1>Data diri</h1>" in body
    assert 'value="Ani Lestari"' in body and 'value="+6281234567890"' in body  # name and mobile from sign-up
    assert 'name="fotocopy_kartu_keluarga"' not in body  # a later step's field


def test_each_step_is_kept_and_the_answers_are_checked_then_declared_and_submitted(citizen):
    client, page = signed_in(citizen), lost_card_form()
    assert _through_steps(client, page)["Location"] == page.check_url()
    draft = ApplicationDraft.objects.get(applicant=citizen)
    assert draft.steps_done == [1, 2, 3] and draft.answers["nik"] == VALID_NIK
    kept = set(DraftDocument.objects.filter(draft=draft).values_list("object_name", flat=True))
    assert len(kept) == 2 and all(private_storage().exists(name) for name in kept)

    check = client.get(page.check_url()).content.decode()
    assert "kk.pdf" in check and "Diambil di kantor kecamatan" in check
    assert check.count("?kembali=periksa") == 8  # an "Ubah" link on every answer
    refused = client.post(page.check_url(), {"draf": str(draft.submission_token)})
    assert refused.status_code == 200 and "Centang kotak untuk menyatakan" in refused.content.decode()
    assert not Application.objects.exists()

    response = client.post(page.check_url(), {"pernyataan": "on", "draf": str(draft.submission_token)})
    application = Application.objects.get(tracking_number=tracking_from(response))
    assert application.submission_token == draft.submission_token
    # Files stored once: the application names the very objects the draft kept.
    assert set(application.documents.values_list("object_name", flat=True)) == kept
    assert not ApplicationDraft.objects.exists() and application.nik == VALID_NIK
    # The same draft sent again (a second tab, a refresh) finds its application.
    again = client.post(page.check_url(), {"pernyataan": "on", "draf": str(draft.submission_token)})
    assert again["Location"] == response["Location"] and Application.objects.count() == 1


def test_a_change_from_the_check_page_goes_back_to_the_check(citizen):
    client, page = signed_in(citizen), lost_card_form()
    _through_steps(client, page)
    response = client.post(page.step_url(1) + "?kembali=periksa", {**IDENTITY, "nama_lengkap": "Ani L."})
    assert response["Location"] == page.check_url()
    assert "Ani L." in client.get(page.check_url()).content.decode()


def test_a_hidden_fields_posted_value_is_not_stored(citizen):
    client, page = signed_in(citizen), lost_card_form()
    # Pickup chosen: the courier address is not asked, whatever the request carries.
    _through_steps(client, page, pengambilan_ktp_el_alamat="Jl. Rahasia 7")
    assert "pengambilan_ktp_el_alamat" not in ApplicationDraft.objects.get().answers
    client.post(page.check_url(), {"pernyataan": "on"})
    application = Application.objects.get()
    assert application.delivery_address == "" and application.form_data["pengambilan_ktp_el_alamat"] == ""
    # The whole form in one POST follows the same rule.
    one_shot = client.post(page.url, lost_card_post(pengambilan_ktp_el_alamat="Jl. Rahasia 8"))
    second = Application.objects.get(tracking_number=tracking_from(one_shot))
    assert "Rahasia" not in str(second.form_data) and second.delivery_address == ""


def test_the_courier_address_is_a_step_of_its_own_asked_only_for_courier_delivery(citizen):
    client, page = signed_in(citizen), lost_card_form()
    assert _through_steps(client, page, delivery="courier")["Location"] == page.step_url(4)
    missing = client.post(page.step_url(4), {"pengambilan_ktp_el_alamat": ""})
    assert "Masukkan alamat tujuan pengiriman." in missing.content.decode()
    client.post(page.step_url(4), {"pengambilan_ktp_el_alamat": "Jl. Ahmad Yani No. 1, RT 05"})
    client.post(page.check_url(), {"pernyataan": "on"})
    application = Application.objects.get()
    assert application.delivery_method == "courier" and application.delivery_address.startswith("Jl. Ahmad Yani")


def test_a_condition_that_hides_a_required_field_does_not_block(citizen):
    client, page = signed_in(citizen), lost_card_form()
    # Step 4 holds a required field; pickup hides it, and the check page lets the application through.
    _through_steps(client, page)
    assert client.get(page.step_url(4))["Location"] == page.check_url()
    assert client.post(page.check_url(), {"pernyataan": "on"}).status_code == 302
    assert Application.objects.count() == 1


def test_a_checked_file_is_kept_across_errors_and_can_be_removed_or_replaced(
    citizen, django_capture_on_commit_callbacks
):
    client, page = signed_in(citizen), lost_card_form()
    client.post(page.step_url(1), IDENTITY)
    files = _files()
    files["surat_keterangan_hilang_dari_kepolisian"] = SimpleUploadedFile("kosong.jpg", b"", "image/jpeg")
    refused = client.post(page.step_url(2), files)
    assert refused.status_code == 200
    body = refused.content.decode()
    assert "Tersimpan: kk.pdf" in body  # the good file is kept while the other is refused
    [kept] = DraftDocument.objects.all()
    # Only the missing file is chosen again.
    police = {"surat_keterangan_hilang_dari_kepolisian": _files()["surat_keterangan_hilang_dari_kepolisian"]}
    assert client.post(page.step_url(2), police)["Location"] == page.step_url(3)
    assert DraftDocument.objects.count() == 2
    # Replace: the new file takes the old one's place and the old object goes.
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            page.step_url(2),
            {"fotocopy_kartu_keluarga": SimpleUploadedFile("kk-baru.pdf", pdf_bytes(), "application/pdf")},
        )
    assert DraftDocument.objects.get(field_name="fotocopy_kartu_keluarga").original_name == "kk-baru.pdf"
    assert not private_storage().exists(kept.object_name)
    # Remove: the file is gone and the step asks for one again.
    replaced = DraftDocument.objects.get(field_name="fotocopy_kartu_keluarga")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(page.step_url(2), {"hapus": "fotocopy_kartu_keluarga"})
    assert not private_storage().exists(replaced.object_name)
    assert client.post(page.step_url(2), {}).status_code == 200


def test_a_later_step_cannot_be_opened_before_the_earlier_ones(citizen):
    client, page = signed_in(citizen), lost_card_form()
    assert client.get(page.step_url(3))["Location"] == page.step_url(1)
    assert client.get(page.check_url())["Location"] == page.step_url(1)


def test_the_nik_and_kk_of_the_last_application_are_filled_in_only_when_the_citizen_agrees(citizen):
    client, page = signed_in(citizen), lost_card_form()
    client.post(page.url, lost_card_post())
    first = client.get(page.step_url(1)).content.decode()
    assert "6471********0003" in first and VALID_NIK not in first  # offered, masked, not filled in
    client.post(page.step_url(1), {"isi_identitas": "ya"})
    filled = client.get(page.step_url(1)).content.decode()
    assert f'value="{VALID_NIK}"' in filled and f'value="{VALID_KK}"' in filled


def test_the_draft_is_continued_from_another_device_and_listed(citizen):
    page = lost_card_form()
    signed_in(citizen).post(page.step_url(1), IDENTITY)
    elsewhere = signed_in(citizen)
    listing = elsewhere.get("/permohonan/").content.decode()
    assert page.step_url(2) in listing and "Belum dikirim" in listing
    assert f'value="{VALID_KK}"' in elsewhere.get(page.step_url(1)).content.decode()


def test_another_citizen_never_sees_the_draft(citizen, other_citizen):
    page = lost_card_form()
    signed_in(citizen).post(page.step_url(1), IDENTITY)
    body = signed_in(other_citizen).get(page.step_url(1)).content.decode()
    assert VALID_KK not in body and "Budi Santoso" in body


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_a_draft_submitted_twice_at_once_makes_one_application(seeded):
    if connection.vendor != "postgresql":
        pytest.skip("SQLite serialises all writers, so it cannot show two submits racing")
    citizen = make_citizen("kembar.draf@example.org")
    page = lost_card_form()
    client = Client()
    client.force_login(citizen)
    _through_steps(client, page)
    token = str(ApplicationDraft.objects.get().submission_token)
    barrier = threading.Barrier(2)
    locations = []

    def submit():
        own = Client()
        own.force_login(citizen)
        barrier.wait()
        locations.append(own.post(page.check_url(), {"pernyataan": "on", "draf": token})["Location"])
        connection.close()

    threads = [threading.Thread(target=submit) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    application = Application.objects.get()
    assert locations == [f"/permohonan/{application.tracking_number}/tanda-terima/"] * 2
    assert application.documents.count() == 2 and not ApplicationDraft.objects.exists()
    assert all(private_storage().exists(document.object_name) for document in application.documents.all())
