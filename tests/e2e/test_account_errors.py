"""Sign-up and login mistakes on a 360 px phone: no browser bubbles, an error summary that takes the focus and links to
each field, the server's messages in Indonesian, and no WCAG 2.2 AA violation in any of these states."""

import re

import pytest
from playwright.sync_api import expect

from tests.forms.conftest import make_citizen

from .helpers import CITIZEN_PASSWORD, PASSWORD_LABEL, assert_accessible

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_sign_up_sent_empty_reaches_the_server_and_its_summary_leads_to_each_field(live_server, seeded, phone):
    phone.goto(live_server.url + "/akun/signup/")
    phone.get_by_role("button", name="Daftar").click()
    # novalidate: the browser's own bubble would have kept the page from being sent at all.
    summary = phone.locator("#error-summary")
    expect(summary).to_be_focused()
    expect(summary.get_by_role("heading")).to_have_text("Mohon perbaiki isian yang ditandai")
    expect(summary.get_by_role("link")).to_have_count(5)
    assert_accessible(phone, fits_phone=True)

    summary.get_by_role("link", name=re.compile(r"^Nomor HP")).click()
    expect(phone).to_have_url(re.compile(r"#id_mobile$"))
    phone.get_by_label("Email").fill("sari@example.org")
    phone.get_by_label("Nama lengkap").fill("Sari Wulandari")
    phone.get_by_label("Nomor HP").fill("0542 123456")
    phone.get_by_label(PASSWORD_LABEL).fill("Balikpapan-Kota-2026")
    phone.get_by_label("Kata sandi (lagi)").fill("Balikpapan-Kota-2027")
    phone.get_by_role("button", name="Daftar").click()
    expect(summary.get_by_role("link")).to_have_count(2)
    expect(
        summary.get_by_role("link", name=re.compile(r"^Nomor HP: Nomor ini bukan nomor telepon seluler"))
    ).to_be_visible()
    expect(
        summary.get_by_role("link", name=re.compile(r"^Kata sandi \(lagi\): .*kata sandi yang sama"))
    ).to_be_visible()
    assert_accessible(phone, fits_phone=True)


def test_login_with_a_wrong_password_says_so_in_indonesian_above_the_form(live_server, seeded, phone):
    make_citizen("ani@example.org", "Ani Lestari")
    phone.goto(live_server.url + "/akun/login/")
    phone.get_by_role("button", name="Masuk").click()
    summary = phone.locator("#error-summary")
    expect(summary).to_be_focused()
    expect(summary.get_by_role("link", name=re.compile(r"^Email: "))).to_have_attribute("href", "#id_login")
    expect(summary.get_by_role("link", name=re.compile(r"^Kata sandi: "))).to_have_attribute("href", "#id_password")
    assert_accessible(phone, fits_phone=True)

    phone.get_by_label("Email").fill("ani@example.org")
    phone.get_by_label(PASSWORD_LABEL).fill(CITIZEN_PASSWORD + "x")
    phone.get_by_role("button", name="Masuk").click()
    expect(summary).to_contain_text("Alamat e-mail dan/atau kata sandi yang anda masukkan tidak benar.")
    assert_accessible(phone, fits_phone=True)

    phone.get_by_label(PASSWORD_LABEL).fill(CITIZEN_PASSWORD)
    phone.get_by_role("button", name="Masuk").click()
    expect(phone).to_have_url(re.compile(r"/permohonan/$"))
