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


class KeptFragmentNode(template.Node):
    def __init__(self, nodelist, parts):
        self.nodelist, self.parts = nodelist, parts

    def render(self, context):
        parts = ":".join(str(part.resolve(context)) for part in self.parts)
        if context.get("request") is None or getattr(context.get("request"), "is_preview", False):
            return self.nodelist.render(context)  # a preview shows unpublished content: nothing of it is kept
        cache_key = f"fragment:{content_version(context.get('request'))}:{get_language()}:{parts}"
        cache = page_cache()
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
