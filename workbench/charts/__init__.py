"""Charts: one pure builder per chart, from plain data to a matplotlib ``Figure`` (no pyplot).

The UI puts a figure in a ``FigureCanvasQTAgg``; the PDF export renders the same figure
(``render_png`` / ``render_svg``). Importing this package costs nothing: matplotlib is imported
by the builder modules, which load when the first chart is built.

Off the UI thread: call ``build_*_chart`` in a worker. It builds the figure and draws it once
with Agg (fonts loaded, text laid out) and returns the figure with its text summary. Only the
``FigureCanvasQTAgg(figure)`` belongs on the UI thread.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from workbench.caseload_scores import GlanceRow, TeamView
from workbench.charts.ordering import MAX_GLANCE_ROWS, case_at_row, glance_order, glance_sort_key
from workbench.charts.style import A4_WIDTH_IN, Words
from workbench.charts.summary import caseload_glance_summary, scale_history_summary, team_view_summary
from workbench.history import ScaleHistory
from workbench.messages import Joined, Message, translatable, translatable_plural

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from workbench.audits.themes import ThemesReport
    from workbench.oversight.report import OversightReport

__all__ = [
    "A4_WIDTH_IN",
    "MAX_GLANCE_ROWS",
    "BuiltChart",
    "build_caseload_glance_chart",
    "build_oversight_chart",
    "build_scale_history_chart",
    "build_team_view_chart",
    "case_at_row",
    "case_id_at",
    "caseload_glance_figure",
    "caseload_glance_summary",
    "glance_order",
    "glance_sort_key",
    "oversight_summary",
    "render_png",
    "render_svg",
    "scale_history_figure",
    "scale_history_summary",
    "team_view_figure",
    "team_view_summary",
]


@dataclass(frozen=True)
class BuiltChart:
    """A figure ready for a canvas or a PDF, and what it shows in words."""

    kind: str  # "scale_history", "caseload_glance" or "team_view"
    figure: Figure
    summary: str


def scale_history_figure(history: ScaleHistory, *, title: str | None = None,
                         width_in: float = A4_WIDTH_IN, tr: Words = str) -> Figure:
    """One line per worry across sessions, a marker shape per rater, the 0–2 escalation zone.

    ``width_in``: the figure's width (A4 text width by default); its height follows from the
    number of worries. Shown in a bigger or smaller widget, the margins and legends keep
    their size in inches and the plot takes the rest.
    """
    from workbench.charts.scale_history import scale_history_figure as build

    return build(history, title=title, width_in=width_in, tr=tr)


def caseload_glance_figure(rows: Sequence[GlanceRow], *, max_rows: int = MAX_GLANCE_ROWS,
                           width_in: float = A4_WIDTH_IN, axis_on_top: bool = False,
                           tr: Words = str) -> Figure:
    """Previous → latest score per child, lowest and falling first, overdue supervision marked.

    The height grows with the number of children (0.24 in a row), at most ``max_rows`` shown.
    ``axis_on_top`` labels the scores above the rows too (for a chart that scrolls).
    """
    from workbench.charts.caseload_glance import caseload_glance_figure as build

    return build(rows, max_rows=max_rows, width_in=width_in, axis_on_top=axis_on_top, tr=tr)


def team_view_figure(view: TeamView, *, width_in: float = A4_WIDTH_IN, tr: Words = str) -> Figure:
    """Distribution of latest scores, share of open cases scored, monthly mean and median."""
    from workbench.charts.team_view import team_view_figure as build

    return build(view, width_in=width_in, tr=tr)


def case_id_at(figure: Figure, x: float, y: float) -> int | None:
    """The case under display point (x, y), pixels from the bottom left as in matplotlib's
    mouse events, of a figure from ``caseload_glance_figure``; None elsewhere."""
    from workbench.charts.caseload_glance import case_id_at as find

    return find(figure, x, y)


def render_png(figure: Figure, *, dpi: float = 200) -> bytes:
    from workbench.charts._figure import render_png as render

    return render(figure, dpi=dpi)


def render_svg(figure: Figure) -> bytes:
    from workbench.charts._figure import render_svg as render

    return render(figure)


def _drawn(kind: str, figure: Figure, summary: str) -> BuiltChart:
    from workbench.charts._figure import draw

    draw(figure)
    return BuiltChart(kind=kind, figure=figure, summary=summary)


def build_scale_history_chart(history: ScaleHistory, *, title: str | None = None,
                              width_in: float = A4_WIDTH_IN, tr: Words = str) -> BuiltChart:
    """The heavy part of showing a scale history, safe to run in a worker thread."""
    return _drawn("scale_history", scale_history_figure(history, title=title, width_in=width_in, tr=tr),
                  scale_history_summary(history))


def build_caseload_glance_chart(rows: Sequence[GlanceRow], *, max_rows: int = MAX_GLANCE_ROWS,
                                width_in: float = A4_WIDTH_IN, axis_on_top: bool = False,
                                tr: Words = str) -> BuiltChart:
    """The heavy part of showing the caseload at a glance, safe to run in a worker thread;
    ``tr`` is what the chart's own words go through (the UI's ``translated``)."""
    return _drawn("caseload_glance",
                  caseload_glance_figure(rows, max_rows=max_rows, width_in=width_in,
                                         axis_on_top=axis_on_top, tr=tr),
                  caseload_glance_summary(rows))


def build_team_view_chart(view: TeamView, *, width_in: float = A4_WIDTH_IN,
                          tr: Words = str) -> BuiltChart:
    """The heavy part of showing the team view, safe to run in a worker thread."""
    return _drawn("team_view", team_view_figure(view, width_in=width_in, tr=tr), team_view_summary(view))


def build_oversight_chart(report: OversightReport, key: str, *,
                          width_in: float = A4_WIDTH_IN, tr: Words = str) -> BuiltChart:
    """One oversight figure's chart (``key`` from ``workbench.charts.oversight.FIGURES``) and its
    summary, drawn once; safe to run in a worker thread."""
    from workbench.charts.oversight import oversight_figure

    return _drawn(f"oversight_{key}", oversight_figure(report, key, width_in=width_in, tr=tr),
                  oversight_summary(report, key))


def oversight_summary(report: OversightReport, key: str) -> str:
    """What an oversight chart shows, in words (the chart's accessible description); only
    figure ``key`` need have been read."""
    counts = report.counts()
    share = report.rediscussion.share
    movements = report.movements
    texts: dict[str, Callable[[], str]] = {
        "workers": lambda: translatable(
                "workbench.charts", "%1 of %2 workers are overdue for supervision; %3 more are due "
                                    "within %4 days.").arg(
                counts["workers_overdue"], counts["workers"], counts["workers_upcoming"],
                report.policy.upcoming_days),
        "children": lambda: (translatable(
                "workbench.charts", "%1 of %2 open cases were not discussed within their interval. "
                                    "Re-discussed within the interval in the period: %3 of %4 (%5).")
                             if share is not None else translatable(
                "workbench.charts", "%1 of %2 open cases were not discussed within their interval. "
                                    "Re-discussed within the interval in the period: %3 of %4.")).arg(
                counts["children_overdue"], counts["open_cases"], report.rediscussion.within,
                report.rediscussion.total, f"{share:.0%}" if share is not None else ""),
        "notes": lambda: translatable("workbench.charts", "%1 notes are not yet final.").arg(
                counts["pending_notes"]),
        "disagreements": lambda: translatable(
                "workbench.charts", "%1 disagreements are waiting for an answer.").arg(
                counts["open_disagreements"]),
        "actions": lambda: translatable("workbench.charts", "%1 open actions are past their date.").arg(
                counts["overdue_actions"]),
        "patterns": lambda: translatable(
                "workbench.charts", "%1 cases look stuck; %2 show lasting divergence between two "
                                    "sides' scores.").arg(counts["stuck_cases"], counts["divergences"]),
        "scores": lambda: translatable(
                "workbench.charts", "Of %1 open cases: %2 rising, %3 steady, %4 falling since the score "
                                    "before; %5 scored once, %6 not scored.").arg(
                report.open_cases, movements.rising, movements.steady, movements.falling,
                movements.one_score, movements.unscored),
        "direct_work": lambda: _direct_work_summary(report),
        "completeness": lambda: _completeness_summary(report),
    }
    return texts[key]()


def _direct_work_summary(report: OversightReport) -> str:
    from workbench.oversight.report import DIRECT_WORK_TOOLS

    total = report.direct_work.total
    # The tools' names are in the catalogue under DirectWorkTool (db.enums).
    tools = Joined(", ", (Joined(" ", (Message("DirectWorkTool", tool.label), str(count)))
                          for tool, count in zip(DIRECT_WORK_TOOLS, total.by_tool, strict=True)))
    return translatable("workbench.charts", "%1 of %2 open children had direct work since %3; children "
                                            "per tool: %4.").arg(
            total.with_direct_work, total.open_children, report.direct_work.since.isoformat(), tools)


def _completeness_summary(report: OversightReport) -> str:
    completeness = report.completeness
    total = completeness.total
    least = completeness.items[0] if completeness.items else None
    if least is None:
        return translatable("workbench.charts", "Of %1 signed records in the period (%2 children "
                                                "discussed), %3 of %4 optional items were answered.").arg(
                completeness.records, completeness.discussions, total.answered, total.asked)
    return translatable("workbench.charts", "Of %1 signed records in the period (%2 children discussed), "
                                            "%3 of %4 optional items were answered; least often: %5, %6 "
                                            "of %7.").arg(
            completeness.records, completeness.discussions, total.answered, total.asked, least.wording,
            least.answered, least.asked)


def build_themes_chart(report: ThemesReport, *, width_in: float = A4_WIDTH_IN,
                       tr: Words = str) -> BuiltChart:
    """The audit themes chart and its summary in words; safe to run in a worker thread."""
    from workbench.charts.audits import themes_figure

    worst = next((r for r in report.items if r.below_good), None)
    summary = translatable_plural("workbench.charts", "%n audit(s). %1", None, report.audits).arg(
            translatable("workbench.charts", "Most often below good: %1, %2 of %3.").arg(
                worst.item_title, worst.below_good, worst.graded)
            if worst else translatable("workbench.charts", "No item fell below good."))
    return _drawn("audit_themes", themes_figure(report, width_in=width_in, tr=tr), summary)
