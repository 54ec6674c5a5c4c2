"""What the report reads from the application instead of its timeline, filled for rows recorded before it was kept.

``forms.intake.timeline.status_change_record`` keeps them as each step is recorded: when the office clock first
stopped (``clock_stopped_at``), how often the application went back to the citizen (``return_count``) and came
back (``resubmission_count``). This fills them from the timeline in SQL, a batch of application ids per UPDATE, so
a million applications take one pass over the timeline, not one query each.
"""

from collections.abc import Callable

from django.db import connection

from forms.constants import CLOCK_STOPPED_STATUSES, ApplicationStatus

APPLICATIONS = "intake_application"
CHANGES = "intake_statuschange"


def _fill_sql(applications: str, changes: str) -> str:
    stopped = ", ".join(f"'{status}'" for status in CLOCK_STOPPED_STATUSES)
    returned, submitted = ApplicationStatus.RETURNED.value, ApplicationStatus.SUBMITTED.value
    # UPDATE … FROM and FILTER run on PostgreSQL and on SQLite 3.33+ alike.
    return f"""
        UPDATE {applications} SET
            clock_stopped_at = t.stopped, return_count = t.returns, resubmission_count = t.resubmissions
        FROM (
            SELECT application_id,
                   MIN(at) FILTER (WHERE to_status IN ({stopped})) AS stopped,
                   COUNT(*) FILTER (WHERE to_status = '{returned}') AS returns,
                   COUNT(*) FILTER (WHERE from_status = '{returned}' AND to_status = '{submitted}') AS resubmissions
            FROM {changes}
            WHERE application_id > %s AND application_id <= %s
            GROUP BY application_id
        ) AS t
        WHERE {applications}.id = t.application_id
    """  # noqa: S608 (the table names and statuses are this module's own, never input)


def report_times_fill(
    *,
    batch: int = 50_000,
    after: int = 0,
    applications: str = APPLICATIONS,
    changes: str = CHANGES,
    progress: Callable[[int, int], None] | None = None,
) -> int:
    """Set the kept report columns of every application after id `after` from its timeline; returns rows updated.
    Safe to repeat and to resume; the table names are a migration's when it passes its historical models'."""
    sql = _fill_sql(applications, changes)
    updated = 0
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COALESCE(MAX(id), 0) FROM {applications}")  # noqa: S608 (our own table name)
        top = cursor.fetchone()[0]
        while after < top:
            cursor.execute(sql, [after, after + batch])
            updated += max(cursor.rowcount, 0)
            after += batch
            if progress:
                progress(after, top)
    return updated


# PostgreSQL's covering indexes let the report read a quarter (and the trend's twelve months) from the index alone,
# without visiting a million-row table. The cohort's index is also the only one on submit_time, which the queue's
# "submitted" filter uses: beside a plain one, the planner took the smaller plain index and read 500,000 table rows
# for the trend (1.0 s, against 0.4 s from this one). SQLite has no INCLUDE: it gets the same keys without it.
COVERING_INDEXES = {
    "intake_app_report_cohort": (
        f"{APPLICATIONS} (submit_time)",
        "id, kecamatan_id, service_id, status, channel, due_at, clock_stopped_at, promised_duration, "
        "promised_duration_unit, return_count, resubmission_count",
        "",
    ),
    # Only the rows that end an SOP step: the SOP step times' one grouped query.
    "intake_change_step_minutes": (
        f"{CHANGES} (application_id)",
        "id, from_status, to_status, sop_step, working_minutes, waiting_minutes",
        " WHERE working_minutes IS NOT NULL AND sop_step IS NOT NULL",
    ),
}


def covering_indexes_create(schema_editor) -> None:
    covering = schema_editor.connection.vendor == "postgresql"
    for name, (keys, included, condition) in COVERING_INDEXES.items():
        include = f" INCLUDE ({included})" if covering else ""
        schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {name} ON {keys}{include}{condition}")


def covering_indexes_drop(schema_editor) -> None:
    for name in COVERING_INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")
