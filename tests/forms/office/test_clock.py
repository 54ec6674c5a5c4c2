"""The service clock: working days, due times and office minutes, with real 2026 Indonesian dates.

2026 dates relied on (checked against holidays 0.109, country "ID"):
- Fri 2026-11-20, Sat 2026-11-21, Mon 2026-11-23 and Tue 2026-11-24 are ordinary days (no holiday near them);
- Mon 2026-08-17 is Independence Day (Hari Kemerdekaan Republik Indonesia);
- Fri 2026-12-25 is Christmas Day (Hari Raya Natal); Thu 2026-12-24 is a working day unless joint leave is entered;
- 9 to 31 December 2026 has no public holiday but Christmas.
"""

import datetime
from unittest import mock
from zoneinfo import ZoneInfo

import holidays
import pytest
import time_machine
from django.core.exceptions import ImproperlyConfigured
from django.utils import timezone

from forms.models import JointLeaveDay, OfficeClosure
from forms.office import clock
from services.constants import DurationUnit

WITA = ZoneInfo("Asia/Makassar")
UTC = datetime.UTC


def wita(year, month, day, hour=0, minute=0, second=0):
    return datetime.datetime(year, month, day, hour, minute, second, tzinfo=WITA)


def d(year, month, day):
    return datetime.date(year, month, day)


@pytest.fixture
def christmas_eve_joint_leave(db):
    return JointLeaveDay.objects.create(date=d(2026, 12, 24), name="Cuti bersama Hari Raya Natal")


def test_the_2026_dates_these_tests_rely_on_are_what_the_holidays_package_says():
    id_2026 = holidays.country_holidays("ID", years=2026)
    assert d(2026, 8, 17) in id_2026 and d(2026, 8, 17).weekday() == 0
    assert d(2026, 12, 25) in id_2026 and d(2026, 12, 25).weekday() == 4
    assert d(2026, 11, 20).weekday() == 4
    for day in (d(2026, 11, 20), d(2026, 11, 23), d(2026, 11, 24), d(2026, 11, 25), d(2026, 12, 24)):
        assert day not in id_2026


# --- working days ---------------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_weekdays_are_working_days_and_weekends_public_holidays_are_not():
    assert clock.is_working_day(d(2026, 11, 20))  # Friday
    assert not clock.is_working_day(d(2026, 11, 21))  # Saturday
    assert not clock.is_working_day(d(2026, 11, 22))  # Sunday
    assert not clock.is_working_day(d(2026, 8, 17))  # Independence Day, a Monday
    assert not clock.is_working_day(d(2026, 12, 25))  # Christmas, a Friday


def test_a_joint_leave_row_makes_a_weekday_non_working_until_it_is_deleted(christmas_eve_joint_leave):
    assert not clock.is_working_day(d(2026, 12, 24))
    christmas_eve_joint_leave.delete()
    assert clock.is_working_day(d(2026, 12, 24))


@pytest.mark.django_db
def test_next_working_day_is_strictly_after_and_skips_weekends_and_holidays():
    assert clock.next_working_day(d(2026, 11, 23)) == d(2026, 11, 24)
    assert clock.next_working_day(d(2026, 11, 20)) == d(2026, 11, 23)
    assert clock.next_working_day(d(2026, 8, 14)) == d(2026, 8, 18)
    assert clock.next_working_day(d(2026, 12, 24)) == d(2026, 12, 28)


@pytest.mark.django_db
def test_working_days_between_counts_the_half_open_interval():
    assert clock.working_days_between(d(2026, 11, 20), d(2026, 11, 27)) == 5  # Mon 23 .. Fri 27
    assert clock.working_days_between(d(2026, 11, 23), d(2026, 11, 23)) == 0
    assert clock.working_days_between(d(2026, 11, 27), d(2026, 11, 20)) == 0
    assert clock.working_days_between(d(2026, 12, 23), d(2026, 12, 31)) == 5  # 24, 28, 29, 30, 31


def test_working_days_between_skips_joint_leave(christmas_eve_joint_leave):
    assert clock.working_days_between(d(2026, 12, 23), d(2026, 12, 31)) == 4


def test_a_datetime_is_refused_where_a_date_is_expected():
    with pytest.raises(TypeError):
        clock.is_working_day(wita(2026, 11, 23, 10))


def test_non_working_days_lists_holidays_in_indonesian_and_joint_leave_but_not_weekends(christmas_eve_joint_leave):
    days = clock.non_working_days(2026)
    assert days[d(2026, 12, 24)] == "Cuti bersama Hari Raya Natal"
    assert days[d(2026, 12, 25)] == "Hari Raya Natal"
    assert days[d(2026, 8, 17)] == "Hari Kemerdekaan Republik Indonesia"
    assert d(2026, 11, 21) not in days
    assert list(days) == sorted(days)
    assert all(day.year == 2026 for day in days)


def test_the_holidays_object_is_built_once_per_year_and_process(db):
    clock._national_holidays.cache_clear()
    with mock.patch.object(clock.holidays, "country_holidays", wraps=holidays.country_holidays) as built:
        clock.non_working_days(2026)
        clock.is_working_day(d(2026, 3, 19))
        clock.due_at(wita(2026, 8, 14, 15))
    assert built.call_count == 1
    clock._national_holidays.cache_clear()


# --- due time -------------------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_friday_morning_is_due_the_same_friday_at_closing():
    assert clock.due_at(wita(2026, 11, 20, 10)) == wita(2026, 11, 20, 16)


@pytest.mark.django_db
def test_friday_after_cutoff_is_due_monday_at_closing():
    assert clock.due_at(wita(2026, 11, 20, 15)) == wita(2026, 11, 23, 16)


@pytest.mark.django_db
def test_saturday_and_sunday_are_due_monday_at_closing():
    assert clock.due_at(wita(2026, 11, 21, 9)) == wita(2026, 11, 23, 16)
    assert clock.due_at(wita(2026, 11, 22, 23, 59)) == wita(2026, 11, 23, 16)


@pytest.mark.django_db
def test_friday_after_cutoff_before_independence_day_is_due_tuesday():
    assert clock.due_at(wita(2026, 8, 14, 15)) == wita(2026, 8, 18, 16)


@pytest.mark.django_db
def test_a_request_received_on_a_holiday_is_due_the_next_working_day():
    assert clock.due_at(wita(2026, 8, 17, 9)) == wita(2026, 8, 18, 16)


@pytest.mark.django_db
def test_after_cutoff_before_christmas_is_due_after_the_weekend():
    assert clock.due_at(wita(2026, 12, 24, 14)) == wita(2026, 12, 28, 16)


@pytest.mark.django_db
def test_joint_leave_row_pushes_the_due_day_and_deleting_it_restores_it():
    received = wita(2026, 12, 23, 15)
    assert clock.due_at(received) == wita(2026, 12, 24, 16)

    row = JointLeaveDay.objects.create(date=d(2026, 12, 24), name="Cuti bersama Hari Raya Natal")
    assert clock.due_at(received) == wita(2026, 12, 28, 16)  # 24 joint leave, 25 Christmas, then the weekend

    row.delete()
    assert clock.due_at(received) == wita(2026, 12, 24, 16)


def test_a_request_received_on_a_joint_leave_morning_counts_from_the_next_working_day(christmas_eve_joint_leave):
    assert clock.due_at(wita(2026, 12, 24, 9)) == wita(2026, 12, 28, 16)


@pytest.mark.django_db
def test_one_minute_before_cutoff_is_same_day_and_cutoff_itself_is_next_day():
    assert clock.due_at(wita(2026, 11, 23, 13, 59, 59)) == wita(2026, 11, 23, 16)
    assert clock.due_at(wita(2026, 11, 23, 13, 59)) == wita(2026, 11, 23, 16)
    assert clock.due_at(wita(2026, 11, 23, 14, 0)) == wita(2026, 11, 24, 16)


@pytest.mark.django_db
def test_before_opening_counts_as_the_same_working_day():
    assert clock.due_at(wita(2026, 11, 23, 6, 30)) == wita(2026, 11, 23, 16)
    assert clock.due_at(wita(2026, 11, 23, 0, 0)) == wita(2026, 11, 23, 16)


@pytest.mark.django_db
def test_the_cutoff_and_closing_time_come_from_settings_at_call_time(settings):
    settings.OFFICE_CUTOFF = "12:00"
    assert clock.due_at(wita(2026, 11, 23, 12, 30)) == wita(2026, 11, 24, 16)
    assert clock.due_at(wita(2026, 11, 23, 11, 59)) == wita(2026, 11, 23, 16)

    settings.OFFICE_CLOSES = "15:30"
    assert clock.due_at(wita(2026, 11, 23, 11, 59)) == wita(2026, 11, 23, 15, 30)


@pytest.mark.django_db
def test_two_service_days_are_due_at_closing_of_the_next_working_day(settings):
    settings.SERVICE_WORKING_DAYS = 2
    assert clock.due_at(wita(2026, 11, 23, 10)) == wita(2026, 11, 24, 16)
    assert clock.due_at(wita(2026, 11, 20, 10)) == wita(2026, 11, 23, 16)
    assert clock.due_at(wita(2026, 11, 20, 15)) == wita(2026, 11, 24, 16)
    assert clock.due_at(wita(2026, 8, 14, 10)) == wita(2026, 8, 18, 16)


@pytest.mark.django_db
@pytest.mark.parametrize("value", [0, -1, "1", True])
def test_a_nonsensical_service_day_count_is_a_configuration_error(settings, value):
    settings.SERVICE_WORKING_DAYS = value
    with pytest.raises(ImproperlyConfigured):
        clock.due_at(wita(2026, 11, 23, 10))


@pytest.mark.parametrize(
    ("name", "value"), [("OFFICE_CUTOFF", "17:00"), ("OFFICE_OPENS", "16:00"), ("OFFICE_CLOSES", "4 pm")]
)
def test_inconsistent_office_hours_are_a_configuration_error(settings, name, value):
    setattr(settings, name, value)
    with pytest.raises(ImproperlyConfigured):
        clock.due_at(wita(2026, 11, 23, 10))


@pytest.mark.django_db
def test_utc_input_is_judged_on_the_wita_clock_and_the_answer_is_in_wita():
    before_cutoff = datetime.datetime(2026, 11, 23, 5, 59, tzinfo=UTC)  # 13:59 WITA
    at_cutoff = datetime.datetime(2026, 11, 23, 6, 0, tzinfo=UTC)  # 14:00 WITA
    due = clock.due_at(before_cutoff)
    assert due == wita(2026, 11, 23, 16)
    assert due.tzinfo == WITA and due.utcoffset() == datetime.timedelta(hours=8)
    assert clock.due_at(at_cutoff) == wita(2026, 11, 24, 16)


@pytest.mark.django_db
def test_utc_input_late_sunday_is_already_monday_in_wita():
    # Sunday 16:30 UTC is Monday 00:30 WITA: before the cut-off on a working day.
    assert clock.due_at(datetime.datetime(2026, 11, 22, 16, 30, tzinfo=UTC)) == wita(2026, 11, 23, 16)


@pytest.mark.django_db
def test_an_activated_visitor_time_zone_does_not_move_the_office_clock():
    with timezone.override(ZoneInfo("Asia/Jakarta")):
        due = clock.due_at(wita(2026, 11, 23, 13, 30))  # 12:30 WIB
    assert due == wita(2026, 11, 23, 16)
    assert due.tzinfo == WITA


def test_naive_datetimes_raise_value_error():
    naive = datetime.datetime(2026, 11, 23, 10)
    with pytest.raises(ValueError, match="aware"):
        clock.due_at(naive)
    with pytest.raises(ValueError, match="aware"):
        clock.working_minutes_between(naive, wita(2026, 11, 23, 11))
    with pytest.raises(ValueError, match="aware"):
        clock.is_overdue(naive)
    with pytest.raises(ValueError, match="aware"):
        clock.is_overdue(wita(2026, 11, 23, 16), now=naive)


@pytest.mark.django_db
def test_sixty_days_without_a_working_day_is_an_error_not_an_endless_search():
    start = d(2026, 9, 1)
    JointLeaveDay.objects.bulk_create(
        JointLeaveDay(date=start + datetime.timedelta(days=i), name=f"Uji {i}") for i in range(70)
    )
    with pytest.raises(clock.NoWorkingDayError):
        clock.due_at(wita(2026, 9, 1, 10))


# --- office closures ------------------------------------------------------------------------------------------------


@pytest.fixture
def closed_tuesday(db):
    return OfficeClosure.objects.create(date=d(2026, 11, 24), reason="Kantor tutup: pemadaman listrik")


def test_an_office_closure_is_no_working_day_until_it_is_deleted(closed_tuesday):
    assert not clock.is_working_day(d(2026, 11, 24))
    assert clock.next_working_day(d(2026, 11, 23)) == d(2026, 11, 25)
    assert clock.working_days_between(d(2026, 11, 20), d(2026, 11, 27)) == 4
    closed_tuesday.delete()
    assert clock.is_working_day(d(2026, 11, 24))


def test_an_office_closure_pushes_the_due_day_and_skips_its_office_minutes(closed_tuesday):
    assert clock.due_at(wita(2026, 11, 23, 15)) == wita(2026, 11, 25, 16)
    assert clock.working_minutes_between(wita(2026, 11, 23, 15), wita(2026, 11, 25, 9)) == 120


def test_non_working_days_name_a_closure_by_its_reason_and_keep_a_holidays_own_name(closed_tuesday):
    OfficeClosure.objects.create(date=d(2026, 12, 25), reason="Kantor tutup (uji)")
    JointLeaveDay.objects.create(date=d(2026, 12, 24), name="Cuti bersama Hari Raya Natal")
    OfficeClosure.objects.create(date=d(2026, 12, 24), reason="Kantor tutup juga")
    days = clock.non_working_days(2026)
    assert days[d(2026, 11, 24)] == "Kantor tutup: pemadaman listrik"
    assert days[d(2026, 12, 25)] == "Hari Raya Natal"
    assert days[d(2026, 12, 24)] == "Cuti bersama Hari Raya Natal"
    assert list(days) == sorted(days)


def test_joint_leave_and_closures_are_read_in_one_query(closed_tuesday, django_assert_num_queries):
    JointLeaveDay.objects.create(date=d(2026, 11, 25), name="Uji")
    with django_assert_num_queries(1):
        assert clock.due_at(wita(2026, 11, 23, 15)) == wita(2026, 11, 26, 16)
    with django_assert_num_queries(1):
        assert len(clock.non_working_days(2026)) >= 2


# --- due time from a standard's duration ----------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_14_working_day_standard_is_due_at_closing_of_the_14th_working_day():
    # Wednesday 9 December: 9-11, 14-18, 21-24 are 12 days; Christmas and a weekend; 28 and 29 make 14.
    assert clock.due_at(wita(2026, 12, 9, 10), duration=14, unit=DurationUnit.WORKING_DAYS) == wita(2026, 12, 29, 16)
    # After the cut-off the first day is the next one.
    assert clock.due_at(wita(2026, 12, 9, 15), duration=14, unit=DurationUnit.WORKING_DAYS) == wita(2026, 12, 30, 16)


def test_a_14_working_day_standard_skips_joint_leave_in_one_query(christmas_eve_joint_leave, django_assert_num_queries):
    with django_assert_num_queries(1):
        assert clock.due_at(wita(2026, 12, 9, 10), duration=14) == wita(2026, 12, 30, 16)


@pytest.mark.django_db
def test_a_duration_in_working_days_replaces_the_setting_and_without_one_the_setting_holds(settings):
    settings.SERVICE_WORKING_DAYS = 2
    assert clock.due_at(wita(2026, 11, 23, 10)) == wita(2026, 11, 24, 16)
    assert clock.due_at(wita(2026, 11, 23, 10), unit=DurationUnit.WORKING_DAYS) == wita(2026, 11, 24, 16)
    assert clock.due_at(wita(2026, 11, 23, 10), duration=1) == wita(2026, 11, 23, 16)
    assert clock.due_at(wita(2026, 11, 23, 10), duration=1, unit="working_days") == wita(2026, 11, 23, 16)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("received", "hours", "due"),
    [
        (wita(2026, 11, 23, 10), 2, wita(2026, 11, 23, 12)),  # inside office hours: plain addition
        (wita(2026, 11, 23, 14, 30), 1, wita(2026, 11, 23, 15, 30)),  # the cut-off plays no part
        (wita(2026, 11, 23, 8), 8, wita(2026, 11, 23, 16)),  # a whole office day ends at closing, not next morning
        (wita(2026, 11, 23, 6, 30), 8, wita(2026, 11, 23, 16)),  # before opening: from opening
        (wita(2026, 11, 23, 16), 1, wita(2026, 11, 24, 9)),  # at closing: from the next opening
        (wita(2026, 11, 23, 20), 1, wita(2026, 11, 24, 9)),  # at night: from the next opening
        (wita(2026, 11, 20, 14, 30), 4, wita(2026, 11, 23, 10, 30)),  # Friday afternoon: over the weekend
        (wita(2026, 11, 21, 9), 3, wita(2026, 11, 23, 11)),  # Saturday: from Monday's opening
        (wita(2026, 11, 23, 10), 24, wita(2026, 11, 26, 10)),  # 6 + 8 + 8 + 2 office hours
        (wita(2026, 8, 14, 15), 2, wita(2026, 8, 18, 9)),  # over Independence Day
    ],
)
def test_a_duration_in_hours_counts_office_hours_on_working_days(received, hours, due):
    assert clock.due_at(received, duration=hours, unit=DurationUnit.HOURS) == due


def test_a_duration_in_hours_skips_joint_leave(christmas_eve_joint_leave):
    # Wednesday 23 Dec 15:00: one hour that day, then 24 joint leave, 25 Christmas, the weekend, one hour on Monday.
    assert clock.due_at(wita(2026, 12, 23, 15), duration=2, unit=DurationUnit.HOURS) == wita(2026, 12, 28, 9)


@pytest.mark.django_db
def test_a_duration_in_minutes_counts_office_minutes():
    minutes = DurationUnit.MINUTES
    assert clock.due_at(wita(2026, 11, 23, 10, 0, 30), duration=45, unit=minutes) == wita(2026, 11, 23, 10, 45, 30)
    assert clock.due_at(wita(2026, 11, 23, 15, 45), duration=30, unit=minutes) == wita(2026, 11, 24, 8, 15)
    assert clock.due_at(wita(2026, 11, 23, 15, 45), duration=15, unit="minutes") == wita(2026, 11, 23, 16)


@pytest.mark.django_db
def test_hours_follow_the_office_hour_settings_and_answer_in_wita(settings):
    settings.OFFICE_OPENS = "07:30"
    settings.OFFICE_CLOSES = "15:30"
    due = clock.due_at(datetime.datetime(2026, 11, 23, 6, 0, tzinfo=UTC), duration=2, unit=DurationUnit.HOURS)
    assert due == wita(2026, 11, 24, 8)  # 14:00 WITA: 1.5 hours on Monday, half an hour from 07:30 on Tuesday
    assert due.tzinfo == WITA


@pytest.mark.django_db
def test_a_long_duration_in_hours_reads_the_days_off_in_one_query(django_assert_num_queries):
    with django_assert_num_queries(1):
        assert clock.due_at(wita(2026, 11, 23, 8), duration=80, unit=DurationUnit.HOURS) == wita(2026, 12, 4, 16)


@pytest.mark.parametrize(
    ("duration", "unit"),
    [(0, None), (-1, DurationUnit.HOURS), (True, DurationUnit.MINUTES), ("2", None), (None, DurationUnit.HOURS)],
)
def test_a_nonsensical_duration_is_refused(duration, unit):
    with pytest.raises(ValueError):
        clock.due_at(wita(2026, 11, 23, 10), duration=duration, unit=unit)


def test_an_unknown_unit_is_refused():
    with pytest.raises(ValueError):
        clock.due_at(wita(2026, 11, 23, 10), duration=1, unit="weeks")


# --- queries --------------------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_due_at_reads_joint_leave_in_one_query_however_many_days_it_skips(django_assert_max_num_queries):
    JointLeaveDay.objects.bulk_create(
        [
            JointLeaveDay(date=d(2026, 12, 24), name="Cuti bersama Hari Raya Natal"),
            JointLeaveDay(date=d(2026, 12, 28), name="Uji satu"),
            JointLeaveDay(date=d(2026, 12, 29), name="Uji dua"),
            JointLeaveDay(date=d(2026, 12, 30), name="Uji tiga"),
        ]
    )
    with django_assert_max_num_queries(1):
        assert clock.due_at(wita(2026, 12, 23, 15)) == wita(2026, 12, 31, 16)
    with django_assert_max_num_queries(1):
        assert clock.due_at(wita(2026, 11, 23, 10)) == wita(2026, 11, 23, 16)


@pytest.mark.django_db
def test_due_at_query_count_does_not_grow_with_service_days(settings, django_assert_max_num_queries):
    settings.SERVICE_WORKING_DAYS = 10
    with django_assert_max_num_queries(1):
        assert clock.due_at(wita(2026, 11, 23, 10)) == wita(2026, 12, 4, 16)


@pytest.mark.django_db
def test_range_functions_read_joint_leave_in_one_query(django_assert_num_queries):
    with django_assert_num_queries(1):
        clock.working_days_between(d(2026, 1, 1), d(2026, 12, 31))
    with django_assert_num_queries(1):
        clock.working_minutes_between(wita(2026, 1, 1), wita(2026, 12, 31))


@pytest.mark.django_db
def test_a_weekend_day_needs_no_query(django_assert_num_queries):
    with django_assert_num_queries(0):
        assert not clock.is_working_day(d(2026, 11, 21))


# --- overdue --------------------------------------------------------------------------------------------------------


def test_is_overdue_only_strictly_after_the_due_time():
    due = wita(2026, 11, 23, 16)
    with time_machine.travel(wita(2026, 11, 23, 15, 59), tick=False):
        assert not clock.is_overdue(due)
    with time_machine.travel(wita(2026, 11, 23, 16), tick=False):
        assert not clock.is_overdue(due)
    with time_machine.travel(wita(2026, 11, 23, 16, 0, 1), tick=False):
        assert clock.is_overdue(due)


def test_is_overdue_compares_moments_across_time_zones():
    due = wita(2026, 11, 23, 16)  # 08:00 UTC
    with time_machine.travel(datetime.datetime(2026, 11, 23, 8, 30, tzinfo=UTC), tick=False):
        assert clock.is_overdue(due)
    assert not clock.is_overdue(due, now=datetime.datetime(2026, 11, 23, 7, 59, tzinfo=UTC))


# --- working minutes ------------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_working_minutes_skip_the_night_and_the_weekend():
    assert clock.working_minutes_between(wita(2026, 11, 20, 15, 30), wita(2026, 11, 23, 8, 30)) == 60


@pytest.mark.django_db
def test_working_minutes_across_one_night():
    assert clock.working_minutes_between(wita(2026, 11, 23, 15), wita(2026, 11, 24, 9)) == 120


@pytest.mark.django_db
def test_working_minutes_within_office_hours_and_outside_them():
    assert clock.working_minutes_between(wita(2026, 11, 23, 10), wita(2026, 11, 23, 10, 45)) == 45
    assert clock.working_minutes_between(wita(2026, 11, 23, 6), wita(2026, 11, 23, 18)) == 8 * 60
    assert clock.working_minutes_between(wita(2026, 11, 23, 17), wita(2026, 11, 23, 23)) == 0
    assert clock.working_minutes_between(wita(2026, 11, 23, 11), wita(2026, 11, 23, 10)) == 0


@pytest.mark.django_db
def test_working_minutes_floor_partial_minutes():
    assert clock.working_minutes_between(wita(2026, 11, 23, 10), wita(2026, 11, 23, 10, 0, 59)) == 0
    assert clock.working_minutes_between(wita(2026, 11, 23, 10), wita(2026, 11, 23, 10, 2, 30)) == 2


@pytest.mark.django_db
def test_working_minutes_skip_public_holidays():
    # Friday 14 Aug 15:00 -> Tuesday 18 Aug 09:00: 60 on Friday, Monday is Independence Day, 60 on Tuesday.
    assert clock.working_minutes_between(wita(2026, 8, 14, 15), wita(2026, 8, 18, 9)) == 120


def test_working_minutes_skip_joint_leave(christmas_eve_joint_leave):
    # Wednesday 23 Dec 15:00 -> Monday 28 Dec 09:00: 60 + (24 joint leave, 25 Christmas, weekend) + 60.
    assert clock.working_minutes_between(wita(2026, 12, 23, 15), wita(2026, 12, 28, 9)) == 120


@pytest.mark.django_db
def test_working_minutes_accept_utc_and_follow_office_hour_settings(settings):
    start = datetime.datetime(2026, 11, 23, 0, 0, tzinfo=UTC)  # 08:00 WITA
    end = datetime.datetime(2026, 11, 23, 8, 0, tzinfo=UTC)  # 16:00 WITA
    assert clock.working_minutes_between(start, end) == 480
    settings.OFFICE_OPENS = "07:30"
    settings.OFFICE_CLOSES = "15:00"
    assert clock.working_minutes_between(start, end) == 420


def test_an_office_day_starts_at_midnight_wita_whatever_zone_the_admin_activated():
    # Wagtail's admin activates each staff member's own time zone preference; a day's records must not move.
    with timezone.override(ZoneInfo("Asia/Jakarta")):
        start, end = clock.office_days_range(datetime.date(2026, 8, 17), datetime.date(2026, 8, 31))
    wita = ZoneInfo("Asia/Makassar")
    assert start == datetime.datetime(2026, 8, 17, tzinfo=wita)
    assert end == datetime.datetime(2026, 9, 1, tzinfo=wita)
    with pytest.raises(TypeError):
        clock.office_day_start(timezone.now())
