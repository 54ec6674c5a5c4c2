"""An operator prints an approved card and hands it over at the counter, in a real browser."""

import datetime

import pytest
from playwright.sync_api import expect

from forms.constants import ApplicationStatus
from forms.dispatch.models import BlankLedgerEntry
from forms.dispatch.serials import SerialRange
from forms.dispatch.services import blanks_receive
from forms.models import Application
from forms.review.transitions import application_transition
from tests.forms.dispatch.conftest import counter_application

from .helpers import staff_log_in, staff_member

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_operator_prints_an_approved_card_and_hands_it_over_with_the_old_card(live_server, seeded, browser):
    operator, secret = staff_member("op.cetak.e2e", "Operator", "Balikpapan Kota")
    verifier, _secret = staff_member("verif.cetak.e2e", "Verifikator")
    application = counter_application(operator, variant_code="baru")
    application = application_transition(
        application=application, action="enter_siak", by=operator, expected_status="accepted", siak_reference="S-1"
    )
    application = application_transition(
        application=application, action="approve_print", by=verifier, expected_status="siak_entered"
    )
    blanks_receive(
        kecamatan=application.kecamatan,
        by=operator,
        serial_ranges=[SerialRange(prefix="BLK", first=2026000001, last=2026002000, width=10)],
        shipment_date=datetime.date.today(),
        sender="Disdukcapil Kota Balikpapan",
    )

    context, page = staff_log_in(browser, live_server, operator, secret)
    page.get_by_role("link", name="Cetak KTP-el", exact=True).click()
    expect(page.get_by_role("heading", name="Antrean cetak")).to_be_visible()
    expect(page.get_by_text("Stok blanko: 2000")).to_be_visible()
    page.locator(f"#print-serial-{application.pk}").fill("BLK-2026-000001")
    page.get_by_role("button", name="Tercetak").click()
    expect(page.get_by_text(f"{application.tracking_number} tercetak: siap untuk pemohon.")).to_be_visible()
    expect(page.get_by_text("Stok blanko: 1999")).to_be_visible()

    page.get_by_role("link", name="Serah terima").click()
    page.get_by_label("Nomor permohonan atau kode QR").fill(f"http://x/lacak/?nomor={application.tracking_number}")
    page.get_by_role("button", name="Cari").click()
    expect(page.get_by_role("heading", name="Diambil di loket")).to_be_visible()
    page.get_by_label("Identitas sudah dicocokkan dengan KTP-el atau KK").check()
    page.get_by_label("KTP-el lama ditarik").check()
    page.get_by_role("button", name="Catat serah terima").click()
    expect(page.get_by_text(f"Dicatat untuk {application.tracking_number}.")).to_be_visible()
    expect(page.get_by_text("Sudah diserahkan").first).to_be_visible()
    context.close()

    application.refresh_from_db()
    assert application.status == ApplicationStatus.HANDED_OVER
    assert application.hand_over.collected_by_name == "Budi Santoso" and application.hand_over.old_card_taken
    kinds = list(BlankLedgerEntry.objects.order_by("sequence").values_list("kind", "card_serial"))
    assert kinds == [("received", ""), ("issued", "BLK2026000001"), ("old_card", "")]
    assert Application.objects.get(pk=application.pk).history.last().by == operator
