"""The index of stored answers: known answer sets give the exact published value and grade, per scope and period."""

from datetime import datetime
from decimal import Decimal
from fractions import Fraction

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from forms.survey.constants import Grade, PeriodKind
from forms.survey.periods import Period
from forms.survey.selectors import (
    responses_in,
    survey_by_kecamatan,
    survey_by_service,
    survey_overview,
    survey_result,
)
from services.models import Kecamatan, ServiceStandardPage

from .helpers import answer_rows, make_responses

pytestmark = pytest.mark.django_db
WITA = timezone.get_fixed_timezone(8 * 60)
Q3 = Period(kind=PeriodKind.QUARTER, year=2026, number=3)


def _q3_result():
    return survey_result(responses_in(start=Q3.start, end=Q3.end))


# Each set: n respondents whose 9n answers add up to `total`; index = 25 * total / 9n, worked out by hand.
@pytest.mark.parametrize(
    ("respondents", "total", "exact", "published", "grade"),
    [
        (24, 763, Fraction(19075, 216), "88.31", Grade.A),  # 88.3101...
        (19, 604, Fraction(15100, 171), "88.30", Grade.B),  # 88.3040...
        (33, 1049, Fraction(26225, 297), "88.30", Grade.B),  # 88.2996... rounds up, stays B
        (19, 524, Fraction(13100, 171), "76.61", Grade.B),  # 76.6081... cut off (not rounded) it would be C
        (26, 717, Fraction(17925, 234), "76.60", Grade.C),  # 76.6025...
        (5, 117, Fraction(65), "65.00", Grade.C),  # exactly 65
        (38, 889, Fraction(22225, 342), "64.99", Grade.D),  # 64.9853...
    ],
)
def test_answer_sets_at_each_grade_boundary_publish_the_exact_value_and_grade(
    seeded, respondents, total, exact, published, grade
):
    make_responses(answer_rows(respondents, total), answered_at=datetime(2026, 8, 17, 10, tzinfo=WITA))
    result = _q3_result()
    assert result.respondents == respondents
    assert result.index == exact
    assert result.published == Decimal(published)
    assert result.grade == grade


# A tabulation shaped like the regulation's worksheet: rows are respondents, columns the elements U1-U9.
WORKED_EXAMPLE = [
    # U1 U2 U3 U4 U5 U6 U7 U8 U9
    (4, 4, 3, 4, 4, 4, 4, 3, 4),
    (4, 3, 3, 4, 4, 4, 4, 3, 3),
    (4, 3, 3, 4, 4, 4, 4, 3, 3),
    (4, 3, 3, 4, 3, 4, 4, 3, 3),
    (4, 3, 3, 4, 3, 3, 4, 3, 3),
    (3, 3, 3, 4, 3, 3, 4, 3, 3),
    (3, 3, 3, 4, 3, 3, 3, 3, 3),
    (3, 3, 3, 4, 3, 3, 3, 3, 3),
    (3, 3, 3, 4, 3, 3, 3, 3, 3),
    (3, 4, 3, 4, 3, 3, 3, 2, 3),
]


def test_worked_example_like_the_regulations_worksheet(seeded):
    """Sum per element, NRR = sum / respondents, equal weights 1/9, times 25.

    Sums 35 32 30 40 33 34 36 29 31 (300); NRR 3.5 3.2 3.0 4.0 3.3 3.4 3.6 2.9 3.1 (30.0);
    30.0 / 9 = 3.3333...; x 25 = 83.333... -> 83.33, grade B (Baik). Weighting each NRR by 0.111
    instead of 1/9, as some worksheets round it, would give 83.25: the exact weight is used here.
    """
    make_responses(WORKED_EXAMPLE, answered_at=datetime(2026, 7, 1, 0, 0, tzinfo=WITA))
    result = _q3_result()
    assert result.respondents == 10
    assert [str(mean) for mean in result.published_means] == [
        "3.50",
        "3.20",
        "3.00",
        "4.00",
        "3.30",
        "3.40",
        "3.60",
        "2.90",
        "3.10",
    ]
    assert result.index == Fraction(250, 3)
    assert (result.published, result.grade) == (Decimal("83.33"), Grade.B)
    converted = [str(row[2]) for row in result.elements()]
    assert converted == ["87.50", "80.00", "75.00", "100.00", "82.50", "85.00", "90.00", "72.50", "77.50"]


def test_period_bounds_are_office_local_days(seeded):
    make_responses([(4,) * 9], answered_at=datetime(2026, 6, 30, 23, 59, tzinfo=WITA))  # Q2
    make_responses([(1,) * 9], answered_at=datetime(2026, 7, 1, 0, 0, tzinfo=WITA))  # Q3
    make_responses([(2,) * 9], answered_at=datetime(2026, 9, 30, 23, 59, tzinfo=WITA))  # Q3
    make_responses([(4,) * 9], answered_at=datetime(2026, 10, 1, 0, 0, tzinfo=WITA))  # Q4
    result = _q3_result()
    assert (result.respondents, result.published) == (2, Decimal("37.50"))
    semester = Period(kind=PeriodKind.SEMESTER, year=2026, number=2)
    year = Period(kind=PeriodKind.YEAR, year=2026)
    assert survey_result(responses_in(start=semester.start, end=semester.end)).respondents == 3
    assert survey_result(responses_in(start=year.start, end=year.end)).respondents == 4


def test_index_per_service_and_per_kecamatan(seeded):
    kota, utara = Kecamatan.objects.get(name="Balikpapan Kota"), Kecamatan.objects.get(name="Balikpapan Utara")
    ktp, ikd = (
        ServiceStandardPage.objects.get(slug="cetak-ktp-el"),
        ServiceStandardPage.objects.get(slug="pendaftaran-ikd"),
    )
    when = datetime(2026, 8, 1, 9, tzinfo=WITA)
    make_responses([(4,) * 9] * 5, answered_at=when, service=ktp, kecamatan=kota)
    make_responses([(3,) * 9] * 6, answered_at=when, service=ikd, kecamatan=utara)
    make_responses([(2,) * 9] * 7, answered_at=when, service=ktp, kecamatan=utara)
    scoped = survey_result(responses_in(start=Q3.start, end=Q3.end, service_id=ktp.pk, kecamatan_id=utara.pk))
    assert (scoped.respondents, scoped.published, scoped.grade) == (7, Decimal("50.00"), Grade.D)

    queryset = responses_in(start=Q3.start, end=Q3.end)
    by_service = {cell.label: cell for cell in survey_by_service(queryset)}
    assert by_service[ktp.title].result.index == Fraction(25 * (5 * 4 + 7 * 2), 12)  # 70.83...
    assert by_service[ikd.title].result.published == Decimal("75.00")
    by_kecamatan = {cell.label: cell for cell in survey_by_kecamatan(queryset)}
    assert by_kecamatan["Balikpapan Kota"].result.published == Decimal("100.00")
    assert by_kecamatan["Balikpapan Utara"].result.index == Fraction(25 * (6 * 3 + 7 * 2), 13)
    assert by_kecamatan["Balikpapan Timur"].respondents == 0
    assert len(by_kecamatan) == 6  # every office listed, none forgotten


def test_cells_below_five_respondents_are_hidden_with_one_more_so_the_total_gives_nothing_away(seeded):
    offices = {k.name: k for k in Kecamatan.objects.all()}
    when = datetime(2026, 8, 1, 9, tzinfo=WITA)
    make_responses([(4,) * 9] * 9, answered_at=when, kecamatan=offices["Balikpapan Kota"])
    make_responses([(3,) * 9] * 6, answered_at=when, kecamatan=offices["Balikpapan Utara"])
    make_responses([(1,) * 9] * 2, answered_at=when, kecamatan=offices["Balikpapan Barat"])
    cells = {cell.label: cell for cell in survey_by_kecamatan(responses_in(start=Q3.start, end=Q3.end))}
    assert cells["Balikpapan Barat"].hidden  # 2 respondents
    assert cells["Balikpapan Utara"].hidden  # the smallest shown cell, hidden with it
    assert not cells["Balikpapan Kota"].hidden
    assert not cells["Balikpapan Timur"].hidden and cells["Balikpapan Timur"].respondents == 0

    make_responses([(2,) * 9] * 3, answered_at=when, kecamatan=offices["Balikpapan Timur"])
    cells = {cell.label: cell for cell in survey_by_kecamatan(responses_in(start=Q3.start, end=Q3.end))}
    # Two small cells hide each other: nothing else needs to go.
    assert [label for label, cell in cells.items() if cell.hidden] == ["Balikpapan Barat", "Balikpapan Timur"]


def test_the_whole_overview_takes_a_flat_number_of_queries(seeded):
    when = timezone.now()
    for kecamatan in Kecamatan.objects.all():
        make_responses([(3,) * 9] * 5, answered_at=when, kecamatan=kecamatan)
    with CaptureQueriesContext(connection) as queries:
        overview = survey_overview(Period.current())
    assert overview.overall.respondents == 30
    assert len(queries) <= 5
