"""Complaints in Wagtail's admin: a scoped listing, the handling page and the record form for other channels."""

import django_filters
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from wagtail.admin.admin_url_finder import ModelAdminURLFinder
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.ui.components import Component
from wagtail.admin.views.generic.models import IndexView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.log_actions import log

from forms.office.downloads import private_document_response
from forms.office.guards import office_staff_required
from forms.office.spreadsheets import FormulaSafeCsvMixin
from forms.office.storage import UploadsNotStored
from forms.review.nik_search import NikFreeSearchMixin

from .constants import COMPLAINT_ACTIONS_BY_NAME, OPEN_STATUSES
from .forms import AssignForm, CloseForm, ComplaintRecordForm, RespondForm
from .models import Complaint
from .permissions import ComplaintPermissionPolicy
from .selectors import complaint_counts_for, complaint_for_staff, complaints_visible_to, overdue_q
from .services import (
    StaleAction,
    allowed_actions,
    complaint_assign,
    complaint_close,
    complaint_record,
    complaint_respond,
    complaint_start,
)

_policy = ComplaintPermissionPolicy(Complaint)


def _require(request, action):
    if not _policy.user_has_permission(request.user, action):
        raise PermissionDenied


class ComplaintFilterSet(WagtailFilterSet):
    overdue = django_filters.BooleanFilter(label=_("Overdue"), method="filter_overdue")
    open = django_filters.BooleanFilter(label=_("Open"), method="filter_open")
    received_at = django_filters.DateFromToRangeFilter(label=_("Received"), widget=DateRangePickerWidget)

    class Meta:
        model = Complaint
        fields = ["status", "tier", "category", "channel", "kecamatan"]

    def filter_overdue(self, queryset, name, value):
        if value is None:
            return queryset
        return queryset.filter(overdue_q()) if value else queryset.exclude(overdue_q())

    def filter_open(self, queryset, name, value):
        if value is None:
            return queryset
        return queryset.filter(status__in=OPEN_STATUSES) if value else queryset.exclude(status__in=OPEN_STATUSES)


class ComplaintIndexView(NikFreeSearchMixin, FormulaSafeCsvMixin, IndexView):
    nik_in_query_message = _("Complaints are not searched by NIK. Search by tracking number or name.")

    def get_base_queryset(self):
        return complaints_visible_to(self.request.user, super().get_base_queryset()).select_related("kecamatan")

    def search_queryset(self, queryset):
        query = (self.search_query or "").strip()
        if not query:
            return queryset
        return queryset.filter(tracking_number__iexact=query) | queryset.filter(name__icontains=query)

    def get_add_url(self):
        if _policy.user_has_permission(self.request.user, "add"):
            return reverse("complaints_admin:record")
        return None

    @property
    def add_item_label(self):
        return _("Record a message from another channel")

    def get_edit_url(self, instance):
        return reverse("complaints_admin:detail", args=[instance.pk])

    def get_copy_url(self, instance):
        return None

    def get_inspect_url(self, instance):
        return None

    def get_delete_url(self, instance):
        return None

    def write_csv_response(self, queryset):
        log(instance=self.request.user, action="complaints.export", user=self.request.user, data={"format": "csv"})
        return super().write_csv_response(queryset)

    def write_xlsx_response(self, queryset):
        log(instance=self.request.user, action="complaints.export", user=self.request.user, data={"format": "xlsx"})
        return super().write_xlsx_response(queryset)


ACTION_FORMS = {"respond": RespondForm, "assign": AssignForm, "close": CloseForm}


@office_staff_required
def detail(request, pk):
    """The complaint, its history and exactly the actions this user may take."""
    complaint = complaint_for_staff(user=request.user, pk=pk)
    forms = {}
    if request.method == "POST":
        response, forms = _act(request, complaint)
        if response is not None:
            return response
    actions = allowed_actions(complaint=complaint, user=request.user)
    for action in actions:
        if action.action in ACTION_FORMS and action.action not in forms:
            initial = (
                {"tier": complaint.tier, "assignee": complaint.assigned_to_id} if action.action == "assign" else {}
            )
            forms[action.action] = ACTION_FORMS[action.action](prefix=action.action, initial=initial)
    context = {
        "complaint": complaint,
        "events": complaint.events.all(),
        "attachment": getattr(complaint, "attachment", None),
        "actions": [(action, forms.get(action.action)) for action in actions],
        "header_title": complaint.tracking_number,
    }
    if complaint.nik:
        log(instance=complaint, action="complaints.view_identity", user=request.user)
    return TemplateResponse(request, "complaints/admin/detail.html", context)


def _act(request, complaint):
    """Run the posted action; a redirect when done, or the bound form with its errors."""
    spec = COMPLAINT_ACTIONS_BY_NAME.get(request.POST.get("action", ""))
    if spec is None:
        raise PermissionDenied
    expected = request.POST.get("expected_status", "")
    form = ACTION_FORMS[spec.action](request.POST, prefix=spec.action) if spec.action in ACTION_FORMS else None
    if form is not None and not form.is_valid():
        return None, {spec.action: form}
    data = form.cleaned_data if form is not None else {}
    try:
        if spec.action == "start":
            complaint_start(complaint=complaint, by=request.user, expected_status=expected)
        elif spec.action == "respond":
            complaint_respond(complaint=complaint, by=request.user, response=data["response"], expected_status=expected)
        elif spec.action == "assign":
            complaint_assign(
                complaint=complaint,
                by=request.user,
                tier=data["tier"],
                assignee=data["assignee"],
                note=data["note"],
                expected_status=expected,
            )
        else:
            complaint_close(complaint=complaint, by=request.user, note=data["note"], expected_status=expected)
    except StaleAction as error:
        messages.warning(request, " ".join(error.messages))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Done: %(action)s.") % {"action": spec.label})
    return redirect("complaints_admin:detail", complaint.pk), {}


@office_staff_required
def attachment(request, pk):
    """The complainant's file for staff who may see the complaint; every view is written to the audit log."""
    complaint = complaint_for_staff(user=request.user, pk=pk)
    item = getattr(complaint, "attachment", None)
    if item is None:
        raise PermissionDenied
    log(instance=complaint, action="complaints.view_attachment", user=request.user, data={"attachment": item.pk})
    # Sandboxed like the application documents; streamed so that S3 keeps the header.
    return private_document_response(item, inline=True, sandbox=True, stream=True)


@never_cache
@sensitive_post_parameters("nik")
def record(request):
    """A complaint that reached staff by suggestion box, WhatsApp, e-mail or social media."""
    _require(request, "add")
    if request.method == "POST":
        form = ComplaintRecordForm(request.POST, request.FILES, user=request.user)
        if form.is_valid():
            data = form.cleaned_data
            try:
                complaint = complaint_record(
                    by=request.user,
                    channel=data["channel"],
                    received_at=data["received_at"],
                    category=data["category"],
                    kecamatan=data["kecamatan"],
                    service=data["service"],
                    application=data["application"],
                    message=data["message"].strip(),
                    name=data["name"].strip(),
                    email=data["email"],
                    mobile=data["mobile"] or "",
                    nik=data["nik"] or "",
                    attachment=data["attachment"] or None,
                )
            except ValidationError as error:
                form.add_error(None, error)
            except UploadsNotStored:
                form.add_error(
                    None, _("The document storage could not be reached: nothing was saved. Try again in a few minutes.")
                )
            else:
                messages.success(request, _("Recorded as %(number)s.") % {"number": complaint.tracking_number})
                return redirect("complaints_admin:detail", complaint.pk)
    else:
        form = ComplaintRecordForm(user=request.user)
    return TemplateResponse(request, "complaints/admin/record.html", {"form": form})


class ComplaintAdminURLFinder(ModelAdminURLFinder):
    """Where Wagtail's Site history links a complaint: its handling page, for staff who may open it."""

    edit_url_name = "complaints_admin:detail"

    def get_edit_url(self, instance):
        if self.user is not None and not _policy.user_has_permission_for_instance(self.user, "view", instance):
            return None
        return self.construct_edit_url(instance)


class ComplaintViewSet(ModelViewSet):
    model = Complaint
    # A citizen's case is no content: Wagtail's reference index would add rows (and a task) on every save and
    # list cases in the pages' "usage" screens that editors see.
    add_to_reference_index = False
    icon = "comment"
    menu_label = _("Complaints")
    menu_order = 110
    add_to_admin_menu = True
    url_namespace = "complaints_admin"
    url_prefix = "pengaduan"
    index_view_class = ComplaintIndexView
    filterset_class = ComplaintFilterSet
    search_fields = ["tracking_number", "name"]
    search_backend_name = None
    ordering = ["escalation_due_at"]
    list_display = [
        "tracking_number",
        "category",
        "channel",
        "kecamatan",
        "status",
        "tier",
        "received_at",
        "escalation_due_at",
        "overdue_flag",
    ]
    list_export = [
        "tracking_number",
        "category",
        "channel",
        "kecamatan",
        "status",
        "tier",
        "received_at",
        "escalation_due_at",
        "first_response_at",
        "closed_at",
    ]
    export_filename = "pengaduan"
    inspect_view_enabled = False
    url_finder_class = ComplaintAdminURLFinder

    def get_urlpatterns(self):
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
            path("new/", record, name="record"),
            path("detail/<int:pk>/", detail, name="detail"),
            path("detail/<int:pk>/attachment/", attachment, name="attachment"),
        ]


class ComplaintSummaryPanel(Component):
    """The dashboard's view of complaints in the user's scope: open, escalated and overdue."""

    name = "complaint_summary"
    template_name = "complaints/admin/summary_panel.html"
    order = 60

    def __init__(self, user):
        self.user = user

    def get_context_data(self, parent_context=None):
        return {**complaint_counts_for(self.user), "index_url": reverse("complaints_admin:index")}
