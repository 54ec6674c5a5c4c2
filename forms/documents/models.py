from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from forms.models import Application


class IssuedDocument(models.Model):
    """The certified PDF of a digital-document application, as stamped with its verification QR and stored."""

    application = models.OneToOneField(
        Application, verbose_name=_("application"), on_delete=models.CASCADE, related_name="issued_document"
    )
    # Printed in the QR: the only key to the public verification page, so it must not be guessable.
    code = models.CharField(_("verification code"), max_length=32, unique=True, editable=False)
    # Blank once the retention sweep or an erasure has deleted the file; the code and hash still verify.
    object_name = models.CharField(_("storage name"), max_length=255, blank=True)
    original_name = models.CharField(_("original file name"), max_length=200)
    size = models.PositiveIntegerField(_("size (bytes)"))
    sha256 = models.CharField(_("SHA-256"), max_length=64, help_text=_("Of the stamped PDF, as the citizen gets it."))
    # Kept apart from the application so the verification page reads nothing personal.
    service_title = models.CharField(_("service"), max_length=255)
    issued_at = models.DateTimeField(_("issued at"), default=timezone.now)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("issued by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    file_deleted_at = models.DateTimeField(_("file deleted at"), null=True, blank=True)

    content_type = "application/pdf"

    class Meta:
        verbose_name = _("issued document")
        verbose_name_plural = _("issued documents")

    def __str__(self):
        return f"{self.application.tracking_number} ({self.issued_at:%Y-%m-%d})"

    def get_absolute_url(self):
        return reverse("documents:download", args=[self.application.tracking_number])

    @property
    def has_file(self) -> bool:
        return bool(self.object_name)
