"""Messages that print dispatch sends, one function per kind, so the messenger can take them over in one place."""

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _


def notify_restock_request(*, request, recipients: list[str]) -> None:
    """Ask the SIAK administrators to ship blanks to a kecamatan whose stock lasts only a few more working days."""
    if not recipients:
        return
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("Restock request: blanks at %(kecamatan)s last about %(days)s working days") % {
            "kecamatan": request.kecamatan.name,
            "days": request.days_left,
        }
        body = render_to_string("dispatch/email/restock_request.txt", {"request": request})
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, recipients)
