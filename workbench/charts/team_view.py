"""The team view for practice leads: how the team's latest scores are spread, what share of
open cases has a score, and how the team's scores moved month by month.

Gids: ``distribution-bar:<score>``, ``share-scored``, ``share-unscored``, ``month-mean``,
``month-median``, ``escalation-zone``.
"""

from __future__ import annotations

import math

from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from workbench.caseload_scores import TeamView
from workbench.charts import style
from workbench.charts._figure import Margins, line_height_in, new_figure, styled, tidy_axes
from workbench.history import ESCALATION_THRESHOLD
from workbench.messages import translatable, translatable_plural

HEIGHT_IN = 5.2
EDGE_IN = 0.06
PANEL_GAP_IN = 0.8  # between the two rows: the top panels' axis label, the bottom panel's title
COLUMN_GAP_IN = 0.75


def month_label(view: TeamView, index: int) -> str:
    month = view.months[index]
    return f"{month.month:%b}\n{month.month:%Y}\n({month.cases_scored})"


def team_view_figure(view: TeamView, *, width_in: float = style.A4_WIDTH_IN,
                     tr: style.Words = str) -> Figure:
    """Three panels: distribution of latest scores, share scored, month-by-month mean and median."""
    top = EDGE_IN + line_height_in(style.TITLE_SIZE, 1.5)
    bottom = EDGE_IN + 0.12 + line_height_in(style.FONT_SIZE, 3) + line_height_in(style.LABEL_SIZE)
    left, right = 0.6, 0.2
    axes_height = (HEIGHT_IN - top - bottom - PANEL_GAP_IN) / 2
    axes_width = (width_in - left - right - COLUMN_GAP_IN) / 2
    margins = Margins(left=left, right=right, top=top, bottom=bottom,
                      wspace=COLUMN_GAP_IN / axes_width, hspace=PANEL_GAP_IN / axes_height)
    with styled():
        figure = new_figure(width_in, HEIGHT_IN, margins)
        grid = figure.add_gridspec(2, 2, width_ratios=(3.2, 1), height_ratios=(1, 1))
        distribution = figure.add_subplot(grid[0, 0])
        share = figure.add_subplot(grid[0, 1])
        monthly = figure.add_subplot(grid[1, :])
        for ax in (distribution, share, monthly):
            tidy_axes(ax)
        _distribution(distribution, view, tr)
        _share(share, view, tr)
        _monthly(monthly, view, tr)
    return figure


def _distribution(ax: Axes, view: TeamView, tr: style.Words) -> None:
    ax.set_title(tr(translatable("workbench.charts", "Latest score of each open case")), loc="left")
    for score, count in enumerate(view.distribution):
        escalate = score <= ESCALATION_THRESHOLD
        ax.bar(score, count, width=0.75, color=style.VERMILLION if escalate else style.BLUE,
               hatch=style.ESCALATION_HATCH if escalate else None, edgecolor="white", linewidth=0.5,
               gid=f"distribution-bar:{score}")
        if count:
            ax.text(score, count, str(count), ha="center", va="bottom", fontsize=style.SMALL_SIZE)
    ax.set_xticks(range(0, 11))
    ax.set_xlim(-0.6, 10.6)
    peak = max(view.distribution, default=0)
    ax.set_ylim(0, max(1, math.ceil(peak * 1.18)))
    ax.yaxis.set_major_locator(MaxNLocator(nbins=5, integer=True))
    ax.set_xlabel(tr(translatable("workbench.charts", "Safety score (0–%1: escalation zone, hatched)")
                     .arg(ESCALATION_THRESHOLD)))
    ax.set_ylabel(tr(translatable("workbench.charts", "Open cases")))
    ax.grid(axis="y")


def _share(ax: Axes, view: TeamView, tr: style.Words) -> None:
    ax.set_title(tr(translatable("workbench.charts", "Scored")), loc="left")
    share = view.share_scored or 0.0
    ax.bar([0], [share], width=0.8, color=style.BLUE, gid="share-scored")
    ax.bar([0], [1 - share], bottom=[share], width=0.8, color=style.LIGHT_GREY,
           hatch="...", edgecolor="white", linewidth=0.5, gid="share-unscored")
    ax.set_xlim(-0.5, 2.2)
    ax.set_ylim(0, 1.0)
    ax.set_xticks([])
    ax.set_yticks([0, 0.5, 1.0], ["0%", "50%", "100%"])
    if view.open_cases:
        text = tr(translatable_plural("workbench.charts", "%1\n%2 of %n\nopen case(s)", None,
                                      view.open_cases).arg(f"{share:.0%}", view.scored_cases))
    else:
        text = tr(translatable("workbench.charts", "No open\ncases"))
    ax.text(0.52, 0.5, text, ha="left", va="center",
            fontsize=style.FONT_SIZE, clip_on=False, gid="share-text")


def _monthly(ax: Axes, view: TeamView, tr: style.Words) -> None:
    ax.set_title(tr(translatable("workbench.charts", "Team's scores month by month (cases scored)")),
                 loc="left")
    ax.axhspan(0, ESCALATION_THRESHOLD, facecolor=style.ESCALATION_COLOUR,
               alpha=style.ESCALATION_ALPHA, edgecolor="none", gid="escalation-zone")
    xs = list(range(len(view.months)))
    means = [math.nan if m.mean is None else m.mean for m in view.months]
    medians = [math.nan if m.median is None else m.median for m in view.months]
    ax.plot(xs, means, color=style.BLUE, marker="o", linestyle="solid",
            label=tr(translatable("workbench.charts", "Mean")),
            gid="month-mean", zorder=3)
    ax.plot(xs, medians, color=style.VERMILLION, marker="s", linestyle=(0, (5, 2)),
            label=tr(translatable("workbench.charts", "Median")),
            gid="month-median", zorder=3)
    ax.set_xticks(xs, [month_label(view, i) for i in xs])
    ax.set_xlim(-0.5, max(len(xs), 1) - 0.5)
    ax.set_ylim(-0.6, 10.6)
    ax.set_yticks(range(0, 11, 2))
    ax.set_ylabel(tr(translatable("workbench.charts", "Safety score")))
    ax.grid(axis="y")
    ax.legend(loc="lower right", bbox_to_anchor=(1.0, 1.0), ncols=2, borderaxespad=0.1,
              handlelength=2.6)
