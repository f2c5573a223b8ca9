"""The oversight figures as charts: one pure builder per figure, from an ``OversightReport`` to a
matplotlib ``Figure`` (no pyplot), in the house style.

No chart averages safety scores across children: scores are shown as the spread of latest
scores and the count of cases whose score rose, held or fell.

Gids: ``worker-bar:<worker id>``, ``band-bar:<figure>:<index>``, ``score-bar:<score>``,
``movement-bar:<name>``, ``due-line``, ``coverage-bar:<worker id>`` (a total's:
``coverage-bar:total:<name>``), ``tool-bar:<tool>``.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from workbench.charts import style
from workbench.charts._figure import Margins, line_height_in, new_figure, styled, tidy_axes
from workbench.history import ESCALATION_THRESHOLD
from workbench.messages import Message, translatable, translatable_plural
from workbench.oversight.report import (
    DIRECT_WORK_TOOLS,
    FIGURES,
    STATE_AWAITING_COUNTERSIGNATURE,
    STATE_AWAITING_SIGNATURE,
    STATE_DRAFT,
    OversightReport,
    WorkerSupervision,
)

#: Ages and lateness in days, banded so a long list still reads at a glance.
AGE_BANDS: tuple[tuple[str, int, int], ...] = (
    ("0–7", 0, 7), ("8–14", 8, 14), ("15–28", 15, 28), ("29–56", 29, 56), ("57+", 57, 10**9))
HEIGHT_IN = 3.0
ROW_IN = 0.24
#: The workers chart shows at most this many workers, the soonest due (the most overdue, the
#: never supervised) first chosen; the table above it lists every worker. As with the caseload
#: glance (``MAX_GLANCE_ROWS``): a hundred rows is a 25-inch chart, nothing to take in at a
#: glance, and matplotlib drew it in over half a second.
MAX_WORKER_ROWS = 20


def soonest_due(report: OversightReport) -> tuple[WorkerSupervision, ...]:
    """The workers the chart shows: every one, or the MAX_WORKER_ROWS soonest due (never
    supervised first, then the most overdue), in the report's order."""
    workers = report.workers
    if len(workers) <= MAX_WORKER_ROWS:
        return workers
    ranked = sorted(range(len(workers)), key=lambda i: (
        workers[i].next_due is not None, workers[i].next_due or report.as_of, i))
    chosen = set(ranked[:MAX_WORKER_ROWS])
    return tuple(w for i, w in enumerate(workers) if i in chosen)


def band_counts(values: Sequence[int | None]) -> list[int]:
    """How many ``values`` fall in each of AGE_BANDS, then how many have none (last)."""
    counts = [0] * (len(AGE_BANDS) + 1)
    for value in values:
        if value is None:
            counts[-1] += 1
            continue
        for index, (_label, low, high) in enumerate(AGE_BANDS):
            if low <= value <= high:
                counts[index] += 1
                break
    return counts


def _margins(width_in: float, left: float = 0.6) -> Margins:
    top = 0.06 + line_height_in(style.TITLE_SIZE, 1.6)
    bottom = 0.12 + line_height_in(style.FONT_SIZE, 1.2) + line_height_in(style.LABEL_SIZE, 1.2)
    return Margins(left=left, right=0.25, top=top, bottom=bottom)


def _bars(ax: Axes, labels: Sequence[str], series: Sequence[tuple[str, Sequence[int], str, str | None]],
          figure_key: str, tr: style.Words) -> None:
    """Stacked vertical bars with their totals on top: series of (label, counts, colour, hatch);
    a series' English name is in its bars' gid, its name as shown (``tr``) in the legend."""
    xs = range(len(labels))
    bottoms = [0] * len(labels)
    for name, counts, colour, hatch in series:
        ax.bar(xs, counts, bottom=bottoms, width=0.7, color=colour, hatch=hatch,
               edgecolor="white", linewidth=0.5, label=tr(name),
               gid=f"band-bar:{figure_key}:{name}")
        bottoms = [b + c for b, c in zip(bottoms, counts, strict=True)]
    for x, total in zip(xs, bottoms, strict=True):
        if total:
            ax.text(x, total, str(total), ha="center", va="bottom", fontsize=style.SMALL_SIZE)
    ax.set_xticks(list(xs), [tr(label) for label in labels])
    ax.set_xlim(-0.6, len(labels) - 0.4)
    ax.set_ylim(0, max(1, math.ceil(max(bottoms, default=0) * 1.2)))
    ax.yaxis.set_major_locator(MaxNLocator(nbins=5, integer=True))
    ax.grid(axis="y")
    if len(series) > 1:
        ax.legend(loc="upper right", ncols=len(series), borderaxespad=0.1)


def _band_figure(title: str, xlabel: str, series: Sequence[tuple[str, Sequence[int], str, str | None]],
                 figure_key: str, *, width_in: float, tr: style.Words, never: str | None = None) -> Figure:
    labels = [label for label, _low, _high in AGE_BANDS]
    if never is not None:
        labels.append(never)
    else:
        series = [(n, list(c)[:-1], colour, h) for n, c, colour, h in series]
    with styled():
        figure = new_figure(width_in, HEIGHT_IN, _margins(width_in))
        ax = figure.add_subplot()
        tidy_axes(ax)
        ax.set_title(tr(title), loc="left")
        _bars(ax, labels, series, figure_key, tr)
        ax.set_xlabel(tr(xlabel))
        ax.set_ylabel(tr(translatable("workbench.charts", "Count")))
    return figure


def workers_figure(report: OversightReport, *, width_in: float = style.A4_WIDTH_IN,
                   tr: style.Words = str) -> Figure:
    """Days until each worker's next supervision is due: below zero (hatched) is overdue; the
    shaded band is the policy's "upcoming" window. Never supervised: drawn at the far left.
    Past MAX_WORKER_ROWS workers, the soonest due (:func:`soonest_due`), as the title says."""
    workers = soonest_due(report)
    rows = max(1, len(workers))
    left = 0.3 + max((len(w.worker_name) for w in workers), default=6) * 0.075
    margins = _margins(width_in, left=min(2.4, left))
    height = margins.top + margins.bottom + rows * ROW_IN + 0.2
    with styled():
        figure = new_figure(width_in, max(HEIGHT_IN * 0.8, height), margins)
        ax = figure.add_subplot()
        tidy_axes(ax)
        title = translatable("workbench.charts", "Days until each worker's next supervision is due")
        if len(workers) < len(report.workers):
            title = translatable("workbench.charts", "Days until each worker's next supervision is due: "
                                                     "the %1 soonest of %2").arg(len(workers),
                                                                                 len(report.workers))
        ax.set_title(tr(title), loc="left", gid="workers-title")
        gaps = [None if w.next_due is None else (w.next_due - report.as_of).days for w in workers]
        known = [g for g in gaps if g is not None]
        low = min([-7, *known]) - 3
        high = max([report.policy.upcoming_days + 7, *known]) + 3
        ax.axvspan(0, report.policy.upcoming_days, facecolor=style.SKY_BLUE, alpha=0.15,
                   edgecolor="none")
        ax.axvline(0, color=style.BLACK, linewidth=0.8, gid="due-line")
        # One bar call and plain texts: a hundred workers drew in ~0.6 s with a call, a tick
        # and a label each (matplotlib's ticks are heavy); this draws the same in a fraction.
        ys = [len(workers) - 1 - index for index in range(len(workers))]
        values = [low if gap is None else gap for gap in gaps]
        late = [gap is None or gap < 0 for gap in gaps]
        bars = ax.barh(ys, values, height=0.65, color=[style.VERMILLION if overdue else style.BLUE
                                                       for overdue in late],
                       edgecolor="white", linewidth=0.5)
        names = ax.get_yaxis_transform()  # x in the axes' width, y in rows
        for bar, worker, gap, value, y, overdue in zip(bars, workers, gaps, values, ys, late,
                                                       strict=True):
            bar.set_gid(f"worker-bar:{worker.worker_id}")
            if overdue:
                bar.set_hatch(style.ESCALATION_HATCH)
            text = (translatable("workbench.charts", "never supervised") if gap is None
                    else translatable_plural("workbench.charts", "%n day(s) overdue", None, -gap) if gap < 0
                    else translatable_plural("workbench.charts", "due in %n day(s)", None, gap))
            ax.text(value + (1 if value >= 0 else -1), y, tr(text), va="center",
                    ha="left" if value >= 0 else "right", fontsize=style.SMALL_SIZE)
            ax.text(-0.012, y, worker.worker_name, transform=names, va="center", ha="right",
                    fontsize=style.FONT_SIZE, family=style.FONT_FAMILY, gid="worker-name")
        ax.set_yticks([])
        ax.set_ylim(-0.6, rows - 0.4)
        ax.set_xlim(low * 1.6 if low < 0 else low, high * 1.3)
        ax.set_xlabel(tr(translatable_plural("workbench.charts",
                                             "Days from %1 (shaded: due within %n day(s))",
                                             None, report.policy.upcoming_days)
                         .arg(style.date_label(report.as_of))))
        ax.grid(axis="x")
    return figure


def scores_figure(report: OversightReport, *, width_in: float = style.A4_WIDTH_IN,
                  tr: style.Words = str) -> Figure:
    """The spread of open cases' latest scores, and how many rose, held or fell since the score
    before (counts of children, never an average across them)."""
    margins = _margins(width_in)
    gap_in = 0.8
    axes_width = width_in - margins.left - margins.right - gap_in
    margins = Margins(left=margins.left, right=margins.right, top=margins.top,
                      bottom=margins.bottom, wspace=gap_in / (axes_width / 2))
    with styled():
        figure = new_figure(width_in, HEIGHT_IN, margins)
        grid = figure.add_gridspec(1, 2, width_ratios=(1.6, 1))
        spread, moved = figure.add_subplot(grid[0, 0]), figure.add_subplot(grid[0, 1])
        for ax in (spread, moved):
            tidy_axes(ax)
        spread.set_title(tr(translatable("workbench.charts", "Latest score of each open case")), loc="left")
        for score, count in enumerate(report.distribution):
            escalate = score <= ESCALATION_THRESHOLD
            spread.bar(score, count, width=0.75, color=style.VERMILLION if escalate else style.BLUE,
                       hatch=style.ESCALATION_HATCH if escalate else None, edgecolor="white",
                       linewidth=0.5, gid=f"score-bar:{score}")
            if count:
                spread.text(score, count, str(count), ha="center", va="bottom",
                            fontsize=style.SMALL_SIZE)
        spread.set_xticks(range(11))
        spread.set_xlim(-0.6, 10.6)
        spread.set_ylim(0, max(1, math.ceil(max(report.distribution, default=0) * 1.2)))
        spread.yaxis.set_major_locator(MaxNLocator(nbins=5, integer=True))
        spread.set_xlabel(tr(translatable("workbench.charts", "Safety score (hatched: escalation zone)")))
        spread.set_ylabel(tr(translatable("workbench.charts", "Open cases")))
        spread.grid(axis="y")
        m = report.movements
        moved.set_title(tr(translatable("workbench.charts", "Since the score before")), loc="left")
        names = [translatable("workbench.charts", "Rising"), translatable("workbench.charts", "Steady"),
                 translatable("workbench.charts", "Falling"), translatable("workbench.charts", "Once"),
                 translatable("workbench.charts", "None")]
        values = [m.rising, m.steady, m.falling, m.one_score, m.unscored]
        colours = [style.GREEN, style.GREY, style.VERMILLION, style.LIGHT_GREY, style.LIGHT_GREY]
        for x, (name, value, colour) in enumerate(zip(names, values, colours, strict=True)):
            moved.bar(x, value, width=0.7, color=colour, edgecolor="white",
                      hatch="..." if name in ("Once", "None") else None,
                      gid=f"movement-bar:{name.lower()}")
            if value:
                moved.text(x, value, str(value), ha="center", va="bottom", fontsize=style.SMALL_SIZE)
        moved.set_xticks(range(len(names)), [tr(name) for name in names])
        moved.set_ylim(0, max(1, math.ceil(max(values) * 1.2)))
        moved.yaxis.set_major_locator(MaxNLocator(nbins=5, integer=True))
        moved.set_xlabel(tr(translatable("workbench.charts", "Open cases")))
        moved.grid(axis="y")
    return figure


def oversight_figure(report: OversightReport, key: str, *,
                     width_in: float = style.A4_WIDTH_IN, tr: style.Words = str) -> Figure:
    """The chart of figure ``key`` (one of FIGURES); ``tr``: what its words go through."""
    if key == "workers":
        return workers_figure(report, width_in=width_in, tr=tr)
    if key == "scores":
        return scores_figure(report, width_in=width_in, tr=tr)
    days_overdue = translatable("workbench.charts", "Days overdue")
    if key == "children":
        days = [c.days_overdue for c in report.children_overdue]
        return _band_figure(translatable("workbench.charts", "Children not discussed within their interval"),
                            days_overdue, [(translatable("workbench.charts", "Children"), band_counts(days),
                                            style.VERMILLION, None)], key,
                            width_in=width_in, tr=tr, never=translatable("workbench.charts", "never"))
    if key == "notes":
        series = []
        for state, colour, hatch in ((STATE_DRAFT, style.LIGHT_GREY, "..."),
                                     (STATE_AWAITING_SIGNATURE, style.ORANGE, None),
                                     (STATE_AWAITING_COUNTERSIGNATURE, style.BLUE, None)):
            ages = [n.age_days for n in report.pending_notes if n.state == state]
            series.append((state, band_counts(ages), colour, hatch))
        return _band_figure(translatable("workbench.charts",
                                         "Notes not yet final, by how long they have waited"),
                            translatable("workbench.charts", "Days waiting"), series, key, width_in=width_in,
                            tr=tr)
    if key == "disagreements":
        ages = [d.age_days for d in report.open_disagreements]
        return _band_figure(translatable("workbench.charts", "Open disagreements, by age"),
                            translatable("workbench.charts", "Days since recorded"),
                            [(translatable("workbench.charts", "Disagreements"), band_counts(ages),
                              style.PURPLE, None)], key, width_in=width_in, tr=tr)
    if key == "actions":
        late = [a.days_overdue for a in report.overdue_actions]
        return _band_figure(translatable("workbench.charts", "Actions past their date"), days_overdue,
                            [(translatable("workbench.charts", "Actions"), band_counts(late),
                              style.VERMILLION, None)], key, width_in=width_in, tr=tr)
    if key == "patterns":
        return _patterns_figure(report, width_in=width_in, tr=tr)
    if key == "direct_work":
        return direct_work_figure(report, width_in=width_in, tr=tr)
    if key == "completeness":
        from workbench.charts.completeness import completeness_figure

        return completeness_figure(report.completeness, width_in=width_in, tr=tr)
    raise ValueError(f"no oversight figure called {key!r}; the figures are {', '.join(FIGURES)}")


def _patterns_figure(report: OversightReport, *, width_in: float, tr: style.Words) -> Figure:
    from workbench.oversight.report import (
        BETWEEN_FAMILY_PROFESSIONALS,
        BETWEEN_WORKER_MANAGER,
        STUCK_FLAT,
        STUCK_LOW,
    )

    labels = [translatable("workbench.charts", "No movement"),
              translatable("workbench.charts", "Low, not rising"),
              translatable("workbench.charts", "Worker v manager"),
              translatable("workbench.charts", "Family v professionals")]
    counts = [sum(c.reason == STUCK_FLAT for c in report.stuck_cases),
              sum(c.reason == STUCK_LOW for c in report.stuck_cases),
              sum(d.between == BETWEEN_WORKER_MANAGER for d in report.divergences),
              sum(d.between == BETWEEN_FAMILY_PROFESSIONALS for d in report.divergences)]
    with styled():
        figure = new_figure(width_in, HEIGHT_IN, _margins(width_in))
        ax = figure.add_subplot()
        tidy_axes(ax)
        ax.set_title(tr(translatable("workbench.charts", "Stuck cases and lasting divergence")), loc="left")
        cases = translatable("workbench.charts", "Cases")
        _bars(ax, labels, [(cases, counts, style.ORANGE, None)], "patterns", tr)
        policy = report.policy
        ax.set_xlabel(tr(translatable("workbench.charts",
                                      "Stuck: same score %1 sessions running, or ≤ %2 and not rising; "
                                      "divergence: ≥ %3 apart %4 sessions running")
                         .arg(policy.stuck_sessions, f"{policy.low_score:g}", f"{policy.divergence:g}",
                              policy.divergence_sessions)))
        ax.set_ylabel(tr(translatable("workbench.charts", "Open cases")))
    return figure


def _two_lines(label: str) -> str:
    """A tool's name broken before its last word, so four fit side by side."""
    head, _space, last = label.rpartition(" ")
    return f"{head}\n{last}" if head else label


def direct_work_figure(report: OversightReport, *, width_in: float = style.A4_WIDTH_IN,
                       tr: style.Words = str) -> Figure:
    """Left: each worker's share of open children with direct work in the window (the totals
    last, grey), labelled "n of m". Right: how many of the scope's open children had each tool.
    Counts of children only; no score enters this chart."""
    coverage = report.direct_work
    rows = coverage.rows
    count = max(1, len(rows))
    left = 0.3 + max((len(r.worker_name) for r in rows), default=6) * 0.075
    margins = _margins(width_in, left=min(2.4, left))
    margins = Margins(left=margins.left, right=margins.right, top=margins.top,
                      bottom=margins.bottom + line_height_in(style.FONT_SIZE, 1.2))
    gap_in = 0.7
    axes_width = width_in - margins.left - margins.right - gap_in
    margins = Margins(left=margins.left, right=margins.right, top=margins.top,
                      bottom=margins.bottom, wspace=gap_in / (axes_width / 2))
    height = margins.top + margins.bottom + count * ROW_IN + 0.2
    with styled():
        figure = new_figure(width_in, max(HEIGHT_IN, height), margins)
        grid = figure.add_gridspec(1, 2, width_ratios=(1.8, 1))
        shares, tools = figure.add_subplot(grid[0, 0]), figure.add_subplot(grid[0, 1])
        for ax in (shares, tools):
            tidy_axes(ax)
        shares.set_title(tr(translatable("workbench.charts", "Open children with direct work since %1")
                            .arg(style.date_label(coverage.since))), loc="left")
        # One bar call and plain labels, as in the workers chart (a tick per row is heavy).
        ys = [len(rows) - 1 - index for index in range(len(rows))]
        percents = [0.0 if row.share is None else row.share * 100 for row in rows]
        drawn = shares.barh(ys, percents, height=0.65, edgecolor="white", linewidth=0.5,
                            color=[style.GREY if row.worker_id is None else style.BLUE
                                   for row in rows])
        names = shares.get_yaxis_transform()
        for bar, row, percent, y in zip(drawn, rows, percents, ys, strict=True):
            bar.set_gid(f"coverage-bar:total:{row.worker_name}" if row.worker_id is None
                        else f"coverage-bar:{row.worker_id}")
            text = (translatable("workbench.charts", "no open children") if row.share is None else
                    translatable("workbench.charts", "%1 of %2 (%3)").arg(
                        row.with_direct_work, row.open_children, f"{row.share:.0%}"))
            shares.text(percent + 1.5, y, tr(text), va="center", ha="left", fontsize=style.SMALL_SIZE)
            shares.text(-0.012, y, tr(row.worker_name), transform=names, va="center", ha="right",
                        fontsize=style.FONT_SIZE, family=style.FONT_FAMILY, gid="worker-name")
        shares.set_yticks([])
        shares.set_ylim(-0.6, count - 0.4)
        shares.set_xlim(0, 135)
        shares.set_xticks([0, 25, 50, 75, 100], ["0%", "25%", "50%", "75%", "100%"])
        shares.set_xlabel(tr(translatable("workbench.charts",
                                          "Share of the worker's open children (grey: totals)")))
        shares.grid(axis="x")
        total_row = coverage.total
        tools.set_title(tr(translatable("workbench.charts", "Children per tool")), loc="left")
        for x, (tool, value) in enumerate(zip(DIRECT_WORK_TOOLS, total_row.by_tool, strict=True)):
            tools.bar(x, value, width=0.7, color=style.GREEN, edgecolor="white", linewidth=0.5,
                      gid=f"tool-bar:{tool.value}")
            if value:
                tools.text(x, value, str(value), ha="center", va="bottom", fontsize=style.SMALL_SIZE)
        tools.set_xticks(range(len(DIRECT_WORK_TOOLS)),
                         [_two_lines(tr(Message("DirectWorkTool", tool.label)))
                          for tool in DIRECT_WORK_TOOLS])
        tools.set_xlim(-0.6, len(DIRECT_WORK_TOOLS) - 0.4)
        tools.set_ylim(0, max(1, math.ceil(max(total_row.by_tool, default=0) * 1.2)))
        tools.yaxis.set_major_locator(MaxNLocator(nbins=5, integer=True))
        tools.set_xlabel(tr(translatable("workbench.charts", "Of %1 open children (%2)")
                            .arg(total_row.open_children, total_row.worker_name)))
        tools.grid(axis="y")
    return figure
