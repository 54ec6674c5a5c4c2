"""The print queue's boxes are drawn and reachable at 1280 px and on a 360 px phone, and the print queue, book,
hand-over, review, dashboard, counter, visits list and complaints screens pass axe-core with no serious or critical
violation."""

import datetime

import pytest
from playwright.sync_api import expect

from forms.dispatch.serials import SerialRange
from forms.dispatch.services import blanks_receive
from forms.review.transitions import application_transition
from tests.forms.complaints.conftest import file_complaint
from tests.forms.dispatch.conftest import counter_application

from .helpers import assert_no_serious_violations, staff_log_in, staff_member

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
MIN_BOX_HEIGHT_PX = 40


def _approved(operator, verifier, **overrides):
    application = counter_application(operator, variant_code="baru", **overrides)
    application = application_transition(
        application=application, action="enter_siak", by=operator, expected_status="accepted", siak_reference="S-1"
    )
    return application_transition(
        application=application, action="approve_print", by=verifier, expected_status="siak_entered"
    )


def _box(page, selector):
    """The computed border and the drawn height of one input, as the browser paints it."""
    return page.locator(selector).evaluate(
        """el => { const s = getComputedStyle(el); const r = el.getBoundingClientRect();
        return {type: el.type, style: s.borderTopStyle, border: parseFloat(s.borderTopWidth),
                bottom: parseFloat(s.borderBottomWidth), height: r.height, right: r.right + window.scrollX,
                page: document.documentElement.clientWidth}; }"""
    )


def _assert_drawn(box):
    assert box["type"] == "text"
    assert box["style"] == "solid" and box["border"] >= 1 and box["bottom"] >= 1, box
    assert box["height"] >= MIN_BOX_HEIGHT_PX, box


def test_the_print_queue_boxes_are_visible_at_1280_and_360_px_and_the_staff_screens_pass_axe(
    live_server, seeded, browser
):
    operator, secret = staff_member("op.layar.e2e", "Operator", "Balikpapan Kota")
    verifier, _secret = staff_member("verif.layar.e2e", "Verifikator")
    first = _approved(operator, verifier)
    second = _approved(operator, verifier, delivery_method="courier", delivery_address="Jl. Sudirman 1")
    office = first.kecamatan_id
    blanks_receive(
        kecamatan=first.kecamatan,
        by=operator,
        serial_ranges=[SerialRange(prefix="KTP", first=300001, last=300010, width=6)],
        shipment_date=datetime.date.today(),
        sender="Disdukcapil Kota Balikpapan",
    )

    context, page = staff_log_in(browser, live_server, operator, secret)
    page.goto(f"{live_server.url}/admin/cetak/{office}/")
    expect(page.get_by_role("heading", name="Antrean cetak")).to_be_visible()
    for name in (f"#print-serial-{first.pk}", f"#failed-reason-{first.pk}", f"#failed-serial-{first.pk}"):
        _assert_drawn(_box(page, name))
    assert_no_serious_violations(page)
    page.locator(f"#print-serial-{first.pk}").fill("KTP300001")
    page.get_by_role("button", name="Tercetak").first.click()
    expect(page.get_by_text(f"{first.tracking_number} tercetak: siap untuk pemohon.")).to_be_visible()

    # The same session on a phone: the boxes still drawn, the row wraps and the button lies within the screen.
    page.set_viewport_size({"width": 360, "height": 740})
    page.reload()
    for name in (f"#print-serial-{second.pk}", f"#failed-reason-{second.pk}", f"#failed-serial-{second.pk}"):
        box = _box(page, name)
        _assert_drawn(box)
        assert box["right"] <= box["page"], box
    button = page.locator(f"form:has(#print-serial-{second.pk}) button", has_text="Tercetak")
    right = button.evaluate("el => el.getBoundingClientRect().right + window.scrollX")
    assert right <= 360, f"the Tercetak button ends at {right} px on a 360 px screen"
    page.locator(f"#print-serial-{second.pk}").fill("KTP300002")
    button.click()
    expect(page.get_by_text(f"{second.tracking_number} tercetak: siap untuk pemohon.")).to_be_visible()
    assert_no_serious_violations(page)

    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"{live_server.url}/admin/cetak/{office}/blanko/")
    expect(page.get_by_role("columnheader", name="Saldo")).to_be_visible()
    expect(page.get_by_role("cell", name="\u22121").first).to_be_visible()
    assert_no_serious_violations(page)

    page.goto(f"{live_server.url}/admin/cetak/{office}/serah-terima/{second.pk}/")
    expect(page.get_by_role("heading", name="Serahkan ke jasa pengiriman")).to_be_visible()
    expect(page.get_by_role("heading", name="Diambil di loket")).to_have_count(0)
    assert_no_serious_violations(page)
    page.get_by_role("link", name="Pemohon mengambil di loket saja: catat serah terima").click()
    expect(page.get_by_role("heading", name="Diambil di loket")).to_be_visible()
    expect(page.get_by_text("Pemohon memilih pengiriman melalui kurir.")).to_be_visible()

    page.goto(f"{live_server.url}/admin/permohonan/review/{first.pk}/")
    expect(page.get_by_role("heading", name="Tindakan", exact=True)).to_be_visible()
    assert_no_serious_violations(page)
    page.set_viewport_size({"width": 360, "height": 740})
    page.reload()
    assert_no_serious_violations(page)
    context.close()


def _screen_at_both_widths(page, url):
    """The screen opens where it was asked (no refusal, no redirect) and passes axe at 1280 px, then at 360 px."""
    for width, height in ((1280, 900), (360, 740)):
        page.set_viewport_size({"width": width, "height": height})
        page.goto(url)
        expect(page).to_have_url(url)
        expect(page.locator("h1").first).to_be_visible()
        assert_no_serious_violations(page)


def test_the_dashboard_counter_visits_list_and_complaints_pass_axe_at_1280_and_360_px(live_server, seeded, browser):
    operator, secret = staff_member("op.layar2.e2e", "Operator", "Balikpapan Kota")
    head, head_secret = staff_member("kasatker.layar.e2e", "Kepala Satuan Kerja Pelaksana")
    counter_application(operator)  # a case for the dashboard's panels
    complaint = file_complaint()

    context, page = staff_log_in(browser, live_server, operator, secret)
    for path in ("/admin/", "/admin/permohonan/loket/", "/admin/kunjungan-ikd/"):
        _screen_at_both_widths(page, live_server.url + path)
    context.close()

    context, page = staff_log_in(browser, live_server, head, head_secret)
    _screen_at_both_widths(page, live_server.url + "/admin/pengaduan/")
    expect(page.get_by_role("link", name=complaint.tracking_number)).to_be_visible()
    context.close()
