"""Form fields for Adminduk applications, added to Wagtail's FormBuilder the documented way."""

import uuid

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.contrib.forms.forms import BaseForm, FormBuilder

from forms.constants import ALLOWED_TYPES, ApplicationFieldType, DeliveryMethod
from services.models import Kecamatan

from .steps import ADDRESS_SUFFIX, form_plan, posted_answers
from .uploads import inspect_upload
from .validators import (
    KK_HELP_TEXT,
    MOBILE_HELP_TEXT,
    NIK_HELP_TEXT,
    VisibleTextValidator,
    normalise_mobile,
    validate_kk,
    validate_nik,
)

# A later room adds a field type with ``@hooks.register("register_application_field_type")`` on a function returning
# ``(field_type, create)``, where ``create(field, options)`` builds the Django form field as FormBuilder's
# ``create_<type>_field`` methods do; the type itself is one of ApplicationFieldType's choices.
FIELD_TYPE_HOOK = "register_application_field_type"


class NIKField(forms.CharField):
    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 40)
        super().__init__(**kwargs)

    def widget_attrs(self, widget):
        return {**super().widget_attrs(widget), "inputmode": "numeric", "autocomplete": "off"}

    def clean(self, value):
        value = super().clean(value)
        return validate_nik(value) if value else value


class KKField(NIKField):
    def clean(self, value):
        value = forms.CharField.clean(self, value)
        return validate_kk(value) if value else value


class MobileField(forms.CharField):
    widget = forms.TextInput(attrs={"type": "tel", "inputmode": "tel", "autocomplete": "tel"})

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 32)
        super().__init__(**kwargs)

    def clean(self, value):
        value = super().clean(value)
        return normalise_mobile(value) if value else value


class DocumentField(forms.FileField):
    """A requirement's document; cleans to a CleanUpload that has passed every check in forms.uploads."""

    def __init__(self, *, allowed_types, max_bytes, requirement="", **kwargs):
        self.allowed_types = allowed_types
        self.max_bytes = max_bytes
        self.requirement = requirement
        super().__init__(**kwargs)

    def widget_attrs(self, widget):
        extensions = {"application/pdf": ".pdf", "image/jpeg": ".jpg,.jpeg", "image/png": ".png"}
        accept = ",".join([*self.allowed_types, *(extensions[t] for t in self.allowed_types if t in extensions)])
        return {**super().widget_attrs(widget), "accept": accept}

    def clean(self, data, initial=None):
        uploaded = super().clean(data, initial)
        if not uploaded:
            return uploaded
        return inspect_upload(uploaded, allowed_types=self.allowed_types, max_bytes=self.max_bytes)


class KecamatanField(forms.ModelChoiceField):
    def __init__(self, **kwargs):
        kwargs.setdefault("empty_label", _("Choose your kecamatan office"))
        super().__init__(queryset=Kecamatan.objects.order_by("name"), **kwargs)


class ApplicationForm(BaseForm):
    """The rendered application form: a one-time token against double submits, the editors' conditions applied."""

    submission_token = forms.UUIDField(widget=forms.HiddenInput)
    # Asked once, on the check-your-answers page, before anything is submitted (UU 27/2022: purpose of processing).
    pernyataan = forms.BooleanField(
        label=_("I declare that the data I have entered is true."),
        help_text=_(
            "Your data and documents are processed only to handle this application, by the officers who handle it, "
            "under Law No. 27 of 2022 on Personal Data Protection."
        ),
        error_messages={"required": _("Tick the box to declare that your data is true before you submit.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("submission_token", uuid.uuid4())

    def document_fields(self):
        return {name: field for name, field in self.fields.items() if isinstance(field, DocumentField)}

    def conditions_apply(self, answers: dict | None = None) -> set[str]:
        """Take out every field the answers hide (kept ones, then this request's), before anything is validated."""
        plan = form_plan(self.page)
        known = {**(answers or {}), **posted_answers(self, [name for name in self.fields if name in plan.labels])}
        shown = plan.visible(known)
        hidden = {name for name in self.fields if name in plan.labels and name not in shown}
        for name in hidden:
            del self.fields[name]
        return hidden

    def clean(self):
        cleaned = super().clean()
        # A field whose check needs the others' values (the IKD visit day needs the chosen kecamatan).
        for name, field in self.fields.items():
            if name in cleaned and hasattr(field, "clean_with_form"):
                field.clean_with_form(self, name)
        return cleaned


def _visible_text(field):
    """The field, refusing invisible and bidi-control characters (security.md: text is what it looks like)."""
    field.validators.append(VisibleTextValidator())
    return field


class ApplicationFormBuilder(FormBuilder):
    # Every field a citizen types free text into; choices, dates, numbers and uploads have their own checks.
    def create_singleline_field(self, field, options):
        return _visible_text(super().create_singleline_field(field, options))

    def create_multiline_field(self, field, options):
        return _visible_text(super().create_multiline_field(field, options))

    def create_email_field(self, field, options):
        # Django's e-mail check lets format characters through in the domain part.
        return _visible_text(super().create_email_field(field, options))

    def create_url_field(self, field, options):
        return _visible_text(super().create_url_field(field, options))

    def create_hidden_field(self, field, options):
        return _visible_text(super().create_hidden_field(field, options))

    def create_document_field(self, field, options):
        allowed = [t for t in field.allowed_type_list() if t in ALLOWED_TYPES] or list(ALLOWED_TYPES)
        return DocumentField(
            allowed_types=allowed, max_bytes=field.max_size_mb * 1024 * 1024, requirement=field.requirement, **options
        )

    def create_nik_field(self, field, options):
        options["help_text"] = options.get("help_text") or NIK_HELP_TEXT
        return NIKField(**options)

    def create_kk_field(self, field, options):
        options["help_text"] = options.get("help_text") or KK_HELP_TEXT
        return KKField(**options)

    def create_mobile_field(self, field, options):
        options["help_text"] = options.get("help_text") or MOBILE_HELP_TEXT
        return MobileField(**options)

    def create_kecamatan_field(self, field, options):
        options.pop("initial", None)
        return KecamatanField(**options)

    def create_delivery_field(self, field, options):
        options.pop("initial", None)
        choice = forms.ChoiceField(
            choices=DeliveryMethod.choices, widget=forms.RadioSelect, initial=DeliveryMethod.PICKUP, **options
        )
        choice.is_delivery_choice = True
        return choice

    def create_delivery_address_field(self, field, options):
        options["error_messages"] = {"required": _("Enter the address the courier should deliver to.")}
        options["widget"] = forms.Textarea(attrs={"rows": 3, "autocomplete": "street-address"})
        return _visible_text(forms.CharField(**options))

    def get_create_field_function(self, type):
        # Field types a later room adds (the IKD visit day) come from its FIELD_TYPE_HOOK registration.
        for field_type, create in (registration() for registration in hooks.get_hooks(FIELD_TYPE_HOOK)):
            if field_type == type:
                return create
        return super().get_create_field_function(type)

    @property
    def formfields(self):
        fields = {}
        has_address = any(field.field_type == ApplicationFieldType.DELIVERY_ADDRESS for field in self.fields)
        for name, form_field in super().formfields.items():
            fields[name] = form_field
            if getattr(form_field, "is_delivery_choice", False) and not has_address:
                # Asked only when the courier is chosen (forms.intake.steps), so required whenever it is asked.
                fields[name + ADDRESS_SUFFIX] = forms.CharField(
                    label=_("Delivery address"),
                    help_text=_("Only for courier delivery: street, RT, kelurahan and any landmark."),
                    required=True,
                    error_messages={"required": _("Enter the address the courier should deliver to.")},
                    widget=forms.Textarea(attrs={"rows": 3, "autocomplete": "street-address"}),
                    validators=[VisibleTextValidator()],
                )
        return fields

    def get_form_class(self):
        return type("ApplicationForm", (ApplicationForm,), self.formfields)
