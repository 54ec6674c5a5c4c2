"""Which days a citizen may book, with the reason in the citizen's words when a day cannot be booked."""

import datetime

from django.core.exceptions import ValidationError
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from forms.office.clock import is_working_day, non_working_days

from .selectors import booking_window, closed_reason, visit_today, window_days


def _long(day: datetime.date) -> str:
    return date_format(day, "j F Y")


def day_problem(day: datetime.date, *, today: datetime.date | None = None) -> ValidationError | None:
    """Why no office can take a visit on `day` (past, too soon, not a working day, beyond the window), or None."""
    today = today or visit_today()
    first, last = booking_window(today)
    if day < today:
        return ValidationError(
            _("This date has passed. Choose a working day from %(first)s."),
            code="past",
            params={"first": _long(first)},
        )
    if day < first:
        return ValidationError(
            _("Visits can be booked from the next working day, %(first)s."),
            code="too_soon",
            params={"first": _long(first)},
        )
    if day > last:
        return ValidationError(
            _("Visits can be booked at most %(days)s days ahead, until %(last)s."),
            code="beyond_window",
            params={"days": window_days(), "last": _long(last)},
        )
    if not is_working_day(day):
        if day.weekday() >= 5:
            return ValidationError(
                _("The kecamatan offices are closed on Saturdays and Sundays. Choose a working day."), code="weekend"
            )
        return ValidationError(
            _("%(date)s is a holiday (%(name)s). Choose another working day."),
            code="holiday",
            params={"date": _long(day), "name": non_working_days(day.year).get(day, "")},
        )
    return None


def office_day_problem(kecamatan, day: datetime.date) -> ValidationError | None:
    """Why this office cannot take visits on a day that is otherwise bookable (closed for the day), or None."""
    reason = closed_reason(kecamatan, day)
    if reason is not None:
        return ValidationError(
            _("The %(kecamatan)s office takes no IKD visits on %(date)s (%(reason)s). Choose another day."),
            code="closed",
            params={"kecamatan": kecamatan.name, "date": _long(day), "reason": reason},
        )
    return None


def full_error(kecamatan, day: datetime.date, capacity: int) -> ValidationError:
    return ValidationError(
        _("All %(capacity)s places at the %(kecamatan)s office on %(date)s are booked. Choose another day."),
        code="full",
        params={"capacity": capacity, "kecamatan": kecamatan.name, "date": _long(day)},
    )
