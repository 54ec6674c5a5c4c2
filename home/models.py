"""The site shell: the home page and the office's contact details shown in every footer."""

from django.db import models
from django.db.models import Q
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.models import Page

from portal.caching import PublicPageMixin, content_data
from services.models import DecreeIndexPage, ServiceIndexPage, ServiceStandardPage


class HomePage(PublicPageMixin, Page):
    intro = models.TextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    subpage_types = ["services.ServiceIndexPage", "services.DecreeIndexPage"]
    parent_page_types = ["wagtailcore.Page"]
    max_count = 1

    class Meta:
        verbose_name = _("home page")

    def route(self, request, path_components):
        """Find the page and its ancestors by their url_path in one query, not one query per level.

        Wagtail's own walk loads each level's specific page. Where a level is not a page (a page that routes
        sub-paths itself), Wagtail's walk answers as before.
        """
        if not path_components:
            # The view-restriction check reads these (portal.caching) instead of querying the root again.
            self.loaded_ancestors = content_data(request, "home_ancestors", lambda: list(self.get_ancestors()))
            return super().route(request, path_components)
        paths = [
            self.url_path + "/".join(path_components[:depth]) + "/" for depth in range(1, len(path_components) + 1)
        ]
        rows = Page.objects.filter(
            Q(url_path__in=paths, path__startswith=self.path) | Q(path=self.path[: self.steplen])
        ).order_by("path")
        root, *below = rows
        found = {page.url_path: page for page in below}
        if root.depth != 1 or len(found) != len(paths):
            return super().route(request, path_components)
        levels = [found[path] for path in paths]
        model = levels[-1].specific_class
        # The page with what its template shows through foreign keys, in the same query.
        page = model.objects.select_related(*getattr(model, "serve_select_related", ())).get(pk=levels[-1].pk)
        # The breadcrumbs and the view-restriction check read these instead of querying the ancestors again.
        page.breadcrumb_ancestors = [self, *levels[:-1]]
        page.loaded_ancestors = [root, self, *levels[:-1]]
        return page.route(request, [])

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Read only when the template asks: a kept fragment of the home's content does not.
        context["service_index"] = SimpleLazyObject(lambda: ServiceIndexPage.objects.child_of(self).live().first())
        context["decree_index"] = SimpleLazyObject(lambda: DecreeIndexPage.objects.child_of(self).live().first())
        context["standards"] = SimpleLazyObject(
            lambda: list(ServiceStandardPage.objects.descendant_of(self).live().public().order_by("path"))
        )
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
