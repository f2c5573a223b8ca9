"""The completeness of the optional items as a chart: one bar per optional question, the share of
the records (or children discussed) where it was answered, least often first. A pure builder, as
every chart here (no pyplot); the Oversight screen shows it, the oversight report's PDF renders it.

Gids: ``completeness-bar:<level>:<index>``.
"""

from __future__ import annotations

import textwrap

from matplotlib.figure import Figure

from workbench.charts import style
from workbench.charts._figure import Margins, line_height_in, new_figure, styled, tidy_axes
from workbench.messages import translatable
from workbench.oversight.completeness import Completeness

ROW_IN = 0.36  # two lines of label a row
LABEL_CHARACTERS = 34
LEFT_IN = 2.5


def _label(wording: str) -> str:
    short = textwrap.shorten(wording, LABEL_CHARACTERS * 2, placeholder="…")
    return "\n".join(textwrap.wrap(short, LABEL_CHARACTERS)[:2])


def completeness_figure(completeness: Completeness, *, width_in: float = style.A4_WIDTH_IN,
                        tr: style.Words = str) -> Figure:
    """Each optional item's share answered, labelled "n of m"; child-level items in blue, session
    -level ones in green. An empty period draws an empty frame that says so. ``tr``: what its own
    words go through (the item wordings are the question set's, shown as written)."""
    items = completeness.items
    rows = max(1, len(items))
    top = 0.06 + line_height_in(style.TITLE_SIZE, 1.6)
    bottom = 0.12 + line_height_in(style.FONT_SIZE, 1.2) + line_height_in(style.LABEL_SIZE, 1.2)
    margins = Margins(left=LEFT_IN, right=0.25, top=top, bottom=bottom)
    height = top + bottom + rows * ROW_IN + 0.2
    with styled():
        figure = new_figure(width_in, max(2.0, height), margins)
        ax = figure.add_subplot()
        tidy_axes(ax)
        ax.set_title(tr(translatable("workbench.charts", "Optional items answered in the signed records")),
                     loc="left")
        ys = [len(items) - 1 - index for index in range(len(items))]
        percents = [0.0 if item.share is None else item.share * 100 for item in items]
        bars = ax.barh(ys, percents, height=0.6, edgecolor="white", linewidth=0.5,
                       color=[style.GREEN if item.level == "session" else style.BLUE
                              for item in items])
        names = ax.get_yaxis_transform()
        for index, (bar, item, percent, y) in enumerate(zip(bars, items, percents, ys, strict=True)):
            bar.set_gid(f"completeness-bar:{item.level}:{index}")
            ax.text(percent + 1.5, y, tr(translatable("workbench.charts", "%1 of %2 (%3%)").arg(
                    f"{item.answered:,}", f"{item.asked:,}", f"{percent:.0f}")),
                    va="center", ha="left", fontsize=style.SMALL_SIZE)
            ax.text(-0.012, y, _label(item.wording), transform=names, va="center", ha="right",
                    fontsize=style.SMALL_SIZE, family=style.FONT_FAMILY, linespacing=1.0)
        if not items:
            ax.text(50, 0, tr(translatable("workbench.charts",
                                           "No signed records with optional items in the period")),
                    ha="center",
                    va="center", fontsize=style.FONT_SIZE)
        ax.set_yticks([])
        ax.set_ylim(-0.6, rows - 0.4)
        ax.set_xlim(0, 135)
        ax.set_xticks([0, 25, 50, 75, 100], ["0%", "25%", "50%", "75%", "100%"])
        ax.set_xlabel(tr(translatable("workbench.charts", "Share answered (blue: for each child discussed; "
                                                               "green: once a session)")))
        ax.grid(axis="x")
    return figure
