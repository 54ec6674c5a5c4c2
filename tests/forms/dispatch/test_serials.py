"""Every blank accounted for by its serial: receipts by range, prints and spoilage by serial, transfers, returns."""

import datetime
import random

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.test import Client
from wagtail.models import ModelLogEntry

from forms.constants import ApplicationStatus
from forms.dispatch.constants import LedgerKind, SerialState, TransferStatus
from forms.dispatch.models import BlankLedgerEntry, BlankSerial, BlankTransfer, LedgerCheck
from forms.dispatch.selectors import (
    ledger_chain_breaks,
    returnable_entries,
    serial_whereabouts,
    stock_figures,
    unused_serial_count,
    unused_serials,
)
from forms.dispatch.serials import SerialRange, serial_ranges_parse
from forms.dispatch.services import (
    blank_serials_name,
    blank_spoil,
    blanks_receive,
    blanks_transfer_confirm,
    blanks_transfer_refuse,
    blanks_transfer_send,
    card_print,
    card_print_failed,
    ledger_correct,
    manifest_confirm,
    manifest_prepare,
)
from services.models import Kecamatan

from .conftest import approved_for_print, serial_range, stock_up, unused

pytestmark = pytest.mark.django_db


@pytest.fixture
def utara():
    return Kecamatan.objects.get(name="Balikpapan Utara")


def _receive(staff, kecamatan, text, by=None):
    return blanks_receive(
        kecamatan=kecamatan,
        by=by or staff["operator"],
        serial_ranges=serial_ranges_parse(text),
        shipment_date=datetime.date.today(),
        sender="Disdukcapil",
    )


def _book_state(*kecamatan):
    return [
        (
            list(BlankLedgerEntry.objects.filter(kecamatan=office).values_list("sequence", "entry_hash")),
            sorted(BlankSerial.objects.filter(kecamatan=office).values_list("serial", "state")),
            stock_figures(kecamatan_id=office.pk),
        )
        for office in kecamatan
    ]


def test_ranges_are_read_one_per_line_with_an_optional_prefix():
    ranges = serial_ranges_parse("0012001-0012010\nKTP 0000001 - KTP 0000005\n\nktp0000009")
    assert [str(r) for r in ranges] == ["0012001–0012010", "KTP0000001–KTP0000005", "KTP0000009–KTP0000009"]
    assert sum(len(r) for r in ranges) == 16
    for bad in ("0012010-0012001", "12-ab", "0000001-0000010\n0000005-0000006", ""):
        with pytest.raises(ValidationError):
            serial_ranges_parse(bad)


def test_a_receipt_records_its_ranges_in_the_hash_chain_and_adds_each_serial(staff, kota):
    entry = _receive(staff, kota, "KTP 0012001-0012010\n0500001-0500005")
    assert entry.quantity == 15
    assert entry.serial_ranges == [["KTP", "0012001", "0012010"], ["", "0500001", "0500005"]]
    assert '"serial_ranges"' in entry.chain_payload()
    assert unused_serial_count(kecamatan_id=kota.pk) == 15 == stock_figures(kecamatan_id=kota.pk).on_hand
    # A second receipt that names a serial already in a book is refused whole.
    with pytest.raises(ValidationError, match="KTP0012010"):
        _receive(staff, kota, "KTP0012010-KTP0012020")
    assert BlankLedgerEntry.objects.count() == 1
    # The count typed must match the ranges.
    with pytest.raises(ValidationError) as refused:
        blanks_receive(
            kecamatan=kota,
            by=staff["operator"],
            serial_ranges=[serial_range(10)],
            quantity=11,
            shipment_date=datetime.date.today(),
            sender="Disdukcapil",
        )
    assert "quantity" in refused.value.message_dict


def test_a_changed_serial_range_breaks_the_chain(staff, kota):
    entry = _receive(staff, kota, "0012001-0012010")
    entry.serial_ranges = [["", "0012001", "0012011"]]
    assert entry.compute_hash() != entry.entry_hash


def test_a_print_with_a_serial_not_usable_here_is_refused_with_the_reason_and_nothing_changes(staff, kota, utara):
    _receive(staff, kota, "0000001-0000010")
    _receive(staff, utara, "0000101-0000105", by=staff["operator_elsewhere"])
    first, second, waiting = approved_for_print(staff), approved_for_print(staff), approved_for_print(staff)
    card_print(application=first, by=staff["operator"], card_serial="0000001")
    blank_spoil(kecamatan=kota, by=staff["operator"], reason="Tergores", card_serial="0000002")
    issued_on = datetime.date.today().strftime("%d-%m-%Y")
    cases = {
        "9999999": "Blanko 9999999 tidak ada di stok",
        "0000001": f"Blanko 0000001 sudah dikeluarkan pada {issued_on} untuk {first.tracking_number}",
        "0000002": "Blanko 0000002 tercatat rusak",
        "0000101": "Blanko 0000101 ada di stok Kecamatan Balikpapan Utara",
    }
    before = _book_state(kota, utara)
    for serial, message in cases.items():
        for application in (second, waiting):
            with pytest.raises(ValidationError) as refused:
                card_print(application=application, by=staff["operator"], card_serial=serial)
            assert message in " ".join(refused.value.messages), serial
    # A spoiled blank names its serial too, and is refused on the same grounds.
    with pytest.raises(ValidationError, match="sudah dikeluarkan"):
        card_print_failed(application=second, by=staff["operator"], reason="Macet", card_serial="0000001")
    with pytest.raises(ValidationError):
        blank_spoil(kecamatan=kota, by=staff["operator"], reason="Tergores", card_serial="")
    assert _book_state(kota, utara) == before
    second.refresh_from_db()
    assert second.status == ApplicationStatus.PRINT_APPROVED
    # A scanner's or a person's spacing and case do not matter.
    card_print(application=second, by=staff["operator"], card_serial=" 000 0003 ")
    assert BlankSerial.objects.get(serial="0000003").state == SerialState.ISSUED


def test_the_print_screen_refuses_a_bad_serial_with_its_reason(staff, kota):
    _receive(staff, kota, "0000001-0000003")
    application = approved_for_print(staff)
    client = Client()
    client.force_login(staff["operator"])
    response = client.post(
        f"/admin/cetak/{kota.pk}/",
        {"action": "print", "application": application.pk, "print-card_serial": "0000009"},
        follow=True,
    )
    assert "Blanko 0000009 tidak ada di stok" in response.content.decode()
    response = client.post(
        f"/admin/cetak/{kota.pk}/",
        {"action": "print", "application": application.pk, "print-card_serial": ""},
        follow=True,
    )
    application.refresh_from_db()
    assert application.status == ApplicationStatus.PRINT_APPROVED and not BlankLedgerEntry.objects.filter(
        kind=LedgerKind.ISSUED
    )


def test_a_transfer_moves_stock_only_when_the_receiver_confirms_and_both_books_show_it(staff, kota, utara):
    _receive(staff, kota, "0000001-0000010")
    transfer = blanks_transfer_send(
        from_kecamatan=kota, to_kecamatan=utara, by=staff["operator"], serial_ranges=serial_ranges_parse("0000006-10")
    )
    # Sent, not yet confirmed: the sender's stock is unchanged, but the blanks on the way cannot be printed.
    assert stock_figures(kecamatan_id=kota.pk).on_hand == 10 and stock_figures(kecamatan_id=utara.pk).on_hand == 0
    with pytest.raises(ValidationError, match="dalam pengiriman ke Kecamatan Balikpapan Utara"):
        card_print(application=approved_for_print(staff), by=staff["operator"], card_serial="0000007")
    # Only the receiving office confirms.
    with pytest.raises(Exception):  # noqa: B017, PT011 - PermissionDenied
        blanks_transfer_confirm(transfer=transfer, by=staff["operator"])
    blanks_transfer_confirm(transfer=transfer, by=staff["operator_elsewhere"])
    assert stock_figures(kecamatan_id=kota.pk).on_hand == 5 == unused_serial_count(kecamatan_id=kota.pk)
    assert stock_figures(kecamatan_id=utara.pk).on_hand == 5 == unused_serial_count(kecamatan_id=utara.pk)
    out = BlankLedgerEntry.objects.get(kecamatan=kota, kind=LedgerKind.TRANSFER_OUT)
    into = BlankLedgerEntry.objects.get(kecamatan=utara, kind=LedgerKind.TRANSFER_IN)
    assert out.transfer == into.transfer == transfer and out.serial_ranges == [["", "0000006", "0000010"]]
    assert ledger_chain_breaks(kecamatan_id=kota.pk) == ledger_chain_breaks(kecamatan_id=utara.pk) == []
    with pytest.raises(ValidationError):
        blanks_transfer_confirm(transfer=transfer, by=staff["operator_elsewhere"])
    for user, office in ((staff["operator"], kota), (staff["operator_elsewhere"], utara)):
        client = Client()
        client.force_login(user)
        page = client.get(f"/admin/cetak/{office.pk}/blanko/").content.decode()
        assert "0000006–0000010" in page and "Diterima" in page
    # The blank now prints at Utara, under Utara's name.
    printed = approved_for_print(staff)
    with pytest.raises(ValidationError, match="di stok Kecamatan Balikpapan Utara"):
        card_print(application=printed, by=staff["operator"], card_serial="0000006")


def test_a_refused_transfer_leaves_both_books_as_they_were(staff, kota, utara):
    _receive(staff, kota, "0000001-0000010")
    before = _book_state(kota, utara)
    transfer = blanks_transfer_send(
        from_kecamatan=kota, to_kecamatan=utara, by=staff["operator"], serial_ranges=serial_ranges_parse("0000001-5")
    )
    with pytest.raises(ValidationError):
        blanks_transfer_refuse(transfer=transfer, by=staff["operator_elsewhere"], reason=" ")
    blanks_transfer_refuse(transfer=transfer, by=staff["operator_elsewhere"], reason="Tidak diminta")
    assert _book_state(kota, utara) == before
    transfer.refresh_from_db()
    assert transfer.status == TransferStatus.REFUSED
    assert not BlankSerial.objects.filter(pending_transfer__isnull=False).exists()
    card_print(application=approved_for_print(staff), by=staff["operator"], card_serial="0000001")
    assert ModelLogEntry.objects.filter(action="dispatch.transfer_refuse").count() == 1
    # A serial not in the sender's stock is refused before anything is recorded.
    with pytest.raises(ValidationError):
        blanks_transfer_send(
            from_kecamatan=kota, to_kecamatan=utara, by=staff["operator"], serial_ranges=serial_ranges_parse("0000001")
        )
    assert BlankTransfer.objects.count() == 1


def test_a_receipt_corrected_down_withdraws_named_unused_serials_only(staff, kota):
    receipt = _receive(staff, kota, "0000001-0000010")
    card_print(application=approved_for_print(staff), by=staff["operator"], card_serial="0000010")
    with pytest.raises(ValidationError):
        ledger_correct(
            entry=receipt,
            by=staff["operator"],
            quantity_delta=-2,
            reason="Salah hitung",
            serial_ranges=serial_ranges_parse("0000009-0000010"),
        )
    with pytest.raises(ValidationError):
        ledger_correct(entry=receipt, by=staff["operator"], quantity_delta=-2, reason="Salah hitung")
    ledger_correct(
        entry=receipt,
        by=staff["operator"],
        quantity_delta=-2,
        reason="Salah hitung",
        serial_ranges=serial_ranges_parse("0000008-0000009"),
    )
    assert stock_figures(kecamatan_id=kota.pk).on_hand == 7 == unused_serial_count(kecamatan_id=kota.pk)
    with pytest.raises(ValidationError, match="tidak ada di stok"):
        card_print(application=approved_for_print(staff), by=staff["operator"], card_serial="0000008")


def test_the_weekly_return_lists_each_serial_and_the_office_checks_each_off(staff, kota):
    _receive(staff, kota, "0000001-0000010")
    application = approved_for_print(staff)
    card_print_failed(application=application, by=staff["operator"], reason="Macet", card_serial="0000004")
    blank_spoil(kecamatan=kota, by=staff["operator"], reason="Tergores", card_serial="0000005")
    manifest = manifest_prepare(kecamatan=kota, by=staff["operator"])
    assert [line.entry.card_serial for line in manifest.lines.all()] == ["0000004", "0000005"]
    client = Client()
    client.force_login(staff["siak_admin"])
    page = client.get(f"/admin/cetak/berita-acara/{manifest.pk}/").content.decode()
    assert 'name="arrived"' in page and "0000004" in page and "0000005" in page
    with pytest.raises(ValidationError):
        manifest_confirm(manifest=manifest, by=staff["siak_admin"], arrived_line_ids=[])
    first_line = manifest.lines.get(entry__card_serial="0000004")
    client.post(f"/admin/cetak/berita-acara/{manifest.pk}/", {"arrived": [first_line.pk]})
    manifest.refresh_from_db()
    assert manifest.confirmed_at is not None
    assert dict(manifest.lines.values_list("entry__card_serial", "arrived")) == {"0000004": True, "0000005": False}
    assert ModelLogEntry.objects.get(action="dispatch.manifest_confirm").data["missing"] == ["0000005"]
    found = serial_whereabouts(serial="0000005")
    assert [step.what for step in found.steps][-1] == "Tidak ada di kantor dinas"
    found = serial_whereabouts(serial="0000004")
    assert [step.what for step in found.steps] == [
        "Diterima dari dinas",
        "Blanko rusak · Gagal cetak",
        "Dikembalikan ke dinas untuk dimusnahkan",
        "Dicentang di kantor dinas",
    ]
    assert found.steps[1].detail == application.tracking_number and found.steps[-1].by == "admin.siak"


def test_the_book_page_answers_where_a_serial_is(staff, kota):
    _receive(staff, kota, "0000001-0000003")
    application = approved_for_print(staff)
    card_print(application=application, by=staff["operator"], card_serial="0000002")
    client = Client()
    client.force_login(staff["operator"])
    page = client.get(f"/admin/cetak/{kota.pk}/blanko/", {"serial": "0000002"}).content.decode()
    assert "serial-history" in page and application.tracking_number in page and "Dipakai: kartu dicetak" in page
    page = client.get(f"/admin/cetak/{kota.pk}/blanko/", {"serial": "7777777"}).content.decode()
    assert "Tidak ada buku blanko" in page
    # Another kecamatan's operator does not read this book's blanks.
    other = Client()
    other.force_login(staff["operator_elsewhere"])
    utara = Kecamatan.objects.get(name="Balikpapan Utara")
    page = other.get(f"/admin/cetak/{utara.pk}/blanko/", {"serial": "0000002"}).content.decode()
    assert application.tracking_number not in page


def test_ledger_verify_compares_unused_serials_with_the_stock(staff, kota):
    stock_up(staff, kota, 10)
    call_command("ledger_verify", verbosity=0)
    check = LedgerCheck.objects.get(kecamatan=kota)
    assert (check.stock, check.unused_serials, check.serials_match) == (10, 10, True)
    # A numbered blank marked issued behind the book's back shows as a difference.
    BlankSerial.objects.filter(serial=unused(kota)[0]).update(state=SerialState.ISSUED)
    call_command("ledger_verify", verbosity=0)
    check.refresh_from_db()
    assert (check.stock, check.unused_serials, check.serials_match) == (10, 9, False)


def test_a_generated_month_keeps_unused_serials_equal_to_the_stock_and_answers_where_each_serial_is(staff, kota, utara):
    rng = random.Random(18)
    offices = {kota.pk: (kota, staff["operator"]), utara.pk: (utara, staff["operator_elsewhere"])}
    next_serial = iter(range(3_000_001, 4_000_000))
    expected: dict[str, tuple] = {}  # serial -> (kecamatan_id, state, tracking number or "")
    for week in range(4):
        for pk, (office, operator) in offices.items():
            first = next(next_serial)
            for _ in range(39):
                next(next_serial)
            blanks_receive(
                kecamatan=office,
                by=operator,
                serial_ranges=[SerialRange("BLK", first, first + 39, 7)],
                shipment_date=datetime.date.today(),
                sender="Disdukcapil",
            )
            for number in range(first, first + 40):
                expected[f"BLK{number:07d}"] = (pk, SerialState.IN_STOCK, "")
        for _day in range(5):
            for pk, (office, operator) in offices.items():
                for _ in range(rng.randint(2, 5)):
                    free = sorted(s for s, (k, st, _t) in expected.items() if k == pk and st == SerialState.IN_STOCK)
                    serial = rng.choice(free)
                    if rng.random() < 0.15:
                        blank_spoil(kecamatan=office, by=operator, reason="Rusak", card_serial=serial)
                        expected[serial] = (pk, SerialState.SPOILED, "")
                    else:
                        # Print with an operator of the application's kecamatan (every test application is Kota's).
                        if pk != kota.pk:
                            blank_spoil(kecamatan=office, by=operator, reason="Gagal", card_serial=serial)
                            expected[serial] = (pk, SerialState.SPOILED, "")
                            continue
                        application = approved_for_print(staff)
                        card_print(application=application, by=operator, card_serial=serial)
                        expected[serial] = (pk, SerialState.ISSUED, application.tracking_number)
        # A weekly transfer of five blanks from Kota to Utara, confirmed; every other week one refused too.
        free = sorted(s for s, (k, st, _t) in expected.items() if k == kota.pk and st == SerialState.IN_STOCK)[:5]
        transfer = blanks_transfer_send(
            from_kecamatan=kota,
            to_kecamatan=utara,
            by=staff["operator"],
            serial_ranges=[SerialRange("BLK", int(s[3:]), int(s[3:]), 7) for s in free],
        )
        blanks_transfer_confirm(transfer=transfer, by=staff["operator_elsewhere"])
        for serial in free:
            expected[serial] = (utara.pk, SerialState.IN_STOCK, "")
        if week % 2:
            spare = sorted(s for s, (k, st, _t) in expected.items() if k == kota.pk and st == SerialState.IN_STOCK)
            refused = blanks_transfer_send(
                from_kecamatan=kota,
                to_kecamatan=utara,
                by=staff["operator"],
                serial_ranges=[SerialRange("BLK", int(spare[0][3:]), int(spare[0][3:]), 7)],
            )
            blanks_transfer_refuse(transfer=refused, by=staff["operator_elsewhere"], reason="Tidak perlu")
        for pk, (office, operator) in offices.items():
            if returnable_entries(kecamatan=office).exists():
                manifest = manifest_prepare(kecamatan=office, by=operator)
                manifest_confirm(
                    manifest=manifest,
                    by=staff["siak_admin"],
                    arrived_line_ids=manifest.lines.values_list("pk", flat=True),
                )
            # The invariant holds at the end of every week, not only at the end of the month.
            assert unused_serial_count(kecamatan_id=pk) == stock_figures(kecamatan_id=pk).on_hand

    for pk in offices:
        expected_unused = {s for s, (k, st, _t) in expected.items() if k == pk and st == SerialState.IN_STOCK}
        assert set(unused_serials(kecamatan_id=pk)) == expected_unused
        assert len(expected_unused) == stock_figures(kecamatan_id=pk).on_hand
        assert ledger_chain_breaks(kecamatan_id=pk) == []
    call_command("ledger_verify", verbosity=0)
    assert all(check.serials_match for check in LedgerCheck.objects.all())

    for serial in rng.sample(sorted(expected), 100):
        kecamatan_id, state, tracking_number = expected[serial]
        found = serial_whereabouts(serial=serial)
        assert (found.blank.kecamatan_id, found.blank.state) == (kecamatan_id, state), serial
        whats = [step.what for step in found.steps]
        assert whats[0] == "Diterima dari dinas"
        if state == SerialState.ISSUED:
            assert found.steps[-1].detail == tracking_number and whats[-1] == "Dipakai: kartu dicetak"
        elif state == SerialState.SPOILED:
            assert whats[-3:-1] == ["Blanko rusak · Blanko rusak fisik", "Dikembalikan ke dinas untuk dimusnahkan"]
            assert whats[-1] == "Dicentang di kantor dinas"
        moved = found.blank.transfers.filter(status=TransferStatus.CONFIRMED).exists()
        assert moved == (kecamatan_id == utara.pk and found.blank.received_entry.kecamatan_id == kota.pk)


def test_blanks_received_before_serial_custody_get_their_serials_without_changing_the_stock(staff, kota):
    # A receipt as the book recorded it before serials: a count only.
    BlankLedgerEntry(
        kecamatan=kota, sequence=1, kind=LedgerKind.RECEIVED, quantity=10, recorded_by=staff["operator"]
    ).save()
    application = approved_for_print(staff)
    with pytest.raises(ValidationError, match="tidak ada di stok"):
        card_print(application=application, by=staff["operator"], card_serial="0000001")
    with pytest.raises(ValidationError, match="belum memiliki nomor seri"):
        card_print(application=application, by=staff["operator"])
    client = Client()
    client.force_login(staff["operator"])
    assert (
        "10 blanko di stok belum memiliki nomor seri" in client.get(f"/admin/cetak/{kota.pk}/blanko/").content.decode()
    )
    with pytest.raises(ValidationError):
        blank_serials_name(kecamatan=kota, by=staff["operator"], serial_ranges=serial_ranges_parse("0000001-0000011"))
    client.post(
        f"/admin/cetak/{kota.pk}/blanko/",
        {"action": "name_serials", "name_serials-serial_ranges": "0000001-0000010"},
    )
    assert stock_figures(kecamatan_id=kota.pk).on_hand == 10 == unused_serial_count(kecamatan_id=kota.pk)
    card_print(application=application, by=staff["operator"], card_serial="0000001")
    assert serial_whereabouts(serial="0000001").steps[0].what == "Nomor seri dicatat untuk blanko yang sudah di stok"
    assert ledger_chain_breaks(kecamatan_id=kota.pk) == []
