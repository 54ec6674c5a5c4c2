"""The service report, computed once per request; the page, the XLSX and the PDF render this same object."""

from dataclasses import dataclass
from datetime import date, datetime

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from forms.office.report_sections import (
    ReportScope,
    Section,
    Table,
    TrendChart,
    TrendSeries,
    report_sections_for,
    report_trends,
)


@dataclass
class ServiceReport:
    scope: ReportScope
    period: str
    service: str
    kecamatan: str
    generated_at: datetime
    generated_by: str
    sections: list[Section]
    previous_period: str = ""

    @property
    def generated_label(self) -> str:
        office_time = timezone.localtime(self.generated_at, timezone.get_default_timezone())
        return f"{date_format(office_time, 'j F Y H:i')} WITA"


def _row_key(row: list, column: int) -> str:
    return str(row[column]) if column < len(row) else ""


def sections_compare(sections: list[Section], previous: list[Section]) -> None:
    """Give each table the previous period's rows beside its own: the same section's table in the same place, each
    row found by the cell that names it (a one-row table by its place)."""
    before = {section.key: section.tables for section in previous}
    for section in sections:
        earlier = before.get(section.key, [])
        for index, table in enumerate(section.tables):
            if index >= len(earlier) or len(earlier[index].columns) != len(table.columns):
                continue
            old = earlier[index]
            if len(old.rows) == 1 and len(table.rows) == 1:
                table.previous_rows = [old.rows[0]]
                continue
            rows = {_row_key(row, old.key_column): row for row in old.rows}
            table.previous_rows = [rows.get(_row_key(row, table.key_column)) for row in table.rows]


def trend_section(months: list[date], series: list[TrendSeries]) -> Section:
    """The registered series month by month: one table with every series, and a line chart for each."""
    labels = [date_format(month, "M Y") for month in months]
    section = Section(
        "trends",
        _("The last 12 months, month by month"),
        notes=[
            _(
                "Each month counts the applications first submitted in it (office-local dates, WITA) and the survey "
                "answers given in it, with the service and kecamatan chosen, up to the month the period ends in. "
                "A month's satisfaction index is not shown below the minimum number of respondents."
            )
        ],
    )
    section.tables = [
        Table(
            _("Per month"),
            [_("Month"), *[item.title for item in series]],
            [[label, *[item.values[index] for item in series]] for index, label in enumerate(labels)],
        )
    ]
    section.charts = [TrendChart(item.title, list(zip(labels, item.values, strict=True)), item.unit) for item in series]
    return section


def service_report_build(
    *, scope: ReportScope, labels: dict[str, str], user, previous_scope: ReportScope | None = None
) -> ServiceReport:
    """Every registered section for `scope`, each table beside the previous period's, then the 12-month trend; with
    the scope in words and who asked for it when."""
    if previous_scope is None:
        sections = report_sections_for([scope])[0]
    else:  # both periods at once: the sections that can count them in one grouped query do
        sections, previous = report_sections_for([scope, previous_scope])
        sections_compare(sections, previous)
    sections.append(trend_section(*report_trends(scope)))
    return ServiceReport(
        scope=scope,
        period=labels["period"],
        service=labels["service"],
        kecamatan=labels["kecamatan"],
        generated_at=timezone.now(),
        generated_by=user.get_full_name() or user.get_username(),
        sections=sections,
        previous_period=labels.get("previous_period", "") if previous_scope is not None else "",
    )
