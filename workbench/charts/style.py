"""One look for every chart: palette, markers, line styles, fonts and sizes.

Plain data, no matplotlib import: the builders read it when a chart is drawn.

- Colours are Okabe & Ito's colour-blind-safe set (yellow left out: it vanishes on white);
  every series also differs in line style or marker shape, so a greyscale print still tells
  them apart.
- DejaVu Sans ships with matplotlib, so text measures and renders the same on every machine
  (the reference images depend on it).
- Sizes are for A4: the figures are 170 mm wide, the width of an A4 page inside 20 mm margins,
  and text is never smaller than 8 pt there.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from db.enums import RaterRole
from workbench.messages import Message, translatable

#: What a chart's own words (titles, axis labels, legends, notes) go through before they are
#: drawn: ``str`` keeps the English (the PDF, the command line); the UI passes
#: ``ui.i18n.translated``, so a chart on screen is drawn, and laid out, in the user's language.
#: The words are :class:`workbench.messages.Message` objects (context ``workbench.charts``).
Words = Callable[[str], str]

# Okabe-Ito
BLACK = "#000000"
ORANGE = "#E69F00"
SKY_BLUE = "#56B4E9"
GREEN = "#009E73"
BLUE = "#0072B2"
VERMILLION = "#D55E00"
PURPLE = "#CC79A7"
GREY = "#777777"
LIGHT_GREY = "#DDDDDD"

#: The escalation zone's shading; light enough for black text and markers on top of it.
ESCALATION_COLOUR = VERMILLION
ESCALATION_ALPHA = 0.13
ESCALATION_HATCH = "////"
# A group consultation's spread of scores (workbench.charts.scale_history).
GROUP_COLOUR = "#444444"

#: Worries cycle through these (colour, line style) pairs; the case as a whole has its own.
WORRY_STYLES: tuple[tuple[str, Any], ...] = (
    (BLUE, "solid"),
    (VERMILLION, (0, (6, 2))),
    (GREEN, (0, (6, 2, 1.5, 2))),
    (PURPLE, (0, (1.5, 1.5))),
    (ORANGE, (0, (6, 1.5, 1.5, 1.5, 1.5, 1.5))),
    (SKY_BLUE, (0, (3, 3))),
)
WHOLE_CASE_STYLE: tuple[str, Any] = (BLACK, (0, (10, 3)))

#: Marker shape per rater: shapes differ in outline, not only in colour.
RATER_MARKERS: dict[RaterRole, str] = {
    RaterRole.WORKER: "o",
    RaterRole.SUPERVISOR: "s",
    RaterRole.PARENT: "^",
    RaterRole.CHILD: "D",
    RaterRole.NETWORK: "P",
    RaterRole.PROFESSIONAL: "v",
}
#: Each voice's own thin line through its scores differs in dash pattern as well as marker.
RATER_LINESTYLES: dict[RaterRole, Any] = {
    RaterRole.WORKER: (0, (4, 1.5)),
    RaterRole.SUPERVISOR: (0, (1, 1.5)),
    RaterRole.PARENT: (0, (5, 2, 1, 2)),
    RaterRole.CHILD: (0, (2, 2)),
    RaterRole.NETWORK: (0, (6, 2, 1, 2, 1, 2)),
    RaterRole.PROFESSIONAL: (0, (8, 2)),
}
RATER_LINE_WIDTH = 0.9
#: Where the scale's wording changed (e.g. a child became looked after) the lines break here.
VARIANT_BREAK_COLOUR = "#444444"
RATER_LABELS: dict[RaterRole, Message] = {
    RaterRole.WORKER: translatable("workbench.charts", "Worker"),
    RaterRole.SUPERVISOR: translatable("workbench.charts", "Manager / supervisor"),
    RaterRole.PARENT: translatable("workbench.charts", "Parent"),
    RaterRole.CHILD: translatable("workbench.charts", "Child"),
    RaterRole.NETWORK: translatable("workbench.charts", "Safety network"),
    RaterRole.PROFESSIONAL: translatable("workbench.charts", "Other professional"),
}
#: Raters who scored at the same session sit this many points apart, centred on the date,
#: so equal scores stay visible.
RATER_SPACING_PT = 4.0
#: A closed worry's line ends with this marker.
CLOSED_MARKER = "X"

FONT_FAMILY = "DejaVu Sans"
FONT_SIZE = 8.5
LABEL_SIZE = 9.0
TITLE_SIZE = 10.5
SMALL_SIZE = 8.0
LINE_WIDTH = 1.8
MARKER_SIZE = 6.0

A4_WIDTH_IN = 170 / 25.4
SCREEN_DPI = 100

#: matplotlib settings every builder runs under (``matplotlib.rc_context``).
RC: dict[str, Any] = {
    "font.family": "sans-serif",
    "font.sans-serif": [FONT_FAMILY],
    "font.size": FONT_SIZE,
    "axes.titlesize": TITLE_SIZE,
    "axes.labelsize": LABEL_SIZE,
    "axes.edgecolor": "#444444",
    "axes.linewidth": 0.8,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "xtick.labelsize": FONT_SIZE,
    "ytick.labelsize": FONT_SIZE,
    "xtick.color": "#333333",
    "ytick.color": "#333333",
    "legend.fontsize": SMALL_SIZE,
    "legend.frameon": False,
    "lines.linewidth": LINE_WIDTH,
    "lines.markersize": MARKER_SIZE,
    "grid.color": LIGHT_GREY,
    "grid.linewidth": 0.6,
    "svg.fonttype": "none",
    "pdf.fonttype": 42,
    "figure.dpi": SCREEN_DPI,
    "savefig.dpi": 200,
    "text.hinting": "default",
    "axes.unicode_minus": True,
}


def worry_style(index: int) -> tuple[str, Any]:
    """The (colour, line style) of the ``index``-th worry of a chart."""
    return WORRY_STYLES[index % len(WORRY_STYLES)]


def date_label(day: dt.date | dt.datetime) -> str:
    """A session date as charts and summaries print it: '3 Mar 2026'."""
    return f"{day.day} {day:%b %Y}"


def score_text(value: float) -> str:
    """A score as people say it: 5, or 4.5 for a mean."""
    rounded = round(value, 1)
    return f"{rounded:.0f}" if rounded == int(rounded) else f"{rounded:.1f}"
