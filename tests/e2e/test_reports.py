"""The head of office opens the service report from the menu, picks a quarter, reads it beside the previous quarter
and its 12-month trend at 1280 px and on a 360 px phone, and downloads it."""

import io
import re

import pytest
from openpyxl import load_workbook
from playwright.sync_api import expect

from forms.models import ApplicationFormPage
from services.models import Kecamatan
from tests.forms.reports.data import plan, plans_create, wita

from .helpers import assert_accessible, staff_log_in, staff_member

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_head_of_office_reads_and_downloads_the_quarterly_report(live_server, seeded, browser):
    ktp = ApplicationFormPage.objects.get(slug="hilang")
    kota = Kecamatan.objects.get(name="Balikpapan Kota").pk
    monday = wita(2026, 2, 2, 9)
    plans_create(
        [
            plan(ktp, kota, monday, [("accept", wita(2026, 2, 2, 9, 3)), ("enter_siak", wita(2026, 2, 2, 9, 9))]),
            plan(ktp, kota, monday, [("return", wita(2026, 2, 2, 9, 20), ["Fotocopy Kartu Keluarga"])]),
        ]
    )
    head, secret = staff_member("kadis.e2e", "Penanggungjawab")
    context, page = staff_log_in(browser, live_server, head, secret)
    page.goto(live_server.url + "/admin/laporan/")
    page.get_by_label("Jenis periode").select_option("quarter")
    page.get_by_label("Tahun").select_option("2026")
    page.get_by_label("Triwulan", exact=True).select_option("1")
    page.get_by_role("button", name="Tampilkan laporan").click()
    expect(page.get_by_text("Triwulan I 2026 (1 Januari 2026 – 31 Maret 2026)")).to_be_visible()
    expect(page.get_by_role("img", name="Permohonan menurut jalur")).to_be_visible()
    expect(page.get_by_role("img", name="Permohonan diajukan")).to_be_visible()  # the 12-month trend
    expect(page.get_by_text("sebelumnya: 0 (+2)").first).to_be_visible()  # beside the previous quarter's
    assert_accessible(page, context=".service-report")
    # Through the index to the trend, and back.
    page.get_by_role("navigation", name="Bagian laporan").get_by_role(
        "link", name="12 bulan terakhir, per bulan"
    ).click()
    expect(page).to_have_url(re.compile(r"#section-trends$"))
    # On a phone: the same report, nothing wider than the screen but the tables' own scroll regions.
    page.set_viewport_size({"width": 360, "height": 740})
    page.reload()
    expect(page.get_by_role("img", name="Permohonan diajukan")).to_be_visible()
    assert_accessible(page, context=".service-report", fits_phone=True)
    page.set_viewport_size({"width": 1280, "height": 900})
    with page.expect_download() as download:
        page.get_by_role("link", name="Unduh XLSX").click()
    book = load_workbook(io.BytesIO(download.value.path().read_bytes()))
    assert book.worksheets[0]["B4"].value == "Triwulan I 2026 (1 Januari 2026 – 31 Maret 2026)"
    context.close()
