"""The public's side of print dispatch: the blank stock per kecamatan, and IKD instead of a card that waits."""

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache

from forms.intake.selectors import application_for_owner
from forms.visits.views import RebookForm

from .alternatives import card_replace_by_ikd, ikd_instead_refusal
from .selectors import public_stock

IKD_CONSENT = _(
    "I choose to activate the digital ID (IKD) instead of waiting for the printed KTP-el card. My card application "
    "is closed as replaced by IKD."
)


def public_stock_view(request):
    """Counts only, read from the books on every request: no name, NIK or tracking number."""
    rows = public_stock()
    context = {
        "rows": rows,
        "total_stock": sum(row["stock"] for row in rows),
        "total_waiting": sum(row["waiting"] for row in rows),
    }
    return TemplateResponse(request, "dispatch/public/stock.html", context)


class IkdInsteadForm(RebookForm):
    consent = forms.BooleanField(label=IKD_CONSENT)


@never_cache
@login_required
def ikd_instead_view(request, tracking_number):
    application = application_for_owner(user=request.user, tracking_number=tracking_number)
    refusal = ikd_instead_refusal(application)
    if refusal:
        return TemplateResponse(
            request, "dispatch/public/ikd_instead.html", {"application": application, "refusal": refusal}, status=409
        )
    form = IkdInsteadForm(request.POST or None, kecamatan=application.kecamatan)
    if request.method == "POST" and form.is_valid():
        try:
            alternative = card_replace_by_ikd(
                application=application,
                applicant=request.user,
                day=form.cleaned_data["tanggal_kunjungan"],
                consent_text=str(IKD_CONSENT),
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return redirect("intake:application_receipt", alternative.visit_booking.application.tracking_number)
    return TemplateResponse(request, "dispatch/public/ikd_instead.html", {"application": application, "form": form})
