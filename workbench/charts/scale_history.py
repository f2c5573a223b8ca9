"""A child's scale history: one line per worry across sessions, a marker per rater.

Reading the chart:
- each worry (and the case as a whole, when scored) is one line through the mean of its
  raters' scores at each session; each rater's own score is a marker in the worry's colour,
  its shape telling who gave it (set a little apart so equal scores stay visible);
- the band from 0 to 2 is the escalation zone;
- a closed worry's line ends at the meeting that closed it, with an end marker.

Artists carry gids so tests, the PDF and the UI can find them: ``worry-line:<id|whole>``,
``rater:<role>:<id|whole>``, ``worry-end:<id>``, ``escalation-zone``, ``no-scores``.
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
from workbench.history import ESCALATION_THRESHOLD, ScaleHistory, WorryTrack

AXES_HEIGHT_IN = 2.6
MAX_DATE_LABELS = 6
NO_SCORES_TEXT = "No scores yet: scores appear here once a session records them."
ESCALATION_LABEL = f"Escalation zone (0–{ESCALATION_THRESHOLD})"
CLOSED_LABEL = "Worry closed"
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
                         width_in: float = style.A4_WIDTH_IN) -> Figure:
    """The scale history chart of one case (see the module's docstring for how to read it)."""
    tracks = history.worries
    columns = _worry_columns([t.label for t in tracks], width_in)
    legend_rows = math.ceil(len(tracks) / columns)
    key_columns = legend_columns(_key_labels(history), width_in - 2 * EDGE_IN)
    key_rows = math.ceil(len(_key_labels(history)) / key_columns)
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
        ax.set_ylabel("Safety scale (0–10)")
        ax.grid(axis="y")
        ax.axhspan(0, ESCALATION_THRESHOLD, facecolor=style.ESCALATION_COLOUR,
                   alpha=style.ESCALATION_ALPHA, edgecolor="none", gid="escalation-zone",
                   label=ESCALATION_LABEL)
        if history.is_empty:
            ax.set_xticks([])
            ax.text(0.5, 0.55, NO_SCORES_TEXT, transform=ax.transAxes, ha="center", va="center",
                    fontsize=style.LABEL_SIZE, color=style.GREY, gid="no-scores")
        else:
            _draw_tracks(ax, history)
            _date_axis(ax, history)
        _legends(figure, ax, history, columns, key_columns, with_title=bool(title))
    return figure


def _draw_tracks(ax: Axes, history: ScaleHistory) -> None:
    figure = ax.get_figure(root=True)
    worry_index = 0
    spread = len(history.raters) - 1
    offsets = {role: (i - spread / 2) * style.RATER_SPACING_PT for i, role in enumerate(history.raters)}
    for track in history.worries:
        key = track_key(track)
        if track.worry_id is None:
            colour, dashes = style.WHOLE_CASE_STYLE
        else:
            colour, dashes = style.worry_style(worry_index)
            worry_index += 1
        means = track.session_means()
        xs = [date_number(at) for at, _ in means]
        ys = [value for _, value in means]
        if track.closed_at is not None and date_number(track.closed_at) > xs[-1]:
            xs.append(date_number(track.closed_at))
            ys.append(ys[-1])
        ax.plot(xs, ys, color=colour, linestyle=dashes, linewidth=style.LINE_WIDTH,
                label=track.label, gid=f"worry-line:{key}", zorder=2)
        for role in track.raters():
            points = [p for p in track.points if p.rater_role is role]
            shifted = offset_copy(ax.transData, fig=figure, x=offsets[role], y=0,
                                  units="points")
            ax.plot([date_number(p.meeting_at) for p in points], [p.score for p in points],
                    linestyle="none", marker=style.RATER_MARKERS[role], markersize=style.MARKER_SIZE,
                    markerfacecolor=colour, markeredgecolor="white", markeredgewidth=0.7,
                    transform=shifted, gid=f"rater:{role.value}:{key}", label="_rater", zorder=3)
        if track.closed_at is not None:
            ax.plot([xs[-1]], [ys[-1]], linestyle="none", marker=style.CLOSED_MARKER,
                    markersize=style.MARKER_SIZE + 3, markerfacecolor=colour, markeredgecolor="black",
                    markeredgewidth=0.8, gid=f"worry-end:{key}", label="_closed", zorder=4)


def _date_axis(ax: Axes, history: ScaleHistory) -> None:
    sessions = history.sessions
    positions = [date_number(at) for at in sessions]
    ends = [date_number(t.closed_at) for t in history.worries if t.closed_at is not None]
    low, high = min(positions), max([*positions, *ends])
    pad = max((high - low) * 0.04, 12.0)
    ax.set_xlim(low - pad, high + pad)
    shown = labelled_sessions(len(sessions))
    ax.set_xticks([positions[i] for i in shown], [tick_label(sessions[i]) for i in shown])
    # Every session gets a small mark on the axis; one artist, not fifty minor ticks (which
    # cost a Tick object each and doubled the drawing time).
    ax.plot(positions, [0.0] * len(positions), linestyle="none", marker="|", markersize=4,
            color="#444444", transform=ax.get_xaxis_transform(), clip_on=False,
            gid="session-marks", label="_sessions")
    ax.set_xlabel("Supervision sessions")


def _key_labels(history: ScaleHistory) -> list[str]:
    labels = [style.RATER_LABELS[role] for role in history.raters]
    if any(t.closed_at is not None for t in history.worries):
        labels.append(CLOSED_LABEL)
    return [*labels, ESCALATION_LABEL]


def _legends(figure: Figure, ax: Axes, history: ScaleHistory, columns: int, key_columns: int, *,
             with_title: bool) -> None:
    """Who scored (and the zone) in one row on top; the worries underneath the time axis."""
    key: list[Artist] = [
        Line2D([], [], linestyle="none", marker=style.RATER_MARKERS[role], color=style.GREY,
               markeredgecolor="#222222", markeredgewidth=0.6, markersize=style.MARKER_SIZE,
               label=style.RATER_LABELS[role])
        for role in history.raters
    ]
    if any(t.closed_at is not None for t in history.worries):
        key.append(Line2D([], [], linestyle="none", marker=style.CLOSED_MARKER, color=style.GREY,
                          markeredgecolor="black", markersize=style.MARKER_SIZE + 2,
                          label=CLOSED_LABEL))
    key.append(Patch(facecolor=style.ESCALATION_COLOUR, alpha=style.ESCALATION_ALPHA * 2,
                     label=ESCALATION_LABEL))
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
