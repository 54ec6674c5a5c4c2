"""Print dispatch screens in Wagtail's admin: the print queue, the blank book, hand-over and weekly returns."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from forms.constants import ApplicationStatus, DeliveryMethod
from forms.documents.models import IssuedDocument
from forms.office.guards import office_staff_required
from forms.office.roles import user_roles
from forms.office.scope import user_may_act_at
from forms.office.storage import UploadsNotStored, private_storage
from forms.review.selectors import applications_visible_to

from . import services
from .alternatives import temporary_certificate_issue
from .constants import LedgerKind
from .forms import (
    CorrectionForm,
    CourierDeliveredForm,
    CourierDispatchForm,
    DamagedBlankForm,
    FailedPrintForm,
    FindForm,
    ManifestForm,
    NameSerialsForm,
    PickupForm,
    PrintForm,
    ReceiveForm,
    SerialSearchForm,
    TransferForm,
    TransferRefuseForm,
)
from .models import BlankLedgerEntry, BlankStockSettings, BlankTransfer, LedgerCheck
from .pdf import manifest_pdf_bytes
from .selectors import (
    awaiting_hand_over,
    dispatch_dashboard,
    ledger_page,
    low_stock_threshold,
    manifests_visible_to,
    office_for_staff,
    offices_visible_to,
    page_chain_breaks,
    print_queue,
    prints_per_day,
    returnable_entries,
    serial_whereabouts,
    stock_figures,
    transfers_of,
    unused_serial_count,
    weekly_return_day,
)


def _apply_errors(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)


@office_staff_required
def overview(request):
    """An operator goes straight to their office; city-wide roles see every kecamatan side by side."""
    offices = list(offices_visible_to(request.user))
    if not offices:
        raise PermissionDenied
    if len(offices) == 1:
        return redirect("dispatch:queue", offices[0].pk)
    daily = prints_per_day(kecamatan_ids=[office.pk for office in offices])
    context = {
        "dashboards": dispatch_dashboard(user=request.user),
        "threshold": low_stock_threshold(),
        "offices_list": offices,
        "daily_rows": [(day, [counts.get(office.pk, 0) for office in offices]) for day, counts in daily],
    }
    return TemplateResponse(request, "dispatch/overview.html", context)


def _office_context(request, office, **extra):
    figures = stock_figures(kecamatan_id=office.pk)
    threshold = low_stock_threshold()
    return {
        "office": office,
        "figures": figures,
        "low": figures.on_hand <= threshold,
        "threshold": threshold,
        "may_act": user_may_act_at(request.user, office.pk),
        "offices": offices_visible_to(request.user),
        **extra,
    }


QUEUE_PAGE_SIZE = 50


@office_staff_required
def queue(request, office_pk):
    office = office_for_staff(user=request.user, pk=office_pk)
    print_form, failed_form, failed_for = PrintForm(prefix="print"), FailedPrintForm(prefix="failed"), None
    if request.method == "POST":
        if not user_may_act_at(request.user, office.pk):
            raise PermissionDenied
        application = get_object_or_404(applications_visible_to(request.user), pk=request.POST.get("application"))
        action = request.POST.get("action")
        try:
            if action == "print":
                print_form = PrintForm(request.POST, prefix="print")
                if print_form.is_valid():
                    services.card_print(
                        application=application, by=request.user, card_serial=print_form.cleaned_data["card_serial"]
                    )
                    messages.success(
                        request,
                        _("%(number)s printed: ready for the citizen.") % {"number": application.tracking_number},
                    )
                    return redirect("dispatch:queue", office.pk)
                messages.error(request, " ".join(e for errors in print_form.errors.values() for e in errors))
                return redirect("dispatch:queue", office.pk)
            elif action == "failed":
                failed_form, failed_for = FailedPrintForm(request.POST, prefix="failed"), application.pk
                if failed_form.is_valid():
                    services.card_print_failed(application=application, by=request.user, **failed_form.cleaned_data)
                    messages.warning(
                        request,
                        _("Spoiled blank recorded; %(number)s stays in the queue.")
                        % {"number": application.tracking_number},
                    )
                    return redirect("dispatch:queue", office.pk)
            elif action == "certificate":
                try:
                    temporary_certificate_issue(application=application, by=request.user)
                except UploadsNotStored:
                    messages.error(
                        request,
                        _(
                            "The file store is not answering. Nothing was saved: no certificate was issued. "
                            "Try again in a few minutes."
                        ),
                    )
                    return redirect("dispatch:queue", office.pk)
                messages.success(
                    request,
                    _("Temporary certificate issued for %(number)s.") % {"number": application.tracking_number},
                )
                return redirect("dispatch:queue", office.pk)
            else:
                raise PermissionDenied
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect("dispatch:queue", office.pk)
    # The oldest approvals first, a page at a time: a backlog of hundreds must not make a megabyte page.
    queue_page = Paginator(print_queue(kecamatan=office), QUEUE_PAGE_SIZE).get_page(request.GET.get("p"))
    context = _office_context(
        request,
        office,
        queue=queue_page,
        short_of_blanks=stock_figures(kecamatan_id=office.pk).on_hand < queue_page.paginator.count,
        print_form=print_form,
        failed_form=failed_form,
        failed_for=failed_for,
    )
    return TemplateResponse(request, "dispatch/queue.html", context)


def _ledger_post(request, office, forms) -> bool:
    """One action of the book page: True once done (its message queued), False with the form's errors to show."""
    action = request.POST.get("action")
    if action in ("transfer_confirm", "transfer_refuse"):
        transfer = get_object_or_404(BlankTransfer, pk=request.POST.get("transfer"), to_kecamatan=office)
        try:
            if action == "transfer_confirm":
                services.blanks_transfer_confirm(transfer=transfer, by=request.user)
            else:
                form = forms["refuse"] = TransferRefuseForm(request.POST, prefix="refuse")
                if not form.is_valid():
                    return False
                services.blanks_transfer_refuse(transfer=transfer, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Transfer recorded."))
        return True
    if action not in forms or action == "refuse":
        raise PermissionDenied
    form_class = type(forms[action])
    kwargs = {"usual_shipment": BlankStockSettings.load().usual_shipment} if action == "receive" else {}
    if action == "transfer":
        kwargs = {"office": office}
    form = forms[action] = form_class(request.POST, prefix=action, **kwargs)
    if not form.is_valid():
        return False
    data = form.cleaned_data
    try:
        if action == "receive":
            services.blanks_receive(kecamatan=office, by=request.user, **data)
        elif action == "damaged":
            services.blank_spoil(kecamatan=office, by=request.user, **data)
        elif action == "transfer":
            services.blanks_transfer_send(from_kecamatan=office, by=request.user, **data)
        elif action == "name_serials":
            services.blank_serials_name(kecamatan=office, by=request.user, **data)
        else:
            entry = BlankLedgerEntry.objects.filter(kecamatan=office, sequence=data["entry"]).first()
            if entry is None:
                raise ValidationError({"entry": _("There is no entry with this number in this book.")})
            services.ledger_correct(
                entry=entry,
                by=request.user,
                quantity_delta=data["quantity_delta"],
                reason=data["reason"],
                serial_ranges=data["serial_ranges"],
            )
    except ValidationError as error:
        _apply_errors(form, error)
        return False
    messages.success(request, _("Recorded in the blank-card book."))
    return True


@office_staff_required
def ledger(request, office_pk):
    office = office_for_staff(user=request.user, pk=office_pk)
    usual = BlankStockSettings.load().usual_shipment
    forms = {
        "receive": ReceiveForm(prefix="receive", usual_shipment=usual),
        "damaged": DamagedBlankForm(prefix="damaged"),
        "correct": CorrectionForm(prefix="correct"),
        "transfer": TransferForm(prefix="transfer", office=office),
        "refuse": TransferRefuseForm(prefix="refuse"),
        "name_serials": NameSerialsForm(prefix="name_serials"),
    }
    if request.method == "POST":
        if not user_may_act_at(request.user, office.pk):
            raise PermissionDenied
        if _ledger_post(request, office, forms):
            return redirect("dispatch:ledger", office.pk)
    search = SerialSearchForm(request.GET if "serial" in request.GET else None)
    whereabouts = searched = None
    if search.is_bound and search.is_valid():
        searched = search.cleaned_data["serial"]
        whereabouts = serial_whereabouts(
            serial=searched, kecamatan_ids=list(offices_visible_to(request.user).values_list("pk", flat=True))
        )
        log(instance=office, action="dispatch.serial_search", user=request.user, data={"serial": searched})
    page = Paginator(ledger_page(kecamatan=office).order_by("-sequence"), 50).get_page(request.GET.get("p"))
    context = _office_context(
        request,
        office,
        page=page,
        forms=forms,
        search=search,
        searched=searched,
        whereabouts=whereabouts,
        transfers=transfers_of(kecamatan=office)[:50],
        unnamed_blanks=stock_figures(kecamatan_id=office.pk).on_hand - unused_serial_count(kecamatan_id=office.pk),
        # The lines shown are re-checked now; the whole book nightly (ledger_verify), whose result is shown too.
        page_breaks=page_chain_breaks(page.object_list),
        last_check=LedgerCheck.objects.filter(kecamatan=office).first(),
    )
    return TemplateResponse(request, "dispatch/ledger.html", context)


@office_staff_required
def hand_over_list(request, office_pk):
    office = office_for_staff(user=request.user, pk=office_pk)
    find = FindForm(request.GET or None)
    if find.is_bound and find.is_valid():
        found = (
            applications_visible_to(request.user)
            .filter(kecamatan=office, tracking_number=find.cleaned_data["q"])
            .first()
        )
        if found is not None:
            return redirect("dispatch:hand_over", office.pk, found.pk)
        find.add_error("q", _("No application with this number is waiting at this kecamatan."))
    context = _office_context(request, office, find=find, waiting=awaiting_hand_over(kecamatan=office))
    return TemplateResponse(request, "dispatch/hand_over_list.html", context)


HAND_OVER_WAYS = (DeliveryMethod.PICKUP, DeliveryMethod.COURIER)


@office_staff_required
def hand_over(request, office_pk, pk):
    office = office_for_staff(user=request.user, pk=office_pk)
    application = get_object_or_404(
        applications_visible_to(request.user).select_related("kecamatan"), kecamatan=office, pk=pk
    )
    forms = {
        "pickup": PickupForm(prefix="pickup", initial={"collected_by_name": application.applicant_name}),
        "courier": CourierDispatchForm(prefix="courier"),
        "delivered": CourierDeliveredForm(prefix="delivered", initial={"received_by_name": application.applicant_name}),
    }
    if request.method == "POST":
        if not user_may_act_at(request.user, office.pk):
            raise PermissionDenied
        action = request.POST.get("action")
        if action not in forms:
            raise PermissionDenied
        form = forms[action] = type(forms[action])(request.POST, prefix=action)
        if form.is_valid():
            data = dict(form.cleaned_data)
            data.pop("identity_checked", None)
            if action == "pickup" and not data["by_proxy"]:
                data["collector_nik"] = ""
            handler = {
                "pickup": services.card_hand_over,
                "courier": services.card_courier_dispatch,
                "delivered": services.card_courier_deliver,
            }[action]
            try:
                handler(application=application, by=request.user, **data)
            except ValidationError as error:
                _apply_errors(form, error)
            else:
                messages.success(request, _("Recorded for %(number)s.") % {"number": application.tracking_number})
                return redirect("dispatch:hand_over", office.pk, application.pk)
    application.refresh_from_db()
    # One way out at a time: the citizen's own choice, unless the officer switched (?cara=) or posted the other form.
    chosen = request.POST.get("action") if request.method == "POST" else request.GET.get("cara")
    if chosen not in HAND_OVER_WAYS:
        chosen = application.delivery_method if application.delivery_method in HAND_OVER_WAYS else DeliveryMethod.PICKUP
    context = _office_context(
        request,
        office,
        application=application,
        record=getattr(application, "hand_over", None),
        forms=forms,
        way=chosen,
        other_way=DeliveryMethod.COURIER if chosen == DeliveryMethod.PICKUP else DeliveryMethod.PICKUP,
        citizen_chose=chosen == application.delivery_method,
        # Once the card is handed over, a walk-in citizen answers the satisfaction survey from the counter's QR.
        show_survey_qr=application.status == ApplicationStatus.HANDED_OVER,
    )
    if application.nik:
        log(instance=application, action="intake.view_identity", user=request.user, data={"screen": "hand_over"})
    return TemplateResponse(request, "dispatch/hand_over.html", context)


@office_staff_required
def manifests(request, office_pk):
    office = office_for_staff(user=request.user, pk=office_pk)
    form = ManifestForm()
    if request.method == "POST":
        if not user_may_act_at(request.user, office.pk):
            raise PermissionDenied
        form = ManifestForm(request.POST)
        if form.is_valid():
            try:
                manifest = services.manifest_prepare(kecamatan=office, by=request.user, **form.cleaned_data)
            except ValidationError as error:
                _apply_errors(form, error)
            else:
                messages.success(request, _("Manifest %(number)s prepared.") % {"number": manifest.number})
                return redirect("dispatch:manifest", manifest.pk)
    today = timezone.localdate()
    return_day = weekly_return_day(today)
    context = _office_context(
        request,
        office,
        form=form,
        return_day=return_day,
        return_due_today=return_day == today,
        pending=returnable_entries(kecamatan=office),
        manifests=manifests_visible_to(request.user).filter(kecamatan=office),
    )
    return TemplateResponse(request, "dispatch/manifests.html", context)


def _manifest_for(request, pk):
    manifest = manifests_visible_to(request.user).filter(pk=pk).first()
    if manifest is None:
        raise Http404
    return manifest


def manifest_summary(manifest) -> dict:
    """The manifest as data: its lines grouped the way the berita acara counts them."""
    lines = list(manifest.lines.select_related("entry__application").order_by("entry__sequence"))
    entries = [line.entry for line in lines]
    return {
        "lines": lines,
        "entries": entries,
        "failed_prints": sum(1 for e in entries if e.kind == LedgerKind.SPOILED and e.spoil_reason == "failed_print"),
        "damaged": sum(1 for e in entries if e.kind == LedgerKind.SPOILED and e.spoil_reason == "damaged"),
        "old_cards": sum(1 for e in entries if e.kind == LedgerKind.OLD_CARD),
        "total": len(entries),
    }


@office_staff_required
def manifest(request, pk):
    item = _manifest_for(request, pk)
    if request.method == "POST":
        try:
            services.manifest_confirm(manifest=item, by=request.user, arrived_line_ids=request.POST.getlist("arrived"))
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Receipt at the office confirmed."))
        return redirect("dispatch:manifest", item.pk)
    context = {
        "manifest": item,
        "summary": manifest_summary(item),
        "may_confirm": bool(user_roles(request.user) & services.OFFICE_ROLES) and not item.confirmed_at,
    }
    return TemplateResponse(request, "dispatch/manifest.html", context)


@office_staff_required
def manifest_pdf(request, pk):
    item = _manifest_for(request, pk)
    log(instance=item, action="dispatch.manifest_pdf", user=request.user)
    response = HttpResponse(manifest_pdf_bytes(item, manifest_summary(item)), content_type="application/pdf")
    filename = item.number.replace("/", "-")
    response["Content-Disposition"] = f'inline; filename="{filename}.pdf"'
    return response


@office_staff_required
def certificate(request, office_pk, pk):
    """The temporary certificate's PDF for the operator to print and hand over; every opening is audited."""
    office = office_for_staff(user=request.user, pk=office_pk)
    application = get_object_or_404(applications_visible_to(request.user), kecamatan=office, pk=pk)
    document = IssuedDocument.objects.filter(application=application).exclude(object_name="").first()
    if document is None:
        raise Http404
    log(instance=application, action="dispatch.temporary_certificate_view", user=request.user)
    response = FileResponse(private_storage().open(document.object_name, "rb"), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{document.original_name}"'
    return response
