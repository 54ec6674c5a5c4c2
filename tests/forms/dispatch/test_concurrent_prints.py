"""Many operators pressing "Printed" at once never print past the stock nor count a blank twice, and each
claims its own numbered blank."""

import threading

import pytest
from django.db import connection

from forms.constants import ApplicationStatus
from forms.dispatch.constants import SerialState
from forms.dispatch.models import BlankLedgerEntry, BlankSerial
from forms.dispatch.selectors import ledger_chain_breaks, stock_figures
from forms.dispatch.services import OutOfStock, card_print
from forms.models import Application

from .conftest import approved_for_print, stock_up


@pytest.mark.django_db(transaction=True)
def test_fifty_parallel_prints_against_twenty_serials_issue_twenty_distinct_serials(staff, kota):
    if connection.vendor != "postgresql":
        pytest.skip("SQLite serialises all writers, so it cannot show prints racing for the last blanks")
    stock_up(staff, kota, 20)
    applications = [approved_for_print(staff) for _ in range(50)]
    barrier = threading.Barrier(50)
    printed, refused, failures = [], [], []

    def press_printed(application):
        try:
            barrier.wait()
            # No serial given: each print claims the lowest unused serial in stock, as a batch run does.
            card_print(application=application, by=staff["operator"])
            printed.append(application.pk)
        except OutOfStock as error:
            refused.append(" ".join(error.messages))
        except Exception as error:  # anything else is a bug this test must show
            failures.append(repr(error))
        finally:
            connection.close()

    threads = [threading.Thread(target=press_printed, args=(application,)) for application in applications]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert failures == []
    assert (len(printed), len(refused)) == (20, 30)
    assert set(refused) == {"Tidak ada blanko tersisa di Balikpapan Kota. Catat kiriman berikutnya sebelum mencetak."}
    figures = stock_figures(kecamatan_id=kota.pk)
    assert (figures.received, figures.issued, figures.spoiled, figures.on_hand) == (20, 20, 0, 0)
    assert figures.on_hand + figures.issued + figures.spoiled == figures.received
    issued = BlankLedgerEntry.objects.filter(kecamatan=kota, kind="issued")
    assert sorted(issued.values_list("application_id", flat=True)) == sorted(printed)
    assert list(BlankLedgerEntry.objects.filter(kecamatan=kota).values_list("sequence", flat=True)) == list(
        range(1, 22)
    )
    assert ledger_chain_breaks(kecamatan_id=kota.pk) == []
    serials = list(issued.values_list("card_serial", flat=True))
    assert len(serials) == 20 and len(set(serials)) == 20  # 0 serials issued twice
    stocked = set(BlankSerial.objects.filter(kecamatan=kota).values_list("serial", flat=True))
    assert set(serials) == stocked
    assert BlankSerial.objects.filter(state=SerialState.ISSUED, used_entry__in=issued).count() == 20
    statuses = Application.objects.filter(pk__in=[a.pk for a in applications]).values_list("status", flat=True)
    assert sorted(statuses).count(ApplicationStatus.READY_FOR_PICKUP) == 20
    assert sorted(statuses).count(ApplicationStatus.PRINT_APPROVED) == 30
