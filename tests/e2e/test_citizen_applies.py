"""A new citizen, on a phone: sign up, verify the e-mail, apply for a lost card, see the receipt and history."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core import mail

from forms.models import Application
from tests.forms.upload_samples import jpeg_with_exif_bytes, pdf_bytes

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

WCAG_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]}}


def _no_violations(page):
    results = Axe().run(page, options=WCAG_AA)
    assert results.violations_count == 0, results.generate_report()


def test_new_citizen_signs_up_verifies_and_applies_for_a_lost_card(live_server, seeded, phone):
    phone.goto(live_server.url + "/akun/signup/")
    _no_violations(phone)
    phone.get_by_label("Email").fill("sari@example.org")
    phone.get_by_label("Nama lengkap").fill("Sari Wulandari")
    phone.get_by_label("Nomor HP").fill("0813 5555 0101")
    phone.get_by_label("Kata Kunci").fill("Balikpapan-Kota-2026")
    phone.get_by_label("Kata sandi (lagi)").fill("Balikpapan-Kota-2026")
    phone.get_by_role("button", name="Daftar").click()
    phone.wait_for_url("**/akun/confirm-email/")

    assert len(mail.outbox) == 1
    link = re.search(r"https?://\S+/akun/confirm-email/\S+/", mail.outbox[0].body).group(0)
    phone.goto(link)
    phone.get_by_role("button", name="Konfirmasi").click()

    phone.goto(live_server.url + "/layanan/cetak-ktp-el/")
    phone.get_by_role(
        "link", name=re.compile(r"^Ajukan permohonan\s*: Pergantian KTP Elektronik karena Hilang$")
    ).click()
    phone.wait_for_url("**/layanan/cetak-ktp-el/hilang/")
    _no_violations(phone)

    phone.get_by_label("Nama lengkap").fill("Sari Wulandari")
    phone.get_by_label("NIK").fill("6471 0652 0890 0003")
    phone.get_by_label("Nomor KK").fill("6471060101100007")
    phone.get_by_label("Nomor HP").fill("0813 5555 0101")
    phone.get_by_role("combobox", name="Kecamatan").select_option(label="Balikpapan Kota")
    phone.get_by_label("Fotocopy Kartu Keluarga").set_input_files(
        {"name": "kk.pdf", "mimeType": "application/pdf", "buffer": pdf_bytes()}
    )
    phone.get_by_label("Surat Keterangan Hilang dari Kepolisian").set_input_files(
        {"name": "laporan-polisi.jpg", "mimeType": "image/jpeg", "buffer": jpeg_with_exif_bytes()}
    )
    phone.get_by_label("Diambil di kantor kecamatan").check()
    phone.get_by_role("button", name="Kirim permohonan").click()

    phone.wait_for_url(re.compile(r".*/permohonan/KTP-\d{4}-[0-9A-Z]{7}/tanda-terima/$"))
    application = Application.objects.get()
    assert application.tracking_number in phone.locator(".tracking-number").inner_text()
    assert phone.locator(".qr svg").count() == 1
    assert application.documents.count() == 2
    _no_violations(phone)

    phone.get_by_role("link", name="Lihat riwayat permohonan").click()
    assert "Diajukan" in phone.locator("main").inner_text()
    assert "Permohonan Anda telah diterima" in phone.locator("main").inner_text()
    _no_violations(phone)
    phone.goto(live_server.url + "/permohonan/")
    assert application.tracking_number in phone.locator("main").inner_text()
    # The signed-in header has one more link; it must still fit a 360 px phone without sideways scrolling.
    assert phone.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth") == 0
    # The erasure page explains what goes and what stays, and waits while the application is open.
    phone.get_by_role("link", name="Hapus akun dan data saya").click()
    assert "Belum bisa: masih ada yang sedang diproses" in phone.locator("main").inner_text()
    _no_violations(phone)


def test_form_errors_are_announced_and_keep_what_was_typed(live_server, seeded, phone, django_user_model):
    from tests.forms.conftest import make_citizen

    make_citizen("rina@example.org", "Rina")
    phone.goto(live_server.url + "/akun/login/")
    phone.get_by_label("Email").fill("rina@example.org")
    phone.get_by_label("Kata Kunci").fill("Sandi-uji-2026!")
    phone.get_by_role("button", name="Masuk").click()
    phone.goto(live_server.url + "/layanan/cetak-ktp-el/rusak/")
    phone.get_by_label("Nama lengkap").fill("Rina")
    phone.get_by_label("NIK").fill("123")
    phone.get_by_role("button", name="Kirim permohonan").click()
    summary = phone.locator("#error-summary")
    assert summary.is_visible()
    assert phone.evaluate("document.activeElement.id") == "error-summary"
    assert "NIK terdiri atas 16 digit; Anda memasukkan 3 digit." in phone.locator("main").inner_text()
    assert phone.get_by_label("Nama lengkap").input_value() == "Rina"
    _no_violations(phone)
