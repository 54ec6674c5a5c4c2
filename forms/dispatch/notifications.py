"""Messages that print dispatch sends, one function per kind, through the messenger."""

from forms.messaging.messenger import message_send_staff

from .messages import RESTOCK_REQUEST


def notify_restock_request(*, request, recipients: list[str]) -> None:
    """Ask the SIAK administrators to ship blanks to a kecamatan whose stock lasts only a few more working days."""
    message_send_staff(
        kind=RESTOCK_REQUEST.key, emails=recipients, context={"request": request}, about=request.kecamatan
    )
