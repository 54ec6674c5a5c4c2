"""Per-area headers (CSP, no-store on account pages), the Indonesian-first locale and the session limits."""

import time
from urllib.parse import urlencode

from csp.middleware import CSPMiddleware
from django.conf import settings
from django.contrib.auth import logout
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import translation
from django.utils.cache import add_never_cache_headers, patch_vary_headers

from .staff_access import can_open_admin, second_factor_missing

ADMIN_PREFIXES = ("/admin/",)
# allauth's pages and the citizen's own account pages (portal/urls.py mounts allauth at akun/).
ACCOUNT_PREFIXES = ("/akun/",)
SESSION_STARTED_KEY = "session_started"
# How finely the last request is recorded; the idle limit is minutes, so a minute loses nothing.
SEEN_RESOLUTION_SECONDS = 60
SESSION_SEEN_KEY = "session_seen"

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


class SessionLimitsMiddleware:
    """Every signed-in session idles out and has an absolute end, staff's sooner; staff need TOTP before the admin.

    "Staff" is `portal.staff_access.can_open_admin`, the one rule for who can open the admin by some route.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            staff = can_open_admin(user)
            if staff:
                idle, lifetime = settings.STAFF_SESSION_IDLE_SECONDS, settings.STAFF_SESSION_MAX_SECONDS
            else:
                idle, lifetime = settings.SESSION_IDLE_SECONDS, settings.SESSION_MAX_SECONDS
            if self._session_ended(request, idle=idle, lifetime=lifetime):
                # The view then answers as for any visitor: the admin and account pages send them to log in.
                logout(request)
            elif staff and request.path.startswith(ADMIN_PREFIXES) and second_factor_missing(user):
                return redirect(f"{reverse('mfa_activate_totp')}?{urlencode({'next': request.get_full_path()})}")
        return self.get_response(request)

    def _session_ended(self, request, *, idle, lifetime):
        now = int(time.time())
        session = request.session
        started = session.setdefault(SESSION_STARTED_KEY, now)
        seen = session.get(SESSION_SEEN_KEY)
        if now - started > lifetime or (seen is not None and now - seen > idle):
            return True
        if seen is not None and now - seen < SEEN_RESOLUTION_SECONDS:
            return False  # seen within the minute: no session write (and no transaction) on every request
        session[SESSION_SEEN_KEY] = now
        # A "don't remember me" session still ends when the browser closes; any other one ends when idle.
        if not session.get_expire_at_browser_close():
            session.set_expiry(idle)
        return False


class AccountPagesNoStoreMiddleware:
    """No browser or proxy keeps a copy of an account page: they show e-mail addresses, codes and personal data."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.path.startswith(ACCOUNT_PREFIXES):
            add_never_cache_headers(response)
        return response
