"""The oversight charts: pure builders whose bars carry the report's own numbers."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from matplotlib.patches import Rectangle

from workbench.charts import build_oversight_chart
from workbench.charts.oversight import FIGURES, MAX_WORKER_ROWS, band_counts, oversight_figure
from workbench.oversight import DEFAULT_POLICY
from workbench.oversight.report import (
    STATE_AWAITING_COUNTERSIGNATURE,
    STATE_DRAFT,
    DirectWorkCoverage,
    DirectWorkRow,
    Movements,
    OversightReport,
    PendingNote,
    Rediscussion,
    WorkerSupervision,
)

AS_OF = dt.date(2026, 11, 30)


def worker(worker_id: int, name: str, due: dt.date | None) -> WorkerSupervision:
    overdue = due is None or due < AS_OF
    return WorkerSupervision(worker_id, name, "Northgate", None, "monthly", 1, 3, None, due, overdue,
                             0, False, 2, 0)


def note(age: int, state: str) -> PendingNote:
    return PendingNote(1, "Bo", "Ann", AS_OF, state, AS_OF - dt.timedelta(days=age), age)


REPORT = OversightReport(
    scope="Northgate", team_id=1, start=dt.date(2026, 9, 1), end=AS_OF, as_of=AS_OF,
    policy=DEFAULT_POLICY,
    workers=(worker(7, "Bo", dt.date(2026, 11, 10)), worker(8, "Cy", dt.date(2026, 12, 5)),
             worker(9, "Eve", None)),
    children_overdue=(), rediscussion=Rediscussion(1, 9),
    pending_notes=(note(3, STATE_DRAFT), note(20, STATE_DRAFT), note(60, STATE_AWAITING_COUNTERSIGNATURE)),
    open_disagreements=(), overdue_actions=(), stuck_cases=(), divergences=(),
    distribution=(0, 1, 0, 0, 2, 0, 0, 5, 0, 0, 0), movements=Movements(2, 3, 1, 1, 0), open_cases=8,
    direct_work=DirectWorkCoverage(
        since=dt.date(2026, 8, 31),
        workers=(DirectWorkRow(7, "Bo", "Northgate", 4, 1, (1, 0, 0, 0)),
                 DirectWorkRow(8, "Cy", "Northgate", 4, 3, (2, 1, 1, 0)),
                 DirectWorkRow(9, "Eve", "Northgate", 0, 0, (0, 0, 0, 0))),
        totals=(DirectWorkRow(None, "Northgate total", "Northgate", 8, 4, (3, 1, 1, 0)),)),
)


def bars(figure: object, prefix: str) -> dict[str, Rectangle]:
    return {p.get_gid(): p for ax in figure.axes for p in ax.patches  # type: ignore[attr-defined]
            if isinstance(p, Rectangle) and (p.get_gid() or "").startswith(prefix)}


def test_each_worker_bar_is_days_until_due_negative_when_overdue() -> None:
    found = bars(oversight_figure(REPORT, "workers"), "worker-bar:")
    # Bo due 11-10: 20 days overdue; Cy due 12-05: in 5 days; Eve never supervised: at the left.
    assert found["worker-bar:7"].get_width() == -20
    assert found["worker-bar:8"].get_width() == 5
    assert found["worker-bar:9"].get_width() < -20


def test_ages_are_banded_and_stacked_by_state() -> None:
    assert band_counts([0, 7, 8, 28, 29, 400, None]) == [2, 1, 1, 1, 1, 1]
    heights = {}
    for ax in oversight_figure(REPORT, "notes").axes:
        for container in ax.containers:
            heights[container.get_label()] = [bar.get_height() for bar in container]
    # Drafts of 3 and 20 days: bands 0-7 and 15-28; the countersignature waiting 60 days: 57+.
    assert heights[STATE_DRAFT] == [1, 0, 1, 0, 0]
    assert heights[STATE_AWAITING_COUNTERSIGNATURE] == [0, 0, 0, 0, 1]


def test_scores_are_a_spread_and_movements_never_a_mean() -> None:
    figure = oversight_figure(REPORT, "scores")
    spread = bars(figure, "score-bar:")
    assert [spread[f"score-bar:{s}"].get_height() for s in range(11)] == list(REPORT.distribution)
    moved = bars(figure, "movement-bar:")
    assert [moved[f"movement-bar:{n}"].get_height() for n in ("rising", "steady", "falling")] == [2, 3, 1]
    texts = " ".join(t.get_text() for ax in figure.axes for t in ax.texts)
    assert "mean" not in texts.lower()


def test_direct_work_is_a_share_per_worker_and_children_per_tool() -> None:
    figure = oversight_figure(REPORT, "direct_work")
    shares = bars(figure, "coverage-bar:")
    # Bo 1 of 4, Cy 3 of 4, Eve no children (an empty bar, said in words), the team 4 of 8.
    assert {gid: bar.get_width() for gid, bar in shares.items()} == {
        "coverage-bar:7": 25, "coverage-bar:8": 75, "coverage-bar:9": 0,
        "coverage-bar:total:Northgate total": 50}
    tools = bars(figure, "tool-bar:")
    assert [tools[f"tool-bar:{t}"].get_height() for t in (
        "three_houses", "wizards_and_fairies", "safety_house", "words_and_pictures")] == [3, 1, 1, 0]
    texts = [t.get_text() for ax in figure.axes for t in ax.texts]
    assert {"1 of 4 (25%)", "3 of 4 (75%)", "no open children", "4 of 8 (50%)"} <= set(texts)
    assert "score" not in " ".join(texts).lower()


@pytest.mark.parametrize("key", FIGURES)
def test_every_figure_builds_with_a_summary(key: str) -> None:
    chart = build_oversight_chart(REPORT, key, width_in=7.0)
    assert chart.kind == f"oversight_{key}"
    assert chart.summary
    assert chart.figure.get_size_inches()[0] == pytest.approx(7.0)


def test_an_unknown_figure_is_refused() -> None:
    with pytest.raises(ValueError, match="no oversight figure called"):
        oversight_figure(REPORT, "averages")


def test_each_worker_is_named_on_their_row() -> None:
    figure = oversight_figure(REPORT, "workers")
    names = {t.get_text(): t.get_position()[1] for ax in figure.axes for t in ax.texts
             if t.get_gid() == "worker-name"}
    rows = {gid: bar.get_y() + bar.get_height() / 2
            for gid, bar in bars(figure, "worker-bar:").items()}
    assert names == {"Bo": rows["worker-bar:7"], "Cy": rows["worker-bar:8"],
                     "Eve": rows["worker-bar:9"]}


def test_past_its_rows_the_workers_chart_draws_the_soonest_due_and_says_so() -> None:
    # Due from 10 days ago onwards, one a day, and one never supervised (listed last).
    many = (*(worker(100 + i, f"W{i:02}", AS_OF + dt.timedelta(days=i - 10))
              for i in range(MAX_WORKER_ROWS + 5)), worker(999, "Never", None))
    figure = oversight_figure(dataclasses.replace(REPORT, workers=many), "workers")
    found = bars(figure, "worker-bar:")
    # The never supervised and the 29 due soonest; the 6 due last are left to the table.
    assert set(found) == {"worker-bar:999", *(f"worker-bar:{100 + i}"
                                              for i in range(MAX_WORKER_ROWS - 1))}
    titles = [ax.get_title(loc="left") for ax in figure.axes]
    assert titles == [f"Days until each worker's next supervision is due: the {MAX_WORKER_ROWS} "
                      f"soonest of {MAX_WORKER_ROWS + 6}"]
    assert len(bars(oversight_figure(REPORT, "workers"), "worker-bar:")) == 3  # few: all of them
