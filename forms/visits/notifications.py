"""Messages about a visit that a status change does not cover: a day booked, a visit not completed or cancelled."""

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from forms.messaging.kinds import MessageKind, message_kind_register
from forms.messaging.messenger import Recipient, message_send


def _kind(template: str, label) -> MessageKind:
    return message_kind_register(
        MessageKind(
            key=f"visits.{template}",
            label=label,
            email_subject=f"visits/email/{template}_subject.txt",
            email_body=f"visits/email/{template}.txt",
            whatsapp_template=f"kunjungan_{template}",
            whatsapp_parameters=f"visits/whatsapp/{template}.txt",
            sms_body=f"visits/sms/{template}.txt",
        )
    )


BOOKED = _kind("booked", _("IKD visit booked"))
NOT_COMPLETED = _kind("not_completed", _("IKD visit not completed"))
OFFICE_CLOSED = _kind("office_closed", _("IKD visit day cancelled"))


def _send(*, booking, kind: MessageKind) -> None:
    application = booking.application
    if not application.applicant or not application.applicant.email:
        return
    base_url = getattr(settings, "PORTAL_BASE_URL", settings.WAGTAILADMIN_BASE_URL).rstrip("/")
    context = {
        "application": application,
        "booking": booking,
        "base_url": base_url,
        "rebook_url": base_url + reverse("visits:rebook", args=[application.tracking_number]),
    }
    message_send(kind=kind.key, to=Recipient.citizen(application.applicant), context=context, about=application)


def notify_visit_booked(*, booking) -> None:
    _send(booking=booking, kind=BOOKED)


def notify_visit_not_completed(*, booking) -> None:
    _send(booking=booking, kind=NOT_COMPLETED)


def notify_visit_cancelled(*, booking) -> None:
    _send(booking=booking, kind=OFFICE_CLOSED)
