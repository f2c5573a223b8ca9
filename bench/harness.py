"""The benchmark's frame: each figure is measured beside its floor in the same run.

A measurement returns seconds (the best of several runs, after a warm-up) for the figure
and, where there is one, for its floor. The verdict compares against the target from
DESIGN.md, either as a ratio to the floor or as an absolute bound, or both.
"""

from __future__ import annotations

import gc
import json
import statistics
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path


def best_of(fn: Callable[[], object], repeat: int = 5, warmup: int = 1) -> float:
    """The fastest of ``repeat`` timed calls: the least disturbed by the rest of the machine."""
    for _ in range(warmup):
        fn()
    times = []
    for _ in range(repeat):
        gc.collect()
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def median_of(fn: Callable[[], float], repeat: int = 5) -> float:
    """For measurements that time themselves (subprocesses): the median of the reported times."""
    return statistics.median(fn() for _ in range(repeat))


@dataclass
class Result:
    figure: str
    seconds: float | None
    floor_name: str = ""
    floor_seconds: float | None = None
    max_ratio: float | None = None
    max_seconds: float | None = None
    unit: str = "s"
    note: str = ""
    error: str = ""
    extra: dict[str, object] = field(default_factory=dict)

    @property
    def ratio(self) -> float | None:
        if self.seconds is None or not self.floor_seconds:
            return None
        return self.seconds / self.floor_seconds

    @property
    def target(self) -> str:
        parts = []
        if self.max_ratio is not None:
            parts.append(f"≤ {self.max_ratio:g}× floor")
        if self.max_seconds is not None:
            parts.append(f"≤ {_fmt(self.max_seconds, self.unit)}")
        return ", ".join(parts) or "—"

    @property
    def passed(self) -> bool | None:
        if self.error or self.seconds is None:
            return False
        checks = []
        if self.max_ratio is not None and self.ratio is not None:
            checks.append(self.ratio <= self.max_ratio)
        if self.max_seconds is not None:
            checks.append(self.seconds <= self.max_seconds)
        return all(checks) if checks else None


def _fmt(value: float | None, unit: str = "s") -> str:
    if value is None:
        return "—"
    if unit == "MiB":
        return f"{value:.0f} MiB"
    if value < 1:
        return f"{value * 1000:.1f} ms"
    return f"{value:.2f} s"


def print_table(results: list[Result]) -> None:
    headers = ("figure", "measured", "floor", "floor time", "ratio", "target", "verdict")
    rows = []
    for r in results:
        verdict = {True: "PASS", False: "FAIL", None: "info"}[r.passed]
        if r.error:
            verdict = f"FAIL ({r.error})"
        rows.append((
            r.figure, _fmt(r.seconds, r.unit), r.floor_name or "—",
            _fmt(r.floor_seconds, r.unit), f"{r.ratio:.2f}×" if r.ratio else "—", r.target, verdict,
        ))
    widths = [max(len(str(x)) for x in col) for col in zip(headers, *rows, strict=False)]
    line = "  ".join(f"{{:<{w}}}" for w in widths)
    print(line.format(*headers))
    print(line.format(*("-" * w for w in widths)))
    for row in rows:
        print(line.format(*row))
    for r in results:
        if r.note:
            print(f"  · {r.figure}: {r.note}")


def write_json(results: list[Result], path: Path, meta: dict[str, object]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    payload = {
        "meta": meta,
        "results": [asdict(r) | {"ratio": r.ratio, "passed": r.passed, "target": r.target}
                    for r in results],
    }
    path.write_text(json.dumps(payload, indent=2, default=str), encoding="utf-8")
