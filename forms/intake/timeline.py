"""The application's timeline: every status change is one row, and the citizen hears of it after commit."""

from django.db import transaction

from forms.constants import CLOCK_STOPPED_STATUSES, FINAL_STATUSES, ApplicationStatus, roles_moving
from forms.models import StatusChange
from forms.office.notifications import notify_status_change
from forms.office.roles import user_roles

from .step_time import previous_change_at, step_minutes

# What the report reads from the application instead of its timeline (forms.intake.report_times fills old rows).
REPORT_FIELDS = ["clock_stopped_at", "return_count", "resubmission_count"]


def status_change_record(
    application, *, to_status, by=None, note="", sop_step=None, from_status=None, opened_at=None
) -> StatusChange:
    """Move the application to ``to_status`` and keep the step on its timeline; callers hold the transaction.

    ``opened_at`` is when an officer first opened (or took) the step this change ends. The step's waiting and
    working minutes are kept on the row, and on the application when its office clock first stopped and how often
    it went back to the citizen and came back, for the report.

    The case's holder keeps it while the next step is theirs to make (an operator accepts, then enters it in SIAK),
    and its next step is worked on from now. It is released when the next step is another role's (the Verifikator's
    approval) or the case leaves the office (ready for the citizen, returned, closed): the next step then waits in
    the shared queue, unopened, for whoever takes it.
    """
    # A first record (from no status) has no step before it to count.
    started_at = None if from_status == "" else previous_change_at(application)
    change = StatusChange.objects.create(
        application=application,
        from_status=application.status if from_status is None else from_status,
        to_status=to_status,
        by=by,
        note=note,
        sop_step=sop_step,
        opened_at=opened_at,
    )
    if started_at is not None:
        # `at` is the database row's own (auto_now_add), so the minutes are counted once it is known.
        change.waiting_minutes, change.working_minutes = step_minutes(started_at, change.at, opened_at)
        StatusChange.objects.filter(pk=change.pk).update(
            waiting_minutes=change.waiting_minutes, working_minutes=change.working_minutes
        )
    if to_status in CLOCK_STOPPED_STATUSES and application.clock_stopped_at is None:
        application.clock_stopped_at = change.at
    if to_status == ApplicationStatus.RETURNED:
        application.return_count += 1
    elif change.from_status == ApplicationStatus.RETURNED and to_status == ApplicationStatus.SUBMITTED:
        application.resubmission_count += 1
    application.status = to_status
    application.status_changed_at = change.at
    application.step_opened_at = None
    if application.holder_id is not None:
        if _holder_keeps(application):
            application.step_opened_at = change.at
        else:
            application.holder, application.held_since = None, None
    application.save(
        update_fields=[
            "status",
            "status_changed_at",
            "step_opened_at",
            "holder",
            "held_since",
            *REPORT_FIELDS,
            "updated_at",
        ]
    )
    transaction.on_commit(lambda: notify_status_change(application=application, change=change))
    return change


def _holder_keeps(application) -> bool:
    if application.status in FINAL_STATUSES:
        return False
    waiting_for = roles_moving(application.status, application.processing, application.channel)
    return bool(user_roles(application.holder) & waiting_for)
