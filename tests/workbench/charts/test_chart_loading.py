"""Charts cost nothing until drawn, never touch pyplot, and draw from real database data."""

from __future__ import annotations

import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

from db.enums import RaterRole
from tests.conftest import FixedClock
from tests.workbench.charts.conftest import Caseload, at
from tests.workbench.charts.helpers import by_gid
from workbench.caseload_scores import caseload_glance, team_view
from workbench.charts import (
    build_caseload_glance_chart,
    build_scale_history_chart,
    build_team_view_chart,
    case_id_at,
    render_png,
    render_svg,
)
from workbench.charts.samples import sample_history
from workbench.history import read_scale_history

PROBE = """
import sys
import workbench.charts, workbench.history, workbench.caseload_scores
print("matplotlib" in sys.modules)
from workbench.charts import build_scale_history_chart
from workbench.charts.samples import sample_history
build_scale_history_chart(sample_history())
print("matplotlib" in sys.modules, "matplotlib.pyplot" in sys.modules)
"""


def test_matplotlib_loads_with_the_first_chart_and_pyplot_never() -> None:
    result = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, check=True)
    assert result.stdout.split() == ["False", "True", "False"]


def test_charts_from_the_database(caseload: Caseload, clock: FixedClock) -> None:
    worker = caseload.worker("Bo Worker")
    amy = caseload.case(worker, "A1", name="Amy")
    ben = caseload.case(worker, "B2", name="Ben")
    worry = caseload.worry(amy, "Dad drinks")
    caseload.discuss(amy, at("2026-10-01"), [(worry, RaterRole.WORKER, 5), (None, RaterRole.PARENT, 6)])
    caseload.discuss(amy, at("2026-11-01"), [(worry, RaterRole.SUPERVISOR, 3)], close=[worry])
    caseload.discuss(ben, at("2026-11-05"), [(None, RaterRole.WORKER, 7)])

    with caseload.db() as s:
        history = read_scale_history(s, amy)
    chart = build_scale_history_chart(history, title="Amy")
    assert len(by_gid(chart.figure, "worry-line:")) == 2
    assert len(by_gid(chart.figure, "worry-end:")) == 1
    assert "Worry 'Dad drinks': 5 → 3 (falling) over 2 sessions, closed on 1 Nov 2026" in chart.summary
    assert render_png(chart.figure, dpi=72).startswith(b"\x89PNG")
    assert b"Dad drinks" in render_svg(chart.figure)  # text stays text in vector output

    glance = build_caseload_glance_chart(caseload_glance(caseload.db, clock, worker_id=worker))
    ax = glance.figure.axes[0]
    x, y = ax.transData.transform((5, 0))
    assert case_id_at(glance.figure, x, y) == amy  # 3 (falling) is above Ben's 7
    assert glance.summary.startswith("2 open cases, 2 with a score")

    team = build_team_view_chart(team_view(caseload.db, clock, team_id=caseload.team_id))
    assert team.summary.startswith("Northgate: 2 open cases, 2 with a score (100%).")


def test_charts_built_in_several_threads_leave_matplotlib_settings_as_they_were() -> None:
    import matplotlib

    before = dict(matplotlib.rcParams)
    histories = [sample_history(sessions=6, worries=2, seed=seed) for seed in range(4)]
    with ThreadPoolExecutor(max_workers=4) as pool:
        charts = list(pool.map(lambda h: build_scale_history_chart(h), histories * 2))
    assert dict(matplotlib.rcParams) == before
    assert all(len(by_gid(chart.figure, "worry-line:")) == 2 for chart in charts)
