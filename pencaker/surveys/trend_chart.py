"""Geometry of the trend chart: the converted IKM per period as an inline SVG line chart.

Pure computation (no database, no I/O); ``templates/surveys/_trend_chart.html`` draws it.
The chart needs no JavaScript and no library. The y axis always spans the whole scale of
converted values (25 to 100) so two charts are comparable, and the grade boundaries
(65.00, 76.61, 88.31) are drawn as lines. Periods without an index keep their place on
the x axis and get no point, so gaps stay visible.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from pencaker.surveys import ikm

# A small drawing area keeps the text readable when a phone scales the chart down.
WIDTH = 400
HEIGHT = 290
LEFT = 40
RIGHT = 12
TOP = 22
BOTTOM = 100  # room for the slanted period names
Y_MIN = Decimal(25)
Y_MAX = Decimal(100)
Y_TICKS = (Decimal(25), Decimal(50), Decimal(75), Decimal(100))
LABEL_CHARS = 16


@dataclass(frozen=True)
class ChartPoint:
    name: str  # the period's name, in full (title and description)
    label: str  # the period's name, shortened for the axis
    value: Decimal | None  # the rounded converted IKM, None when the index does not exist
    grade: str | None
    x: float
    y: float | None


@dataclass(frozen=True)
class GuideLine:
    value: Decimal
    y: float
    text: str


@dataclass(frozen=True)
class TrendChart:
    width: int
    height: int
    left: int
    right_edge: int
    top: int
    bottom_edge: int
    points: tuple[ChartPoint, ...]
    ticks: tuple[GuideLine, ...]
    bands: tuple[GuideLine, ...]

    @property
    def plotted(self) -> list[ChartPoint]:
        return [p for p in self.points if p.y is not None]

    @property
    def polyline(self) -> str:
        return " ".join(f"{p.x},{p.y}" for p in self.plotted)

    @property
    def has_data(self) -> bool:
        return bool(self.plotted)


def _shorten(text: str) -> str:
    return text if len(text) <= LABEL_CHARS else text[: LABEL_CHARS - 1].rstrip() + "…"


def build(entries: Sequence[tuple[str, Decimal | None]]) -> TrendChart:
    """``entries``: (period name, rounded converted IKM or None), oldest first."""
    right_edge = WIDTH - RIGHT
    bottom_edge = HEIGHT - BOTTOM
    plot_h = Decimal(bottom_edge - TOP)

    def y_of(value: Decimal) -> float:
        clamped = min(max(value, Y_MIN), Y_MAX)
        return round(float(bottom_edge - (clamped - Y_MIN) / (Y_MAX - Y_MIN) * plot_h), 1)

    count = len(entries)
    step = (right_edge - LEFT) / count if count else 0
    points = []
    for index, (name, value) in enumerate(entries):
        x = round(LEFT + step * (index + 0.5), 1)
        points.append(
            ChartPoint(
                name=name,
                label=_shorten(name),
                value=value,
                grade=None if value is None else ikm.grade_for(value).letter,
                x=x,
                y=None if value is None else y_of(value),
            )
        )
    bands = tuple(
        GuideLine(value=g.minimum, y=y_of(g.minimum), text=g.letter)
        for g in ikm.GRADES
        if g.minimum is not None
    )
    ticks = tuple(GuideLine(value=v, y=y_of(v), text=str(int(v))) for v in Y_TICKS)
    return TrendChart(
        width=WIDTH,
        height=HEIGHT,
        left=LEFT,
        right_edge=right_edge,
        top=TOP,
        bottom_edge=bottom_edge,
        points=tuple(points),
        ticks=ticks,
        bands=bands,
    )
