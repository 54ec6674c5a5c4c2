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

from .constants import LedgerKind, ShipmentMethod, SpoilReason
from .messages import CHAIN_BROKEN, LOW_STOCK
from .models import BlankLedgerEntry, HandOver, LedgerCheck, ManifestLine, ReturnManifest
from .selectors import (
    ledger_chain_breaks,
    ledger_head,
    ledger_head_unchanged,
    low_stock_threshold,
    returnable_entries,
    stock_figures,
)

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


@transaction.atomic
def blanks_receive(
    *,
    kecamatan,
    by,
    quantity: int,
    shipment_date: date,
    sender: str,
    shipment_method: str = ShipmentMethod.DIRECT,
    note: str = "",
) -> BlankLedgerEntry:
    """Record a shipment of blanks from the office, as counted on arrival."""
    _require_operator_of(by, kecamatan.pk)
    if quantity <= 0:
        raise ValidationError({"quantity": _("Enter the number of blanks received, more than zero.")})
    if shipment_date > timezone.localdate():
        raise ValidationError({"shipment_date": _("The shipment date cannot be in the future.")})
    if not sender.strip():
        raise ValidationError({"sender": _("Enter who sent the shipment.")})
    office = _lock_office(kecamatan.pk)
    return _append(
        kecamatan=office,
        kind=LedgerKind.RECEIVED,
        quantity=quantity,
        by=by,
        shipment_date=shipment_date,
        sender=sender.strip(),
        shipment_method=shipment_method,
        reason=note.strip(),
    )


@transaction.atomic
def card_print(*, application, by, card_serial: str = "") -> Application:
    """The card came out of the printer: one blank is issued and the application is ready for the citizen."""
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
        card_serial=card_serial.strip(),
    )
    return application_transition(
        application=locked, action="print", by=by, expected_status=ApplicationStatus.PRINT_APPROVED
    )


def _use_one_blank(*, office, by, kind, out_of_stock_message, **fields) -> BlankLedgerEntry:
    """One blank printed or spoiled; the caller holds the kecamatan lock, so the stock read cannot go stale."""
    stock = stock_figures(kecamatan_id=office.pk).on_hand
    if stock <= 0:
        raise OutOfStock(out_of_stock_message, code="out_of_stock", params={"kecamatan": office.name})
    entry = _append(kecamatan=office, kind=kind, quantity=1, by=by, **fields)
    _alert_if_low(kecamatan=office, before=stock, after=stock - 1)
    return entry


@transaction.atomic
def card_print_failed(*, application, by, reason: str, card_serial: str = "") -> BlankLedgerEntry:
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
        card_serial=card_serial.strip(),
    )


@transaction.atomic
def blank_spoil(*, kecamatan, by, reason: str, card_serial: str = "") -> BlankLedgerEntry:
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
        card_serial=card_serial.strip(),
    )


@transaction.atomic
def ledger_correct(*, entry, by, quantity_delta: int, reason: str) -> BlankLedgerEntry:
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
    correction = _append(
        kecamatan=office,
        kind=entry.kind,
        quantity=quantity_delta,
        by=by,
        corrects=entry,
        reason=reason.strip(),
    )
    if entry.kind != LedgerKind.OLD_CARD:
        _alert_if_low(kecamatan=office, before=before, after=before + effect)
    return correction


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
def manifest_confirm(*, manifest, by) -> ReturnManifest:
    """The office confirms it received everything on the manifest for destruction."""
    if not (user_roles(by) & OFFICE_ROLES):
        raise PermissionDenied
    locked = ReturnManifest.objects.select_for_update().get(pk=manifest.pk)
    if locked.confirmed_at:
        raise ValidationError(_("This manifest was already confirmed."), code="already_confirmed")
    locked.confirmed_by = by
    locked.confirmed_at = timezone.now()
    locked.save(update_fields=["confirmed_by", "confirmed_at"])
    log(instance=locked, action="dispatch.manifest_confirm", user=by)
    return locked


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
