"""The walk-in (luring) application form an operator fills at the counter."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from forms.constants import DeliveryMethod, Processing
from forms.intake.validators import VisibleTextValidator, normalise_mobile, validate_kk, validate_nik


class CounterApplicationForm(forms.Form):
    applicant_name = forms.CharField(label=_("Full name"), max_length=150, validators=[VisibleTextValidator()])
    nik = forms.CharField(label=_("NIK"), max_length=24, help_text=_("16 digits, from the KK or the old card."))
    kk_number = forms.CharField(label=_("KK number"), max_length=24)
    mobile = forms.CharField(label=_("Mobile number"), max_length=24, required=False)
    contact_email = forms.EmailField(
        label=_("E-mail"), required=False, help_text=_("The citizen is told here when the card is ready.")
    )
    delivery_method = forms.ChoiceField(
        label=_("Delivery"), choices=DeliveryMethod.choices, initial=DeliveryMethod.PICKUP, widget=forms.RadioSelect
    )
    delivery_address = forms.CharField(
        label=_("Delivery address"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        validators=[VisibleTextValidator()],
    )
    documents_seen = forms.MultipleChoiceField(
        label=_("Documents shown at the counter"), widget=forms.CheckboxSelectMultiple, required=False
    )

    def __init__(self, *args, requirements=(), processing=Processing.CARD, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["documents_seen"].choices = [(item, item) for item in requirements]
        self.requirements = list(requirements)
        if processing != Processing.CARD:
            # Only a card is collected or couriered: a document is sent, and a visit ends at the counter.
            del self.fields["delivery_method"], self.fields["delivery_address"]
            self.fields["contact_email"].help_text = _("The citizen is told here of each step of the application.")

    def clean_nik(self):
        return validate_nik(self.cleaned_data["nik"])

    def clean_kk_number(self):
        return validate_kk(self.cleaned_data["kk_number"])

    def clean_mobile(self):
        value = self.cleaned_data["mobile"]
        return normalise_mobile(value) if value.strip() else ""

    def clean_documents_seen(self):
        seen = self.cleaned_data["documents_seen"]
        missing = [item for item in self.requirements if item not in seen]
        if missing:
            raise ValidationError(
                _("Every requirement must be shown at the counter. Missing: %(missing)s"),
                params={"missing": "; ".join(missing)},
            )
        return seen

    def clean(self):
        data = super().clean()
        by_courier = data.get("delivery_method") == DeliveryMethod.COURIER
        # An address refused on its own field already says what to fix.
        if by_courier and "delivery_address" not in self.errors and not (data.get("delivery_address") or "").strip():
            self.add_error("delivery_address", _("Enter the address the courier should deliver to."))
        return data
