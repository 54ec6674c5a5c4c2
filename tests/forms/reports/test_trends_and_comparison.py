"""The report sets each figure beside the previous period's, and ends with 12 months of volume, on-time share and
satisfaction index, each month an office-local (WITA) month, each series one grouped query."""

import io
from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from forms.office import report_sections as base
from forms.office.report_sections import ReportScope, report_trends, trend_months
from forms.reports.periods import previous_bounds
from tests.forms.survey.helpers import make_responses

from .conftest import REPORT, as_user
from .data import plan, plans_create, wita
from .test_pages import _Tables

pytestmark = pytest.mark.django_db
FEBRUARY = {"period": "month", "year": "2026", "month": "2"}
MARCH = ReportScope(start=date(2026, 3, 1), end=date(2026, 3, 31))


def _printed(day, late=False):
    """Accepted, entered, approved and printed on `day` by 11:00, or two days later when `late`."""
    return [
        ("accept", wita(2026, day.month, day.day, 9, 4)),
        ("enter_siak", wita(2026, day.month, day.day, 9, 12)),
        ("approve_print", wita(2026, day.month, day.day, 9, 13)),
        ("print", wita(2026, day.month, day.day + (2 if late else 0), 11)),
    ]


@pytest.mark.parametrize(
    ("kind", "start", "end", "previous"),
    [
        ("month", date(2026, 1, 1), date(2026, 1, 31), (date(2025, 12, 1), date(2025, 12, 31))),
        ("month", date(2026, 3, 1), date(2026, 3, 31), (date(2026, 2, 1), date(2026, 2, 28))),
        ("quarter", date(2026, 1, 1), date(2026, 3, 31), (date(2025, 10, 1), date(2025, 12, 31))),
        ("semester", date(2026, 7, 1), date(2026, 12, 31), (date(2026, 1, 1), date(2026, 6, 30))),
        ("custom", date(2026, 3, 10), date(2026, 3, 19), (date(2026, 2, 28), date(2026, 3, 9))),
        ("custom", date(2026, 3, 10), date(2026, 3, 10), (date(2026, 3, 9), date(2026, 3, 9))),
    ],
)
def test_the_previous_period_is_the_month_quarter_semester_or_as_many_days_before(kind, start, end, previous):
    assert previous_bounds(kind, start, end) == previous


def test_the_trend_covers_the_twelve_months_up_to_the_periods_last():
    months = trend_months(MARCH)
    assert months[0] == date(2025, 4, 1) and months[-1] == date(2026, 3, 1) and len(months) == 12


def test_trend_months_are_wita_months_and_each_series_is_one_query(pages, kecamatan, staff):
    kota = kecamatan["Balikpapan Kota"]
    ktp = pages["ktp"]
    plans_create(
        [
            plan(ktp, kota.pk, wita(2025, 3, 31, 23)),  # before the trend's first month (UTC 15:00, 31 March)
            plan(ktp, kota.pk, wita(2025, 4, 1, 0, 30)),  # April in WITA, still 31 March in UTC
            plan(ktp, kota.pk, wita(2026, 1, 31, 23, 30)),
            # Sunday 00:30 WITA (Saturday in UTC): due Monday 16:00, printed on Wednesday, late.
            plan(ktp, kota.pk, wita(2026, 2, 1, 0, 30), _printed(date(2026, 2, 2), late=True)),
            # Saturday 23:59: due Monday 2 March, printed that morning, within.
            plan(ktp, kota.pk, wita(2026, 2, 28, 23, 59), _printed(date(2026, 3, 2))),
            plan(ktp, kota.pk, wita(2026, 3, 1, 7, 30)),  # March in WITA, 28 February in UTC
        ]
    )
    make_responses([(1,) * 9] * 2, answered_at=wita(2026, 1, 15, 10), kecamatan=kota)  # too few to publish
    make_responses([(3,) * 9] * 5, answered_at=wita(2026, 2, 28, 23, 30), kecamatan=kota)
    make_responses([(4,) * 9] * 5, answered_at=wita(2026, 3, 1, 0, 30), kecamatan=kota)  # UTC: still February
    with CaptureQueriesContext(connection) as queries:
        months, series = report_trends(MARCH)
    # One grouped query per registered builder: the applications' (volume and on-time share) and the survey's.
    # (On PostgreSQL the report's planner settings add a savepoint and two set_config calls around them.)
    grouped = [
        query["sql"]
        for query in queries.captured_queries
        if not query["sql"].startswith(("SAVEPOINT", "RELEASE SAVEPOINT")) and "set_config" not in query["sql"]
    ]
    assert len(grouped) == len(base._TRENDS) == 2 and len(series) == 3
    volume, on_time, index = (dict(zip(months, item.values, strict=True)) for item in series)
    assert volume == {month: 0 for month in months} | {
        date(2025, 4, 1): 1,
        date(2026, 1, 1): 1,
        date(2026, 2, 1): 2,
        date(2026, 3, 1): 1,
    }
    assert on_time[date(2026, 2, 1)] == Decimal("50.0")
    assert [value for month, value in on_time.items() if month != date(2026, 2, 1)] == [None] * 11
    assert (index[date(2026, 1, 1)], index[date(2026, 2, 1)], index[date(2026, 3, 1)]) == (
        None,
        Decimal("75.00"),
        Decimal("100.00"),
    )
    assert series[1].unit == "%"


@pytest.fixture
def january_and_february(pages, kecamatan, staff):
    """January: two applications, one late. February: three, all within the day."""
    kota, ktp = kecamatan["Balikpapan Kota"].pk, pages["ktp"]
    plans_create(
        [
            plan(ktp, kota, wita(2026, 1, 5, 9), _printed(date(2026, 1, 5))),
            plan(ktp, kota, wita(2026, 1, 6, 9), _printed(date(2026, 1, 6), late=True)),
            *[plan(ktp, kota, wita(2026, 2, 2, 9), _printed(date(2026, 2, 2))) for _ in range(3)],
        ]
    )


def test_each_figure_stands_beside_the_previous_periods_with_the_change(january_and_february, staff):
    client = as_user(staff["head_of_office"])
    response = client.get(REPORT, FEBRUARY)
    report = response.context["report"]
    assert report.previous_period == "Januari 2026 (1 Januari 2026 – 31 Januari 2026)"
    body = response.content.decode()
    assert "Dibandingkan dengan" in body and report.previous_period in body

    within = next(section for section in report.sections if section.key == "within_standard").tables[0]
    total, before = within.rows[-1], within.previous_rows[-1]
    assert (total[0], total[1], total[3], total[5]) == ("Jumlah", 3, 3, Decimal("100.0"))
    assert (before[0], before[1], before[3], before[5]) == ("Jumlah", 2, 1, Decimal("50.0"))

    parser = _Tables()
    parser.feed(body)
    number = next(i for i, table in enumerate(parser.tables) if table[0][0] == "Kecamatan" and "Terlambat" in table[0])
    row = len(parser.tables[number]) - 1
    assert parser.tables[number][row][:2] == ["Jumlah", "3"]
    assert parser.previous[(number, row, 1)] == "sebelumnya: 2 (+1)"
    assert parser.previous[(number, row, 4)] == "sebelumnya: 1 (\u22121)"  # late: none now, one before
    assert parser.previous[(number, row, 5)] == "sebelumnya: 50,0 (+50,0)"
    assert (number, row, 0) not in parser.previous  # the row's name is not compared

    # The XLSX lists the same previous figures and changes after the table.
    book = load_workbook(io.BytesIO(client.get(REPORT + "unduh.xlsx", FEBRUARY).content))
    sheet = next(
        sheet
        for sheet in book.worksheets
        if sheet["A1"].value == next(section.title for section in report.sections if section.key == "within_standard")
    )
    rows = [row for row in sheet.iter_rows(values_only=True)]
    titles = [row[0] for row in rows]
    previous_at = titles.index(f"{within.title} – {report.previous_period}")
    change_at = titles.index(f"{within.title} – perubahan dari periode sebelumnya")
    previous_total = next(row for row in rows[previous_at:change_at] if row[0] == "Jumlah")
    change_total = next(row for row in rows[change_at:] if row[0] == "Jumlah")
    assert previous_total[1:4] == (2, 2, 1) and previous_total[5] == pytest.approx(50.0)
    assert change_total[1:5] == (1, 1, 2, -1) and change_total[5] == pytest.approx(50.0)


def test_the_trend_section_is_in_the_index_with_a_line_chart_and_its_table(january_and_february, staff):
    response = as_user(staff["head_of_office"]).get(REPORT, FEBRUARY)
    body = response.content.decode()
    assert '<a href="#section-trends">12 bulan terakhir, per bulan</a>' in body
    trends = next(section for section in response.context["report"].sections if section.key == "trends")
    [table] = trends.tables
    assert table.columns == [
        "Bulan",
        "Permohonan diajukan",
        "Selesai dalam waktu layanan yang dijanjikan (%)",
        "Indeks Kepuasan Masyarakat",
    ]
    assert table.rows[0][0] == "Mar 2025" and table.rows[-2:] == [
        ["Jan 2026", 2, Decimal("50.0"), None],
        ["Feb 2026", 3, Decimal("100.0"), None],
    ]
    section = body.split('id="section-trends"')[1]
    assert section.count("<polyline") >= 2  # the volume and the on-time share each join their months
    assert 'role="img" aria-label="Permohonan diajukan"' in section
