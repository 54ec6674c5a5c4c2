from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Channel(models.TextChoices):
    EMAIL = "email", _("E-mail")
    WHATSAPP = "whatsapp", pgettext_lazy("message channel", "WhatsApp")
    SMS = "sms", _("SMS")


class MessageStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    SENT = "sent", _("Sent")
    # The provider refused the message itself (a bad address, a template it does not know): trying again won't help.
    FAILED = "failed", _("Failed")
    # Every attempt met a passing fault (server down, rate limit) and the retries ran out.
    GIVEN_UP = "given_up", _("Given up")


FINAL_STATUSES = (MessageStatus.SENT, MessageStatus.FAILED, MessageStatus.GIVEN_UP)
