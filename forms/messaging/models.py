from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _

from .constants import Channel, MessageStatus


class Message(models.Model):
    """One message on one channel: what staff see on the case ("sent on … by WhatsApp") and what the worker sends.

    The whole address and the text are kept only until the message is final (sent, failed or given up); the log
    keeps the masked recipient, never the address.
    """

    kind = models.CharField(_("kind"), max_length=64)
    channel = models.CharField(_("channel"), max_length=16, choices=Channel.choices)
    recipient_masked = models.CharField(_("recipient"), max_length=255)
    # One address; a staff message to a group carries theirs comma-separated, as one e-mail.
    address = models.TextField(_("address"), blank=True)
    language = models.CharField(_("language"), max_length=8)
    subject = models.CharField(_("subject"), max_length=255, blank=True)
    body = models.TextField(_("text"), blank=True)
    template_name = models.CharField(_("provider template"), max_length=100, blank=True)
    parameters = models.JSONField(_("template parameters"), default=list, blank=True)
    content_type = models.ForeignKey(
        ContentType, verbose_name=_("related type"), null=True, blank=True, on_delete=models.SET_NULL
    )
    object_id = models.CharField(_("related id"), max_length=64, blank=True)
    about = GenericForeignKey("content_type", "object_id")
    status = models.CharField(_("status"), max_length=16, choices=MessageStatus.choices, default=MessageStatus.QUEUED)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.CharField(_("last error"), max_length=255, blank=True)
    provider_id = models.CharField(_("provider's message id"), max_length=128, blank=True)
    created_at = models.DateTimeField(_("queued at"), auto_now_add=True)
    last_attempt_at = models.DateTimeField(_("last attempt"), null=True, blank=True)
    next_attempt_at = models.DateTimeField(_("next attempt"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        verbose_name = _("message")
        verbose_name_plural = _("messages")
        ordering = ["created_at", "pk"]
        indexes = [
            models.Index(fields=["content_type", "object_id"], name="message_about_idx"),
            models.Index(fields=["status", "finished_at"], name="message_status_idx"),
        ]

    def __str__(self):
        return f"{self.kind} · {self.get_channel_display()} · {self.recipient_masked}"


class ChannelPreference(models.Model):
    """A citizen's choice of channels; WhatsApp only with consent, kept with its time (UU 27/2022)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE, related_name="channel_preference"
    )
    email = models.BooleanField(_("e-mail"), default=True)
    whatsapp = models.BooleanField(_("WhatsApp"), default=False)
    whatsapp_consented_at = models.DateTimeField(_("WhatsApp consent given at"), null=True, blank=True)
    whatsapp_withdrawn_at = models.DateTimeField(_("WhatsApp consent withdrawn at"), null=True, blank=True)
    sms = models.BooleanField(_("SMS"), default=False)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("channel preference")
        verbose_name_plural = _("channel preferences")

    def __str__(self):
        return str(self.user)
