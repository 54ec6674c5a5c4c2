"""The one messenger: ``message_send(kind=..., to=..., context=...)`` for every message the portal sends.

The caller's transaction holds the log rows; the send is a task enqueued on commit, so a rolled-back change
sends nothing and a request never waits on a provider. The worker retries passing faults with back-off and
then marks the message given up.
"""

import logging
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django_tasks import task

from portal.logging import id_numbers_mask

from . import channels
from .constants import Channel, MessageStatus
from .kinds import MessageKind, message_kind
from .models import ChannelPreference, Message

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Recipient:
    """Who a message goes to. A citizen with an account brings their channel choices; anyone else gets e-mail."""

    email: str = ""
    phone: str = ""
    user: object | None = None
    language: str = ""

    @classmethod
    def citizen(cls, user, *, language: str = "") -> "Recipient":
        profile = getattr(user, "citizen_profile", None)
        return cls(email=user.email, phone=profile.mobile if profile else "", user=user, language=language)


def mask_address(address: str) -> str:
    """``bu****@example.id`` or ``+62812****7890``: enough for staff to tell which address, not to copy it."""
    if "@" in address:
        local, _at, domain = address.partition("@")
        return f"{local[:2]}{'*' * max(len(local) - 2, 1)}@{domain}"[:64]
    return f"{address[:6]}{'*' * max(len(address) - 10, 1)}{address[-4:]}"[:64]


def preference_for(user) -> ChannelPreference:
    """The saved choice, or the default (e-mail only) for a citizen who never chose."""
    if user is None or not user.pk:
        return ChannelPreference(email=True)
    return ChannelPreference.objects.filter(user=user).first() or ChannelPreference(user=user, email=True)


def channels_for(kind: MessageKind, to: Recipient) -> list[tuple[str, str]]:
    """(channel, address) pairs this message goes by: the citizen's choices among what the kind and settings allow."""
    if to.user is None:
        return [(Channel.EMAIL, to.email)] if to.email else []
    preference = preference_for(to.user)
    chosen = []
    if preference.email and to.email:
        chosen.append((Channel.EMAIL, to.email))
    for channel, wanted in ((Channel.WHATSAPP, preference.whatsapp), (Channel.SMS, preference.sms)):
        if wanted and to.phone and channel in kind.channels and channels.enabled(channel):
            chosen.append((channel, to.phone))
    if not chosen and to.email:
        # Nothing the citizen chose can carry this one (WhatsApp off on this server): e-mail rather than silence.
        chosen.append((Channel.EMAIL, to.email))
    return chosen


def _lines(template: str, context: dict) -> list[str]:
    return [line.strip() for line in render_to_string(template, context).splitlines() if line.strip()]


def message_render(kind: MessageKind, channel: str, context: dict, language: str) -> dict:
    """The text of one kind on one channel in one language, as the log keeps it until it is sent."""
    with translation.override(language):
        if channel == Channel.EMAIL:
            if callable(kind.email_subject):
                subject = str(kind.email_subject(context))
            else:
                subject = render_to_string(kind.email_subject, context)
            rendered = {
                "subject": " ".join(subject.split())[:255],
                "body": render_to_string(kind.email_body, context),
            }
        elif channel == Channel.WHATSAPP:
            parameters = _lines(kind.whatsapp_parameters, context)
            rendered = {
                "template_name": kind.whatsapp_template,
                "parameters": parameters,
                "body": "\n".join(parameters),
            }
        else:
            rendered = {"body": " ".join(render_to_string(kind.sms_body, context).split())}
    # A whole NIK or KK never leaves the office in a message (security.md), even one a complainant typed.
    for key in ("subject", "body"):
        if key in rendered:
            rendered[key] = id_numbers_mask(rendered[key])
    if "parameters" in rendered:
        rendered["parameters"] = [id_numbers_mask(text) for text in rendered["parameters"]]
    return rendered


def message_send(*, kind: str, to: Recipient, context: dict, about=None) -> list[Message]:
    """Record the message on each of the recipient's channels and send it after the caller's commit."""
    message_type = message_kind(kind)
    return _record(message_type, channels_for(message_type, to), context, to.language, about)


def message_send_staff(*, kind: str, emails, context: dict, about=None) -> list[Message]:
    """Staff messages go by e-mail: one e-mail to every address given, as one entry in the log."""
    addresses = list(dict.fromkeys(address for address in emails if address))
    if not addresses:
        return []
    return _record(message_kind(kind), [(Channel.EMAIL, ", ".join(addresses))], context, "", about)


def _record(message_type: MessageKind, routes, context: dict, language: str, about) -> list[Message]:
    language = language or settings.LANGUAGE_CODE
    related = {}
    if about is not None and about.pk is not None:
        related = {"content_type": ContentType.objects.get_for_model(about), "object_id": str(about.pk)}
    messages = []
    for channel, address in routes:
        rendered = message_render(message_type, channel, context, language)
        masked = ", ".join(mask_address(part.strip()) for part in address.split(","))
        messages.append(
            Message.objects.create(
                kind=message_type.key,
                channel=channel,
                address=address,
                recipient_masked=masked[:255],
                language=language,
                **rendered,
                **related,
            )
        )
    for message in messages:
        transaction.on_commit(lambda pk=message.pk: message_deliver_task.enqueue(pk))
    return messages


def retry_delay(attempts: int) -> timedelta:
    base = settings.MESSAGE_RETRY_BASE_SECONDS
    return timedelta(seconds=min(base * 2 ** (attempts - 1), settings.MESSAGE_RETRY_MAX_SECONDS))


def _finish(message: Message, status: str, **fields) -> None:
    now = timezone.now()
    # The log keeps the kind, channel, masked recipient and outcome; the address and text go once final.
    Message.objects.filter(pk=message.pk).update(
        status=status, finished_at=now, address="", body="", parameters=[], next_attempt_at=None, **fields
    )


def message_deliver(*, message_id: int) -> str:
    """One attempt at one message; returns its status. A duplicate task for the same message does nothing."""
    now = timezone.now()
    with transaction.atomic():
        message = Message.objects.select_for_update().filter(pk=message_id).first()
        if message is None or message.status != MessageStatus.QUEUED:
            return message.status if message else "missing"
        if message.next_attempt_at and message.next_attempt_at > now:
            return message.status  # another worker holds this attempt, or its back-off has not run out
        message.attempts += 1
        message.last_attempt_at = now
        # A lease: while this attempt runs, a second copy of the task finds the message not due.
        message.next_attempt_at = now + timedelta(seconds=settings.MESSAGE_PROVIDER_TIMEOUT_SECONDS * 4)
        message.save(update_fields=["attempts", "last_attempt_at", "next_attempt_at"])
    content = channels.Content(
        address=message.address,
        language=message.language,
        subject=message.subject,
        body=message.body,
        template_name=message.template_name,
        parameters=list(message.parameters),
    )
    try:
        provider_id = channels.adapter(message.channel).send(content)
    except channels.PermanentDeliveryError as exc:
        logger.warning("Message %s (%s by %s) refused: %s", message.pk, message.kind, message.channel, exc)
        _finish(message, MessageStatus.FAILED, last_error=str(exc)[:255])
        return MessageStatus.FAILED
    except Exception as exc:  # any other fault is taken as passing: the message is tried again
        error = str(exc) if isinstance(exc, channels.DeliveryError) else type(exc).__name__
        if message.attempts >= settings.MESSAGE_MAX_ATTEMPTS:
            logger.error(
                "Message %s (%s by %s) given up after %s attempts: %s",
                message.pk,
                message.kind,
                message.channel,
                message.attempts,
                error,
            )
            _finish(message, MessageStatus.GIVEN_UP, last_error=error[:255])
            return MessageStatus.GIVEN_UP
        retry_at = timezone.now() + retry_delay(message.attempts)
        Message.objects.filter(pk=message.pk).update(last_error=error[:255], next_attempt_at=retry_at)
        message_retry_enqueue(message_id=message.pk, at=retry_at)
        return MessageStatus.QUEUED
    _finish(message, MessageStatus.SENT, sent_at=timezone.now(), last_error="", provider_id=provider_id[:128])
    return MessageStatus.SENT


def message_retry_enqueue(*, message_id: int, at) -> None:
    """The next attempt, on a backend that can defer a task; otherwise the scheduler's sweep picks it up."""
    if message_deliver_task.get_backend().supports_defer:
        message_deliver_task.using(run_after=at).enqueue(message_id)


def messages_requeue_due(*, now=None) -> int:
    """Enqueue every queued message whose next attempt is due and has no task waiting (a lost worker, a deferless
    backend); ``message_deliver`` ignores a copy, so enqueueing twice is safe."""
    now = now or timezone.now()
    due = list(
        Message.objects.filter(status=MessageStatus.QUEUED, next_attempt_at__lte=now).values_list("pk", flat=True)
    )
    for pk in due:
        message_deliver_task.enqueue(pk)
    return len(due)


@task()
def message_deliver_task(message_id: int) -> str:
    return message_deliver(message_id=message_id)
