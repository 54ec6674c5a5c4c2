"""E-mails about a visit that a status change does not cover: a day booked, a visit not completed or cancelled."""

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation


def _send(*, booking, template: str) -> None:
    application = booking.application
    email = application.applicant.email if application.applicant else ""
    if not email:
        return
    base_url = getattr(settings, "PORTAL_BASE_URL", settings.WAGTAILADMIN_BASE_URL).rstrip("/")
    context = {
        "application": application,
        "booking": booking,
        "base_url": base_url,
        "rebook_url": base_url + reverse("visits:rebook", args=[application.tracking_number]),
    }
    with translation.override(settings.LANGUAGE_CODE):
        subject = render_to_string(f"visits/email/{template}_subject.txt", context).strip()
        body = render_to_string(f"visits/email/{template}.txt", context)
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [email])


def notify_visit_booked(*, booking) -> None:
    _send(booking=booking, template="booked")


def notify_visit_not_completed(*, booking) -> None:
    _send(booking=booking, template="not_completed")


def notify_visit_cancelled(*, booking) -> None:
    _send(booking=booking, template="office_closed")
