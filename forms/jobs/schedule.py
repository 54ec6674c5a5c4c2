"""The scheduled jobs, their times, and the scheduler tick that starts each one once per period.

Each job is a management command run by name, so this room names no other room. A scheduler on every host is
safe: the first to insert (job, period) runs it; the others meet the unique constraint and move on.
"""

import io
import logging
import socket
from dataclasses import dataclass
from datetime import datetime, time, timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_tasks import task

from forms.constants import StaffRole
from forms.messaging.kinds import MessageKind, message_kind_register
from forms.messaging.messenger import message_send_staff, messages_requeue_due

from .models import JobRun, JobRunStatus

logger = logging.getLogger(__name__)

JOB_FAILED = message_kind_register(
    MessageKind(
        key="jobs.job_failed",
        label=gettext_lazy("Scheduled job failed"),
        email_subject=lambda context: (
            _("Scheduled job %(job)s failed for %(period)s")
            % {"job": context["run"].job, "period": context["run"].period}
        ),
        email_body="jobs/email/job_failed.txt",
    )
)


@dataclass(frozen=True)
class Job:
    command: str
    every: str  # "minutes", "hour" or "day"
    # The office clock (WITA): for "minutes" how many minutes each period lasts, for "hour" the minute past each
    # hour, for "day" the time of day.
    at: time

    def period(self, now: datetime) -> str | None:
        """The period this moment falls in, once the job's time in it has come; None before that."""
        local = timezone.localtime(now)
        if self.every == "minutes":
            return local.strftime("%Y-%m-%dT%H:") + f"{local.minute - local.minute % self.at.minute:02d}"
        if self.every == "hour":
            return local.strftime("%Y-%m-%dT%H") if local.minute >= self.at.minute else None
        return local.strftime("%Y-%m-%d") if local.time() >= self.at else None


JOBS = (
    Job("case_reminders_send", "minutes", time(0, 5)),
    Job("complaints_escalate", "hour", time(0, 5)),
    Job("private_orphans_sweep", "hour", time(0, 20)),
    Job("ledger_verify", "day", time(1, 0)),
    Job("retention_sweep", "day", time(2, 0)),
    Job("blank_returns_remind", "day", time(7, 0)),
)
JOBS_BY_COMMAND = {job.command: job for job in JOBS}


def scheduler_tick(*, now: datetime | None = None, jobs=JOBS) -> list[JobRun]:
    """Start every job whose time has come in its period and that no scheduler has started yet."""
    now = now or timezone.now()
    started = []
    for job in jobs:
        period = job.period(now)
        if period is None or JobRun.objects.filter(job=job.command, period=period).exists():
            continue
        try:
            with transaction.atomic():
                run = JobRun.objects.create(job=job.command, period=period, scheduled_by=socket.gethostname())
                transaction.on_commit(lambda pk=run.pk: job_run_task.enqueue(pk))
        except IntegrityError:
            continue  # another scheduler took this period first
        started.append(run)
    messages_requeue_due(now=now)
    return started


def _siak_admin_emails() -> list[str]:
    return list(
        get_user_model()
        .objects.filter(is_active=True, groups__name=StaffRole.SIAK_ADMIN)
        .exclude(email="")
        .values_list("email", flat=True)
        .distinct()
    )


def job_run(*, run_id: int) -> str:
    """Run the job; a failure is tried again with back-off, and the SIAK administrators hear of the last one."""
    run = JobRun.objects.get(pk=run_id)
    if run.status != JobRunStatus.RUNNING:
        return run.status
    deferrable = job_run_task.get_backend().supports_defer
    while True:
        run.attempts += 1
        output = io.StringIO()
        try:
            call_command(run.job, stdout=output, stderr=output)
        except Exception as exc:  # the job's own fault; recorded, retried, then reported
            logger.exception("Scheduled job %s (%s) failed, attempt %s", run.job, run.period, run.attempts)
            run.last_error = f"{type(exc).__name__}: {exc}"[:255]
            if run.attempts >= settings.JOB_MAX_ATTEMPTS:
                run.status, run.finished_at = JobRunStatus.FAILED, timezone.now()
                run.save()
                message_send_staff(kind=JOB_FAILED.key, emails=_siak_admin_emails(), context={"run": run}, about=run)
                return run.status
            run.save()
            if deferrable:
                delay = timedelta(seconds=settings.JOB_RETRY_BASE_SECONDS * 2 ** (run.attempts - 1))
                job_run_task.using(run_after=timezone.now() + delay).enqueue(run.pk)
                return run.status
            continue  # a backend that cannot defer (tests' immediate one) tries again at once
        run.status, run.finished_at, run.output = JobRunStatus.DONE, timezone.now(), output.getvalue()[-4000:]
        run.save()
        return run.status


@task()
def job_run_task(run_id: int) -> str:
    return job_run(run_id=run_id)
