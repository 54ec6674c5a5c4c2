"""A citizen's application, its documents and every change of its status."""

import uuid

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.forms.models import AbstractFormSubmission

from forms.identity import mask_nik, nik_digest

from ..constants import (
    FINAL_STATUSES,
    ApplicationStatus,
    Channel,
    DeliveryMethod,
    Processing,
    file_type_label,
    status_meaning,
)

# A case the office still has to move: not finished, not with the citizen (forms.constants.FINAL_STATUSES).
OPEN_CASE = ~models.Q(status__in=[str(status) for status in FINAL_STATUSES])


class Application(AbstractFormSubmission):
    """One submission of an application form, tied to the citizen's account; staff filter on its columns."""

    tracking_number = models.CharField(_("tracking number"), max_length=24, unique=True)
    # Empty for a walk-in citizen without an account; the operator who recorded it is then in recorded_by.
    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("applicant"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="applications",
    )
    channel = models.CharField(
        _("channel"), max_length=10, choices=Channel.choices, default=Channel.ONLINE, db_index=True
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded at the counter by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    service = models.ForeignKey(
        "services.ServiceStandardPage",
        verbose_name=_("service"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="applications",
    )
    service_title = models.CharField(_("service"), max_length=255)
    variant_code = models.CharField(_("variant code"), max_length=50, db_index=True)
    variant_name = models.CharField(_("variant"), max_length=255)
    status = models.CharField(
        _("status"), max_length=30, choices=ApplicationStatus.choices, default=ApplicationStatus.SUBMITTED
    )
    status_changed_at = models.DateTimeField(_("status changed at"), auto_now_add=True)
    processing = models.CharField(
        _("processing"), max_length=10, choices=Processing.choices, default=Processing.CARD, db_index=True
    )
    due_at = models.DateTimeField(_("due"), null=True, blank=True, db_index=True)
    # The standard as published when the application arrived: its promise is what this application is measured by.
    standard_revision = models.ForeignKey(
        "wagtailcore.Revision",
        verbose_name=_("standard revision"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    promised_duration = models.PositiveSmallIntegerField(_("promised service time"), null=True, blank=True)
    promised_duration_unit = models.CharField(_("unit of the promised service time"), max_length=20, blank=True)
    # When an officer opened (or took) the case for its current step: the step's waiting time ends here.
    step_opened_at = models.DateTimeField(_("current step opened"), null=True, blank=True)
    # The officer who has the case now (took it, or was assigned it); released when its next step is another role's
    # or the case leaves the office (forms.intake.timeline). Empty: the case waits in the shared queue.
    holder = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("held by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="held_applications",
    )
    held_since = models.DateTimeField(_("held since"), null=True, blank=True)
    siak_reference = models.CharField(_("SIAK reference"), max_length=100, blank=True)
    applicant_name = models.CharField(_("applicant's name"), max_length=150, blank=True)
    nik = models.CharField(_("NIK"), max_length=16, blank=True, db_index=True)
    # Staff search by NIK through this keyed digest, so that no NIK is ever in a URL (forms.nik_search).
    nik_digest = models.CharField(_("NIK digest"), max_length=64, blank=True, db_index=True, editable=False)
    kk_number = models.CharField(_("KK number"), max_length=16, blank=True)
    mobile = models.CharField(_("mobile number"), max_length=16, blank=True)
    # A walk-in citizen without an account can still be told by e-mail that the card is ready.
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    kecamatan = models.ForeignKey(
        "services.Kecamatan",
        verbose_name=_("kecamatan"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="applications",
    )
    delivery_method = models.CharField(
        _("delivery"), max_length=10, choices=DeliveryMethod.choices, default=DeliveryMethod.PICKUP
    )
    delivery_address = models.TextField(_("delivery address"), blank=True)
    # One per rendered form: a double click or a refresh re-sends the same token and finds this row.
    submission_token = models.UUIDField(_("submission token"), unique=True, default=uuid.uuid4, editable=False)
    version = models.PositiveSmallIntegerField(_("version"), default=1)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    # Set by the retention sweep: documents deleted and personal fields blanked; counts and timeline stay.
    anonymised_at = models.DateTimeField(_("personal data removed at"), null=True, blank=True)
    # Kept by forms.intake.timeline.status_change_record when a step is recorded, so the report counts a quarter
    # from these columns instead of walking every application's timeline.
    clock_stopped_at = models.DateTimeField(_("office clock stopped at"), null=True, blank=True)
    return_count = models.PositiveSmallIntegerField(_("times returned"), default=0)
    resubmission_count = models.PositiveSmallIntegerField(_("times resubmitted after a return"), default=0)

    class Meta:
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        ordering = ["-submit_time"]
        indexes = [
            models.Index(fields=["status", "kecamatan"]),
            models.Index(fields=["applicant", "-submit_time"]),
            # The staff queue (forms.review.admin_views) at a million rows: it opens on open cases by due time,
            # city-wide or in one kecamatan; these partial indexes hold only the few thousand open ones.
            models.Index(fields=["due_at", "id"], condition=OPEN_CASE, name="intake_app_open_due"),
            models.Index(fields=["kecamatan", "due_at", "id"], condition=OPEN_CASE, name="intake_app_open_kec_due"),
            # The queue's other sorts over open cases: the unique index on tracking_number walks two years of
            # closed cases first (0.3-0.5 s at a million), these only the open ones.
            models.Index(fields=["tracking_number"], condition=OPEN_CASE, name="intake_app_open_tracking"),
            models.Index(
                fields=["kecamatan", "tracking_number"], condition=OPEN_CASE, name="intake_app_open_kec_tracking"
            ),
            # Each sort ends on (due_at, id) (forms.review.admin_views.queue_sort): these read a page of the
            # open cases in that order and stop, where a sort over every open case read them all.
            models.Index(
                fields=["variant_name", "due_at", "id"], condition=OPEN_CASE, name="intake_app_open_variant_due"
            ),
            models.Index(fields=["status", "due_at", "id"], condition=OPEN_CASE, name="intake_app_open_status_due"),
            models.Index(
                fields=["applicant_name", "due_at", "id"], condition=OPEN_CASE, name="intake_app_open_name_due"
            ),
            models.Index(fields=["status", "due_at", "id"], name="intake_app_status_due"),
            models.Index(fields=["kecamatan", "due_at", "id"], name="intake_app_kec_due"),
            models.Index(fields=["kecamatan", "status", "due_at"], name="intake_app_kec_status_due"),
            # "Kasus saya": one officer's cases by due time.
            models.Index(fields=["holder", "due_at", "id"], name="intake_app_holder_due"),
            # The report's cohort and the queue's "submitted" filter: intake_app_report_cohort on submit_time (made
            # by migrations 0014 and 0020, with covering columns on PostgreSQL: forms.intake.report_times), and these.
            models.Index(fields=["kecamatan", "submit_time"], name="intake_app_kec_submitted"),
            models.Index(fields=["service", "submit_time"], name="intake_app_service_submitted"),
            # The name search's trigram index is PostgreSQL's only: migration 0012 adds it there.
        ]

    def __str__(self):
        return self.tracking_number

    def save(self, *args, **kwargs):
        # Wherever the NIK is written (submission, correction, counter, retention), its digest follows it.
        self.nik_digest = nik_digest(self.nik)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "nik" in update_fields:
            kwargs["update_fields"] = {*update_fields, "nik_digest"}
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("intake:application_detail", args=[self.tracking_number])

    @property
    def is_overdue(self):
        return bool(self.due_at and self.due_at < timezone.now() and self.status not in FINAL_STATUSES)

    @property
    def overdue_flag(self):
        return _("Overdue") if self.is_overdue else ""

    # The queue's column and export headings (Django's label_for_field reads a property's short_description).
    overdue_flag.fget.short_description = _("Overdue")

    @property
    def holder_name(self):
        if self.holder_id is None:
            return ""
        return self.holder.get_full_name() or self.holder.get_username()

    holder_name.fget.short_description = _("Case holder")

    @property
    def masked_nik(self):
        return mask_nik(self.nik) if self.nik else ""

    masked_nik.fget.short_description = _("NIK (masked)")

    @property
    def status_meaning(self):
        return status_meaning(self.status, self.processing)

    @property
    def is_returned(self):
        return self.status == ApplicationStatus.RETURNED

    def current_documents(self):
        """The documents that stand now; reads prefetched rows when the selector loaded them."""
        return [document for document in self.documents.all() if document.is_current]

    def latest_return(self):
        """The last time staff returned the application, with its reasons, or None."""
        returns = [change for change in self.history.all() if change.to_status == ApplicationStatus.RETURNED]
        return returns[-1] if returns else None


class ApplicationDocument(models.Model):
    """A checked upload in the private storage; the citizen's file name is data only."""

    application = models.ForeignKey(
        Application, verbose_name=_("application"), on_delete=models.CASCADE, related_name="documents"
    )
    field_name = models.CharField(_("form field"), max_length=255)
    label = models.CharField(_("requirement"), max_length=255)
    object_name = models.CharField(_("storage name"), max_length=255, unique=True)
    original_name = models.CharField(_("original file name"), max_length=200)
    content_type = models.CharField(_("type"), max_length=50)
    size = models.PositiveIntegerField(_("size (bytes)"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    version = models.PositiveSmallIntegerField(_("application version"), default=1)
    is_current = models.BooleanField(_("current"), default=True)
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("application document")
        verbose_name_plural = _("application documents")
        ordering = ["field_name", "-version"]

    def __str__(self):
        return f"{self.label} ({self.original_name})"

    def get_absolute_url(self):
        return reverse("intake:document_download", args=[self.application.tracking_number, self.pk])

    @property
    def is_image(self):
        return self.content_type.startswith("image/")

    @property
    def content_type_label(self):
        return file_type_label(self.content_type)


class StatusChange(models.Model):
    """One step on the application's timeline; never edited, only added."""

    application = models.ForeignKey(
        Application, verbose_name=_("application"), on_delete=models.CASCADE, related_name="history"
    )
    from_status = models.CharField(_("from"), max_length=30, choices=ApplicationStatus.choices, blank=True)
    to_status = models.CharField(_("to"), max_length=30, choices=ApplicationStatus.choices)
    at = models.DateTimeField(_("at"), auto_now_add=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    note = models.TextField(_("note"), blank=True)
    sop_step = models.PositiveSmallIntegerField(_("SOP step"), null=True, blank=True)
    # When an officer first opened the case for the step this change ends; before it the case waited in the queue.
    opened_at = models.DateTimeField(_("step opened"), null=True, blank=True)
    # The step this change ends, in working minutes (forms.intake.step_time), kept so the report adds them up in SQL;
    # empty on the first change, which ends no step.
    waiting_minutes = models.PositiveIntegerField(_("waiting minutes"), null=True, blank=True)
    working_minutes = models.PositiveIntegerField(_("working minutes"), null=True, blank=True)

    class Meta:
        verbose_name = _("status change")
        verbose_name_plural = _("status changes")
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.application} → {self.get_to_status_display()}"

    @property
    def meaning(self):
        return status_meaning(self.to_status, self.application.processing)


class ReturnReason(models.Model):
    """Why one requirement failed, so the citizen knows exactly which field or document to fix."""

    status_change = models.ForeignKey(
        StatusChange, verbose_name=_("status change"), on_delete=models.CASCADE, related_name="reasons"
    )
    field_name = models.CharField(_("form field"), max_length=255)
    requirement = models.CharField(_("requirement"), max_length=255)
    reason = models.TextField(_("reason"))

    class Meta:
        verbose_name = _("return reason")
        verbose_name_plural = _("return reasons")

    def __str__(self):
        return f"{self.requirement}: {self.reason}"


class ApplicationVersion(models.Model):
    """What the application said before a resubmission replaced it."""

    application = models.ForeignKey(
        Application, verbose_name=_("application"), on_delete=models.CASCADE, related_name="versions"
    )
    version = models.PositiveSmallIntegerField(_("version"))
    form_data = models.JSONField(_("form data"))
    created_at = models.DateTimeField(_("saved at"), auto_now_add=True)

    class Meta:
        verbose_name = _("application version")
        verbose_name_plural = _("application versions")
        ordering = ["version"]
        constraints = [models.UniqueConstraint(fields=["application", "version"], name="unique_application_version")]

    def __str__(self):
        return f"{self.application} v{self.version}"


class CaseReminderKind(models.TextChoices):
    DUE_SOON = "due_soon", _("Due soon")
    OVERDUE = "overdue", _("Overdue")


class CaseReminder(models.Model):
    """A reminder sent about one case: at most one of each kind, so a second run of the job sends nothing."""

    application = models.ForeignKey(
        Application, verbose_name=_("application"), on_delete=models.CASCADE, related_name="reminders"
    )
    kind = models.CharField(_("kind"), max_length=16, choices=CaseReminderKind.choices)
    sent_at = models.DateTimeField(_("sent at"), auto_now_add=True)
    # Whom it went to, for the record: the holder, the kecamatan's operators or the heads of unit.
    recipients = models.CharField(_("sent to"), max_length=32)

    class Meta:
        verbose_name = _("case reminder")
        verbose_name_plural = _("case reminders")
        constraints = [models.UniqueConstraint(fields=["application", "kind"], name="case_reminder_once_per_kind")]

    def __str__(self):
        return f"{self.application} · {self.get_kind_display()}"
