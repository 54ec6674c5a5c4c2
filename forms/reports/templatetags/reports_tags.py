from django import template

from ..charts import bar_chart_svg, value_text
from ..formatting import format_cell

register = template.Library()


@register.filter
def report_cell(value):
    return format_cell(value)


@register.simple_tag
def chart_value(value, unit=""):
    return value_text(value, unit)


@register.simple_tag
def bar_chart(chart):
    return bar_chart_svg(chart)
