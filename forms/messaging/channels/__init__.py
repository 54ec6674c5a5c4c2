"""One adapter per channel behind one interface: ``send(content) -> provider id``, raising a DeliveryError."""

from django.conf import settings
from django.utils.module_loading import import_string

from ..constants import Channel
from .base import Content, DeliveryError, PermanentDeliveryError, TransientDeliveryError

__all__ = ["Content", "DeliveryError", "PermanentDeliveryError", "TransientDeliveryError", "adapter", "enabled"]

ADAPTERS = {
    Channel.EMAIL: "forms.messaging.channels.email.EmailAdapter",
    Channel.WHATSAPP: "forms.messaging.channels.whatsapp.WhatsAppAdapter",
}


def _sms_adapter_path() -> str:
    return settings.SMS_PROVIDERS.get(settings.SMS_PROVIDER, "") if settings.SMS_PROVIDER else ""


def adapter(channel: str):
    path = _sms_adapter_path() if channel == Channel.SMS else ADAPTERS[channel]
    if not path:
        raise PermanentDeliveryError(f"the {channel} channel is off")
    return import_string(path)()


def enabled(channel: str) -> bool:
    """E-mail is always on; WhatsApp and SMS only with their credentials set in the environment."""
    if channel == Channel.EMAIL:
        return True
    if channel == Channel.WHATSAPP:
        return bool(settings.WHATSAPP_ACCESS_TOKEN and settings.WHATSAPP_PHONE_NUMBER_ID)
    path = _sms_adapter_path()
    return bool(path) and import_string(path).configured()
