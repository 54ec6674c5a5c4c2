"""`{% public_fragment %}`: a public page's main content rendered once per content version and language."""

from django import template
from django.utils.translation import get_language

from portal.caching import SITE_DATA_SECONDS, content_version, page_cache

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
