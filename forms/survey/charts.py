"""A horizontal bar chart as server-rendered SVG: no script, no style attribute, readable on a 360 px phone."""

from dataclasses import dataclass
from decimal import Decimal

WIDTH = 320
ROW = 46
BAR_TOP = 20
BAR_HEIGHT = 16
VALUE_ROOM = 44  # room right of the longest bar for its value


@dataclass(frozen=True)
class Bar:
    label: str
    value: Decimal | None
    y: int
    width: int

    @property
    def label_y(self):
        return self.y + 14

    @property
    def bar_y(self):
        return self.y + BAR_TOP

    @property
    def value_x(self):
        return self.width + 6

    @property
    def value_y(self):
        return self.y + BAR_TOP + BAR_HEIGHT - 3


def bar_chart(bars: list[tuple[str, Decimal | None]], *, maximum: Decimal) -> dict:
    """Geometry for survey/includes/bar_chart.html; a bar without a value (hidden or empty) is drawn as '–'."""
    room = WIDTH - VALUE_ROOM
    rows = [
        Bar(label=label, value=value, y=index * ROW, width=int(room * value / maximum) if value else 0)
        for index, (label, value) in enumerate(bars)
    ]
    return {"bars": rows, "width": WIDTH, "height": len(rows) * ROW + 4, "bar_height": BAR_HEIGHT}
