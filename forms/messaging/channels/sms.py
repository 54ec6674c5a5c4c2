"""SMS behind the same interface; the provider is chosen in settings (``SMS_PROVIDER``).

Twilio's Messages resource is the one shipped: POST /2010-04-01/Accounts/{sid}/Messages.json, form-encoded
To, From and Body, with the account SID and auth token as HTTP Basic credentials.
"""

import httpx
from django.conf import settings

from .base import Content, PermanentDeliveryError, TransientDeliveryError


class TwilioSmsAdapter:
    @staticmethod
    def configured() -> bool:
        return bool(settings.SMS_TWILIO_ACCOUNT_SID and settings.SMS_TWILIO_AUTH_TOKEN and settings.SMS_FROM)

    def send(self, content: Content) -> str:
        sid = settings.SMS_TWILIO_ACCOUNT_SID
        url = f"{settings.SMS_TWILIO_API_BASE.rstrip('/')}/2010-04-01/Accounts/{sid}/Messages.json"
        try:
            response = httpx.post(
                url,
                data={"To": content.address, "From": settings.SMS_FROM, "Body": content.body},
                auth=(sid, settings.SMS_TWILIO_AUTH_TOKEN),
                timeout=settings.MESSAGE_PROVIDER_TIMEOUT_SECONDS,
            )
        except httpx.HTTPError as exc:
            raise TransientDeliveryError(f"SMS: {type(exc).__name__}") from exc
        if response.status_code == 429 or response.status_code >= 500:
            raise TransientDeliveryError(f"SMS HTTP {response.status_code}")
        if response.status_code >= 400:
            try:
                code = response.json().get("code", "")
            except ValueError:
                code = ""
            raise PermanentDeliveryError(f"SMS HTTP {response.status_code} {code}".strip())
        return response.json().get("sid", "")
