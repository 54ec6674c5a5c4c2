from django import template
from django.utils.html import format_html

from ..charts import chart_svg, value_text
from ..formatting import format_cell, previous_text

register = template.Library()
NOT_COMPARED = object()  # a table the previous period had no counterpart for


@register.filter
def report_cell(value):
    return format_cell(value)


@register.simple_tag
def chart_value(value, unit=""):
    return value_text(value, unit)


@register.simple_tag
def bar_chart(chart):
    return chart_svg(chart)


@register.simple_tag
def compared_rows(table):
    """Each row's cells as (this period's value, the previous period's or NOT_COMPARED)."""
    if table.previous_rows is None:
        return [[(cell, NOT_COMPARED) for cell in row] for row in table.rows]
    rows = []
    for row, previous in zip(table.rows, table.previous_rows, strict=True):
        rows.append([(cell, None if previous is None else previous[index]) for index, cell in enumerate(row)])
    return rows


@register.simple_tag
def compared_cell(value, previous):
    """The figure, and under it the previous period's with the change; labels and ticks stand alone."""
    text = format_cell(value)
    below = None if previous is NOT_COMPARED else previous_text(value, previous)
    return text if below is None else format_html('{}<span class="report-previous">{}</span>', text, below)
