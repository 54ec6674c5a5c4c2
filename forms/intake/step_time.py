"""Each step's waiting and working minutes, kept on its timeline row when the step is recorded.

A step starts in the queue at the application's previous status change and ends at the change that makes it. It
waits until an officer takes the case (forms.review.holding; the latest take counts, and a case handed back waits
again), or, for a case nobody took, until an officer who may make the step first opens it
(``StatusChange.opened_at``); then it is worked on. A holder who keeps the case into their own next step works it
from the change on. A step made without the case being opened or taken counts wholly as working time. Both are
working minutes of the office's clock (``forms.office.clock``: office hours on working days, floored), and the
waiting time is the step's total less its working time, so the two add up. The first change (the submission)
ends no step and keeps both empty.

The report adds the kept values up in SQL instead of recounting every step. They are counted with the calendar as it
was when the step was recorded: after a closure or joint-leave day is entered for days already past, or for rows
written before the values were kept, ``manage.py step_minutes_fill`` counts them again.
"""

import datetime

from django.conf import settings
from django.db import connection
from django.utils import timezone

from forms.models import StatusChange
from forms.office.clock import OfficeCalendar, non_working_dates, office_hours

FIELDS = ["waiting_minutes", "working_minutes"]


def step_minutes(started_at, at, opened_at, calendar: OfficeCalendar | None = None) -> tuple[int, int]:
    """(waiting, working) minutes of the step that started at `started_at` and was made at `at`."""
    calendar = calendar or OfficeCalendar.covering([started_at, at])
    total = calendar.working_minutes_between(started_at, at)
    # Never opened: the officer took it straight from the queue, so all of it was work.
    working = total if opened_at is None else calendar.working_minutes_between(max(opened_at, started_at), at)
    return total - working, working


def previous_change_at(application) -> datetime.datetime | None:
    """When the application's latest status change was recorded: where the next step starts."""
    return (
        StatusChange.objects.filter(application=application).order_by("-at", "-pk").values_list("at", flat=True).first()
    )


def step_minutes_fill(changes=None, *, batch: int = 1000, after: int = 0) -> int:
    """Count again the minutes of every step of the applications that `changes` (a StatusChange queryset, possibly a
    migration's historical model; all rows by default) touches, `batch` applications at a time in id order, in
    Python with the office calendar. Returns the number of rows whose values changed."""
    changes = StatusChange.objects.all() if changes is None else changes
    model = changes.model
    updated = 0
    while True:
        ids = list(
            changes.filter(application_id__gt=after)
            .order_by("application_id")
            .values_list("application_id", flat=True)
            .distinct()[:batch]
        )
        if not ids:
            return updated
        after = ids[-1]
        rows = list(
            model._default_manager.filter(application_id__in=ids)
            .order_by("application_id", "at", "pk")
            .values_list("pk", "application_id", "at", "opened_at", *FIELDS)
        )
        calendar = OfficeCalendar.covering(row[2] for row in rows)
        stale, previous = [], None
        for pk, application_id, at, opened_at, *kept in rows:
            started_at = previous[1] if previous and previous[0] == application_id else None
            measured = (None, None) if started_at is None else step_minutes(started_at, at, opened_at, calendar)
            if tuple(kept) != measured:
                stale.append(model(pk=pk, waiting_minutes=measured[0], working_minutes=measured[1]))
            previous = (application_id, at)
        model._default_manager.bulk_update(stale, FIELDS, batch_size=500)
        updated += len(stale)


def _minutes_sql(start: str, end: str) -> str:
    """SQL for the working minutes from `start` to `end`, as OfficeCalendar.working_minutes_between counts them:
    each local day's overlap with office hours, weekends and the listed days off left out, floored once."""
    return f"""(
        SELECT COALESCE(FLOOR(SUM(GREATEST(0, EXTRACT(EPOCH FROM
            LEAST({end}, (d::date + %(closes)s::time) AT TIME ZONE %(tz)s)
            - GREATEST({start}, (d::date + %(opens)s::time) AT TIME ZONE %(tz)s)))) / 60), 0)::integer
        FROM generate_series(({start} AT TIME ZONE %(tz)s)::date, ({end} AT TIME ZONE %(tz)s)::date,
                             interval '1 day') AS d
        WHERE EXTRACT(ISODOW FROM d) < 6 AND NOT (d::date = ANY(%(days_off)s::date[])))"""  # noqa: S608 (our SQL)


def step_minutes_fill_sql(*, table: str | None = None, batch: int = 20000, after: int = 0, progress=None) -> int:
    """The same as step_minutes_fill for a whole PostgreSQL table, counted by the database itself: one UPDATE per
    `batch` applications (a million applications in minutes, not hours). Returns the rows changed."""
    table = connection.ops.quote_name(table or StatusChange._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT min(at), max(at), max(application_id) FROM {table}")  # noqa: S608 (our own table)
        first, last, top = cursor.fetchone()
        if top is None:
            return 0
        tz = settings.TIME_ZONE
        local = [timezone.localtime(moment, timezone.get_default_timezone()).date() for moment in (first, last)]
        opens, closes = office_hours()
        params = {"tz": tz, "opens": opens, "closes": closes, "days_off": sorted(non_working_dates(*local))}
        total = _minutes_sql("s.started_at", "s.at")
        working = _minutes_sql("GREATEST(s.opened_at, s.started_at)", "s.at")
        updated = 0
        while after < top:
            params.update(low=after, high=after + batch)
            cursor.execute(
                f"""
                WITH s AS (
                    SELECT id, at, opened_at,
                           LAG(at) OVER (PARTITION BY application_id ORDER BY at, id) AS started_at
                    FROM {table} WHERE application_id > %(low)s AND application_id <= %(high)s
                ), m AS (
                    SELECT s.id, t.total,
                           CASE WHEN t.total IS NULL OR s.opened_at IS NULL THEN t.total ELSE {working} END AS working
                    FROM s, LATERAL (SELECT CASE WHEN s.started_at IS NOT NULL THEN {total} END AS total) AS t
                )
                UPDATE {table} AS c SET waiting_minutes = m.total - m.working, working_minutes = m.working
                FROM m
                WHERE c.id = m.id AND (c.waiting_minutes IS DISTINCT FROM m.total - m.working
                                       OR c.working_minutes IS DISTINCT FROM m.working)
                """,  # noqa: S608 (the table is ours, every value a parameter)
                params,
            )
            updated += cursor.rowcount
            after += batch
            if progress:
                progress(after, top)
        return updated
