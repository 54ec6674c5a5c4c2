"""The citizen's channel choice on the account page, the queue's figures in /healthz, and the log on the case."""

import datetime

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from wagtail.models import ModelLogEntry

from forms.messaging.constants import Channel, MessageStatus
from forms.messaging.messenger import Recipient, message_deliver_task, message_send
from forms.messaging.models import ChannelPreference, Message
from forms.messaging.preferences import channel_preference_update
from tests.forms.factories import ApplicationFactory, StatusChangeFactory
from tests.forms.helpers import signed_in
from tests.forms.review.test_review_transitions import staff  # noqa: F401 - fixture

pytestmark = pytest.mark.django_db
PAGE = "/akun/pesan/"


def test_the_account_page_says_whatsapp_and_sms_are_off_without_credentials(citizen):
    body = signed_in(citizen).get(PAGE).content.decode()
    assert "WhatsApp belum diaktifkan di kantor ini" in body
    assert "SMS belum diaktifkan di kantor ini" in body
    assert "+62812****7890" in body and "+6281234567890" not in body
    assert reverse("messaging:channel_preferences") in signed_in(citizen).get("/permohonan/").content.decode()


def test_choosing_whatsapp_records_the_consent_with_its_time_and_withdrawing_it_too(citizen, whatsapp_api):
    client = Client(enforce_csrf_checks=False)
    client.force_login(citizen)
    body = client.get(PAGE).content.decode()
    assert "WhatsApp belum diaktifkan" not in body
    consent_time = datetime.datetime(2026, 12, 1, 9, 0, tzinfo=datetime.UTC)
    with time_machine.travel(consent_time, tick=False):
        response = client.post(PAGE, {"email": "on", "whatsapp": "on"}, follow=True)
    assert "Pilihan saluran Anda tersimpan." in response.content.decode()
    preference = ChannelPreference.objects.get(user=citizen)
    assert (preference.email, preference.whatsapp, preference.whatsapp_consented_at) == (True, True, consent_time)
    with time_machine.travel(consent_time + datetime.timedelta(hours=1), tick=False):
        client.post(PAGE, {"email": "on"})
    preference.refresh_from_db()
    assert not preference.whatsapp and preference.whatsapp_withdrawn_at == consent_time + datetime.timedelta(hours=1)
    assert ModelLogEntry.objects.filter(action="messaging.whatsapp_consent").count() == 2


def test_a_citizen_must_keep_one_channel(citizen):
    response = signed_in(citizen).post(PAGE, {})
    assert "Pilih sedikitnya satu saluran" in response.content.decode()
    assert not ChannelPreference.objects.exists()


def test_staff_see_the_messages_on_the_case_with_channel_status_and_attempts(
    whatsapp_citizen,
    whatsapp_api,
    staff,  # noqa: F811
    django_capture_on_commit_callbacks,
):
    application = ApplicationFactory(applicant=whatsapp_citizen, kecamatan=staff["operator"].staff_profile.kecamatan)
    change = StatusChangeFactory(application=application, to_status="returned")
    with django_capture_on_commit_callbacks(execute=True):
        message_send(
            kind="intake.status_change",
            to=Recipient.citizen(whatsapp_citizen),
            context={"application": application, "change": change, "base_url": "http://testserver"},
            about=application,
        )
    body = signed_in(staff["operator"]).get(f"/admin/permohonan/review/{application.pk}/").content.decode()
    assert "Pesan kepada warga" in body
    assert body.count("Status permohonan berubah") == 2
    assert '<tr class="message-email">' in body and '<tr class="message-whatsapp">' in body
    assert body.count("Terkirim") == 2
    assert "wa**@example.org" in body and "+62812****5432" in body


def test_healthz_reports_the_queue_and_fails_when_the_oldest_task_waits_too_long(seeded, client, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
    settings.TASKS_HEALTH_MAX_WAIT_SECONDS = 600
    queued = Message.objects.create(kind="intake.account_erased", channel=Channel.EMAIL, language="id")
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        message_deliver_task.enqueue(queued.pk)
        message_deliver_task.enqueue(queued.pk)
    Message.objects.create(
        kind="intake.account_erased",
        channel=Channel.EMAIL,
        language="id",
        status=MessageStatus.GIVEN_UP,
        finished_at=start,
    )
    with time_machine.travel(start + datetime.timedelta(seconds=300), tick=False):
        response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["queue"] == {
        "tasks_waiting": 2,
        "oldest_task_wait_seconds": 300,
        "failed_sends_last_hour": 1,
    }
    with time_machine.travel(start + datetime.timedelta(seconds=601), tick=False):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["checks"]["queue"] == "error: oldest task waits too long"
    assert response.json()["queue"]["failed_sends_last_hour"] == 1
    with time_machine.travel(start + datetime.timedelta(hours=2), tick=False):
        assert client.get("/healthz").json()["queue"]["failed_sends_last_hour"] == 0


def test_the_citizens_data_export_carries_their_channel_choice_and_consent_time(citizen):
    consent_time = datetime.datetime(2026, 12, 1, 9, 0, tzinfo=datetime.UTC)
    with time_machine.travel(consent_time, tick=False):
        channel_preference_update(user=citizen, email=True, whatsapp=True, sms=False)
    exported = signed_in(citizen).get(reverse("intake:my_data")).json()["message_channels"]
    assert exported == [
        {
            "email": True,
            "whatsapp": True,
            "whatsapp_consented_at": "2026-12-01T17:00:00+08:00",
            "whatsapp_withdrawn_at": None,
            "sms": False,
        }
    ]
