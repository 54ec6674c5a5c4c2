"""The public pages in a real browser: WCAG 2.2 AA by axe-core, keyboard use, and a phone-sized screen."""

import pytest
from axe_playwright_python.sync_playwright import Axe

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

WCAG_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]}}
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
    phone.goto(live_server.url + path)
    results = Axe().run(phone, options=WCAG_AA)
    assert results.violations_count == 0, results.generate_report()
    overflow = phone.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"{path} scrolls sideways on a 360px screen"


def test_keyboard_user_skips_to_content_and_reaches_a_standard(live_server, seeded, phone):
    phone.goto(live_server.url + "/")
    phone.keyboard.press("Tab")
    assert phone.evaluate("document.activeElement.textContent.trim()") == "Langsung ke isi"
    phone.keyboard.press("Enter")
    assert phone.evaluate("document.activeElement.id") == "main"
    for _ in range(10):
        phone.keyboard.press("Tab")
        if "cetak-ktp-el" in (phone.evaluate("document.activeElement.getAttribute('href')") or ""):
            break
    phone.keyboard.press("Enter")
    phone.wait_for_url("**/layanan/cetak-ktp-el/")
    assert phone.locator("h1").inner_text() == "Cetak Kartu Tanda Penduduk Elektronik (KTP-el)"


def test_print_stylesheet_hides_navigation(live_server, seeded, phone):
    phone.goto(live_server.url + "/layanan/cetak-ktp-el/")
    phone.emulate_media(media="print")
    assert not phone.locator(".site-nav").is_visible()
    assert phone.locator(".print-only").is_visible()
    assert phone.locator("#sarana").is_visible()
