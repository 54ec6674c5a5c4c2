"""The citizen's side of a visit: booking a new day when a visit was not completed or was missed."""

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache

from forms.intake.selectors import application_for_owner

from .fields import VisitDateField
from .selectors import current_booking
from .services import rebook_refusal, visit_rebook


class RebookForm(forms.Form):
    tanggal_kunjungan = VisitDateField(label=_("IKD visit day"))

    def __init__(self, *args, kecamatan, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["tanggal_kunjungan"].fixed_kecamatan = kecamatan

    def clean(self):
        cleaned = super().clean()
        if "tanggal_kunjungan" in cleaned:
            self.fields["tanggal_kunjungan"].clean_with_form(self, "tanggal_kunjungan")
        return cleaned


@never_cache
@login_required
def visit_rebook_view(request, tracking_number):
    """Only the applicant, only while the application waits for a visit and holds no booked day."""
    application = application_for_owner(user=request.user, tracking_number=tracking_number)
    refusal = rebook_refusal(application)
    if refusal:
        return TemplateResponse(
            request, "visits/rebook.html", {"application": application, "refusal": refusal}, status=409
        )
    form = RebookForm(request.POST or None, kecamatan=application.kecamatan)
    if request.method == "POST" and form.is_valid():
        try:
            visit_rebook(application=application, applicant=request.user, day=form.cleaned_data["tanggal_kunjungan"])
        except ValidationError as error:
            form.add_error("tanggal_kunjungan", error)
        else:
            return redirect("intake:application_receipt", application.tracking_number)
    context = {"application": application, "form": form, "previous": current_booking(application)}
    return TemplateResponse(request, "visits/rebook.html", context)
