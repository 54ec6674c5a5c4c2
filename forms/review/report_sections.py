"""The applications' sections of the service report (orders 10-40), each from a fixed number of queries.

Every section counts the same cohort: the applications first submitted in the period (``submit_time``), narrowed
by the service and the kecamatan when the scope names them.
"""

from collections import Counter, defaultdict
from dataclasses import dataclass, replace

from django.conf import settings
from django.db.models import Case, Count, F, IntegerField, Q, Sum, Value, When
from django.db.models.functions import Coalesce, TruncMonth
from django.utils import timezone
from django.utils.translation import gettext as _

from forms.constants import CLOCK_STOPPED_STATUSES, TRANSITIONS, ApplicationStatus, Channel
from forms.models import Application, ReturnReason, StatusChange
from forms.office.report_sections import (
    BarChart,
    ReportScope,
    Section,
    Table,
    TrendSeries,
    month_key,
    register_section,
    register_trend,
    share_percent,
)
from services.constants import DurationUnit
from services.models import Kecamatan, ServiceStandardPage
from services.models.decrees import sop_step_minutes

from .transitions import transition_standard_minutes

CLOCK_STOPPED = CLOCK_STOPPED_STATUSES
# The transitions that stand for SOP steps, found in the history by (from, to, recorded SOP step).
SOP_TRANSITIONS = tuple(transition for transition in TRANSITIONS if transition.sop_steps)
TOP_REASONS = 10


def cohort_q(scope: ReportScope, prefix: str = "") -> Q:
    """Applications first submitted in the scope's period, of its service and kecamatan when given."""
    start, end = scope.datetime_range()
    q = Q(**{f"{prefix}submit_time__gte": start, f"{prefix}submit_time__lt": end})
    if scope.service_id:
        q &= Q(**{f"{prefix}service_id": scope.service_id})
    if scope.kecamatan_id:
        q &= Q(**{f"{prefix}kecamatan_id": scope.kecamatan_id})
    return q


def periods_cohort(scopes: list[ReportScope], prefix: str = "") -> tuple[Q, Case]:
    """The cohorts of several periods of one service and kecamatan as one filter over their whole span (a single
    range on submit_time, which the covering index serves), and each row's period: its index in `scopes`, None in
    a gap between them."""
    first = scopes[0]
    if any((scope.service_id, scope.kecamatan_id) != (first.service_id, first.kecamatan_id) for scope in scopes):
        raise ValueError("the periods of one report share their service and kecamatan")
    span = replace(first, start=min(scope.start for scope in scopes), end=max(scope.end for scope in scopes))
    period = Case(
        *[
            When(cohort_q(replace(scope, service_id=None, kecamatan_id=None), prefix), then=Value(index))
            for index, scope in enumerate(scopes)
        ],
        default=None,
        output_field=IntegerField(),
    )
    return cohort_q(span, prefix), period


def kecamatan_rows(scope: ReportScope) -> list[tuple[int, str]]:
    """The kecamatan a scope covers, in the office's order: one, or all six."""
    queryset = Kecamatan.objects.all()
    if scope.kecamatan_id:
        queryset = queryset.filter(pk=scope.kecamatan_id)
    return list(queryset.values_list("pk", "name"))


def _cohort_note():
    return _(
        "Counted: the applications first submitted in the period, with the service and kecamatan chosen. "
        "Their status is the status now, when this report was made."
    )


def _channel_counts_table(title, first_column, keys, counts):
    channels = list(Channel)
    rows = []
    for key, label in keys:
        values = [counts[(key, channel.value)] for channel in channels]
        rows.append([str(label), *values, sum(values)])
    totals = [sum(row[i] for row in rows) for i in range(1, len(channels) + 2)]
    rows.append([_("Total"), *totals])
    return Table(title, [first_column, *[str(channel.label) for channel in channels], _("Total")], rows)


def applications_by_channel_and_status(scope: ReportScope) -> Section:
    """Applications by channel (online, counter) and by status, kecamatan and service."""
    return applications_by_channel_and_status_periods([scope])[0]


@register_section(10, periods=True)
def applications_by_channel_and_status_periods(scopes: list[ReportScope]) -> list[Section]:
    """Section 10 for each period, from one query grouped by period (and the names of the kecamatan and services)."""
    cohort, period = periods_cohort(scopes)
    grouped = (
        Application.objects.filter(cohort)
        .annotate(period=period)
        .values_list("period", "status", "channel", "kecamatan_id", "service_id")
        .annotate(count=Count("pk"))
        .order_by()
    )
    rows = defaultdict(list)
    for index, *row in grouped:
        rows[index].append(row)
    service_ids = sorted({row[3] for index in rows if index is not None for row in rows[index] if row[3] is not None})
    titles = list(ServiceStandardPage.objects.filter(pk__in=service_ids).values_list("pk", "title"))
    kecamatan = kecamatan_rows(scopes[0])
    return [_applications_section(rows[index], list(kecamatan), titles) for index in range(len(scopes))]


def _applications_section(grouped, kecamatan, titles) -> Section:
    by_status, by_kecamatan, by_service, by_channel = Counter(), Counter(), Counter(), Counter()
    for status, channel, kecamatan_id, service_id, count in grouped:
        by_status[(status, channel)] += count
        by_kecamatan[(kecamatan_id, channel)] += count
        by_service[(service_id, channel)] += count
        by_channel[channel] += count

    if any(key is None for key, _channel in by_kecamatan):
        kecamatan.append((None, _("No kecamatan given")))
    present = {key for key, _channel in by_service if key is not None}
    services = [(pk, title) for pk, title in titles if pk in present]
    if any(key is None for key, _channel in by_service):
        services.append((None, _("Service removed")))

    section = Section("applications", _("Applications by channel and status"), notes=[_cohort_note()])
    section.tables = [
        _channel_counts_table(_("By status"), _("Status"), list(ApplicationStatus.choices), by_status),
        _channel_counts_table(_("By kecamatan"), _("Kecamatan"), kecamatan, by_kecamatan),
        _channel_counts_table(_("By service"), _("Service"), services, by_service),
    ]
    section.charts = [
        BarChart(_("Applications by channel"), [(str(channel.label), by_channel[channel.value]) for channel in Channel])
    ]
    if len(kecamatan) > 1:
        section.charts.append(
            BarChart(
                _("Applications by kecamatan"),
                [(name, sum(by_kecamatan[(key, channel.value)] for channel in Channel)) for key, name in kecamatan],
            )
        )
    return section


def promise_display(duration: int, unit: str) -> str:
    """A promised service time as the standard states it, e.g. "14 hari kerja"."""
    return f"{duration} {DurationUnit(unit).label}"


def _promise(duration, unit) -> tuple[int, str]:
    # An application from before promises were kept was given the office's default when it arrived.
    if duration is None:
        return settings.SERVICE_WORKING_DAYS, DurationUnit.WORKING_DAYS
    return duration, unit or DurationUnit.WORKING_DAYS


def finished_within_standard(scope: ReportScope) -> Section:
    """The share of finished applications whose office clock stopped by their due time, which each application's
    own promise (the standard in force when it was submitted) set."""
    return finished_within_standard_periods([scope])[0]


@register_section(20, periods=True)
def finished_within_standard_periods(scopes: list[ReportScope]) -> list[Section]:
    """Section 20 for each period, from one query grouped by period, kecamatan and promise."""
    # Counted in the database from the clock stop kept on each application (forms.intake.timeline): a city-wide
    # quarter is 100,000s of applications.
    now = timezone.now()
    stopped = Q(status__in=CLOCK_STOPPED)
    measured = stopped & Q(due_at__isnull=False, clock_stopped_at__isnull=False)
    open_ = ~Q(status__in=CLOCK_STOPPED) & ~Q(status=ApplicationStatus.RETURNED)
    cohort, period = periods_cohort(scopes)
    rows = (
        Application.objects.filter(cohort)
        .annotate(period=period)
        .values("period", "kecamatan_id", "promised_duration", "promised_duration_unit")
        .annotate(
            submitted=Count("pk"),
            stopped=Count("pk", filter=measured),
            unmeasured=Count("pk", filter=stopped & ~measured),
            within=Count("pk", filter=measured & Q(clock_stopped_at__lte=F("due_at"))),
            with_citizen=Count("pk", filter=Q(status=ApplicationStatus.RETURNED)),
            open=Count("pk", filter=open_),
            overdue=Count("pk", filter=open_ & Q(due_at__lt=now)),
        )
        .order_by()
    )
    by_period = defaultdict(list)
    for row in rows:
        by_period[row["period"]].append(row)
    kecamatan = kecamatan_rows(scopes[0])
    return [_within_section(by_period[index], list(kecamatan)) for index in range(len(scopes))]


def _within_section(rows, kecamatan) -> Section:
    figures, by_promise = defaultdict(Counter), defaultdict(Counter)
    unmeasured = 0
    for row in rows:
        counts, promised = (
            figures[row["kecamatan_id"]],
            by_promise[_promise(row["promised_duration"], row["promised_duration_unit"])],
        )
        unmeasured += row["unmeasured"]
        late = row["stopped"] - row["within"]
        for tally in (counts, promised):
            tally.update(submitted=row["submitted"], stopped=row["stopped"], within=row["within"], late=late)
        counts.update(open=row["open"], overdue=row["overdue"], with_citizen=row["with_citizen"])

    promises = sorted(by_promise, key=lambda item: (list(DurationUnit).index(item[1]), item[0]))
    labels = [promise_display(*promise) for promise in promises]
    # One promise for the whole cohort is named in every heading; several are told apart in their own table.
    only = labels[0] if len(labels) == 1 else None
    if None in figures:
        kecamatan.append((None, _("No kecamatan given")))
    keys = ["submitted", "stopped", "within", "late", "share", "open", "overdue", "with_citizen"]
    table_rows, total = [], Counter()
    for key, name in kecamatan:
        counts = figures.get(key, Counter())
        total.update(counts)
        table_rows.append([name, *_within_cells(counts, keys)])
    table_rows.append([_("Total"), *_within_cells(total, keys)])
    within_label = _("Within %(promise)s") % {"promise": only} if only else _("Within the promised service time")
    columns = [
        _("Kecamatan"),
        _("Submitted"),
        _("Finished (clock stopped)"),
        within_label,
        _("Late"),
        f"{within_label} (%)",
        _("Still in process"),
        _("Of which past due now"),
        _("Returned, with the citizen"),
    ]
    promise_keys = ["submitted", "stopped", "within", "late", "share"]
    promise_rows = [
        [label, *_within_cells(by_promise[promise], promise_keys)]
        for promise, label in zip(promises, labels, strict=True)
    ]
    notes = [
        _(
            "Standard: %(promises)s, the service time the standard in force promised when each application was "
            "submitted; a later change of the standard does not move an earlier application's due time. Working "
            "days are Monday to Friday, without public holidays, joint-leave days and office closures. Of the "
            "applications submitted in the period whose office clock has stopped (status ready for pickup, sent by "
            "courier, document sent, handed over, archived or rejected), the share whose clock stopped (the first of "
            "those statuses) at or before their due time. A request received on a working day before %(cutoff)s "
            "WITA counts that day as its first working day, a later one the next working day; a promise of n working "
            "days is due at %(closes)s on the n-th, one in hours or minutes when that much office time has run. The "
            "due time is set again when the citizen resubmits after a return, so the days an application spent with "
            "the citizen do not count against the office."
        )
        % {
            "promises": ", ".join(labels) if labels else _("as each application was promised"),
            "cutoff": settings.OFFICE_CUTOFF,
            "closes": settings.OFFICE_CLOSES,
        },
        _cohort_note(),
    ]
    if unmeasured:
        notes.append(
            _("%(count)s finished applications without a due time or a recorded stop are not counted.")
            % {"count": unmeasured}
        )
    title = (
        _("Finished within the standard of %(promise)s") % {"promise": only}
        if only
        else _("Finished within the promised service time")
    )
    section = Section("within_standard", title, notes=notes)
    section.tables = [
        Table(_("Per kecamatan"), columns, table_rows),
        Table(
            _("Per promised service time"),
            [_("Promised service time"), *columns[1:6]],
            promise_rows,
        ),
    ]
    shares = [(row[0], row[5]) for row in table_rows[:-1] if row[5] is not None]
    section.charts = [BarChart(_("%(within)s, per kecamatan") % {"within": within_label}, shares, unit="%")]
    return section


def _within_cells(counts, keys):
    cells = []
    for key in keys:
        if key == "share":
            cells.append(share_percent(counts["within"], counts["stopped"]))
        else:
            cells.append(counts[key])
    return cells


@dataclass(frozen=True)
class StepTime:
    """One SOP step of one application in working minutes: waiting until an officer opened it, then worked on."""

    waiting: int
    working: int
    standard: int

    @property
    def total(self) -> int:
        return self.waiting + self.working


def sop_minutes_by_service(service_ids) -> dict[int, dict[int, int]]:
    """Each service's published SOP minutes per step number (empty when it names no SOP), from two queries."""
    decrees = dict(
        ServiceStandardPage.objects.filter(pk__in=[pk for pk in service_ids if pk is not None]).values_list(
            "pk", "procedure_decree_id"
        )
    )
    minutes = sop_step_minutes({decree for decree in decrees.values() if decree is not None})
    return {service: minutes.get(decree, {}) for service, decree in decrees.items()}


def _cohort_steps(scope: ReportScope):
    """The cohort's timeline rows that record an SOP step, with their kept minutes (forms.intake.step_time): the first
    change of an application ends no step and keeps none. Only a transition records an SOP step; the callers find
    which one by (from, to, recorded SOP step), a plain filter the planner counts well, not an OR of every key."""
    return StatusChange.objects.filter(
        cohort_q(scope, "application__"), sop_step__isnull=False, working_minutes__isnull=False
    )


def _cohort_standards(scope: ReportScope) -> tuple[dict[int | None, dict[int, int]], dict[str, set[int]]]:
    """The SOP minutes of each service with a timeline in the cohort, and the standard minutes they give each
    action (the scope's service's alone when the cohort is empty)."""
    return _cohort_standards_periods([scope])[0]


def _cohort_standards_periods(scopes: list[ReportScope]) -> list[tuple[dict, dict[str, set[int]]]]:
    """_cohort_standards for each period: one query for the services of every period, two for their SOPs."""
    # Every application has a timeline from its submission on (status_change_record), so no need to look for one.
    cohort, period = periods_cohort(scopes)
    found = defaultdict(set)
    for index, service in (
        Application.objects.filter(cohort).annotate(period=period).order_by().values_list("period", "service_id")
    ).distinct():
        found[index].add(service)
    services = [found.get(index) or {scope.service_id} for index, scope in enumerate(scopes)]
    sop = sop_minutes_by_service(set().union(*services))
    return [
        (
            sop,
            {
                transition.action: {transition_standard_minutes(transition, sop.get(service, {})) for service in each}
                for transition in SOP_TRANSITIONS
            },
        )
        for each in services
    ]


def step_times(scope: ReportScope) -> tuple[dict[str, list[StepTime]], dict[str, set[int]]]:
    """Each SOP step's kept waiting and working minutes per transition action, one by one, and the standard minutes
    the cohort's services give each action. The report itself adds them up in SQL (step_time_figures)."""
    sop, standards = _cohort_standards(scope)
    times: dict[str, list[StepTime]] = {transition.action: [] for transition in SOP_TRANSITIONS}
    rows = _cohort_steps(scope).values_list(
        "from_status", "to_status", "sop_step", "waiting_minutes", "working_minutes", "application__service_id"
    )
    by_key = {
        (source, transition.target, transition.sop_steps[-1]): transition
        for transition in SOP_TRANSITIONS
        for source in transition.sources
    }
    for from_status, to_status, sop_step, waiting, working, service_id in rows:
        transition = by_key.get((from_status, to_status, sop_step))
        if transition is None:  # a step no transition of today's SOP makes
            continue
        standard = transition_standard_minutes(transition, sop.get(service_id, {}))
        times[transition.action].append(StepTime(waiting=waiting, working=working, standard=standard))
    return times, standards


@dataclass(frozen=True)
class StepFigures:
    """One action's figures over the cohort: count, nearest-rank percentiles and sums."""

    measured: int = 0
    within: int = 0
    working_median: int | None = None
    working_p90: int | None = None
    waiting_median: int | None = None
    waiting_sum: int = 0
    working_sum: int = 0

    @property
    def total_sum(self) -> int:
        return self.waiting_sum + self.working_sum


def _histogram_rank(histogram: Counter, percent: int) -> int | None:
    """nearest_rank over the values a histogram (value -> how many) counts, without listing them one by one."""
    total = sum(histogram.values())
    if not total:
        return None
    rank = max(-(-percent * total // 100), 1)
    seen = 0
    for value in sorted(histogram):
        seen += histogram[value]
        if seen >= rank:
            return value
    raise AssertionError("unreachable: the ranks add up to the total")


def step_time_figures(scope: ReportScope) -> tuple[dict[str, StepFigures], dict[str, set[int]]]:
    """Each SOP action's figures over the cohort's kept step minutes, and the standards the cohort's services give
    each action. The database groups the steps by their minutes (one GROUP BY query, a few thousand rows however
    large the cohort); the percentiles are read from those histograms, so they equal nearest_rank exactly."""
    return step_time_figures_periods([scope])[0]


def step_time_figures_periods(scopes: list[ReportScope]) -> list[tuple[dict[str, StepFigures], dict[str, set[int]]]]:
    """step_time_figures for each period."""
    standards = _cohort_standards_periods(scopes)
    key = ("from_status", "to_status", "sop_step")
    # One grouped query a period, not one over both: over the two periods' span the planner hashes the whole step
    # index instead of looking the cohort's steps up (3.1 s at 1M applications, against 0.3-0.4 s a quarter).
    # Its planner multiplies the distinct counts of the six grouped columns (272,000 groups guessed at 1M
    # applications; 489 real ones): the whole report's planner settings (REPORT_QUERY_SETTINGS) hash them in memory.
    grouped = [
        list(
            _cohort_steps(scope)
            .order_by()
            .values_list(*key, "application__service_id", "working_minutes", "waiting_minutes")
            .annotate(count=Count("pk"))
        )
        for scope in scopes
    ]
    return [(_step_figures(rows, sop), standard) for rows, (sop, standard) in zip(grouped, standards, strict=True)]


def _step_figures(grouped, sop) -> dict[str, StepFigures]:
    by_key = {
        (source, transition.target, transition.sop_steps[-1]): transition
        for transition in SOP_TRANSITIONS
        for source in transition.sources
    }
    working, waiting = defaultdict(Counter), defaultdict(Counter)
    within, waiting_sum = Counter(), Counter()
    # One pass over the steps: grouped by both minutes at once, each histogram is the other's sum.
    for *step, service_id, minutes, waited, count in grouped:
        transition = by_key.get(tuple(step))
        if transition is None:  # a step no transition of today's SOP makes
            continue
        working[transition.action][minutes] += count
        waiting[transition.action][waited] += count
        waiting_sum[transition.action] += waited * count
        if minutes <= transition_standard_minutes(transition, sop.get(service_id, {})):
            within[transition.action] += count
    figures = {}
    for transition in SOP_TRANSITIONS:
        action = transition.action
        figures[action] = StepFigures(
            measured=sum(working[action].values()),
            within=within[action],
            working_median=_histogram_rank(working[action], 50),
            working_p90=_histogram_rank(working[action], 90),
            waiting_median=_histogram_rank(waiting[action], 50),
            waiting_sum=waiting_sum[action],
            working_sum=sum(minutes * count for minutes, count in working[action].items()),
        )
    return figures


def _standard_cell(values: set[int]):
    # The cohort's services may follow SOPs that time a step differently: their range then.
    return min(values) if len(values) == 1 else f"{min(values)}–{max(values)}"


def sop_step_times(scope: ReportScope) -> Section:
    """Working and waiting minutes per SOP step, against the step's standard minutes in the published SOP."""
    return sop_step_times_periods([scope])[0]


@register_section(30, periods=True)
def sop_step_times_periods(scopes: list[ReportScope]) -> list[Section]:
    """Section 30 for each period."""
    return [_step_section(figures, standards) for figures, standards in step_time_figures_periods(scopes)]


def _step_section(figures, standards) -> Section:
    rows, split_rows = [], []
    for transition in SOP_TRANSITIONS:
        measured = figures[transition.action]
        steps = ", ".join(str(step) for step in transition.sop_steps)  # text, not a number: "7, 8, 9"
        standard = _standard_cell(standards[transition.action])
        rows.append(
            [
                steps,
                str(transition.label),
                standard,
                measured.measured,
                measured.working_median,
                measured.working_p90,
                share_percent(measured.within, measured.measured),
            ]
        )
        split_rows.append(
            [
                steps,
                str(transition.label),
                standard,
                measured.measured,
                measured.waiting_median,
                measured.working_median,
                measured.waiting_sum,
                measured.working_sum,
                measured.total_sum,
            ]
        )
    columns = [
        _("SOP steps"),
        _("Step"),
        _("Standard (minutes)"),
        _("Steps measured"),
        _("Median (minutes)"),
        _("90th percentile (minutes)"),
        _("Within standard (%)"),
    ]
    split_columns = [
        _("SOP steps"),
        _("Step"),
        _("Standard (minutes)"),
        _("Steps measured"),
        _("Median waiting (minutes)"),
        _("Median working (minutes)"),
        _("Waiting, all steps (minutes)"),
        _("Working, all steps (minutes)"),
        _("Total, all steps (minutes)"),
    ]
    notes = [
        _(
            "A step starts in the queue at the application's previous status change and ends at the status change "
            "that makes it. Its waiting time runs until an officer who may make the step first opens the "
            "application, its working time from then to the change; a step made without the application being "
            "opened counts wholly as working time. Times are in working minutes: only office hours "
            "(%(opens)s-%(closes)s WITA) on working days count, floored to whole minutes, and the waiting time is "
            "the step's total less its working time, so the two add up to the total. Steps of the applications "
            "submitted in the period are counted."
        )
        % {"opens": settings.OFFICE_OPENS, "closes": settings.OFFICE_CLOSES},
        _(
            "Standard: the sum of the step's activities' standard minutes (mutu baku) in the SOP that the "
            "application's service follows, as published now; where that SOP gives an activity no minutes, the "
            "minutes of the online SOP (No. 188.4/22/DISDUKCAPIL/2021). Services whose SOPs differ show the range."
        ),
        _(
            "Percentiles use the nearest-rank method: of n measured steps sorted from shortest to longest, the "
            "p-th percentile is the value at position ceil(p/100 x n), so at least p percent of the steps took that "
            "long or less. The median is the 50th percentile by the same method (for an even count, the lower of the "
            "two middle values). Within standard: the step's working time was at most its standard minutes."
        ),
    ]
    section = Section("sop_steps", _("Time per SOP step"), notes=notes)
    section.tables = [
        Table(_("Working minutes per step"), columns, rows),
        Table(_("Waiting and working minutes per step"), split_columns, split_rows),
    ]
    section.charts = [
        BarChart(
            _("Median working minutes per step"),
            [(f"{row[1]} ({row[0]})", row[4]) for row in rows if row[4] is not None],
            unit=_("min"),
        ),
        BarChart(
            _("Median waiting minutes per step"),
            [(f"{row[1]} ({row[0]})", row[4]) for row in split_rows if row[4] is not None],
            unit=_("min"),
        ),
    ]
    return section


def returns_and_reasons(scope: ReportScope) -> Section:
    """How often applications went back to the citizen, and the requirements named most often."""
    return returns_and_reasons_periods([scope])[0]


@register_section(40, periods=True)
def returns_and_reasons_periods(scopes: list[ReportScope]) -> list[Section]:
    """Section 40 for each period: one query for the counts, one for the reasons, both grouped by period."""
    returned = ApplicationStatus.RETURNED
    cohort, period = periods_cohort(scopes)
    # From the counts kept on each application (forms.intake.timeline), not its timeline rows.
    totals = {
        row.pop("period"): row
        for row in Application.objects.filter(cohort)
        .annotate(period=period)
        .values("period")
        .annotate(
            submitted=Count("pk"),
            returns=Coalesce(Sum("return_count"), 0),
            applications=Count("pk", filter=Q(return_count__gt=0)),
            resubmitted=Coalesce(Sum("resubmission_count"), 0),
        )
        .order_by()
    }
    cohort, period = periods_cohort(scopes, "status_change__application__")
    # Every requirement named in the periods (as many as the services' requirements, however many returns), in the
    # order of the top lists; each period keeps its first TOP_REASONS.
    reasons = defaultdict(list)
    for index, requirement, times in (
        ReturnReason.objects.filter(cohort, status_change__to_status=returned)
        .annotate(period=period)
        .values_list("period", "requirement")
        .annotate(times=Count("status_change_id", distinct=True))
        .order_by("period", "-times", "requirement")
    ):
        reasons[index].append((requirement, times))
    empty = {"submitted": 0, "returns": 0, "applications": 0, "resubmitted": 0}
    return [_returns_section(totals.get(index, empty), reasons[index][:TOP_REASONS]) for index in range(len(scopes))]


def _returns_section(totals, reasons) -> Section:
    submitted = totals["submitted"]
    summary = Table(
        _("Returns"),
        [_("Figure"), _("Value")],
        [
            [_("Applications submitted"), submitted],
            [_("Applications returned at least once"), totals["applications"]],
            [_("Applications returned (%)"), share_percent(totals["applications"], submitted)],
            [_("Returns (times)"), totals["returns"]],
            [_("Resubmissions after a return"), totals["resubmitted"]],
        ],
    )
    top = Table(
        _("Reasons named most often (top %(count)s)") % {"count": TOP_REASONS},
        [_("Rank"), _("Requirement"), _("Returns naming it"), _("Share of returns (%)")],
        [
            [rank, requirement, times, share_percent(times, totals["returns"])]
            for rank, (requirement, times) in enumerate(reasons, start=1)
        ],
        key_column=1,
    )
    section = Section(
        "returns",
        _("Returns for correction and their reasons"),
        notes=[
            _(
                "A return sends the application back to the citizen with one reason per requirement that did not "
                "match (SOP steps 7-9). Each requirement is counted once per return; ties are listed by name."
            ),
            _cohort_note(),
        ],
    )
    section.tables = [summary, top]
    section.charts = [BarChart(_("Requirements named most often"), [(row[1], row[2]) for row in top.rows])]
    return section


def _monthly_cohort(span: ReportScope):
    """The trend's applications, one row per office-local month of their first submission."""
    return (
        Application.objects.filter(cohort_q(span))
        .annotate(month=TruncMonth("submit_time", tzinfo=timezone.get_default_timezone()))
        .values("month")
        .order_by()
    )


@register_trend(10)
def applications_per_month(span: ReportScope, months) -> list[TrendSeries]:
    """How many applications were first submitted each month, and of those whose clock has stopped the share that
    stopped by the due time (as section 20 counts it): one grouped query for both."""
    measured = Q(status__in=CLOCK_STOPPED, due_at__isnull=False, clock_stopped_at__isnull=False)
    rows = _monthly_cohort(span).annotate(
        count=Count("pk"),
        stopped=Count("pk", filter=measured),
        within=Count("pk", filter=measured & Q(clock_stopped_at__lte=F("due_at"))),
    )
    counts, shares = {}, {}
    for row in rows:
        month = month_key(row["month"])
        counts[month], shares[month] = row["count"], share_percent(row["within"], row["stopped"])
    return [
        TrendSeries(_("Applications submitted"), [counts.get(month, 0) for month in months]),
        TrendSeries(_("Finished within the promised service time (%)"), [shares.get(month) for month in months], "%"),
    ]
