"""Handed over or sent: the citizen is invited once, by e-mail and on the detail page; walk-ins by QR code."""

import re

import pytest
import time_machine
from django.core import mail
from django.template.loader import render_to_string
from django.test import Client
from django.utils import timezone

from forms.constants import ApplicationStatus, Channel
from forms.messaging.constants import MessageStatus
from forms.messaging.models import Message
from forms.review.transitions import application_transition
from forms.survey.models import SurveyInvitation, SurveyResponse
from forms.survey.tokens import survey_url

from .helpers import answer_post, hand_over, make_application, online_application, send_digital

pytestmark = pytest.mark.django_db
S = ApplicationStatus
LINK = re.compile(r"http://testserver/survei-kepuasan/[^/\s]+/")


def _survey_mails():
    return [message for message in mail.outbox if "Survei untuk permohonan" in message.subject]


def test_handing_over_a_card_invites_the_citizen_by_email_once(
    citizen, staff, settings, django_capture_on_commit_callbacks
):
    settings.PORTAL_BASE_URL = "http://testserver"
    application = online_application(citizen)
    with django_capture_on_commit_callbacks(execute=True):
        application = hand_over(application, staff)
    assert application.status == S.HANDED_OVER
    [message] = _survey_mails()
    assert message.to == [citizen.email]
    assert message.subject == f"Bagaimana pelayanan kami? Survei untuk permohonan {application.tracking_number}"
    assert "Survei Kepuasan Masyarakat" in message.body and "tanpa masuk akun" in message.body
    assert "6471065208900003" not in message.body  # no NIK in e-mail
    link = LINK.search(message.body).group(0)

    # The link opens the questionnaire without logging in.
    response = Client().get(link.removeprefix("http://testserver"))
    assert response.status_code == 200
    assert "Bagaimana pendapat Saudara tentang kesesuaian persyaratan pelayanan" in response.content.decode()

    # Archiving later does not invite again.
    with django_capture_on_commit_callbacks(execute=True):
        application_transition(
            application=application, action="archive", by=staff["operator"], expected_status=S.HANDED_OVER
        )
    assert len(_survey_mails()) == 1
    assert SurveyInvitation.objects.filter(application=application).count() == 1


def test_sending_a_digital_document_invites_the_citizen(citizen, staff, settings, django_capture_on_commit_callbacks):
    settings.PORTAL_BASE_URL = "http://testserver"
    application = online_application(citizen)
    with django_capture_on_commit_callbacks(execute=True):
        application = send_digital(application, staff)
    assert application.status == S.SENT
    [message] = _survey_mails()
    assert LINK.search(message.body)


def test_no_invitation_before_the_document_reaches_the_citizen(citizen, staff, django_capture_on_commit_callbacks):
    application = online_application(citizen)
    with django_capture_on_commit_callbacks(execute=True):
        application_transition(
            application=application, action="accept", by=staff["operator"], expected_status=S.SUBMITTED
        )
    assert _survey_mails() == []
    assert not SurveyInvitation.objects.exists()
    page = Client()
    page.force_login(citizen)
    body = page.get(application.get_absolute_url()).content.decode()
    assert "Isi survei" not in body


def test_detail_page_invites_until_answered_then_thanks(citizen, staff, django_capture_on_commit_callbacks):
    application = online_application(citizen)
    with django_capture_on_commit_callbacks(execute=True):
        application = hand_over(application, staff)
    client = Client()
    client.force_login(citizen)
    body = client.get(application.get_absolute_url()).content.decode()
    assert "Bagaimana pelayanan kami?" in body
    link = re.search(r'href="(/survei-kepuasan/[^"]+/)"', body).group(1)

    assert Client().post(link, answer_post()).status_code == 302
    body = client.get(application.get_absolute_url()).content.decode()
    assert "Isi survei" not in body
    assert "jawaban survei Anda untuk permohonan ini sudah kami terima" in body


def test_a_walk_in_without_an_account_answers_through_the_counter_qr_code(staff):
    application = make_application(status=S.READY_FOR_PICKUP, channel=Channel.COUNTER, applicant=None)
    application_transition(
        application=application, action="hand_over", by=staff["operator"], expected_status=S.READY_FOR_PICKUP
    )

    # The signed link carries a timestamp: render and compare within one frozen second.
    with time_machine.travel(timezone.now(), tick=False):
        html = render_to_string("survey/includes/counter_qr.html", {"application": application})
        url = survey_url(application)
    assert "<svg" in html and url in html
    assert "Pindai kode ini" in html

    response = Client().post(url.removeprefix("http://testserver"), answer_post())
    assert response.status_code == 302
    assert SurveyResponse.objects.get(application=application).kecamatan.name == "Balikpapan Kota"


def test_a_walk_in_is_invited_without_email(staff, django_capture_on_commit_callbacks):
    application = make_application(status=S.READY_FOR_PICKUP, channel=Channel.COUNTER, applicant=None)
    with django_capture_on_commit_callbacks(execute=True):
        application_transition(
            application=application, action="hand_over", by=staff["operator"], expected_status=S.READY_FOR_PICKUP
        )
    invitation = SurveyInvitation.objects.get(application=application)
    assert invitation.emailed_at is None
    assert _survey_mails() == []


def test_a_failing_mail_server_does_not_break_the_hand_over(
    citizen, staff, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "tests.forms.survey.test_invitation.BrokenBackend"
    application = online_application(citizen)
    settings.APPLICATION_NOTIFIERS = []  # only the survey mails here
    with django_capture_on_commit_callbacks(execute=True):
        application = hand_over(application, staff)
    assert application.status == S.HANDED_OVER
    # The invitation is not lost: it waits in the messenger's log for the next attempt.
    message = Message.objects.get(kind="survey.invitation")
    assert (message.status, message.attempts) == (MessageStatus.QUEUED, 1)
    assert "ConnectionRefusedError" in message.last_error
    assert message.next_attempt_at > timezone.now()


class BrokenBackend:
    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise ConnectionRefusedError("smtp down")
