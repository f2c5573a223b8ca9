"""The caseload at a glance: a dumbbell per child from the previous session's score to the latest.

The latest score is the filled marker, pointing the way the score moved (◀ falling, ▶ rising,
● unchanged or first score); the previous score is the hollow circle. Children are listed
lowest and falling first (``workbench.charts.ordering``); those overdue for supervision carry
"(overdue)" in bold after their name. Clicking anywhere on a child's row (the name included)
maps back to the case with ``case_id_at``.

Gids: ``glance-previous``, ``glance-latest:<falling|rising|steady>``, ``glance-change``,
``glance-unscored``, ``escalation-zone``, ``glance-truncated``.
"""

from __future__ import annotations

import math
import weakref
from collections.abc import Sequence

from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.collections import LineCollection
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.transforms import offset_copy

from workbench.caseload_scores import GlanceRow
from workbench.charts import style
from workbench.charts._figure import (
    Margins,
    legend_columns,
    line_height_in,
    new_figure,
    row_major,
    styled,
    text_width_in,
    tidy_axes,
    top_left,
)
from workbench.charts.ordering import MAX_GLANCE_ROWS, case_at_row, glance_order
from workbench.history import ESCALATION_THRESHOLD
from workbench.messages import translatable

ROW_IN = 0.24
EDGE_IN = 0.06
#: Room for the score labels above the rows (``axis_on_top``): a tick and a line of text.
TOP_AXIS_IN = 0.06 + line_height_in(style.FONT_SIZE) + 0.04
X_LABEL = translatable("workbench.charts", "Safety score at the latest session (from the previous session's)")
OVERDUE = translatable("workbench.charts", "%1 (overdue)")
NO_SCORE_TEXT = translatable("workbench.charts", "no score yet")
DIRECTIONS = {
    "falling": ("<", style.VERMILLION, translatable("workbench.charts", "Latest, lower than before")),
    "rising": (">", style.BLUE, translatable("workbench.charts", "Latest, higher than before")),
    "steady": ("o", style.BLACK, translatable("workbench.charts", "Latest, same or first score")),
}
PREVIOUS_LABEL = translatable("workbench.charts", "Previous session")
ZONE_LABEL = translatable("workbench.charts", "Escalation zone (0–%1)").arg(ESCALATION_THRESHOLD)
LEGEND_LABELS = [PREVIOUS_LABEL, *(label for _m, _c, label in DIRECTIONS.values()), ZONE_LABEL]

# The case shown on each row of each glance figure, for mapping clicks back to a case.
_ROWS: weakref.WeakKeyDictionary[Figure, tuple[Axes, tuple[int, ...]]] = weakref.WeakKeyDictionary()


def row_label(row: GlanceRow, tr: style.Words = str) -> str:
    return tr(OVERDUE.arg(row.child_label)) if row.overdue else row.child_label


def direction(row: GlanceRow) -> str:
    change = row.change
    if change is None or change == 0:
        return "steady"
    return "falling" if change < 0 else "rising"


def caseload_glance_figure(rows: Sequence[GlanceRow], *, max_rows: int = MAX_GLANCE_ROWS,
                           width_in: float = style.A4_WIDTH_IN, axis_on_top: bool = False,
                           tr: style.Words = str) -> Figure:
    """The caseload at a glance, for any number of open cases (the lowest ``max_rows`` shown).

    ``axis_on_top``: the scores are labelled above the rows as well as below them, for a chart
    taller than the window that shows it (its bottom axis is then out of sight).
    """
    ordered = glance_order(rows)
    shown = ordered[:max_rows]
    truncated = len(ordered) - len(shown)
    left = EDGE_IN + 0.12 + _widest_name_in(shown, tr) * 1.08  # hinted text draws a little wider
    legend_labels = [tr(label) for label in LEGEND_LABELS]
    key_columns = legend_columns(legend_labels, width_in - 2 * EDGE_IN)
    key_rows = math.ceil(len(legend_labels) / key_columns)
    top = EDGE_IN + line_height_in(style.SMALL_SIZE, 1.2 * key_rows + 0.4) + (
        TOP_AXIS_IN if axis_on_top else 0.0)
    bottom = EDGE_IN + 0.18 + line_height_in(style.FONT_SIZE) + line_height_in(style.LABEL_SIZE) + (
        line_height_in(style.SMALL_SIZE, 1.3) if truncated else 0.0)
    height = top + bottom + ROW_IN * max(len(shown), 2)
    with styled():
        figure = new_figure(width_in, height, Margins(left=left, right=0.2, top=top, bottom=bottom))
        ax = figure.add_subplot()
        tidy_axes(ax)
        ax.set_xlim(-0.5, 10.5)
        ax.set_xticks(range(0, 11))
        if axis_on_top:
            ax.tick_params(axis="x", top=True, labeltop=True)
        ax.set_ylim(max(len(shown), 2) - 0.5, -0.5)  # the first row on top
        ax.grid(axis="x")
        # Centred under the scores if it fits there; in a narrow figure it ends at the right
        # edge and reaches left under the names, rather than running off the figure.
        x_label = tr(X_LABEL)
        fits = text_width_in(x_label, style.LABEL_SIZE) * 1.08 <= width_in - left - 0.2
        ax.set_xlabel(x_label, loc="center" if fits else "right")
        ax.axvspan(0, ESCALATION_THRESHOLD, facecolor=style.ESCALATION_COLOUR,
                   alpha=style.ESCALATION_ALPHA, edgecolor="none", gid="escalation-zone")
        _names(ax, shown, tr)
        _draw_rows(ax, shown, tr)
        if truncated:
            figure.text(EDGE_IN, EDGE_IN,
                        tr(translatable("workbench.charts", "Showing the %1 lowest of %2 open cases.")
                           .arg(len(shown), len(ordered))),
                        transform=figure.dpi_scale_trans, fontsize=style.SMALL_SIZE, color=style.GREY,
                        gid="glance-truncated")
        _legend(figure, key_columns, legend_labels)
    _ROWS[figure] = (ax, tuple(row.case_id for row in shown))
    return figure


def _widest_name_in(rows: Sequence[GlanceRow], tr: style.Words) -> float:
    """The widest name, measuring only the longest few (measuring sixty cost 10 ms)."""
    if not rows:
        return 0.0
    labels = [(row_label(row, tr), row.overdue) for row in rows]
    longest = max(len(label) for label, _overdue in labels)
    return max(text_width_in(label, style.FONT_SIZE, bold=overdue) for label, overdue in labels
               if len(label) >= longest * 0.75)


def _names(ax: Axes, rows: Sequence[GlanceRow], tr: style.Words) -> None:
    """Each child's name left of its row: plain texts, since sixty y ticks (a Tick object of
    two lines and two texts each) took longer to build than the whole rest of the chart."""
    ax.set_yticks([])
    beside = offset_copy(ax.get_yaxis_transform(), fig=ax.get_figure(root=True), x=-6, units="points")
    for y, row in enumerate(rows):
        ax.text(0, y, row_label(row, tr), transform=beside, ha="right", va="center",
                fontsize=style.FONT_SIZE, clip_on=False, gid=f"glance-name:{row.case_id}",
                color=style.VERMILLION if row.overdue else "#222222",
                fontweight="bold" if row.overdue else "normal")


def _draw_rows(ax: Axes, rows: Sequence[GlanceRow], tr: style.Words) -> None:
    segments = []
    previous_x, previous_y = [], []
    latest: dict[str, tuple[list[float], list[int]]] = {key: ([], []) for key in DIRECTIONS}
    for y, row in enumerate(rows):
        if row.latest_score is None:
            ax.text(0.0, y, tr(NO_SCORE_TEXT), va="center", ha="left", fontsize=style.SMALL_SIZE,
                    style="italic", color=style.GREY, gid="glance-unscored")
            continue
        if row.previous_score is not None:
            segments.append([(row.previous_score, y), (row.latest_score, y)])
            previous_x.append(row.previous_score)
            previous_y.append(y)
        xs, ys = latest[direction(row)]
        xs.append(row.latest_score)
        ys.append(y)
    ax.add_collection(LineCollection(segments, colors=style.GREY, linewidths=2.2, gid="glance-change",
                                     zorder=2), autolim=False)
    ax.plot(previous_x, previous_y, linestyle="none", marker="o", markersize=style.MARKER_SIZE,
            markerfacecolor="white", markeredgecolor="#333333", markeredgewidth=1.1,
            gid="glance-previous", zorder=3)
    for key, (marker, colour, _label) in DIRECTIONS.items():
        xs, ys = latest[key]
        ax.plot(xs, ys, linestyle="none", marker=marker, markersize=style.MARKER_SIZE + 2,
                markerfacecolor=colour, markeredgecolor="white", markeredgewidth=0.6,
                gid=f"glance-latest:{key}", zorder=4)


def _legend(figure: Figure, columns: int, labels: list[str]) -> None:
    """The key, in ``labels`` (:data:`LEGEND_LABELS` as shown)."""
    previous, *directions, zone = labels
    handles: list[Artist] = [Line2D([], [], linestyle="none", marker="o", markerfacecolor="white",
                                    markeredgecolor="#333333", markersize=style.MARKER_SIZE,
                                    label=previous)]
    handles += [Line2D([], [], linestyle="none", marker=marker, color=colour, markeredgecolor="white",
                       markersize=style.MARKER_SIZE + 2, label=label)
                for (marker, colour, _english), label in zip(DIRECTIONS.values(), directions, strict=True)]
    handles.append(Patch(facecolor=style.ESCALATION_COLOUR, alpha=style.ESCALATION_ALPHA * 2,
                         label=zone))
    figure.legend(handles=row_major(handles, columns), loc="upper left", ncols=columns,
                  handletextpad=0.3, columnspacing=1.6, borderaxespad=0, borderpad=0,
                  bbox_to_anchor=(0, 0), bbox_transform=top_left(figure, EDGE_IN, EDGE_IN),
                  ).set_gid("glance-legend")


def case_id_at(figure: Figure, x: float, y: float) -> int | None:
    """The case on the row under display point (x, y) of a glance figure (matplotlib's event
    coordinates: pixels from the bottom left). Anywhere across the row counts, the child's
    name included; above, below or between the rows gives None."""
    found = _ROWS.get(figure)
    if found is None:
        return None
    ax, case_ids = found
    box = ax.get_window_extent()
    if not (box.y0 <= y <= box.y1) or not (0 <= x <= figure.bbox.width):
        return None
    _x, row_y = ax.transData.inverted().transform((box.x0, y))
    return None if math.isnan(row_y) else case_at_row(case_ids, float(row_y))


def case_ids_shown(figure: Figure) -> tuple[int, ...]:
    """The cases of a glance figure, top to bottom."""
    found = _ROWS.get(figure)
    return () if found is None else found[1]
