"""A new digital-document service, from the editor's first click in the admin to a verified PDF, in a real browser.

The editor builds the standard and its form in Wagtail's admin alone and sends both through the approval workflow;
the approver publishes them; a citizen applies; the office takes the application through the digital track's steps
(forms/constants.py: TRANSITIONS); the citizen downloads the certified PDF, whose QR link opens the public
verification page, which tells the genuine file from an altered one.
"""

import io
import re

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from forms.constants import ApplicationStatus, Processing, StaffRole
from forms.documents.models import IssuedDocument
from forms.models import Application, ApplicationFormPage
from services.constants import DurationUnit
from services.editorial import APPROVERS, CONTENT_EDITORS
from services.models import ServiceIndexPage, ServiceStandardPage
from tests.forms.conftest import make_citizen
from tests.forms.helpers import VALID_KK, VALID_NIK
from tests.forms.upload_samples import pdf_bytes

from .helpers import assert_accessible, citizen_log_in, staff_log_in, staff_member

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

STANDARD_TITLE = "Penerbitan Akta Kelahiran (uji)"
STANDARD_SLUG = "akta-kelahiran-uji"
FORM_TITLE = "Permohonan akta kelahiran baru"
ONLINE_VARIANT = "Akta kelahiran baru"
REQUIREMENTS = ["Surat keterangan lahir", "Kartu Keluarga"]
KECAMATAN = "Balikpapan Selatan"
WORKFLOW_SUBMIT = "Pengajuan ke Persetujuan Kepala Satuan Kerja Pelaksana"
SENT_FOR_APPROVAL = "telah dibuat dan dikirim untuk dimoderasi"


def _stream_append(stream):
    """Append a block to a StreamField (its last "+") and return the new block."""
    stream.get_by_title("Sisipkan blok").last.click()
    return stream.locator("[data-streamfield-stream-container] > [data-streamfield-child]").last


def _list_fill(list_block, values):
    """Fill a ListBlock, which starts with one empty item; "Tambah" after the last item appends another."""
    for index, value in enumerate(values):
        if index:
            list_block.get_by_title("Tambah").last.click()
        list_block.get_by_role("textbox").nth(index).fill(value)


def _variant_fill(block, *, name, code, requirements, channel, steps):
    block.get_by_role("textbox", name="Nama*", exact=True).fill(name)
    block.get_by_role("textbox", name="Kode*", exact=True).fill(code)
    _list_fill(block.locator("[data-contentpath=requirements]"), requirements)
    procedure = block.locator("[data-contentpath=procedures]")
    procedure.get_by_label("Saluran").select_option(channel)
    _list_fill(procedure.locator("[data-contentpath=steps]"), steps)


def _form_field_add(page, label, field_type, *, requirement=None, file_types=None):
    page.get_by_role("button", name="Tambah Isian formulir").click()
    field = page.locator("[data-inline-panel-child]").last
    field.get_by_role("textbox", name="Label*", exact=True).fill(label)
    field.get_by_label("Jenis isian").select_option(label=field_type)
    if requirement:
        field.get_by_label("Persyaratan yang dipenuhi").select_option(label=requirement)
    if file_types is not None:
        for name in ("PDF", "JPEG", "PNG"):
            field.get_by_label(name, exact=True).set_checked(name in file_types)


def _submit_for_approval(page):
    page.get_by_role("button", name="Tindakan lainnya").click()
    page.get_by_role("button", name=WORKFLOW_SUBMIT).click()


def _editor_drafts_the_standard_and_its_form(browser, live_server):
    editor, secret = staff_member("editor.e2e", CONTENT_EDITORS)
    context, page = staff_log_in(browser, live_server, editor, secret)
    page.goto(f"{live_server.url}/admin/pages/{ServiceIndexPage.objects.get().pk}/add_subpage/")
    expect(page.get_by_role("heading", name="Baru: Standar pelayanan")).to_be_visible()

    page.get_by_role("textbox", name="Judul*", exact=True).fill(STANDARD_TITLE)
    page.get_by_role("textbox", name="Ringkasan", exact=True).fill("Akta kelahiran bagi anak yang lahir di Balikpapan.")
    variants = page.locator("[data-contentpath=variants]")
    _variant_fill(
        _stream_append(variants),
        name=ONLINE_VARIANT,
        code="akta-baru",
        requirements=REQUIREMENTS,
        channel="online",
        steps=["Isi formulir permohonan secara daring", "Unggah persyaratan"],
    )
    _variant_fill(
        _stream_append(variants),
        name="Akta kelahiran terlambat",
        code="akta-terlambat",
        requirements=["Penetapan pengadilan negeri"],
        channel="walk_in",
        steps=["Datang ke loket Disdukcapil dengan persyaratan asli"],
    )
    page.get_by_role("spinbutton", name="Jangka waktu pelayanan*").fill("14")
    page.get_by_label("Satuan jangka waktu").select_option(DurationUnit.WORKING_DAYS)
    page.get_by_role("spinbutton", name="Biaya (Rp)*").fill("0")
    page.get_by_role("textbox", name="Keterangan biaya").fill("Tidak dipungut biaya")
    page.get_by_role("textbox", name="Produk pelayanan*").fill("Akta Kelahiran")
    page.get_by_role("button", name="Pilih kumpulan saluran pengaduan").click()
    chooser = page.get_by_role("dialog")
    chooser.get_by_role("link", name="Kanal Pengaduan, Saran, dan Masukan Disdukcapil Kota Balikpapan").click()
    expect(chooser).to_be_hidden()

    page.get_by_role("tab", name="Pengelolaan pelayanan di internal organisasi").click()
    for path, item in [
        ("facilities", "Ruang tunggu dan loket pelayanan"),
        ("competencies", "Menguasai aplikasi SIAK"),
        ("safety_guarantees", "Data pemohon dijaga kerahasiaannya"),
        ("evaluation", "Survei kepuasan masyarakat setiap triwulan"),
    ]:
        _stream_append(page.locator(f"[data-contentpath={path}]")).get_by_role("textbox").fill(item)
    page.get_by_role("textbox", name="Pengawasan internal*").fill("Kepala Dinas")
    page.get_by_role("textbox", name="Pengawasan eksternal*").fill("Ombudsman Republik Indonesia")
    staff_role = _stream_append(page.locator("[data-contentpath=staffing]"))
    staff_role.get_by_role("textbox", name="Peran*").fill("Operator")
    staff_role.get_by_role("spinbutton", name="Jumlah Pelaksana*").fill("2")
    page.get_by_role("textbox", name="Jaminan pelayanan*").fill("Pelayanan diberikan sesuai standar ini.")
    page.get_by_role("tab", name="Promosi").click()
    page.get_by_role("textbox", name="Slug*").fill(STANDARD_SLUG)
    _submit_for_approval(page)
    expect(page.locator(".messages")).to_contain_text(f"Halaman '{STANDARD_TITLE}' {SENT_FOR_APPROVAL}")

    standard = ServiceStandardPage.objects.get(slug=STANDARD_SLUG)
    page.goto(f"{live_server.url}/admin/pages/{standard.pk}/add_subpage/")
    page.get_by_role("textbox", name="Judul*", exact=True).fill(FORM_TITLE)
    # A chooser of the standard's own variants, not free text.
    page.get_by_label("Kode jenis layanan").select_option(label=f"{ONLINE_VARIANT} (akta-baru)")
    page.get_by_role("textbox", name="Awalan nomor permohonan*").fill("AKL")
    page.get_by_label("Pemrosesan").select_option(Processing.DIGITAL)
    _form_field_add(page, "Nama lengkap", "Teks satu baris")
    _form_field_add(page, "NIK", "NIK")
    _form_field_add(page, "Nomor KK", "Nomor KK")
    _form_field_add(page, "Kecamatan", "Kecamatan")
    _form_field_add(page, REQUIREMENTS[0], "Unggah dokumen", requirement=REQUIREMENTS[0], file_types=["PDF"])
    _form_field_add(page, REQUIREMENTS[1], "Unggah dokumen", requirement=REQUIREMENTS[1], file_types=["PDF", "JPEG"])
    page.get_by_role("tab", name="Promosi").click()
    page.get_by_role("textbox", name="Slug*").fill("akta-baru")
    _submit_for_approval(page)
    expect(page.locator(".messages")).to_contain_text(f"Halaman '{FORM_TITLE}' {SENT_FOR_APPROVAL}")
    context.close()


def _approver_publishes_both(browser, live_server):
    approver, secret = staff_member("kepala.satker.e2e", APPROVERS)
    context, page = staff_log_in(browser, live_server, approver, secret)
    for title in (STANDARD_TITLE, FORM_TITLE):
        page.goto(live_server.url + "/admin/")
        # The dashboard's "awaiting your review" panel opens the page under review.
        page.get_by_role("link", name=title, exact=True).click()
        page.get_by_role("button", name="Tindakan lainnya").click()
        page.get_by_role("button", name="Menyetujui dan Publikasikan").click()
        expect(page.locator(".messages")).to_contain_text(f"Halaman '{title}'")
    context.close()


def _citizen_applies(phone, live_server, tmp_path) -> Application:
    make_citizen("sinta.akta@example.org", "Sinta Rahmawati")
    citizen_log_in(phone, live_server, "sinta.akta@example.org")
    phone.goto(live_server.url + "/layanan/")
    phone.get_by_role("link", name=STANDARD_TITLE).click()
    expect(phone).to_have_url(re.compile(rf"/layanan/{STANDARD_SLUG}/$"))
    expect(phone.locator("main")).to_contain_text("14 hari kerja")
    # Only the variant with an online procedure offers a form.
    expect(phone.get_by_role("link", name=re.compile(r"^Ajukan permohonan"))).to_have_count(1)
    phone.get_by_role("link", name=re.compile(rf"^Ajukan permohonan\s*: {ONLINE_VARIANT}$")).click()
    expect(phone).to_have_url(re.compile(rf"/layanan/{STANDARD_SLUG}/akta-baru/$"))
    assert_accessible(phone)

    birth_letter, family_card = tmp_path / "surat-keterangan-lahir.pdf", tmp_path / "kartu-keluarga.pdf"
    birth_letter.write_bytes(pdf_bytes())
    family_card.write_bytes(pdf_bytes(pages=2))
    phone.get_by_label("Nama lengkap").fill("Sinta Rahmawati")
    phone.get_by_label("NIK").fill(VALID_NIK)
    phone.get_by_label("Nomor KK").fill(VALID_KK)
    phone.get_by_role("combobox", name="Kecamatan").select_option(label=KECAMATAN)
    phone.get_by_label(REQUIREMENTS[0]).set_input_files(birth_letter)
    phone.get_by_label(REQUIREMENTS[1]).set_input_files(family_card)
    # A form without steps is one step, then the check of the answers and the declaration.
    phone.get_by_role("button", name="Lanjutkan").click()
    expect(phone).to_have_url(re.compile(r"/akta-baru/periksa/$"))
    phone.get_by_label("Saya menyatakan bahwa data yang saya isi benar.").check()
    phone.get_by_role("button", name="Kirim permohonan").click()

    expect(phone).to_have_url(re.compile(r"/permohonan/AKL-\d{4}-[0-9A-Z]{7}/tanda-terima/$"))
    application = Application.objects.get()
    expect(phone.locator(".tracking-number")).to_contain_text(application.tracking_number)
    expect(phone.locator("main")).to_contain_text("14 hari kerja")
    assert_accessible(phone)
    return application


def _office_issues_the_document(browser, live_server, application, tmp_path):
    operator, operator_secret = staff_member("op.selatan.e2e", StaffRole.OPERATOR, KECAMATAN)
    verifier, verifier_secret = staff_member("verif.akta.e2e", StaffRole.VERIFIER)
    head, head_secret = staff_member("kadis.akta.e2e", StaffRole.HEAD_OF_OFFICE)

    operator_context, desk = staff_log_in(browser, live_server, operator, operator_secret)
    desk.goto(live_server.url + "/admin/permohonan/")
    desk.get_by_role("link", name=application.tracking_number).click()
    review = desk.url
    desk.get_by_role("button", name="Persyaratan sesuai").click()
    expect(desk.get_by_text("Selesai: Persyaratan sesuai.")).to_be_visible()
    desk.get_by_label("Nomor rujukan SIAK").fill("SIAK-6471-004242")
    desk.get_by_role("button", name="Catat input SIAK").click()
    expect(desk.get_by_text("Selesai: Catat input SIAK.")).to_be_visible()

    context, page = staff_log_in(browser, live_server, verifier, verifier_secret)
    page.goto(review)
    page.get_by_role("button", name="Verifikasi dan ajukan sertifikasi").click()
    expect(page.get_by_text("Selesai: Verifikasi dan ajukan sertifikasi.")).to_be_visible()
    context.close()

    certified = tmp_path / "akta-dari-siak.pdf"
    certified.write_bytes(pdf_bytes())
    context, page = staff_log_in(browser, live_server, head, head_secret)
    page.get_by_role("link", name="Sertifikasi", exact=True).click()
    page.get_by_role("link", name=application.tracking_number).click()
    expect(page.get_by_role("heading", name="Sertifikasi dokumen")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Dokumen yang telah disertifikasi (PDF dari SIAK)").set_input_files(certified)
    page.get_by_role("button", name="Sertifikasi dokumen").click()
    expect(page.get_by_text("Selesai: Sertifikasi dokumen.")).to_be_visible()
    context.close()

    desk.goto(review)
    desk.get_by_role("button", name="Kirim dokumen").click()
    expect(desk.get_by_text("Selesai: Kirim dokumen.")).to_be_visible()
    operator_context.close()


def _citizen_downloads_the_document(phone, live_server, application) -> bytes:
    phone.goto(live_server.url + "/permohonan/")
    phone.get_by_role("link", name=ONLINE_VARIANT).click()
    expect(phone).to_have_url(re.compile(rf"/permohonan/{application.tracking_number}/$"))
    expect(phone.locator("main")).to_contain_text("Dokumen dikirim")
    href = phone.get_by_role("link", name="Unduh dokumen (PDF)").get_attribute("href")
    # Read through the citizen's own session: chromium would open the PDF in its viewer instead of handing us bytes.
    copies = [phone.context.request.get(live_server.url + href) for _ in range(2)]  # again later, as often as needed
    assert [(copy.status, copy.headers["content-type"]) for copy in copies] == [(200, "application/pdf")] * 2
    assert copies[0].body() == copies[1].body()
    return copies[0].body()


def _verification_page_checks(phone, live_server, downloaded: bytes, tmp_path):
    stamped = PdfReader(io.BytesIO(downloaded)).pages[0].extract_text()
    code = re.search(r"/verifikasi/([\w-]+)/", stamped).group(1)
    issued = IssuedDocument.objects.get()
    assert code == issued.code
    phone.goto(f"{live_server.url}/verifikasi/{code}/")
    main = phone.locator("main")
    expect(phone.get_by_role("heading", name="Asli")).to_be_visible()
    expect(main).to_contain_text(f"untuk layanan “{STANDARD_TITLE}”")
    for personal in ("Sinta", VALID_NIK, VALID_NIK[-4:], VALID_KK):
        expect(main).not_to_contain_text(personal)
    assert_accessible(phone)

    genuine = tmp_path / "akta-unduhan.pdf"
    genuine.write_bytes(downloaded)
    phone.get_by_label("Salinan dokumen Anda (PDF)").set_input_files(genuine)
    phone.get_by_role("button", name="Periksa berkas").click()
    expect(main).to_contain_text("Berkas ini adalah dokumen yang diterbitkan.")

    altered = bytearray(downloaded)
    altered[len(altered) // 2] ^= 0x01  # one byte changed, same size: only the hash tells it apart
    forged = tmp_path / "akta-diubah.pdf"
    forged.write_bytes(bytes(altered))
    phone.get_by_label("Salinan dokumen Anda (PDF)").set_input_files(forged)
    phone.get_by_role("button", name="Periksa berkas").click()
    expect(phone.get_by_role("alert")).to_contain_text("Berkas ini bukan dokumen yang diterbitkan.")
    assert_accessible(phone)


def test_a_service_built_in_the_admin_runs_from_application_to_a_verified_document(
    live_server, seeded, browser, phone, tmp_path
):
    _editor_drafts_the_standard_and_its_form(browser, live_server)
    form = ApplicationFormPage.objects.get(slug="akta-baru")
    assert not form.live and not ServiceStandardPage.objects.get(slug=STANDARD_SLUG).live  # nothing live unapproved

    _approver_publishes_both(browser, live_server)
    standard = ServiceStandardPage.objects.get(slug=STANDARD_SLUG)
    form.refresh_from_db()
    assert standard.live and form.live
    assert [block.value["code"] for block in standard.variants] == ["akta-baru", "akta-terlambat"]
    assert (standard.duration_value, standard.duration_unit, standard.fee_amount) == (14, "working_days", 0)
    assert (form.variant_code, form.processing, form.fixed_kecamatan) == ("akta-baru", Processing.DIGITAL, None)
    documents = [(f.requirement, f.allowed_types) for f in form.form_fields.filter(field_type="document")]
    assert documents == [(REQUIREMENTS[0], "application/pdf"), (REQUIREMENTS[1], "application/pdf,image/jpeg")]

    application = _citizen_applies(phone, live_server, tmp_path)
    assert application.kecamatan.name == KECAMATAN and application.promised_duration == 14
    assert application.documents.count() == 2

    _office_issues_the_document(browser, live_server, application, tmp_path)
    application.refresh_from_db()
    assert application.status == ApplicationStatus.SENT
    assert list(application.history.values_list("to_status", flat=True)) == [
        ApplicationStatus.SUBMITTED,
        ApplicationStatus.ACCEPTED,
        ApplicationStatus.SIAK_ENTERED,
        ApplicationStatus.CERTIFICATION_REQUESTED,
        ApplicationStatus.CERTIFIED,
        ApplicationStatus.SENT,
    ]

    downloaded = _citizen_downloads_the_document(phone, live_server, application)
    _verification_page_checks(phone, live_server, downloaded, tmp_path)
