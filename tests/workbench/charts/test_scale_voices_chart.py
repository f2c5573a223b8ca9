"""Every voice on the scale history, and a change of the scale's wording, read back from the artists."""

from __future__ import annotations

import dataclasses

from matplotlib.lines import Line2D
from matplotlib.text import Text

from db.enums import RaterRole
from tests.workbench.charts.helpers import by_gid, history, one
from workbench.charts import scale_history_figure
from workbench.charts._figure import date_number
from workbench.charts.style import RATER_LINESTYLES, RATER_MARKERS
from workbench.history import ScaleHistory

W, S, P, C, N, PRO = (RaterRole.WORKER, RaterRole.SUPERVISOR, RaterRole.PARENT, RaterRole.CHILD,
                    RaterRole.NETWORK, RaterRole.PROFESSIONAL)
CIN = ("child_in_need", "Child in need")
LAC = ("looked_after", "Looked after (Signs of Success)")


def voices() -> ScaleHistory:
    days = ("2026-07-01", "2026-07-29", "2026-08-26")
    scores = []
    for number, day in enumerate(days):
        scores += [(day, None, W, 5 + number), (day, None, S, 4 + number), (day, None, P, 8),
                   (day, None, C, 3 + 2 * number), (day, None, N, 6), (day, None, PRO, 4)]
    return history(scores)


def with_wording(past: ScaleHistory, by_day: dict[str, tuple[str, str]]) -> ScaleHistory:
    points = tuple(dataclasses.replace(p, scale_variant=by_day[p.meeting_at.date().isoformat()][0],
                                       scale_label=by_day[p.meeting_at.date().isoformat()][1])
                   for p in past.points)
    return ScaleHistory(case_id=past.case_id, points=points)


def dash(line: Line2D) -> tuple[float, ...]:
    return tuple(line._unscaled_dash_pattern[1] or ())  # the pattern matplotlib draws with


def test_each_voice_has_its_own_marker_and_line_style() -> None:
    figure = scale_history_figure(voices())
    lines = {a.get_gid().split(":")[1]: a for a in by_gid(figure, "rater-line:")}
    assert set(lines) == {r.value for r in (W, S, P, C, N, PRO)}
    assert len({dash(line) for line in lines.values()}) == 6, "greyscale tells voices apart by dashes"
    assert list(lines["child"].get_ydata()) == [3, 5, 7]
    assert list(lines["parent"].get_ydata()) == [8, 8, 8]
    markers = {a.get_gid().split(":")[1]: a.get_marker() for a in by_gid(figure, "rater:")}
    assert markers == {r.value: RATER_MARKERS[r] for r in (W, S, P, C, N, PRO)}
    legend = one(figure, "rater-legend")
    entries = {t.get_text(): h for t, h in zip(legend.get_texts(), legend.legend_handles, strict=True)}
    assert {"Worker", "Manager / supervisor", "Parent", "Child", "Safety network",
            "Other professional"} <= set(entries)
    other = entries["Other professional"]
    assert isinstance(other, Line2D)
    assert other.get_marker() == RATER_MARKERS[PRO]
    assert dash(other) == dash(lines["professional"])
    assert set(RATER_LINESTYLES) == set(RaterRole)


def test_a_change_of_wording_breaks_the_lines_and_says_so() -> None:
    past = with_wording(voices(), {"2026-07-01": CIN, "2026-07-29": CIN, "2026-08-26": LAC})
    figure = scale_history_figure(past)
    whole = one(figure, "worry-line:whole")
    part = one(figure, "worry-line-part:whole:1")
    assert isinstance(whole, Line2D)
    assert isinstance(part, Line2D)
    # the child-in-need scores are one line; the looked-after score starts another
    assert len(whole.get_xdata()) == 2
    assert len(part.get_xdata()) == 1
    assert part.get_label().startswith("_"), "the worry is listed once in the legend"
    child_lines = by_gid(figure, "rater-line:child:whole")
    assert sorted(len(line.get_xdata()) for line in child_lines) == [1, 2]
    marker = one(figure, "variant-break:1")
    assert isinstance(marker, Line2D)
    x = marker.get_xdata()[0]
    assert date_number(past.sessions[1]) < x < date_number(past.sessions[2])
    label = one(figure, "variant-label:1")
    assert isinstance(label, Text)
    assert label.get_text().strip() == "Scale wording changed: Looked after (Signs of Success)"


def test_one_wording_throughout_draws_no_break() -> None:
    figure = scale_history_figure(with_wording(voices(), dict.fromkeys(
        ("2026-07-01", "2026-07-29", "2026-08-26"), LAC)))
    assert by_gid(figure, "variant-break:") == []
    assert by_gid(figure, "worry-line-part:") == []
    assert len(one(figure, "worry-line:whole").get_xdata()) == 3
