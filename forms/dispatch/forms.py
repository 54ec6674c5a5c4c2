"""Staff forms of print dispatch; the services re-check every rule, these give field-level messages first."""

import re

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from forms.intake.tracking import tracking_number_normalise
from forms.intake.validators import VisibleTextValidator
from services.models import Kecamatan

from .constants import ShipmentMethod
from .serials import serial_normalise, serial_ranges_parse

# Names, notes and reasons staff type are shown to others and printed in the berita acara: nothing hidden in them.
TEXT = VisibleTextValidator()


class SerialRangesField(forms.CharField):
    """Serial ranges typed one per line (from-to, with the prefix the cards carry), read into SerialRange."""

    widget = forms.Textarea(attrs={"rows": 2, "autocomplete": "off", "spellcheck": "false"})

    def to_python(self, value):
        text = super().to_python(value)
        return serial_ranges_parse(text) if text else []


class SerialField(forms.CharField):
    """One blank's serial, typed or read by a barcode scanner that types it and presses Enter."""

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 40)
        kwargs.setdefault(
            "widget",
            forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false", "autocapitalize": "characters"}),
        )
        super().__init__(**kwargs)

    def to_python(self, value):
        return serial_normalise(super().to_python(value))


RANGES_HELP = _("One range per line, from-to as printed on the blanks, e.g. 0012001-0014000 or KTP0012001-KTP0014000.")


class ReceiveForm(forms.Form):
    serial_ranges = SerialRangesField(label=_("Serial numbers"), help_text=RANGES_HELP)
    quantity = forms.IntegerField(
        label=_("Blanks counted"), min_value=1, max_value=100000, help_text=_("Must equal the blanks in the ranges.")
    )
    shipment_date = forms.DateField(
        label=_("Shipment date"), widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"})
    )
    sender = forms.CharField(label=_("Sender"), max_length=150, validators=[TEXT])
    shipment_method = forms.ChoiceField(label=_("Shipment"), choices=ShipmentMethod.choices)
    note = forms.CharField(label=_("Note"), required=False, validators=[TEXT], widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, usual_shipment=2000, **kwargs):
        kwargs.setdefault("initial", {"quantity": usual_shipment, "shipment_date": timezone.localdate()})
        super().__init__(*args, **kwargs)


class DamagedBlankForm(forms.Form):
    card_serial = SerialField(label=_("Blank serial"))
    reason = forms.CharField(label=_("Damage"), max_length=500, validators=[TEXT])


class CorrectionForm(forms.Form):
    entry = forms.IntegerField(label=_("Entry number in the book"), min_value=1)
    quantity_delta = forms.IntegerField(label=_("Difference"), help_text=_("For example -10 or 5."))
    serial_ranges = SerialRangesField(
        label=_("Serials added or withdrawn"),
        required=False,
        help_text=_("For a receipt: the ranges the difference adds or withdraws."),
    )
    reason = forms.CharField(label=_("Reason"), max_length=500, validators=[TEXT])


class PrintForm(forms.Form):
    card_serial = SerialField(label=_("Blank serial"), help_text=_("Scan the blank's barcode or type its serial."))


class FailedPrintForm(forms.Form):
    card_serial = SerialField(label=_("Blank serial"))
    reason = forms.CharField(label=_("What went wrong"), max_length=500, validators=[TEXT])


class NameSerialsForm(forms.Form):
    serial_ranges = SerialRangesField(label=_("Serials of the blanks on the shelf"), help_text=RANGES_HELP)
    note = forms.CharField(label=_("Note"), required=False, validators=[TEXT], widget=forms.Textarea(attrs={"rows": 2}))


class SerialSearchForm(forms.Form):
    serial = SerialField(label=_("Where is blank"), help_text=_("Type or scan a serial."))


class TransferForm(forms.Form):
    to_kecamatan = forms.ModelChoiceField(label=_("To kecamatan"), queryset=Kecamatan.objects.none())
    serial_ranges = SerialRangesField(label=_("Serial numbers sent"), help_text=RANGES_HELP)
    note = forms.CharField(label=_("Note"), required=False, validators=[TEXT], widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, office, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_kecamatan"].queryset = Kecamatan.objects.exclude(pk=office.pk).order_by("name")


class TransferRefuseForm(forms.Form):
    reason = forms.CharField(label=_("Why the transfer is refused"), max_length=500, validators=[TEXT])


class FindForm(forms.Form):
    """A tracking number typed, or the receipt's QR code read by a scanner that types its content."""

    q = forms.CharField(label=_("Tracking number or QR code"), max_length=300)

    def clean_q(self):
        text = self.cleaned_data["q"]
        candidates = [text, *re.findall(r"[A-Za-z]{2,5}-\d{4}-[0-9A-Za-z]{7}", text)]
        for candidate in candidates:
            number = tracking_number_normalise(candidate)
            if number:
                return number
        raise forms.ValidationError(_("This is not a valid tracking number. Check the characters and try again."))


class PickupForm(forms.Form):
    collected_by_name = forms.CharField(label=_("Collected by"), max_length=150, validators=[TEXT])
    by_proxy = forms.BooleanField(label=_("Someone else collects for the citizen"), required=False)
    collector_nik = forms.CharField(
        label=_("Collector's NIK"), max_length=24, required=False, help_text=_("Only when someone else collects.")
    )
    power_of_attorney_checked = forms.BooleanField(label=_("Power of attorney (surat kuasa) checked"), required=False)
    identity_checked = forms.BooleanField(label=_("Identity checked against the KTP-el or KK"))
    old_card_taken = forms.BooleanField(label=_("Old KTP-el taken back"), required=False)


class CourierDispatchForm(forms.Form):
    courier_name = forms.CharField(label=_("Courier"), max_length=100, validators=[TEXT])
    courier_reference = forms.CharField(label=_("Courier's tracking reference"), max_length=100, validators=[TEXT])


class CourierDeliveredForm(forms.Form):
    received_by_name = forms.CharField(label=_("Received by"), max_length=150, validators=[TEXT])


class ManifestForm(forms.Form):
    period_end = forms.DateField(
        label=_("Up to and including"),
        widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"}),
        initial=timezone.localdate,
    )
