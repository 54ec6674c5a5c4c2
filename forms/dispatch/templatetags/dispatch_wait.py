"""The citizen's view of a card waiting for its blank: place in the list, estimated day, and what to do instead."""

from django import template

from ..selectors import card_alternatives_of, print_wait

register = template.Library()


@register.simple_tag
def card_print_wait(application):
    return print_wait(application)


@register.simple_tag
def card_alternatives(application):
    return card_alternatives_of(application)
