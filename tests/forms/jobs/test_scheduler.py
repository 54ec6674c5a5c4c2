"""One scheduler per host starts each job once per period; a failing job is retried, then the SIAK administrators
are told; two schedulers at once on PostgreSQL remind each operator once."""

import datetime
import threading

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django.db import connection

from forms.dispatch.services import blank_spoil
from forms.jobs.models import JobRun, JobRunStatus
from forms.jobs.schedule import JOBS, JOBS_BY_COMMAND, Job, scheduler_tick
from forms.messaging.models import Message
from tests.forms.dispatch.conftest import kota, staff, stock_up, unused  # noqa: F401 - fixtures

WITA = datetime.timezone(datetime.timedelta(hours=8))
FRIDAY_MORNING = datetime.datetime(2026, 11, 27, 8, 30, tzinfo=WITA)  # the week's return day
REMIND = JOBS_BY_COMMAND["blank_returns_remind"]


def _reminders():
    return [m for m in mail.outbox if "Pengembalian mingguan" in m.subject]


def _one_spoiled_blank(staff, kota):  # noqa: F811
    stock_up(staff, kota, quantity=10)
    blank_spoil(kecamatan=kota, by=staff["operator"], reason="Chip retak", card_serial=unused(kota)[0])


def test_the_four_jobs_of_the_cron_lines_are_scheduled_with_their_periods():
    assert {job.command: job.every for job in JOBS} == {
        "case_reminders_send": "minutes",
        "complaints_escalate": "hour",
        "private_orphans_sweep": "hour",
        "ledger_verify": "day",
        "retention_sweep": "day",
        "blank_returns_remind": "day",
    }
    assert REMIND.period(FRIDAY_MORNING) == "2026-11-27"
    assert REMIND.period(FRIDAY_MORNING.replace(hour=6)) is None  # before its time of day
    assert JOBS_BY_COMMAND["complaints_escalate"].period(FRIDAY_MORNING) == "2026-11-27T08"


@pytest.mark.django_db
def test_a_job_runs_once_per_period_however_often_the_scheduler_looks(staff, kota, django_capture_on_commit_callbacks):  # noqa: F811
    _one_spoiled_blank(staff, kota)
    mail.outbox.clear()
    with time_machine.travel(FRIDAY_MORNING, tick=False), django_capture_on_commit_callbacks(execute=True):
        first = scheduler_tick(jobs=[REMIND])
        again = scheduler_tick(jobs=[REMIND])
    assert [(run.job, run.period) for run in first] == [("blank_returns_remind", "2026-11-27")]
    assert again == []
    run = JobRun.objects.get()
    assert (run.status, run.attempts) == (JobRunStatus.DONE, 1)
    assert "Balikpapan Kota" in run.output
    assert [m.to for m in _reminders()] == [["op.kota@example.org"]]


@pytest.mark.django_db
def test_every_job_starts_at_its_time_and_the_hourly_and_minutely_ones_again_next_hour(
    seeded, django_capture_on_commit_callbacks
):
    with time_machine.travel(FRIDAY_MORNING, tick=False), django_capture_on_commit_callbacks(execute=True):
        assert {run.job for run in scheduler_tick()} == {job.command for job in JOBS}
    with (
        time_machine.travel(FRIDAY_MORNING + datetime.timedelta(hours=1), tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        assert {run.job for run in scheduler_tick()} == {
            "case_reminders_send",
            "complaints_escalate",
            "private_orphans_sweep",
        }
    assert JobRun.objects.filter(status=JobRunStatus.DONE).count() == len(JOBS) + 3


@pytest.mark.django_db
def test_a_failing_job_is_retried_then_the_siak_administrators_are_told(
    staff,  # noqa: F811
    settings,
    django_capture_on_commit_callbacks,
):
    settings.JOB_MAX_ATTEMPTS = 3
    broken = Job("no_such_command", "day", datetime.time(1, 0))
    with time_machine.travel(FRIDAY_MORNING, tick=False), django_capture_on_commit_callbacks(execute=True):
        scheduler_tick(jobs=[broken])
    run = JobRun.objects.get()
    assert (run.status, run.attempts) == (JobRunStatus.FAILED, 3)
    assert "Unknown command" in run.last_error
    [alert] = [m for m in mail.outbox if "no_such_command" in m.subject]
    assert alert.to == [staff["siak_admin"].email]
    assert Message.objects.get(kind="jobs.job_failed").status == "sent"


@pytest.mark.django_db
def test_the_scheduler_command_looks_once(seeded, capsys, django_capture_on_commit_callbacks):
    with time_machine.travel(FRIDAY_MORNING, tick=False), django_capture_on_commit_callbacks(execute=True):
        call_command("jobs_schedule", "--once")
    assert "Started blank_returns_remind for 2026-11-27" in capsys.readouterr().out


@pytest.mark.django_db(transaction=True)
def test_two_schedulers_at_once_remind_each_operator_once(staff, kota):  # noqa: F811
    if connection.vendor != "postgresql":
        pytest.skip("SQLite serialises all writers, so it cannot show two schedulers racing for one period")
    _one_spoiled_blank(staff, kota)
    mail.outbox.clear()
    barrier = threading.Barrier(2)
    started, failures = [], []

    def scheduler():
        try:
            barrier.wait()
            started.extend(scheduler_tick(now=FRIDAY_MORNING, jobs=[REMIND]))
        except Exception as error:  # anything else is a bug this test must show
            failures.append(repr(error))
        finally:
            connection.close()

    with time_machine.travel(FRIDAY_MORNING, tick=False):
        threads = [threading.Thread(target=scheduler) for _ in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    assert failures == []
    assert len(started) == 1
    assert JobRun.objects.get().status == JobRunStatus.DONE
    assert [m.to for m in _reminders()] == [["op.kota@example.org"]]
