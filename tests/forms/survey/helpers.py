"""Applications at the end of their road, and answer sets with a known total, for the survey tests."""

import itertools
import uuid
from datetime import datetime

from django.test import Client
from django.utils import timezone

from forms.constants import ApplicationStatus, Channel, Processing
from forms.models import Application
from forms.review.transitions import application_transition
from forms.survey.constants import ELEMENT_FIELDS
from forms.survey.models import SurveyResponse
from services.models import Kecamatan, ServiceStandardPage
from tests.forms.helpers import lost_card_form, lost_card_post, tracking_from

S = ApplicationStatus
_numbers = itertools.count(1)


def online_application(citizen) -> Application:
    """A lost-card application made through the real form, in Balikpapan Kota."""
    client = Client()
    client.force_login(citizen)
    return Application.objects.get(tracking_number=tracking_from(client.post(lost_card_form().url, lost_card_post())))


def _step(application, action, by, **kwargs):
    return application_transition(
        application=application, action=action, by=by, expected_status=application.status, **kwargs
    )


def hand_over(application, staff) -> Application:
    """The card's whole road through the SOP's services, ending with the hand-over at the counter."""
    application = _step(application, "accept", staff["operator"])
    application = _step(application, "enter_siak", staff["operator"], siak_reference="SIAK-6471-000123")
    application = _step(application, "approve_print", staff["verifier"])
    application = _step(application, "print", staff["operator"])
    return _step(application, "hand_over", staff["operator"])


def send_digital(application, staff) -> Application:
    """A digital document's road: verified, certified by the head of office, then sent."""
    Application.objects.filter(pk=application.pk).update(processing=Processing.DIGITAL)
    application.refresh_from_db()
    application = _step(application, "accept", staff["operator"])
    application = _step(application, "enter_siak", staff["operator"], siak_reference="SIAK-6471-000124")
    application = _step(application, "request_certification", staff["verifier"])
    application = _step(application, "certify", staff["head_of_office"])
    return _step(application, "send", staff["operator"])


def make_application(
    *, status=S.HANDED_OVER, channel=Channel.ONLINE, applicant=None, kecamatan="Balikpapan Kota", service="cetak-ktp-el"
) -> Application:
    """A row straight in the database, for tests about the survey rather than the road to it."""
    number = next(_numbers)
    return Application.objects.create(
        page=lost_card_form(),
        form_data={},
        tracking_number=f"KTP-2026-T{number:05d}",
        applicant=applicant,
        channel=channel,
        service=ServiceStandardPage.objects.get(slug=service),
        service_title="Cetak KTP-el",
        variant_code="hilang",
        variant_name="Penggantian karena hilang",
        status=status,
        applicant_name="Warga Uji",
        nik="6471065208900003",
        kecamatan=Kecamatan.objects.get(name=kecamatan) if kecamatan else None,
        submission_token=uuid.uuid4(),
    )


def answer_rows(respondents: int, total: int) -> list[tuple[int, ...]]:
    """`respondents` rows of nine answers adding up to `total`: all 3s, then the first cells raised to 4
    (or lowered to 2 when the total is below 3 per answer)."""
    cells = respondents * len(ELEMENT_FIELDS)
    base, extra = (3, total - 3 * cells) if total >= 3 * cells else (2, total - 2 * cells)
    assert 0 <= extra <= cells, "a total the answers cannot reach"
    flat = [base + 1] * extra + [base] * (cells - extra)
    return [tuple(flat[i : i + 9]) for i in range(0, cells, 9)]


def make_responses(rows, *, answered_at: datetime | None = None, service=None, kecamatan=None):
    """Answers without applications (as after retention), straight in the database."""
    when = answered_at or timezone.now()
    return SurveyResponse.objects.bulk_create(
        SurveyResponse(
            answered_at=when, service=service, kecamatan=kecamatan, **dict(zip(ELEMENT_FIELDS, row, strict=True))
        )
        for row in rows
    )


def answer_post(**overrides) -> dict:
    """A complete, valid questionnaire as the browser posts it."""
    data = {field: "4" for field in ELEMENT_FIELDS}
    data.update({"gender": "", "age_band": "30_39", "education": "", "occupation": "private"})
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}
