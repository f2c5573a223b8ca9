"""A tiny run of the benchmark, so `make bench` cannot rot: every figure is measured."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from bench.__main__ import GROUPS

ROOT = Path(__file__).resolve().parents[2]

EXPECTED = (
    "start to a painted main window",
    "import",
    "open a",
    "scale chart",
    "history query",
    "oversight of",
    "session note PDF, unsigned",
    "session note PDF, signed",
    "batch export of",
    "longest UI-thread stall while import and export ran",
    "peak memory",
)


@pytest.mark.slow
def test_every_figure_is_measured_in_a_smoke_run(tmp_path: Path) -> None:
    out = tmp_path / "bench.json"
    env = os.environ | {"QT_QPA_PLATFORM": "offscreen", "MPLBACKEND": "Agg"}
    # The team server's figures run in their own test below, beside this one (pytest -n 2).
    local = ",".join(group for group in GROUPS if group != "server")
    run = subprocess.run([sys.executable, "-m", "bench", "--smoke", "--only", local, "--json", str(out)],
                         cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stderr[-2000:]
    results = json.loads(out.read_text())["results"]
    broken = [r["figure"] for r in results if r["error"]]
    assert broken == [], run.stderr[-3000:]
    figures = [r["figure"] for r in results]
    for expected in EXPECTED:
        assert any(f.startswith(expected) or expected in f for f in figures), (expected, figures)
    assert all(r["seconds"] is not None and r["seconds"] > 0 for r in results)
    encrypted = [r for r in results if "(encrypted)" in r["figure"]]
    assert len(encrypted) == 2
    assert all(r["floor_name"] == "the same, unencrypted" for r in encrypted)
    assert "figure" in run.stdout
    assert "verdict" in run.stdout


@pytest.mark.slow
def test_the_team_server_figures_are_measured_in_a_smoke_run(tmp_path: Path) -> None:
    out = tmp_path / "bench.json"
    env = os.environ | {"QT_QPA_PLATFORM": "offscreen", "MPLBACKEND": "Agg"}
    run = subprocess.run([sys.executable, "-m", "bench", "--smoke", "--only", "server", "--json", str(out)],
                         cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stderr[-2000:]
    found = json.loads(out.read_text())["results"]
    assert [r["figure"] for r in found if r["error"]] == [], run.stderr[-3000:]
    results = {r["figure"].split(" with ")[0]: r for r in found}
    caseload = next(r for r in found if r["figure"].startswith("open a manager's"))
    assert caseload["floor_name"].startswith("the same call, no policies")
    assert caseload["seconds"] > 0
    assert results["autosave p95"]["floor_name"] == "one person alone"
    assert results["autosave p95"]["repeats"] >= 3  # a save or more from each of the 3 people
    lost = results["autosave writes lost"]
    assert lost["unit"] == "writes"
    assert lost["seconds"] == 0  # every person's last save is in the database
