"""E-mail through Django's configured backend (SMTP, or an anymail provider's backend): the one place that sends."""

import smtplib

from django.conf import settings
from django.core.mail import EmailMessage
from django.core.mail.message import make_msgid

from .base import Content, PermanentDeliveryError, TransientDeliveryError


def _smtp_code(exc: smtplib.SMTPException) -> int | None:
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        codes = [code for code, _message in exc.recipients.values()]
        return max(codes) if codes else None
    return getattr(exc, "smtp_code", None)


class EmailAdapter:
    def send(self, content: Content) -> str:
        message_id = make_msgid(domain="disdukcapil.balikpapan")
        message = EmailMessage(
            content.subject,
            content.body,
            settings.DEFAULT_FROM_EMAIL,
            [address.strip() for address in content.address.split(",")],
            headers={"Message-ID": message_id},
        )
        try:
            message.send()
        except smtplib.SMTPException as exc:
            code = _smtp_code(exc)
            # RFC 5321: 4xx is a transient failure, 5xx a permanent one; a dropped connection is transient.
            if code is not None and 500 <= code < 600:
                raise PermanentDeliveryError(f"SMTP {code}") from exc
            raise TransientDeliveryError(f"SMTP {code or type(exc).__name__}") from exc
        except OSError as exc:
            raise TransientDeliveryError(f"SMTP connection: {type(exc).__name__}") from exc
        return message_id
