"""The survey's section of the office's service report: index, grade, respondents and the nine element means."""

from django.db.models import Count, Sum
from django.db.models.functions import TruncMonth
from django.utils import timezone
from django.utils.translation import gettext as _

from forms.office.report_sections import (
    BarChart,
    ReportScope,
    Section,
    Table,
    TrendSeries,
    month_key,
    register_section,
    register_trend,
)

from .constants import ELEMENT_FIELDS
from .scoring import SurveyResult
from .selectors import minimum_respondents, responses_in, survey_result


@register_section(order=80)
def survey_section(scope: ReportScope) -> Section:
    """The community satisfaction index of the scope; withheld below the minimum number of respondents."""
    result = survey_result(
        responses_in(start=scope.start, end=scope.end, service_id=scope.service_id, kecamatan_id=scope.kecamatan_id)
    )
    minimum = minimum_respondents()
    section = Section(key="survey", title=_("Community satisfaction survey (SKM)"))
    shown = result.respondents >= minimum
    grade = f"{result.grade} ({result.grade.label})" if shown else None
    summary_title = _("Community satisfaction index")
    if result.respondents and not shown:
        summary_title = _("Community satisfaction index (not shown below %(minimum)s respondents)") % {
            "minimum": minimum
        }
    section.tables.append(
        Table(
            title=summary_title,
            columns=[_("Respondents"), _("Index"), _("Service quality")],
            rows=[[result.respondents, result.published if shown else None, grade]],
        )
    )
    elements = result.elements()
    section.tables.append(
        Table(
            title=_("Score per element"),
            columns=[_("No."), _("Element"), _("Average (1–4)"), _("Converted (25–100)")],
            rows=[
                [f"U{element.number}", str(element.name), mean if shown else None, converted if shown else None]
                for element, mean, converted in elements
            ],
        )
    )
    if shown:
        section.charts.append(
            BarChart(
                title=_("Average score per element (1 to 4)"),
                bars=[(str(element.name), float(mean)) for element, mean, _converted in elements],
            )
        )
    return section


@register_trend(30)
def survey_index_per_month(span: ReportScope, months) -> list[TrendSeries]:
    """Each month's community satisfaction index, withheld below the minimum number of respondents."""
    answers = responses_in(start=span.start, end=span.end, service_id=span.service_id, kecamatan_id=span.kecamatan_id)
    rows = (
        answers.annotate(month=TruncMonth("answered_at", tzinfo=timezone.get_default_timezone()))
        .values("month")
        .annotate(respondents=Count("pk"), **{name: Sum(name) for name in ELEMENT_FIELDS})
        .order_by()
    )
    minimum, index = minimum_respondents(), {}
    for row in rows:
        month, respondents = month_key(row.pop("month")), row.pop("respondents")
        if respondents >= minimum:
            index[month] = SurveyResult.from_sums(respondents=respondents, sums=row).published
    return [TrendSeries(_("Community satisfaction index"), [index.get(month) for month in months])]
