from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class CitizenProfile(models.Model):
    """What a citizen gives at sign-up besides e-mail and password."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE, related_name="citizen_profile"
    )
    full_name = models.CharField(_("full name"), max_length=150)
    mobile = models.CharField(_("mobile number"), max_length=16, help_text=_("In +628… form."))

    class Meta:
        verbose_name = _("citizen profile")
        verbose_name_plural = _("citizen profiles")

    def __str__(self):
        return self.full_name
