"""Content-Security-Policy per area: strict for the public site, looser for Wagtail's admin."""

import time
from urllib.parse import urlencode

from csp.middleware import CSPMiddleware
from django.conf import settings
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect
from django.urls import reverse
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


class StaffSessionMiddleware:
    """Staff must have a TOTP second factor before the admin opens; their sessions idle out and have a hard end."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and user.is_staff:
            ended = self._session_ended(request)
            if ended:
                return ended
            if request.path.startswith(ADMIN_PREFIXES) and self._needs_second_factor(user):
                return redirect(f"{reverse('mfa_activate_totp')}?{urlencode({'next': request.get_full_path()})}")
        return self.get_response(request)

    def _session_ended(self, request):
        now = int(time.time())
        started = request.session.setdefault("staff_session_started", now)
        if now - started > settings.STAFF_SESSION_MAX_SECONDS:
            logout(request)
            return redirect_to_login(request.get_full_path(), reverse("account_login"))
        request.session.set_expiry(settings.STAFF_SESSION_IDLE_SECONDS)
        return None

    def _needs_second_factor(self, user):
        if not settings.STAFF_MFA_REQUIRED:
            return False
        if settings.DEBUG and user.username in settings.STAFF_MFA_EXEMPT_USERNAMES:
            return False
        from allauth.mfa.utils import is_mfa_enabled

        return not is_mfa_enabled(user, types=["totp"])
