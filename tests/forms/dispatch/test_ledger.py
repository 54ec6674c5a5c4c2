"""The blank-card book: stock is derived, every movement is a new line, and nothing prints past zero."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import DatabaseError, connection, transaction
from django.test import Client

from forms.constants import ApplicationStatus
from forms.dispatch.constants import LedgerKind, SpoilReason
from forms.dispatch.models import BlankLedgerEntry, BlankStockSettings
from forms.dispatch.selectors import (
    ledger_chain_breaks,
    stock_by_kecamatan,
    stock_figures,
    unused_serial_count,
    weekly_return_day,
)
from forms.dispatch.serials import SerialRange
from forms.dispatch.services import (
    OutOfStock,
    blank_spoil,
    blanks_receive,
    card_print,
    card_print_failed,
    ledger_correct,
)

from .conftest import approved_for_print, counter_application, serial_range, stock_up, unused

pytestmark = pytest.mark.django_db


def _figures(kecamatan):
    figures = stock_figures(kecamatan_id=kecamatan.pk)
    return figures.received, figures.issued, figures.spoiled, figures.on_hand


def test_stock_is_received_minus_issued_minus_spoiled(staff, kota):
    stock_up(staff, kota, 2000)
    stock_up(staff, kota, 500)
    printed = [approved_for_print(staff) for _ in range(3)]
    for application in printed[:2]:
        card_print(application=application, by=staff["operator"])
    card_print_failed(
        application=printed[2], by=staff["operator"], reason="Pita printer habis", card_serial=unused(kota)[0]
    )
    blank_spoil(kecamatan=kota, by=staff["operator"], reason="Tergores saat dibuka", card_serial=unused(kota)[0])

    assert _figures(kota) == (2500, 2, 2, 2496)
    assert stock_by_kecamatan([kota.pk])[kota.pk].on_hand == 2496
    printed[2].refresh_from_db()
    assert printed[2].status == ApplicationStatus.PRINT_APPROVED  # a failed print stays in the queue


def test_a_correction_is_a_new_reasoned_line_and_the_wrong_line_stays(staff, kota):
    receipt = stock_up(staff, kota, 2000)
    last_ten = SerialRange.from_stored(receipt.serial_ranges[0])
    last_ten = SerialRange(prefix="", first=last_ten.last - 9, last=last_ten.last, width=last_ten.width)
    correction = ledger_correct(
        entry=receipt,
        by=staff["operator"],
        quantity_delta=-10,
        reason="Dihitung ulang: 1.990",
        serial_ranges=[last_ten],
    )
    receipt.refresh_from_db()
    assert receipt.quantity == 2000
    assert (correction.kind, correction.quantity, correction.corrects) == (LedgerKind.RECEIVED, -10, receipt)
    assert _figures(kota) == (1990, 0, 0, 1990)
    assert unused_serial_count(kecamatan_id=kota.pk) == 1990
    with pytest.raises(ValidationError):
        ledger_correct(entry=receipt, by=staff["operator"], quantity_delta=5, reason="")
    with pytest.raises(ValidationError):
        ledger_correct(entry=receipt, by=staff["operator"], quantity_delta=-1991, reason="Terlalu banyak")


def test_ledger_lines_cannot_be_changed_or_deleted(staff, kota):
    receipt = stock_up(staff, kota, 2000)
    receipt.quantity = 3000
    with pytest.raises(ValidationError):
        receipt.save()
    with pytest.raises(ValidationError):
        receipt.delete()
    with pytest.raises(ValidationError):
        BlankLedgerEntry.objects.filter(pk=receipt.pk).update(quantity=3000)
    with pytest.raises(ValidationError):
        BlankLedgerEntry.objects.filter(pk=receipt.pk).delete()
    assert BlankLedgerEntry.objects.get(pk=receipt.pk).quantity == 2000


def test_the_hash_chain_shows_an_edit_made_behind_the_portals_back(staff, kota):
    stock_up(staff, kota, 2000)
    second = stock_up(staff, kota, 100)
    stock_up(staff, kota, 50)
    assert ledger_chain_breaks(kecamatan_id=kota.pk) == []
    # Someone with database access raises a receipt directly in SQL (on PostgreSQL a superuser, who must first
    # switch off the append-only trigger).
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET LOCAL session_replication_role = replica")  # skips triggers until the test's end
        cursor.execute("UPDATE dispatch_blankledgerentry SET quantity = 1100 WHERE id = %s", [second.pk])
    assert [entry.pk for entry in ledger_chain_breaks(kecamatan_id=kota.pk)] == [second.pk]


def test_a_backdated_entry_breaks_the_chain_too(staff, kota):
    stock_up(staff, kota, 2000)
    last = stock_up(staff, kota, 100)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET LOCAL session_replication_role = replica")
        # Moved into last month, e.g. to hide a shipment from this month's report.
        cursor.execute(
            "UPDATE dispatch_blankledgerentry SET recorded_at = %s WHERE id = %s",
            [last.recorded_at - datetime.timedelta(days=31), last.pk],
        )
    assert [entry.pk for entry in ledger_chain_breaks(kecamatan_id=kota.pk)] == [last.pk]


def test_postgresql_itself_refuses_to_change_or_delete_a_ledger_line(staff, kota):
    if connection.vendor != "postgresql":
        pytest.skip("the append-only trigger is PostgreSQL's; SQLite is only the development default")
    entry = stock_up(staff, kota, 2000)
    for statement in (
        "UPDATE dispatch_blankledgerentry SET quantity = 1 WHERE id = %s",
        "DELETE FROM dispatch_blankledgerentry WHERE id = %s",
    ):
        with pytest.raises(DatabaseError, match="append-only"), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(statement, [entry.pk])
    entry.refresh_from_db()
    assert entry.quantity == 2000 and ledger_chain_breaks(kecamatan_id=kota.pk) == []


@pytest.mark.postgres_only
def test_postgresql_refuses_to_truncate_the_ledger(staff, kota):
    if connection.vendor != "postgresql":
        pytest.skip("the append-only trigger is PostgreSQL's; SQLite is only the development default")
    stock_up(staff, kota, 2000)
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic(), connection.cursor() as cursor:
        # As on a production connection: only the test settings switch this on, for the flush between tests.
        cursor.execute("SET LOCAL portal.allow_truncate = 'off'")
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # TRUNCATE waits for no deferred check of this test's rows
        cursor.execute("TRUNCATE dispatch_blankledgerentry CASCADE")
    assert BlankLedgerEntry.objects.filter(kecamatan=kota).count() == 1


def test_printing_with_no_stock_is_refused_with_a_clear_message_and_nothing_changes(staff, kota):
    application = approved_for_print(staff)
    with pytest.raises(OutOfStock) as refused:
        card_print(application=application, by=staff["operator"])
    assert "Tidak ada blanko tersisa di Balikpapan Kota" in " ".join(refused.value.messages)
    application.refresh_from_db()
    assert application.status == ApplicationStatus.PRINT_APPROVED
    assert not BlankLedgerEntry.objects.filter(kecamatan=kota).exists()


def test_nothing_prints_without_the_verifiers_approval(staff, kota):
    stock_up(staff, kota)
    application = counter_application(staff["operator"])  # accepted, not yet in SIAK nor approved
    with pytest.raises(ValidationError) as refused:
        card_print(application=application, by=staff["operator"])
    assert "tidak disetujui untuk dicetak" in " ".join(refused.value.messages)
    assert stock_figures(kecamatan_id=kota.pk).issued == 0


def test_a_card_is_issued_once_even_when_printed_twice(staff, kota):
    stock_up(staff, kota)
    application = approved_for_print(staff)
    card_print(application=application, by=staff["operator"])
    with pytest.raises(ValidationError):
        card_print(application=application, by=staff["operator"])
    assert stock_figures(kecamatan_id=kota.pk).issued == 1


def test_only_an_operator_of_the_kecamatan_moves_its_stock(staff, kota):
    stock_up(staff, kota)
    application = approved_for_print(staff)
    for name in ("operator_elsewhere", "verifier", "section_head", "siak_admin", "head_of_office"):
        with pytest.raises(PermissionDenied):
            card_print(application=application, by=staff[name])
        with pytest.raises(PermissionDenied):
            blanks_receive(
                kecamatan=kota,
                by=staff[name],
                serial_ranges=[serial_range(10)],
                shipment_date=datetime.date.today(),
                sender="X",
            )
    assert _figures(kota) == (2000, 0, 0, 2000)


def test_a_receipt_needs_a_positive_quantity_a_past_date_and_a_sender(staff, kota):
    tomorrow = datetime.date.today() + datetime.timedelta(days=1)
    for kwargs, field in [
        ({"quantity": 0, "shipment_date": datetime.date.today(), "sender": "Dinas"}, "quantity"),
        ({"quantity": 10, "shipment_date": tomorrow, "sender": "Dinas"}, "shipment_date"),
        ({"quantity": 10, "shipment_date": datetime.date.today(), "sender": " "}, "sender"),
    ]:
        with pytest.raises(ValidationError) as refused:
            blanks_receive(kecamatan=kota, by=staff["operator"], serial_ranges=[serial_range(10)], **kwargs)
        assert field in refused.value.message_dict
    assert not BlankLedgerEntry.objects.exists()


def test_crossing_the_low_stock_threshold_alerts_the_siak_admin_and_head_of_unit_once(
    staff, kota, django_capture_on_commit_callbacks
):
    settings_row = BlankStockSettings.load()
    settings_row.low_stock_threshold = 2
    settings_row.save()
    stock_up(staff, kota, 4)
    applications = [approved_for_print(staff) for _ in range(3)]
    mail.outbox.clear()
    for application in applications:
        with django_capture_on_commit_callbacks(execute=True):
            card_print(application=application, by=staff["operator"])
    alerts = [message for message in mail.outbox if "Stok blanko" in message.subject]
    assert len(alerts) == 1
    assert set(alerts[0].to) == {staff["siak_admin"].email, staff["section_head"].email}
    assert "Balikpapan Kota" in alerts[0].subject and "2" in alerts[0].subject


def test_failed_prints_are_spoiled_blanks_with_their_reason(staff, kota):
    stock_up(staff, kota, 10)
    application = approved_for_print(staff)
    entry = card_print_failed(
        application=application, by=staff["operator"], reason="Warna pudar", card_serial=unused(kota)[0]
    )
    assert (entry.kind, entry.spoil_reason, entry.application) == (
        LedgerKind.SPOILED,
        SpoilReason.FAILED_PRINT,
        application,
    )
    with pytest.raises(ValidationError):
        card_print_failed(application=application, by=staff["operator"], reason="", card_serial=unused(kota)[0])


def test_the_siak_admin_sets_the_low_stock_threshold_and_an_operator_cannot(staff):
    url = "/admin/settings/dispatch/blankstocksettings/"
    admin = Client()
    admin.force_login(staff["siak_admin"])
    page = admin.get(url, follow=True)
    assert page.status_code == 200
    url = page.redirect_chain[-1][0] if page.redirect_chain else url
    response = admin.post(
        url,
        {
            "low_stock_threshold": "150",
            "usual_shipment": "2000",
            "restock_days_threshold": "10",
            "temporary_certificate_text": "Surat keterangan untuk {name}.",
        },
        follow=True,
    )
    assert response.status_code == 200
    assert BlankStockSettings.load().low_stock_threshold == 150
    operator = Client()
    operator.force_login(staff["operator"])
    operator.post(
        url,
        {
            "low_stock_threshold": "1",
            "usual_shipment": "2000",
            "restock_days_threshold": "10",
            "temporary_certificate_text": "x",
        },
    )
    assert BlankStockSettings.load().low_stock_threshold == 150


@pytest.mark.parametrize(
    "today, expected",
    [
        (datetime.date(2026, 11, 23), datetime.date(2026, 11, 27)),  # an ordinary week: Friday
        (datetime.date(2026, 11, 28), datetime.date(2026, 11, 27)),  # Saturday still belongs to that week
        (datetime.date(2026, 12, 21), datetime.date(2026, 12, 24)),  # Christmas Friday: Thursday instead
    ],
)
def test_the_weekly_return_goes_back_on_the_last_working_day(today, expected, seeded):
    assert weekly_return_day(today) == expected
