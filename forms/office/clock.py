"""The service clock of the civil-registry office of Kota Balikpapan (WITA, ``settings.TIME_ZONE``).

Working days
    Monday to Friday, minus Indonesian public holidays (the ``holidays`` package, country "ID"), minus the
    joint-leave days (cuti bersama) and minus the office's own closures, which the SIAK administrator enters on their
    admin screens as ``JointLeaveDay`` and ``OfficeClosure`` rows.

Office hours
    ``settings.OFFICE_OPENS`` to ``settings.OFFICE_CLOSES`` ("HH:MM", WITA) on working days. Settings are read at
    call time, never at import, so a deployment (or a test) can change them.

Due-time rule (``due_at``)
    A due time is measured against a duration: ``N`` working days (``unit`` is ``DurationUnit.WORKING_DAYS`` or
    None), or ``N`` hours or minutes of office time (``DurationUnit.HOURS`` / ``MINUTES``), as a service standard
    states it. ``N`` is the ``duration`` argument, an integer >= 1; for working days it defaults to
    ``settings.SERVICE_WORKING_DAYS``.

    Working days. Let ``r`` be the moment a request was received, converted to WITA, and
    ``C = settings.OFFICE_CUTOFF``.

    1. The *first day* is ``r``'s date if that date is a working day and ``r``'s time of day is strictly before
       ``C`` (so 06:30, before opening, still counts as that day, and 13:59:59 does, but 14:00:00 does not).
       Otherwise (at or after ``C``, or on a weekend, public holiday or joint-leave day) the first day is the next
       working day after ``r``'s date.
    2. The *due day* is the first day when ``N`` is 1; otherwise it is the (N-1)th working day after the first day.
    3. The request is due at ``OFFICE_CLOSES`` on the due day, as an aware datetime in WITA.

    With the defaults (08:00-16:00, cut-off 14:00, N = 1): Friday 10:00 -> Friday 16:00; Friday 15:00 -> Monday
    16:00 (Tuesday if Monday is a holiday or joint-leave day); Saturday -> Monday 16:00.

    Hours and minutes. The clock starts at ``r`` if ``r`` falls inside office hours on a working day, otherwise at
    the next opening (the same day's before opening, else the next working day's); the cut-off plays no part. It
    runs only inside office hours on working days, and the request is due when ``N`` hours (or minutes) of that
    time have run: with the defaults, 4 hours from Friday 14:30 is Monday 10:30, and 8 hours from 08:00 is 16:00
    the same day.

    ``is_overdue`` is true only strictly after the due time: finishing at 16:00:00 on the due day is on time.

Elapsed working time (``working_minutes_between``)
    Only the seconds inside office hours on working days count; the sum is floored to whole minutes.

Every datetime argument must be aware (any time zone; it is converted to WITA); a naive one raises ValueError.
Conversion uses the project's default time zone, not the per-request active one, because the office's clock does not
change with the visitor's time zone.
"""

import datetime
import functools
import math
import types

import holidays
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db.models import Value
from django.utils import timezone

from forms.models.calendar import JointLeaveDay, OfficeClosure
from services.constants import DurationUnit

# Joint-leave and closure rows are fetched for this many days at a time; one chunk covers even the long Lebaran break.
_CHUNK_DAYS = 31
# More consecutive non-working days than this means the calendar data is wrong, not that the office is shut.
_MAX_GAP_DAYS = 60
# The office works in Indonesian; joint-leave names and closure reasons are entered in Indonesian too.
_HOLIDAY_LANGUAGE = "id"

_ONE_DAY = datetime.timedelta(days=1)


class NoWorkingDayError(RuntimeError):
    """No working day was found within the search limit: the holiday, joint-leave or closure data is wrong."""


def _days_off(**lookups):
    """(date, name) of the joint-leave days and office closures matching `lookups`, joint leave first, in one query."""
    # order_by(): the models' default ordering is not allowed inside a UNION.
    joint_leave = JointLeaveDay.objects.filter(**lookups).annotate(source=Value(0)).order_by()
    closures = OfficeClosure.objects.filter(**lookups).annotate(source=Value(1)).order_by()
    rows = joint_leave.values_list("date", "name", "source").union(
        closures.values_list("date", "reason", "source"), all=True
    )
    return [(day, name) for day, name, _source in rows.order_by("source")]


@functools.cache
def _national_holidays(year: int) -> types.MappingProxyType:
    """The public holidays of one year, built once per process (they do not change at run time)."""
    # A plain read-only copy: looking up another year's date in a HolidayBase would silently expand (mutate) it.
    return types.MappingProxyType(dict(holidays.country_holidays("ID", years=year, language=_HOLIDAY_LANGUAGE)))


def _setting_time(name: str) -> datetime.time:
    value = getattr(settings, name)
    if isinstance(value, datetime.time):
        return value
    try:
        return datetime.time.fromisoformat(value)
    except (TypeError, ValueError) as exc:
        raise ImproperlyConfigured(f'{name} must be a time such as "08:00", got {value!r}.') from exc


def _office_hours() -> tuple[datetime.time, datetime.time, datetime.time]:
    opens, closes, cutoff = (_setting_time(n) for n in ("OFFICE_OPENS", "OFFICE_CLOSES", "OFFICE_CUTOFF"))
    if not opens < closes:
        raise ImproperlyConfigured("OFFICE_OPENS must be before OFFICE_CLOSES.")
    # A cut-off after closing would make same-day requests due before they arrived.
    if cutoff > closes:
        raise ImproperlyConfigured("OFFICE_CUTOFF must not be after OFFICE_CLOSES.")
    return opens, closes, cutoff


def office_hours() -> tuple[datetime.time, datetime.time]:
    """When the office opens and closes on a working day (WITA), as the settings say now."""
    opens, closes, _cutoff = _office_hours()
    return opens, closes


def _service_days() -> int:
    value = settings.SERVICE_WORKING_DAYS
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ImproperlyConfigured(f"SERVICE_WORKING_DAYS must be an integer >= 1, got {value!r}.")
    return value


def _office_tz() -> datetime.tzinfo:
    return timezone.get_default_timezone()


def _to_office_time(value: datetime.datetime, name: str) -> datetime.datetime:
    if not isinstance(value, datetime.datetime):
        raise TypeError(f"{name} must be a datetime, got {type(value).__name__}.")
    if timezone.is_naive(value):
        raise ValueError(f"{name} must be an aware datetime; a naive one has no defined moment.")
    return timezone.localtime(value, _office_tz())


def _check_date(value: datetime.date, name: str) -> datetime.date:
    # A datetime is a date subclass; accepting one would silently drop its time zone.
    if isinstance(value, datetime.datetime) or not isinstance(value, datetime.date):
        raise TypeError(f"{name} must be a date, got {type(value).__name__}; use timezone.localdate() for datetimes.")
    return value


def _at(day: datetime.date, time: datetime.time) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, time), _office_tz())


class OfficeCalendar:
    """Working-day lookups from `first`, fetching joint-leave and closure rows one window at a time.

    Built once over a whole window (a report's thousands of steps), it reads the days off in one query.
    """

    def __init__(self, first: datetime.date, last: datetime.date):
        self._first = first
        self._planned_last = max(first, last)
        self._loaded_last: datetime.date | None = None  # nothing fetched yet: weekends need no query
        self._days_off: set[datetime.date] = set()

    def _load(self, day: datetime.date) -> None:
        if self._loaded_last is None:
            after, last = self._first - _ONE_DAY, max(self._planned_last, day)
        else:
            after, last = self._loaded_last, max(day, self._loaded_last + datetime.timedelta(days=_CHUNK_DAYS))
        self._days_off.update(off for off, _name in _days_off(date__gt=after, date__lte=last))
        self._loaded_last = last

    def is_working(self, day: datetime.date) -> bool:
        if day < self._first:
            raise ValueError(f"{day} is before this calendar's window, which starts at {self._first}.")
        if day.weekday() >= 5 or day in _national_holidays(day.year):
            return False
        if self._loaded_last is None or day > self._loaded_last:
            self._load(day)
        return day not in self._days_off

    @classmethod
    def covering(cls, moments) -> "OfficeCalendar | None":
        """A calendar wide enough for every datetime in `moments`; None (and no query) when there are none."""
        days = [_to_office_time(moment, "moment").date() for moment in moments]
        return cls(min(days), max(days)) if days else None

    def working_minutes_between(self, start: datetime.datetime, end: datetime.datetime) -> int:
        """Whole minutes of office hours on working days between `start` and `end`; 0 when end <= start."""
        start, end = _to_office_time(start, "start"), _to_office_time(end, "end")
        if end <= start:
            return 0
        opens, closes, _cutoff = _office_hours()
        total = datetime.timedelta()
        day = start.date()
        while day <= end.date():
            if self.is_working(day):
                overlap = min(end, _at(day, closes)) - max(start, _at(day, opens))
                total += max(overlap, datetime.timedelta())
            day += _ONE_DAY
        # Floor: a step that took 59 seconds of office time has not yet used a minute.
        return total // datetime.timedelta(minutes=1)

    def next_working(self, day: datetime.date) -> datetime.date:
        candidate = day
        for _ in range(_MAX_GAP_DAYS):
            candidate += _ONE_DAY
            if self.is_working(candidate):
                return candidate
        raise NoWorkingDayError(
            f"No working day within {_MAX_GAP_DAYS} days after {day}; check holidays, joint leave and closures."
        )


def office_day_start(day: datetime.date) -> datetime.datetime:
    """00:00 at the office on `day`: in the office's zone, never the one a staff member's admin preference
    activates, so a day's or a period's records are the same for everyone."""
    return _at(_check_date(day, "day"), datetime.time.min)


def office_days_range(start: datetime.date, end: datetime.date) -> tuple[datetime.datetime, datetime.datetime]:
    """[start 00:00, the day after end 00:00) at the office: every moment of the days start to end."""
    return office_day_start(start), office_day_start(_check_date(end, "end") + _ONE_DAY)


def is_working_day(day: datetime.date) -> bool:
    """Whether the office works on `day` (a weekday that is no public holiday, joint-leave day or office closure)."""
    day = _check_date(day, "day")
    return OfficeCalendar(day, day).is_working(day)


def next_working_day(day: datetime.date) -> datetime.date:
    """The first working day strictly after `day`."""
    day = _check_date(day, "day")
    return OfficeCalendar(day + _ONE_DAY, day + datetime.timedelta(days=_CHUNK_DAYS)).next_working(day)


def working_days_between(start: datetime.date, end: datetime.date) -> int:
    """The number of working days in the half-open interval (start, end]; 0 when end <= start."""
    start, end = _check_date(start, "start"), _check_date(end, "end")
    if end <= start:
        return 0
    calendar = OfficeCalendar(start + _ONE_DAY, end)
    return sum(calendar.is_working(start + datetime.timedelta(days=i)) for i in range(1, (end - start).days + 1))


def _duration(value, name: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ValueError(f"{name} must be an integer >= 1, got {value!r}.")
    return value


def _due_after_working_days(local: datetime.datetime, service_days: int) -> datetime.datetime:
    _opens, closes, cutoff = _office_hours()
    day = local.date()
    # Wide enough for the whole count (five working days in seven, plus a long break) so it stays one query.
    calendar = OfficeCalendar(day, day + datetime.timedelta(days=_CHUNK_DAYS + 2 * service_days))
    # Time first: after the cut-off the day does not count, so there is no need to look it up.
    if not (local.time() < cutoff and calendar.is_working(day)):
        day = calendar.next_working(day)
    for _ in range(service_days - 1):
        day = calendar.next_working(day)
    return _at(day, closes)


def _due_after_office_minutes(local: datetime.datetime, minutes: int) -> datetime.datetime:
    opens, closes, _cutoff = _office_hours()
    left = datetime.timedelta(minutes=minutes)
    day = local.date()
    office_days = math.ceil(left / (_at(day, closes) - _at(day, opens)))
    calendar = OfficeCalendar(day, day + datetime.timedelta(days=_CHUNK_DAYS + 2 * office_days))
    if local.time() < closes and calendar.is_working(day):
        start = max(local, _at(day, opens))
    else:
        day = calendar.next_working(day)
        start = _at(day, opens)
    # Equal counts as today: eight hours from opening are due at closing, not at the next opening.
    while left > _at(day, closes) - start:
        left -= _at(day, closes) - start
        day = calendar.next_working(day)
        start = _at(day, opens)
    return start + left


def due_at(received: datetime.datetime, *, duration: int | None = None, unit: str | None = None) -> datetime.datetime:
    """When a request received at `received` must be finished, as an aware WITA datetime (rule in module docstring)."""
    local = _to_office_time(received, "received")
    unit = DurationUnit.WORKING_DAYS if unit is None else DurationUnit(unit)
    if unit == DurationUnit.WORKING_DAYS:
        service_days = _service_days() if duration is None else _duration(duration, "duration")
        return _due_after_working_days(local, service_days)
    if duration is None:
        raise ValueError(f"A duration in {unit.value} needs its number; only working days have a default.")
    minutes = _duration(duration, "duration") * (60 if unit == DurationUnit.HOURS else 1)
    return _due_after_office_minutes(local, minutes)


def is_overdue(due: datetime.datetime, now: datetime.datetime | None = None) -> bool:
    """Whether `now` (default: the current time) is strictly after `due`."""
    due = _to_office_time(due, "due")
    now = timezone.now() if now is None else _to_office_time(now, "now")
    return now > due


def working_minutes_between(start: datetime.datetime, end: datetime.datetime) -> int:
    """Whole minutes of office hours on working days between `start` and `end`; 0 when end <= start."""
    start, end = _to_office_time(start, "start"), _to_office_time(end, "end")
    return OfficeCalendar(start.date(), end.date()).working_minutes_between(start, end)


def non_working_dates(first: datetime.date, last: datetime.date) -> set[datetime.date]:
    """Every public holiday, joint-leave day and office closure from `first` to `last` (weekends not included), for a
    database that counts working time itself (one query)."""
    first, last = _check_date(first, "first"), _check_date(last, "last")
    days = {day for year in range(first.year, last.year + 1) for day in _national_holidays(year)}
    days.update(day for day, _name in _days_off(date__gte=first, date__lte=last))
    return {day for day in days if first <= day <= last}


def non_working_days(year: int) -> dict[datetime.date, str]:
    """Public holidays, joint-leave days and office closures of `year` with their names (a closure's reason), in date
    order (weekends not included)."""
    days = dict(_national_holidays(year))
    for date, name in _days_off(date__year=year):
        # Neither a joint-leave day nor a closure is meant to replace a national holiday's name.
        days.setdefault(date, name)
    return dict(sorted(days.items()))
