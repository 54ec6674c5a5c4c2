"""Tampering done as someone who knows the hash chain would do it is still reported by the nightly ledger_verify."""

from contextlib import contextmanager

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.test import TestCase

from forms.dispatch.models import BlankLedgerEntry, LedgerCheck
from forms.dispatch.selectors import ledger_chain_breaks

from .conftest import stock_up

pytestmark = pytest.mark.django_db


@contextmanager
def _behind_the_portals_back():
    """A cursor past the append-only trigger, switched off the way the table's owner could."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SET CONSTRAINTS ALL IMMEDIATE"
            )  # ALTER TABLE waits for no deferred check of the test's rows
            cursor.execute("ALTER TABLE dispatch_blankledgerentry DISABLE TRIGGER dispatch_ledger_append_only")
        yield cursor
        if connection.vendor == "postgresql":
            cursor.execute("ALTER TABLE dispatch_blankledgerentry ENABLE TRIGGER dispatch_ledger_append_only")


def _rewrite(cursor, entry):
    cursor.execute(
        "UPDATE dispatch_blankledgerentry SET quantity = %s, previous_hash = %s, entry_hash = %s WHERE id = %s",
        [entry.quantity, entry.previous_hash, entry.entry_hash, entry.pk],
    )


def _book(staff, kota, *quantities):
    return [stock_up(staff, kota, quantity) for quantity in quantities]


def _verify():
    with TestCase.captureOnCommitCallbacks(execute=True):  # the messenger sends once the job commits
        call_command("ledger_verify", verbosity=0)


def test_a_line_rewritten_with_its_hash_recomputed_and_the_next_line_patched_is_reported(staff, kota):
    _first, second, third, _fourth = _book(staff, kota, 2000, 100, 50, 25)
    _verify()
    mail.outbox.clear()

    # #2 raised to 1,100 with its hash recomputed, and #3's link to it patched: both columns look consistent.
    second.quantity = 1100
    second.entry_hash = second.compute_hash()
    third.previous_hash = second.entry_hash
    with _behind_the_portals_back() as cursor:
        _rewrite(cursor, second)
        _rewrite(cursor, third)
    _verify()

    # #3's own hash covers the previous hash it was written with, so the patch shows there.
    assert LedgerCheck.objects.get(kecamatan=kota).broken_sequences == [3]
    [alert] = mail.outbox
    assert alert.subject == "Buku blanko Balikpapan Kota diubah di luar portal"
    assert "#3" in alert.body


def test_a_book_recomputed_wholesale_from_some_line_onward_is_reported_by_its_recorded_head(staff, kota):
    entries = _book(staff, kota, 2000, 100, 50, 25)
    _verify()
    check = LedgerCheck.objects.get(kecamatan=kota)
    original_head = entries[-1].entry_hash
    assert (check.head_sequence, check.head_hash, check.broken_sequences) == (4, original_head, [])
    mail.outbox.clear()

    # #2 raised to 1,100 and every later line re-linked and re-hashed in order: the chain itself is valid again.
    entries[1].quantity = 1100
    with _behind_the_portals_back() as cursor:
        for before, entry in zip(entries, entries[1:], strict=False):
            entry.previous_hash = before.entry_hash
            entry.entry_hash = entry.compute_hash()
            _rewrite(cursor, entry)
    assert ledger_chain_breaks(kecamatan_id=kota.pk) == []
    _verify()

    assert LedgerCheck.objects.get(kecamatan=kota).broken_sequences == [4]
    [alert] = mail.outbox
    assert alert.subject == "Buku blanko Balikpapan Kota diubah di luar portal"
    assert "#4" in alert.body

    # Later nights, with new lines printed meanwhile, keep reporting it against the head last found intact.
    stock_up(staff, kota, 10)
    _verify()
    check = LedgerCheck.objects.get(kecamatan=kota)
    assert (check.broken_sequences, check.head_sequence, check.head_hash) == ([4], 4, original_head)
    assert len(mail.outbox) == 1


def test_a_book_cut_short_after_the_check_is_reported_by_its_recorded_head(staff, kota):
    entries = _book(staff, kota, 2000, 100, 50)
    _verify()
    mail.outbox.clear()
    with _behind_the_portals_back() as cursor:
        # Its numbered blanks go with it, as they would for someone who knows the schema.
        cursor.execute("DELETE FROM dispatch_blankserial WHERE received_entry_id = %s", [entries[-1].pk])
        cursor.execute("DELETE FROM dispatch_blankledgerentry WHERE id = %s", [entries[-1].pk])
    assert ledger_chain_breaks(kecamatan_id=kota.pk) == []
    _verify()
    assert LedgerCheck.objects.get(kecamatan=kota).broken_sequences == [3]
    assert len(mail.outbox) == 1 and "#3" in mail.outbox[0].body


def test_lines_added_between_checks_move_the_recorded_head_without_an_alarm(staff, kota):
    _book(staff, kota, 2000, 100)
    _verify()
    newest = stock_up(staff, kota, 50)
    mail.outbox.clear()
    _verify()
    check = LedgerCheck.objects.get(kecamatan=kota)
    assert (check.head_sequence, check.head_hash, check.broken_sequences) == (3, newest.entry_hash, [])
    assert mail.outbox == []
    assert BlankLedgerEntry.objects.filter(kecamatan=kota).count() == 3
