"""The report's IKD section: bookings and what became of them, per kecamatan office, for the report's scope."""

from django.db.models import Count, Q
from django.utils.translation import gettext as _

from forms.office.report_sections import BarChart, ReportScope, Section, Table, register_section
from services.models import Kecamatan

from .constants import NotCompletedReason, VisitStatus
from .models import VisitBooking
from .selectors import visit_today

NOT_COMPLETED_REASONS = [reason for reason in NotCompletedReason if reason != NotCompletedReason.NO_SHOW]


def visit_outcome_counts(scope: ReportScope, *, today=None) -> dict[int, dict[str, int]]:
    """Per office: booked = activated + not completed + no-show + open; one grouped query.

    A no-show is a visit closed as "did not come", or a booking never called whose day has passed. Open means still
    waiting for its day, or called and waiting for the operator's record.
    """
    today = today or visit_today()
    bookings = VisitBooking.objects.filter(date__gte=scope.start, date__lte=scope.end)
    if scope.kecamatan_id:
        bookings = bookings.filter(kecamatan_id=scope.kecamatan_id)
    if scope.service_id:
        bookings = bookings.filter(application__service_id=scope.service_id)
    no_show = Q(status=VisitStatus.NOT_COMPLETED, reason=NotCompletedReason.NO_SHOW) | Q(
        status=VisitStatus.WAITING, date__lt=today
    )
    open_ = Q(status=VisitStatus.CALLED) | Q(status=VisitStatus.WAITING, date__gte=today)
    rows = (
        bookings.values("kecamatan_id")
        .annotate(
            booked=Count("pk"),
            activated=Count("pk", filter=Q(status=VisitStatus.ACTIVATED)),
            not_completed=Count(
                "pk", filter=Q(status=VisitStatus.NOT_COMPLETED) & ~Q(reason=NotCompletedReason.NO_SHOW)
            ),
            no_show=Count("pk", filter=no_show),
            open=Count("pk", filter=open_),
            **{
                reason.value: Count("pk", filter=Q(status=VisitStatus.NOT_COMPLETED, reason=reason))
                for reason in NOT_COMPLETED_REASONS
            },
        )
        .order_by()
    )
    return {row.pop("kecamatan_id"): row for row in rows}


@register_section(order=60)
def ikd_visits_section(scope: ReportScope) -> Section:
    """Bookings, activations, unfinished visits by reason and no-shows per kecamatan, with a chart of activations."""
    offices = Kecamatan.objects.order_by("name")
    if scope.kecamatan_id:
        offices = offices.filter(pk=scope.kecamatan_id)
    counts = visit_outcome_counts(scope)
    keys = ["booked", "activated", "not_completed", "no_show", "open"]
    reasons = [reason.value for reason in NOT_COMPLETED_REASONS]
    empty = dict.fromkeys(keys + reasons, 0)
    per_office = [(office.name, {**empty, **counts.get(office.pk, {})}) for office in offices]
    totals = {key: sum(row[key] for _name, row in per_office) for key in keys + reasons}
    outcomes = Table(
        title=_("IKD activation visits per kecamatan"),
        columns=[_("Kecamatan"), _("Booked"), _("IKD activated"), _("Not completed"), _("No-show"), _("Still open")],
        rows=[[name, *(row[key] for key in keys)] for name, row in per_office]
        + [[_("Total"), *(totals[key] for key in keys)]],
    )
    by_reason = Table(
        title=_("Visits not completed, by reason"),
        columns=[_("Kecamatan"), *(str(reason.label) for reason in NOT_COMPLETED_REASONS)],
        rows=[[name, *(row[key] for key in reasons)] for name, row in per_office]
        + [[_("Total"), *(totals[key] for key in reasons)]],
    )
    chart = BarChart(
        title=_("IKD activations per kecamatan"),
        bars=[(name, float(row["activated"])) for name, row in per_office],
        unit=_("activations"),
    )
    return Section(key="ikd_visits", title=_("IKD activation visits"), tables=[outcomes, by_reason], charts=[chart])
