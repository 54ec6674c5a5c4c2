"""The citizen's side: history, receipt, correction, downloads, public tracking, own data and erasure."""

from allauth.account.decorators import reauthentication_required
from allauth.core import ratelimit
from django import forms as django_forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from wagtail.log_actions import log

from forms.models import Application
from forms.models.pages import NOT_SAVED_RETRY_AFTER_SECONDS
from forms.office.downloads import private_document_response
from forms.office.qr import qr_svg
from forms.office.storage import UploadsNotStored
from portal.staff_access import can_open_admin

from .data_export import citizen_data
from .progress import application_progress, next_step, office_hours_text
from .receipt_pdf import receipt_pdf_bytes
from .retention import citizen_account_erase, erasure_blockers
from .selectors import application_for_owner, applications_of, drafts_of
from .step_views import draft_continue_url
from .submit import application_resubmit
from .tracking import tracking_number_normalise


@never_cache
@login_required
def application_list(request):
    drafts = [{"draft": draft, "continue_url": draft_continue_url(draft)} for draft in drafts_of(request.user)]
    context = {
        "drafts": drafts,
        "applications": applications_of(request.user),
        "retention_days": settings.RETENTION_DAYS_AFTER_FINISH,
    }
    return TemplateResponse(request, "intake/application_list.html", context)


@never_cache
@login_required
def application_detail(request, tracking_number):
    application = application_for_owner(user=request.user, tracking_number=tracking_number)
    context = {
        "application": application,
        "history": application.history.all(),
        "last_return": application.latest_return() if application.is_returned else None,
        "documents": application.current_documents(),
        "steps": application_progress(application),
        "office_hours": office_hours_text(),
    }
    return TemplateResponse(request, "intake/application_detail.html", context)


def _receipt_facts(request, application) -> dict:
    """What the receipt says, the page and the PDF alike: the tracking link, the next step and where to collect."""
    tracking_url = request.build_absolute_uri(reverse("intake:tracking") + f"?nomor={application.tracking_number}")
    steps = application_progress(application)
    return {
        "tracking_url": tracking_url,
        "next_step": next_step(steps),
        "pickup": next((step for step in steps if step.pickup), None),
        "office_hours": office_hours_text(),
    }


@never_cache
@login_required
def application_receipt(request, tracking_number):
    application = application_for_owner(user=request.user, tracking_number=tracking_number)
    facts = _receipt_facts(request, application)
    context = {"application": application, "qr_svg": qr_svg(facts["tracking_url"]), **facts}
    return TemplateResponse(request, "intake/application_receipt.html", context)


@never_cache
@login_required
def application_receipt_pdf(request, tracking_number):
    """The receipt as a PDF with the QR, for the owner only; never kept by a cache (never_cache: no-store)."""
    application = application_for_owner(user=request.user, tracking_number=tracking_number)
    pdf = receipt_pdf_bytes(application, **_receipt_facts(request, application))
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="tanda-terima-{application.tracking_number}.pdf"'
    return response


@never_cache
@login_required
@sensitive_post_parameters()
def application_correct(request, tracking_number):
    application = application_for_owner(user=request.user, tracking_number=tracking_number)
    if not application.is_returned:
        return redirect(application)
    page = application.page.specific
    last_return = application.latest_return()
    returned = {reason.field_name for reason in last_return.reasons.all()} if last_return else set()
    form_class = page.get_form_class()
    initial = {name: value for name, value in application.form_data.items() if not isinstance(value, dict)}
    if request.method == "POST":
        form = form_class(request.POST, request.FILES, page=page, user=request.user)
    else:
        form = form_class(page=page, user=request.user, initial=initial)
    # Only what staff named may change; the rest of the application stays as it was checked.
    for name in list(form.fields):
        related = any(name.startswith(r) and name != r for r in returned)  # e.g. the courier address
        if name not in returned and not related and name != "submission_token":
            del form.fields[name]
    form.fields["submission_token"].required = False
    if form.is_bound:
        form.conditions_apply(answers=initial)  # the courier address is asked only of courier deliveries
    not_saved = False
    if request.method == "POST" and form.is_valid():
        try:
            application_resubmit(application=application, applicant=request.user, form=form)
        except UploadsNotStored:
            not_saved = True  # nothing was kept: the correction comes back as typed
        else:
            return redirect(application)
    context = {
        "application": application,
        "form": form,
        "page": None,
        "reasons": list(last_return.reasons.all()) if last_return else [],
        "not_saved": not_saved,
    }
    response = TemplateResponse(request, "intake/application_correct.html", context, status=503 if not_saved else 200)
    if not_saved:
        response["Retry-After"] = str(NOT_SAVED_RETRY_AFTER_SECONDS)
    return response


@never_cache
@login_required
def document_download(request, tracking_number, pk):
    """Owner only (staff access is added with the review queue): stream it, or redirect to a URL signed for minutes."""
    application = application_for_owner(user=request.user, tracking_number=tracking_number)
    document = get_object_or_404(application.documents, pk=pk)
    return private_document_response(document, inline=bool(request.GET.get("inline")))


class TrackingForm(django_forms.Form):
    nomor = django_forms.CharField(
        label=_("Tracking number"), max_length=40, help_text=_("As printed on your receipt, e.g. KTP-2026-7QX4M2K.")
    )
    nik4 = django_forms.RegexField(
        label=_("Last 4 digits of the applicant's NIK"),
        regex=r"^\d{4}$",
        max_length=4,
        error_messages={"invalid": _("Enter exactly 4 digits.")},
        widget=django_forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )


def _tracking_limit(request, number) -> str | None:
    """Per address, and per number across every address: the NIK's last four digits are only 10,000 guesses."""
    if not ratelimit.consume(request, action="tracking_lookup"):
        return "address"
    if not ratelimit.consume(request, action="tracking_lookup_number", key=number):
        return "number"
    return None


@never_cache
@sensitive_post_parameters()
def tracking(request):
    """Public status lookup: the number and the NIK's last 4 digits, or nothing at all about the application."""
    result, not_found, limited = None, False, None
    if request.method == "POST":
        form = TrackingForm(request.POST)
        if form.is_valid():
            number = tracking_number_normalise(form.cleaned_data["nomor"])
            limited = _tracking_limit(request, number or form.cleaned_data["nomor"].strip().upper())
            found = None
            if number and not limited:
                found = Application.objects.filter(
                    tracking_number=number, nik__endswith=form.cleaned_data["nik4"]
                ).first()
            if found:
                result = {"status": found.get_status_display(), "meaning": found.status_meaning}
            else:
                not_found = not limited
    else:
        form = TrackingForm(initial={"nomor": request.GET.get("nomor", "")})
    context = {"form": form, "result": result, "not_found": not_found, "limited": limited}
    return TemplateResponse(request, "intake/tracking.html", context, status=429 if limited else 200)


@never_cache
@login_required
def my_data(request):
    """The citizen's own data as a JSON file: what we hold, without the documents' contents."""
    data = citizen_data(request.user)
    log(instance=request.user, action="intake.export_own_data", user=request.user)
    response = JsonResponse(data, json_dumps_params={"ensure_ascii": False, "indent": 2})
    response["Content-Disposition"] = 'attachment; filename="data-saya.json"'
    return response


class AccountEraseForm(django_forms.Form):
    confirm = django_forms.BooleanField(
        label=_("I understand that my account and the personal data of my finished applications are deleted for good."),
        error_messages={"required": _("Tick the box to confirm that you want everything deleted.")},
    )


@never_cache
@login_required
@reauthentication_required(allow_get=True)
def account_erase(request):
    """The citizen's own erasure request (UU 27/2022), done at once after the password is asked again."""
    if can_open_admin(request.user):
        raise Http404
    blocking_applications, blocking_elsewhere = erasure_blockers(request.user)
    form = AccountEraseForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            citizen_account_erase(user=request.user)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            logout(request)
            messages.success(
                request, _("Your account and personal data have been deleted. A confirmation is on its way.")
            )
            return redirect("/")
    context = {
        "form": form,
        "blocking_applications": blocking_applications,
        "blocking_elsewhere": blocking_elsewhere,
    }
    return TemplateResponse(request, "intake/account_erase.html", context)
