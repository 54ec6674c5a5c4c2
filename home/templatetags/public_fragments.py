"""`{% public_fragment %}`: a public page's main content rendered once per content version and language."""

from django import template
from django.utils.translation import get_language

from portal.caching import SITE_DATA_SECONDS, content_version, kept_fetched, page_cache

register = template.Library()


class PublicFragmentNode(template.Node):
    child_nodelists = ("nodelist",)  # so the {% block %} inside stays overridable by the page's template

    def __init__(self, nodelist):
        self.nodelist = nodelist

    def render(self, context):
        key = context.get("public_fragment_key")
        if not key:  # forms, account pages, previews: this visitor's own
            return self.nodelist.render(context)
        request = context.get("request")
        cache_key = f"fragment:{content_version(request)}:{get_language()}:{key}"
        cache = page_cache()
        html = cache.get(cache_key)
        if html is None:
            html = self.nodelist.render(context)
            cache.set(cache_key, html, SITE_DATA_SECONDS)
        return html


@register.tag
def public_fragment(parser, token):
    nodelist = parser.parse(("endpublic_fragment",))
    parser.delete_first_token()
    return PublicFragmentNode(nodelist)


def kept_fragment_key(request, *parts) -> str:
    return f"fragment:{content_version(request)}:{get_language()}:{':'.join(map(str, parts))}"


def shell_fragment_keys(request) -> list[str]:
    """The kept fragments of base.html's shell (header, breadcrumbs, footer) that this request's page will show,
    for the page view to fetch with its route in one round trip. The names are base.html's own."""
    user = getattr(request, "user", None)
    signed_in = bool(user is not None and user.is_authenticated)
    return [
        kept_fragment_key(request, "header", signed_in),
        kept_fragment_key(request, "breadcrumbs", request.path),
        kept_fragment_key(request, "footer"),
    ]


class KeptFragmentNode(template.Node):
    def __init__(self, nodelist, parts):
        self.nodelist, self.parts = nodelist, parts

    def render(self, context):
        request = context.get("request")
        if request is None or getattr(request, "is_preview", False):
            return self.nodelist.render(context)  # a preview shows unpublished content: nothing of it is kept
        cache_key = kept_fragment_key(request, *(part.resolve(context) for part in self.parts))
        cache = page_cache()
        html = kept_fetched(cache_key)
        if html is None:
            html = cache.get(cache_key)
        if html is None:
            html = self.nodelist.render(context)
            cache.set(cache_key, html, SITE_DATA_SECONDS)
        return html


@register.tag
def kept_fragment(parser, token):
    """`{% kept_fragment "name" value ... %}`: a part that is the same for every visitor of the page (breadcrumbs),
    signed in or not, rendered once per content version, language and the given values."""
    parts = [parser.compile_filter(bit) for bit in token.split_contents()[1:]]
    if not parts:
        raise template.TemplateSyntaxError("kept_fragment needs a name")
    nodelist = parser.parse(("endkept_fragment",))
    parser.delete_first_token()
    return KeptFragmentNode(nodelist, parts)
