"""WhatsApp Business Cloud API: template messages, the only kind a business may start a conversation with.

A small httpx adapter: Meta's own Python SDK is archived and the community clients wrap far more than one POST.
POST {base}/{version}/{phone-number-id}/messages with a Bearer token, as Meta documents it.
"""

import httpx
from django.conf import settings

from .base import Content, PermanentDeliveryError, TransientDeliveryError


def whatsapp_number(address: str) -> str:
    """The Cloud API's ``to``: the number in international form without '+' (628…)."""
    return address.lstrip("+")


class WhatsAppAdapter:
    def send(self, content: Content) -> str:
        url = (
            f"{settings.WHATSAPP_API_BASE.rstrip('/')}/{settings.WHATSAPP_API_VERSION}/"
            f"{settings.WHATSAPP_PHONE_NUMBER_ID}/messages"
        )
        payload = {
            "messaging_product": "whatsapp",
            "recipient_type": "individual",
            "to": whatsapp_number(content.address),
            "type": "template",
            "template": {
                "name": content.template_name,
                "language": {"code": content.language},
                "components": [
                    {"type": "body", "parameters": [{"type": "text", "text": text} for text in content.parameters]}
                ],
            },
        }
        try:
            response = httpx.post(
                url,
                json=payload,
                headers={"Authorization": f"Bearer {settings.WHATSAPP_ACCESS_TOKEN}"},
                timeout=settings.MESSAGE_PROVIDER_TIMEOUT_SECONDS,
            )
        except httpx.HTTPError as exc:
            raise TransientDeliveryError(f"WhatsApp: {type(exc).__name__}") from exc
        if response.status_code == 429 or response.status_code >= 500:
            raise TransientDeliveryError(f"WhatsApp HTTP {response.status_code} {_error_code(response)}".strip())
        if response.status_code >= 400:
            raise PermanentDeliveryError(f"WhatsApp HTTP {response.status_code} {_error_code(response)}".strip())
        try:
            return response.json()["messages"][0]["id"]
        except (ValueError, KeyError, IndexError) as exc:
            raise TransientDeliveryError("WhatsApp: unreadable answer") from exc


def _error_code(response) -> str:
    try:
        error = response.json().get("error", {})
    except ValueError:
        return ""
    return f"code {error['code']}" if "code" in error else ""
