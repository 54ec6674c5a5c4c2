"""When content changes, exactly the public pages that show it leave the page cache (portal.caching).

- A page published, unpublished or deleted: the page, its ancestors (their listings and the home) and search,
  and every page that refers to it (a standard naming its decree).
- A snippet published or saved: the pages that refer to it (Wagtail's reference index) and search.
- A moved page changes the addresses of its whole subtree, and a site setting shows on every page: all go.
Purges run after the transaction commits, so no request can keep the old content again in between.
"""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.core.cache.utils import make_template_fragment_key
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from wagtail.contrib.settings.models import BaseGenericSetting, BaseSiteSetting
from wagtail.models import DraftStateMixin, Page, PageViewRestriction, ReferenceIndex, Site
from wagtail.signals import page_published, page_unpublished, post_page_move, published, unpublished
from wagtail.snippets.models import get_snippet_models

from portal.caching import content_changed, purge_paths, purge_site, purge_site_data
from services.models import ComplaintChannelSet

SEARCH_PATH = "/cari/"
# Site-wide data kept across requests (home.context_processors) and the standards' fragment of complaint channels.
NAVIGATION = "navigation"
OFFICE = "office"
COMPLAINT_CHANNELS_FRAGMENT = "complaint_channels"


def _page_path(page):
    parts = page.get_url_parts()
    return parts[2] if parts else None


def _referring_pages(instance):
    page_type = ContentType.objects.get_for_model(Page)
    ids = ReferenceIndex.get_references_to(instance).filter(base_content_type=page_type).values("object_id")
    return list(Page.objects.filter(pk__in=[int(row["object_id"]) for row in ids]).live())


def page_paths(page):
    """The addresses that show this page: itself, its ancestors' listings and the home, and search."""
    pages = [page, *page.get_ancestors(), *_referring_pages(page)]
    return {path for path in map(_page_path, pages) if path} | {SEARCH_PATH}


def _after_commit(purge):
    # The content version moves now, so this transaction's own later reads miss the kept fragments and routes, and
    # again after the commit (inside purge), so nothing another request kept in between outlives it.
    content_changed()
    transaction.on_commit(purge)


def _page_changed(sender, instance, **kwargs):
    paths = page_paths(instance)

    def purge():
        content_changed()
        purge_site_data(NAVIGATION)
        purge_paths(paths)

    _after_commit(purge)


def _page_moved(sender, instance, **kwargs):
    def purge():
        content_changed()
        purge_site_data(NAVIGATION)
        purge_site(_all_page_paths())

    _after_commit(purge)


def _all_page_paths():
    return {path for path in map(_page_path, Page.objects.live().filter(depth__gt=1)) if path} | {SEARCH_PATH}


def _snippet_changed(sender, instance, **kwargs):
    if isinstance(instance, Page):
        return
    paths = {path for path in map(_page_path, _referring_pages(instance)) if path} | {SEARCH_PATH}

    fragments = []
    if isinstance(instance, ComplaintChannelSet):
        fragments = [
            make_template_fragment_key(COMPLAINT_CHANNELS_FRAGMENT, [instance.pk, code])
            for code, _ in settings.LANGUAGES
        ]

    def purge():
        content_changed()
        cache.delete_many(fragments)
        purge_paths(paths)

    _after_commit(purge)


def _saved(sender, instance, **kwargs):
    if isinstance(instance, BaseSiteSetting | BaseGenericSetting):

        def purge():
            content_changed()
            purge_site_data(OFFICE)
            purge_site(_all_page_paths())

        _after_commit(purge)
    elif isinstance(instance, Site | PageViewRestriction):
        # Which site answers a host, and which pages ask for a password or a login (portal.caching).
        def purge():
            content_changed()
            purge_site(_all_page_paths())

        _after_commit(purge)
    elif isinstance(instance, Page):
        if kwargs.get("signal") is post_delete and instance.live:
            _page_changed(sender, instance)
    elif sender in get_snippet_models() and not isinstance(instance, DraftStateMixin):
        # Snippets without drafts show as soon as they are saved; drafted ones when published (above).
        _snippet_changed(sender, instance)


def connect():
    page_published.connect(_page_changed, dispatch_uid="pagecache_published")
    page_unpublished.connect(_page_changed, dispatch_uid="pagecache_unpublished")
    post_page_move.connect(_page_moved, dispatch_uid="pagecache_moved")
    published.connect(_snippet_changed, dispatch_uid="pagecache_snippet_published")
    unpublished.connect(_snippet_changed, dispatch_uid="pagecache_snippet_unpublished")
    post_save.connect(_saved, dispatch_uid="pagecache_saved")
    post_delete.connect(_saved, dispatch_uid="pagecache_deleted")
