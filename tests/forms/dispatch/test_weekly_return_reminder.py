"""On the week's last working day, operators with items still to return are reminded by e-mail, and nobody else."""

import datetime

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django.test import TestCase

from forms.dispatch.services import blank_spoil, manifest_prepare

from .conftest import stock_up, unused

pytestmark = pytest.mark.django_db
WITA = datetime.timezone(datetime.timedelta(hours=8))


def _remind_at(day):
    mail.outbox.clear()
    moment = datetime.datetime.combine(day, datetime.time(9, 0), WITA)
    # The messenger sends once the job commits.
    with time_machine.travel(moment, tick=False), TestCase.captureOnCommitCallbacks(execute=True):
        call_command("blank_returns_remind", verbosity=0)
    return mail.outbox


def _one_spoiled_blank(staff, kota):
    stock_up(staff, kota, quantity=10)
    blank_spoil(kecamatan=kota, by=staff["operator"], reason="Chip retak", card_serial=unused(kota)[0])


def test_on_friday_only_the_operators_with_items_to_return_are_reminded(staff, kota):
    _one_spoiled_blank(staff, kota)
    assert _remind_at(datetime.date(2026, 11, 26)) == []  # Thursday: not the return day
    [message] = _remind_at(datetime.date(2026, 11, 27))  # Friday
    assert message.to == ["op.kota@example.org"]  # not Balikpapan Utara's operator: nothing to return there
    assert message.subject == "Pengembalian mingguan jatuh hari ini di Balikpapan Kota"
    assert "1 blanko rusak" in message.body and "0 KTP-el lama yang ditarik" in message.body
    assert f"/admin/cetak/{kota.pk}/berita-acara/" in message.body


def test_a_holiday_friday_moves_the_reminder_to_thursday(staff, kota):
    _one_spoiled_blank(staff, kota)
    assert _remind_at(datetime.date(2026, 12, 25)) == []  # Christmas Day, a Friday
    assert len(_remind_at(datetime.date(2026, 12, 24))) == 1


def test_no_reminder_once_the_manifest_carries_everything(staff, kota):
    _one_spoiled_blank(staff, kota)
    manifest_prepare(kecamatan=kota, by=staff["operator"])
    assert _remind_at(datetime.date(2026, 11, 27)) == []
