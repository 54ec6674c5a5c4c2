"""The public pages' cache: which responses are the same for every visitor, where they are kept, when they go.

A public page is marked by `public_response` (the page models' serve and the search view). `PageCacheMiddleware`
sits first in MIDDLEWARE: a cookie-less GET whose page is kept is answered from the shared cache (Redis when
REDIS_URL is set, local memory otherwise) before any other middleware runs. `purge_paths` and `purge_site` remove
kept pages when content changes (portal.cache_purge wires them to Wagtail's signals) and also purge a CDN or proxy
in front through wagtail.contrib.frontend_cache when WAGTAILFRONTENDCACHE names one.

Nothing with a cookie is kept or served from here: a signed-in visitor, a form's CSRF token or a flash message all
set or send one, so personal data never reaches the shared cache.
"""

from contextvars import ContextVar

from django.conf import settings
from django.core.cache import caches
from django.http import HttpResponse
from django.utils.cache import patch_cache_control
from django.utils.text import compress_string
from wagtail.contrib.frontend_cache.utils import purge_urls_from_cache
from wagtail.models import PageViewRestriction, Site

PAGE_CACHE_SECONDS = getattr(settings, "PAGE_CACHE_SECONDS", 300)
# How many query strings of one path are kept (search terms); more are served uncached.
MAX_VARIANTS_PER_PATH = 50
GENERATION_KEY = "pagecache:generation"
# Headers a kept page is answered with; a Set-Cookie is never among them (nothing with a cookie is kept).
_KEPT_HEADERS = ("Content-Type", "Content-Language", "Content-Encoding", "Vary", "Cache-Control") + (
    "Content-Security-Policy",
    "X-Frame-Options",
    "X-Content-Type-Options",
    "Referrer-Policy",
    "Cross-Origin-Opener-Policy",
    "Strict-Transport-Security",
)


def page_cache():
    return caches[getattr(settings, "PAGE_CACHE_ALIAS", "default")]


def public_response(request, response, *, max_age=PAGE_CACHE_SECONDS):
    """Mark a page that shows no visitor's data as public for an anonymous visitor; private for a signed-in one."""
    user = getattr(request, "user", None)
    # A session (signed in, or past a page's password) may change what the page shows: this visitor's alone.
    if settings.SESSION_COOKIE_NAME in request.COOKIES or (user is not None and user.is_authenticated):
        patch_cache_control(response, private=True)
        return response
    if response.status_code == 200 and not response.has_header("Cache-Control"):
        patch_cache_control(response, public=True, max_age=max_age)
        response.page_cache = True
    return response


def _path_key(path):
    return f"pagecache:path:{path}"


def _variant(request):
    language = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
    gzipped = "gzip" in request.headers.get("Accept-Encoding", "")
    return f"{language}|{int(gzipped)}|{request.META.get('QUERY_STRING', '')}"


def _cacheable_request(request):
    # Only the language choice may be sent: any other cookie could be a session, a token or a message.
    return (
        settings.PAGE_CACHE_ENABLED
        and request.method == "GET"
        and set(request.COOKIES) <= {settings.LANGUAGE_COOKIE_NAME}
    )


class PageCacheMiddleware:
    """Answer cookie-less GETs of kept public pages from the shared cache, ahead of the rest of the stack."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token, fetched = _request_version.set(_UNREAD), _request_fetched.set({})
        try:
            return self._answer(request)
        finally:
            _request_version.reset(token)
            _request_fetched.reset(fetched)

    def _answer(self, request):
        if not _cacheable_request(request):
            return self._unkept(self.get_response(request))
        cache = page_cache()
        path_key = _path_key(request.path)
        found = cache.get_many([path_key, GENERATION_KEY])
        generation = found.get(GENERATION_KEY, 0)
        variants = found.get(path_key) or {}
        variant = _variant(request)
        kept = variants.get(variant)
        if kept is not None and kept[0] == generation:
            return _from_kept(kept)
        response = self.get_response(request)
        if getattr(response, "page_cache", False) and not response.cookies and not response.streaming:
            if variant in variants or len(variants) < MAX_VARIANTS_PER_PATH:
                headers = [(name, response[name]) for name in _KEPT_HEADERS if response.has_header(name)]
                variants = {key: value for key, value in variants.items() if value[0] == generation}
                variants[variant] = (generation, response.status_code, headers, response.content)
                cache.set(path_key, variants, PAGE_CACHE_SECONDS)
            response["X-Page-Cache"] = "miss"
            return response
        return self._unkept(response)

    @staticmethod
    def _unkept(response):
        # A page marked public that still set a cookie (a CSRF token, a session) is this visitor's alone.
        if getattr(response, "page_cache", False) and response.cookies:
            response.page_cache = False
            response.headers.pop("Cache-Control", None)
            patch_cache_control(response, private=True, no_store=True)
        return response


def _from_kept(kept):
    _generation, status, headers, content = kept
    response = HttpResponse(content, status=status)
    for name, value in headers:
        response[name] = value
    response["X-Page-Cache"] = "hit"
    return response


class PublicGZipMiddleware:
    """Gzip public pages only: they carry no secret (no CSRF token, no personal data), so BREACH has nothing to find.

    Django's GZipMiddleware compresses every response, including forms with a CSRF token beside reflected input.
    """

    MIN_LENGTH = 200

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (
            getattr(response, "page_cache", False)
            and not response.cookies
            and not response.streaming
            and not response.has_header("Content-Encoding")
            and len(response.content) >= self.MIN_LENGTH
        ):
            if "gzip" in request.headers.get("Accept-Encoding", ""):
                compressed = compress_string(response.content)
                if len(compressed) < len(response.content):
                    response.content = compressed
                    response["Content-Length"] = str(len(compressed))
                    response["Content-Encoding"] = "gzip"
            patch_vary = response.get("Vary", "")
            if "accept-encoding" not in patch_vary.lower():
                response["Vary"] = f"{patch_vary}, Accept-Encoding" if patch_vary else "Accept-Encoding"
        return response


def purge_paths(paths):
    """Remove these paths' kept pages here and in a CDN or proxy in front."""
    paths = sorted(set(paths))
    page_cache().delete_many([_path_key(path) for path in paths])
    base = getattr(settings, "WAGTAILADMIN_BASE_URL", "").rstrip("/")
    purge_urls_from_cache([base + path for path in paths])


def purge_site(paths=()):
    """Every kept page goes (a setting shown on every page changed, or pages moved); ``paths`` for the proxy."""
    cache = page_cache()
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:
        cache.set(GENERATION_KEY, 1, None)
    base = getattr(settings, "WAGTAILADMIN_BASE_URL", "").rstrip("/")
    purge_urls_from_cache([base + path for path in sorted(set(paths))])


SITE_DATA_SECONDS = 24 * 60 * 60


def site_data_key(name) -> str:
    return f"sitedata:{name}"


def site_data_many(loads: dict) -> dict:
    """Several kinds of site data in one round trip to the cache; each missing one is made and kept."""
    cache = page_cache()
    keys = {name: site_data_key(name) for name in loads}
    found = {key: value for key in keys.values() if (value := kept_fetched(key)) is not None}
    if len(found) < len(keys):
        found.update(cache.get_many([key for key in keys.values() if key not in found]))
    values, made = {}, {}
    for name, key in keys.items():
        values[name] = found.get(key)
        if values[name] is None:
            values[name] = made[key] = loads[name]()
    if made:
        cache.set_many(made, SITE_DATA_SECONDS)
    return values


def purge_site_data(*names):
    page_cache().delete_many([site_data_key(name) for name in names])


# Published content as a whole: bumped by every publish, unpublish, move, snippet or setting change
# (home.cache_purge), so a fragment or lookup keyed on it is never older than the content it was made from.
CONTENT_VERSION_KEY = "content:version"


# The version this request read, for the lookups that have no request at hand (a page's view restrictions).
# PageCacheMiddleware opens each request's scope with _UNREAD; outside a request (tasks, commands) it stays None and
# every such lookup reads the version afresh.
_UNREAD = 0
_request_version: ContextVar = ContextVar("content_version", default=None)


def content_version(request=None):
    """The current content version, read once per request."""
    in_request = _request_version.get()
    version = getattr(request, "_content_version", None) if request is not None else in_request or None
    if version is None:
        version = page_cache().get(CONTENT_VERSION_KEY)
        if version is None:
            version = 1
            page_cache().add(CONTENT_VERSION_KEY, version, None)
        if request is not None:
            request._content_version = version
        if in_request is not None:
            _request_version.set(version)
    return version


def content_changed():
    if _request_version.get() is not None:
        _request_version.set(_UNREAD)  # this request's later lookups without a request read the new version
        _request_fetched.set({})
    try:
        page_cache().incr(CONTENT_VERSION_KEY)
    except ValueError:
        page_cache().set(CONTENT_VERSION_KEY, 2, None)


# What this request already fetched of the content data (content_data_prefetch), in the request's scope like
# _request_version; None outside a request.
_request_fetched: ContextVar = ContextVar("content_fetched", default=None)


def content_data_prefetch(request, names, keys=()) -> None:
    """Fetch several content values (and any other kept `keys`: fragments, site data) in one round trip;
    content_data, site_data_many and kept_fetched then find them without asking the cache."""
    fetched = _request_fetched.get()
    if fetched is None:
        return
    version = content_version(request)
    wanted = [f"content:{version}:{name}" for name in names] + list(keys)
    fetched.update(page_cache().get_many([key for key in wanted if key not in fetched]))


def kept_fetched(key):
    """What this request already fetched under `key` (content_data_prefetch), or None."""
    fetched = _request_fetched.get()
    return fetched.get(key) if fetched is not None else None


def content_data(request, name, load):
    """A value made from published content, kept until the content changes (a new content version)."""
    key = f"content:{content_version(request)}:{name}"
    fetched = _request_fetched.get()
    value = fetched.get(key) if fetched is not None else None
    if value is None:
        cache = page_cache()
        value = cache.get(key)
        if value is None:
            value = load()
            cache.set(key, value, SITE_DATA_SECONDS)
    return value


RESTRICTED_PAGES = "view_restricted"


def site_lookup_name(request) -> str:
    return f"site:{request.get_host()}:{request.get_port()}"


def site_for_request(request):
    """Wagtail's site lookup (one query per request), kept per host and port until a site changes."""
    if not hasattr(request, "_wagtail_site"):
        request._wagtail_site = content_data(request, site_lookup_name(request), lambda: Site.find_for_request(request))
    return request._wagtail_site


def _restricted_page_ids():
    return content_data(
        None, RESTRICTED_PAGES, lambda: set(PageViewRestriction.objects.values_list("page_id", flat=True))
    )


class KeptViewRestrictionsMixin:
    """A page whose view-restriction check reads the ancestors the home's routing loaded and the few restricted
    pages kept per content version, instead of two queries on every request."""

    def get_view_restrictions(self):
        # Wagtail queries the ancestors again here; the home's routing has them loaded (home.models.HomePage),
        # and the few restricted pages are known from the content version.
        ancestors = getattr(self, "loaded_ancestors", None)
        pages = [self, *(ancestors or ())]
        if ancestors is None or any(page.alias_of_id for page in pages):
            return super().get_view_restrictions()
        ids = {page.pk for page in pages}
        if not ids & _restricted_page_ids():
            return PageViewRestriction.objects.none()
        return PageViewRestriction.objects.filter(page_id__in=ids)


class PublicPageMixin(KeptViewRestrictionsMixin):
    """A page that shows the same to every visitor: public and kept for anonymous visitors, never in a preview."""

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        if not getattr(request, "is_preview", False):
            # The page's main content is the same for every visitor and every query string (no page here reads
            # one): base.html keeps it as one fragment per content version and language.
            context["public_fragment_key"] = f"page:{self.pk}"
        return context

    def serve(self, request, *args, **kwargs):
        response = super().serve(request, *args, **kwargs)
        if getattr(request, "is_preview", False):
            return response
        return public_response(request, response)
