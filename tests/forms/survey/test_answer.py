"""Answering: once per application, every bad field told in Indonesian, bad or old links explained."""

from datetime import timedelta

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import timezone, translation

from forms.constants import ApplicationStatus
from forms.survey.constants import ELEMENT_FIELDS, ELEMENTS
from forms.survey.models import SurveyResponse
from forms.survey.services import SurveyAlreadyAnswered, SurveyNotOpen, survey_response_submit
from forms.survey.tokens import survey_token

from .helpers import answer_post, make_application

pytestmark = pytest.mark.django_db
S = ApplicationStatus


@pytest.fixture
def application(seeded):
    return make_application(status=S.HANDED_OVER)


def _url(application):
    return f"/survei-kepuasan/{survey_token(application)}/"


def test_an_answer_is_stored_with_the_applications_service_and_kecamatan(application):
    client = Client(enforce_csrf_checks=True)
    page = client.get(_url(application))
    assert page.status_code == 200
    assert page["Cache-Control"].startswith("max-age=0") and "no-store" in page["Cache-Control"]
    token = page.cookies["csrftoken"].value
    response = client.post(
        _url(application), answer_post(requirements="3", cost="1", gender="female"), HTTP_X_CSRFTOKEN=token
    )
    assert response.status_code == 302 and response["Location"] == "/survei-kepuasan/terima-kasih/"
    answer = SurveyResponse.objects.get(application=application)
    assert (answer.requirements, answer.cost, answer.procedure) == (3, 1, 4)
    assert (answer.gender, answer.age_band, answer.education) == ("female", "30_39", "")
    assert answer.service_id == application.service_id and answer.kecamatan_id == application.kecamatan_id
    assert "Jawaban Anda sudah kami terima" in Client().get(response["Location"]).content.decode()


def test_the_form_refuses_a_post_without_csrf_token(application):
    response = Client(enforce_csrf_checks=True).post(_url(application), answer_post())
    assert response.status_code == 403
    assert not SurveyResponse.objects.exists()


def test_a_second_answer_for_the_same_application_is_refused_clearly(application):
    client = Client()
    assert client.post(_url(application), answer_post()).status_code == 302
    again = client.post(_url(application), answer_post(requirements="1"))
    assert again.status_code == 409
    assert "Setiap permohonan hanya dapat dinilai satu kali" in again.content.decode()
    reopened = client.get(_url(application))
    assert "Survei sudah diisi" in reopened.content.decode()
    assert SurveyResponse.objects.get().requirements == 4


def test_the_service_refuses_a_second_answer_even_past_the_views_check(application):
    survey_response_submit(application=application, answers=dict.fromkeys(ELEMENT_FIELDS, 3))
    with pytest.raises(SurveyAlreadyAnswered) as error:
        survey_response_submit(application=application, answers=dict.fromkeys(ELEMENT_FIELDS, 2))
    assert error.value.code == "already_answered"
    assert SurveyResponse.objects.count() == 1


@pytest.mark.parametrize("field", ELEMENT_FIELDS)
def test_each_missing_answer_is_named_at_its_own_question(application, field):
    response = Client().post(_url(application), answer_post(**{field: None}))
    assert response.status_code == 400
    body = response.content.decode()
    assert f'<fieldset aria-describedby="id_{field}_error">' in body
    assert f'<ul class="errorlist" id="id_{field}_error"><li>Pilih salah satu dari empat jawaban.</li></ul>' in body
    assert body.count('class="errorlist"') == 1
    element = next(e for e in ELEMENTS if e.field == field)
    with translation.override("id"):
        summary = f'href="#id_{field}_0">{element.number}. {element.name}: Pilih salah satu dari empat jawaban.</a>'
    assert summary in body  # the summary names the element and links to its question
    assert not SurveyResponse.objects.exists()


@pytest.mark.parametrize("value", ["0", "5", "x", "3.5", ""])
def test_an_answer_outside_1_to_4_is_refused_at_its_field(application, value):
    response = Client().post(_url(application), answer_post(time=value))
    assert response.status_code == 400
    assert '<ul class="errorlist" id="id_time_error"><li>Pilih salah satu dari empat jawaban.</li></ul>' in (
        response.content.decode()
    )
    assert not SurveyResponse.objects.exists()


@pytest.mark.parametrize("field", ["gender", "age_band", "education", "occupation"])
def test_an_unknown_profile_choice_is_refused_at_its_field_and_the_answers_are_kept(application, field):
    response = Client().post(_url(application), answer_post(requirements="2", **{field: "astronaut"}))
    body = response.content.decode()
    assert response.status_code == 400
    assert f'id="id_{field}_error"><li>Pilih salah satu pilihan, atau biarkan kosong.</li>' in body
    assert f'aria-describedby="id_{field}_error"' in body and 'aria-invalid="true"' in body
    assert 'value="2" id="id_requirements_1" required checked' in body  # kept as typed
    assert not SurveyResponse.objects.exists()


def test_the_profile_is_optional(application):
    response = Client().post(_url(application), answer_post(age_band="", occupation=""))
    assert response.status_code == 302


def test_the_service_checks_answers_itself(application):
    with pytest.raises(ValidationError) as error:
        survey_response_submit(application=application, answers={**dict.fromkeys(ELEMENT_FIELDS, 4), "cost": 7})
    assert set(error.value.message_dict) == {"cost"}
    with pytest.raises(ValidationError) as error:
        survey_response_submit(
            application=application, answers=dict.fromkeys(ELEMENT_FIELDS, 4), profile={"gender": "robot"}
        )
    assert set(error.value.message_dict) == {"gender"}
    assert not SurveyResponse.objects.exists()


@pytest.mark.parametrize(
    "mangle",
    [
        lambda token: token[:-2] + ("AA" if not token.endswith("AA") else "BB"),  # signature changed
        lambda token: "99999" + token[token.index(":") :],  # another application's number, same signature
        lambda token: token.split(":")[0],  # no signature at all
        lambda token: "bukan-token",
    ],
)
def test_an_altered_link_gets_a_clear_indonesian_page(application, mangle):
    response = Client().get(f"/survei-kepuasan/{mangle(survey_token(application))}/")
    assert response.status_code == 400
    body = response.content.decode()
    assert "Tautan survei ini tidak sah" in body and "tersalin tidak lengkap" in body
    assert Client().post(f"/survei-kepuasan/{mangle(survey_token(application))}/", answer_post()).status_code == 400
    assert not SurveyResponse.objects.exists()


def test_a_link_for_an_application_that_no_longer_exists_is_invalid(application):
    token = survey_token(application)
    application.delete()
    assert Client().get(f"/survei-kepuasan/{token}/").status_code == 400


def test_a_link_older_than_30_days_has_expired(application):
    issued = timezone.now()
    with time_machine.travel(issued, tick=False):
        token = survey_token(application)
    with time_machine.travel(issued + timedelta(days=29, hours=23), tick=False):
        assert Client().get(f"/survei-kepuasan/{token}/").status_code == 200
    with time_machine.travel(issued + timedelta(days=30, seconds=1), tick=False):
        response = Client().post(f"/survei-kepuasan/{token}/", answer_post())
    assert response.status_code == 410
    body = response.content.decode()
    assert "Tautan survei ini sudah kedaluwarsa" in body and "berlaku 30 hari" in body
    assert not SurveyResponse.objects.exists()


def test_the_survey_is_not_open_before_the_hand_over(seeded):
    application = make_application(status=S.PRINT_APPROVED)
    response = Client().get(_url(application))
    assert "Survei belum dibuka" in response.content.decode()
    Client().post(_url(application), answer_post())
    assert not SurveyResponse.objects.exists()
    with pytest.raises(SurveyNotOpen):
        survey_response_submit(application=application, answers=dict.fromkeys(ELEMENT_FIELDS, 4))


def test_the_questionnaire_uses_the_regulations_wording(application):
    body = Client().get(_url(application)).content.decode()
    for text in [
        "Bagaimana pemahaman Saudara tentang kemudahan prosedur pelayanan di unit ini?",
        "Sangat mahal",
        "Gratis",
        "Ada tetapi tidak berfungsi",
        "Dikelola dengan baik",
        "Sangat sopan dan ramah",
        "Unsur 8: Penanganan pengaduan, saran dan masukan",
        "Unsur 9: Sarana dan prasarana",
        "Jenis kelamin",
        "Pendidikan terakhir",
    ]:
        assert text in body, text
    assert body.count('type="radio"') == 36
