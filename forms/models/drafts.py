"""A signed-in citizen's unfinished application: the answers and checked files kept at every step."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ApplicationDraft(models.Model):
    """One per citizen and form: continued from any device until it is submitted or it expires."""

    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("applicant"),
        on_delete=models.CASCADE,
        related_name="application_drafts",
    )
    page = models.ForeignKey(
        "intake.ApplicationFormPage", verbose_name=_("form"), on_delete=models.CASCADE, related_name="drafts"
    )
    # Field name -> the answer as the field takes it back (forms.intake.steps.answer_from_cleaned).
    answers = models.JSONField(_("answers"), default=dict, blank=True)
    steps_done = models.JSONField(_("steps done"), default=list, blank=True)
    # Becomes the application's submission token: a draft sent twice, even at once, makes one application.
    submission_token = models.UUIDField(_("submission token"), unique=True, default=uuid.uuid4, editable=False)
    created_at = models.DateTimeField(_("started at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last saved at"), auto_now=True)
    expires_at = models.DateTimeField(_("expires at"), db_index=True)
    reminded_at = models.DateTimeField(_("reminder sent at"), null=True, blank=True)

    class Meta:
        verbose_name = _("application draft")
        verbose_name_plural = _("application drafts")
        ordering = ["-updated_at"]
        constraints = [
            models.UniqueConstraint(fields=["applicant", "page"], name="intake_draft_one_per_form"),
        ]

    def __str__(self):
        return f"{self.page_id}/{self.applicant_id}"


class DraftDocument(models.Model):
    """A checked upload of a draft, stored once in the private storage; the application takes it over as it is."""

    draft = models.ForeignKey(
        ApplicationDraft, verbose_name=_("draft"), on_delete=models.CASCADE, related_name="documents"
    )
    field_name = models.CharField(_("form field"), max_length=255)
    object_name = models.CharField(_("storage name"), max_length=255, unique=True)
    original_name = models.CharField(_("original file name"), max_length=200)
    content_type = models.CharField(_("type"), max_length=50)
    size = models.PositiveIntegerField(_("size (bytes)"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("draft document")
        verbose_name_plural = _("draft documents")
        constraints = [
            models.UniqueConstraint(fields=["draft", "field_name"], name="intake_draft_document_per_field"),
        ]

    def __str__(self):
        return self.original_name
