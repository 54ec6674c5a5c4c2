import hashlib
import logging

from django.conf import settings
from django.core.files.storage import storages
from django.core.paginator import Paginator
from django.db import connection, transaction
from django.http import Http404, JsonResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.functional import SimpleLazyObject
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from wagtail import views as wagtail_views
from wagtail.models import Page

from forms.messaging.health import queue_health
from portal.caching import (
    RESTRICTED_PAGES,
    content_data,
    content_data_prefetch,
    public_response,
    site_data_key,
    site_for_request,
    site_lookup_name,
)

from .cache_purge import NAVIGATION, OFFICE
from .templatetags.public_fragments import shell_fragment_keys

logger = logging.getLogger(__name__)

SEARCH_PAGE_SIZE = 10


def _check_database():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()


def _check_storage():
    # A HEAD/stat on both storages proves reachability and credentials without writing anything.
    for alias in ("default", "private"):
        storages[alias].exists("healthz-probe")


@never_cache
@require_GET
def healthz(request):
    """Report whether the database and storage answer and the task queue keeps up; 503 for the load balancer if not."""
    checks = {}
    for name, check in (("database", _check_database), ("storage", _check_storage)):
        try:
            check()
            checks[name] = "ok"
        except Exception as exc:  # any failure means this server must leave the pool
            logger.exception("Health check %s failed", name)
            checks[name] = f"error: {type(exc).__name__}"
    queue = None
    try:
        queue = queue_health()
        checks["queue"] = "ok" if queue.pop("healthy") else "error: oldest task waits too long"
    except Exception as exc:
        logger.exception("Health check queue failed")
        checks["queue"] = f"error: {type(exc).__name__}"
    healthy = all(value == "ok" for value in checks.values())
    body = {"status": "ok" if healthy else "error", "checks": checks, "queue": queue}
    return JsonResponse(body, status=200 if healthy else 503)


@transaction.non_atomic_requests
@require_GET
def search(request):
    """Site search over the published standards and decrees."""
    site_for_request(request)  # kept across requests, as for the pages (portal.caching)
    query = request.GET.get("q", "").strip()[:200]
    number = request.GET.get("page", "")[:10]
    context = {"query": query, "results": None}
    if query:

        def results():
            # .public() reads the view restrictions as it is built: only on a fragment miss, here.
            found = Page.objects.live().public().specific().search(query, operator="and")
            return Paginator(found, SEARCH_PAGE_SIZE).get_page(number or None)

        # Searched only when the template asks: the results are kept as the page's fragment per content version.
        context["results"] = SimpleLazyObject(results)
        digest = hashlib.sha256(f"{query}\n{number}".encode()).hexdigest()
        context["public_fragment_key"] = f"search:{digest}"
    response = TemplateResponse(request, "home/search.html", context)
    return public_response(request, response)


def _route_to_keep(request, path):
    """Wagtail's route to the page; a page type may load, before it is kept, what each of its requests reads."""
    route = Page.route_for_request(request, path)
    before_kept = getattr(route[0], "before_route_kept", None) if route else None
    if before_kept is not None:
        before_kept()
    return route


@transaction.non_atomic_requests
def serve(request, path):
    """Wagtail's page view; reading a page opens no transaction (no BEGIN/COMMIT), a form's POST still runs in one."""
    # Which site and which page answer this address, kept until content changes (portal.caching); a form's POST is
    # routed the same way, so a submission does not look up its page again.
    components = "/".join(part for part in path.split("/") if part)
    route_key = f"route:{request.get_host()}:{request.get_port()}:{components}"  # a host and port name one site
    # The site, the route, the restricted pages and what the page's shell shows, in one round trip to the cache.
    content_data_prefetch(
        request,
        [site_lookup_name(request), route_key, RESTRICTED_PAGES],
        keys=[*shell_fragment_keys(request), site_data_key(NAVIGATION), site_data_key(OFFICE)],
    )
    if site_for_request(request) is not None:
        request._wagtail_route_for_request = content_data(request, route_key, lambda: _route_to_keep(request, path))
    if request.method in ("GET", "HEAD"):
        return wagtail_views.serve(request, path)
    with transaction.atomic():
        return wagtail_views.serve(request, path)


@never_cache
@require_GET
def switch_language(request, code):
    """The header's language link: remember the choice in the language cookie and go back to the page.

    A link rather than Django's POST-only set_language form, which needs a CSRF token (and so a cookie) on every
    page. Choosing a language changes nothing but how the visitor's own pages read.
    """
    if code not in dict(settings.LANGUAGES):
        raise Http404
    next_url = request.GET.get("next", "/")
    if not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        next_url = "/"
    response = redirect(next_url)
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        code,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH,
        domain=settings.LANGUAGE_COOKIE_DOMAIN,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
    )
    return response
