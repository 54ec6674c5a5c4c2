"""One notifier interface for every status change; the messenger carries it by e-mail, WhatsApp or SMS."""

from typing import Protocol

from django.apps import apps
from django.conf import settings
from django.dispatch import Signal
from django.utils.module_loading import import_string
from django.utils.translation import gettext_lazy as _
from django_tasks import task

from forms.messaging.kinds import MessageKind, message_kind_register
from forms.messaging.messenger import Recipient, message_send

# Sent after commit for every status change; other rooms (the survey, reports) listen instead of being called.
application_status_changed = Signal()

STATUS_CHANGED = message_kind_register(
    MessageKind(
        key="intake.status_change",
        label=_("Application status changed"),
        email_subject="intake/email/status_change_subject.txt",
        email_body="intake/email/status_change.txt",
        whatsapp_template="status_permohonan",
        whatsapp_parameters="intake/whatsapp/status_change.txt",
        sms_body="intake/sms/status_change.txt",
    )
)


class Notifier(Protocol):
    def notify(self, *, application, change) -> None: ...


def base_url() -> str:
    return getattr(settings, "PORTAL_BASE_URL", settings.WAGTAILADMIN_BASE_URL).rstrip("/")


class MessengerNotifier:
    """Tells the citizen through the messenger, on the channels they chose.

    Called after commit; it only enqueues a task, so the request that changed the status does not even render
    the message: the worker does, then sends it.
    """

    def notify(self, *, application, change) -> None:
        status_change_message_task.enqueue(change.pk)


def status_change_message_send(*, change) -> None:
    application = change.application
    context = {"application": application, "change": change, "base_url": base_url()}
    if application.applicant:
        to = Recipient.citizen(application.applicant)
    elif application.contact_email:
        # A walk-in citizen without an account is written to at the address given at the counter, if any.
        to = Recipient(email=application.contact_email)
    else:
        return
    message_send(kind=STATUS_CHANGED.key, to=to, context=context, about=application)


@task()
def status_change_message_task(change_id: int) -> None:
    # By name: the timeline's models import this module, so it cannot import them.
    change = apps.get_model("intake", "StatusChange").objects.select_related("application").filter(pk=change_id)
    if change := change.first():
        status_change_message_send(change=change)


def notifiers() -> list[Notifier]:
    return [import_string(path)() for path in getattr(settings, "APPLICATION_NOTIFIERS", [])]


def notify_status_change(*, application, change) -> None:
    for notifier in notifiers():
        notifier.notify(application=application, change=change)
    application_status_changed.send(sender=type(application), application=application, change=change)
