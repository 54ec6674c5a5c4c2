"""The site shell: the home page and the office's contact details shown in every footer."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.models import Page

from services.models import DecreeIndexPage, ServiceIndexPage, ServiceStandardPage


class HomePage(Page):
    intro = models.TextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    subpage_types = ["services.ServiceIndexPage", "services.DecreeIndexPage"]
    parent_page_types = ["wagtailcore.Page"]
    max_count = 1

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["service_index"] = ServiceIndexPage.objects.child_of(self).live().first()
        context["decree_index"] = DecreeIndexPage.objects.child_of(self).live().first()
        context["standards"] = ServiceStandardPage.objects.descendant_of(self).live().public().order_by("path")
        return context


@register_setting(icon="site")
class OfficeSettings(BaseSiteSetting):
    """The office's letterhead details, shown in the footer of every page."""

    office_name = models.CharField(_("office name"), max_length=200)
    address = models.CharField(_("address"), max_length=255)
    city_postcode = models.CharField(_("city and postcode"), max_length=100)
    phone = models.CharField(_("telephone"), max_length=50, blank=True)
    fax = models.CharField(_("fax"), max_length=50, blank=True)

    panels = [
        FieldPanel("office_name"),
        FieldPanel("address"),
        FieldPanel("city_postcode"),
        FieldPanel("phone"),
        FieldPanel("fax"),
    ]

    class Meta:
        verbose_name = _("office details")
