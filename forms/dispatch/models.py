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

from .constants import STOCK_SIGN, LedgerKind, ShipmentMethod, SpoilReason  # noqa: F401  (re-exported)


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

    class Meta:
        verbose_name = _("manifest line")
        verbose_name_plural = _("manifest lines")
        ordering = ["entry__sequence"]

    def __str__(self):
        return f"{self.manifest}: {self.entry}"


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

    panels = [FieldPanel("low_stock_threshold"), FieldPanel("usual_shipment")]

    class Meta:
        verbose_name = _("blank-card stock")
