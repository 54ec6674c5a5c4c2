"""A citizen reads the words of their own service: a card, a document or an activation, in the standard's time."""

import html
import re

import pytest
from django.conf import settings
from django.core import mail
from django.test import TestCase
from django.urls import reverse
from django.utils import translation

from forms.constants import TRANSITIONS, ApplicationStatus, Processing, status_meaning
from forms.office.notifications import MessengerNotifier
from services.constants import DurationUnit
from tests.forms.factories import ApplicationFactory, ApplicationFormPageFactory, StatusChangeFactory
from tests.services.factories import ServiceStandardPageFactory

from ..helpers import VALID_NIK

pytestmark = pytest.mark.django_db

S = ApplicationStatus
# "Kartu Keluarga" is the name of a document a digital service may ask for or issue, not the card wording.
CARD_WORDS = re.compile(r"\bkartu\b(?!\s+keluarga)|\bcards?\b", re.IGNORECASE)
DIGITAL_STATUSES = [S.SUBMITTED, *dict.fromkeys(t.target for t in TRANSITIONS if Processing.DIGITAL in t.tracks)]


def visible_text(page: str) -> str:
    page = re.sub(r"<(script|style)\b.*?</\1>", " ", page, flags=re.DOTALL | re.IGNORECASE)
    return html.unescape(re.sub(r"<[^>]+>", " ", page))


@pytest.fixture
def digital_application(seeded):
    standard = ServiceStandardPageFactory(
        title="Penerbitan Akta Kelahiran", product="Kutipan Akta Kelahiran", duration_value=14
    )
    page = ApplicationFormPageFactory(parent=standard, processing=Processing.DIGITAL, tracking_prefix="AKL")
    application = ApplicationFactory(page=page, promised_duration=14, promised_duration_unit=DurationUnit.WORKING_DAYS)
    for previous, status in zip(DIGITAL_STATUSES, DIGITAL_STATUSES[1:], strict=False):
        StatusChangeFactory(application=application, from_status=previous, to_status=status, note="")
    application.status = DIGITAL_STATUSES[-1]
    application.save()
    return application


def _citizen_pages(client, application):
    client.force_login(application.applicant)
    pages = {
        "detail": client.get(application.get_absolute_url()),
        "receipt": client.get(reverse("intake:application_receipt", args=[application.tracking_number])),
        "list": client.get(reverse("intake:application_list")),
        "tracking": client.post(
            reverse("intake:tracking"), {"nomor": application.tracking_number, "nik4": VALID_NIK[-4:]}
        ),
    }
    for name, response in pages.items():
        assert response.status_code == 200, name
    return {name: visible_text(response.content.decode()) for name, response in pages.items()}


def _status_emails(application):
    mail.outbox.clear()
    # The messenger sends after commit; the test's transaction never commits, so its callbacks run here.
    with TestCase.captureOnCommitCallbacks(execute=True):
        for change in application.history.all():
            MessengerNotifier().notify(application=application, change=change)
    return [f"{message.subject}\n{message.body}" for message in mail.outbox]


@pytest.mark.parametrize("language", ["id", "en"])
def test_no_card_wording_reaches_the_citizen_of_a_digital_document(client, settings, digital_application, language):
    settings.LANGUAGE_CODE = language  # the e-mails are written in the office's language
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    pages = _citizen_pages(client, digital_application)
    emails = _status_emails(digital_application)
    assert len(emails) == len(DIGITAL_STATUSES)
    for name, text in [*pages.items(), *(("e-mail", body) for body in emails)]:
        assert not CARD_WORDS.search(text), (name, CARD_WORDS.search(text))
    # The pages do speak of the product and of the time its standard promises.
    days = "14 hari kerja" if language == "id" else "14 working days"
    assert days in pages["receipt"] and days in pages["detail"]
    assert "Kutipan Akta Kelahiran" in pages["receipt"]


def test_the_check_finds_the_card_wording_of_a_card_application(client, seeded):
    application = ApplicationFactory(status=S.READY_FOR_PICKUP)
    StatusChangeFactory(application=application, from_status=S.SUBMITTED, to_status=S.READY_FOR_PICKUP)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    assert CARD_WORDS.search(_citizen_pages(client, application)["detail"])


def test_the_receipt_falls_back_to_the_standards_time_for_an_application_without_a_promise(client, seeded):
    standard = ServiceStandardPageFactory(duration_value=3)
    application = ApplicationFactory(page=ApplicationFormPageFactory(parent=standard), promised_duration=None)
    client.force_login(application.applicant)
    receipt = client.get(reverse("intake:application_receipt", args=[application.tracking_number]))
    assert "3 hari kerja" in visible_text(receipt.content.decode())


def test_the_submitted_email_states_the_promised_time(digital_application):
    first = digital_application.history.get(to_status=S.SUBMITTED)
    with TestCase.captureOnCommitCallbacks(execute=True):
        MessengerNotifier().notify(application=digital_application, change=first)
    assert "Jangka Waktu Pelayanan: 14 hari kerja" in mail.outbox[-1].body


@pytest.mark.parametrize(
    ("processing", "status", "word"),
    [
        (Processing.CARD, S.HANDED_OVER, "Kartu"),
        (Processing.CARD, S.READY_FOR_PICKUP, "KTP-el"),
        (Processing.DIGITAL, S.SENT, "Dokumen"),
        (Processing.DIGITAL, S.CERTIFIED, "Dokumen"),
        (Processing.VISIT, S.SUBMITTED, "aktivasi"),
        (Processing.VISIT, S.HANDED_OVER, "Aktivasi"),
    ],
)
def test_a_status_means_what_its_track_delivers(processing, status, word):
    with translation.override(settings.LANGUAGE_CODE):
        assert word in str(status_meaning(status, processing))


def test_every_status_a_digital_document_reaches_speaks_of_no_card():
    for language in ("id", "en"):
        with translation.override(language):
            for status in DIGITAL_STATUSES:
                meaning = str(status_meaning(status, Processing.DIGITAL))
                assert meaning and not CARD_WORDS.search(meaning), (language, status)
