"""One notifier interface for every status change; e-mail today, SMS or WhatsApp can join later."""

from typing import Protocol

from django.conf import settings
from django.core.mail import send_mail
from django.dispatch import Signal
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.module_loading import import_string

# Sent after commit for every status change; other rooms (the survey, reports) listen instead of being called.
application_status_changed = Signal()


class Notifier(Protocol):
    def notify(self, *, application, change) -> None: ...


class EmailNotifier:
    """Sends the citizen an Indonesian e-mail through Django's configured e-mail backend."""

    def notify(self, *, application, change) -> None:
        # A walk-in citizen without an account is written to at the address given at the counter, if any.
        email = application.applicant.email if application.applicant else application.contact_email
        if not email:
            return
        base_url = getattr(settings, "PORTAL_BASE_URL", settings.WAGTAILADMIN_BASE_URL).rstrip("/")
        context = {"application": application, "change": change, "base_url": base_url}
        with translation.override(settings.LANGUAGE_CODE):
            subject = render_to_string("intake/email/status_change_subject.txt", context).strip()
            body = render_to_string("intake/email/status_change.txt", context)
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [email])


def notifiers() -> list[Notifier]:
    return [import_string(path)() for path in getattr(settings, "APPLICATION_NOTIFIERS", [])]


def notify_status_change(*, application, change) -> None:
    for notifier in notifiers():
        notifier.notify(application=application, change=change)
    application_status_changed.send(sender=type(application), application=application, change=change)
