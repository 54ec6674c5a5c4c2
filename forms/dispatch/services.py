"""State changes of print dispatch: every blank received, printed, spoiled or returned goes through here."""

import logging
from datetime import date, datetime, timedelta

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.log_actions import log

from forms.constants import ApplicationStatus, StaffRole
from forms.intake.validators import validate_nik
from forms.messaging.messenger import message_send_staff
from forms.models import Application
from forms.office.clock import office_day_start
from forms.office.roles import user_roles
from forms.office.scope import user_may_act_at
from forms.review.transitions import application_transition
from services.models import Kecamatan

from .constants import LedgerKind, SerialState, ShipmentMethod, SpoilReason, TransferStatus
from .messages import CHAIN_BROKEN, LOW_STOCK
from .models import (
    BlankLedgerEntry,
    BlankSerial,
    BlankStockSettings,
    BlankTransfer,
    HandOver,
    LedgerCheck,
    ManifestLine,
    RestockRequest,
    ReturnManifest,
)
from .notifications import notify_restock_request
from .selectors import (
    ledger_chain_breaks,
    ledger_head,
    ledger_head_unchanged,
    low_stock_threshold,
    returnable_entries,
    stock_figures,
    stock_outlook,
    unused_serial_count,
)
from .serials import SerialRange, serial_normalise, serials_overlap_check

logger = logging.getLogger(__name__)

# Who confirms that a weekly return arrived at the office, and who hears that stock runs low.
OFFICE_ROLES = {StaffRole.SIAK_ADMIN, StaffRole.SECTION_HEAD}


NO_BLANKS_TO_PRINT = gettext_lazy("No blank cards left at %(kecamatan)s. Record the next shipment before printing.")


class OutOfStock(ValidationError):
    """No blank left at this kecamatan; nothing was printed or recorded."""


def _require_operator_of(user, kecamatan_id):
    """Only an operator of this kecamatan works its stock and its counter."""
    if not user_may_act_at(user, kecamatan_id):
        raise PermissionDenied


def _lock_office(kecamatan_id) -> Kecamatan:
    # One row lock per kecamatan serialises every stock movement there: the sum read next cannot go stale.
    return Kecamatan.objects.select_for_update().get(pk=kecamatan_id)


def _append(*, kecamatan, kind, quantity, by, **fields) -> BlankLedgerEntry:
    """Add a line to the kecamatan's book; the caller holds the kecamatan lock."""
    last = BlankLedgerEntry.objects.filter(kecamatan=kecamatan).order_by("-sequence").first()
    entry = BlankLedgerEntry(
        kecamatan=kecamatan,
        sequence=(last.sequence + 1) if last else 1,
        previous_hash=last.entry_hash if last else "",
        kind=kind,
        quantity=quantity,
        recorded_by=by,
        **fields,
    )
    entry.save()
    log(instance=entry, action=f"dispatch.{kind}", user=by, data={"quantity": quantity, "sequence": entry.sequence})
    return entry


def _office_role_emails() -> list[str]:
    """The SIAK administrators and heads of unit, who answer for the blank-card stock."""
    return list(
        get_user_model()
        .objects.filter(groups__name__in=list(OFFICE_ROLES), is_active=True)
        .exclude(email="")
        .values_list("email", flat=True)
        .distinct()
    )


def _alert_if_low(*, kecamatan, before: int, after: int) -> None:
    """E-mail the SIAK administrators and heads of unit once, when the stock crosses the threshold."""
    threshold = low_stock_threshold()
    if not (before > threshold >= after):
        return
    recipients = _office_role_emails()
    if not recipients:
        return
    context = {"kecamatan": kecamatan, "stock": after, "threshold": threshold}
    message_send_staff(kind=LOW_STOCK.key, emails=recipients, context=context, about=kecamatan)


def _serials_add(*, entry, ranges: list[SerialRange]) -> int:
    """New numbered blanks in stock at the entry's kecamatan; a serial already in any book is refused."""
    serials = [serial for serial_range in ranges for serial in serial_range.serials()]
    known = list(BlankSerial.objects.filter(serial__in=serials).values_list("serial", flat=True)[:5])
    if known:
        raise ValidationError(
            {
                "serial_ranges": _("These serials are already in a blank-card book: %(serials)s.")
                % {"serials": ", ".join(known)}
            },
            code="serial_known",
        )
    BlankSerial.objects.bulk_create(
        (BlankSerial(serial=serial, kecamatan_id=entry.kecamatan_id, received_entry=entry) for serial in serials),
        batch_size=2000,
    )
    return len(serials)


def _stored(ranges: list[SerialRange]) -> list[list[str]]:
    return [serial_range.stored() for serial_range in ranges]


@transaction.atomic
def blanks_receive(
    *,
    kecamatan,
    by,
    serial_ranges: list[SerialRange],
    shipment_date: date,
    sender: str,
    quantity: int | None = None,
    shipment_method: str = ShipmentMethod.DIRECT,
    note: str = "",
) -> BlankLedgerEntry:
    """Record a shipment of blanks from the office, as counted on arrival, with the serial ranges it brought."""
    _require_operator_of(by, kecamatan.pk)
    if not serial_ranges:
        raise ValidationError({"serial_ranges": _("Enter the serial numbers of the blanks: one range per line.")})
    serials_overlap_check(serial_ranges)
    counted = sum(len(serial_range) for serial_range in serial_ranges)
    if quantity is not None and quantity != counted:
        raise ValidationError(
            {
                "quantity": _("The ranges hold %(counted)s blanks, not %(quantity)s. Count again.")
                % {"counted": counted, "quantity": quantity}
            }
        )
    if shipment_date > timezone.localdate():
        raise ValidationError({"shipment_date": _("The shipment date cannot be in the future.")})
    if not sender.strip():
        raise ValidationError({"sender": _("Enter who sent the shipment.")})
    office = _lock_office(kecamatan.pk)
    entry = _append(
        kecamatan=office,
        kind=LedgerKind.RECEIVED,
        quantity=counted,
        by=by,
        shipment_date=shipment_date,
        sender=sender.strip(),
        shipment_method=shipment_method,
        reason=note.strip(),
        serial_ranges=_stored(serial_ranges),
    )
    _serials_add(entry=entry, ranges=serial_ranges)
    restock_request_answer(kecamatan=office, entry=entry)
    return entry


@transaction.atomic
def blank_serials_name(*, kecamatan, by, serial_ranges: list[SerialRange], note: str = "") -> BlankLedgerEntry:
    """Blanks received before the book kept serials get their numbers, read off the blanks on the shelf: a book
    line names the ranges and the stock stays as it was. Never more than the blanks still without a number."""
    _require_operator_of(by, kecamatan.pk)
    if not serial_ranges:
        raise ValidationError({"serial_ranges": _("Enter the serial numbers of the blanks: one range per line.")})
    serials_overlap_check(serial_ranges)
    office = _lock_office(kecamatan.pk)
    unnamed = stock_figures(kecamatan_id=office.pk).on_hand - unused_serial_count(kecamatan_id=office.pk)
    counted = sum(len(serial_range) for serial_range in serial_ranges)
    if counted > unnamed:
        raise ValidationError(
            {
                "serial_ranges": _(
                    "Only %(unnamed)s blanks in stock have no serial in the book; the ranges hold %(counted)s."
                )
                % {"unnamed": max(unnamed, 0), "counted": counted}
            }
        )
    entry = _append(
        kecamatan=office,
        kind=LedgerKind.SERIALS_NAMED,
        quantity=counted,
        by=by,
        reason=note.strip(),
        serial_ranges=_stored(serial_ranges),
    )
    _serials_add(entry=entry, ranges=serial_ranges)
    return entry


def serial_refusal(*, kecamatan, serial: str) -> str | None:
    """Why this blank cannot be printed or spoiled at this kecamatan now, or None when it is unused in its stock."""
    found = (
        BlankSerial.objects.select_related("kecamatan", "used_entry__application", "pending_transfer__to_kecamatan")
        .filter(serial=serial)
        .first()
    )
    if found is None or found.state == SerialState.WITHDRAWN:
        return _("Blank %(serial)s is not in stock: no receipt in any book names it.") % {"serial": serial}
    if found.state == SerialState.ISSUED:
        used = found.used_entry
        return _("Blank %(serial)s was already issued on %(date)s to %(number)s.") % {
            "serial": serial,
            "date": timezone.localtime(used.recorded_at).strftime("%d-%m-%Y"),
            "number": used.application.tracking_number if used.application_id else "–",
        }
    if found.state == SerialState.SPOILED:
        return _("Blank %(serial)s was recorded as spoiled on %(date)s.") % {
            "serial": serial,
            "date": timezone.localtime(found.used_entry.recorded_at).strftime("%d-%m-%Y"),
        }
    if found.kecamatan_id != kecamatan.pk:
        return _("Blank %(serial)s is in the stock of Kecamatan %(other)s, not this one.") % {
            "serial": serial,
            "other": found.kecamatan.name,
        }
    if found.pending_transfer_id:
        return _("Blank %(serial)s is on a transfer to Kecamatan %(other)s waiting for confirmation.") % {
            "serial": serial,
            "other": found.pending_transfer.to_kecamatan.name,
        }
    return None


def _serial_take(*, office, card_serial: str | None) -> BlankSerial:
    """The blank named, checked, or with None the lowest unused serial; the caller holds the kecamatan lock."""
    if card_serial is None:
        free = (
            BlankSerial.objects.select_for_update()
            .filter(kecamatan=office, state=SerialState.IN_STOCK, pending_transfer__isnull=True)
            .order_by("serial")
            .first()
        )
        if free is None:
            # The book counts blanks, but none has a serial: they came before serial custody.
            raise ValidationError(
                _("The blanks in stock have no serial in the book yet. Record their serials on the book page first."),
                code="serials_unnamed",
            )
        return free
    serial = serial_normalise(card_serial)
    if not serial:
        raise ValidationError({"card_serial": _("Scan or type the serial number printed on the blank.")})
    refusal = serial_refusal(kecamatan=office, serial=serial)
    if refusal:
        raise ValidationError({"card_serial": refusal}, code="serial_refused")
    return BlankSerial.objects.select_for_update().get(serial=serial)


@transaction.atomic
def card_print(*, application, by, card_serial: str | None = None) -> Application:
    """The card came out of the printer on the blank named by its serial (None: the lowest unused one, for a batch
    run); one blank is issued and the application is ready for the citizen."""
    _require_operator_of(by, application.kecamatan_id)
    office = _lock_office(application.kecamatan_id)
    locked = Application.objects.select_for_update().get(pk=application.pk)
    if locked.status != ApplicationStatus.PRINT_APPROVED:
        # The Verifikator's approval is the gate (Lampiran I): without it, or once printed, nothing prints.
        raise ValidationError(
            _("This card cannot be printed: it is “%(status)s”, not approved for printing."),
            code="not_approved",
            params={"status": locked.get_status_display()},
        )
    _use_one_blank(
        office=office,
        by=by,
        kind=LedgerKind.ISSUED,
        out_of_stock_message=NO_BLANKS_TO_PRINT,
        application=locked,
        card_serial=card_serial,
    )
    return application_transition(
        application=locked, action="print", by=by, expected_status=ApplicationStatus.PRINT_APPROVED
    )


def _use_one_blank(*, office, by, kind, out_of_stock_message, card_serial, **fields) -> BlankLedgerEntry:
    """One numbered blank printed or spoiled; the caller holds the kecamatan lock, so the stock read cannot go
    stale and no two prints can take the same serial."""
    stock = stock_figures(kecamatan_id=office.pk).on_hand
    if stock <= 0:
        raise OutOfStock(out_of_stock_message, code="out_of_stock", params={"kecamatan": office.name})
    blank = _serial_take(office=office, card_serial=card_serial)
    entry = _append(kecamatan=office, kind=kind, quantity=1, by=by, card_serial=blank.serial, **fields)
    blank.state = SerialState.ISSUED if kind == LedgerKind.ISSUED else SerialState.SPOILED
    blank.used_entry = entry
    blank.save(update_fields=["state", "used_entry"])
    _alert_if_low(kecamatan=office, before=stock, after=stock - 1)
    restock_request_if_short(kecamatan=office)
    return entry


@transaction.atomic
def card_print_failed(*, application, by, reason: str, card_serial: str) -> BlankLedgerEntry:
    """A failed print spoils a blank; the application stays in the queue to be printed again."""
    _require_operator_of(by, application.kecamatan_id)
    if not reason.strip():
        raise ValidationError({"reason": _("Say what went wrong with the print.")})
    office = _lock_office(application.kecamatan_id)
    locked = Application.objects.select_for_update().get(pk=application.pk)
    if locked.status != ApplicationStatus.PRINT_APPROVED:
        raise ValidationError(_("This card is not in the print queue."), code="not_in_queue")
    return _use_one_blank(
        office=office,
        by=by,
        kind=LedgerKind.SPOILED,
        out_of_stock_message=NO_BLANKS_TO_PRINT,
        application=locked,
        spoil_reason=SpoilReason.FAILED_PRINT,
        reason=reason.strip(),
        card_serial=card_serial or "",
    )


@transaction.atomic
def blank_spoil(*, kecamatan, by, reason: str, card_serial: str) -> BlankLedgerEntry:
    """A blank found damaged before printing."""
    _require_operator_of(by, kecamatan.pk)
    if not reason.strip():
        raise ValidationError({"reason": _("Describe the damage.")})
    return _use_one_blank(
        office=_lock_office(kecamatan.pk),
        by=by,
        kind=LedgerKind.SPOILED,
        out_of_stock_message=_(
            "The book shows no blanks at %(kecamatan)s, so none can be spoiled. Correct the receipts first."
        ),
        spoil_reason=SpoilReason.DAMAGED,
        reason=reason.strip(),
        card_serial=card_serial or "",
    )


def _correction_serials(*, entry, office, quantity_delta: int, serial_ranges) -> list[BlankSerial] | None:
    """The numbered blanks a correction moves: a receipt corrected names the serials added or withdrawn; a spoiled
    blank corrected goes back to stock. Returns the existing blanks to change (None: new ones to add)."""
    if entry.kind == LedgerKind.OLD_CARD:
        return []
    if entry.kind == LedgerKind.SPOILED:
        if quantity_delta != -1 or entry.quantity != 1:
            raise ValidationError(
                {"quantity_delta": _("A spoiled blank is corrected by -1; record each other spoiled blank by serial.")}
            )
        blank = BlankSerial.objects.select_for_update().filter(used_entry=entry).first()
        if blank is not None and hasattr(entry, "manifest_line"):
            raise ValidationError(_("This blank is already on a return manifest."))
        return [blank] if blank else []
    if not serial_ranges:
        raise ValidationError({"serial_ranges": _("Name the serials the correction adds or withdraws.")})
    serials_overlap_check(serial_ranges)
    counted = sum(len(serial_range) for serial_range in serial_ranges)
    if counted != abs(quantity_delta):
        raise ValidationError(
            {
                "serial_ranges": _("The ranges hold %(counted)s blanks; the difference is %(delta)s.")
                % {"counted": counted, "delta": quantity_delta}
            }
        )
    if quantity_delta > 0:
        return None
    serials = [serial for serial_range in serial_ranges for serial in serial_range.serials()]
    blanks = list(
        BlankSerial.objects.select_for_update().filter(
            serial__in=serials,
            kecamatan=office,
            state=SerialState.IN_STOCK,
            pending_transfer__isnull=True,
            received_entry=entry,
        )
    )
    if len(blanks) != len(serials):
        missing = sorted(set(serials) - {blank.serial for blank in blanks})[:5]
        raise ValidationError(
            {
                "serial_ranges": _("Only unused blanks of this receipt can be withdrawn; not: %(serials)s.")
                % {"serials": ", ".join(missing)}
            }
        )
    return blanks


@transaction.atomic
def ledger_correct(
    *, entry, by, quantity_delta: int, reason: str, serial_ranges: list[SerialRange] | None = None
) -> BlankLedgerEntry:
    """A miscount is fixed by a new, reasoned line of the same kind; the wrong line stays as it was."""
    _require_operator_of(by, entry.kecamatan_id)
    if entry.kind not in (LedgerKind.RECEIVED, LedgerKind.SPOILED, LedgerKind.OLD_CARD):
        raise ValidationError(
            _("Issued cards and returns follow their applications and manifests; they are not corrected by hand.")
        )
    if entry.corrects_id:
        raise ValidationError(_("Correct the original entry, not a correction."))
    if not quantity_delta:
        raise ValidationError({"quantity_delta": _("Enter the difference, for example -10 or 5.")})
    if not reason.strip():
        raise ValidationError({"reason": _("Give the reason for the correction.")})
    office = _lock_office(entry.kecamatan_id)
    net = entry.quantity + sum(c.quantity for c in entry.corrections.all())
    if net + quantity_delta < 0:
        raise ValidationError({"quantity_delta": _("The corrected entry cannot fall below zero.")})
    before = stock_figures(kecamatan_id=office.pk).on_hand
    effect = quantity_delta if entry.kind == LedgerKind.RECEIVED else -quantity_delta
    if entry.kind != LedgerKind.OLD_CARD and before + effect < 0:
        raise ValidationError({"quantity_delta": _("The stock cannot go below zero.")})
    blanks = _correction_serials(entry=entry, office=office, quantity_delta=quantity_delta, serial_ranges=serial_ranges)
    correction = _append(
        kecamatan=office,
        kind=entry.kind,
        quantity=quantity_delta,
        by=by,
        corrects=entry,
        reason=reason.strip(),
        serial_ranges=_stored(serial_ranges or []) if entry.kind == LedgerKind.RECEIVED else [],
        card_serial=blanks[0].serial if entry.kind == LedgerKind.SPOILED and blanks else "",
    )
    if blanks is None:
        _serials_add(entry=correction, ranges=serial_ranges)
    for blank in blanks or []:
        if entry.kind == LedgerKind.RECEIVED:
            blank.state, blank.used_entry = SerialState.WITHDRAWN, None
        else:
            blank.state, blank.used_entry = SerialState.IN_STOCK, None
        blank.save(update_fields=["state", "used_entry"])
    if entry.kind != LedgerKind.OLD_CARD:
        _alert_if_low(kecamatan=office, before=before, after=before + effect)
    return correction


@transaction.atomic
def blanks_transfer_send(
    *, from_kecamatan, to_kecamatan, by, serial_ranges: list[SerialRange], note: str = ""
) -> BlankTransfer:
    """The sending office records blanks going to another kecamatan; they stay in its stock, unprintable, until
    the receiving office confirms or refuses."""
    _require_operator_of(by, from_kecamatan.pk)
    if from_kecamatan.pk == to_kecamatan.pk:
        raise ValidationError({"to_kecamatan": _("Choose another kecamatan.")})
    if not serial_ranges:
        raise ValidationError({"serial_ranges": _("Name the serials of the blanks sent.")})
    serials_overlap_check(serial_ranges)
    office = _lock_office(from_kecamatan.pk)
    serials = [serial for serial_range in serial_ranges for serial in serial_range.serials()]
    refusals = []
    for serial in serials:
        refusal = serial_refusal(kecamatan=office, serial=serial)
        if refusal:
            refusals.append(refusal)
        if len(refusals) >= 5:
            break
    if refusals:
        raise ValidationError({"serial_ranges": refusals}, code="serial_refused")
    transfer = BlankTransfer.objects.create(
        from_kecamatan=office,
        to_kecamatan=to_kecamatan,
        serial_ranges=_stored(serial_ranges),
        quantity=len(serials),
        note=note.strip(),
        sent_by=by,
    )
    blanks = BlankSerial.objects.filter(serial__in=serials)
    blanks.update(pending_transfer=transfer)
    transfer.serials.set(blanks)
    log(instance=transfer, action="dispatch.transfer_send", user=by, data={"quantity": transfer.quantity})
    return transfer


def _locked_pending_transfer(transfer, by) -> BlankTransfer:
    _require_operator_of(by, transfer.to_kecamatan_id)
    # Both offices in id order, so a transfer each way at once cannot deadlock.
    for pk in sorted([transfer.from_kecamatan_id, transfer.to_kecamatan_id]):
        _lock_office(pk)
    locked = (
        BlankTransfer.objects.select_for_update().select_related("from_kecamatan", "to_kecamatan").get(pk=transfer.pk)
    )
    if locked.status != TransferStatus.PENDING:
        raise ValidationError(
            _("This transfer is already “%(status)s”.") % {"status": locked.get_status_display()}, code="decided"
        )
    return locked


@transaction.atomic
def blanks_transfer_confirm(*, transfer, by) -> BlankTransfer:
    """The receiving office counted the blanks: both books record the move and the serials change kecamatan."""
    locked = _locked_pending_transfer(transfer, by)
    blanks = BlankSerial.objects.filter(pending_transfer=locked)
    if blanks.count() != locked.quantity:
        raise ValidationError(_("Some blanks of this transfer are no longer in the sender's stock."))
    common = {"quantity": locked.quantity, "by": by, "transfer": locked, "serial_ranges": locked.serial_ranges}
    _append(kecamatan=locked.from_kecamatan, kind=LedgerKind.TRANSFER_OUT, reason=locked.to_kecamatan.name, **common)
    _append(kecamatan=locked.to_kecamatan, kind=LedgerKind.TRANSFER_IN, reason=locked.from_kecamatan.name, **common)
    blanks.update(kecamatan=locked.to_kecamatan, pending_transfer=None)
    locked.status, locked.decided_by, locked.decided_at = TransferStatus.CONFIRMED, by, timezone.now()
    locked.save(update_fields=["status", "decided_by", "decided_at"])
    log(instance=locked, action="dispatch.transfer_confirm", user=by, data={"quantity": locked.quantity})
    restock_request_answer(kecamatan=locked.to_kecamatan, entry=None)
    return locked


@transaction.atomic
def blanks_transfer_refuse(*, transfer, by, reason: str) -> BlankTransfer:
    """The receiving office refuses the blanks: neither book changes, and the sender may print them again."""
    if not reason.strip():
        raise ValidationError({"reason": _("Give the reason for refusing the transfer.")})
    locked = _locked_pending_transfer(transfer, by)
    BlankSerial.objects.filter(pending_transfer=locked).update(pending_transfer=None)
    locked.status, locked.decided_by, locked.decided_at = TransferStatus.REFUSED, by, timezone.now()
    locked.refusal_reason = reason.strip()
    locked.save(update_fields=["status", "decided_by", "decided_at", "refusal_reason"])
    log(instance=locked, action="dispatch.transfer_refuse", user=by, data={"reason": locked.refusal_reason})
    return locked


def _hand_over_record(application, by) -> HandOver:
    record, _created = HandOver.objects.get_or_create(application=application, defaults={"recorded_by": by})
    return record


@transaction.atomic
def card_hand_over(
    *,
    application,
    by,
    collected_by_name: str,
    collector_nik: str = "",
    by_proxy: bool = False,
    power_of_attorney_checked: bool = False,
    old_card_taken: bool = False,
) -> Application:
    """The citizen, or someone with their power of attorney, collects the card at the counter."""
    _require_operator_of(by, application.kecamatan_id)
    errors = {}
    if not collected_by_name.strip():
        errors["collected_by_name"] = _("Enter the name of the person collecting the card.")
    if by_proxy:
        try:
            validate_nik(collector_nik)
        except ValidationError as error:
            errors["collector_nik"] = error.messages
        if not power_of_attorney_checked:
            errors["power_of_attorney_checked"] = _(
                "Someone else collects the card: check their power of attorney (surat kuasa) first."
            )
    if errors:
        raise ValidationError(errors)
    office = _lock_office(application.kecamatan_id)
    locked = Application.objects.select_for_update().get(pk=application.pk)
    locked = application_transition(
        application=locked, action="hand_over", by=by, expected_status=ApplicationStatus.READY_FOR_PICKUP
    )
    record = _hand_over_record(locked, by)
    record.collected_by_name = collected_by_name.strip()
    record.collector_nik = collector_nik if by_proxy else (locked.nik or "")
    record.by_proxy = by_proxy
    record.power_of_attorney_checked = power_of_attorney_checked
    record.old_card_taken = old_card_taken
    record.delivered_at = timezone.now()
    record.recorded_by = by
    record.save()
    if old_card_taken:
        # UU 24/2013: the old card goes back to the office for destruction with the weekly return.
        _append(kecamatan=office, kind=LedgerKind.OLD_CARD, quantity=1, by=by, application=locked)
    return locked


@transaction.atomic
def card_courier_dispatch(*, application, by, courier_name: str, courier_reference: str) -> Application:
    """The card leaves with a courier; its tracking reference lets the citizen and staff follow it."""
    _require_operator_of(by, application.kecamatan_id)
    errors = {}
    if not courier_name.strip():
        errors["courier_name"] = _("Enter the courier.")
    if not courier_reference.strip():
        errors["courier_reference"] = _("Enter the courier's tracking reference.")
    if errors:
        raise ValidationError(errors)
    locked = application_transition(
        application=application,
        action="courier_dispatch",
        by=by,
        expected_status=ApplicationStatus.READY_FOR_PICKUP,
        note=f"{courier_name.strip()} {courier_reference.strip()}",
    )
    record = _hand_over_record(locked, by)
    record.courier_name = courier_name.strip()
    record.courier_reference = courier_reference.strip()
    record.dispatched_at = timezone.now()
    record.save()
    return locked


@transaction.atomic
def card_courier_deliver(*, application, by, received_by_name: str) -> Application:
    """The courier reports the card delivered to the citizen."""
    _require_operator_of(by, application.kecamatan_id)
    if not received_by_name.strip():
        raise ValidationError({"received_by_name": _("Enter who received the card, as the courier reports it.")})
    locked = application_transition(
        application=application, action="courier_deliver", by=by, expected_status=ApplicationStatus.IN_DELIVERY
    )
    record = _hand_over_record(locked, by)
    record.collected_by_name = received_by_name.strip()
    record.delivered_at = timezone.now()
    record.save()
    return locked


@transaction.atomic
def manifest_prepare(*, kecamatan, by, period_end: date | None = None) -> ReturnManifest:
    """The weekly berita acara: every spoiled blank and old card not yet returned, up to the end of the day given."""
    _require_operator_of(by, kecamatan.pk)
    period_end = period_end or timezone.localdate()
    if period_end > timezone.localdate():
        raise ValidationError({"period_end": _("A return cannot cover days that have not yet come.")})
    office = _lock_office(kecamatan.pk)
    until = office_day_start(period_end + timedelta(days=1))
    entries = list(returnable_entries(kecamatan=office, until=until))
    if not entries:
        raise ValidationError(_("There is nothing to return: no spoiled blanks or old cards since the last manifest."))
    period_start = timezone.localtime(entries[0].recorded_at).date()
    number = f"BA/{office.region_code}/{period_end:%Y%m%d}"
    suffix = ReturnManifest.objects.filter(number__startswith=number).count()
    manifest = ReturnManifest.objects.create(
        kecamatan=office,
        number=f"{number}-{suffix + 1}" if suffix else number,
        period_start=period_start,
        period_end=period_end,
        prepared_by=by,
    )
    ManifestLine.objects.bulk_create(ManifestLine(manifest=manifest, entry=entry) for entry in entries)
    _append(
        kecamatan=office,
        kind=LedgerKind.RETURNED,
        quantity=len(entries),
        by=by,
        manifest=manifest,
        reason=manifest.number,
    )
    log(instance=manifest, action="dispatch.manifest_prepare", user=by, data={"lines": len(entries)})
    return manifest


@transaction.atomic
def manifest_confirm(*, manifest, by, arrived_line_ids) -> ReturnManifest:
    """The office checks off each blank and old card of the manifest that arrived; those not checked off are
    recorded as missing, by serial, in the audit trail."""
    if not (user_roles(by) & OFFICE_ROLES):
        raise PermissionDenied
    locked = ReturnManifest.objects.select_for_update().get(pk=manifest.pk)
    if locked.confirmed_at:
        raise ValidationError(_("This manifest was already confirmed."), code="already_confirmed")
    arrived = {int(pk) for pk in arrived_line_ids if str(pk).isdigit()}
    lines = list(locked.lines.select_related("entry"))
    if not arrived & {line.pk for line in lines}:
        raise ValidationError(_("Check off each blank and old card that arrived."), code="nothing_checked")
    for line in lines:
        line.arrived = line.pk in arrived
    ManifestLine.objects.bulk_update(lines, ["arrived"])
    locked.confirmed_by = by
    locked.confirmed_at = timezone.now()
    locked.save(update_fields=["confirmed_by", "confirmed_at"])
    missing = [line.entry.card_serial or f"#{line.entry.sequence}" for line in lines if not line.arrived]
    log(instance=locked, action="dispatch.manifest_confirm", user=by, data={"missing": missing})
    return locked


def restock_request_if_short(*, kecamatan) -> RestockRequest | None:
    """One request to restock, when the blanks left would last fewer working days than the setting; none again
    until a receipt answers it. The caller holds the kecamatan lock."""
    outlook = stock_outlook(kecamatan=kecamatan)
    threshold = BlankStockSettings.load().restock_days_threshold
    if outlook.days_left is None or outlook.days_left >= threshold:
        return None
    if RestockRequest.objects.filter(kecamatan=kecamatan, answered_by__isnull=True).exists():
        return None
    request = RestockRequest.objects.create(kecamatan=kecamatan, stock=outlook.stock, days_left=outlook.days_left)
    log(instance=request, action="dispatch.restock_request", user=None, data={"days_left": outlook.days_left})
    transaction.on_commit(lambda: notify_restock_request(request=request, recipients=_office_role_emails()))
    return request


def restock_request_answer(*, kecamatan, entry) -> None:
    """Blanks arrived: the open request is answered, so the next shortage asks again."""
    RestockRequest.objects.filter(kecamatan=kecamatan, answered_by__isnull=True).update(
        answered_by=entry or BlankLedgerEntry.objects.filter(kecamatan=kecamatan).order_by("-sequence").first()
    )


def ledger_books_verify(*, now: datetime) -> dict[str, list[int]]:
    """Walk every kecamatan's whole hash chain and check that the head recorded last time is still there unchanged;
    keep the result for the book page, and e-mail the SIAK administrators and heads of unit when a check finds
    altered lines that the last one did not.

    Returns the altered sequence numbers per kecamatan name (empty lists for intact books). A book recomputed
    consistently from some line onward keeps a valid chain; it shows as its recorded head, which no longer matches.
    """
    found = {}
    for kecamatan in Kecamatan.objects.order_by("name"):
        head = ledger_head(kecamatan_id=kecamatan.pk)
        breaks = {entry.sequence for entry in ledger_chain_breaks(kecamatan_id=kecamatan.pk)}
        previous = LedgerCheck.objects.filter(kecamatan=kecamatan).first()
        rewritten_head = None
        recorded = (previous.head_sequence, previous.head_hash) if previous and previous.head_sequence else None
        if recorded and not ledger_head_unchanged(
            kecamatan_id=kecamatan.pk, sequence=recorded[0], entry_hash=recorded[1]
        ):
            rewritten_head = recorded[0]
            breaks.add(rewritten_head)
            head = recorded
        LedgerCheck.objects.update_or_create(
            kecamatan=kecamatan,
            defaults={
                "checked_at": now,
                "entries_checked": BlankLedgerEntry.objects.filter(kecamatan=kecamatan).count(),
                "broken_sequences": sorted(breaks),
                "head_sequence": head[0] if head else None,
                "head_hash": head[1] if head else "",
                "stock": stock_figures(kecamatan_id=kecamatan.pk).on_hand,
                "unused_serials": unused_serial_count(kecamatan_id=kecamatan.pk),
            },
        )
        newly_broken = sorted(breaks - set(previous.broken_sequences if previous else []))
        if newly_broken:
            log(
                instance=kecamatan,
                action="dispatch.chain_broken",
                user=None,
                data={"sequences": newly_broken, "rewritten_head": rewritten_head},
            )
            recipients = _office_role_emails()
            if recipients:
                context = {"kecamatan": kecamatan, "sequences": newly_broken, "rewritten_head": rewritten_head}
                message_send_staff(kind=CHAIN_BROKEN.key, emails=recipients, context=context, about=kecamatan)
        found[kecamatan.name] = sorted(breaks)
    return found
