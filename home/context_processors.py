from django.utils.functional import SimpleLazyObject
from wagtail.models import Site

from portal.caching import site_data_many
from services.models import DecreeIndexPage, ServiceIndexPage

from .cache_purge import NAVIGATION, OFFICE
from .models import OfficeSettings


def _section_urls(request):
    urls = {}
    for key, model in (("services", ServiceIndexPage), ("decrees", DecreeIndexPage)):
        section = model.objects.live().only("id", "url_path").first()
        urls[key] = section.get_url(request) if section else None
    return urls


def _office(request):
    site = Site.find_for_request(request)
    return OfficeSettings.for_site(site) if site else None


def navigation(request):
    """The header's section URLs and the office's details, kept across requests until content changes
    (home.cache_purge), and looked up only when a template asks."""
    kept = SimpleLazyObject(
        lambda: site_data_many({NAVIGATION: lambda: _section_urls(request), OFFICE: lambda: _office(request)})
    )
    return {
        "nav": SimpleLazyObject(lambda: kept[NAVIGATION]),
        "site_office": SimpleLazyObject(lambda: kept[OFFICE]),
    }
