from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import ComplaintChannelSet, Kecamatan, Regulation


class RegulationViewSet(SnippetViewSet):
    model = Regulation
    icon = "doc-full"
    list_display = ["designation", "title", "year"]
    list_filter = ["kind", "year"]
    search_fields = ["designation", "title"]


class ComplaintChannelSetViewSet(SnippetViewSet):
    model = ComplaintChannelSet
    icon = "mail"
    list_display = ["name"]


class KecamatanViewSet(SnippetViewSet):
    model = Kecamatan
    icon = "site"
    list_display = ["name", "region_code"]


class ServiceDataGroup(SnippetViewSetGroup):
    menu_label = _("Service data")
    menu_icon = "folder-open-inverse"
    menu_order = 200
    items = (RegulationViewSet, ComplaintChannelSetViewSet, KecamatanViewSet)


register_snippet(ServiceDataGroup)
