"""The print room follows the one office scope: an operator works their own kecamatan's pages and no other's."""

import pytest
from wagtail import hooks

from forms.dispatch.models import BlankLedgerEntry
from forms.dispatch.services import card_print
from forms.office.scope import OfficeScope
from services.models import Kecamatan

from ..helpers import signed_in
from .conftest import approved_for_print, stock_up

pytestmark = pytest.mark.django_db


def _office_pages(kecamatan, application):
    return [
        f"/admin/cetak/{kecamatan.pk}/",
        f"/admin/cetak/{kecamatan.pk}/blanko/",
        f"/admin/cetak/{kecamatan.pk}/serah-terima/",
        f"/admin/cetak/{kecamatan.pk}/serah-terima/{application.pk}/",
    ]


def test_an_operator_of_utara_gets_404_on_kotas_queue_book_and_hand_over(staff, kota):
    stock_up(staff, kota, 10)
    application = card_print(application=approved_for_print(staff), by=staff["operator"])
    outsider = signed_in(staff["operator_elsewhere"])
    for url in _office_pages(kota, application):
        assert outsider.get(url).status_code == 404, url
    before = BlankLedgerEntry.objects.count()
    receipt = {"action": "receive", "receive-quantity": 5, "receive-sender": "Disdukcapil"}
    assert outsider.post(f"/admin/cetak/{kota.pk}/blanko/", receipt).status_code == 404
    assert BlankLedgerEntry.objects.count() == before
    # Kota's own operator opens the same pages.
    own = signed_in(staff["operator"])
    for url in _office_pages(kota, application):
        assert own.get(url).status_code == 200, url


def test_the_print_room_reads_the_scope_so_a_hook_that_narrows_it_closes_the_pages(staff, kota):
    stock_up(staff, kota, 10)
    application = card_print(application=approved_for_print(staff), by=staff["operator"])
    utara = Kecamatan.objects.get(name="Balikpapan Utara")

    def elsewhere(user, scope):
        return OfficeScope(frozenset({utara.pk})) if user == staff["operator"] else scope

    with hooks.register_temporarily("construct_office_scope", elsewhere):
        own = signed_in(staff["operator"])
        for url in _office_pages(kota, application):
            assert own.get(url).status_code == 404, url
