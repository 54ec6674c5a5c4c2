"""The report counts its period and the previous one together: the same figures as each alone, in fewer queries, and
as many queries for 10 applications as for 200."""

import random
from datetime import date

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from forms.models import Application
from forms.office.report_sections import (
    _PERIODS_BUILDERS,
    _SECTIONS,
    ReportScope,
    planner_settings,
    report_sections,
    report_sections_for,
)

from .conftest import REPORT, as_user
from .data import plans_create, random_plans, wita

pytestmark = pytest.mark.django_db
Q1 = ReportScope(start=date(2026, 1, 1), end=date(2026, 3, 31))
Q4 = ReportScope(start=date(2025, 10, 1), end=date(2025, 12, 31))
QUARTER_1 = {"period": "quarter", "year": "2026", "quarter": "1"}


def _create(pages, kecamatan, size, seed):
    """`size` applications over the last quarter of 2025 and the first of 2026 (the report's and the previous)."""
    offices = [office.pk for office in kecamatan.values()]
    plans_create(
        random_plans(
            random.Random(seed),
            size,
            pages=list(pages.values()),
            kecamatan_ids=offices,
            first=wita(2025, 10, 3),
            days=175,
        )
    )


def test_both_periods_counted_together_equal_each_period_counted_alone(pages, kecamatan):
    _create(pages, kecamatan, 160, 14)
    kota = kecamatan["Balikpapan Kota"].pk
    service = Application.objects.filter(service__isnull=False).values_list("service_id", flat=True).first()
    for scope, previous in (
        (Q1, Q4),
        (ReportScope(Q1.start, Q1.end, kecamatan_id=kota), ReportScope(Q4.start, Q4.end, kecamatan_id=kota)),
        (ReportScope(Q1.start, Q1.end, service_id=service), ReportScope(Q4.start, Q4.end, service_id=service)),
    ):
        together = report_sections_for([scope, previous])
        assert together == [report_sections(scope), report_sections(previous)]
        counted = {section.key: section for section in together[0]}
        assert counted["applications"].tables[0].rows[-1][-1] > 0  # the data set reaches into both periods
        assert {section.key: section for section in together[1]}["applications"].tables[0].rows[-1][-1] > 0
    with pytest.raises(ValueError):  # a report's periods are of one place and service
        report_sections_for([Q1, ReportScope(Q4.start, Q4.end, kecamatan_id=kota)])


def test_the_review_sections_count_the_previous_period_in_the_same_queries(pages, kecamatan):
    _create(pages, kecamatan, 40, 3)
    periods = [builder for _order, builder in _SECTIONS if builder in _PERIODS_BUILDERS]
    assert [builder.__name__ for builder in periods] == [
        "applications_by_channel_and_status_periods",
        "finished_within_standard_periods",
        "sop_step_times_periods",
        "returns_and_reasons_periods",
    ]
    for builder in periods:
        with CaptureQueriesContext(connection) as one:
            builder([Q1])
        with CaptureQueriesContext(connection) as two:
            builder([Q1, Q4])
        # Only the step times take one grouped query a period (see step_time_figures_periods).
        extra = 1 if builder.__name__ == "sop_step_times_periods" else 0
        assert len(two) == len(one) + extra, builder.__name__


def test_the_report_page_and_xlsx_make_as_many_queries_for_10_applications_as_for_200(pages, kecamatan, staff):
    client = as_user(staff["verifier"])
    client.get(REPORT, QUARTER_1)  # first-request work (session, admin profile) is not what this test measures
    counts = []
    for size, seed in ((10, 1), (190, 2)):
        _create(pages, kecamatan, size, seed)
        measured = []
        for url in (REPORT, REPORT + "unduh.xlsx"):
            with CaptureQueriesContext(connection) as queries:
                assert client.get(url, QUARTER_1).status_code == 200
            measured.append(len(queries))
        counts.append(measured)
    assert Application.objects.count() == 200
    assert counts[0] == counts[1], counts


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL planner settings")
def test_planner_settings_hold_for_the_queries_inside_only():
    def work_mem():
        with connection.cursor() as cursor:
            cursor.execute("SHOW work_mem")
            return cursor.fetchone()[0]

    with transaction.atomic():  # as a request's transaction (ATOMIC_REQUESTS)
        before = work_mem()
        with planner_settings(work_mem="32MB", jit="off"):
            assert work_mem() == "32MB"
            with connection.cursor() as cursor:
                cursor.execute("SHOW jit")
                assert cursor.fetchone()[0] == "off"
        assert work_mem() == before != "32MB"
        with pytest.raises(ZeroDivisionError), planner_settings(work_mem="32MB"):
            assert work_mem() == "32MB"
            raise ZeroDivisionError
        assert work_mem() == before  # the savepoint's rollback undid it
