"""Each step's minutes are kept on its timeline row; the report adds the kept values up in SQL. Kept values are
counted again by the fill command, and PostgreSQL's own count equals the office calendar's."""

import random
from datetime import date, timedelta

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from forms.intake.step_time import step_minutes_fill, step_minutes_fill_sql
from forms.models import JointLeaveDay, OfficeClosure, StatusChange
from forms.office.report_sections import ReportScope
from forms.review.report_sections import sop_step_times

from .data import plan, plans_create, random_plans, wita

pytestmark = pytest.mark.django_db
FEBRUARY = ReportScope(start=date(2026, 2, 1), end=date(2026, 2, 28))


def _accept_row():
    return next(row for row in sop_step_times(FEBRUARY).tables[0].rows if row[1] == "Persyaratan sesuai")


def test_the_fill_command_counts_the_kept_minutes_again_after_a_closure_is_entered_for_days_past(pages, kecamatan):
    office = kecamatan["Balikpapan Kota"].pk
    # Thursday 15:00, accepted Monday 09:00: 60 + 480 (Friday) + 60 minutes.
    plans_create([plan(pages["ktp"], office, wita(2026, 2, 5, 15), [("accept", wita(2026, 2, 9, 9))])])
    assert _accept_row()[3:5] == [1, 600]
    # The office was closed that Friday, entered a week later: kept values stay as recorded until counted again.
    OfficeClosure.objects.create(date=date(2026, 2, 6), reason="Banjir")
    assert _accept_row()[3:5] == [1, 600]
    call_command("step_minutes_fill", verbosity=0)
    assert _accept_row()[3:5] == [1, 120]
    assert step_minutes_fill() == 0  # counting again changes nothing more


def test_the_step_time_section_makes_the_same_queries_however_many_steps_it_counts(pages, kecamatan):
    office = kecamatan["Balikpapan Kota"].pk
    monday = wita(2026, 2, 2, 9)

    def queries():
        with CaptureQueriesContext(connection) as reads:
            sop_step_times(FEBRUARY)
        return len(reads)

    plans_create([plan(pages["ktp"], office, monday, [("accept", monday + timedelta(minutes=5))])])
    few = queries()
    plans_create(
        [
            plan(
                pages["ktp"],
                office,
                monday + timedelta(days=day),
                [("accept", monday + timedelta(days=day, minutes=9))],
            )
            for day in range(20)
            for _twice in range(2)
        ]
    )
    assert queries() == few
    assert _accept_row()[3] == 41


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL counts the minutes itself only there")
def test_postgresql_counts_each_steps_minutes_exactly_as_the_office_calendar(pages, kecamatan):
    JointLeaveDay.objects.create(date=date(2026, 3, 23), name="Cuti bersama Idul Fitri")
    OfficeClosure.objects.create(date=date(2026, 2, 6), reason="Banjir")
    rng = random.Random(20261201)
    plans = random_plans(
        rng,
        200,
        pages=list(pages.values()),
        kecamatan_ids=[k.pk for k in kecamatan.values()],
        first=wita(2025, 12, 20),
        days=110,
    )
    plans_create(plans)
    # Some steps were opened before they were made, some (wrongly recorded) after the step was made.
    rows = list(StatusChange.objects.filter(working_minutes__isnull=False))
    for change in rng.sample(rows, len(rows) // 2):
        change.opened_at = change.at - timedelta(minutes=rng.randrange(-30, 3000), seconds=rng.randrange(60))
    StatusChange.objects.bulk_update(rows, ["opened_at"])
    step_minutes_fill()
    kept = {
        pk: (waiting, working)
        for pk, waiting, working in StatusChange.objects.values_list("pk", "waiting_minutes", "working_minutes")
    }
    StatusChange.objects.update(waiting_minutes=None, working_minutes=None)
    assert step_minutes_fill_sql(batch=37) == sum(1 for value in kept.values() if value != (None, None))
    counted = {
        pk: (waiting, working)
        for pk, waiting, working in StatusChange.objects.values_list("pk", "waiting_minutes", "working_minutes")
    }
    assert counted == kept
    assert sum(working for _waiting, working in kept.values() if working) > 0
