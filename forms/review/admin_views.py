"""The staff queue and review page in Wagtail's admin; every state change goes through the review services."""

from urllib.parse import urlencode

import django_filters
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q
from django.forms import ModelChoiceField
from django.shortcuts import get_object_or_404, redirect
from django.template.base import render_value_in_context
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST
from wagtail import hooks
from wagtail.admin.admin_url_finder import ModelAdminURLFinder
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.paginator import WagtailPaginator
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.tables import BaseColumn, Column
from wagtail.admin.views.generic.models import IndexView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.log_actions import log

from forms.constants import (
    CLOSED_STATUSES,
    FINAL_STATUSES,
    TRANSITIONS_BY_ACTION,
    ApplicationStatus,
    Processing,
    file_type_label,
    roles_moving,
)
from forms.identity import nik_digest
from forms.intake.tracking import tracking_number_normalise
from forms.intake.validators import validate_nik
from forms.models import Application
from forms.models.applications import OPEN_CASE
from forms.office.downloads import private_document_response
from forms.office.guards import office_staff_required
from forms.office.qr import qr_svg
from forms.office.spreadsheets import FormulaSafeCsvMixin

from .batch import BATCH_ACTIONS_BY_KEY, applications_batch, batch_actions_for, seen_token
from .counter import application_record_at_counter, counter_form_page, counter_variants, may_record_at_counter
from .counter_forms import CounterApplicationForm
from .holding import (
    assignable_officers,
    case_assign,
    case_hand_back,
    case_take,
    held_notice,
    may_assign,
    may_hold,
    staff_name,
)
from .nik_search import DIGEST_PATTERN, NikFreeSearchMixin
from .selectors import application_for_staff, applications_visible_to, overdue_q
from .transitions import StaleTransition, allowed_transitions, application_open, application_transition

# The queue counts at most this many rows; beyond it, it says "more than" (a full count of a million rows costs
# seconds on every page view, and no one pages that far).
QUEUE_COUNT_LIMIT = 10_000
ALL_CASES, FINISHED_CASES = "all", "finished"
# Every sort ends on the due time and the id, in the sort's direction (a descending sort is the ascending list
# reversed): pages never repeat or skip a case where many share the sorted value, and the open cases' partial
# indexes (forms.models.applications) hold these keys, so a page is read from an index however many cases there
# are. The kecamatan sort is by the kecamatan's row, seeded in the order of their region codes, not a join to them.
QUEUE_SORT_TIEBREAK = ("due_at", "id")
QUEUE_SORT_COLUMNS = {"kecamatan": "kecamatan_id"}


def queue_open_cases_only(params) -> bool:
    """The queue shows the cases the office still has to move unless the officer asked for others: by case, by
    status, by a search or by a NIK."""
    return not any(str(params.get(name, "")).strip() for name in ("cases", "status", "q", "nik"))


def queue_sort(ordering: str) -> list[str]:
    """The ORDER BY of the queue's sort `ordering` ("kecamatan", "-due_at", ...)."""
    sign = "-" if ordering.startswith("-") else ""
    column = ordering.removeprefix("-")
    columns = [QUEUE_SORT_COLUMNS.get(column, column)]
    columns += [key for key in QUEUE_SORT_TIEBREAK if key not in columns]
    return [sign + key for key in columns]


class BoundedCountPaginator(WagtailPaginator):
    @cached_property
    def count(self):
        counted = self.object_list.order_by().values("pk")[: QUEUE_COUNT_LIMIT + 1].count()
        self.count_is_bounded = counted > QUEUE_COUNT_LIMIT
        return min(counted, QUEUE_COUNT_LIMIT)

    @cached_property
    def items_count_label(self):
        if self.count and self.count_is_bounded:
            return _("more than %(count)s applications") % {"count": f"{QUEUE_COUNT_LIMIT:,}".replace(",", ".")}
        return super().items_count_label


class ApplicationFilterSet(WagtailFilterSet):
    # The queue opens on the cases the office still has to move (forms.models.applications.OPEN_CASE).
    cases = django_filters.ChoiceFilter(
        label=_("Cases"),
        choices=[(ALL_CASES, _("All, finished included")), (FINISHED_CASES, _("Finished or with the citizen"))],
        empty_label=_("Open cases"),
        method="filter_cases",
    )
    overdue = django_filters.BooleanFilter(label=_("Overdue"), method="filter_overdue")
    submit_time = django_filters.DateFromToRangeFilter(label=_("Submitted"), widget=DateRangePickerWidget)

    class Meta:
        model = Application
        fields = ["status", "service", "processing", "variant_code", "kecamatan"]

    def filter_cases(self, queryset, name, value):
        return queryset.exclude(OPEN_CASE) if value == FINISHED_CASES else queryset

    def filter_overdue(self, queryset, name, value):
        if value is None:
            return queryset
        if value:
            return queryset.filter(overdue_q())
        # Among open cases this is a range on the due time, which their index serves; overdue_q's negation (an OR
        # with every finished case) walks each overdue case first, and most open cases may be overdue.
        if queue_open_cases_only(self.data):
            return queryset.filter(Q(due_at__gte=timezone.now()) | Q(due_at__isnull=True))
        return queryset.exclude(overdue_q())


class BatchCheckboxColumn(BaseColumn):
    """A checkbox per row for the batch form, with the case's last change as the row showed it (staleness)."""

    header_template_name = "intake/admin/batch_checkbox_header.html"
    cell_template_name = "intake/admin/batch_checkbox_cell.html"

    def get_cell_context_data(self, instance, parent_context):
        return {**super().get_cell_context_data(instance, parent_context), "seen": seen_token(instance)}


class TextColumn(Column):
    """A plain cell as wagtailadmin/tables/cell.html renders it, without rendering a template for each cell: the
    queue draws 20 rows of 8 such cells on every view, and their templates were a fifth of its time."""

    def render_cell_html(self, instance, parent_context):
        value = self.get_value(instance)
        classname = format_html(' class="{}"', self.classname) if self.classname else ""
        shown = "" if value is None else render_value_in_context(value, parent_context)
        return format_html("<td{}>{}</td>", classname, shown)


class ApplicationIndexView(NikFreeSearchMixin, FormulaSafeCsvMixin, IndexView):
    template_name = "intake/admin/queue_index.html"
    paginator_class = BoundedCountPaginator
    nik_in_query_message = _(
        "A NIK is not searched from the search box, which puts it in the address. Use the NIK search below."
    )

    @cached_property
    def batch_actions(self):
        return batch_actions_for(self.request.user)

    @cached_property
    def columns(self):
        if not self.batch_actions:
            return super().columns
        return [BatchCheckboxColumn("batch", label=_("Select")), *super().columns]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["batch_actions"] = self.batch_actions
        if any(action.needs_officer for action in self.batch_actions):
            context.update(batch_assigns=True, batch_officers=list(assignable_officers()))
        return context

    def nik_bearing_params(self, request):
        # `nik` carries the digest the NIK search redirects with; anything else there could be the number itself.
        names = super().nik_bearing_params(request)
        nik = request.GET.get("nik")
        if nik is not None and not DIGEST_PATTERN.fullmatch(nik):
            names.append("nik")
        return names

    @cached_property
    def nik_filter(self):
        return self.request.GET.get("nik", "")

    def get_base_queryset(self):
        queryset = applications_visible_to(self.request.user, super().get_base_queryset())
        return queryset.select_related("kecamatan", "holder")

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        if self.nik_filter:
            return queryset.filter(nik_digest=self.nik_filter)
        if queue_open_cases_only(self.request.GET):
            queryset = queryset.filter(OPEN_CASE)
        return queryset

    def order_queryset(self, queryset):
        ordering = self.ordering or "due_at"
        return queryset.order_by(*queue_sort(ordering if isinstance(ordering, str) else ordering[0]))

    def search_queryset(self, queryset):
        query = (self.search_query or "").strip()
        if not query:
            return queryset
        # A tracking number is unique: that one row, by its index (not every KTP-2026-… name match).
        number = tracking_number_normalise(query)
        if number:
            return queryset.filter(tracking_number=number)
        # PostgreSQL serves each side by an index (unique tracking number; trigram on the name, migration 0012).
        return queryset.filter(Q(tracking_number=query.upper()) | Q(applicant_name__icontains=query))

    def _get_custom_column(self, field_name, column_class=Column, **kwargs):
        # Wagtail's own builder of a list_display column (label, sort key, choice labels), with faster plain cells.
        return super()._get_custom_column(field_name, TextColumn if column_class is Column else column_class, **kwargs)

    def get_list_more_buttons(self, instance):
        # The tracking number links to the review page already: a menu whose one item is that link again ("Ubah")
        # was a third of the page's bytes and another stop for the keyboard on every row.
        edit_url = self.get_edit_url(instance)
        return [button for button in super().get_list_more_buttons(instance) if button.url != edit_url]

    def get_add_url(self):
        return None

    def get_edit_url(self, instance):
        return reverse("intake_application:review", args=[instance.pk])

    def get_copy_url(self, instance):
        return None

    def get_inspect_url(self, instance):
        return None

    def write_csv_response(self, queryset):
        log(instance=self.request.user, action="intake.export", user=self.request.user, data={"format": "csv"})
        return super().write_csv_response(queryset)

    def write_xlsx_response(self, queryset):
        log(instance=self.request.user, action="intake.export", user=self.request.user, data={"format": "xlsx"})
        return super().write_xlsx_response(queryset)


class MyCasesIndexView(ApplicationIndexView):
    """ "Kasus saya": the cases the user holds, the one due first on top."""

    page_title = _("My cases")

    def get_base_queryset(self):
        return super().get_base_queryset().filter(holder=self.request.user)


# A later room links the screen where its own-screen step is made (or its result seen) from the review page:
# ``@hooks.register(REVIEW_ACTION_HOOK) def link(*, application, user)`` returns ``(label, url)`` or None.
REVIEW_ACTION_HOOK = "register_review_action"


def _room_links(application, user) -> list[tuple[str, str]]:
    return [link for room in hooks.get_hooks(REVIEW_ACTION_HOOK) if (link := room(application=application, user=user))]


def _shown_value(form_field, value):
    """What the officer reads for a stored answer: a choice's label, an upload's name and type, yes or no."""
    if value in (None, "", [], {}):
        return "–"
    if isinstance(value, dict) and "file" in value:
        return f"{value['file']} ({file_type_label(value.get('type', ''))})"
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    # A kecamatan is stored by name already; its model choices would only cost a query.
    choices = [] if isinstance(form_field, ModelChoiceField) else getattr(form_field, "choices", None) or []
    labels = {str(key): label for key, label in choices}
    if isinstance(value, list):
        return ", ".join(str(labels.get(str(item), item)) for item in value)
    return labels.get(str(value), value)


def _form_rows(page, fields, form_data):
    form_fields = page.get_form_class().base_fields if fields else {}
    return [(f.label, _shown_value(form_fields.get(f.clean_name), form_data.get(f.clean_name))) for f in fields]


@office_staff_required
def review(request, pk):
    """Form data, documents, checklist, timeline and exactly the buttons this user may press."""
    application = application_for_staff(user=request.user, pk=pk)
    if request.method == "POST":
        return _act(request, application)
    # The case is open in front of an officer who may move it: its step stops waiting from now.
    application_open(application=application, by=request.user)
    page = application.page.specific
    # A walk-in application hangs off the standard itself: its documents were ticked off at the counter.
    fields = page.get_form_fields() if hasattr(page, "get_form_fields") else []
    checklist = [f for f in fields if f.requirement or f.field_type in ("document", "nik", "kk")]
    context = {
        "application": application,
        "form_rows": _form_rows(page, fields, application.form_data),
        "checklist": checklist,
        "documents": application.current_documents(),
        "history": application.history.all(),
        "transitions": [t for t in allowed_transitions(application=application, user=request.user) if not t.own_screen],
        "room_links": _room_links(application, request.user),
        **_holding_context(application, request.user),
    }
    if application.nik or application.kk_number:
        log(instance=application, action="intake.view_identity", user=request.user, data={"screen": "review"})
    return TemplateResponse(request, "intake/admin/review.html", context)


def _holding_context(application, user) -> dict:
    """Who holds the case, and which of take, hand back and assign this user may press."""
    held_by_user = application.holder_id == user.pk
    assigning = may_assign(user)
    officers = []
    if assigning and application.status not in FINAL_STATUSES:
        # Only the roles the case waits for are asked one by one whether the case's kecamatan is theirs.
        waiting_for = roles_moving(application.status, application.processing, application.channel)
        candidates = assignable_officers().filter(groups__name__in=sorted(waiting_for))
        officers = [officer for officer in candidates if may_hold(application=application, user=officer)]
    return {
        "held_notice": held_notice(application) if application.holder_id and not held_by_user else "",
        "held_by_user": held_by_user,
        "open_statuses": [str(status) for status in ApplicationStatus if status not in FINAL_STATUSES],
        "may_take": application.holder_id is None and may_hold(application=application, user=user),
        "may_release": application.holder_id is not None and (held_by_user or assigning),
        "assign_officers": [officer for officer in officers if officer.pk != application.holder_id],
    }


def _holding_move(request, pk, move, done):
    application = application_for_staff(user=request.user, pk=pk)
    try:
        move(application)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, done)
    return redirect("intake_application:review", application.pk)


@office_staff_required
@require_POST
def case_take_view(request, pk):
    return _holding_move(
        request, pk, lambda application: case_take(application=application, by=request.user), _("The case is yours.")
    )


@office_staff_required
@require_POST
def case_hand_back_view(request, pk):
    return _holding_move(
        request,
        pk,
        lambda application: case_hand_back(application=application, by=request.user, note=request.POST.get("note", "")),
        _("The case is back in the queue."),
    )


@office_staff_required
@require_POST
def case_assign_view(request, pk):
    officer = assignable_officers().filter(pk=request.POST.get("officer") or None).first()
    if officer is None:
        messages.error(request, _("Choose an officer."))
        return redirect("intake_application:review", pk)
    return _holding_move(
        request,
        pk,
        lambda application: case_assign(
            application=application, to=officer, by=request.user, reassign=request.POST.get("reassign") == "1"
        ),
        _("Assigned to %(officer)s.") % {"officer": staff_name(officer)},
    )


@office_staff_required
@require_POST
def queue_batch(request):
    """One action on the cases ticked in the queue, each done as if alone; then what was done and what refused."""
    back = request.POST.get("next", "")
    if not back.startswith(reverse("intake_application:index")):
        back = reverse("intake_application:index")
    action = BATCH_ACTIONS_BY_KEY.get(request.POST.get("action", ""))
    if action is None or action not in batch_actions_for(request.user):
        raise PermissionDenied
    selected = [int(pk) for pk in dict.fromkeys(request.POST.getlist("case")) if pk.isdigit()]
    if not selected:
        messages.error(request, _("Tick at least one case."))
        return redirect(back)
    officer = None
    if action.needs_officer:
        officer = assignable_officers().filter(pk=request.POST.get("officer") or None).first()
        if officer is None:
            messages.error(request, _("Choose the officer to assign the cases to."))
            return redirect(back)
    outcome = applications_batch(
        action=action.key,
        by=request.user,
        seen={pk: request.POST.get(f"seen-{pk}", "") for pk in selected},
        officer=officer,
        reassign=request.POST.get("reassign") == "1",
    )
    context = {"outcome": outcome, "officer": officer and staff_name(officer), "back": back}
    return TemplateResponse(request, "intake/admin/batch_result.html", context)


@office_staff_required
@require_POST
@sensitive_post_parameters("nik")
def nik_search(request):
    """Search by NIK: posted, then the queue filtered by the NIK's keyed digest, so no address holds the number."""
    try:
        nik = validate_nik(request.POST.get("nik", ""))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("intake_application:index")
    return redirect(reverse("intake_application:index") + "?" + urlencode({"nik": nik_digest(nik)}))


def _act(request, application):
    transition = TRANSITIONS_BY_ACTION.get(request.POST.get("action", ""))
    # Printing, hand-over and IKD activation touch the ledger or the visit list: only their own screens make them.
    if transition is None or transition.own_screen:
        raise PermissionDenied
    reasons = [
        (name.removeprefix("reason-"), value.strip())
        for name, value in request.POST.items()
        if name.startswith("reason-") and value.strip()
    ]
    try:
        application_transition(
            application=application,
            action=transition.action,
            by=request.user,
            expected_status=request.POST.get("expected_status", ""),
            note=request.POST.get("note", ""),
            reasons=reasons,
            siak_reference=request.POST.get("siak_reference", ""),
        )
    except StaleTransition as error:
        messages.warning(request, " ".join(error.messages))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Done: %(step)s.") % {"step": transition.label})
    return redirect("intake_application:review", application.pk)


@never_cache
def counter(request):
    """A walk-in application: pick the service variant, tick the documents shown, capture the usual fields."""
    if not may_record_at_counter(request.user):
        raise PermissionDenied
    choices = {f"{service.pk}:{variant['code']}": (service, variant) for service, variant in counter_variants()}
    chosen = request.GET.get("variant") or request.POST.get("variant")
    if chosen not in choices:
        return TemplateResponse(request, "intake/admin/counter_choose.html", {"choices": choices})
    service, variant = choices[chosen]
    form_page = counter_form_page(service, variant["code"])
    processing = form_page.processing if form_page else Processing.CARD
    form = CounterApplicationForm(request.POST or None, requirements=variant["requirements"], processing=processing)
    if request.method == "POST" and form.is_valid():
        try:
            application = application_record_at_counter(
                service=service, variant_code=variant["code"], by=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            for field, errors in error.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            messages.success(
                request, _("Recorded as %(number)s: requirements met.") % {"number": application.tracking_number}
            )
            return redirect("intake_application:counter_receipt", application.pk)
    context = {"form": form, "service": service, "variant": variant, "chosen": chosen}
    return TemplateResponse(request, "intake/admin/counter_form.html", context)


@office_staff_required
def counter_receipt(request, pk):
    """The slip the walk-in citizen takes home: tracking number, QR for /lacak/, and what happens next."""
    application = application_for_staff(user=request.user, pk=pk)
    tracking_url = request.build_absolute_uri(reverse("intake:tracking") + f"?nomor={application.tracking_number}")
    context = {"application": application, "tracking_url": tracking_url, "qr_svg": qr_svg(tracking_url)}
    return TemplateResponse(request, "intake/admin/counter_receipt.html", context)


@office_staff_required
def document(request, pk, document_pk):
    """A staff view of a citizen's document: scoped like the application, and written to the audit log."""
    application = application_for_staff(user=request.user, pk=pk)
    item = get_object_or_404(application.documents, pk=document_pk)
    log(instance=application, action="intake.view_document", user=request.user, data={"document": item.pk})
    # Shown inside the review page (images) and in a new tab (PDFs), sandboxed; streamed so S3 keeps the header.
    return private_document_response(item, inline=True, sandbox=True, stream=True)


class ApplicationAdminURLFinder(ModelAdminURLFinder):
    """Where Wagtail's Site history links an application: its review page, for staff who may open it."""

    edit_url_name = "intake_application:review"

    def get_edit_url(self, instance):
        if self.user is not None and not applications_visible_to(self.user).filter(pk=instance.pk).exists():
            return None
        return self.construct_edit_url(instance)


class ApplicationViewSet(ModelViewSet):
    model = Application
    # A citizen's case is no content: Wagtail's reference index would add rows (and a task) on every save and
    # list cases in the pages' "usage" screens that editors see.
    add_to_reference_index = False
    icon = "form"
    menu_label = _("Application queue")
    menu_order = 100
    add_to_admin_menu = True
    url_namespace = "intake_application"
    url_prefix = "permohonan"
    index_view_class = ApplicationIndexView
    filterset_class = ApplicationFilterSet
    search_fields = ["tracking_number", "applicant_name"]
    search_backend_name = None
    ordering = ["due_at"]
    list_display = [
        "tracking_number",
        "applicant_name",
        "masked_nik",
        "variant_name",
        "kecamatan",
        "status",
        "holder_name",
        "due_at",
        "overdue_flag",
    ]
    list_export = [
        "tracking_number",
        "applicant_name",
        "masked_nik",
        "service_title",
        "variant_name",
        "kecamatan",
        "status",
        "submit_time",
        "due_at",
        "holder_name",
    ]
    export_filename = "permohonan"
    inspect_view_enabled = False
    url_finder_class = ApplicationAdminURLFinder

    def _mine_view_kwargs(self):
        return self.get_index_view_kwargs(
            index_url_name=self.get_url_name("mine"), index_results_url_name=self.get_url_name("mine_results")
        )

    @property
    def mine_view(self):
        return self.construct_view(MyCasesIndexView, **self._mine_view_kwargs())

    @property
    def mine_results_view(self):
        return self.construct_view(MyCasesIndexView, **self._mine_view_kwargs(), results_only=True)

    def get_urlpatterns(self):
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
            path("cari-nik/", nik_search, name="nik_search"),
            path("tindakan-massal/", queue_batch, name="batch"),
            path("saya/", self.mine_view, name="mine"),
            path("saya/results/", self.mine_results_view, name="mine_results"),
            path("review/<int:pk>/", review, name="review"),
            path("review/<int:pk>/ambil/", case_take_view, name="case_take"),
            path("review/<int:pk>/lepas/", case_hand_back_view, name="case_hand_back"),
            path("review/<int:pk>/tugaskan/", case_assign_view, name="case_assign"),
            path("review/<int:pk>/document/<int:document_pk>/", document, name="document"),
            path("loket/", counter, name="counter"),
            path("loket/<int:pk>/tanda-terima/", counter_receipt, name="counter_receipt"),
        ]


class QueueSummaryPanel(Component):
    """The dashboard's view of the queue: waiting per status, and how many are past their due time."""

    name = "application_queue_summary"
    template_name = "intake/admin/queue_panel.html"
    order = 50

    def __init__(self, user):
        self.user = user

    def get_context_data(self, parent_context=None):
        visible = applications_visible_to(self.user)
        labels = dict(ApplicationStatus.choices)
        waiting = (
            visible.exclude(status__in=CLOSED_STATUSES).values("status").annotate(count=Count("pk")).order_by("status")
        )
        return {
            "waiting": [(labels[row["status"]], row["status"], row["count"]) for row in waiting],
            "overdue": visible.filter(overdue_q()).count(),
            "queue_url": reverse("intake_application:index"),
        }
