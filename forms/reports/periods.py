"""The periods a report covers: a month, a quarter, a semester (the 3-6-month evaluation) or any date range."""

import calendar
from datetime import date, timedelta

from django.db import models
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}


class PeriodKind(models.TextChoices):
    MONTH = "month", gettext_lazy("Month")
    QUARTER = "quarter", gettext_lazy("Quarter (3 months)")
    SEMESTER = "semester", gettext_lazy("Semester (6 months)")
    CUSTOM = "custom", gettext_lazy("Date range")


# How many months one period of each kind spans.
MONTHS_PER = {PeriodKind.MONTH: 1, PeriodKind.QUARTER: 3, PeriodKind.SEMESTER: 6}


def period_bounds(kind: str, year: int, number: int) -> tuple[date, date]:
    """First and last day of the `number`th month, quarter or semester of `year`."""
    months = MONTHS_PER[kind]
    first_month = (number - 1) * months + 1
    last_month = first_month + months - 1
    return date(year, first_month, 1), date(year, last_month, calendar.monthrange(year, last_month)[1])


def date_range_label(start: date, end: date) -> str:
    return f"{date_format(start, 'j F Y')} – {date_format(end, 'j F Y')}"


def period_label(kind: str, start: date, end: date) -> str:
    """How the period is named on the report, e.g. 'Triwulan I 2026 (1 Januari 2026 – 31 Maret 2026)'."""
    if kind == PeriodKind.MONTH:
        name = date_format(start, "F Y")
    elif kind == PeriodKind.QUARTER:
        name = _("Quarter %(number)s %(year)s") % {"number": ROMAN[(start.month - 1) // 3 + 1], "year": start.year}
    elif kind == PeriodKind.SEMESTER:
        name = _("Semester %(number)s %(year)s") % {"number": ROMAN[(start.month - 1) // 6 + 1], "year": start.year}
    else:
        return date_range_label(start, end)
    return f"{name} ({date_range_label(start, end)})"


def previous_bounds(kind: str, start: date, end: date) -> tuple[date, date]:
    """The period just before: the previous month, quarter or semester, or as many days right before a range."""
    if kind in MONTHS_PER:
        months = MONTHS_PER[kind]
        index = start.year * 12 + start.month - 1 - months
        first = date(index // 12, index % 12 + 1, 1)
        return first, start - timedelta(days=1)
    return start - (end - start) - timedelta(days=1), start - timedelta(days=1)
