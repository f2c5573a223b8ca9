"""The team view: distribution of latest scores, share scored, the monthly mean and median."""

from __future__ import annotations

import datetime as dt
import math

from tests.workbench.charts.helpers import by_gid, one
from workbench.caseload_scores import MonthScores, TeamView
from workbench.charts import team_view_figure, team_view_summary


def view(months: tuple[MonthScores, ...] | None = None) -> TeamView:
    if months is None:
        months = tuple(
            MonthScores(month=dt.date(2026, m, 1), mean=None if m == 9 else m / 2,
                        median=None if m == 9 else m / 2 + 0.5, cases_scored=0 if m == 9 else m)
            for m in range(7, 12)
        )
    return TeamView(team_id=1, team_name="Northgate", as_of=dt.date(2026, 11, 26),
                    distribution=(1, 0, 2, 0, 3, 0, 0, 5, 0, 0, 1), open_cases=16, scored_cases=12,
                    months=months)


def test_the_distribution_has_a_bar_per_score_with_the_escalation_zone_hatched() -> None:
    figure = team_view_figure(view())
    heights = [one(figure, f"distribution-bar:{s}").get_height() for s in range(11)]
    assert heights == [1, 0, 2, 0, 3, 0, 0, 5, 0, 0, 1]
    assert [bool(one(figure, f"distribution-bar:{s}").get_hatch()) for s in range(11)] == (
        [True] * 3 + [False] * 8)


def test_the_share_of_open_cases_scored() -> None:
    figure = team_view_figure(view())
    assert one(figure, "share-scored").get_height() == 0.75
    assert one(figure, "share-unscored").get_height() == 0.25
    assert one(figure, "share-text").get_text() == "75%\n12 of 16\nopen cases"


def test_monthly_mean_and_median_with_a_gap_for_a_month_without_scores() -> None:
    figure = team_view_figure(view())
    mean = list(one(figure, "month-mean").get_ydata())
    median = list(one(figure, "month-median").get_ydata())
    assert mean[:2] == [3.5, 4.0]
    assert mean[3:] == [5.0, 5.5]
    assert math.isnan(mean[2])
    assert math.isnan(median[2])
    assert median[0] == 4.0
    monthly = figure.axes[2]
    assert [t.get_text() for t in monthly.get_xticklabels()] == [
        "Jul\n2026\n(7)", "Aug\n2026\n(8)", "Sep\n2026\n(0)", "Oct\n2026\n(10)", "Nov\n2026\n(11)"]
    assert len(by_gid(figure, "escalation-zone")) == 1


def test_the_summary_gives_share_zone_and_movement() -> None:
    assert team_view_summary(view()) == (
        "Northgate: 16 open cases, 12 with a score (75%). 3 in the escalation zone (0–2). "
        "Monthly mean 5.5 and median 6 in November 2026 (11 cases), from a mean of 3.5 in "
        "July 2026 (rising).")
    empty = TeamView(team_id=1, team_name="Empty", as_of=dt.date(2026, 11, 26),
                     distribution=(0,) * 11, open_cases=0, scored_cases=0, months=())
    assert team_view_summary(empty) == "Empty: 0 open cases, 0 with a score. No scores in the last months."
    figure = team_view_figure(empty)
    assert one(figure, "share-text").get_text() == "No open\ncases"
