"""The caseload at a glance: its order, its dumbbells, overdue marks, and clicks back to a case."""

from __future__ import annotations

from matplotlib.figure import Figure

from tests.workbench.charts.helpers import by_gid, glance_row, one
from workbench.charts import (
    case_at_row,
    case_id_at,
    caseload_glance_figure,
    caseload_glance_summary,
    glance_order,
)
from workbench.charts._figure import draw

ROWS = [
    glance_row(1, "Steady six", 6, 6),
    glance_row(2, "Rising four", 4, 2),
    glance_row(3, "Falling four", 4, 7, overdue=True),
    glance_row(4, "Not scored", None, overdue=True),
    glance_row(5, "Lowest", 1.5, 1.5),
    glance_row(6, "First score four", 4),
    glance_row(7, "Not scored either", None),
]
EXPECTED = ["Lowest", "Falling four", "First score four", "Rising four", "Steady six", "Not scored",
            "Not scored either"]


def names_top_to_bottom(figure: Figure) -> list[str]:
    texts = by_gid(figure, "glance-name:")
    return [t.get_text() for t in sorted(texts, key=lambda t: t.get_position()[1])]


def test_lowest_and_falling_come_first_and_unscored_last() -> None:
    assert [row.child_label for row in glance_order(ROWS)] == EXPECTED


def test_the_chart_lists_children_in_that_order_with_overdue_marked() -> None:
    figure = caseload_glance_figure(ROWS)
    names = names_top_to_bottom(figure)
    assert [n.removesuffix(" (overdue)") for n in names] == EXPECTED
    assert names[1] == "Falling four (overdue)"
    assert names[5] == "Not scored (overdue)"
    overdue = one(figure, "glance-name:3")
    assert overdue.get_fontweight() == "bold"
    assert one(figure, "glance-name:5").get_fontweight() == "normal"
    assert figure.axes[0].yaxis_inverted()  # the first row is on top


def test_each_child_has_a_dumbbell_from_previous_to_latest() -> None:
    figure = caseload_glance_figure(ROWS)
    falling = one(figure, "glance-latest:falling")
    rising = one(figure, "glance-latest:rising")
    steady = one(figure, "glance-latest:steady")
    # Rows: 0 Lowest, 1 Falling four, 2 First score four, 3 Rising four, 4 Steady six.
    assert (list(falling.get_xdata()), list(falling.get_ydata())) == ([4], [1])
    assert falling.get_marker() == "<"
    assert (list(rising.get_xdata()), list(rising.get_ydata())) == ([4], [3])
    assert rising.get_marker() == ">"
    assert (list(steady.get_xdata()), list(steady.get_ydata())) == ([1.5, 4, 6], [0, 2, 4])
    previous = one(figure, "glance-previous")
    assert (list(previous.get_xdata()), list(previous.get_ydata())) == ([1.5, 7, 2, 6], [0, 1, 3, 4])
    assert previous.get_markerfacecolor() == "white"  # hollow
    change = one(figure, "glance-change")
    assert [[tuple(p) for p in seg] for seg in change.get_segments()] == [
        [(1.5, 0), (1.5, 0)], [(7, 1), (4, 1)], [(2, 3), (4, 3)], [(6, 4), (6, 4)]]
    assert [t.get_position()[1] for t in by_gid(figure, "glance-unscored")] == [5, 6]
    band = one(figure, "escalation-zone")
    assert (band.get_x(), band.get_x() + band.get_width()) == (0, 2)


def test_a_click_on_a_row_or_its_name_gives_the_case() -> None:
    figure = caseload_glance_figure(ROWS)
    draw(figure)
    ax = figure.axes[0]
    order = [row.case_id for row in glance_order(ROWS)]
    for index, case_id in enumerate(order):
        x, y = ax.transData.transform((5, index))
        assert case_id_at(figure, x, y) == case_id
        assert case_id_at(figure, 2.0, y) == case_id  # on the child's name, left of the axes
    _, above = ax.transData.transform((5, -0.6))
    assert case_id_at(figure, 100, above) is None
    assert case_id_at(caseload_glance_figure([]), 10, 10) is None


def test_rows_map_to_cases_by_their_centre() -> None:
    assert case_at_row([11, 12, 13], 1.4) == 12
    assert case_at_row([11, 12, 13], 1.6) == 13
    assert case_at_row([11, 12, 13], -0.4) == 11
    assert case_at_row([11, 12, 13], 2.6) is None
    assert case_at_row([11, 12, 13], -0.6) is None


def test_a_large_caseload_shows_the_lowest_and_says_so() -> None:
    rows = [glance_row(i, f"Child {i}", (i % 11) * 1.0, None) for i in range(100)]
    figure = caseload_glance_figure(rows, max_rows=20)
    assert len(by_gid(figure, "glance-name:")) == 20
    assert one(figure, "glance-truncated").get_text() == "Showing the 20 lowest of 100 open cases."
    shown = names_top_to_bottom(figure)
    assert shown[:10] == [f"Child {i}" for i in range(0, 100, 11)][:10]


def test_the_summary_reads_the_chart_in_order() -> None:
    text = caseload_glance_summary(ROWS)
    assert text.startswith("7 open cases, 5 with a score, 2 overdue for supervision. "
                           "Lowest and falling first: Lowest: 1.5, same as before (1.5); "
                           "Falling four: 4, down 3 from 7, overdue for supervision; "
                           "First score four: 4 (first score); Rising four: 4, up 2 from 2;")
    assert text.endswith("Not scored: no score yet, overdue for supervision; Not scored either: "
                         "no score yet.")
    assert caseload_glance_summary([]) == "No open cases."
