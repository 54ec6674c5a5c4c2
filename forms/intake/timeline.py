"""The application's timeline: every status change is one row, and the citizen hears of it after commit."""

from django.db import transaction

from forms.models import StatusChange
from forms.office.notifications import notify_status_change

from .step_time import previous_change_at, step_minutes


def status_change_record(
    application, *, to_status, by=None, note="", sop_step=None, from_status=None, opened_at=None
) -> StatusChange:
    """Move the application to ``to_status`` and keep the step on its timeline; callers hold the transaction.

    ``opened_at`` is when an officer first opened the step this change ends; the next step starts unopened. The
    step's waiting and working minutes are kept on the row, for the report.
    """
    started_at = previous_change_at(application)
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
    application.status = to_status
    application.status_changed_at = change.at
    application.step_opened_at = None
    application.save(update_fields=["status", "status_changed_at", "step_opened_at", "updated_at"])
    transaction.on_commit(lambda: notify_status_change(application=application, change=change))
    return change
