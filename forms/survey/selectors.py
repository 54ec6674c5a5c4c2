"""Reads of the survey: the index of a scope, its breakdowns per service and per kecamatan, the open invitations."""

from dataclasses import dataclass, field
from datetime import date

from django.conf import settings
from django.db.models import Count, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from forms.office.clock import office_days_range
from forms.review.selectors import applications_visible_to
from services.models import Kecamatan, ServiceStandardPage

from .constants import ANSWERABLE_STATUSES, ELEMENT_FIELDS
from .models import SurveyInvitation, SurveyResponse
from .periods import Period
from .scoring import SurveyResult
from .tokens import link_max_age


def minimum_respondents() -> int:
    """Below this many respondents a figure is not published (the answers of a few people could be read)."""
    return getattr(settings, "SURVEY_MIN_RESPONDENTS", 5)


def responses_in(*, start: date, end: date, service_id: int | None = None, kecamatan_id: int | None = None):
    """Answers given from `start` to `end` (both office-local days included), optionally of one service or office."""
    start_at, end_before = office_days_range(start, end)
    queryset = SurveyResponse.objects.filter(answered_at__gte=start_at, answered_at__lt=end_before)
    if service_id:
        queryset = queryset.filter(service_id=service_id)
    if kecamatan_id:
        queryset = queryset.filter(kecamatan_id=kecamatan_id)
    return queryset


def _sums():
    return {name: Sum(name) for name in ELEMENT_FIELDS}


def survey_result(queryset) -> SurveyResult:
    """The index of a set of answers, in one aggregate query."""
    row = queryset.aggregate(respondents=Count("pk"), **_sums())
    return SurveyResult.from_sums(respondents=row.pop("respondents"), sums=row)


@dataclass
class Cell:
    """One row of a breakdown; `hidden` when publishing it could reveal a few people's answers."""

    key: int | None
    label: str
    result: SurveyResult
    hidden: bool = False

    @property
    def respondents(self) -> int:
        return self.result.respondents


def suppress(cells: list[Cell], minimum: int) -> list[Cell]:
    """Hide cells with 1..minimum-1 respondents; if only one would be hidden, hide the next smallest too.

    The second (complementary) hiding keeps the one small cell from being worked out by subtracting
    the shown cells from the published total.
    """
    for cell in cells:
        cell.hidden = 0 < cell.respondents < minimum
    hidden = [cell for cell in cells if cell.hidden]
    shown = sorted((cell for cell in cells if not cell.hidden and cell.respondents), key=lambda c: c.respondents)
    if len(hidden) == 1 and shown:
        shown[0].hidden = True
    return cells


def _breakdown(queryset, column: str, labels: dict[int, str], minimum: int) -> list[Cell]:
    """One grouped query; a row for every label (zero respondents included), in the labels' order."""
    rows = {row[column]: row for row in queryset.values(column).annotate(respondents=Count("pk"), **_sums())}
    cells = [Cell(key, label, _result(rows.pop(key, None))) for key, label in labels.items()]
    # Answers whose service or office is no longer listed still count: one row for them, so the total adds up.
    if rows:
        merged = {name: sum(row[name] for row in rows.values()) for name in ("respondents", *ELEMENT_FIELDS)}
        cells.append(Cell(None, _("Other or no longer listed"), _result(merged)))
    return suppress(cells, minimum)


def _result(row: dict | None) -> SurveyResult:
    if not row:
        return SurveyResult.from_sums(respondents=0, sums={})
    return SurveyResult.from_sums(respondents=row["respondents"], sums=row)


def survey_by_service(queryset, minimum: int | None = None) -> list[Cell]:
    """One cell per published service standard."""
    labels = dict(ServiceStandardPage.objects.live().order_by("path").values_list("pk", "title"))
    return _breakdown(queryset, "service_id", labels, minimum_respondents() if minimum is None else minimum)


def survey_by_kecamatan(queryset, minimum: int | None = None) -> list[Cell]:
    """One cell per kecamatan office."""
    labels = {kecamatan.pk: kecamatan.name for kecamatan in Kecamatan.objects.order_by("name")}
    return _breakdown(queryset, "kecamatan_id", labels, minimum_respondents() if minimum is None else minimum)


@dataclass
class Overview:
    """What the transparency page publishes for one period."""

    period: Period
    overall: Cell
    by_service: list[Cell] = field(default_factory=list)
    by_kecamatan: list[Cell] = field(default_factory=list)
    minimum: int = 5


def survey_overview(period: Period) -> Overview:
    """The index of a period, overall and per service and per kecamatan, with small cells hidden."""
    minimum = minimum_respondents()
    queryset = responses_in(start=period.start, end=period.end)
    overall = Cell(None, _("All services, all kecamatan"), survey_result(queryset))
    overall.hidden = 0 < overall.respondents < minimum
    return Overview(
        period=period,
        overall=overall,
        by_service=survey_by_service(queryset, minimum),
        by_kecamatan=survey_by_kecamatan(queryset, minimum),
        minimum=minimum,
    )


def first_survey_year() -> int:
    first = SurveyResponse.objects.order_by("answered_at").values_list("answered_at", flat=True).first()
    this_year = timezone.localdate().year
    return min(timezone.localtime(first).year, this_year) if first else this_year


def open_invitation(application) -> SurveyInvitation | None:
    """The application's invitation while its window is open and no answer has been given, else None."""
    if application.status not in ANSWERABLE_STATUSES:
        return None
    invitation = SurveyInvitation.objects.filter(application=application).first()
    if invitation is None or invitation.created_at + link_max_age() < timezone.now():
        return None
    if SurveyResponse.objects.filter(application=application).exists():
        return None
    return invitation


def survey_invitations_for(user, *, limit: int = 50):
    """Recent applications the user may see whose survey window is open, newest first (for the counter QR)."""
    since = timezone.now() - link_max_age()
    return (
        applications_visible_to(user)
        .filter(
            status__in=ANSWERABLE_STATUSES,
            survey_invitation__created_at__gte=since,
        )
        .select_related("kecamatan", "survey_invitation")
        .order_by("-survey_invitation__created_at")[:limit]
    )
