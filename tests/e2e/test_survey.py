"""The survey on a phone in a real browser: questionnaire and results pass axe, fit 360 px, work by keyboard."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from forms.constants import ApplicationStatus, Channel
from forms.survey.models import SurveyResponse
from forms.survey.tokens import survey_token
from services.models import Kecamatan, ServiceStandardPage
from tests.forms.survey.helpers import make_application, make_responses

from .helpers import assert_accessible

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_a_walk_in_citizen_answers_on_a_phone(live_server, seeded, phone):
    application = make_application(status=ApplicationStatus.HANDED_OVER, channel=Channel.COUNTER, applicant=None)
    phone.goto(f"{live_server.url}/survei-kepuasan/{survey_token(application)}/")
    expect(phone.locator("h1")).to_have_text("Survei Kepuasan Masyarakat")
    assert_accessible(phone, fits_phone=True)

    # Two questions answered, then sent: the error summary takes the focus and names the seven left.
    _choose(phone, "requirements", "Sangat sesuai")
    _choose(phone, "cost", "Gratis")
    phone.get_by_role("button", name="Kirim jawaban").click()
    expect(phone.locator("#error-summary")).to_be_focused()
    expect(phone.locator("#error-summary li")).to_have_count(7)
    expect(phone.get_by_role("radio", name="Gratis")).to_be_checked()  # kept
    assert_accessible(phone, fits_phone=True)

    # The rest by keyboard: follow the summary's link to a question, choose with the arrow keys.
    phone.locator("#error-summary a").first.focus()
    phone.keyboard.press("Enter")
    expect(phone.locator("#id_procedure_0")).to_be_focused()
    phone.keyboard.press("Space")
    phone.keyboard.press("ArrowDown")  # "Kurang mudah" -> score 2
    for question, answer in [
        ("time", "Cepat"),
        ("product", "Sesuai"),
        ("competence", "Kompeten"),
        ("conduct", "Sopan dan ramah"),
        ("complaints", "Dikelola dengan baik"),
        ("facilities", "Baik"),
    ]:
        _choose(phone, question, answer)
    phone.get_by_label("Usia").select_option(label="30–39 tahun")
    phone.get_by_role("button", name="Kirim jawaban").click()
    expect(phone).to_have_url(re.compile(r"/survei-kepuasan/terima-kasih/"))  # the browser may keep a #fragment
    expect(phone.locator("h1")).to_have_text("Terima kasih")

    answer = SurveyResponse.objects.get(application=application)
    assert (answer.requirements, answer.procedure, answer.cost, answer.facilities) == (4, 2, 4, 3)
    assert answer.age_band == "30_39" and answer.gender == ""


def _choose(page, question, answer):
    fieldset = page.locator("fieldset", has=page.locator(f"input[name={question}]"))
    fieldset.get_by_role("radio", name=answer, exact=True).check()


def test_results_page_with_figures_and_hidden_cells_is_accessible(live_server, seeded, phone):
    offices = {k.name: k for k in Kecamatan.objects.all()}
    service = ServiceStandardPage.objects.get(slug="cetak-ktp-el")
    now = timezone.now() - timedelta(minutes=1)
    make_responses(
        [(4, 3, 3, 4, 3, 4, 4, 3, 3)] * 7, answered_at=now, service=service, kecamatan=offices["Balikpapan Kota"]
    )
    make_responses([(2,) * 9] * 2, answered_at=now, service=service, kecamatan=offices["Balikpapan Utara"])
    phone.goto(f"{live_server.url}/transparansi/survei-kepuasan/")
    expect(phone.locator("#survey-respondents")).to_have_text("9")
    expect(phone.locator("svg.survey-chart rect")).to_have_count(9)
    expect(phone.get_by_text("Tidak ditampilkan (responden terlalu sedikit)")).to_have_count(2)
    assert_accessible(phone, fits_phone=True)

    # The period chooser works without script.
    phone.get_by_label("Periode", exact=True).select_option("tahun")
    phone.get_by_role("button", name="Tampilkan").click()
    expect(phone.locator("#overall-h")).to_contain_text("Tahun")
    assert_accessible(phone, fits_phone=True)
