from django.utils.functional import SimpleLazyObject

from services.models import DecreeIndexPage, ServiceIndexPage


def _section_urls(request):
    urls = {}
    for key, model in (("services", ServiceIndexPage), ("decrees", DecreeIndexPage)):
        section = model.objects.live().only("id", "url_path").first()
        urls[key] = section.get_url(request) if section else None
    return urls


def navigation(request):
    """URLs of the site's sections for the header, looked up once and only when a template asks."""
    return {"nav": SimpleLazyObject(lambda: _section_urls(request))}
