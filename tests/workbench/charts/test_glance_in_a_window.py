"""The glance chart laid out for a panel beside the caseload table rather than for A4: narrower,
and taller than the panel for a whole team (so it scrolls)."""

from __future__ import annotations

from matplotlib.figure import Figure

from tests.workbench.charts.helpers import glance_row
from workbench.caseload_scores import TeamView
from workbench.charts import caseload_glance_figure, caseload_glance_summary, team_view_summary
from workbench.charts._figure import draw

ROWS = [glance_row(i, f"Child number {i}", i % 10, (i + 3) % 10, overdue=i % 4 == 0)
        for i in range(1, 41)]


def _x_axis(figure: Figure):  # type: ignore[no-untyped-def]
    return figure.axes[0].xaxis


def test_a_tall_chart_labels_its_scores_above_the_rows_as_well_as_below() -> None:
    figure = caseload_glance_figure(ROWS, width_in=5.0, axis_on_top=True)
    draw(figure)
    ticks = _x_axis(figure).get_major_ticks()
    assert all(t.label1.get_visible() and t.label2.get_visible() for t in ticks)
    assert [t.label2.get_text() for t in ticks] == [str(n) for n in range(11)]
    renderer = figure.canvas.get_renderer()  # type: ignore[attr-defined]
    axes_top = figure.axes[0].get_window_extent(renderer).y1
    legend_bottom = figure.legends[0].get_window_extent(renderer).y0
    for tick in ticks:  # between the rows and the legend, overlapping neither
        box = tick.label2.get_window_extent(renderer)
        assert axes_top < box.y0
        assert box.y1 < legend_bottom


def test_by_default_only_the_bottom_axis_is_labelled() -> None:
    ticks = _x_axis(caseload_glance_figure(ROWS[:3])).get_major_ticks()
    assert not any(t.label2.get_visible() for t in ticks)


def test_in_a_narrow_figure_the_axis_title_stays_inside_it() -> None:
    for width_in in (4.4, 5.0, 6.69):
        figure = caseload_glance_figure(ROWS[:5], width_in=width_in)
        draw(figure)
        box = _x_axis(figure).label.get_window_extent(figure.canvas.get_renderer())  # type: ignore[attr-defined]
        assert box.x0 >= 0
        assert box.x1 <= figure.bbox.width


def test_one_open_case_is_said_as_one() -> None:
    assert caseload_glance_summary(ROWS[:1]).startswith("1 open case, 1 with a score")
    team = TeamView(team_id=1, team_name="Tiny", as_of=ROWS[0].latest_at.date(),  # type: ignore[union-attr]
                    distribution=(0, 1, *([0] * 9)), open_cases=1, scored_cases=1, months=())
    assert team_view_summary(team).startswith("Tiny: 1 open case, 1 with a score (100%).")
