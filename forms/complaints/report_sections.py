"""The report's complaints section: what arrived, through which channel, where it stands, and how fast it was answered.

Definitions (so a reader can recount them from the records):
- A complaint belongs to the period when it was received (``received_at``, office-local dates, both days included),
  further narrowed to the scope's service and kecamatan when these are set.
- Response time: office working time (forms.clock: office hours on working days) from receipt to the first
  response, in hours with one decimal. The median is the usual one (the mean of the two middle values for an
  even count); the 90th percentile is the nearest-rank value (the ceil(0.9 n)-th smallest).
- Answered within the limit: first response no later than the answer-due time. Its share is taken of the
  complaints whose outcome is known, i.e. answered, or unanswered with the limit already passed at report time;
  complaints still inside their limit are left out, as they can still go either way.
"""

import math
import statistics

from django.db.models import Count, F, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from forms.office.report_sections import BarChart, ReportScope, Section, Table, register_section

from .constants import ComplaintCategory, ComplaintChannel, ComplaintStatus
from .deadlines import escalation_working_days
from .models import Complaint


def complaints_in_scope(scope: ReportScope):
    start, end = scope.datetime_range()
    queryset = Complaint.objects.filter(received_at__gte=start, received_at__lt=end)
    if scope.service_id:
        queryset = queryset.filter(service_id=scope.service_id)
    if scope.kecamatan_id:
        queryset = queryset.filter(kecamatan_id=scope.kecamatan_id)
    return queryset


def nearest_rank(values: list[float], percent: float) -> float | None:
    """The nearest-rank percentile: the ceil(p/100 * n)-th smallest value; None for no values."""
    if not values:
        return None
    ordered = sorted(values)
    return ordered[max(math.ceil(percent / 100 * len(ordered)), 1) - 1]


def _counts(queryset, field: str, choices) -> list[list]:
    found = dict(queryset.values_list(field).annotate(n=Count("pk")).order_by())
    return [[str(label), found.get(value, 0)] for value, label in choices]


def response_figures(queryset, *, now=None) -> dict:
    """Answered count, median and 90th percentile hours to the first response, and the share within the limit."""
    now = now or timezone.now()
    minutes = list(
        queryset.filter(first_response_at__isnull=False).values_list("first_response_working_minutes", flat=True)
    )
    hours = [round(value / 60, 1) for value in minutes if value is not None]
    known = queryset.filter(Q(first_response_at__isnull=False) | Q(escalation_due_at__lt=now))
    outcome = known.aggregate(
        known=Count("pk"),
        on_time=Count("pk", filter=Q(first_response_at__isnull=False, first_response_at__lte=F("escalation_due_at"))),
    )
    share = round(100 * outcome["on_time"] / outcome["known"], 1) if outcome["known"] else None
    return {
        "answered": len(minutes),
        "median_hours": round(statistics.median(hours), 1) if hours else None,
        "p90_hours": nearest_rank(hours, 90),
        "on_time": outcome["on_time"],
        "known": outcome["known"],
        "on_time_percent": share,
    }


@register_section(70)
def complaints_section(scope: ReportScope) -> Section:
    """Complaints, suggestions and feedback received in the period."""
    queryset = complaints_in_scope(scope)
    total = queryset.count()
    by_category = _counts(queryset, "category", ComplaintCategory.choices)
    by_channel = _counts(queryset, "channel", ComplaintChannel.choices)
    by_status = _counts(queryset, "status", ComplaintStatus.choices)
    escalated = queryset.filter(escalated_at__isnull=False).count()
    figures = response_figures(queryset)
    days = escalation_working_days()
    total_row = [_("Total"), total]
    return Section(
        key="complaints",
        title=pgettext("complaints", "Complaints, suggestions and feedback"),
        tables=[
            Table(_("By category"), [_("Category"), _("Count")], [*by_category, total_row]),
            Table(_("By channel"), [_("Channel"), _("Count")], [*by_channel, total_row]),
            Table(_("By status"), [_("Status"), _("Count")], [*by_status, total_row]),
            Table(
                _("Response times"),
                [_("Measure"), _("Value")],
                [
                    [_("Received"), total],
                    [_("Answered"), figures["answered"]],
                    [_("Escalated to leadership"), escalated],
                    [_("Median working hours to the first response"), figures["median_hours"]],
                    [_("90th percentile working hours to the first response"), figures["p90_hours"]],
                    [
                        _("Answered within %(days)s working days (of %(known)s answered or past the limit)")
                        % {"days": days, "known": figures["known"]},
                        figures["on_time"],
                    ],
                    [_("Share answered within the limit (%)"), figures["on_time_percent"]],
                ],
            ),
        ],
        charts=[BarChart(_("Complaints by channel"), [(label, count) for label, count in by_channel])],
    )
