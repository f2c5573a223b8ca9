"""UI-thread time to put the caseload-at-a-glance chart (60 children) on screen, and to resize it.

The chart is built and drawn first (as the task runner does, off the clock); what is timed is
``ChartView.set_chart`` plus the event processing that shows it, with a QElapsedTimer, and
how many times the figure is drawn meanwhile.

    QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/measure_chart_paint.py
"""

from __future__ import annotations

import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from PySide6.QtCore import QElapsedTimer
from PySide6.QtWidgets import QApplication, QVBoxLayout, QWidget

ROWS = 60
RUNS = 5


def settle(rounds: int = 5) -> None:
    for _ in range(rounds):
        QApplication.processEvents()


def main() -> None:
    app = QApplication.instance() or QApplication(sys.argv)
    assert app is not None
    from tests.workbench.charts.helpers import glance_row
    from ui.charts import ChartView
    from ui.scores.common import chart_width_in
    from ui.scores.glance_panel import ROW_IN
    from workbench.charts import build_caseload_glance_chart

    rows = [glance_row(i, f"Child number {i} Surname", (i * 7) % 11, (i * 5) % 11,
                       overdue=i % 4 == 0) for i in range(1, ROWS + 1)]
    shows: list[float] = []
    resizes: list[float] = []
    draws_on_show: list[int] = []
    draws_on_resize: list[int] = []
    for _ in range(RUNS):
        window = QWidget()
        layout = QVBoxLayout(window)
        view = ChartView()
        view.setMinimumWidth(440)
        layout.addWidget(view, 1)
        window.resize(520, 700)
        view.show_message("Drawing the chart…")
        window.show()
        settle()
        chart = build_caseload_glance_chart(rows, max_rows=ROWS,
                                            width_in=chart_width_in(view, least=4.0, most=9.0),
                                            axis_on_top=view.height() / 100 < ROWS * ROW_IN + 1.0)
        count = [0]
        original = chart.figure.draw

        def counted(renderer: object, _original: object = original,
                    _count: list[int] = count) -> None:
            _count[0] += 1
            _original(renderer)  # type: ignore[operator]

        chart.figure.draw = counted  # type: ignore[method-assign]
        timer = QElapsedTimer()
        timer.start()
        view.set_chart(chart)
        settle()
        shows.append(timer.nsecsElapsed() / 1e6)
        draws_on_show.append(count[0])
        count[0] = 0
        timer.restart()
        window.resize(640, 760)
        settle()
        resizes.append(timer.nsecsElapsed() / 1e6)
        draws_on_resize.append(count[0])
        window.close()
        window.deleteLater()
        settle()
    print(f"glance chart, {ROWS} rows, {RUNS} runs")
    print(f"  set_chart + show: median {statistics.median(shows):.1f} ms, "
          f"max {max(shows):.1f} ms; figure draws {draws_on_show}")
    print(f"  window resize (events processed at once): median {statistics.median(resizes):.1f} ms, "
          f"max {max(resizes):.1f} ms; figure draws {draws_on_resize}")


if __name__ == "__main__":
    main()
