"""Each adapter against a local stand-in of its provider: a sent message, a refusal that fails it for good, and a
passing fault (429, 5xx, a refusing SMTP server) that is retried with back-off until it goes or is given up."""

import datetime
import json
import socket
from urllib.parse import parse_qs

import pytest
import time_machine
from aiosmtpd.controller import Controller
from django.core import mail
from django.utils import timezone

from forms.messaging.constants import Channel, MessageStatus
from forms.messaging.messenger import Recipient, message_send
from forms.messaging.models import Message
from forms.messaging.preferences import channel_preference_update
from tests.forms.factories import ApplicationFactory, StatusChangeFactory

pytestmark = pytest.mark.django_db


def _status_message(user, django_capture_on_commit_callbacks):
    application = ApplicationFactory(applicant=user)
    change = StatusChangeFactory(application=application, to_status="returned")
    context = {"application": application, "change": change, "base_url": "http://testserver"}
    with django_capture_on_commit_callbacks(execute=True):
        message_send(kind="intake.status_change", to=Recipient.citizen(user), context=context, about=application)
    return application


def _later(minutes):
    return time_machine.travel(timezone.now() + datetime.timedelta(minutes=minutes), tick=False)


def test_a_whatsapp_template_message_is_sent_as_meta_documents_it(
    whatsapp_citizen, whatsapp_api, database_tasks, django_capture_on_commit_callbacks
):
    application = _status_message(whatsapp_citizen, django_capture_on_commit_callbacks)
    database_tasks()
    [request] = whatsapp_api.requests
    payload = json.loads(request["body"])
    assert payload["to"] == "6281298765432"
    assert payload["template"]["name"] == "status_permohonan"
    assert payload["template"]["language"] == {"code": "id"}
    texts = [p["text"] for p in payload["template"]["components"][0]["parameters"]]
    assert texts[:3] == ["Wati Rahayu", application.tracking_number, "Dikembalikan untuk perbaikan"]
    whatsapp = Message.objects.get(channel=Channel.WHATSAPP)
    assert (whatsapp.status, whatsapp.attempts, whatsapp.provider_id) == (MessageStatus.SENT, 1, "wamid.TEST123")
    assert whatsapp.recipient_masked == "+62812****5432" and whatsapp.address == ""
    assert Message.objects.get(channel=Channel.EMAIL).status == MessageStatus.SENT
    assert [m.to for m in mail.outbox] == [["wati@example.org"]]


def test_a_whatsapp_4xx_fails_the_message_without_a_retry(
    whatsapp_citizen, whatsapp_api, database_tasks, django_capture_on_commit_callbacks
):
    # 132001: the template does not exist in this language; asking again will not change that.
    whatsapp_api.answers = [(400, {"error": {"message": "Template name does not exist", "code": 132001}})]
    _status_message(whatsapp_citizen, django_capture_on_commit_callbacks)
    database_tasks()
    with _later(120):
        database_tasks()
    message = Message.objects.get(channel=Channel.WHATSAPP)
    assert (message.status, message.attempts, message.last_error) == (
        MessageStatus.FAILED,
        1,
        "WhatsApp HTTP 400 code 132001",
    )
    assert len(whatsapp_api.requests) == 1


@pytest.mark.parametrize("fault", [(429, 130429), (503, 131000)])
def test_a_whatsapp_429_or_5xx_is_retried_with_back_off(
    whatsapp_citizen, whatsapp_api, database_tasks, django_capture_on_commit_callbacks, fault
):
    status, code = fault
    whatsapp_api.answers = [(status, {"error": {"message": "try later", "code": code}})]
    _status_message(whatsapp_citizen, django_capture_on_commit_callbacks)
    database_tasks()
    message = Message.objects.get(channel=Channel.WHATSAPP)
    assert (message.status, message.attempts) == (MessageStatus.QUEUED, 1)
    assert message.last_error == f"WhatsApp HTTP {status} code {code}"
    database_tasks()  # the retry waits for its back-off: nothing is tried early
    assert len(whatsapp_api.requests) == 1
    with _later(2):
        database_tasks()
    message.refresh_from_db()
    assert (message.status, message.attempts) == (MessageStatus.SENT, 2)


def test_a_whatsapp_fault_that_persists_is_given_up_visibly(
    whatsapp_citizen, whatsapp_api, database_tasks, django_capture_on_commit_callbacks, settings
):
    settings.MESSAGE_MAX_ATTEMPTS = 3
    whatsapp_api.answers = [(500, {"error": {"message": "down", "code": 1}})] * 5
    _status_message(whatsapp_citizen, django_capture_on_commit_callbacks)
    for minutes in (0, 2, 5, 10):
        with _later(minutes):
            database_tasks()
    message = Message.objects.get(channel=Channel.WHATSAPP)
    assert (message.status, message.attempts, message.last_error) == (
        MessageStatus.GIVEN_UP,
        3,
        "WhatsApp HTTP 500 code 1",
    )
    assert len(whatsapp_api.requests) == 3


def test_a_citizen_who_opted_out_of_whatsapp_gets_email_only(
    whatsapp_citizen, whatsapp_api, django_capture_on_commit_callbacks
):
    channel_preference_update(user=whatsapp_citizen, email=True, whatsapp=False, sms=False)
    _status_message(whatsapp_citizen, django_capture_on_commit_callbacks)
    assert list(Message.objects.values_list("channel", "status")) == [(Channel.EMAIL, MessageStatus.SENT)]
    assert whatsapp_api.requests == []
    assert len(mail.outbox) == 1


def test_whatsapp_without_credentials_is_off_and_the_citizen_gets_email(
    whatsapp_citizen, django_capture_on_commit_callbacks
):
    _status_message(whatsapp_citizen, django_capture_on_commit_callbacks)
    assert list(Message.objects.values_list("channel", flat=True)) == [Channel.EMAIL]


def test_sms_goes_through_the_provider_chosen_in_settings(
    whatsapp_citizen, sms_api, database_tasks, django_capture_on_commit_callbacks
):
    channel_preference_update(user=whatsapp_citizen, email=False, whatsapp=False, sms=True)
    sms_api.answers = [(500, {"code": 20500, "message": "Internal"})]
    application = _status_message(whatsapp_citizen, django_capture_on_commit_callbacks)
    database_tasks()
    with _later(2):
        database_tasks()
    message = Message.objects.get()
    assert (message.channel, message.status, message.attempts) == (Channel.SMS, MessageStatus.SENT, 2)
    form = parse_qs(sms_api.requests[-1]["body"])
    assert form["To"] == ["+6281298765432"] and form["From"] == ["+15005550006"]
    assert application.tracking_number in form["Body"][0]


def test_an_sms_the_provider_refuses_fails(
    whatsapp_citizen, sms_api, database_tasks, django_capture_on_commit_callbacks
):
    channel_preference_update(user=whatsapp_citizen, email=False, whatsapp=False, sms=True)
    sms_api.answers = [(400, {"code": 21211, "message": "Invalid 'To' Phone Number"})]
    _status_message(whatsapp_citizen, django_capture_on_commit_callbacks)
    database_tasks()
    message = Message.objects.get()
    assert (message.status, message.last_error) == (MessageStatus.FAILED, "SMS HTTP 400 21211")


class RefusingThenAccepting:
    """An SMTP server that answers 451 (try again later) to the first messages, then takes them."""

    def __init__(self, refusals):
        self.refusals = refusals
        self.received = []

    async def handle_DATA(self, server, session, envelope):
        if self.refusals:
            self.refusals -= 1
            return "451 4.3.0 Mailbox busy, try again later"
        self.received.append(envelope)
        return "250 OK"


@pytest.fixture
def refusing_smtp(settings):
    handler = RefusingThenAccepting(refusals=2)
    with socket.socket() as probe:  # aiosmtpd checks its own port once started, so it needs a real one
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_TIMEOUT = 5
    yield handler
    controller.stop()


def test_a_refusing_smtp_server_delays_the_message_but_loses_nothing(
    citizen, refusing_smtp, database_tasks, django_capture_on_commit_callbacks
):
    application = _status_message(citizen, django_capture_on_commit_callbacks)
    database_tasks()
    message = Message.objects.get()
    assert (message.status, message.attempts, message.last_error) == (MessageStatus.QUEUED, 1, "SMTP 451")
    for minutes in (2, 5):
        with _later(minutes):
            database_tasks()
    message.refresh_from_db()
    assert (message.status, message.attempts) == (MessageStatus.SENT, 3)
    [envelope] = refusing_smtp.received
    assert envelope.rcpt_tos == ["ani@example.org"]
    assert application.tracking_number in envelope.content.decode()
