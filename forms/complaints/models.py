"""A complaint, suggestion or feedback, its one optional attachment and its history."""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from forms.identity import mask_nik

from .constants import (
    STATUS_MEANINGS,
    UNANSWERED_STATUSES,
    ComplaintCategory,
    ComplaintChannel,
    ComplaintStatus,
    ComplaintTier,
    EventKind,
)


class Complaint(models.Model):
    """One message from the public; its tier says who handles it, its status what the complainant sees."""

    tracking_number = models.CharField(pgettext_lazy("complaints", "tracking number"), max_length=24, unique=True)
    category = models.CharField(_("category"), max_length=12, choices=ComplaintCategory.choices)
    channel = models.CharField(_("channel"), max_length=20, choices=ComplaintChannel.choices, db_index=True)
    status = models.CharField(
        _("status"), max_length=12, choices=ComplaintStatus.choices, default=ComplaintStatus.RECEIVED
    )
    tier = models.CharField(
        _("handled by"), max_length=12, choices=ComplaintTier.choices, default=ComplaintTier.SUPERVISOR
    )
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assigned to"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    kecamatan = models.ForeignKey(
        "services.Kecamatan",
        verbose_name=_("kecamatan"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="complaints",
    )
    service = models.ForeignKey(
        "services.ServiceStandardPage",
        verbose_name=_("service"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="complaints",
    )
    application = models.ForeignKey(
        "intake.Application",
        verbose_name=_("related application"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="complaints",
    )
    message = models.TextField(_("message"))
    name = models.CharField(_("name"), max_length=150, blank=True)
    email = models.EmailField(_("e-mail for the reply"), blank=True)
    mobile = models.CharField(_("mobile number"), max_length=16, blank=True)
    # The second factor of the public tracking page; empty for an anonymous note from the suggestion box.
    nik = models.CharField(_("NIK"), max_length=16, blank=True)
    complainant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("complainant's account"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="complaints",
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    # When the office received it (for other channels: the day the message arrived, not when it was typed in).
    received_at = models.DateTimeField(_("received at"), default=timezone.now, db_index=True)
    escalation_due_at = models.DateTimeField(_("answer due"), db_index=True)
    first_response_at = models.DateTimeField(_("first response at"), null=True, blank=True)
    # Fixed when the first response is sent, so reports read one column instead of walking the calendar again.
    first_response_working_minutes = models.PositiveIntegerField(
        _("working minutes to the first response"), null=True, blank=True
    )
    escalated_at = models.DateTimeField(_("escalated at"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    # One per rendered form: a double click or a refresh re-sends the same token and finds this row.
    submission_token = models.UUIDField(_("submission token"), unique=True, default=uuid.uuid4, editable=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("complaint")
        verbose_name_plural = _("complaints")
        ordering = ["-received_at"]
        indexes = [
            models.Index(fields=["status", "kecamatan"]),
            models.Index(fields=["tier", "status", "escalation_due_at"]),
        ]

    def __str__(self):
        return self.tracking_number

    @property
    def is_overdue(self) -> bool:
        """Unanswered past the limit (it stays so after escalation, until someone answers)."""
        return self.status in UNANSWERED_STATUSES and self.escalation_due_at < timezone.now()

    @property
    def overdue_flag(self):
        return _("Overdue") if self.is_overdue else ""

    @property
    def masked_nik(self):
        return mask_nik(self.nik) if self.nik else ""

    @property
    def status_meaning(self):
        return STATUS_MEANINGS.get(self.status, "")


class ComplaintAttachment(models.Model):
    """The complainant's one optional file, checked like an application's documents, in the private storage."""

    complaint = models.OneToOneField(
        Complaint, verbose_name=_("complaint"), on_delete=models.CASCADE, related_name="attachment"
    )
    object_name = models.CharField(_("storage name"), max_length=255, unique=True)
    original_name = models.CharField(_("original file name"), max_length=200)
    content_type = models.CharField(_("type"), max_length=50)
    size = models.PositiveIntegerField(_("size (bytes)"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("complaint attachment")
        verbose_name_plural = _("complaint attachments")

    def __str__(self):
        return self.original_name

    @property
    def is_image(self):
        return self.content_type.startswith("image/")


class ComplaintEvent(models.Model):
    """One line of a complaint's history; never edited, only added. Only responses are shown to the public."""

    complaint = models.ForeignKey(
        Complaint, verbose_name=_("complaint"), on_delete=models.CASCADE, related_name="events"
    )
    kind = models.CharField(_("event"), max_length=12, choices=EventKind.choices)
    at = models.DateTimeField(_("at"), default=timezone.now)
    # Empty for the public's own filing and for the automatic escalation.
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    status = models.CharField(_("status afterwards"), max_length=12, choices=ComplaintStatus.choices)
    tier = models.CharField(_("handled by afterwards"), max_length=12, choices=ComplaintTier.choices)
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assigned to"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # The response sent to the complainant, or staff's internal note on any other event.
    text = models.TextField(_("text"), blank=True)

    class Meta:
        verbose_name = _("complaint event")
        verbose_name_plural = _("complaint events")
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.complaint} {self.get_kind_display()}"

    @property
    def is_response(self):
        return self.kind == EventKind.RESPONDED
