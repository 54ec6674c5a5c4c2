"""The public transparency page: what the selectors compute, small cells withheld, periods chosen with care."""

import re
from datetime import datetime

import pytest
import time_machine
from django.test import Client
from django.utils import formats, timezone, translation

from forms.survey.constants import PeriodKind
from forms.survey.periods import Period
from forms.survey.selectors import responses_in, survey_by_kecamatan, survey_by_service, survey_result
from services.models import Kecamatan, ServiceStandardPage

from .helpers import make_responses
from .test_index import WORKED_EXAMPLE

pytestmark = pytest.mark.django_db
WITA = timezone.get_fixed_timezone(8 * 60)
PAGE = "/transparansi/survei-kepuasan/"
TODAY = datetime(2026, 8, 20, 10, tzinfo=WITA)  # in the third quarter


@pytest.fixture(autouse=True)
def _august_2026():
    with time_machine.travel(TODAY, tick=False):
        yield


def _id(value):
    with translation.override("id"):
        return formats.localize(value)


def _row(body, table_id, label):
    table = re.search(rf'<table class="data" id="{table_id}">(.*?)</table>', body, re.S).group(1)
    row = re.search(rf"<tr[^>]*>\s*<th scope=\"row\">{re.escape(label)}</th>(.*?)</tr>", table, re.S).group(1)
    return [re.sub(r"<[^>]+>", "", cell).strip() for cell in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)]


def _element_row(body, element):
    table = re.search(r'<table class="data" id="survey-elements">(.*?)</table>', body, re.S).group(1)
    name = re.escape(str(element.name))
    row = re.search(rf"<td>U{element.number}</td><th scope=\"row\">{name}</th>(.*?)</tr>", table, re.S).group(1)
    return re.findall(r"<td>(.*?)</td>", row)


@pytest.fixture
def answers(seeded):
    offices = {k.name: k for k in Kecamatan.objects.all()}
    ktp = ServiceStandardPage.objects.get(slug="cetak-ktp-el")
    ikd = ServiceStandardPage.objects.get(slug="pendaftaran-ikd")
    when = datetime(2026, 7, 15, 10, tzinfo=WITA)
    make_responses(WORKED_EXAMPLE, answered_at=when, service=ktp, kecamatan=offices["Balikpapan Kota"])
    make_responses(
        [(3, 3, 2, 4, 3, 3, 4, 2, 3)] * 6, answered_at=when, service=ikd, kecamatan=offices["Balikpapan Utara"]
    )
    make_responses([(1,) * 9] * 2, answered_at=when, service=ikd, kecamatan=offices["Balikpapan Barat"])
    make_responses([(4,) * 9] * 3, answered_at=datetime(2026, 4, 2, tzinfo=WITA), service=ktp)  # second quarter
    return {"ktp": ktp, "ikd": ikd, **offices}


def test_the_page_shows_the_current_quarter_as_the_selectors_compute_it(answers):
    response = Client().get(PAGE)
    assert response.status_code == 200
    body = response.content.decode()
    q3 = Period(kind=PeriodKind.QUARTER, year=2026, number=3)
    result = survey_result(responses_in(start=q3.start, end=q3.end))
    assert result.respondents == 18
    assert "Triwulan III 2026" in body
    assert f'<strong id="survey-index">{_id(result.published)}</strong>' in body
    with translation.override("id"):
        assert f'<strong id="survey-grade">{result.grade} ({result.grade.label})</strong>' in body
    assert '<dd id="survey-respondents">18</dd>' in body
    for element, mean, converted in result.elements():
        assert _element_row(body, element) == [_id(mean), _id(converted)]

    queryset = responses_in(start=q3.start, end=q3.end)
    for cell in survey_by_service(queryset) + survey_by_kecamatan(queryset):
        table = "survey-by-service" if cell.label in {answers["ktp"].title, answers["ikd"].title} else None
        table = table or "survey-by-kecamatan"
        row = _row(body, table, cell.label)
        if cell.hidden:
            assert row[1] == "Tidak ditampilkan (responden terlalu sedikit)"
        elif cell.respondents:
            assert row[:3] == [str(cell.respondents), _id(cell.result.published), str(cell.result.grade)]
            assert row[3:] == [_id(mean) for mean in cell.result.published_means]
        else:
            assert row == ["0", "Belum ada jawaban"]


def test_small_cells_are_withheld_and_the_page_says_why(answers):
    body = Client().get(PAGE).content.decode()
    barat = _row(body, "survey-by-kecamatan", "Balikpapan Barat")  # 2 respondents
    utara = _row(body, "survey-by-kecamatan", "Balikpapan Utara")  # 6, hidden with it so Barat = total - Kota fails
    kota = _row(body, "survey-by-kecamatan", "Balikpapan Kota")
    assert barat == ["&lt; 5", "Tidak ditampilkan (responden terlalu sedikit)"]
    assert utara == ["6", "Tidak ditampilkan (responden terlalu sedikit)"]
    assert kota[0] == "10" and kota[1] == "83,33"
    assert "responden kurang dari 5 tidak ditampilkan" in body
    # 2 answers of all 1s would be visible in the IKD row if it were shown alone: it has 8, so it is shown.
    assert _row(body, "survey-by-service", answers["ikd"].title)[0] == "8"


def test_a_period_with_fewer_than_five_respondents_publishes_no_figures(answers):
    body = Client().get(PAGE, {"periode": "triwulan", "tahun": "2026", "ke": "2"}).content.decode()
    assert "Triwulan II 2026" in body
    assert "Kurang dari 5 warga yang menjawab pada periode ini" in body
    assert 'id="survey-index"' not in body and "<svg" not in body.split("<footer")[0]


def test_semester_and_year_periods(answers):
    body = Client().get(PAGE, {"periode": "semester", "tahun": "2026", "ke": "1"}).content.decode()
    assert "Semester I 2026" in body and "Kurang dari 5 warga" in body
    body = Client().get(PAGE, {"periode": "tahun", "tahun": "2026"}).content.decode()
    year = survey_result(responses_in(start=datetime(2026, 1, 1).date(), end=datetime(2026, 12, 31).date()))
    assert "Tahun 2026" in body and f'<strong id="survey-index">{_id(year.published)}</strong>' in body
    assert '<dd id="survey-respondents">21</dd>' in body


def test_the_chart_has_a_text_equivalent(answers):
    body = Client().get(PAGE).content.decode()
    svg = re.search(r"<svg class=\"survey-chart\".*?</svg>", body, re.S).group(0)
    assert 'role="img"' in svg and "<title" in svg and "nilai yang sama ada pada tabel berikutnya" in svg
    assert svg.count("<rect") == 9
    assert "style=" not in svg  # the strict CSP allows no inline styles
    assert 'id="survey-elements"' in body


@pytest.mark.parametrize(
    ("query", "field", "message"),
    [
        ({"periode": "bulan", "tahun": "2026", "ke": "1"}, "periode", "Pilih triwulan, semester, atau tahun."),
        ({"periode": "triwulan", "tahun": "1999", "ke": "1"}, "tahun", "Pilih salah satu tahun yang tersedia."),
        ({"periode": "triwulan", "tahun": "abc", "ke": "1"}, "tahun", "Pilih salah satu tahun yang tersedia."),
        ({"periode": "triwulan", "tahun": "2026", "ke": "5"}, "ke", "Pilih I, II, III, atau IV."),
        ({"periode": "triwulan", "tahun": "2026"}, "ke", "Pilih triwulan atau semester yang mana."),
        ({"periode": "semester", "tahun": "2026", "ke": "3"}, "ke", "Satu tahun hanya memiliki dua semester"),
        ({"periode": "triwulan", "tahun": "2026", "ke": "4"}, "ke", "Periode ini belum dimulai."),
    ],
)
def test_a_bad_period_is_told_at_its_field(answers, query, field, message):
    response = Client().get(PAGE, query)
    assert response.status_code == 400
    body = response.content.decode()
    assert re.search(rf'<ul class="errorlist" id="id_{field}_error"><li>{re.escape(message)}', body)
    assert (
        f'aria-describedby="id_{field}_error' in body
        or f'aria-describedby="id_{field}_helptext id_{field}_error"' in body
    )
    assert 'id="survey-index"' not in body


def test_no_answers_yet_is_said_plainly(seeded):
    body = Client().get(PAGE).content.decode()
    assert "Belum ada jawaban untuk periode ini." in body


def test_the_footer_links_to_the_page(seeded):
    body = Client().get("/").content.decode()
    assert f'<a href="{PAGE}">Hasil Survei Kepuasan Masyarakat</a>' in body
