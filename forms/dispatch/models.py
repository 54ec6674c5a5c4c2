"""The blank-card (blanko KTP-el) ledger per kecamatan, the weekly return manifest and the card hand-over."""

import datetime
import hashlib
import json

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting

from forms.identity import mask_nik

from .constants import (  # noqa: F401  (re-exported)
    STOCK_SIGN,
    LedgerKind,
    SerialState,
    ShipmentMethod,
    SpoilReason,
    TransferStatus,
)


class AppendOnlyQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise ValidationError(_("Ledger entries are never changed; record a correction instead."))

    def delete(self):
        raise ValidationError(_("Ledger entries are never deleted; record a correction instead."))


class BlankLedgerEntry(models.Model):
    """One line of a kecamatan's blank-card book. Append-only and hash-chained, so an edit shows."""

    kecamatan = models.ForeignKey(
        "services.Kecamatan", verbose_name=_("kecamatan"), on_delete=models.PROTECT, related_name="ledger_entries"
    )
    sequence = models.PositiveIntegerField(_("number in the book"))
    kind = models.CharField(_("kind"), max_length=12, choices=LedgerKind.choices)
    # The numbered blanks a receipt, a correction of it or a transfer moves: [[prefix, first, last], ...].
    serial_ranges = models.JSONField(_("blank serial ranges"), default=list, blank=True)
    transfer = models.ForeignKey(
        "dispatch.BlankTransfer",
        verbose_name=_("transfer"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="ledger_entries",
    )
    # Signed: a correction of a receipt that was counted too high is a negative "received" line.
    quantity = models.IntegerField(_("quantity"))
    application = models.ForeignKey(
        "intake.Application",
        verbose_name=_("application"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="ledger_entries",
    )
    card_serial = models.CharField(_("blank or card number"), max_length=40, blank=True)
    spoil_reason = models.CharField(_("spoil reason"), max_length=20, choices=SpoilReason.choices, blank=True)
    reason = models.TextField(_("reason or note"), blank=True)
    shipment_date = models.DateField(_("shipment date"), null=True, blank=True)
    sender = models.CharField(_("sender"), max_length=150, blank=True)
    shipment_method = models.CharField(_("shipment"), max_length=10, choices=ShipmentMethod.choices, blank=True)
    corrects = models.ForeignKey(
        "self",
        verbose_name=_("corrects entry"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="corrections",
    )
    manifest = models.ForeignKey(
        "dispatch.ReturnManifest",
        verbose_name=_("return manifest"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="return_entries",
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("recorded by"), on_delete=models.PROTECT, related_name="+"
    )
    # Set before hashing (not auto_now_add, which is filled in after), so a backdated entry breaks the chain.
    recorded_at = models.DateTimeField(_("recorded at"), default=timezone.now, editable=False)
    previous_hash = models.CharField(_("previous entry's hash"), max_length=64, blank=True)
    entry_hash = models.CharField(_("hash"), max_length=64, editable=False)

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        verbose_name = _("blank-card ledger entry")
        verbose_name_plural = _("blank-card ledger")
        ordering = ["kecamatan", "sequence"]
        constraints = [
            models.UniqueConstraint(fields=["kecamatan", "sequence"], name="ledger_sequence_unique_per_kecamatan"),
            # One blank per printed card: a second "issued" line for the same application cannot exist.
            models.UniqueConstraint(
                fields=["application"],
                condition=Q(kind="issued", corrects__isnull=True),
                name="ledger_one_issue_per_application",
            ),
            models.CheckConstraint(condition=~Q(quantity=0), name="ledger_quantity_not_zero"),
        ]
        indexes = [models.Index(fields=["kecamatan", "kind", "recorded_at"])]

    def __str__(self):
        return f"{self.kecamatan} #{self.sequence} {self.get_kind_display()} {self.quantity:+d}"

    def chain_payload(self) -> str:
        fields = {
            "kecamatan": self.kecamatan_id,
            "sequence": self.sequence,
            "kind": self.kind,
            "quantity": self.quantity,
            "application": self.application_id,
            "card_serial": self.card_serial,
            "spoil_reason": self.spoil_reason,
            "reason": self.reason,
            "shipment_date": self.shipment_date.isoformat() if self.shipment_date else None,
            "sender": self.sender,
            "shipment_method": self.shipment_method,
            "corrects": self.corrects_id,
            "manifest": self.manifest_id,
            "recorded_by": self.recorded_by_id,
            "recorded_at": self.recorded_at.astimezone(datetime.UTC).isoformat(),
            "previous_hash": self.previous_hash,
        }
        # Added with serial custody: left out while empty, so the lines written before keep their hashes.
        if self.serial_ranges:
            fields["serial_ranges"] = self.serial_ranges
        if self.transfer_id:
            fields["transfer"] = self.transfer_id
        return json.dumps(fields, sort_keys=True, separators=(",", ":"))

    def compute_hash(self) -> str:
        return hashlib.sha256(self.chain_payload().encode()).hexdigest()

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValidationError(_("Ledger entries are never changed; record a correction instead."))
        self.entry_hash = self.compute_hash()
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValidationError(_("Ledger entries are never deleted; record a correction instead."))


class ReturnManifest(models.Model):
    """The weekly berita acara: spoiled blanks and old cards going back to the office for destruction."""

    kecamatan = models.ForeignKey(
        "services.Kecamatan", verbose_name=_("kecamatan"), on_delete=models.PROTECT, related_name="return_manifests"
    )
    number = models.CharField(_("manifest number"), max_length=40, unique=True)
    period_start = models.DateField(_("from"))
    period_end = models.DateField(_("to"))
    prepared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("prepared by"), on_delete=models.PROTECT, related_name="+"
    )
    prepared_at = models.DateTimeField(_("prepared at"), auto_now_add=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("receipt confirmed by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    confirmed_at = models.DateTimeField(_("receipt confirmed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("return manifest")
        verbose_name_plural = _("return manifests")
        ordering = ["-period_end", "kecamatan"]

    def __str__(self):
        return self.number


class ManifestLine(models.Model):
    """One spoiled blank or old card on a manifest; an entry can go back only once."""

    manifest = models.ForeignKey(ReturnManifest, on_delete=models.PROTECT, related_name="lines")
    entry = models.OneToOneField(BlankLedgerEntry, on_delete=models.PROTECT, related_name="manifest_line")
    # Set when the office confirms: True for a blank it checked off as arrived, False for one that did not.
    arrived = models.BooleanField(_("checked off at the office"), null=True, blank=True)

    class Meta:
        verbose_name = _("manifest line")
        verbose_name_plural = _("manifest lines")
        ordering = ["entry__sequence"]

    def __str__(self):
        return f"{self.manifest}: {self.entry}"


class BlankTransfer(models.Model):
    """Blanks sent from one kecamatan to another; the stock moves only when the receiving office confirms."""

    from_kecamatan = models.ForeignKey(
        "services.Kecamatan", verbose_name=_("from"), on_delete=models.PROTECT, related_name="transfers_out"
    )
    to_kecamatan = models.ForeignKey(
        "services.Kecamatan", verbose_name=_("to"), on_delete=models.PROTECT, related_name="transfers_in"
    )
    serial_ranges = models.JSONField(_("blank serial ranges"), default=list)
    quantity = models.PositiveIntegerField(_("quantity"))
    status = models.CharField(
        _("status"), max_length=10, choices=TransferStatus.choices, default=TransferStatus.PENDING
    )
    note = models.TextField(_("note"), blank=True)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("sent by"), on_delete=models.PROTECT, related_name="+"
    )
    sent_at = models.DateTimeField(_("sent at"), default=timezone.now)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("confirmed or refused by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("confirmed or refused at"), null=True, blank=True)
    refusal_reason = models.TextField(_("reason for refusal"), blank=True)

    class Meta:
        verbose_name = _("blank transfer")
        verbose_name_plural = _("blank transfers")
        ordering = ["-sent_at"]

    def __str__(self):
        return f"{self.from_kecamatan} → {self.to_kecamatan}: {self.quantity}"


class BlankSerial(models.Model):
    """One numbered blank: where it is now and the book lines that moved it. Kept in step with the book by the
    services, and checked against the book's stock by ledger_verify."""

    serial = models.CharField(_("blank serial"), max_length=40, unique=True)
    kecamatan = models.ForeignKey(
        "services.Kecamatan", verbose_name=_("kecamatan"), on_delete=models.PROTECT, related_name="blank_serials"
    )
    state = models.CharField(_("state"), max_length=10, choices=SerialState.choices, default=SerialState.IN_STOCK)
    received_entry = models.ForeignKey(
        BlankLedgerEntry, verbose_name=_("received in"), on_delete=models.PROTECT, related_name="received_serials"
    )
    used_entry = models.OneToOneField(
        BlankLedgerEntry,
        verbose_name=_("issued or spoiled in"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="used_serial",
    )
    # A blank on its way to another office cannot be printed until the transfer is confirmed or refused.
    pending_transfer = models.ForeignKey(
        BlankTransfer,
        verbose_name=_("on a transfer waiting for confirmation"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="pending_serials",
    )
    transfers = models.ManyToManyField(BlankTransfer, verbose_name=_("transfers"), blank=True, related_name="serials")

    class Meta:
        verbose_name = _("numbered blank")
        verbose_name_plural = _("numbered blanks")
        ordering = ["serial"]
        indexes = [models.Index(fields=["kecamatan", "state", "serial"])]

    def __str__(self):
        return self.serial


class RestockRequest(models.Model):
    """One request to the SIAK administrators to ship blanks, sent when a kecamatan's days of stock run low;
    the next receipt there answers it, and only then can another be sent."""

    kecamatan = models.ForeignKey(
        "services.Kecamatan", verbose_name=_("kecamatan"), on_delete=models.PROTECT, related_name="restock_requests"
    )
    requested_at = models.DateTimeField(_("requested at"), default=timezone.now)
    stock = models.PositiveIntegerField(_("stock when requested"))
    days_left = models.PositiveIntegerField(_("days of stock left when requested"))
    answered_by = models.ForeignKey(
        BlankLedgerEntry,
        verbose_name=_("answered by the receipt"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("restock request")
        verbose_name_plural = _("restock requests")
        ordering = ["-requested_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["kecamatan"], condition=Q(answered_by__isnull=True), name="one_open_restock_request"
            )
        ]

    def __str__(self):
        return f"{self.kecamatan} {self.requested_at:%Y-%m-%d}"


class CardAlternative(models.Model):
    """What a citizen waiting for a blank got instead: IKD (the card application closes, with their consent) or
    the operator's temporary certificate (the card still waits)."""

    class Kind(models.TextChoices):
        IKD = "ikd", _("Replaced by IKD (diganti IKD)")
        CERTIFICATE = "certificate", _("Temporary certificate (Surat Keterangan pengganti KTP-el)")

    application = models.ForeignKey(
        "intake.Application", verbose_name=_("application"), on_delete=models.PROTECT, related_name="card_alternatives"
    )
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    consent_text = models.TextField(_("consent as the citizen read it"), blank=True)
    visit_booking = models.OneToOneField(
        "visits.VisitBooking",
        verbose_name=_("IKD visit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="card_alternative",
    )
    document = models.OneToOneField(
        "documents.IssuedDocument",
        verbose_name=_("certificate"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="card_alternative",
    )
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("recorded by"), on_delete=models.PROTECT, related_name="+"
    )
    at = models.DateTimeField(_("at"), default=timezone.now)

    class Meta:
        verbose_name = _("alternative while out of blanks")
        verbose_name_plural = _("alternatives while out of blanks")
        ordering = ["-at"]
        constraints = [
            # Once: a second click on "IKD instead" cannot close the application twice or book two visits.
            models.UniqueConstraint(fields=["application"], condition=Q(kind="ikd"), name="one_ikd_instead_per_card")
        ]

    def __str__(self):
        return f"{self.application} {self.get_kind_display()}"


class HandOver(models.Model):
    """How the card reached the citizen: collected at the counter, or carried by a courier."""

    application = models.OneToOneField(
        "intake.Application", verbose_name=_("application"), on_delete=models.PROTECT, related_name="hand_over"
    )
    collected_by_name = models.CharField(_("collected by"), max_length=150, blank=True)
    collector_nik = models.CharField(_("collector's NIK"), max_length=16, blank=True)
    by_proxy = models.BooleanField(_("collected by someone else"), default=False)
    power_of_attorney_checked = models.BooleanField(_("power of attorney checked"), default=False)
    old_card_taken = models.BooleanField(_("old card taken back"), default=False)
    courier_name = models.CharField(_("courier"), max_length=100, blank=True)
    courier_reference = models.CharField(_("courier tracking reference"), max_length=100, blank=True)
    dispatched_at = models.DateTimeField(_("given to the courier at"), null=True, blank=True)
    delivered_at = models.DateTimeField(_("handed over at"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("recorded by"), on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("hand-over")
        verbose_name_plural = _("hand-overs")

    def __str__(self):
        return str(self.application)

    @property
    def masked_collector_nik(self):
        return mask_nik(self.collector_nik) if self.collector_nik else ""


class LedgerCheck(models.Model):
    """The last full walk of one kecamatan's hash chain (`manage.py ledger_verify`, nightly).

    The book page re-checks only the lines it shows; walking a year's 20,000 lines on every view cost most of a
    second, so the whole book is walked here and the page shows the result.
    """

    kecamatan = models.OneToOneField(
        "services.Kecamatan", verbose_name=_("kecamatan"), on_delete=models.CASCADE, related_name="ledger_check"
    )
    checked_at = models.DateTimeField(_("checked at"))
    entries_checked = models.PositiveIntegerField(_("entries checked"))
    broken_sequences = models.JSONField(_("altered entries"), default=list, blank=True)
    # The chain alone cannot show a book recomputed consistently from some line to its end, or cut short; the last
    # line at the check, with its hash, can: the next check must find that very line unchanged. After a mismatch it
    # stays the line last found unchanged, so the book is reported again on every later check.
    head_sequence = models.PositiveIntegerField(_("last line at the check"), null=True, blank=True)
    head_hash = models.CharField(_("hash of the last line at the check"), max_length=64, blank=True)
    # The book's summed stock and the count of unused numbered blanks at the check: the two must be equal.
    stock = models.IntegerField(_("stock summed from the book"), null=True, blank=True)
    unused_serials = models.IntegerField(_("unused numbered blanks"), null=True, blank=True)

    @property
    def serials_match(self) -> bool:
        return self.stock is None or self.stock == self.unused_serials

    class Meta:
        verbose_name = _("blank-card book check")
        verbose_name_plural = _("blank-card book checks")

    def __str__(self):
        return f"{self.kecamatan} {self.checked_at:%Y-%m-%d %H:%M}"


@register_setting(icon="warning")
class BlankStockSettings(BaseGenericSetting):
    """When a kecamatan's stock is low, and how many blanks a shipment usually brings."""

    low_stock_threshold = models.PositiveIntegerField(
        _("low-stock threshold"),
        default=200,
        help_text=_(
            "The SIAK administrator and the head of the unit are alerted when a kecamatan's stock falls to this."
        ),
    )
    usual_shipment = models.PositiveIntegerField(
        _("usual shipment"), default=2000, help_text=_("Lampiran I: the office ships 2,000 blanks per kecamatan.")
    )

    restock_days_threshold = models.PositiveIntegerField(
        _("restock request under this many days of stock"),
        default=10,
        help_text=_(
            "From the last four weeks' print rate. When a kecamatan's blanks would last fewer working days, the SIAK "
            "administrators get one request to restock it."
        ),
    )
    temporary_certificate_text = models.TextField(
        _("temporary certificate text"),
        default=(
            "Yang bertanda tangan di bawah ini menerangkan bahwa {name}, nomor permohonan {tracking_number}, telah "
            "melakukan perekaman KTP-el dan datanya telah disetujui untuk dicetak di Kecamatan {kecamatan}. Karena "
            "blanko KTP-el sedang habis, surat keterangan ini berlaku sebagai pengganti KTP-el sementara sampai "
            "kartunya dicetak."
        ),
        help_text=_(
            "Printed on the Surat Keterangan pengganti KTP-el. Placeholders: {name}, {tracking_number}, "
            "{kecamatan}, {date}. The office must review it before the first certificate is issued."
        ),
    )
    temporary_certificate_reviewed = models.BooleanField(
        _("the office has reviewed the certificate text"),
        default=False,
        help_text=_("No temporary certificate is issued until this is ticked."),
    )

    panels = [
        FieldPanel("low_stock_threshold"),
        FieldPanel("usual_shipment"),
        FieldPanel("restock_days_threshold"),
        FieldPanel("temporary_certificate_text"),
        FieldPanel("temporary_certificate_reviewed"),
    ]

    class Meta:
        verbose_name = _("blank-card stock")
