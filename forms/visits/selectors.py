"""Reads for IKD visits: the booking window, each office's places, the day's list, and what a user may see."""

import datetime

from django.conf import settings
from django.db.models import Count, Q
from django.utils import timezone

from forms.office.clock import next_working_day, non_working_days
from forms.office.scope import CITY, OfficeScope
from services.models import Kecamatan

from .constants import VisitStatus
from .models import VisitBooking, VisitClosedDay, VisitOffice, default_daily_capacity, default_queue_prefix


def visit_today() -> datetime.date:
    """The office's date now (WITA), whatever the visitor's time zone."""
    return timezone.localdate(timezone.now(), timezone.get_default_timezone())


def window_days() -> int:
    return getattr(settings, "VISIT_BOOKING_WINDOW_DAYS", 14)


def booking_window(today: datetime.date | None = None) -> tuple[datetime.date, datetime.date]:
    """First and last bookable date: from the next working day to `window_days()` calendar days ahead."""
    today = today or visit_today()
    return next_working_day(today), today + datetime.timedelta(days=window_days())


def bookable_days(today: datetime.date | None = None) -> list[datetime.date]:
    """The working days in the booking window, for every office (an office's closed days are left to the caller)."""
    first, last = booking_window(today)
    closed = {**non_working_days(first.year), **non_working_days(last.year)}
    days, day = [], first
    while day <= last:
        if day.weekday() < 5 and day not in closed:
            days.append(day)
        day += datetime.timedelta(days=1)
    return days


def office_capacity(kecamatan) -> int:
    office = VisitOffice.objects.filter(kecamatan=kecamatan).only("daily_capacity").first()
    return office.daily_capacity if office else default_daily_capacity()


def office_queue_prefix(kecamatan) -> str:
    office = VisitOffice.objects.filter(kecamatan=kecamatan).only("queue_prefix").first()
    return (office.queue_prefix if office else "") or default_queue_prefix(kecamatan)


def closed_reason(kecamatan, day: datetime.date) -> str | None:
    return VisitClosedDay.objects.filter(kecamatan=kecamatan, date=day).values_list("reason", flat=True).first()


def remaining_places(days: list[datetime.date]) -> dict[int, dict[datetime.date, int | None]]:
    """Places left per office and day (None: the office is closed that day), in three queries for all offices."""
    if not days:
        return {}
    capacities = dict(VisitOffice.objects.values_list("kecamatan_id", "daily_capacity"))
    booked = {
        (row["kecamatan_id"], row["date"]): row["count"]
        for row in VisitBooking.objects.filter(date__in=days)
        .values("kecamatan_id", "date")
        .annotate(count=Count("pk"))
        .order_by()
    }
    closed = set(VisitClosedDay.objects.filter(date__in=days).values_list("kecamatan_id", "date"))
    result = {}
    for kecamatan_id in Kecamatan.objects.values_list("pk", flat=True):
        capacity = capacities.get(kecamatan_id, default_daily_capacity())
        result[kecamatan_id] = {
            day: None if (kecamatan_id, day) in closed else max(capacity - booked.get((kecamatan_id, day), 0), 0)
            for day in days
        }
    return result


def current_booking(application) -> VisitBooking | None:
    """The application's latest booking (the one the citizen holds, or the last one that ended)."""
    return application.visit_bookings.select_related("kecamatan").order_by("-booked_at", "-pk").first()


def day_bookings(*, kecamatan, day: datetime.date):
    return (
        VisitBooking.objects.filter(kecamatan=kecamatan, date=day)
        .select_related("application", "called_by", "closed_by")
        .order_by("number")
    )


def now_serving(*, kecamatan, day: datetime.date) -> VisitBooking | None:
    """The number called last at this office today."""
    return (
        VisitBooking.objects.filter(kecamatan=kecamatan, date=day, called_at__isnull=False)
        .select_related("called_by")
        .order_by("-called_at", "-number")
        .first()
    )


def day_counts(*, day: datetime.date, scope: OfficeScope = CITY) -> list[dict]:
    """Per office: waiting, called, activated and not completed on `day`, every office in scope listed."""
    offices = scope.kecamatan().order_by("name")
    counts = {
        row["kecamatan_id"]: row
        for row in scope.filter(VisitBooking.objects.filter(date=day))
        .values("kecamatan_id")
        .annotate(
            **{status: Count("pk", filter=Q(status=status)) for status in VisitStatus.values},
            total=Count("pk"),
        )
        .order_by()
    }
    empty = {status: 0 for status in VisitStatus.values} | {"total": 0}
    return [{"kecamatan": office, **empty, **counts.get(office.pk, {})} for office in offices]
