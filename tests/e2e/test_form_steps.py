"""A lost-card application on a 360 px phone: step by step, stopped after the first step and resumed in another
browser, files kept, answers checked and one changed, then submitted; the same without JavaScript."""

import re

import pytest
from playwright.sync_api import expect

from forms.models import Application, ApplicationDraft
from tests.forms.conftest import make_citizen
from tests.forms.upload_samples import jpeg_with_exif_bytes, pdf_bytes

from .helpers import BROWSER_TIMEOUT_MS, assert_accessible, citizen_log_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

FORM = "/layanan/cetak-ktp-el/hilang/"


def _phone(browser, *, javascript=True):
    context = browser.new_context(
        viewport={"width": 360, "height": 740}, locale="id-ID", java_script_enabled=javascript
    )
    context.set_default_timeout(BROWSER_TIMEOUT_MS)
    JAVASCRIPT[id(context)] = javascript
    return context, context.new_page()


def _axe(phone):
    """axe-core runs as a script in the page: in a browser without JavaScript it cannot run (and would hang), so
    the pages and states are checked in the run with JavaScript, which shows the same HTML."""
    if JAVASCRIPT.get(id(phone.context), True):
        assert_accessible(phone, fits_phone=True)


JAVASCRIPT: dict[int, bool] = {}


def _step_one(phone, live_server):
    phone.goto(live_server.url + FORM)
    expect(phone.locator("h1")).to_have_text("Data diri")
    expect(phone.locator("main")).to_contain_text("Langkah 1 dari 3")
    # Name and mobile come from the account, and stay editable.
    expect(phone.get_by_label("Nama lengkap")).to_have_value("Rudi Hartono")
    expect(phone.get_by_label("Nomor HP")).to_have_value("+6281234567890")
    _axe(phone)
    phone.get_by_label("NIK").fill("6471 0652 0890 0003")
    phone.get_by_label("Nomor KK").fill("6471060101100007")
    phone.get_by_role("button", name="Lanjutkan").click()
    expect(phone).to_have_url(re.compile(r"/hilang/langkah/2/$"))


def _documents_step(phone):
    expect(phone.locator("h1")).to_have_text("Dokumen persyaratan")
    _axe(phone)
    # An empty police letter is refused; the family card, which passed its checks, is kept across the error.
    phone.get_by_label("Fotocopy Kartu Keluarga").set_input_files(
        {"name": "kk.pdf", "mimeType": "application/pdf", "buffer": pdf_bytes()}
    )
    phone.get_by_label("Surat Keterangan Hilang dari Kepolisian").set_input_files(
        {"name": "kosong.jpg", "mimeType": "image/jpeg", "buffer": b""}
    )
    phone.get_by_role("button", name="Lanjutkan").click()
    summary = phone.locator("#error-summary")
    expect(summary).to_contain_text("Surat Keterangan Hilang dari Kepolisian")
    expect(phone.locator("main")).to_contain_text(re.compile(r"Tersimpan: kk\.pdf \(\d+\sbita\)"))
    _axe(phone)
    phone.get_by_label("Surat Keterangan Hilang dari Kepolisian").set_input_files(
        {"name": "laporan-polisi.jpg", "mimeType": "image/jpeg", "buffer": jpeg_with_exif_bytes()}
    )
    phone.get_by_role("button", name="Lanjutkan").click()
    expect(phone).to_have_url(re.compile(r"/hilang/langkah/3/$"))


def _finish_and_change_one_answer(phone, live_server):
    # Courier first: the address step appears, and asks for the address it needs.
    phone.get_by_role("combobox", name="Kecamatan").select_option(label="Balikpapan Kota")
    phone.get_by_label("Dikirim melalui jasa pengiriman").check()
    phone.get_by_role("button", name="Lanjutkan").click()
    expect(phone.locator("h1")).to_have_text("Alamat pengiriman")
    expect(phone.locator("main")).to_contain_text("Langkah 4 dari 4")
    phone.get_by_role("button", name="Lanjutkan").click()
    expect(phone.locator("#error-summary")).to_contain_text("Masukkan alamat tujuan pengiriman.")
    _axe(phone)
    phone.get_by_label("Alamat pengiriman").fill("Jl. Ahmad Yani No. 1, RT 05")
    phone.get_by_role("button", name="Lanjutkan").click()

    expect(phone).to_have_url(re.compile(r"/hilang/periksa/$"))
    main = phone.locator("main")
    for answer in ("Rudi Hartono", "kk.pdf", "laporan-polisi.jpg", "Jl. Ahmad Yani No. 1, RT 05"):
        expect(main).to_contain_text(answer)
    _axe(phone)
    # Submitting without the declaration is refused with the summary.
    phone.get_by_role("button", name="Kirim permohonan").click()
    expect(phone.locator("#error-summary")).to_contain_text("Centang kotak untuk menyatakan")
    _axe(phone)

    # Change one answer: pickup after all. The address step, with its required field, is no longer asked.
    phone.get_by_role("link", name="Ubah Pengambilan KTP-el").click()
    expect(phone.get_by_role("button", name="Simpan dan kembali ke pemeriksaan")).to_be_visible()
    phone.get_by_label("Diambil di kantor kecamatan").check()
    phone.get_by_role("button", name="Simpan dan kembali ke pemeriksaan").click()
    expect(phone).to_have_url(re.compile(r"/hilang/periksa/$"))
    expect(main).to_contain_text("Diambil di kantor kecamatan")
    expect(main).not_to_contain_text("Jl. Ahmad Yani")
    phone.get_by_label("Saya menyatakan bahwa data yang saya isi benar.").check()
    phone.get_by_role("button", name="Kirim permohonan").click()
    expect(phone).to_have_url(re.compile(r"/permohonan/KTP-\d{4}-[0-9A-Z]{7}/tanda-terima/$"))


def _lost_card_across_two_browsers(browser, live_server, *, javascript):
    make_citizen("rudi@example.org", "Rudi Hartono")
    context, phone = _phone(browser, javascript=javascript)
    citizen_log_in(phone, live_server, "rudi@example.org")
    _step_one(phone, live_server)
    context.close()  # stopped after the first step

    context, phone = _phone(browser, javascript=javascript)  # another device
    citizen_log_in(phone, live_server, "rudi@example.org")
    drafts = phone.locator("main")
    expect(drafts).to_contain_text("Belum dikirim")
    _axe(phone)
    phone.get_by_role("link", name="Lanjutkan Permohonan Cetak KTP-el karena Hilang").click()
    expect(phone).to_have_url(re.compile(r"/hilang/langkah/2/$"))
    _documents_step(phone)
    _finish_and_change_one_answer(phone, live_server)
    context.close()

    application = Application.objects.get()
    assert application.delivery_method == "pickup" and application.delivery_address == ""
    assert application.nik == "6471065208900003" and application.applicant_name == "Rudi Hartono"
    assert sorted(application.documents.values_list("original_name", flat=True)) == ["kk.pdf", "laporan-polisi.jpg"]
    assert not ApplicationDraft.objects.exists()


def test_a_lost_card_application_stopped_after_step_one_is_finished_on_another_device(live_server, seeded, browser):
    _lost_card_across_two_browsers(browser, live_server, javascript=True)


def test_the_same_application_without_javascript(live_server, seeded, browser):
    _lost_card_across_two_browsers(browser, live_server, javascript=False)


def test_the_upload_shows_its_progress_and_the_chosen_files_name_and_size(live_server, seeded, browser):
    make_citizen("rudi@example.org", "Rudi Hartono")
    context, phone = _phone(browser)
    citizen_log_in(phone, live_server, "rudi@example.org")
    _step_one(phone, live_server)
    phone.get_by_label("Fotocopy Kartu Keluarga").set_input_files(
        {"name": "kk.pdf", "mimeType": "application/pdf", "buffer": pdf_bytes()}
    )
    expect(phone.locator(".chosen-file").first).to_have_text(re.compile(r"^kk\.pdf \(\d+ KB\)$"))
    phone.get_by_label("Surat Keterangan Hilang dari Kepolisian").set_input_files(
        {"name": "laporan-polisi.jpg", "mimeType": "image/jpeg", "buffer": jpeg_with_exif_bytes()}
    )
    with phone.expect_request(lambda request: request.method == "POST") as sent:
        phone.get_by_role("button", name="Lanjutkan").click()
    # Sent by the page's own script, which shows the progress bar, not as the browser's plain form post.
    assert sent.value.resource_type == "xhr"
    expect(phone.locator(".upload-status progress")).to_be_visible()
    expect(phone).to_have_url(re.compile(r"/hilang/langkah/3/$"))
    phone.go_back()
    expect(phone.locator("main")).to_contain_text(re.compile(r"Tersimpan: laporan-polisi\.jpg \(\d+\sbita\)"))
    _axe(phone)
    context.close()
