"""What the dispatch screens show: typed boxes in the print queue, the book's signs and running balance on every
page, and on the hand-over screen only the form that fits the citizen's choice."""

import re

import pytest

from forms.constants import ApplicationStatus
from forms.dispatch.constants import LedgerKind
from forms.dispatch.models import BlankLedgerEntry
from forms.dispatch.selectors import stock_figures
from forms.dispatch.services import blank_spoil, card_print

from ..helpers import signed_in
from .conftest import approved_for_print, stock_up, unused

pytestmark = pytest.mark.django_db
MINUS = "\u2212"
# The test's own model of the book: how each kind of line moves the stock (old cards and returns do not).
SIGN = {
    LedgerKind.RECEIVED: 1,
    LedgerKind.TRANSFER_IN: 1,
    LedgerKind.ISSUED: -1,
    LedgerKind.SPOILED: -1,
    LedgerKind.TRANSFER_OUT: -1,
}


def test_every_box_of_the_print_queue_has_a_type_and_the_row_can_wrap(staff, kota):
    stock_up(staff, kota, 5)
    application = approved_for_print(staff)
    page = signed_in(staff["operator"]).get(f"/admin/cetak/{kota.pk}/").content.decode()
    inputs = re.findall(r"<input\b[^>]*>", page)
    assert inputs, "the print queue has its forms"
    untyped = [tag for tag in inputs if not re.search(r'\btype="[a-z]+"', tag)]
    assert untyped == []
    for name in (
        f"print-serial-{application.pk}",
        f"failed-reason-{application.pk}",
        f"failed-serial-{application.pk}",
    ):
        (tag,) = [tag for tag in inputs if f'id="{name}"' in tag]
        assert 'type="text"' in tag
    # The phone layout (each card a block of its own) hangs off this class; the browser test measures it.
    assert 'class="listing dispatch-queue"' in page


def _book_history(staff, kota):
    """A receipt, a printed card, then spoiled blanks and a second receipt: more lines than one page holds."""
    stock_up(staff, kota, 40)
    card_print(application=approved_for_print(staff), by=staff["operator"], card_serial=unused(kota)[0])
    for n in range(55):
        if n == 20:
            stock_up(staff, kota, 20)
        blank_spoil(kecamatan=kota, by=staff["operator"], reason="Tergores", card_serial=unused(kota)[0])


def _expected_balances(kota):
    balance, expected = 0, {}
    for entry in BlankLedgerEntry.objects.filter(kecamatan=kota).order_by("sequence"):
        balance += SIGN.get(entry.kind, 0) * entry.quantity
        expected[entry.sequence] = balance
    return expected


def test_the_book_shows_issues_with_a_minus_sign_and_a_running_balance_right_on_page_two(staff, kota):
    _book_history(staff, kota)
    expected = _expected_balances(kota)
    assert len(expected) > 50
    client = signed_in(staff["operator"])

    first = client.get(f"/admin/cetak/{kota.pk}/blanko/")
    rows = list(first.context["page"].object_list)
    assert rows[0].balance == stock_figures(kecamatan_id=kota.pk).on_hand == 40 - 1 + 20 - 55
    assert {row.sequence: row.balance for row in rows} == {row.sequence: expected[row.sequence] for row in rows}

    second = client.get(f"/admin/cetak/{kota.pk}/blanko/?p=2")
    rows = list(second.context["page"].object_list)
    assert {row.sequence: row.balance for row in rows} == {row.sequence: expected[row.sequence] for row in rows}
    html = second.content.decode()
    receipt = next(row for row in rows if row.kind == LedgerKind.RECEIVED and row.sequence == 1)
    issue = next(row for row in rows if row.kind == LedgerKind.ISSUED)
    assert re.search(rf"<td[^>]*>{receipt.sequence}</td>.*?<td[^>]*>\+40</td>\s*<td[^>]*>40</td>", html, re.S)
    assert re.search(rf"<td[^>]*>{issue.sequence}</td>.*?<td[^>]*>{MINUS}1</td>\s*<td[^>]*>39</td>", html, re.S)
    assert not re.search(r"<td[^>]*>\+1</td>", html), "an issue or spoilage is never shown as +1"
    assert "Saldo" in html and "Perubahan stok" in html


def test_the_hand_over_screen_shows_the_citizens_choice_and_a_link_to_switch(staff, kota):
    stock_up(staff, kota, 5)
    pickup = approved_for_print(staff)
    courier = approved_for_print(staff, delivery_method="courier", delivery_address="Jl. Sudirman 1")
    for application in (pickup, courier):
        card_print(application=application, by=staff["operator"], card_serial=unused(kota)[0])
    client = signed_in(staff["operator"])

    page = client.get(f"/admin/cetak/{kota.pk}/serah-terima/{pickup.pk}/").content.decode()
    assert "Diambil di loket" in page and "Serahkan ke jasa pengiriman" not in page
    assert 'name="action" value="pickup"' in page and 'value="courier"' not in page
    assert '<a href="?cara=courier">' in page

    page = client.get(f"/admin/cetak/{kota.pk}/serah-terima/{courier.pk}/").content.decode()
    assert "Serahkan ke jasa pengiriman" in page and "Diambil di loket" not in page
    assert '<a href="?cara=pickup">' in page

    # The switch works without JavaScript and says what the citizen chose.
    switched = client.get(f"/admin/cetak/{kota.pk}/serah-terima/{courier.pk}/?cara=pickup").content.decode()
    assert "Diambil di loket" in switched and "Serahkan ke jasa pengiriman" not in switched
    assert "Pemohon memilih pengiriman melalui kurir." in switched

    # A refused post keeps the form that was posted, with its errors.
    refused = client.post(
        f"/admin/cetak/{kota.pk}/serah-terima/{pickup.pk}/",
        {"action": "courier", "courier-courier_name": "", "courier-courier_reference": ""},
    )
    assert refused.status_code == 200 and refused.context["way"] == "courier"
    pickup.refresh_from_db()
    assert pickup.status == ApplicationStatus.READY_FOR_PICKUP
