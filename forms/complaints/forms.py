"""The public complaint form, the public tracking form and the staff forms of the admin."""

import uuid

from django import forms
from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from forms.constants import ALLOWED_TYPES
from forms.intake.builder import DocumentField, KecamatanField, MobileField, NIKField
from forms.intake.tracking import tracking_number_normalise
from forms.intake.uploads import DEFAULT_MAX_BYTES
from forms.intake.validators import MOBILE_HELP_TEXT, VisibleTextValidator
from forms.office.scope import office_scope
from services.models import Kecamatan, ServiceStandardPage

from .constants import STAFF_CHANNELS, ComplaintCategory, ComplaintTier
from .selectors import application_for_complainant, application_for_staff_record, tier_members

HONEYPOT_FIELD = "website"
MAX_MESSAGE_LENGTH = 4000

_NOT_A_TRACKING_NUMBER = _("This is not a tracking number. It looks like KTP-2026-7QX4M2K; check it on your receipt.")


def _service_field():
    return forms.ModelChoiceField(
        label=_("Service concerned"),
        queryset=ServiceStandardPage.objects.live().order_by("title"),
        required=False,
        empty_label=_("Not about one particular service"),
    )


def _attachment_field():
    return DocumentField(
        label=_("Attachment"),
        required=False,
        allowed_types=list(ALLOWED_TYPES),
        max_bytes=DEFAULT_MAX_BYTES,
        help_text=_("Optional: one photo or document (JPEG, PNG or PDF, at most 5 MB)."),
    )


class ComplaintForm(forms.Form):
    """What the public sends; a logged-in citizen finds name, e-mail, phone and NIK filled in."""

    submission_token = forms.UUIDField(widget=forms.HiddenInput)
    category = forms.ChoiceField(
        label=_("What would you like to send?"),
        choices=ComplaintCategory.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose complaint, suggestion or feedback.")},
    )
    kecamatan = KecamatanField(
        label=_("Kecamatan office concerned"),
        error_messages={"required": _("Choose the kecamatan office your message is about.")},
    )
    service = _service_field()
    application_number = forms.CharField(
        label=_("Tracking number of a related application"),
        required=False,
        max_length=40,
        help_text=_("Optional. As printed on your application receipt, e.g. KTP-2026-7QX4M2K."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters"}),
    )
    message = forms.CharField(
        label=_("Your message"),
        max_length=MAX_MESSAGE_LENGTH,
        help_text=_("What happened, where and when; or what we could do better. At most 4,000 characters."),
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": _("Write your message.")},
        validators=[VisibleTextValidator()],
    )
    name = forms.CharField(
        label=_("Full name"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
        error_messages={"required": _("Enter your name.")},
        validators=[VisibleTextValidator()],
    )
    email = forms.EmailField(
        label=_("E-mail for the reply"),
        help_text=_("We send the tracking number and our response to this address."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={
            "required": _("Enter the e-mail address where we should send the response."),
            "invalid": _("Enter an e-mail address such as nama@contoh.id."),
        },
        # Django's e-mail check lets format characters through in the domain part.
        validators=[VisibleTextValidator()],
    )
    mobile = MobileField(label=_("Mobile number (optional)"), required=False, help_text=MOBILE_HELP_TEXT)
    nik = NIKField(
        label=_("NIK"),
        help_text=_(
            "The 16-digit NIK on your KTP-el. With the tracking number, its last 4 digits let you read our "
            "response; the NIK itself is never shown. Spaces, dots and dashes are ignored."
        ),
        error_messages={"required": _("Enter your NIK; its last 4 digits protect your tracking page.")},
    )
    attachment = _attachment_field()
    # A trap for robots: hidden from people and screen readers, so anything typed here is not from a person.
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        if not self.is_bound:
            self.initial.setdefault("submission_token", uuid.uuid4())

    def visible_fields(self):
        return [field for field in super().visible_fields() if field.name != HONEYPOT_FIELD]

    def clean(self):
        cleaned = super().clean()
        number = (cleaned.get("application_number") or "").strip()
        cleaned["application"] = None
        if not number or "application_number" in self.errors:
            return cleaned
        logged_in = self.user is not None and self.user.is_authenticated
        if not logged_in and not cleaned.get("nik"):
            return cleaned  # the NIK's own error already says what to fix; the number is checked against it
        if tracking_number_normalise(number) is None:
            self.add_error("application_number", _NOT_A_TRACKING_NUMBER)
            return cleaned
        application = application_for_complainant(tracking_number=number, user=self.user, nik=cleaned.get("nik", ""))
        if application is None:
            # One message for "no such application" and "someone else's": the form reveals nothing about others.
            message = (
                _("None of your applications has this tracking number. Check it on your receipt, or leave it empty.")
                if logged_in
                else _(
                    "No application with this tracking number was filed with the NIK you entered. "
                    "Check both, or leave the tracking number empty."
                )
            )
            self.add_error("application_number", message)
        cleaned["application"] = application
        return cleaned


class ComplaintTrackingForm(forms.Form):
    nomor = forms.CharField(
        label=pgettext_lazy("complaints", "Tracking number"),
        max_length=40,
        help_text=_("As given after you sent your message and in our e-mail, e.g. ADU-2026-7QX4M2K."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters"}),
        error_messages={"required": _("Enter the tracking number.")},
    )
    nik4 = forms.RegexField(
        label=_("Last 4 digits of your NIK"),
        regex=r"^\d{4}$",
        max_length=4,
        error_messages={"invalid": _("Enter exactly 4 digits."), "required": _("Enter exactly 4 digits.")},
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )


class ComplaintRecordForm(forms.Form):
    """A complaint that reached staff through another channel; an operator records only for their own office."""

    channel = forms.ChoiceField(label=_("Received through"), choices=STAFF_CHANNELS)
    received_at = forms.DateTimeField(
        label=_("Received at"),
        help_text=_("When the message reached the office (WITA); for the suggestion box, when it was opened."),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    category = forms.ChoiceField(label=_("Category"), choices=ComplaintCategory.choices, widget=forms.RadioSelect)
    kecamatan = forms.ModelChoiceField(
        label=_("Kecamatan"), queryset=Kecamatan.objects.order_by("name"), required=False
    )
    service = _service_field()
    application_number = forms.CharField(
        label=_("Tracking number of a related application"), required=False, max_length=40
    )
    message = forms.CharField(
        label=_("Message"),
        max_length=MAX_MESSAGE_LENGTH,
        widget=forms.Textarea(attrs={"rows": 6}),
        validators=[VisibleTextValidator()],
    )
    name = forms.CharField(label=_("Name"), max_length=150, required=False, validators=[VisibleTextValidator()])
    email = forms.EmailField(label=_("E-mail for the reply"), required=False, validators=[VisibleTextValidator()])
    mobile = MobileField(label=_("Mobile number"), required=False)
    nik = NIKField(
        label=_("NIK"),
        required=False,
        help_text=_("If the complainant gave it: without a NIK the public tracking page cannot show the response."),
    )
    attachment = _attachment_field()

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        if not self.is_bound:
            self.initial.setdefault("received_at", timezone.localtime().replace(second=0, microsecond=0))
        scope = office_scope(user)
        if not scope.is_city_wide:
            # An operator records for their own kecamatan only.
            self.fields["kecamatan"].queryset = scope.kecamatan()
            self.fields["kecamatan"].required = True
            self.fields["kecamatan"].empty_label = None

    def clean_received_at(self):
        value = self.cleaned_data["received_at"]
        if value > timezone.now():
            raise forms.ValidationError(_("The date received cannot be in the future."))
        return value

    def clean(self):
        cleaned = super().clean()
        cleaned["application"] = None
        number = (cleaned.get("application_number") or "").strip()
        if number:
            application = application_for_staff_record(tracking_number=number, user=self.user)
            if application is None:
                self.add_error("application_number", _("No application with this tracking number in your area."))
            cleaned["application"] = application
        return cleaned


class RespondForm(forms.Form):
    response = forms.CharField(
        label=_("Response to the complainant"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Sent by e-mail and shown on the public tracking page. Do not include another person's data."),
        validators=[VisibleTextValidator()],
    )


class AssignForm(forms.Form):
    tier = forms.ChoiceField(label=_("Handled by"), choices=ComplaintTier.choices)
    assignee = forms.ModelChoiceField(
        label=_("Person"), queryset=None, required=False, empty_label=_("Anyone at that level")
    )
    note = forms.CharField(
        label=_("Internal note"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        validators=[VisibleTextValidator()],
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        members = set()
        for tier in ComplaintTier.values:
            members.update(tier_members(tier).values_list("pk", flat=True))
        self.fields["assignee"].queryset = get_user_model().objects.filter(pk__in=members).order_by("username")
        self.fields["assignee"].label_from_instance = lambda user: user.get_full_name() or user.username


class CloseForm(forms.Form):
    note = forms.CharField(
        label=_("Internal note"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        validators=[VisibleTextValidator()],
    )
