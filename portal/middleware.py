"""Content-Security-Policy per area: strict for the public site, looser for Wagtail's admin."""

from csp.middleware import CSPMiddleware
from django.conf import settings
from django.utils import translation
from django.utils.cache import patch_vary_headers

ADMIN_PREFIXES = ("/admin/",)

# Wagtail's admin ships inline scripts and styles and previews pages in a same-origin iframe.
ADMIN_CSP_UPDATE = {
    "script-src": ["'unsafe-inline'", "'unsafe-eval'"],
    "style-src": ["'unsafe-inline'"],
    "img-src": ["blob:"],
}
ADMIN_CSP_REPLACE = {"frame-ancestors": ["'self'"]}


class AreaCSPMiddleware(CSPMiddleware):
    def process_response(self, request, response):
        if request.path.startswith(ADMIN_PREFIXES):
            response._csp_update = {**ADMIN_CSP_UPDATE, **getattr(response, "_csp_update", {})}
            response._csp_replace = {**ADMIN_CSP_REPLACE, **getattr(response, "_csp_replace", {})}
        return super().process_response(request, response)


class CookieLocaleMiddleware:
    """Bahasa Indonesia unless the visitor chose English with the language switch.

    Django's LocaleMiddleware would follow the browser's Accept-Language, which would show most
    phones' default English; the office's portal speaks Indonesian first.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        supported = {code for code, _ in settings.LANGUAGES}
        language = chosen if chosen in supported else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        patch_vary_headers(response, ("Cookie",))
        return response
