"""Application form pages: Wagtail's form builder with the field types an Adminduk application needs."""

from django import forms as django_forms
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.cache import add_never_cache_headers
from django.utils.functional import cached_property
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.forms.forms import WagtailAdminFormPageForm
from wagtail.contrib.forms.models import AbstractForm, AbstractFormField
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.contrib.routable_page.models import path as subpage_path

from portal.caching import KeptViewRestrictionsMixin
from services.models import ServiceStandardPage

from .. import conditions
from ..constants import ALLOWED_TYPES, AccountPrefill, ApplicationFieldType, ConditionScope, Processing
from .applications import Application

NOT_SAVED_RETRY_AFTER_SECONDS = 120
# The intake room builds the form and makes the submission (forms/wagtail_hooks.py registers both): its builder
# and its submit create these models' rows from the upload and identity checks, so these models cannot import them.
FORM_BUILDER_HOOK = "application_form_builder"
SUBMIT_HOOK = "submit_application_form"
# The intake room's views of one step and of the check-your-answers page: ``step(request, *, page, number)`` and
# ``check(request, *, page)``, registered as a function returning an object with both.
STEP_VIEWS_HOOK = "application_form_step_views"
TRACKING_PREFIX_PATTERN = r"^[A-Z]{2,5}$"


class ApplicationFormField(AbstractFormField):
    page = ParentalKey("intake.ApplicationFormPage", on_delete=models.CASCADE, related_name="form_fields")
    field_type = models.CharField(_("field type"), max_length=16, choices=ApplicationFieldType.choices)
    requirement = models.CharField(
        _("requirement met"),
        max_length=255,
        blank=True,
        help_text=_("The standard's requirement this field answers, as staff will check it, e.g. 'Kartu Keluarga'."),
    )
    allowed_types = models.CharField(
        _("allowed file types"),
        max_length=100,
        blank=True,
        default="application/pdf,image/jpeg,image/png",
        help_text=_("For document uploads: comma-separated, from application/pdf, image/jpeg, image/png."),
    )
    max_size_mb = models.PositiveSmallIntegerField(
        _("maximum size (MB)"), default=5, help_text=_("For document uploads.")
    )
    # Steps: a field with a step title starts a new page of the form; the fields after it follow on that page.
    step_title = models.CharField(
        _("starts a step titled"),
        max_length=120,
        blank=True,
        help_text=_("Fill in to begin a new step of the form with this field, e.g. 'Dokumen persyaratan'."),
    )
    condition_field = models.CharField(
        _("show only when the field"),
        max_length=255,
        blank=True,
        help_text=_("The label of an earlier field with fixed answers, e.g. 'Pengambilan KTP-el'. Empty: always."),
    )
    condition_value = models.CharField(
        _("has the answer"),
        max_length=255,
        blank=True,
        help_text=_("One of that field's answers, e.g. 'courier'; for a checkbox, 'ya' or 'tidak'."),
    )
    condition_scope = models.CharField(
        _("the condition hides"),
        max_length=5,
        choices=ConditionScope.choices,
        default=ConditionScope.FIELD,
        blank=True,
        help_text=_("A hidden field is not asked and not stored, even when it is required."),
    )
    prefill = models.CharField(
        _("filled in from the account"),
        max_length=10,
        choices=AccountPrefill.choices,
        blank=True,
        default=AccountPrefill.NONE,
        help_text=_("The citizen sees it filled in and may change it."),
    )

    panels = AbstractFormField.panels + [
        FieldPanel("requirement"),
        FieldRowPanel([FieldPanel("allowed_types"), FieldPanel("max_size_mb")], heading=_("Document upload")),
        FieldPanel("prefill"),
        MultiFieldPanel(
            [
                FieldPanel("step_title"),
                FieldRowPanel([FieldPanel("condition_field"), FieldPanel("condition_value")]),
                FieldPanel("condition_scope"),
            ],
            heading=_("Steps and conditions"),
        ),
    ]

    def clean(self):
        super().clean()
        unknown = [value for value in self.allowed_type_list() if value not in ALLOWED_TYPES]
        if unknown:
            raise ValidationError(
                {
                    "allowed_types": _("Only these types can be checked: %(types)s.")
                    % {"types": ", ".join(ALLOWED_TYPES)}
                }
            )

    def allowed_type_list(self):
        return [value.strip() for value in self.allowed_types.split(",") if value.strip()]


class FileTypesField(django_forms.MultipleChoiceField):
    """The checkable file types as checkboxes, kept in the model as today's comma-separated value."""

    widget = django_forms.CheckboxSelectMultiple

    def __init__(self, **kwargs):
        choices = [(content_type, content_type.split("/")[1].upper()) for content_type in ALLOWED_TYPES]
        super().__init__(choices=choices, **kwargs)

    def prepare_value(self, value):
        if isinstance(value, str):
            return [part.strip() for part in value.split(",") if part.strip()]
        return value

    def has_changed(self, initial, data):
        return super().has_changed(self.prepare_value(initial), data)

    def clean(self, value):
        chosen = super().clean(value)
        return ",".join(content_type for content_type in ALLOWED_TYPES if content_type in chosen)


class _FormFieldChoices:
    """Mixed into the form builder's field form: requirements picked from the variant's, file types from a list."""

    def __init__(self, *args, requirement_choices=None, **kwargs):
        super().__init__(*args, **kwargs)
        allowed_types = self.fields.get("allowed_types")
        if allowed_types is not None:
            self.fields["allowed_types"] = FileTypesField(
                label=allowed_types.label, help_text=_("For document uploads."), required=False
            )
        requirement = self.fields.get("requirement")
        if requirement is not None and requirement_choices is not None:
            field = django_forms.ChoiceField(
                label=requirement.label,
                help_text=requirement.help_text,
                choices=[("", "---------"), *requirement_choices],
                required=False,
            )
            # A requirement saved before the variant's wording changed stays choosable, so the form still saves.
            current = self.instance.requirement
            if current and not field.valid_value(current):
                field.choices = [*field.choices, (current, current)]
            self.fields["requirement"] = field

    def clean(self):
        cleaned = super().clean()
        is_document = cleaned.get("field_type") == ApplicationFieldType.DOCUMENT
        if is_document and not cleaned.get("requirement") and not self.is_deferred_validation:
            self.add_error("requirement", _("Choose the requirement of the standard this document answers."))
        return cleaned


class ApplicationFormPageForm(WagtailAdminFormPageForm):
    """A form page's edit form: a variant of its own standard, a prefix of its own, and an office to route to."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "tracking_prefix" in self.fields:
            self.fields["tracking_prefix"].validators.append(
                RegexValidator(TRACKING_PREFIX_PATTERN, _("Use two to five capital letters, e.g. AKL."))
            )
            if self.instance._state.adding and not self.is_bound:
                self.initial["tracking_prefix"] = ""  # every service chooses its own; none inherits KTP
        variants = self.standard_variants()
        if variants is None or "variant_code" not in self.fields:
            return
        model_field = ApplicationFormPage._meta.get_field("variant_code")
        self.fields["variant_code"] = django_forms.ChoiceField(
            label=capfirst(model_field.verbose_name),
            help_text=model_field.help_text,
            choices=[("", "---------"), *((code, f"{value['name']} ({code})") for code, value in variants.items())],
            error_messages={"invalid_choice": _("The standard above this form has no variant with this code.")},
        )
        fields_formset = self.formsets.get("form_fields")
        if fields_formset is not None:
            fields_formset.form = type(fields_formset.form.__name__, (_FormFieldChoices, fields_formset.form), {})
            fields_formset.form_kwargs = {
                **fields_formset.form_kwargs,
                "requirement_choices": self.requirement_choices(variants),
            }

    def requirement_choices(self, variants):
        """The chosen variant's requirements; before one is chosen, every variant's, grouped by variant."""
        code = self.data.get(self.add_prefix("variant_code")) if self.is_bound else self.instance.variant_code
        if code in variants:
            return [(text, text) for text in variants[code]["requirements"]]
        if self.is_bound:
            return []  # the variant's own field says what is wrong with it
        return [
            (value["name"], [(text, text) for text in value["requirements"]])
            for value in variants.values()
            if value["requirements"]
        ]

    def standard(self):
        parent = self.parent_page
        if parent is None and self.instance.path:
            parent = self.instance.get_parent()
        return parent.specific if parent is not None else None

    def standard_variants(self):
        """The variants of the standard this form lives under, by code; None outside a standard."""
        standard = self.standard()
        if not hasattr(standard, "variants"):
            return None
        return {block.value["code"]: block.value for block in standard.variants}

    def clean(self):
        cleaned = super().clean()
        standard = self.standard()
        others = ApplicationFormPage.objects.live().exclude(pk=self.instance.pk)
        code = cleaned.get("variant_code")
        if standard is not None and code and others.child_of(standard).filter(variant_code=code).exists():
            self.add_error("variant_code", _("Another published form of this standard already applies for it."))
        prefix = cleaned.get("tracking_prefix")
        if prefix:
            taken = others.filter(tracking_prefix=prefix)
            taken = taken.not_child_of(standard) if standard is not None else taken
            if taken.exists():
                self.add_error(
                    "tracking_prefix",
                    _("%(prefix)s already starts the tracking numbers of another service.") % {"prefix": prefix},
                )
        self.conditions_check()
        # A draft may be saved unfinished; a form published (or sent for approval) must reach an operator.
        if not self.is_deferred_validation and not cleaned.get("fixed_kecamatan") and not self.asks_kecamatan():
            self.add_error(
                "fixed_kecamatan",
                _(
                    "Applications of this form would reach no operator: add a required Kecamatan field, "
                    "or choose the office that receives them."
                ),
            )
        return cleaned

    def conditions_check(self):
        """Refuse, on the field itself, a "show only when" that no citizen could ever meet."""
        fields_formset = self.formsets.get("form_fields")
        if fields_formset is None:
            return
        forms = [
            form
            for form in fields_formset.forms
            if hasattr(form, "cleaned_data") and form.cleaned_data and not form.cleaned_data.get("DELETE")
        ]
        forms.sort(key=lambda form: form.cleaned_data.get("ORDER") or 0)
        seen, step = {}, 0
        for position, form in enumerate(forms):
            data = form.cleaned_data
            if data.get("step_title") and position:
                step += 1
            label = data.get("label") or ""
            name = form.instance.clean_name or conditions.target_name(label)
            written = (data.get("condition_field") or "").strip()
            if written:
                self._condition_check(form, data, written, seen, step, name)
            elif (data.get("condition_value") or "").strip():
                form.add_error("condition_field", _("Name the field whose answer this condition needs."))
            seen[name] = {
                "step": step,
                "label": label,
                "type": data.get("field_type"),
                "choices": data.get("choices") or "",
            }
            # A step's condition sits on the field that starts it.
            if data.get("condition_scope") == ConditionScope.STEP and written and not data.get("step_title"):
                form.add_error("condition_scope", _("Only a field that starts a step can hide the whole step."))

    def _condition_check(self, form, data, written, seen, step, name):
        # Only earlier answers count, so conditions can never form a cycle.
        target = conditions.target_name(written)
        if target == name:
            form.add_error("condition_field", _("A field cannot depend on its own answer."))
            return
        if target not in seen:
            later = any(
                conditions.target_name(other.cleaned_data.get("label") or "") == target
                for other in self.formsets["form_fields"].forms
                if hasattr(other, "cleaned_data") and other.cleaned_data and not other.cleaned_data.get("DELETE")
            )
            message = (
                _("“%(field)s” comes after this field: a condition can only use an answer given before it.")
                if later
                else _("This form has no field labelled “%(field)s”.")
            )
            form.add_error("condition_field", message % {"field": written})
            return
        source = seen[target]
        if source["step"] > step:
            form.add_error("condition_field", _("“%(field)s” is in a later step.") % {"field": written})
            return
        if data.get("condition_scope") == ConditionScope.STEP and source["step"] >= step:
            form.add_error(
                "condition_field",
                _("A step can only depend on an answer from an earlier step; “%(field)s” is in this one.")
                % {"field": written},
            )
            return
        expected = conditions.resolve_expected(source["type"], source["choices"], data.get("condition_value") or "")
        if conditions.field_answers(source["type"], source["choices"]) is None:
            form.add_error(
                "condition_field",
                _("“%(field)s” has no fixed answers to compare with: choose a field with choices.")
                % {"field": written},
            )
        elif expected is None:
            form.add_error(
                "condition_value",
                _("“%(value)s” is not one of the answers of “%(field)s”: %(answers)s.")
                % {
                    "value": data.get("condition_value") or "",
                    "field": written,
                    "answers": conditions.answer_choices_text(source["type"], source["choices"]),
                },
            )

    def asks_kecamatan(self):
        """Whether the form, as submitted here, makes every citizen choose a kecamatan."""
        fields_formset = self.formsets.get("form_fields")
        forms = fields_formset.forms if fields_formset is not None else []
        return any(
            form.cleaned_data.get("field_type") == ApplicationFieldType.KECAMATAN
            and form.cleaned_data.get("required")
            and not form.cleaned_data.get("DELETE")
            for form in forms
            if hasattr(form, "cleaned_data")
        )


class ApplicationFormPage(KeptViewRestrictionsMixin, RoutablePageMixin, AbstractForm):
    """The form for one variant of a service standard; lives under that standard's page."""

    intro = models.TextField(_("introduction"), blank=True)
    variant_code = models.CharField(
        _("variant code"),
        max_length=50,
        help_text=_("The code of the standard's variant this form applies for, e.g. 'hilang'."),
    )
    tracking_prefix = models.CharField(
        _("tracking number prefix"),
        max_length=5,
        default="KTP",
        help_text=_("Two to five capital letters that start each tracking number, e.g. KTP."),
    )
    processing = models.CharField(
        _("processing"),
        max_length=10,
        choices=Processing.choices,
        default=Processing.CARD,
        help_text=_("Decides the steps staff take after the SIAK entry (domain.md section 8)."),
    )
    fixed_kecamatan = models.ForeignKey(
        "services.Kecamatan",
        verbose_name=_("office that receives the applications"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("For a form without a kecamatan field: every application goes to this office's operators."),
    )
    privacy_note = models.TextField(
        _("privacy note"),
        blank=True,
        default=(
            "Data dan dokumen Anda hanya digunakan untuk memproses permohonan ini dan hanya dapat dibuka oleh "
            "Anda dan petugas yang berwenang."
        ),
    )

    # No FormSubmissionsPanel: applications are read only in the staff queue (forms/wagtail_hooks.py).
    content_panels = AbstractForm.content_panels + [
        FieldPanel("intro"),
        MultiFieldPanel(
            [
                FieldPanel("variant_code"),
                FieldPanel("tracking_prefix"),
                FieldPanel("processing"),
                FieldPanel("fixed_kecamatan"),
                FieldPanel("privacy_note"),
            ],
            heading=_("Application"),
        ),
        InlinePanel("form_fields", label=_("Form fields")),
    ]
    base_form_class = ApplicationFormPageForm
    # The landing page is the receipt of a real application: there is none to show in a preview.
    preview_modes = [mode for mode in AbstractForm.preview_modes if mode[0] == "form"]
    parent_page_types = ["services.ServiceStandardPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("application form")
        verbose_name_plural = _("application forms")

    @property
    def form_builder(self):
        [builder] = hooks.get_hooks(FORM_BUILDER_HOOK)
        return builder()

    @cached_property
    def service(self):
        # One query for the standard the form belongs to (parent_page_types), not the parent and then its specific.
        return ServiceStandardPage.objects.get(path=self.path[: -self.steplen])

    def variant(self):
        for block in self.service.variants:
            if block.value["code"] == self.variant_code:
                return block.value
        return None

    def get_submission_class(self):
        return Application

    @staticmethod
    def _step_views():
        [views] = hooks.get_hooks(STEP_VIEWS_HOOK)
        return views()

    @subpage_path("")
    def start(self, request):
        """The first step; a POST of the whole form at once (every answer and the declaration) is still taken."""
        # The editor's preview shows every field at once, conditions aside: the form may not even be saved yet.
        if request.method == "POST" or getattr(request, "is_preview", False):
            return AbstractForm.serve(self, request)
        return self._step_views().step(request, page=self, number=1)

    @subpage_path("langkah/<int:number>/", name="step")
    def step(self, request, number):
        return self._step_views().step(request, page=self, number=number)

    @subpage_path("periksa/", name="check")
    def check_answers(self, request):
        return self._step_views().check(request, page=self)

    @cached_property
    def _own_url(self):
        return self.url  # each step's links ask for it; Wagtail looks up the sites' root paths on every call

    def step_url(self, number: int) -> str:
        return self._own_url + self.reverse_subpage("step", args=[number])

    def check_url(self) -> str:
        return self._own_url + self.reverse_subpage("check")

    def get_form_fields(self):
        # Read once per page object: the form, its steps, their conditions and the prefill each ask for them.
        fields = getattr(self, "_form_fields_kept", None)
        if fields is None:
            fields = self._form_fields_kept = list(super().get_form_fields())
        return fields

    def before_route_kept(self):
        # The route to this page is kept per content version (home.views.serve), which a change to its fields, its
        # place or the sites moves on: kept with its fields and its address, a request routed from there reads
        # neither again.
        self.get_form_fields()
        self._own_url  # noqa: B018 - computed now, so that it is kept

    def save(self, *args, **kwargs):
        self.__dict__.pop("_form_fields_kept", None)
        self.__dict__.pop("_own_url", None)
        return super().save(*args, **kwargs)

    def get_form(self, *args, **kwargs):
        form = super().get_form(*args, **kwargs)
        form.form_page = self
        if form.is_bound and hasattr(form, "conditions_apply"):
            form.conditions_apply()  # a hidden field is neither checked nor stored
        return form

    def serve(self, request, *args, **kwargs):
        # Applying needs an account: the application, its documents and its history belong to it.
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        request.sensitive_post_parameters = "__ALL__"  # NIK and KK never reach error reports
        response = super().serve(request, *args, **kwargs)
        add_never_cache_headers(response)
        return response

    def process_form_submission(self, form):
        [submit] = hooks.get_hooks(SUBMIT_HOOK)
        application = submit(page=self, form=form)
        if application is None:
            self.refused_form = form
        return application

    def serve_submissions_list_view(self, request, *args, **kwargs):
        # Wagtail's Forms screens would list and export every NIK unmasked, unscoped and unaudited.
        raise Http404

    def render_landing_page(self, request, form_submission=None, *args, **kwargs):
        if form_submission is None and getattr(self, "refused_form", None) is not None:
            not_saved = getattr(self.refused_form, "not_saved", False)
            context = {**self.get_context(request), "form": self.refused_form, "not_saved": not_saved}
            response = TemplateResponse(request, self.get_template(request), context, status=503 if not_saved else 200)
            if not_saved:
                response["Retry-After"] = str(NOT_SAVED_RETRY_AFTER_SECONDS)
            return response
        return redirect("intake:application_receipt", form_submission.tracking_number)
