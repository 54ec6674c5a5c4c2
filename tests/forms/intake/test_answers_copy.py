"""The citizen gets one e-mailed copy of their answers on submission, through the messenger, without a whole NIK."""

import re

import pytest
from django.core import mail

from forms.messaging.constants import Channel
from forms.messaging.models import ChannelPreference, Message
from forms.models import Application

from ..helpers import VALID_KK, VALID_NIK, lost_card_form, lost_card_post, signed_in, tracking_from

pytestmark = pytest.mark.django_db

SIXTEEN_DIGITS = re.compile(r"\d(?:[ .-]?\d){15}")


def _copies():
    return [message for message in mail.outbox if "salinan jawaban" in message.subject.lower()]


def test_the_emailed_copy_of_the_answers_carries_no_whole_nik_or_kk(citizen, django_capture_on_commit_callbacks):
    client = signed_in(citizen)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(lost_card_form().url, lost_card_post())
    application = Application.objects.get(tracking_number=tracking_from(response))
    [copy] = _copies()
    assert copy.to == [citizen.email]
    assert application.tracking_number in copy.subject
    body = copy.body
    # Every answer as given, the identity numbers shortened.
    assert "Nama lengkap: Ani Lestari" in body
    assert "NIK: 6471********0003" in body and "Nomor KK: 6471********0007" in body
    assert "kk.pdf" in body and "IMG_2041.jpg" in body
    assert "Diambil di kantor kecamatan" in body
    assert f"/permohonan/{application.tracking_number}/tanda-terima/" in body
    assert "Pemeriksaan persyaratan" in body and "paling lambat" in body
    for whole in (VALID_NIK, VALID_KK, "6471 0652 0890 0003"):
        assert whole not in body and whole not in copy.subject
    assert not SIXTEEN_DIGITS.search(body + copy.subject)
    # The messenger's log keeps the kind and the masked address, never the text once it is sent.
    logged = Message.objects.get(kind="intake.answers_copy")
    assert logged.channel == Channel.EMAIL and logged.status == "sent" and logged.body == ""
    assert logged.object_id == str(application.pk)


def test_a_double_submit_sends_one_copy_and_whatsapp_only_citizens_still_get_it_by_email(
    citizen, django_capture_on_commit_callbacks
):
    ChannelPreference.objects.create(user=citizen, email=False, whatsapp=True)
    client = signed_in(citizen)
    post = lost_card_post()
    with django_capture_on_commit_callbacks(execute=True):
        first = client.post(lost_card_form().url, post)
    with django_capture_on_commit_callbacks(execute=True):
        again = client.post(lost_card_form().url, {**lost_card_post(), "submission_token": post["submission_token"]})
    assert tracking_from(first) == tracking_from(again)
    assert len(_copies()) == 1
    assert Message.objects.filter(kind="intake.answers_copy").count() == 1


def test_a_refused_submission_records_no_copy(citizen, django_capture_on_commit_callbacks):
    client = signed_in(citizen)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(lost_card_form().url, lost_card_post(nik="123"))
    assert response.status_code == 200 and not Application.objects.exists()
    assert _copies() == [] and not Message.objects.filter(kind="intake.answers_copy").exists()
