"""A child's scale history: one line per worry across sessions, a marker per rater.

Reading the chart:
- each worry (and the case as a whole, when scored) is one line through the mean of its
  raters' scores at each session; each rater's own score is a marker in the worry's colour,
  its shape telling who gave it (set a little apart so equal scores stay visible);
- the band from 0 to 2 is the escalation zone;
- a closed worry's line ends at the meeting that closed it, with an end marker;
- each voice (worker, manager, child, parent or carer, network, other professional) also has
  a thin line of its own, its dash pattern and marker telling it apart in greyscale;
- a group case consultation's scores are a series of their own: at its date, an upright bar
  from the lowest to the highest score with a tick for each person, so the spread shows;
- where the scale's wording changed (a child in need became looked after, say), no line joins
  the scores across the change: a dotted upright line marks it, labelled with the new wording,
  because a 4 on "the placement is breaking down" is not a 4 on "can't live at home".

Artists carry gids so tests, the PDF and the UI can find them: ``worry-line:<id|whole>``
(and ``worry-line-part:<id|whole>:<n>`` after a change of wording), ``rater:<role>:<id|whole>``,
``rater-line:<role>:<id|whole>``, ``variant-break:<n>``, ``variant-label:<n>``,
``worry-end:<id>``, ``group-spread:<n>``, ``group-scores:<n>``, ``escalation-zone``, ``no-scores``.
"""

from __future__ import annotations

import datetime as dt
import math

from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.transforms import offset_copy

from workbench.charts import style
from workbench.charts._figure import (
    Margins,
    date_number,
    legend_columns,
    line_height_in,
    new_figure,
    row_major,
    styled,
    text_width_in,
    tidy_axes,
    top_left,
)
from workbench.history import ESCALATION_THRESHOLD, ScaleHistory, ScorePoint, WorryTrack
from workbench.messages import translatable

AXES_HEIGHT_IN = 2.6
MAX_DATE_LABELS = 6
DATE_LABEL_IN = 0.8  # how wide '25 Nov 2026' is at the tick size
NO_SCORES_TEXT = translatable("workbench.charts",
                              "No scores yet: scores appear here once a session records them.")
ESCALATION_LABEL = translatable("workbench.charts", "Escalation zone (0–%1)").arg(ESCALATION_THRESHOLD)
CLOSED_LABEL = translatable("workbench.charts", "Worry closed")
GROUP_LABEL = translatable("workbench.charts", "Group consultation (each person's score, and the spread)")
LEGEND_HANDLE_EM = 3.2
EDGE_IN = 0.06


def track_key(track: WorryTrack) -> str:
    return "whole" if track.worry_id is None else str(track.worry_id)


def labelled_sessions(count: int, most: int = MAX_DATE_LABELS) -> list[int]:
    """Which session indexes get a date label: evenly thinned, the latest always labelled."""
    step = max(1, math.ceil(count / most))
    return sorted(range(count - 1, -1, -step))


def tick_label(at: dt.datetime) -> str:
    """A session's date on the time axis: '3 Mar 2026'; six of them fit across A4."""
    return style.date_label(at)


def _worry_columns(labels: list[str], width_in: float) -> int:
    if len(labels) < 2:
        return 1
    handle = (LEGEND_HANDLE_EM + 1.5) * style.SMALL_SIZE / 72
    widest = max(text_width_in(label, style.SMALL_SIZE) for label in labels) + handle
    return 2 if 2 * widest + 0.3 <= width_in - 2 * EDGE_IN else 1


def scale_history_figure(history: ScaleHistory, *, title: str | None = None,
                         width_in: float = style.A4_WIDTH_IN, tr: style.Words = str) -> Figure:
    """The scale history chart of one case (see the module's docstring for how to read it);
    ``tr``: what its own words go through (English for the PDF)."""
    tracks = history.worries
    columns = _worry_columns([tr(t.label) for t in tracks], width_in)
    legend_rows = math.ceil(len(tracks) / columns)
    key_labels = [tr(label) for label in _key_labels(history)]
    key_columns = legend_columns(key_labels, width_in - 2 * EDGE_IN)
    key_rows = math.ceil(len(key_labels) / key_columns)
    top = EDGE_IN + line_height_in(style.SMALL_SIZE, 1.2 * key_rows + 0.4) + (
        line_height_in(style.TITLE_SIZE, 1.4) if title else 0.0)
    bottom = (EDGE_IN + 0.24 + line_height_in(style.FONT_SIZE) + line_height_in(style.LABEL_SIZE)
              + line_height_in(style.SMALL_SIZE, 1.15 * legend_rows))
    margins = Margins(left=0.62, right=0.2, top=top, bottom=bottom)
    with styled():
        figure = new_figure(width_in, AXES_HEIGHT_IN + top + bottom, margins)
        ax = figure.add_subplot()
        tidy_axes(ax)
        if title:
            figure.text(0, 0, title, transform=top_left(figure, EDGE_IN, EDGE_IN),
                        fontsize=style.TITLE_SIZE, fontweight="bold", va="top", gid="title")
        ax.set_ylim(-0.6, 10.6)
        # Labels on even scores, a light line on every score: every tick is a Tick object of
        # two lines and two texts, and text is what costs most to draw.
        ax.set_yticks(range(0, 11, 2))
        ax.hlines(range(1, 11, 2), 0, 1, transform=ax.get_yaxis_transform(), colors=style.LIGHT_GREY,
                  linewidths=0.5, zorder=0.5, gid="odd-score-lines")
        ax.set_ylabel(tr(translatable("workbench.charts", "Safety scale (0–10)")))
        ax.grid(axis="y")
        ax.axhspan(0, ESCALATION_THRESHOLD, facecolor=style.ESCALATION_COLOUR,
                   alpha=style.ESCALATION_ALPHA, edgecolor="none", gid="escalation-zone",
                   label=tr(ESCALATION_LABEL))
        if history.is_empty:
            ax.set_xticks([])
            ax.text(0.5, 0.55, tr(NO_SCORES_TEXT), transform=ax.transAxes, ha="center", va="center",
                    fontsize=style.LABEL_SIZE, color=style.GREY, gid="no-scores")
        else:
            _draw_tracks(ax, history, tr)
            _date_axis(ax, history, width_in - margins.left - margins.right, tr)
        _legends(figure, ax, history, columns, key_columns, key_labels, with_title=bool(title))
    return figure


def wording_runs(history: ScaleHistory) -> list[tuple[dt.datetime, tuple[str | None, str]]]:
    """Where each stretch of one scale wording starts: (first meeting, wording key), in order."""
    runs: list[tuple[dt.datetime, tuple[str | None, str]]] = []
    for point in sorted(history.points, key=lambda p: (p.meeting_at, p.score_id)):
        if not runs or runs[-1][1] != point.wording_key:
            runs.append((point.meeting_at, point.wording_key))
    return runs


def _run_of(at: dt.datetime, runs: list[tuple[dt.datetime, tuple[str | None, str]]]) -> int:
    return max(i for i, (start, _) in enumerate(runs) if start <= at)


def _split(points: list[ScorePoint], runs: list[tuple[dt.datetime, tuple[str | None, str]]]
           ) -> list[list[ScorePoint]]:
    """Points cut into stretches of one wording each."""
    parts: dict[int, list[ScorePoint]] = {}
    for point in points:
        parts.setdefault(_run_of(point.meeting_at, runs), []).append(point)
    return [parts[k] for k in sorted(parts)]


def _draw_variant_breaks(ax: Axes, history: ScaleHistory,
                         runs: list[tuple[dt.datetime, tuple[str | None, str]]], tr: style.Words) -> None:
    sessions = list(history.sessions)
    for number, (start, (_variant, label)) in enumerate(runs[1:], start=1):
        before = sessions[sessions.index(start) - 1]
        x = (date_number(before) + date_number(start)) / 2
        ax.axvline(x, color=style.VARIANT_BREAK_COLOUR, linestyle=(0, (1, 2)), linewidth=1.1,
                   gid=f"variant-break:{number}", label="_variant", zorder=1.5)
        # the label reads away from the nearer edge, so it stays inside the chart
        late = x > (date_number(sessions[0]) + date_number(sessions[-1])) / 2
        changed = tr(translatable("workbench.charts", "Scale wording changed: %1").arg(label))
        text = f"{changed} " if late else f" {changed}"
        ax.text(x, 1.0, text, transform=ax.get_xaxis_transform(),
                ha="right" if late else "left", va="top",
                fontsize=style.SMALL_SIZE, color=style.VARIANT_BREAK_COLOUR,
                gid=f"variant-label:{number}", clip_on=False)


def _draw_tracks(ax: Axes, history: ScaleHistory, tr: style.Words) -> None:
    figure = ax.get_figure(root=True)
    worry_index = 0
    spread = len(history.raters) - 1
    offsets = {role: (i - spread / 2) * style.RATER_SPACING_PT for i, role in enumerate(history.raters)}
    runs = wording_runs(history)
    if len(runs) > 1:
        _draw_variant_breaks(ax, history, runs, tr)
    for track in history.worries:
        key = track_key(track)
        if track.worry_id is None:
            colour, dashes = style.WHOLE_CASE_STYLE
        else:
            colour, dashes = style.worry_style(worry_index)
            worry_index += 1
        means = track.session_means()
        stretches = [[(at, mean) for at, mean in means if _run_of(at, runs) == run]
                     for run in sorted({_run_of(at, runs) for at, _ in means})]
        for number, stretch in enumerate(stretches):
            xs = [date_number(at) for at, _ in stretch]
            ys = [value for _, value in stretch]
            if number == len(stretches) - 1 and track.closed_at is not None \
                    and date_number(track.closed_at) > xs[-1]:
                xs.append(date_number(track.closed_at))
                ys.append(ys[-1])
            ax.plot(xs, ys, color=colour, linestyle=dashes, linewidth=style.LINE_WIDTH,
                    label=tr(track.label) if number == 0 else "_part",
                    gid=f"worry-line:{key}" if number == 0 else f"worry-line-part:{key}:{number}", zorder=2)
        for role in track.raters():
            points = [p for p in track.points if p.rater_role is role]
            shifted = offset_copy(ax.transData, fig=figure, x=offsets[role], y=0,
                                  units="points")
            if len(history.raters) > 2:  # beyond worker and manager, each voice gets its own line
                for part in _split(points, runs):
                    ax.plot([date_number(p.meeting_at) for p in part], [p.score for p in part],
                            color=colour, linestyle=style.RATER_LINESTYLES[role],
                            linewidth=style.RATER_LINE_WIDTH, alpha=0.75, transform=shifted,
                            gid=f"rater-line:{role.value}:{key}", label="_rater_line", zorder=2.5)
            ax.plot([date_number(p.meeting_at) for p in points], [p.score for p in points],
                    linestyle="none", marker=style.RATER_MARKERS[role], markersize=style.MARKER_SIZE,
                    markerfacecolor=colour, markeredgecolor="white", markeredgewidth=0.7,
                    transform=shifted, gid=f"rater:{role.value}:{key}", label="_rater", zorder=3)
        if track.closed_at is not None:
            ax.plot([xs[-1]], [ys[-1]], linestyle="none", marker=style.CLOSED_MARKER,
                    markersize=style.MARKER_SIZE + 3, markerfacecolor=colour, markeredgecolor="black",
                    markeredgewidth=0.8, gid=f"worry-end:{key}", label="_closed", zorder=4)
    _draw_group_spreads(ax, history)


def _draw_group_spreads(ax: Axes, history: ScaleHistory) -> None:
    for number, spread in enumerate(history.group_spreads):
        x = date_number(spread.meeting_at)
        ax.vlines([x], spread.low, spread.high, colors=style.GROUP_COLOUR, linewidths=5, alpha=0.35,
                  gid=f"group-spread:{number}", label="_group", zorder=2.2)
        ax.plot([x] * len(spread.scores), list(spread.scores), linestyle="none", marker="_",
                markersize=12, markeredgewidth=1.6, color=style.GROUP_COLOUR,
                gid=f"group-scores:{number}", label="_group_scores", zorder=3.2)


def _date_axis(ax: Axes, history: ScaleHistory, axes_width_in: float, tr: style.Words) -> None:
    """Dates under the sessions: as many as fit the width without touching, the newest whole
    (the axis runs on past it by enough for half a date to stay inside the figure)."""
    sessions = history.sessions
    positions = [date_number(at) for at in sessions]
    ends = [date_number(t.closed_at) for t in history.worries if t.closed_at is not None]
    low, high = min(positions), max([*positions, *ends])
    pad = max((high - low) * max(0.04, DATE_LABEL_IN / 2 / max(axes_width_in, 1.0)), 12.0)
    ax.set_xlim(low - pad, high + pad)
    fits = max(2, int(axes_width_in / (DATE_LABEL_IN * 1.3)))
    shown = labelled_sessions(len(sessions), min(MAX_DATE_LABELS, fits))
    ax.set_xticks([positions[i] for i in shown], [tick_label(sessions[i]) for i in shown])
    # Every session gets a small mark on the axis; one artist, not fifty minor ticks (which
    # cost a Tick object each and doubled the drawing time).
    ax.plot(positions, [0.0] * len(positions), linestyle="none", marker="|", markersize=4,
            color="#444444", transform=ax.get_xaxis_transform(), clip_on=False,
            gid="session-marks", label="_sessions")
    ax.set_xlabel(tr(translatable("workbench.charts", "Supervision sessions")))


def _key_labels(history: ScaleHistory) -> list[str]:
    labels = [style.RATER_LABELS[role] for role in history.raters]
    if any(t.closed_at is not None for t in history.worries):
        labels.append(CLOSED_LABEL)
    if history.group_spreads:
        labels.append(GROUP_LABEL)
    return [*labels, ESCALATION_LABEL]


def _legends(figure: Figure, ax: Axes, history: ScaleHistory, columns: int, key_columns: int,
             key_labels: list[str], *, with_title: bool) -> None:
    """Who scored (and the zone) in one row on top, named by ``key_labels`` (:func:`_key_labels`
    as shown); the worries underneath the time axis."""
    voices_lines = len(history.raters) > 2
    names = iter(key_labels)
    key: list[Artist] = [
        Line2D([], [], linestyle=style.RATER_LINESTYLES[role] if voices_lines else "none",
               linewidth=style.RATER_LINE_WIDTH, marker=style.RATER_MARKERS[role], color=style.GREY,
               markeredgecolor="#222222", markeredgewidth=0.6, markersize=style.MARKER_SIZE,
               label=next(names))
        for role in history.raters
    ]
    if any(t.closed_at is not None for t in history.worries):
        key.append(Line2D([], [], linestyle="none", marker=style.CLOSED_MARKER, color=style.GREY,
                          markeredgecolor="black", markersize=style.MARKER_SIZE + 2,
                          label=next(names)))
    if history.group_spreads:
        key.append(Line2D([], [], color=style.GROUP_COLOUR, linewidth=5, alpha=0.5, marker="_",
                          markersize=12, markeredgewidth=1.6, label=next(names)))
    key.append(Patch(facecolor=style.ESCALATION_COLOUR, alpha=style.ESCALATION_ALPHA * 2,
                     label=next(names)))
    below_title = line_height_in(style.TITLE_SIZE, 1.4) if with_title else 0.0
    top = figure.legend(handles=row_major(key, key_columns), loc="upper left", ncols=key_columns,
                        handletextpad=0.3, columnspacing=1.6, borderaxespad=0, borderpad=0,
                        bbox_to_anchor=(0, 0),
                        bbox_transform=top_left(figure, EDGE_IN, EDGE_IN + below_title))
    top.set_gid("rater-legend")
    lines = [line for line in ax.get_lines() if (line.get_gid() or "").startswith("worry-line:")]
    if lines:
        worries = figure.legend(handles=lines, loc="lower left", ncols=columns,
                                handlelength=LEGEND_HANDLE_EM, columnspacing=1.5, borderaxespad=0,
                                borderpad=0, bbox_to_anchor=(EDGE_IN, EDGE_IN),
                                bbox_transform=figure.dpi_scale_trans)
        worries.set_gid("worry-legend")
