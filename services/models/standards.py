"""The public service standards (Standar Pelayanan) and their index at /layanan/."""

from django.db import models
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel, ObjectList, TabbedInterface
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from portal.caching import PublicPageMixin

from ..blocks import StaffingBlock, VariantBlock, item_list
from ..constants import DurationUnit

NUMBER_WORDS = {1: "satu", 2: "dua", 3: "tiga", 4: "empat", 5: "lima", 6: "enam", 7: "tujuh", 8: "delapan"}


class ServiceIndexPage(PublicPageMixin, Page):
    intro = models.TextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    subpage_types = ["services.ServiceStandardPage"]
    parent_page_types = ["home.HomePage"]
    max_count = 1

    class Meta:
        verbose_name = _("service index")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # .public() reads the view restrictions as it is built: only when the kept fragment is missing.
        context["standards"] = SimpleLazyObject(
            lambda: list(ServiceStandardPage.objects.child_of(self).live().public().specific())
        )
        return context


class ServiceStandardPage(PublicPageMixin, Page):
    """One Standar Pelayanan with its 14 components (PermenPANRB 15/2014)."""

    summary = models.TextField(_("summary"), blank=True, help_text=_("One or two sentences for lists and search."))
    is_example = models.BooleanField(
        _("example service, not yet reviewed"),
        default=False,
        help_text=_("Shown to visitors as an example until the office has reviewed the standard; clear it then."),
    )
    decree = models.ForeignKey(
        "services.DecreePage",
        verbose_name=_("decree"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="service_standards",
        help_text=_("The decree that sets this standard."),
    )
    procedure_decree = models.ForeignKey(
        "services.DecreePage",
        verbose_name=_("operating procedure"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The SOP the office follows when processing online applications."),
    )
    # 1-2. Requirements and procedure, per variant.
    variants = StreamField([("variant", VariantBlock())], verbose_name=_("variants"))
    # 3. Service time.
    duration_value = models.PositiveSmallIntegerField(_("service time"), default=1)
    duration_unit = models.CharField(
        _("service time unit"), max_length=20, choices=DurationUnit.choices, default=DurationUnit.WORKING_DAYS
    )
    # 4. Fee.
    fee_amount = models.PositiveIntegerField(_("fee (Rp)"), default=0)
    fee_note = models.CharField(_("fee description"), max_length=200, blank=True)
    # 5. Product.
    product = models.CharField(_("product"), max_length=200)
    # 6. Complaints, suggestions and feedback.
    complaint_channels = models.ForeignKey(
        "services.ComplaintChannelSet",
        verbose_name=_("complaint channels"),
        null=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    # 7. Legal basis: the legal_basis rows below.
    # 8-14. Internal management.
    facilities = StreamField(item_list(_("Facility")), verbose_name=_("facilities and infrastructure"))
    competencies = StreamField(item_list(_("Competency")), verbose_name=_("staff competencies"))
    supervision_internal = models.TextField(_("internal supervision"))
    supervision_external = models.TextField(_("external supervision"))
    staffing_heading = models.CharField(_("staffing heading"), max_length=100, blank=True)
    staffing = StreamField([("role", StaffingBlock())], verbose_name=_("staffing"))
    service_guarantee = models.TextField(_("service guarantee"))
    safety_guarantees = StreamField(item_list(_("Guarantee")), verbose_name=_("security and safety guarantees"))
    evaluation = StreamField(item_list(_("Evaluation")), verbose_name=_("performance evaluation"))

    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("product"),
        index.SearchField("variants"),
        index.SearchField("facilities"),
    ]

    delivery_panels = [
        FieldPanel("summary"),
        FieldPanel("is_example"),
        FieldPanel("variants"),
        FieldRowPanel([FieldPanel("duration_value"), FieldPanel("duration_unit")], heading=_("Service time")),
        FieldRowPanel([FieldPanel("fee_amount"), FieldPanel("fee_note")], heading=_("Fee")),
        FieldPanel("product"),
        FieldPanel("complaint_channels"),
    ]
    management_panels = [
        InlinePanel("legal_basis", label=_("Legal basis")),
        FieldPanel("facilities"),
        FieldPanel("competencies"),
        MultiFieldPanel(
            [FieldPanel("supervision_internal"), FieldPanel("supervision_external")], heading=_("Supervision")
        ),
        MultiFieldPanel([FieldPanel("staffing_heading"), FieldPanel("staffing")], heading=_("Staffing")),
        FieldPanel("service_guarantee"),
        FieldPanel("safety_guarantees"),
        FieldPanel("evaluation"),
        MultiFieldPanel([FieldPanel("decree"), FieldPanel("procedure_decree")], heading=_("Source decrees")),
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList([FieldPanel("title")] + delivery_panels, heading=_("Service delivery")),
            ObjectList(management_panels, heading=_("Internal management")),
            ObjectList(Page.promote_panels, heading=_("Promote")),
            ObjectList(Page.settings_panels, heading=_("Settings")),
        ]
    )
    parent_page_types = ["services.ServiceIndexPage"]
    subpage_types = ["intake.ApplicationFormPage"]
    # Loaded with the page when it is served (home.models.HomePage.route): the decrees its template names.
    serve_select_related = ("decree", "procedure_decree")

    class Meta:
        verbose_name = _("service standard")
        verbose_name_plural = _("service standards")

    @property
    def duration_display(self):
        return f"{self.duration_value} {self.get_duration_unit_display()}"

    @property
    def fee_display(self):
        amount = f"Rp. {self.fee_amount:,}".replace(",", ".")
        return f"{self.fee_note} ({amount})" if self.fee_note else amount

    @property
    def staffing_lines(self):
        return [
            f"{role.value['role']} {NUMBER_WORDS.get(role.value['count'], role.value['count'])} orang"
            for role in self.staffing
        ]

    def application_forms(self, *, drafts=False) -> dict:
        """Live application forms under this standard, by the variant code they apply for.

        The forms are the children that carry a variant code; the content app does not import the intake app,
        which builds on it. With ``drafts``, unpublished forms and changes count too, as an editor's preview shows.
        """
        children = self.get_children()
        if drafts:
            children = [child.get_latest_revision_as_object() for child in children.specific()]
        else:
            children = children.live().public().specific()
        return {child.variant_code: child for child in children if getattr(child, "variant_code", "")}

    def start_entries(self, forms: dict) -> list[tuple]:
        """(variant, its form or None) for the start page: the variants a citizen can apply for online come first,
        so that on a phone the first button is near the top; the walk-in-only ones follow, in the editor's order."""
        entries = [(block.value, forms.get(block.value["code"])) for block in self.variants]
        return [entry for entry in entries if entry[1]] + [entry for entry in entries if not entry[1]]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        drafts = getattr(request, "is_preview", False)
        # Read only when the template asks: a kept fragment of the page's content does not.
        forms = SimpleLazyObject(lambda: self.application_forms(drafts=drafts))
        context["application_forms"] = forms
        context["start_entries"] = SimpleLazyObject(lambda: self.start_entries(forms))
        return context

    @property
    def regulations(self):
        rows = self.legal_basis.select_related("regulation") if self.pk else self.legal_basis.all()
        return [row.regulation for row in rows if row.regulation.live]


class ServiceStandardRegulation(Orderable):
    page = ParentalKey(ServiceStandardPage, on_delete=models.CASCADE, related_name="legal_basis")
    regulation = models.ForeignKey(
        "services.Regulation", verbose_name=_("regulation"), on_delete=models.PROTECT, related_name="+"
    )

    panels = [FieldPanel("regulation")]

    class Meta(Orderable.Meta):
        verbose_name = _("legal basis")
        verbose_name_plural = _("legal basis")
