"""On a 2× screen a chart is drawn with twice the pixels at the same layout, not scaled up.

QT_SCALE_FACTOR has to be set before the QApplication exists, so this runs in a fresh process.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]

SCRIPT = """
import json
from PySide6.QtWidgets import QApplication
app = QApplication([])
from tests.workbench.charts.helpers import glance_row
from ui.charts import ChartView
from workbench.charts import build_caseload_glance_chart

view = ChartView()
view.resize(600, 500)
view.show()
app.processEvents()
view.set_chart(build_caseload_glance_chart([glance_row(1, "Amy", 3, 5), glance_row(2, "Ben", 6)],
                                           width_in=5.6))
for _ in range(5):
    app.processEvents()
canvas = view.canvas
renderer = canvas.get_renderer()
picture = canvas.grab()
print(json.dumps({
    "ratio": canvas.device_pixel_ratio, "logical": [canvas.width(), canvas.height()],
    "inches": [float(v) for v in canvas.figure.get_size_inches()], "dpi": canvas.figure.dpi,
    "drawn": [renderer.width, renderer.height], "grabbed": [picture.width(), picture.height()],
}))
"""


def test_a_chart_on_a_2x_screen_is_drawn_at_twice_the_pixels() -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "QT_SCALE_FACTOR": "2",
           "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-c", SCRIPT], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    seen = json.loads(done.stdout.strip().splitlines()[-1])
    assert seen["ratio"] == 2
    width, height = seen["logical"]
    assert seen["inches"] == [width / 100, height / 100]  # the layout of a 1× screen
    assert seen["dpi"] == 200
    assert seen["drawn"] == [2 * width, 2 * height]  # every device pixel drawn by Agg
    assert seen["grabbed"] == [2 * width, 2 * height]
