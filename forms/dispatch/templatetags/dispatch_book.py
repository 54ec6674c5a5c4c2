"""How the blank-card book writes a change of stock: +5 and −1, with a real minus sign as in printed ledgers."""

from django import template

register = template.Library()

MINUS_SIGN = "\u2212"


@register.filter
def signed(value):
    """+n for what comes in, −n (U+2212) for what goes out, 0 for a line that does not move the stock."""
    number = int(value or 0)
    if number > 0:
        return f"+{number}"
    if number < 0:
        return f"{MINUS_SIGN}{-number}"
    return "0"


@register.filter
def balance(value):
    """A balance below zero keeps its minus sign (U+2212); it can only be so after a miscount awaiting correction."""
    number = int(value or 0)
    return f"{MINUS_SIGN}{-number}" if number < 0 else str(number)
