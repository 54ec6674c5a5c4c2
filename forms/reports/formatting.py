"""One way to write a figure, shared by the page and the PDF (the XLSX keeps the numbers as numbers)."""

from decimal import Decimal

from django.utils.formats import number_format
from django.utils.translation import gettext as _

EMPTY = "–"  # nothing to measure, e.g. a share of zero applications


def format_cell(value) -> str:
    """A cell as the reader sees it, in the active language's number format (1.234 and 87,5 in Indonesian)."""
    if value is None:
        return EMPTY
    if isinstance(value, bool):
        return "✓" if value else EMPTY
    if isinstance(value, int):
        return number_format(value, force_grouping=True)
    if isinstance(value, Decimal):
        exponent = value.as_tuple().exponent
        return number_format(
            value, decimal_pos=max(0, -exponent) if isinstance(exponent, int) else 0, force_grouping=True
        )
    if isinstance(value, float):
        return number_format(value, decimal_pos=2, force_grouping=True)
    return str(value)


def is_figure(value) -> bool:
    """A number that can be set beside the previous period's (a count, a share), not a label or a tick."""
    return isinstance(value, int | float | Decimal) and not isinstance(value, bool)


def change_value(value, previous):
    """This period's figure less the previous period's; None unless both are figures."""
    if not (is_figure(value) and is_figure(previous)):
        return None
    if isinstance(value, float) or isinstance(previous, float):
        return float(value) - float(previous)
    return value - previous


def format_change(change) -> str:
    """A change with its sign: +3, −2,5 (a true minus sign), ±0."""
    if change is None:
        return EMPTY
    if not change:
        return "±0"
    text = format_cell(abs(change))
    return f"+{text}" if change > 0 else f"\u2212{text}"


def previous_text(value, previous) -> str | None:
    """The previous period's figure and the change, as printed under this period's; None where nothing compares."""
    if not (is_figure(value) or is_figure(previous)):
        return None
    return f"{_('previous:')} {format_cell(previous)} ({format_change(change_value(value, previous))})"
