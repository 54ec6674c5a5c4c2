"""One way to write a figure, shared by the page and the PDF (the XLSX keeps the numbers as numbers)."""

from decimal import Decimal

from django.utils.formats import number_format

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
