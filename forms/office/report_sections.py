"""The service report's sections: what each room's section receives and returns, and where it registers (the reports
room gathers and shows them; the sections live next to the data they count)."""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal

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


SectionBuilder = Callable[[ReportScope], Section]
_SECTIONS: list[tuple[int, SectionBuilder]] = []


def register_section(order: int):
    """Add a section builder to the report, in ascending order."""

    def decorator(builder: SectionBuilder) -> SectionBuilder:
        if all(existing is not builder for _, existing in _SECTIONS):
            _SECTIONS.append((order, builder))
            _SECTIONS.sort(key=lambda item: item[0])
        return builder

    return decorator


def report_sections(scope: ReportScope) -> list[Section]:
    return [builder(scope) for _, builder in _SECTIONS]


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
