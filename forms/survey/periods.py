"""Survey periods: a quarter (triwulan), a semester or a year, in office-local dates."""

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.utils import timezone
from django.utils.translation import gettext as _

from forms.office.clock import office_days_range

from .constants import PeriodKind

ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}
MONTHS_PER = {PeriodKind.QUARTER: 3, PeriodKind.SEMESTER: 6, PeriodKind.YEAR: 12}
PARTS_PER_YEAR = {PeriodKind.QUARTER: 4, PeriodKind.SEMESTER: 2, PeriodKind.YEAR: 1}


@dataclass(frozen=True)
class Period:
    kind: str
    year: int
    number: int = 1

    def __post_init__(self):
        if self.kind not in MONTHS_PER:
            raise ValueError(f"Unknown period kind {self.kind!r}.")
        if not 1 <= self.number <= PARTS_PER_YEAR[self.kind]:
            raise ValueError(f"A {self.kind} of a year is numbered 1-{PARTS_PER_YEAR[self.kind]}, not {self.number}.")

    @classmethod
    def containing(cls, day: date, kind: str = PeriodKind.QUARTER) -> "Period":
        number = (day.month - 1) // MONTHS_PER[kind] + 1
        return cls(kind=kind, year=day.year, number=number)

    @classmethod
    def current(cls, kind: str = PeriodKind.QUARTER) -> "Period":
        return cls.containing(timezone.localdate(), kind)

    @property
    def start(self) -> date:
        return date(self.year, (self.number - 1) * MONTHS_PER[self.kind] + 1, 1)

    @property
    def end(self) -> date:
        """The last day, included."""
        last_month = self.number * MONTHS_PER[self.kind]
        following = date(self.year + 1, 1, 1) if last_month == 12 else date(self.year, last_month + 1, 1)
        return following - timedelta(days=1)

    def datetime_range(self) -> tuple[datetime, datetime]:
        """Aware datetimes [start 00:00, day after end 00:00) in the office's time zone."""
        return office_days_range(self.start, self.end)

    @property
    def label(self) -> str:
        if self.kind == PeriodKind.QUARTER:
            return _("Quarter %(number)s %(year)s") % {"number": ROMAN[self.number], "year": self.year}
        if self.kind == PeriodKind.SEMESTER:
            return _("Semester %(number)s %(year)s") % {"number": ROMAN[self.number], "year": self.year}
        return _("Year %(year)s") % {"year": self.year}

    def query(self) -> dict[str, str]:
        """The public page's query parameters for this period."""
        return {"periode": self.kind, "tahun": str(self.year), "ke": str(self.number)}
