"""The service report's sections: what each room's section receives and returns, and where it registers (the reports
room gathers and shows them; the sections live next to the data they count)."""

from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal

from django.db import connection, transaction
from django.utils import timezone

from .clock import office_days_range


@dataclass(frozen=True)
class ReportScope:
    """A period (both days included, office-local dates) and an optional service and kecamatan."""

    start: date
    end: date
    service_id: int | None = None
    kecamatan_id: int | None = None

    def datetime_range(self) -> tuple[datetime, datetime]:
        """Aware datetimes [start 00:00, day after end 00:00) in the office's time zone."""
        return office_days_range(self.start, self.end)


@dataclass
class Table:
    title: str
    columns: list[str]
    rows: list[list]  # cells: str, int, float, Decimal or None
    # The cell that names a row, to find the same row in the previous period's table (a rank would not).
    key_column: int = 0
    # Set by the reports room: each row's counterpart in the previous period (None when it had none).
    previous_rows: list[list | None] | None = None


@dataclass
class BarChart:
    title: str
    bars: list[tuple[str, float]]
    unit: str = ""


@dataclass
class Section:
    key: str
    title: str
    tables: list[Table] = field(default_factory=list)
    charts: list[BarChart] = field(default_factory=list)
    # How the figures are defined, printed under the section on the page and in both exports.
    notes: list[str] = field(default_factory=list)


@dataclass
class TrendChart(BarChart):
    """One figure month by month, oldest first: bars are (month, value); the page draws it as a line."""


@dataclass
class TrendSeries:
    """One figure over the trend's months, a value per month (None where nothing can be shown)."""

    title: str
    values: list
    unit: str = ""


SectionBuilder = Callable[[ReportScope], Section]
# A builder that counts several periods at once: given scopes of one service and kecamatan (the report's period and
# the one before it), a section for each, in the same order, from one grouped query per figure.
PeriodsBuilder = Callable[[list[ReportScope]], list[Section]]
# Given the trend's whole span as a scope and the first day of each of its months, the series one grouped query
# gives (one query for all twelve months, not one a month).
TrendBuilder = Callable[[ReportScope, list[date]], list[TrendSeries]]
_TRENDS: list[tuple[int, TrendBuilder]] = []
TREND_MONTHS = 12
_SECTIONS: list[tuple[int, SectionBuilder | PeriodsBuilder]] = []
_PERIODS_BUILDERS: set = set()
# PostgreSQL settings for the report's grouped queries (a quarter is 100,000s of rows, the trend a year's). The
# planner guesses a group per few rows where there are a few hundred, so at the default 4 MB it sorts on disk
# instead of hashing in memory (12 MB); a hash that outgrows 32 MB still spills rather than fails. JIT compiling
# took 60-110 ms of queries that fold into a few hundred groups.
REPORT_QUERY_SETTINGS = {"work_mem": "32MB", "jit": "off"}


def register_section(order: int, *, periods: bool = False):
    """Add a section builder to the report, in ascending order. With `periods`, the builder is a PeriodsBuilder:
    the report then asks it once for its period and the previous one instead of once for each."""

    def decorator(builder):
        if all(existing is not builder for _, existing in _SECTIONS):
            _SECTIONS.append((order, builder))
            _SECTIONS.sort(key=lambda item: item[0])
        if periods:
            _PERIODS_BUILDERS.add(builder)
        return builder

    return decorator


def section_build(builder, scopes: list[ReportScope]) -> list[Section]:
    """One registered builder's section for each scope: one call for a PeriodsBuilder, one a scope for the rest."""
    if builder in _PERIODS_BUILDERS:
        return builder(scopes)
    return [builder(scope) for scope in scopes]


def report_sections_for(scopes: list[ReportScope]) -> list[list[Section]]:
    """Every registered section for each of the scopes (of one service and kecamatan), in the order registered."""
    per_scope: list[list[Section]] = [[] for _ in scopes]
    with planner_settings(**REPORT_QUERY_SETTINGS):
        for _, builder in _SECTIONS:
            for sections, section in zip(per_scope, section_build(builder, scopes), strict=True):
                sections.append(section)
    return per_scope


def report_sections(scope: ReportScope) -> list[Section]:
    return report_sections_for([scope])[0]


def register_trend(order: int):
    """Add month-by-month series to the report's trend, in ascending order."""

    def decorator(builder: TrendBuilder) -> TrendBuilder:
        if all(existing is not builder for _, existing in _TRENDS):
            _TRENDS.append((order, builder))
            _TRENDS.sort(key=lambda item: item[0])
        return builder

    return decorator


def trend_months(scope: ReportScope, count: int = TREND_MONTHS) -> list[date]:
    """The first day of each of the `count` office-local months up to the one the scope ends in, oldest first."""
    year, month = scope.end.year, scope.end.month
    months = []
    for _ in range(count):
        months.append(date(year, month, 1))
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return months[::-1]


def trend_scope(scope: ReportScope, months: list[date]) -> ReportScope:
    """The scope's service and kecamatan over the whole of the trend's months."""
    last = months[-1]
    following = date(last.year + last.month // 12, last.month % 12 + 1, 1)
    return ReportScope(
        start=months[0],
        end=following - timedelta(days=1),
        service_id=scope.service_id,
        kecamatan_id=scope.kecamatan_id,
    )


def report_trends(scope: ReportScope) -> tuple[list[date], list[TrendSeries]]:
    """Every registered series over the 12 months up to the scope's last month."""
    months = trend_months(scope)
    span = trend_scope(scope, months)
    with planner_settings(**REPORT_QUERY_SETTINGS):
        return months, [series for _, builder in _TRENDS for series in builder(span, months)]


def month_key(moment: datetime) -> date:
    """The first day of the office-local month a truncated datetime (TruncMonth in the office's zone) stands for."""
    return timezone.localtime(moment, timezone.get_default_timezone()).date().replace(day=1)


def share_percent(part: int, whole: int) -> Decimal | None:
    """`part` as a percentage of `whole`, rounded half-up to one decimal; None when there is nothing to divide."""
    if not whole:
        return None
    return (Decimal(100) * part / whole).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def nearest_rank(values, percent: int):
    """The `percent`-th percentile of `values`: the ceil(percent/100 * n)-th smallest; None for no values."""
    if not 0 < percent <= 100:
        raise ValueError("percent must be in 1..100")
    ordered = sorted(values)
    if not ordered:
        return None
    rank = -(-percent * len(ordered) // 100)  # ceil without floats
    return ordered[max(rank, 1) - 1]


@contextmanager
def planner_settings(**settings: str):
    """PostgreSQL settings (e.g. work_mem) for the queries inside only: set locally in a transaction of their own (a
    savepoint inside a request's) and put back after, since releasing a savepoint would keep them to the end of the
    request's transaction. Elsewhere nothing is set."""
    if connection.vendor != "postgresql" or not settings:
        yield
        return
    names = list(settings)
    with transaction.atomic(), connection.cursor() as cursor:
        # current_setting and set_config are read left to right: the old values first, then the new ones.
        cursor.execute(
            "SELECT " + ", ".join(["current_setting(%s)"] * len(names) + ["set_config(%s, %s, true)"] * len(names)),
            [*names, *[item for name in names for item in (name, settings[name])]],
        )
        before = cursor.fetchone()[: len(names)]
        yield  # on an error the savepoint's rollback undoes the settings
        cursor.execute(
            "SELECT " + ", ".join(["set_config(%s, %s, true)"] * len(names)),
            [item for name, value in zip(names, before, strict=True) for item in (name, value)],
        )
