"""How long the direct superior has to answer before a complaint goes to leadership."""

import datetime

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils import timezone

from forms.office.clock import next_working_day


def escalation_working_days() -> int:
    value = getattr(settings, "COMPLAINT_ESCALATION_WORKING_DAYS", 3)
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ImproperlyConfigured(f"COMPLAINT_ESCALATION_WORKING_DAYS must be an integer >= 1, got {value!r}.")
    return value


def answer_due_at(received: datetime.datetime) -> datetime.datetime:
    """The end of office hours on the N-th working day after the day of receipt (N: the escalation setting).

    The day of receipt itself never counts, whatever the hour: a complaint filed on Friday afternoon, or at the
    weekend, has Monday, Tuesday and Wednesday, and escalates once Wednesday's office hours are over. Weekends,
    public holidays and joint-leave days are skipped by forms.clock.
    """
    zone = timezone.get_default_timezone()
    day = timezone.localtime(received, zone).date()
    for _step in range(escalation_working_days()):
        day = next_working_day(day)
    closes = settings.OFFICE_CLOSES
    if not isinstance(closes, datetime.time):
        closes = datetime.time.fromisoformat(closes)
    return timezone.make_aware(datetime.datetime.combine(day, closes), zone)
