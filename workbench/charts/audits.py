"""Audit themes as a chart (pure: a ``ThemesReport`` to a matplotlib ``Figure``, no pyplot).

Left: for each item of the form, how many audited records fell below good (requires
improvement, hatched: inadequate), of how many graded, most often below good first; one bar per
team when there are several. Right: over time, each month's share of graded items below good.

Gids: ``theme-bar:<group>:<item key>``, ``theme-month:<YYYY-MM>``.
"""

from __future__ import annotations

from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator, PercentFormatter

from workbench.audits.themes import ThemesReport
from workbench.charts import style
from workbench.charts._figure import (
    Margins,
    line_height_in,
    new_figure,
    styled,
    text_width_in,
    tidy_axes,
)
from workbench.messages import translatable, translatable_plural

TEAM_COLOURS = (style.BLUE, style.ORANGE, style.GREEN, style.PURPLE, style.SKY_BLUE, style.GREY)
ROW_IN = 0.42


def themes_figure(report: ThemesReport, *, width_in: float = style.A4_WIDTH_IN,
                  tr: style.Words = str) -> Figure:
    """The themes chart; ``tr``: what its own words go through (English for the PDF)."""
    items = list(report.items)
    teams = report.teams() if len(report.teams()) > 1 else []
    groups = teams or [report.scope]
    rows = {(r.group, r.item_key): r for r in (report.by_team if teams else report.items)}
    label_in = min(3.2, 0.25 + max((text_width_in(i.item_title, style.FONT_SIZE) for i in items),
                                   default=1.0))
    top = 0.1 + line_height_in(style.TITLE_SIZE, 1.6)
    bottom = 0.2 + line_height_in(style.FONT_SIZE, 1.2) + line_height_in(style.LABEL_SIZE, 1.4)
    height = max(3.0, top + bottom + len(items) * ROW_IN + 0.3)
    with styled():
        figure = new_figure(width_in, height, Margins(left=label_in, right=0.25, top=top,
                                                      bottom=bottom))
        ax, trend = figure.subplots(1, 2, width_ratios=(2.2, 1))
        figure.subplots_adjust(wspace=0.28)
        for axis in (ax, trend):
            tidy_axes(axis)
        ax.set_title(tr(translatable_plural("workbench.charts", "Records below good, per item (%n audit(s))",
                                            None, report.audits)), loc="left")
        bar = 0.8 / len(groups)
        most = 1
        for g_index, group in enumerate(groups):
            colour = TEAM_COLOURS[g_index % len(TEAM_COLOURS)]
            for i_index, item in enumerate(items):
                row = rows.get((group, item.item_key))
                if row is None:
                    continue
                y = len(items) - 1 - i_index + (len(groups) - 1 - g_index - (len(groups) - 1) / 2) * bar
                ri, inadequate = row.counts[2], row.counts[3]
                ax.barh(y, ri, height=bar * 0.9, color=colour, edgecolor="white", linewidth=0.5,
                        label=tr(group) if i_index == 0 else None,
                        gid=f"theme-bar:{group}:{item.item_key}")
                ax.barh(y, inadequate, left=ri, height=bar * 0.9, color=colour,
                        hatch=style.ESCALATION_HATCH, edgecolor="white", linewidth=0.5)
                most = max(most, row.graded)
                if row.graded:
                    ax.text(ri + inadequate + 0.08, y,
                            tr(translatable("workbench.charts", "%1 of %2").arg(row.below_good, row.graded)),
                            va="center", ha="left", fontsize=style.SMALL_SIZE)
        ax.set_yticks(range(len(items)), [i.item_title for i in reversed(items)])
        ax.set_ylim(-0.6, max(1, len(items)) - 0.4)
        ax.set_xlim(0, most * 1.35)
        ax.xaxis.set_major_locator(MaxNLocator(nbins=5, integer=True))
        ax.set_xlabel(tr(translatable("workbench.charts", "Records below good (hatched: inadequate)")))
        ax.grid(axis="x")
        if teams:
            ax.legend(loc="lower right", borderaxespad=0.1)
        trend.set_title(tr(translatable("workbench.charts", "Below good, by month")), loc="left")
        months = report.months()
        shares = []
        for month in months:
            graded = sum(r.graded for r in report.by_month if r.group == month)
            below = sum(r.below_good for r in report.by_month if r.group == month)
            shares.append(below / graded if graded else 0.0)
        xs = list(range(len(months)))
        trend.plot(xs, shares, color=style.VERMILLION, marker="o", linewidth=style.LINE_WIDTH,
                   markersize=style.MARKER_SIZE, gid="theme-trend")
        for x, month, share in zip(xs, months, shares, strict=True):
            trend.plot([x], [share], linestyle="none", marker="o", color=style.VERMILLION,
                       markersize=style.MARKER_SIZE, gid=f"theme-month:{month}")
        trend.set_xticks(xs, [m[2:] for m in months] if len(months) > 4 else months)
        trend.set_xlim(-0.5, max(0, len(months) - 1) + 0.5)
        trend.set_ylim(0, 1.05)
        trend.yaxis.set_major_formatter(PercentFormatter(1.0))
        trend.set_xlabel(tr(translatable("workbench.charts", "Month of the audited meeting")))
        trend.grid(axis="y")
    return figure
