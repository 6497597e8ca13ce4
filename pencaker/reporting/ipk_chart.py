"""Geometry of the IPK chart: job seekers left at the end of the period (column 5 of
III/1) per age group, men and women side by side, as an inline SVG bar chart.

Pure computation; ``templates/reporting/_ipk_chart.html`` draws it without JavaScript.
The table next to it carries the same figures for screen readers and for copying.
"""

from __future__ import annotations

from dataclasses import dataclass

from pencaker.reporting.ipk import IpkReport

WIDTH = 640
HEIGHT = 300
LEFT = 56
RIGHT = 16
TOP = 28
BOTTOM = 44
BAR_GAP = 4
TICKS = 4


@dataclass(frozen=True)
class Bar:
    sex: str
    value: int
    x: float
    y: float
    width: float
    height: float

    @property
    def label_x(self) -> float:
        return round(self.x + self.width / 2, 1)


@dataclass(frozen=True)
class Group:
    label: str
    x: float  # centre
    bars: tuple[Bar, ...]


@dataclass(frozen=True)
class Tick:
    value: int
    y: float


@dataclass(frozen=True)
class IpkChart:
    width: int
    height: int
    left: int
    right_edge: int
    top: int
    bottom_edge: int
    groups: tuple[Group, ...]
    ticks: tuple[Tick, ...]

    @property
    def has_data(self) -> bool:
        return any(bar.value for group in self.groups for bar in group.bars)


def _nice_max(value: int) -> int:
    if value <= 0:
        return 1
    magnitude = 10 ** (len(str(value)) - 1)
    for step in (1, 2, 2.5, 5, 10):
        top = int(step * magnitude)
        if top >= value:
            return top
    return value


def build(report: IpkReport) -> IpkChart:
    right_edge, bottom_edge = WIDTH - RIGHT, HEIGHT - BOTTOM
    rows = report.rows
    top_value = _nice_max(max((r.by_sex(s).left_end for r in rows for s in ("M", "F")), default=0))
    plot_h = bottom_edge - TOP
    step = (right_edge - LEFT) / max(len(rows), 1)
    bar_w = round(min(step * 0.35, 48), 1)

    def y_of(value: int) -> float:
        return round(bottom_edge - max(value, 0) / top_value * plot_h, 1)

    groups = []
    for index, row in enumerate(rows):
        centre = LEFT + step * (index + 0.5)
        bars = []
        for offset, sex in ((-1, "M"), (0, "F")):
            value = row.by_sex(sex).left_end
            x = round(
                centre + offset * (bar_w + BAR_GAP / 2) + (BAR_GAP / 2 if offset == 0 else 0), 1
            )
            y = y_of(value)
            bars.append(Bar(sex, value, x, y, bar_w, round(bottom_edge - y, 1)))
        groups.append(Group(row.label, round(centre, 1), tuple(bars)))
    ticks = tuple(
        Tick(top_value * i // TICKS, y_of(top_value * i // TICKS)) for i in range(TICKS + 1)
    )
    return IpkChart(WIDTH, HEIGHT, LEFT, right_edge, TOP, bottom_edge, tuple(groups), ticks)
