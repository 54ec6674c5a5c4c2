from django.db import models
from django.utils.translation import pgettext_lazy


class Channel(models.TextChoices):
    EMAIL = "email", pgettext_lazy("message channel", "E-mail")
    WHATSAPP = "whatsapp", pgettext_lazy("message channel", "WhatsApp")
    SMS = "sms", pgettext_lazy("message channel", "SMS")


class MessageStatus(models.TextChoices):
    QUEUED = "queued", pgettext_lazy("message status", "Queued")
    SENT = "sent", pgettext_lazy("message status", "Sent")
    # The provider refused the message itself (a bad address, a template it does not know): trying again won't help.
    FAILED = "failed", pgettext_lazy("message status", "Failed")
    # Every attempt met a passing fault (server down, rate limit) and the retries ran out.
    GIVEN_UP = "given_up", pgettext_lazy("message status", "Given up")


FINAL_STATUSES = (MessageStatus.SENT, MessageStatus.FAILED, MessageStatus.GIVEN_UP)
