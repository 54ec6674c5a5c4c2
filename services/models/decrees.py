"""Decrees (Keputusan) published in full, with their appendices and the SOP's activity table."""

from django.db import models
from django.utils.formats import date_format
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from portal.caching import PublicPageMixin

from ..blocks import DecisionBlock, GuidelineAppendixBlock, SopAppendixBlock, StandardsAppendixBlock, item_list
from ..constants import SopActor
from .standards import ServiceStandardPage


class DecreeIndexPage(PublicPageMixin, Page):
    intro = models.TextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    subpage_types = ["services.DecreePage"]
    parent_page_types = ["home.HomePage"]
    max_count = 1

    class Meta:
        verbose_name = _("decree index")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # .public() reads the view restrictions as it is built: only when the kept fragment is missing.
        context["decrees"] = SimpleLazyObject(
            lambda: list(DecreePage.objects.child_of(self).live().public().specific().order_by("-signed_year"))
        )
        return context


class DecreePage(PublicPageMixin, Page):
    """A Keputusan Kepala Dinas, word for word: considerations, decisions and appendices."""

    number = models.CharField(_("number"), max_length=100)
    about = models.TextField(_("about"), help_text=_("The decree's title, the text after 'tentang'."))
    signed_place = models.CharField(_("signed at"), max_length=100)
    signed_on = models.DateField(_("date signed"), null=True, blank=True)
    signed_on_text = models.CharField(
        _("date as written"),
        max_length=100,
        blank=True,
        help_text=_("As the decree writes it, when it gives no exact day, e.g. 'Januari 2024'."),
    )
    signed_year = models.PositiveSmallIntegerField(_("year"))
    signatory_title = models.CharField(_("signatory's office"), max_length=200)
    signatory_name = models.CharField(_("signatory"), max_length=200)
    considerations = StreamField(item_list(_("Consideration")), verbose_name=_("considering (Menimbang)"))
    legal_bases = StreamField(item_list(_("Regulation")), verbose_name=_("in view of (Mengingat)"))
    observing = models.TextField(_("observing (Memperhatikan)"), blank=True)
    decisions = StreamField([("decision", DecisionBlock())], verbose_name=_("decides (Memutuskan)"))
    appendices = StreamField(
        [
            ("guideline", GuidelineAppendixBlock()),
            ("standards", StandardsAppendixBlock()),
            ("sop", SopAppendixBlock()),
        ],
        blank=True,
        verbose_name=_("appendices"),
    )

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [
                FieldPanel("number"),
                FieldPanel("about"),
                FieldRowPanel([FieldPanel("signed_place"), FieldPanel("signed_on"), FieldPanel("signed_on_text")]),
                FieldPanel("signed_year"),
                FieldRowPanel([FieldPanel("signatory_title"), FieldPanel("signatory_name")]),
            ],
            heading=_("Decree"),
        ),
        FieldPanel("considerations"),
        FieldPanel("legal_bases"),
        FieldPanel("observing"),
        FieldPanel("decisions"),
        FieldPanel("appendices"),
        InlinePanel("sop_activities", label=_("SOP activities")),
    ]
    search_fields = Page.search_fields + [index.SearchField("number"), index.SearchField("about")]
    parent_page_types = ["services.DecreeIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("decree")
        verbose_name_plural = _("decrees")

    @property
    def signed_on_display(self):
        return self.signed_on_text or (date_format(self.signed_on, "j F Y") if self.signed_on else "")

    def related_standards(self):
        """Live standards this decree sets or whose online processing it governs."""
        return (
            ServiceStandardPage.objects.live()
            .public()
            .filter(models.Q(decree=self) | models.Q(procedure_decree=self))
            .order_by("path")
        )

    @property
    def sop_total_minutes(self):
        return sum(activity.standard_minutes or 0 for activity in self.sop_activities.all())


class SopActivity(Orderable):
    """One numbered activity of the SOP, with its actor and standard time; read to measure processing."""

    decree = ParentalKey(DecreePage, on_delete=models.CASCADE, related_name="sop_activities")
    number = models.PositiveSmallIntegerField(_("number"))
    activity = models.TextField(_("activity"))
    actor = models.CharField(_("actor"), max_length=30, choices=SopActor.choices)
    requirement = models.CharField(_("requirements / inputs"), max_length=255, blank=True)
    standard_minutes = models.PositiveSmallIntegerField(_("standard time (minutes)"), null=True, blank=True)
    output = models.CharField(_("output"), max_length=255, blank=True)
    note = models.CharField(_("note"), max_length=255, blank=True)

    panels = [
        FieldRowPanel([FieldPanel("number"), FieldPanel("actor"), FieldPanel("standard_minutes")]),
        FieldPanel("activity"),
        FieldRowPanel([FieldPanel("requirement"), FieldPanel("output")]),
        FieldPanel("note"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("SOP activity")
        verbose_name_plural = _("SOP activities")

    def __str__(self):
        return f"{self.number}. {self.activity}"


def sop_step_minutes(decree_ids) -> dict[int, dict[int, int]]:
    """The published standard minutes of each SOP decree's numbered activities, from one query.

    An activity without minutes is left out, so a caller can tell a step the SOP does not time from one it does.
    """
    minutes: dict[int, dict[int, int]] = {decree_id: {} for decree_id in decree_ids}
    rows = SopActivity.objects.filter(decree_id__in=minutes, standard_minutes__isnull=False)
    for decree_id, number, value in rows.values_list("decree_id", "number", "standard_minutes"):
        minutes[decree_id][number] = value
    return minutes
