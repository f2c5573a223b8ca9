"""The charts as pictures, compared with committed reference images within a tolerance.

After an intended change of look, regenerate the references and look at them before
committing:  WORKBENCH_UPDATE_CHART_REFERENCES=1 .venv/bin/python -m pytest \
tests/workbench/charts/test_reference_images.py
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.testing.compare import compare_images

from db.enums import RaterRole
from workbench.charts import caseload_glance_figure, render_png, scale_history_figure, team_view_figure
from workbench.charts._text_cache import TextCachingCanvas
from workbench.charts.samples import sample_glance, sample_history, sample_team_view

REFERENCE = Path(__file__).parent / "reference"
UPDATE = os.environ.get("WORKBENCH_UPDATE_CHART_REFERENCES") == "1"
DPI = 50  # small files; every line, marker and label still shows
TOLERANCE = 3.0  # RMS of pixel differences, 0-255

CHARTS: dict[str, Callable[[], Figure]] = {
    "scale_history": lambda: scale_history_figure(
        sample_history(sessions=9, worries=3, closed=1, case_as_a_whole=True,
                       raters=(RaterRole.WORKER, RaterRole.SUPERVISOR, RaterRole.PARENT,
                               RaterRole.CHILD)),
        title="Scale history"),
    "scale_history_empty": lambda: scale_history_figure(sample_history(sessions=0, worries=0)),
    "caseload_glance": lambda: caseload_glance_figure(sample_glance(12)),
    "team_view": lambda: team_view_figure(sample_team_view()),
}


@pytest.mark.parametrize("name", sorted(CHARTS))
def test_chart_looks_like_its_reference(name: str, tmp_path: Path) -> None:
    expected = REFERENCE / f"{name}.png"
    actual = tmp_path / f"{name}.png"
    actual.write_bytes(render_png(CHARTS[name](), dpi=DPI))
    if UPDATE:
        REFERENCE.mkdir(exist_ok=True)
        expected.write_bytes(actual.read_bytes())
    assert expected.exists(), f"no reference image {expected}: regenerate as the module docstring says"
    difference = compare_images(str(expected), str(actual), tol=TOLERANCE)
    assert difference is None, difference


@pytest.mark.parametrize("dpi", [100, 200])
@pytest.mark.parametrize("name", sorted(CHARTS))
def test_text_drawn_from_memory_has_exactly_matplotlibs_pixels(name: str, dpi: int) -> None:
    """The charts' canvas remembers text it measured, shaped and rasterised
    (workbench/charts/_text_cache.py): drawn from memory or afresh, every pixel is the one
    matplotlib's own Agg canvas draws, the title and the upright axis label included."""
    def pixels(figure: Figure, canvas: Any) -> np.ndarray:
        figure.set_dpi(dpi)
        canvas.draw()
        return np.asarray(canvas.buffer_rgba()).copy()

    plain = CHARTS[name]()
    expected = pixels(plain, FigureCanvasAgg(plain))
    for _first_then_remembered in range(2):
        figure = CHARTS[name]()
        assert isinstance(figure.canvas, TextCachingCanvas)
        assert np.array_equal(pixels(figure, figure.canvas), expected)
