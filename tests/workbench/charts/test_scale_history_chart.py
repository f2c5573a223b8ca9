"""A child's scale history chart, read back from its artists."""

from __future__ import annotations

import pytest
from matplotlib.figure import Figure
from matplotlib.legend import Legend
from matplotlib.lines import Line2D
from matplotlib.patches import Rectangle

from db.enums import RaterRole
from tests.workbench.charts.helpers import by_gid, history, meeting, one
from workbench.charts import scale_history_figure, scale_history_summary
from workbench.charts._figure import date_number, draw
from workbench.charts.samples import sample_history
from workbench.charts.scale_history import NO_SCORES_TEXT, tick_label
from workbench.charts.style import RATER_MARKERS
from workbench.history import CASE_AS_A_WHOLE, ScaleHistory

W, S, P, C, N = (RaterRole.WORKER, RaterRole.SUPERVISOR, RaterRole.PARENT, RaterRole.CHILD,
                 RaterRole.NETWORK)
DRINK = "Dad drinks and shouts and Amy could be hurt"
SCHOOL = "Amy is not going to school"


def two_worries() -> ScaleHistory:
    return history(
        [
            ("2026-07-01", 1, W, 2), ("2026-07-01", 1, S, 3), ("2026-07-01", None, W, 4),
            ("2026-07-29", 1, W, 4), ("2026-07-29", 2, P, 6), ("2026-07-29", 2, C, 7),
            ("2026-08-26", 1, W, 6), ("2026-08-26", 2, N, 5), ("2026-08-26", None, S, 5),
            ("2026-09-23", 2, W, 5), ("2026-09-23", None, W, 6),
        ],
        statements={1: DRINK, 2: SCHOOL},
        closed={1: "2026-09-23"},
    )


def worry_lines(figure: Figure) -> dict[str, Line2D]:
    return {line.get_gid().split(":", 1)[1]: line for line in by_gid(figure, "worry-line:")}


def test_one_line_per_worry_and_one_for_the_case_as_a_whole() -> None:
    figure = scale_history_figure(two_worries())
    lines = worry_lines(figure)
    assert set(lines) == {"whole", "1", "2"}
    assert [lines[k].get_label() for k in ("whole", "1", "2")] == [CASE_AS_A_WHOLE, DRINK, SCHOOL]
    # The line goes through the mean of the raters at each session.
    assert list(lines["1"].get_ydata()) == [2.5, 4.0, 6.0, 6.0]
    worry_legend = one(figure, "worry-legend")
    assert isinstance(worry_legend, Legend)
    assert [t.get_text() for t in worry_legend.get_texts()] == [CASE_AS_A_WHOLE, DRINK, SCHOOL]


def test_worries_differ_in_line_style_as_well_as_colour() -> None:
    figure = scale_history_figure(sample_history(sessions=4, worries=5, closed=0, case_as_a_whole=True))
    lines = list(worry_lines(figure).values())
    assert len(lines) == 6
    assert len({line.get_color() for line in lines}) == 6
    # matplotlib has no public getter for a line's dash pattern; this is the one it draws with.
    dashes = {tuple(line._unscaled_dash_pattern[1] or ()) for line in lines}
    assert len(dashes) == 6, "a greyscale print tells worries apart by their dashes"


def test_each_rater_has_its_own_marker_shape() -> None:
    figure = scale_history_figure(two_worries())
    markers = {}
    for artist in by_gid(figure, "rater:"):
        _, role, key = artist.get_gid().split(":")
        markers.setdefault(role, set()).add(artist.get_marker())
        assert artist.get_linestyle() == "None"
        assert artist.get_markerfacecolor() == worry_lines(figure)[key].get_color()
    assert markers == {role.value: {RATER_MARKERS[role]} for role in (W, S, P, C, N)}
    assert len(set(RATER_MARKERS.values())) == len(RaterRole)
    worker_on_worry_1 = one(figure, "rater:worker:1")
    assert list(worker_on_worry_1.get_ydata()) == [2, 4, 6]
    rater_legend = one(figure, "rater-legend")
    assert {t.get_text() for t in rater_legend.get_texts()} == {
        "Worker", "Manager / supervisor", "Parent", "Child", "Safety network", "Worry closed",
        "Escalation zone (0–2)"}


def test_the_escalation_zone_is_the_band_from_0_to_2() -> None:
    figure = scale_history_figure(two_worries())
    band = one(figure, "escalation-zone")
    assert isinstance(band, Rectangle)
    assert (band.get_y(), band.get_y() + band.get_height()) == (0, 2)
    assert (band.get_x(), band.get_width()) == (0, 1)  # across the whole axis
    legend_texts = [t.get_text() for t in one(figure, "rater-legend").get_texts()]
    assert "Escalation zone (0–2)" in legend_texts


def test_the_time_axis_is_labelled_with_session_dates() -> None:
    data = two_worries()
    figure = scale_history_figure(data)
    ax = figure.axes[0]
    assert list(ax.get_xticks()) == [date_number(at) for at in data.sessions]
    assert [t.get_text() for t in ax.get_xticklabels()] == ["1 Jul 2026", "29 Jul 2026",
                                                            "26 Aug 2026", "23 Sep 2026"]
    marks = one(figure, "session-marks")
    assert list(marks.get_xdata()) == [date_number(at) for at in data.sessions]


def test_fifty_sessions_keep_a_readable_number_of_dates_and_the_latest() -> None:
    data = sample_history(sessions=50, worries=2)
    figure = scale_history_figure(data)
    labels = [t.get_text() for t in figure.axes[0].get_xticklabels()]
    assert 5 <= len(labels) <= 6
    assert labels[-1] == tick_label(data.sessions[-1])
    assert set(labels) <= {tick_label(at) for at in data.sessions}


def test_a_closed_worry_ends_at_its_closing_meeting_with_an_end_marker() -> None:
    # Worry 1 was last scored on 26 Aug and closed at the meeting of 23 Sep.
    data = history([("2026-07-01", 1, W, 3), ("2026-08-26", 1, W, 7), ("2026-07-01", 2, W, 4),
                    ("2026-09-23", 2, W, 5)], closed={1: "2026-09-23"})
    figure = scale_history_figure(data)
    line = worry_lines(figure)["1"]
    assert line.get_xdata()[-1] == date_number(meeting("2026-09-23"))
    assert line.get_ydata()[-1] == 7
    end = one(figure, "worry-end:1")
    assert (end.get_xdata()[0], end.get_ydata()[0]) == (line.get_xdata()[-1], 7)
    assert end.get_marker() == "X"
    assert by_gid(figure, "worry-end:2") == []  # still open: no end
    assert worry_lines(figure)["2"].get_xdata()[-1] == date_number(meeting("2026-09-23"))


def test_a_case_with_no_scores_says_so() -> None:
    figure = scale_history_figure(ScaleHistory(case_id=1))
    assert one(figure, "no-scores").get_text() == NO_SCORES_TEXT
    assert by_gid(figure, "worry-line:") == []
    assert one(figure, "escalation-zone") is not None
    draw(figure)  # and it draws
    assert scale_history_summary(ScaleHistory(case_id=1)) == "No scaling scores recorded yet."


def test_the_summary_tells_each_worrys_trend() -> None:
    text = scale_history_summary(two_worries())
    assert text.startswith("Scaling scores over 4 sessions from 1 Jul 2026 to 23 Sep 2026.")
    assert "Case as a whole: 4 → 6 (rising) over 3 sessions" in text
    assert f"Worry '{DRINK}': 2.5 → 6 (rising) over 3 sessions, closed on 23 Sep 2026" in text
    assert f"Worry '{SCHOOL}': 6.5 → 5 (falling) over 3 sessions" in text
    assert "escalation zone" not in text
    low = history([("2026-07-01", 1, W, 5), ("2026-07-29", 1, W, 2), ("2026-07-29", 2, W, 4)])
    assert scale_history_summary(low).endswith(
        "In the escalation zone (0–2) at the latest score: 'Worry number 1'.")
    single = history([("2026-07-01", None, W, 5)])
    assert "Case as a whole: 5 at 1 session" in scale_history_summary(single)


def test_a_title_is_drawn_when_asked_for() -> None:
    figure = scale_history_figure(two_worries(), title="Scale history: Amy")
    assert one(figure, "title").get_text() == "Scale history: Amy"
    assert by_gid(scale_history_figure(two_worries()), "title") == []


def test_a_resized_chart_keeps_its_legends_at_the_edges_and_gives_the_plot_the_room() -> None:
    figure = scale_history_figure(two_worries(), title="Amy", width_in=4.4)
    assert figure.get_figwidth() == 4.4
    draw(figure)
    ax = figure.axes[0]
    small = ax.get_position().height * figure.get_figheight()
    figure.set_size_inches(7, figure.get_figheight() + 2)  # as a bigger widget would
    draw(figure)
    renderer = figure.canvas.get_renderer()
    height_px = figure.bbox.height
    for gid, edge in (("rater-legend", "top"), ("title", "top"), ("worry-legend", "bottom")):
        box = one(figure, gid).get_window_extent(renderer)
        gap_in = (height_px - box.y1 if edge == "top" else box.y0) / figure.dpi
        assert 0 <= gap_in < 0.5, f"{gid} drifted {gap_in:.2f} in from the {edge}"
    assert ax.get_position().height * figure.get_figheight() == pytest.approx(small + 2)
    assert one(figure, "worry-legend").get_window_extent(renderer).y1 < ax.get_window_extent().y0


@pytest.mark.parametrize("width_in", [3.6, 4.4, 7.0])
def test_the_newest_date_is_inside_the_chart_at_any_width(width_in: float) -> None:
    figure = scale_history_figure(two_worries(), width_in=width_in)
    draw(figure)
    renderer = figure.canvas.get_renderer()
    labels = figure.axes[0].get_xticklabels()
    newest = labels[-1].get_window_extent(renderer)
    assert labels[-1].get_text() == "23 Sep 2026"
    assert newest.x1 <= figure.bbox.x1  # not cut off at the right edge
    assert newest.x0 > labels[-2].get_window_extent(renderer).x1  # nor over the date before it
