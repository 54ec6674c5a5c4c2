from django import template

from ..selectors import document_for_citizen

register = template.Library()


@register.simple_tag
def issued_document(application):
    """The document the citizen may download from this application now, or None."""
    return document_for_citizen(application)
