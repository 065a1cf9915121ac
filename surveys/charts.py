"""The geometry of the profile's bar chart, drawn as inline SVG.

The chart repeats the table beside it, which is the accessible source of the figures: the SVG is hidden
from assistive technology. Suppressed figures get no bar, only the words the table uses.
"""

from dataclasses import dataclass

from .services import SUPPRESSED_AVERAGE, SUPPRESSED_SCHOOL, format_percentage

WIDTH = 640
BAR_AREA = 520  # the width of a bar at 100%, leaving room for its value
BAR_HEIGHT = 16
GROUP_HEIGHT = 70
TOP = 10


@dataclass(frozen=True)
class Bar:
    y: int
    width: float
    label: str
    shown: bool

    @property
    def text_x(self):
        return self.width + 6

    @property
    def text_y(self):
        return self.y + BAR_HEIGHT - 3


@dataclass(frozen=True)
class Group:
    name: str
    label_y: int
    school: Bar
    borough: Bar


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    bar_height: int
    groups: list


def _bar(y, percentage, suppressed_text):
    if percentage is None:
        return Bar(y, 0, suppressed_text, False)
    return Bar(y, round(BAR_AREA * percentage / 100, 1), format_percentage(percentage), True)


def bar_chart(rows):
    """A chart of the rows' school and borough percentages, or None when there are no rows."""
    if not rows:
        return None
    groups = []
    for index, row in enumerate(rows):
        top = TOP + index * GROUP_HEIGHT
        groups.append(
            Group(
                name=row.indicator.name,
                label_y=top + 14,
                school=_bar(top + 22, row.school.percentage, SUPPRESSED_SCHOOL),
                borough=_bar(top + 22 + BAR_HEIGHT + 4, row.borough.percentage, SUPPRESSED_AVERAGE),
            )
        )
    return Chart(WIDTH, TOP + len(rows) * GROUP_HEIGHT, BAR_HEIGHT, groups)
