"""The blank-card section: received, issued and spoiled per kecamatan in the period, and the stock at its end."""

from datetime import date, timedelta

import pytest

from forms.dispatch.models import LedgerKind
from forms.dispatch.report_sections import blank_cards
from forms.office.report_sections import ReportScope

from .data import ledger_line, wita

pytestmark = pytest.mark.django_db


def random_ledger(rng, offices, by):
    """A book per kecamatan over December 2025 to April 2026: shipments, a correction, prints, spoils, returns."""
    lines = []
    start = wita(2025, 12, 1, 8)
    for office in offices:
        events = [(start + timedelta(days=rng.randrange(5)), LedgerKind.RECEIVED, 2000)]
        events.append((wita(2026, 2, 2, 9) + timedelta(days=rng.randrange(40)), LedgerKind.RECEIVED, 2000))
        events.append((wita(2026, 2, 3, 10) + timedelta(days=rng.randrange(30)), LedgerKind.RECEIVED, -50))
        for _ in range(rng.randint(8, 20)):
            moment = start + timedelta(days=rng.randrange(150), hours=rng.randrange(9))
            kind = rng.choices(
                [LedgerKind.ISSUED, LedgerKind.SPOILED, LedgerKind.OLD_CARD, LedgerKind.RETURNED], [6, 2, 2, 1]
            )[0]
            events.append((moment, kind, rng.randint(1, 30) if kind == LedgerKind.ISSUED else rng.randint(1, 3)))
        events.sort(key=lambda event: event[0])
        for sequence, (moment, kind, quantity) in enumerate(events, start=1):
            lines.append(
                ledger_line(kecamatan=office, sequence=sequence, kind=kind, quantity=quantity, at=moment, by=by)
            )
    return lines


def test_blank_cards_by_hand(kecamatan, staff):
    kota, utara = kecamatan["Balikpapan Kota"], kecamatan["Balikpapan Utara"]
    by = staff["operator"]
    book = [
        (kota, LedgerKind.RECEIVED, 2000, wita(2026, 1, 30, 9)),  # before February: opening stock
        (kota, LedgerKind.ISSUED, 15, wita(2026, 1, 31, 10)),
        (kota, LedgerKind.RECEIVED, 500, wita(2026, 2, 1, 0, 0)),  # the first moment of February counts in it
        (kota, LedgerKind.RECEIVED, -20, wita(2026, 2, 2, 9)),  # a receipt counted too high, corrected
        (kota, LedgerKind.ISSUED, 40, wita(2026, 2, 10, 11)),
        (kota, LedgerKind.SPOILED, 3, wita(2026, 2, 11, 11)),
        (kota, LedgerKind.OLD_CARD, 7, wita(2026, 2, 12, 11)),  # old cards are not blanks: no effect on stock
        (kota, LedgerKind.RETURNED, 3, wita(2026, 2, 27, 15)),  # returned for destruction: already out of stock
        (kota, LedgerKind.ISSUED, 4, wita(2026, 2, 28, 23, 59)),
        (kota, LedgerKind.ISSUED, 9, wita(2026, 3, 1, 0, 0)),  # March: after the period
        (utara, LedgerKind.RECEIVED, 2000, wita(2026, 2, 5, 9)),
        (kota, LedgerKind.TRANSFER_OUT, 10, wita(2026, 2, 20, 9)),  # confirmed by Utara: out of Kota, into Utara
        (utara, LedgerKind.TRANSFER_IN, 10, wita(2026, 2, 20, 9)),
    ]
    sequences = {}
    for office, kind, quantity, moment in book:
        sequences[office.pk] = sequences.get(office.pk, 0) + 1
        ledger_line(kecamatan=office, sequence=sequences[office.pk], kind=kind, quantity=quantity, at=moment, by=by)

    section = blank_cards(ReportScope(start=date(2026, 2, 1), end=date(2026, 2, 28)))
    rows = {row[0]: row[1:] for row in section.tables[0].rows}
    assert rows["Balikpapan Kota"] == [1985, 480, 44, 3, -10, 2408]
    assert rows["Balikpapan Utara"] == [0, 2000, 0, 0, 10, 2010]
    assert rows["Balikpapan Barat"] == [0, 0, 0, 0, 0, 0]
    assert rows["Jumlah"] == [1985, 2480, 44, 3, 0, 4418]
    assert section.tables[0].columns[1:] == [
        "Stok awal",
        "Diterima",
        "Dipakai (KTP-el dicetak)",
        "Rusak",
        "Pindah antarkecamatan (masuk − keluar)",
        "Stok akhir periode",
    ]

    only_kota = blank_cards(ReportScope(start=date(2026, 2, 1), end=date(2026, 2, 28), kecamatan_id=kota.pk))
    assert only_kota.tables[0].rows == [["Balikpapan Kota", 1985, 480, 44, 3, -10, 2408]]
    assert only_kota.charts[0].bars == [("Balikpapan Kota", 2408)]
