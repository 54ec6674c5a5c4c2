"""The book page re-checks the lines it shows; the nightly ledger_verify walks every book and alerts once."""

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.test import Client

from forms.dispatch.models import LedgerCheck

from .conftest import stock_up

pytestmark = pytest.mark.django_db


def _alter_behind_the_portals_back(entry, quantity):
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET LOCAL session_replication_role = replica")  # a superuser past the trigger
        cursor.execute("UPDATE dispatch_blankledgerentry SET quantity = %s WHERE id = %s", [quantity, entry.pk])


def _book(staff, kota):
    client = Client()
    client.force_login(staff["operator"])
    return client.get(f"/admin/cetak/{kota.pk}/blanko/").content.decode()


def test_the_book_page_flags_an_altered_line_among_those_it_shows(staff, kota):
    stock_up(staff, kota, 2000)
    second = stock_up(staff, kota, 100)
    stock_up(staff, kota, 50)
    intact = _book(staff, kota)
    assert "tidak lagi cocok" not in intact and "Diubah" not in intact
    assert "Seluruh buku belum diperiksa" in intact

    _alter_behind_the_portals_back(second, 1100)
    page = _book(staff, kota)
    assert "1 baris di halaman ini tidak lagi cocok dengan rantai hash buku" in page
    assert page.count('<span class="w-status w-status--label">Diubah</span>') == 1


def test_the_nightly_check_walks_every_book_keeps_the_result_and_alerts_once(
    staff, kota, django_capture_on_commit_callbacks
):
    stock_up(staff, kota, 2000)
    second = stock_up(staff, kota, 100)
    stock_up(staff, kota, 50)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("ledger_verify", verbosity=0)
    check = LedgerCheck.objects.get(kecamatan=kota)
    assert (check.entries_checked, check.broken_sequences) == (3, [])
    assert mail.outbox == []
    assert "Seluruh buku (3 baris) diperiksa pada" in _book(staff, kota)

    _alter_behind_the_portals_back(second, 1100)
    with django_capture_on_commit_callbacks(execute=True):
        call_command("ledger_verify", verbosity=0)
    assert LedgerCheck.objects.get(kecamatan=kota).broken_sequences == [2]
    [alert] = mail.outbox
    assert sorted(alert.to) == ["admin.siak@example.org", "kasatker@example.org"]
    assert alert.subject == "Buku blanko Balikpapan Kota diubah di luar portal"
    assert "#2" in alert.body
    assert "Pemeriksaan menyeluruh" in _book(staff, kota) and "#2" in _book(staff, kota)

    with django_capture_on_commit_callbacks(execute=True):  # the same break again: recorded, not e-mailed twice
        call_command("ledger_verify", verbosity=0)
    assert len(mail.outbox) == 1
