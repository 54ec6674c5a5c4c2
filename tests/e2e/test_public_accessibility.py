"""The public pages in a real browser: WCAG 2.2 AA by axe-core, keyboard use, and a phone-sized screen."""

import re

import pytest
from playwright.sync_api import expect

from .helpers import assert_accessible

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PUBLIC_PATHS = [
    "/",
    "/layanan/",
    "/layanan/cetak-ktp-el/",
    "/layanan/pendaftaran-ikd/",
    "/produk-hukum/",
    "/produk-hukum/keputusan-188-46-5-disdukcapil-2024/",
    "/produk-hukum/keputusan-188-4-22-disdukcapil-2021/",
    "/cari/?q=KTP",
    "/halaman-yang-tidak-ada/",
    "/lacak/",
    "/akun/login/",
    "/akun/password/reset/",
    "/transparansi/survei-kepuasan/",
]


@pytest.mark.parametrize("path", PUBLIC_PATHS)
def test_public_page_has_no_wcag_aa_violations_and_fits_a_phone(live_server, seeded, phone, path):
    phone.goto(live_server.url + path)  # returns once the page has loaded
    assert_accessible(phone, fits_phone=True)


def test_keyboard_user_skips_to_content_and_reaches_a_standard(live_server, seeded, phone):
    phone.goto(live_server.url + "/")
    focused = phone.locator(":focus")
    phone.keyboard.press("Tab")
    expect(focused).to_have_text("Langsung ke isi")
    phone.keyboard.press("Enter")
    expect(phone.locator("#main")).to_be_focused()
    standard = phone.locator("#main a[href*='cetak-ktp-el']").first
    for _ in range(10):
        phone.keyboard.press("Tab")
        if standard.evaluate("link => link === document.activeElement"):
            break
    expect(standard).to_be_focused()
    phone.keyboard.press("Enter")
    expect(phone).to_have_url(re.compile(r"/layanan/cetak-ktp-el/$"))
    expect(phone.locator("h1")).to_have_text("Cetak Kartu Tanda Penduduk Elektronik (KTP-el)")


def test_print_stylesheet_hides_navigation(live_server, seeded, phone):
    phone.goto(live_server.url + "/layanan/cetak-ktp-el/")
    phone.emulate_media(media="print")
    expect(phone.locator(".site-nav")).to_be_hidden()
    expect(phone.locator(".print-only")).to_be_visible()
    expect(phone.locator("#sarana")).to_be_visible()
