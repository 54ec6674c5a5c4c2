"""The clock stop and the return counts the report reads are kept on the application when each step is recorded,
and the fill command sets them from the timeline for rows recorded before."""

import io

import pytest
import time_machine
from django.core.management import call_command

from forms.constants import ApplicationStatus
from forms.intake.timeline import status_change_record
from forms.models import Application, StatusChange
from tests.forms.dispatch.conftest import counter_application

from .data import wita

pytestmark = pytest.mark.django_db
S = ApplicationStatus


def _walk(application, operator):
    """Returned twice, resubmitted twice, then ready for pickup on Wednesday and handed over on Friday."""
    steps = [
        (wita(2026, 2, 2, 10), S.RETURNED),
        (wita(2026, 2, 2, 11), S.SUBMITTED),
        (wita(2026, 2, 2, 12), S.RETURNED),
        (wita(2026, 2, 3, 9), S.SUBMITTED),
        (wita(2026, 2, 3, 10), S.ACCEPTED),
        (wita(2026, 2, 4, 10), S.READY_FOR_PICKUP),
        (wita(2026, 2, 6, 10), S.HANDED_OVER),
    ]
    for moment, status in steps:
        with time_machine.travel(moment, tick=False):
            status_change_record(application, to_status=status, by=operator)
    return application


def test_recording_a_step_keeps_the_first_clock_stop_and_counts_returns_and_resubmissions(staff):
    with time_machine.travel(wita(2026, 2, 2, 9), tick=False):
        application = counter_application(staff["operator"])
    assert (application.clock_stopped_at, application.return_count, application.resubmission_count) == (None, 0, 0)
    _walk(application, staff["operator"])
    stored = Application.objects.get(pk=application.pk)
    # Handing over later does not move the stop: the clock stopped when the card was ready.
    assert stored.clock_stopped_at == wita(2026, 2, 4, 10)
    assert (stored.return_count, stored.resubmission_count) == (2, 2)


def test_the_fill_command_sets_the_kept_columns_from_the_timeline(staff):
    with time_machine.travel(wita(2026, 2, 2, 9), tick=False):
        walked = _walk(counter_application(staff["operator"]), staff["operator"])
        untouched = counter_application(staff["operator"])
    # As rows recorded before the columns existed, or written straight to the database, would stand.
    Application.objects.update(clock_stopped_at=None, return_count=0, resubmission_count=0)
    call_command("report_times_fill", batch=1, after=0, stdout=io.StringIO())
    walked = Application.objects.get(pk=walked.pk)
    first_stop = StatusChange.objects.filter(application=walked, to_status=S.READY_FOR_PICKUP).get().at
    assert (walked.clock_stopped_at, walked.return_count, walked.resubmission_count) == (first_stop, 2, 2)
    untouched = Application.objects.get(pk=untouched.pk)
    assert (untouched.clock_stopped_at, untouched.return_count, untouched.resubmission_count) == (None, 0, 0)
