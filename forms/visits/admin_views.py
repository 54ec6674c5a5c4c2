"""The counter's day list in Wagtail's admin: call the next number, record activation or why a visit failed."""

import datetime

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_POST
from wagtail.admin.ui.components import Component
from wagtail.admin.views.generic.models import CreateView, EditView
from wagtail.admin.viewsets.model import ModelViewSet

from forms.office.guards import office_staff_required
from forms.office.scope import OfficeScope, office_scope, user_may_act_at
from services.models import Kecamatan

from .constants import COUNTER_REASONS, VisitStatus
from .models import VisitBooking, VisitClosedDay, VisitOffice
from .selectors import (
    day_bookings,
    day_counts,
    now_serving,
    visit_today,
)
from .services import StaleVisitAction, visit_activate, visit_call_next, visit_day_close, visit_not_complete


def _parse_day(value) -> datetime.date:
    try:
        return datetime.date.fromisoformat(value) if value else visit_today()
    except ValueError:
        return visit_today()


def _list_url(kecamatan_id, day):
    query = {"kecamatan": kecamatan_id}
    if day != visit_today():
        query["tanggal"] = day.isoformat()
    return reverse("visits_admin:day") + "?" + urlencode(query)


@office_staff_required
def visit_day(request):
    """One office's list for one day; city-wide roles first see every office's counts and pick one."""
    scope = office_scope(request.user)
    day = _parse_day(request.GET.get("tanggal"))
    requested = request.GET.get("kecamatan")
    if scope.own_kecamatan_id and not requested:
        requested = str(scope.own_kecamatan_id)
    if not requested:
        context = {"day": day, "today": visit_today(), "counts": day_counts(day=day, scope=scope)}
        return TemplateResponse(request, "visits/admin/overview.html", context)
    try:
        kecamatan = Kecamatan.objects.get(pk=int(requested))
    except (ValueError, Kecamatan.DoesNotExist):
        raise Http404 from None
    if not scope.allows(kecamatan.pk):
        raise PermissionDenied
    bookings = list(day_bookings(kecamatan=kecamatan, day=day))
    waiting = [b for b in bookings if b.status == VisitStatus.WAITING and b.application.status == "submitted"]
    context = {
        "kecamatan": kecamatan,
        "day": day,
        "today": visit_today(),
        "bookings": bookings,
        "counts": day_counts(day=day, scope=OfficeScope(frozenset({kecamatan.pk})))[0],
        "serving": now_serving(kecamatan=kecamatan, day=day),
        "next_waiting": waiting[0] if waiting else None,
        "may_act": user_may_act_at(request.user, kecamatan.pk) and day == visit_today(),
        "may_close": user_may_act_at(request.user, kecamatan.pk),
        "reasons": [(reason.value, reason.label) for reason in COUNTER_REASONS],
        "city_wide": scope.is_city_wide,
        "offices": Kecamatan.objects.order_by("name") if scope.is_city_wide else [],
    }
    return TemplateResponse(request, "visits/admin/day.html", context)


def _report(request, action):
    try:
        booking = action()
    except StaleVisitAction as error:
        messages.warning(request, " ".join(error.messages))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        return booking
    return None


@office_staff_required
@require_POST
def visit_call(request):
    kecamatan = get_object_or_404(Kecamatan, pk=request.POST.get("kecamatan") or 0)
    if not office_scope(request.user).allows(kecamatan.pk):
        raise PermissionDenied
    try:
        expected = int(request.POST["expected_number"])
    except (KeyError, ValueError):
        expected = None
    booking = _report(request, lambda: visit_call_next(kecamatan=kecamatan, by=request.user, expected_number=expected))
    if booking is not None:
        messages.success(
            request,
            _("Now serving %(ticket)s: %(name)s.")
            % {
                "ticket": booking.queue_code,
                "name": booking.application.applicant_name,
            },
        )
    return redirect(_list_url(kecamatan.pk, visit_today()))


def _booking_for(request, pk):
    booking = get_object_or_404(VisitBooking.objects.select_related("kecamatan", "application"), pk=pk)
    # Another office's booking does not exist for this user.
    if not office_scope(request.user).allows(booking.kecamatan_id):
        raise Http404
    return booking


@office_staff_required
@require_POST
def visit_activate_view(request, pk):
    booking = _booking_for(request, pk)
    done = _report(
        request,
        lambda: visit_activate(
            booking=booking, by=request.user, expected_status=request.POST.get("expected_status", "")
        ),
    )
    if done is not None:
        messages.success(request, _("%(ticket)s: IKD activated.") % {"ticket": done.queue_code})
    return redirect(_list_url(booking.kecamatan_id, booking.date))


@office_staff_required
@require_POST
def visit_not_complete_view(request, pk):
    booking = _booking_for(request, pk)
    done = _report(
        request,
        lambda: visit_not_complete(
            booking=booking,
            by=request.user,
            reason=request.POST.get("reason", ""),
            note=request.POST.get("note", ""),
            expected_status=request.POST.get("expected_status", ""),
        ),
    )
    if done is not None:
        messages.success(
            request,
            _("%(ticket)s: not completed (%(reason)s).")
            % {"ticket": done.queue_code, "reason": done.get_reason_display()},
        )
    return redirect(_list_url(booking.kecamatan_id, booking.date))


class VisitTodayPanel(Component):
    """The dashboard's view of today's IKD visits in the user's offices."""

    name = "ikd_visits_today"
    template_name = "visits/admin/dashboard_panel.html"
    order = 60

    def __init__(self, user):
        self.user = user

    def get_context_data(self, parent_context=None):
        rows = day_counts(day=visit_today(), scope=office_scope(self.user))
        return {"rows": rows, "list_url": reverse("visits_admin:day")}


class VisitOfficeViewSet(ModelViewSet):
    model = VisitOffice
    icon = "group"
    menu_label = gettext_lazy("IKD visit capacity")
    add_to_settings_menu = True
    url_prefix = "kunjungan-ikd/kantor"
    url_namespace = "visits_office"
    list_display = ["kecamatan", "daily_capacity", "queue_prefix"]
    form_fields = ["kecamatan", "daily_capacity", "queue_prefix"]
    inspect_view_enabled = False


class _ClosingCancelsBookings:
    """Saving a closed day cancels the visits already booked on it, so nobody comes to a closed office."""

    def save_instance(self):
        closed_day = super().save_instance()
        self.cancelled = visit_day_close(closed_day=closed_day, by=self.request.user)
        return closed_day

    def save_action(self):
        response = super().save_action()
        if self.cancelled:
            count = len(self.cancelled)
            messages.warning(
                self.request,
                ngettext(
                    "%(count)s visit booked on that day was cancelled; the citizen was e-mailed to choose another day.",
                    "%(count)s visits booked on that day were cancelled; each citizen was e-mailed to choose another "
                    "day.",
                    count,
                )
                % {"count": count},
            )
        return response


class ClosedDayCreateView(_ClosingCancelsBookings, CreateView):
    pass


class ClosedDayEditView(_ClosingCancelsBookings, EditView):
    pass


class VisitClosedDayViewSet(ModelViewSet):
    model = VisitClosedDay
    add_view_class = ClosedDayCreateView
    edit_view_class = ClosedDayEditView
    icon = "date"
    menu_label = gettext_lazy("IKD visit closed days")
    add_to_settings_menu = True
    url_prefix = "kunjungan-ikd/tutup"
    url_namespace = "visits_closed_day"
    list_display = ["date", "kecamatan", "reason"]
    list_filter = ["kecamatan"]
    form_fields = ["kecamatan", "date", "reason"]
    ordering = ["-date"]
    inspect_view_enabled = False
