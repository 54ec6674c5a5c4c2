import logging

from django.core.files.storage import storages
from django.core.paginator import Paginator
from django.db import connection
from django.http import JsonResponse
from django.template.response import TemplateResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from wagtail.models import Page

from forms.messaging.health import queue_health

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


@require_GET
def search(request):
    """Site search over the published standards and decrees."""
    query = request.GET.get("q", "").strip()[:200]
    results = None
    if query:
        found = Page.objects.live().public().specific().search(query, operator="and")
        results = Paginator(found, SEARCH_PAGE_SIZE).get_page(request.GET.get("page"))
    return TemplateResponse(request, "home/search.html", {"query": query, "results": results})
