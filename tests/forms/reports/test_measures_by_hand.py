"""Median, 90th percentile and the one-working-day share, checked by hand on small cases."""

import random
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from forms.models import JointLeaveDay
from forms.office.clock import OfficeCalendar, working_minutes_between
from forms.office.report_sections import ReportScope, nearest_rank
from forms.review.report_sections import finished_within_standard, sop_step_times

from .data import plan, plans_create, wita

pytestmark = pytest.mark.django_db
JANUARY = ReportScope(start=date(2026, 1, 1), end=date(2026, 1, 31))
FEBRUARY = ReportScope(start=date(2026, 2, 1), end=date(2026, 2, 28))


def _row(section, first_cell, table=0):
    return next(row for row in section.tables[table].rows if row[0] == first_cell)


def test_nearest_rank_percentiles_by_hand():
    assert nearest_rank([], 50) is None
    assert nearest_rank([7], 50) == 7 and nearest_rank([7], 90) == 7
    one_to_ten = list(range(10, 0, -1))
    assert (nearest_rank(one_to_ten, 50), nearest_rank(one_to_ten, 90), nearest_rank(one_to_ten, 100)) == (5, 9, 10)
    # Even count: the lower middle value, never an average of two.
    assert (nearest_rank([2, 8, 3, 5], 50), nearest_rank([2, 8, 3, 5], 90)) == (3, 8)
    assert nearest_rank(range(1, 21), 90) == 18  # ceil(0.9 x 20) = 18th
    assert nearest_rank(range(1, 12), 90) == 10  # ceil(0.9 x 11) = ceil(9.9) = 10th
    with pytest.raises(ValueError):
        nearest_rank([1], 0)


def test_step_time_median_p90_and_share_within_standard_by_hand(pages, kecamatan):
    office = kecamatan["Balikpapan Kota"].pk
    monday = wita(2026, 1, 5, 9, 0)
    # "Requirements met" (standard 6 minutes) after 1..10 minutes; then SIAK entry (standard 5) after 4 and 7.
    plans = [plan(pages["ktp"], office, monday, [("accept", monday + timedelta(minutes=m))]) for m in range(1, 11)]
    plans[0] = plan(
        pages["ktp"],
        office,
        monday,
        [("accept", monday + timedelta(minutes=1)), ("enter_siak", monday + timedelta(minutes=5))],
    )
    plans[1] = plan(
        pages["ktp"],
        office,
        monday,
        [("accept", monday + timedelta(minutes=2)), ("enter_siak", monday + timedelta(minutes=9))],
    )
    plans_create(plans)
    section = sop_step_times(JANUARY)
    accept = _row(section, "7, 8, 9")  # the first 7-9 row is "return"; find accept by its label
    accept = next(row for row in section.tables[0].rows if row[1] == "Persyaratan sesuai")
    assert accept[2:] == [6, 10, 5, 9, Decimal("60.0")]
    siak = next(row for row in section.tables[0].rows if row[0] == "10")
    assert siak[2:] == [5, 2, 4, 7, Decimal("50.0")]
    returned = next(row for row in section.tables[0].rows if row[1] == "Kembalikan untuk perbaikan")
    assert returned[3:] == [0, None, None, None]


def test_step_time_counts_only_office_hours_across_a_weekend_and_a_holiday(pages, kecamatan):
    office = kecamatan["Balikpapan Kota"].pk
    friday = wita(2026, 2, 13, 15, 30)  # accepted Monday 08:10: 30 minutes on Friday + 10 on Monday
    monday = wita(2026, 2, 16, 15, 50)  # Tuesday 17 February is Lunar New Year: 10 + 5 minutes
    plans_create(
        [
            plan(pages["ktp"], office, friday, [("accept", wita(2026, 2, 16, 8, 10))]),
            plan(pages["ktp"], office, monday, [("accept", wita(2026, 2, 18, 8, 5))]),
        ]
    )
    accept = next(row for row in sop_step_times(FEBRUARY).tables[0].rows if row[1] == "Persyaratan sesuai")
    assert accept[3:6] == [2, 15, 40]


def test_within_one_working_day_across_weekend_holiday_joint_leave_and_resubmission(pages, kecamatan):
    office = kecamatan["Balikpapan Kota"].pk
    JointLeaveDay.objects.create(date=date(2026, 2, 20), name="Cuti bersama uji")
    ktp = pages["ktp"]

    def finished(submitted, stopped, *, before=()):
        return plan(
            ktp,
            office,
            submitted,
            [
                *before,
                ("accept", stopped - timedelta(minutes=3)),
                ("enter_siak", stopped - timedelta(minutes=2)),
                ("approve_print", stopped - timedelta(minutes=1)),
                ("print", stopped),
            ],
        )

    cases = [
        # Friday 10:00 is due Friday 16:00; ready at 16:00:00 exactly is on time.
        finished(wita(2026, 2, 6, 10), wita(2026, 2, 6, 16)),
        # Friday 15:00 is after the 14:00 cut-off: due Monday 16:00, ready Monday 10:00.
        finished(wita(2026, 2, 6, 15), wita(2026, 2, 9, 10)),
        # Friday 10:00, ready Monday 09:00: late.
        finished(wita(2026, 2, 6, 10), wita(2026, 2, 9, 9)),
        # Monday 15:00 before the Tuesday holiday: due Wednesday 16:00, ready Wednesday 12:00.
        finished(wita(2026, 2, 16, 15), wita(2026, 2, 18, 12)),
        # Thursday 15:00 before Friday's joint leave: due Monday 23 February 16:00, ready that Monday 15:00.
        finished(wita(2026, 2, 19, 15), wita(2026, 2, 23, 15)),
        # Returned on Monday, resubmitted Wednesday 10:00 (due again Wednesday 16:00), ready Wednesday 15:00.
        finished(
            wita(2026, 2, 2, 10),
            wita(2026, 2, 4, 15),
            before=[("return", wita(2026, 2, 2, 11), ["Materai"]), ("resubmit", wita(2026, 2, 4, 10))],
        ),
        # Rejected on Tuesday for a Monday 10:00 application: the clock stopped late.
        plan(ktp, office, wita(2026, 2, 2, 10), [("reject", wita(2026, 2, 3, 9))]),
        # Still open, and returned-with-the-citizen: neither counts in the share.
        plan(ktp, office, wita(2026, 2, 2, 10), [("accept", wita(2026, 2, 2, 10, 5))]),
        plan(ktp, office, wita(2026, 2, 2, 10), [("return", wita(2026, 2, 2, 10, 5), ["Materai"])]),
    ]
    assert [case.due for case in cases[:6]] == [
        wita(2026, 2, 6, 16),
        wita(2026, 2, 9, 16),
        wita(2026, 2, 6, 16),
        wita(2026, 2, 18, 16),
        wita(2026, 2, 23, 16),
        wita(2026, 2, 4, 16),
    ]
    plans_create(cases)
    section = finished_within_standard(FEBRUARY)
    row = _row(section, "Balikpapan Kota")
    # submitted, stopped, within, late, share, open, of which overdue now, with the citizen
    assert row[1:] == [9, 7, 5, 2, Decimal("71.4"), 1, 1, 1]
    assert _row(section, "Jumlah")[1:] == row[1:]
    assert _row(section, "Balikpapan Utara")[1:] == [0, 0, 0, 0, None, 0, 0, 0]
    assert any("1 hari kerja" in note for note in section.notes)


def test_office_calendar_counts_the_same_minutes_as_the_service_clock():
    JointLeaveDay.objects.create(date=date(2026, 3, 23), name="Cuti bersama Idul Fitri")
    JointLeaveDay.objects.create(date=date(2026, 3, 24), name="Cuti bersama Idul Fitri")
    rng = random.Random(20260323)
    start_of_year = wita(2026, 1, 1)
    pairs = []
    for _ in range(300):
        start = start_of_year + timedelta(minutes=rng.randrange(120 * 24 * 60))
        end = start + timedelta(
            minutes=rng.choice([rng.randrange(600), rng.randrange(8 * 24 * 60)]), seconds=rng.randrange(60)
        )
        pairs.append((start, end))
    pairs.append((wita(2026, 3, 20, 15), wita(2026, 3, 25, 9)))  # over Eid's weekend and two joint-leave days
    pairs.append((wita(2026, 3, 25, 9), wita(2026, 3, 20, 15)))  # backwards: nothing
    with CaptureQueriesContext(connection) as reads:
        calendar = OfficeCalendar.covering([moment for pair in pairs for moment in pair])
        minutes = [calendar.working_minutes_between(start, end) for start, end in pairs]
    assert len(reads) == 1  # the joint-leave days of the whole window, once
    for (start, end), counted in zip(pairs, minutes, strict=True):
        assert counted == working_minutes_between(start, end), (start, end)
    # Friday 15:00-16:00 and Wednesday 08:00-09:00; Monday and Tuesday are joint leave.
    assert calendar.working_minutes_between(wita(2026, 3, 20, 15), wita(2026, 3, 25, 9)) == 120
