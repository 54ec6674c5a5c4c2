"""A citizen sends a complaint on a phone, the direct superior answers in the admin, the citizen reads the answer."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from forms.complaints.models import Complaint

from .helpers import assert_accessible, staff_log_in, staff_member

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

RESPONSE = "Mohon maaf. Petugas loket kedua kini hadir mulai pukul 08.00 setiap hari kerja."


def test_citizen_complains_on_a_phone_staff_answer_in_the_admin_and_the_citizen_reads_it(
    live_server, seeded, phone, browser
):
    head, secret = staff_member("kasatker.e2e", "Kepala Satuan Kerja Pelaksana")

    # The citizen finds the form from a service standard, on a phone, without an account.
    phone.goto(live_server.url + "/layanan/cetak-ktp-el/")
    phone.get_by_role("link", name="Sampaikan pengaduan, saran atau masukan secara daring").click()
    expect(phone).to_have_url(re.compile(r"/pengaduan/\?layanan=\d+$"))
    assert_accessible(phone, fits_phone=True)
    phone.get_by_label("Pengaduan", exact=True).check()
    phone.get_by_role("combobox", name="Kantor kecamatan yang bersangkutan").select_option(label="Balikpapan Kota")
    phone.get_by_label("Pesan Anda").fill("Loket tutup pukul 11.00 padahal jadwalnya sampai 16.00.")
    phone.get_by_label("Nama lengkap").fill("Sari Wulandari")
    phone.get_by_label("E-mail untuk jawaban").fill("sari@example.org")
    phone.get_by_label("NIK").fill("6471 0652 0890 0003")
    phone.get_by_role("button", name="Kirim", exact=True).click()

    expect(phone).to_have_url(re.compile(r"/pengaduan/terkirim/$"))
    complaint = Complaint.objects.get()
    expect(phone.locator(".tracking-number")).to_contain_text(complaint.tracking_number)
    assert complaint.service.slug == "cetak-ktp-el" and complaint.tier == "supervisor"
    assert_accessible(phone, fits_phone=True)

    # The direct superior answers through the admin in a desktop browser, after the TOTP second factor.
    context, page = staff_log_in(browser, live_server, head, secret)
    page.goto(live_server.url + "/admin/pengaduan/")
    page.get_by_role("link", name=complaint.tracking_number).click()
    page.get_by_label("Tanggapan kepada pengadu").fill(RESPONSE)
    page.get_by_role("button", name="Kirim tanggapan").click()
    expect(page.get_by_text("Selesai: Kirim tanggapan.")).to_be_visible()
    context.close()

    complaint.refresh_from_db()
    assert complaint.status == "answered"
    replies = [message for message in mail.outbox if message.to == ["sari@example.org"]]
    assert [message.subject for message in replies][-1] == f"Tanggapan atas {complaint.tracking_number}"
    link = re.search(r"https?://\S+/pengaduan/lacak/\?nomor=\S+", replies[0].body).group(0)

    # The citizen follows the link in the first e-mail and reads the response with the NIK's last 4 digits.
    phone.goto(link.replace("http://127.0.0.1:8000", live_server.url))
    expect(phone.get_by_label("Nomor pelacakan")).to_have_value(complaint.tracking_number)
    phone.get_by_label("4 digit terakhir NIK Anda").fill("0003")
    phone.get_by_role("button", name="Tampilkan").click()
    result = phone.get_by_role("status")
    expect(result).to_contain_text("Status: Sudah dijawab")
    expect(result).to_contain_text(RESPONSE)
    assert "6471065208900003" not in phone.content()  # nor in the markup, hidden fields included
    assert_accessible(phone, fits_phone=True)
