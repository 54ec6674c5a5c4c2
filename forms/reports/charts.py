"""Bar charts drawn on the server as inline SVG: no script, no external file, readable by a screen reader."""

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

from forms.office.report_sections import BarChart, TrendChart

from .formatting import format_cell

WIDTH = 640
LABEL_WIDTH = 250
VALUE_WIDTH = 90
ROW_HEIGHT = 26
BAR_HEIGHT = 16
LABEL_CHARS = 38
BAR_COLOUR = "#007d7e"  # 4.9:1 against white (WCAG 1.4.11 asks 3:1 for graphics)
TEXT_COLOUR = "#1d1d1d"


def short_label(label: str, limit: int = LABEL_CHARS) -> str:
    label = str(label)
    return label if len(label) <= limit else label[: limit - 1].rstrip() + "…"


def value_text(value, unit: str = "") -> str:
    text = format_cell(value)
    return f"{text} {unit}".strip() if unit and value is not None else text


def bar_lengths(chart: BarChart, width: float) -> list[float]:
    """Each bar's length for a plot `width` wide, scaled to the largest value; negatives draw as nothing."""
    largest = max((float(value or 0) for _label, value in chart.bars), default=0)
    if largest <= 0:
        return [0.0 for _bar in chart.bars]
    return [max(float(value or 0), 0) / largest * width for _label, value in chart.bars]


def bar_chart_svg(chart: BarChart) -> SafeString:
    """The chart as an <svg role="img"> with its title as the accessible name; the page puts its table beside it."""
    plot = WIDTH - LABEL_WIDTH - VALUE_WIDTH
    height = max(len(chart.bars), 1) * ROW_HEIGHT + 8
    rows = []
    for index, ((label, value), length) in enumerate(zip(chart.bars, bar_lengths(chart, plot), strict=True)):
        top = 4 + index * ROW_HEIGHT
        middle = top + ROW_HEIGHT / 2 + 4
        rows.append(
            (
                LABEL_WIDTH - 8,
                f"{middle:.1f}",
                TEXT_COLOUR,
                short_label(label),
                LABEL_WIDTH,
                f"{top + (ROW_HEIGHT - BAR_HEIGHT) / 2:.1f}",
                f"{length:.1f}",
                BAR_HEIGHT,
                BAR_COLOUR,
                f"{LABEL_WIDTH + length + 6:.1f}",
                f"{middle:.1f}",
                TEXT_COLOUR,
                value_text(value, chart.unit),
            )
        )
    body = format_html_join(
        "",
        '<text x="{}" y="{}" fill="{}" text-anchor="end" font-size="12">{}</text>'
        '<rect x="{}" y="{}" width="{}" height="{}" fill="{}"></rect>'
        '<text x="{}" y="{}" fill="{}" font-size="12">{}</text>',
        rows,
    )
    return format_html(
        '<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="{}" viewBox="0 0 {} {}" width="{}" '
        'height="{}" class="report-chart__svg" font-family="sans-serif"><title>{}</title>{}</svg>',
        chart.title,
        WIDTH,
        height,
        WIDTH,
        height,
        chart.title,
        body,
    )


TREND_HEIGHT = 240
TREND_LEFT = 16
TREND_TOP = 28
TREND_BOTTOM = 44
POINT_RADIUS = 4


def trend_points(chart: TrendChart, width: float, height: float) -> list[tuple[float, float] | None]:
    """Each month's point in a plot `width` x `height` (y down), scaled from 0 to the largest value (100 for a
    share); None where the month has no value."""
    values = [None if value is None else float(value) for _label, value in chart.bars]
    top = 100.0 if chart.unit == "%" else max((value for value in values if value is not None), default=0)
    step = width / max(len(values), 1)
    points = []
    for index, value in enumerate(values):
        if value is None:
            points.append(None)
            continue
        share = value / top if top > 0 else 0
        points.append((step * (index + 0.5), height * (1 - max(min(share, 1), 0))))
    return points


def trend_chart_svg(chart: TrendChart) -> SafeString:
    """The months along the bottom, a line through the months with a value, each value written above its point."""
    plot_width, plot_height = WIDTH - 2 * TREND_LEFT, TREND_HEIGHT - TREND_TOP - TREND_BOTTOM
    points = trend_points(chart, plot_width, plot_height)
    placed = [(TREND_LEFT + x, TREND_TOP + y) for x, y in (point for point in points if point is not None)]
    base = TREND_TOP + plot_height
    parts = [
        format_html(
            '<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="{}" stroke-width="1"></line>',
            TREND_LEFT,
            base,
            WIDTH - TREND_LEFT,
            base,
            TEXT_COLOUR,
        )
    ]
    if len(placed) > 1:
        parts.append(
            format_html(
                '<polyline points="{}" fill="none" stroke="{}" stroke-width="2"></polyline>',
                " ".join(f"{x:.1f},{y:.1f}" for x, y in placed),
                BAR_COLOUR,
            )
        )
    step = plot_width / max(len(points), 1)
    for index, ((label, value), point) in enumerate(zip(chart.bars, points, strict=True)):
        middle = TREND_LEFT + step * (index + 0.5)
        month, _space, year = str(label).partition(" ")
        parts.append(
            format_html(
                '<text x="{}" y="{}" fill="{}" text-anchor="middle" font-size="11">{}</text>'
                '<text x="{}" y="{}" fill="{}" text-anchor="middle" font-size="10">{}</text>',
                f"{middle:.1f}",
                base + 16,
                TEXT_COLOUR,
                month,
                f"{middle:.1f}",
                base + 30,
                TEXT_COLOUR,
                year,
            )
        )
        if point is not None:
            x, y = TREND_LEFT + point[0], TREND_TOP + point[1]
            parts.append(
                format_html(
                    '<circle cx="{}" cy="{}" r="{}" fill="{}"></circle>'
                    '<text x="{}" y="{}" fill="{}" text-anchor="middle" font-size="11">{}</text>',
                    f"{x:.1f}",
                    f"{y:.1f}",
                    POINT_RADIUS,
                    BAR_COLOUR,
                    f"{x:.1f}",
                    f"{y - 9:.1f}",
                    TEXT_COLOUR,
                    format_cell(value),
                )
            )
    return format_html(
        '<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="{}" viewBox="0 0 {} {}" width="{}" '
        'height="{}" class="report-chart__svg" font-family="sans-serif"><title>{}</title>{}</svg>',
        chart.title,
        WIDTH,
        TREND_HEIGHT,
        WIDTH,
        TREND_HEIGHT,
        chart.title,
        SafeString("".join(parts)),
    )


def chart_svg(chart: BarChart) -> SafeString:
    """A trend as a line, any other chart as bars."""
    return trend_chart_svg(chart) if isinstance(chart, TrendChart) else bar_chart_svg(chart)
