"""A new citizen, on a phone: sign up, verify the e-mail, apply for a lost card, see the receipt and history."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from forms.models import Application
from tests.forms.conftest import make_citizen
from tests.forms.upload_samples import jpeg_with_exif_bytes, pdf_bytes

from .helpers import assert_accessible, citizen_log_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_new_citizen_signs_up_verifies_and_applies_for_a_lost_card(live_server, seeded, phone):
    phone.goto(live_server.url + "/akun/signup/")
    assert_accessible(phone)
    phone.get_by_label("Email").fill("sari@example.org")
    phone.get_by_label("Nama lengkap").fill("Sari Wulandari")
    phone.get_by_label("Nomor HP").fill("0813 5555 0101")
    phone.get_by_label(re.compile(r"^Kata sandi\W*$")).fill("Balikpapan-Kota-2026")
    phone.get_by_label("Kata sandi (lagi)").fill("Balikpapan-Kota-2026")
    phone.get_by_role("button", name="Daftar").click()
    expect(phone).to_have_url(re.compile(r"/akun/confirm-email/$"))

    assert len(mail.outbox) == 1
    link = re.search(r"https?://\S+/akun/confirm-email/\S+/", mail.outbox[0].body).group(0)
    phone.goto(link)
    phone.get_by_role("button", name="Konfirmasi").click()
    # Confirming signs the citizen in; go on only once the page says so.
    expect(phone.get_by_role("button", name="Keluar")).to_be_visible()

    phone.goto(live_server.url + "/layanan/cetak-ktp-el/")
    phone.get_by_role(
        "link", name=re.compile(r"^Ajukan permohonan\s*: Pergantian KTP Elektronik karena Hilang$")
    ).click()
    expect(phone).to_have_url(re.compile(r"/layanan/cetak-ktp-el/hilang/$"))
    assert_accessible(phone)

    # Name and mobile come from sign-up; the steps are tried one by one in tests/e2e/test_form_steps.py.
    expect(phone.get_by_label("Nama lengkap")).to_have_value("Sari Wulandari")
    phone.get_by_label("NIK").fill("6471 0652 0890 0003")
    phone.get_by_label("Nomor KK").fill("6471060101100007")
    phone.get_by_role("button", name="Lanjutkan").click()
    phone.get_by_label("Fotocopy Kartu Keluarga").set_input_files(
        {"name": "kk.pdf", "mimeType": "application/pdf", "buffer": pdf_bytes()}
    )
    phone.get_by_label("Surat Keterangan Hilang dari Kepolisian").set_input_files(
        {"name": "laporan-polisi.jpg", "mimeType": "image/jpeg", "buffer": jpeg_with_exif_bytes()}
    )
    phone.get_by_role("button", name="Lanjutkan").click()
    phone.get_by_role("combobox", name="Kecamatan").select_option(label="Balikpapan Kota")
    phone.get_by_label("Diambil di kantor kecamatan").check()
    phone.get_by_role("button", name="Lanjutkan").click()
    expect(phone).to_have_url(re.compile(r"/hilang/periksa/$"))
    phone.get_by_label("Saya menyatakan bahwa data yang saya isi benar.").check()
    phone.get_by_role("button", name="Kirim permohonan").click()

    expect(phone).to_have_url(re.compile(r"/permohonan/KTP-\d{4}-[0-9A-Z]{7}/tanda-terima/$"))
    application = Application.objects.get()
    expect(phone.locator(".tracking-number")).to_contain_text(application.tracking_number)
    expect(phone.locator(".qr svg")).to_have_count(1)
    assert application.documents.count() == 2
    assert_accessible(phone)

    phone.get_by_role("link", name="Lihat riwayat permohonan").click()
    expect(phone).to_have_url(re.compile(rf"/permohonan/{application.tracking_number}/$"))
    main = phone.locator("main")
    expect(main).to_contain_text("Diajukan")
    expect(main).to_contain_text("Permohonan Anda telah diterima")
    assert_accessible(phone)
    phone.goto(live_server.url + "/permohonan/")
    expect(main).to_contain_text(application.tracking_number)
    # The signed-in header has one more link; it must still fit a 360 px phone without sideways scrolling.
    assert_accessible(phone, fits_phone=True)
    # The erasure page explains what goes and what stays, and waits while the application is open.
    phone.get_by_role("link", name="Hapus akun dan data saya").click()
    expect(main).to_contain_text("Belum bisa: masih ada yang sedang diproses")
    assert_accessible(phone)


def test_form_errors_are_announced_and_keep_what_was_typed(live_server, seeded, phone):
    make_citizen("rina@example.org", "Rina")
    citizen_log_in(phone, live_server, "rina@example.org")
    phone.goto(live_server.url + "/layanan/cetak-ktp-el/rusak/")
    phone.get_by_label("Nama lengkap").fill("Rina")
    phone.get_by_label("NIK").fill("123")
    phone.get_by_role("button", name="Lanjutkan").click()
    summary = phone.locator("#error-summary")
    expect(summary).to_be_visible()
    expect(summary).to_be_focused()
    expect(phone.locator("main")).to_contain_text("NIK terdiri atas 16 digit; Anda memasukkan 3 digit.")
    expect(phone.get_by_label("Nama lengkap")).to_have_value("Rina")
    assert_accessible(phone)
