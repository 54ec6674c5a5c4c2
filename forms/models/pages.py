"""Application form pages: Wagtail's form builder with the field types an Adminduk application needs."""

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.db import models
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.forms.models import AbstractForm, AbstractFormField

from ..constants import ALLOWED_TYPES, ApplicationFieldType, Processing
from .applications import Application

NOT_SAVED_RETRY_AFTER_SECONDS = 120
# The intake room builds the form and makes the submission (forms/wagtail_hooks.py registers both): its builder
# and its submit create these models' rows from the upload and identity checks, so these models cannot import them.
FORM_BUILDER_HOOK = "application_form_builder"
SUBMIT_HOOK = "submit_application_form"


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

    panels = AbstractFormField.panels + [
        FieldPanel("requirement"),
        FieldRowPanel([FieldPanel("allowed_types"), FieldPanel("max_size_mb")], heading=_("Document upload")),
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


class ApplicationFormPage(AbstractForm):
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
                FieldPanel("privacy_note"),
            ],
            heading=_("Application"),
        ),
        InlinePanel("form_fields", label=_("Form fields")),
    ]
    parent_page_types = ["services.ServiceStandardPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("application form")
        verbose_name_plural = _("application forms")

    @property
    def form_builder(self):
        [builder] = hooks.get_hooks(FORM_BUILDER_HOOK)
        return builder()

    @property
    def service(self):
        return self.get_parent().specific

    def variant(self):
        for block in self.service.variants:
            if block.value["code"] == self.variant_code:
                return block.value
        return None

    def get_submission_class(self):
        return Application

    def get_form(self, *args, **kwargs):
        form = super().get_form(*args, **kwargs)
        form.form_page = self
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
