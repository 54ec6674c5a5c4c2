"""The standard page opens as a start page on a phone: what to bring, how long, the fee and one way in, at once."""

import re

import pytest
from playwright.sync_api import expect

from .helpers import assert_accessible

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

# A 360 px phone shows about 740 px at once; the way in must be no further than one short scroll.
FIRST_BUTTON_MAX_TOP_PX = 900


def test_ktp_el_start_page_puts_the_first_apply_button_within_900_px_on_a_phone(live_server, seeded, phone):
    phone.goto(live_server.url + "/layanan/cetak-ktp-el/")
    first = phone.get_by_role("link", name=re.compile(r"^Ajukan permohonan")).first
    expect(first).to_be_visible()
    top = first.evaluate("link => link.getBoundingClientRect().top + window.scrollY")
    print(f"first 'Ajukan permohonan' at {top:.0f} px of {phone.evaluate('document.body.scrollHeight')} px")
    assert top <= FIRST_BUTTON_MAX_TOP_PX, f"the first apply button is {top:.0f} px from the top"
    # What the citizen needs for that case is above its button, and so are the service time and the fee.
    case = phone.locator(".start-case").first
    expect(case.get_by_role("heading")).to_have_text("Pergantian KTP Elektronik karena Hilang")
    expect(case).to_contain_text("Surat Keterangan hilang dari Kepolisian")
    expect(case).to_contain_text("1 hari kerja")
    expect(case).to_contain_text("Tanpa dipungut biaya (Rp. 0)")
    assert_accessible(phone, fits_phone=True)


def test_a_walk_in_only_case_sends_the_citizen_to_the_kecamatan_and_the_components_follow(live_server, seeded, phone):
    phone.goto(live_server.url + "/layanan/cetak-ktp-el/")
    new_card = phone.locator(".start-case", has=phone.get_by_role("heading", name="KTP Elektronik Baru"))
    expect(new_card).to_contain_text("Datang ke kantor kecamatan")
    expect(new_card.get_by_role("link", name=re.compile("^Ajukan permohonan"))).to_have_count(0)
    new_card.get_by_role("link", name=re.compile("^Lihat caranya")).click()
    expect(phone).to_have_url(re.compile(r"#prosedur-baru$"))
    expect(phone.locator("#prosedur-baru")).to_contain_text("datang ke kantor kecamatan")
    # One way in per online case: three forms on the KTP-el page, none repeated in the components below.
    expect(phone.get_by_role("link", name=re.compile(r"^Ajukan permohonan"))).to_have_count(3)
    expect(phone.locator("#evaluasi")).to_be_visible()
    phone.emulate_media(media="print")
    expect(phone.locator(".start")).to_be_hidden()
    expect(phone.locator("#persyaratan")).to_be_visible()
