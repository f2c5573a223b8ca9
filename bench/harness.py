"""The benchmark's frame: each figure is measured beside its floor in the same run.

The machine is shared (two cores, other people's tests): a figure is the *median* of enough
repeats to be steady, printed with its spread (min-max), and its floor is measured
*interleaved* with it (figure, floor, figure, floor, ...) so that both see the same load. The
ratio is the median of the ratios of neighbouring pairs, which a change of load between pairs
does not move. The verdict compares against the target from DESIGN.md, either as a ratio to
the floor or as an absolute bound, or both.
"""

from __future__ import annotations

import concurrent.futures as futures
import gc
import json
import multiprocessing
import statistics
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class Spread:
    """Repeated timings of one thing: the median is the figure, min-max its spread."""

    times: tuple[float, ...]

    @property
    def median(self) -> float:
        return statistics.median(self.times)

    @property
    def low(self) -> float:
        return min(self.times)

    @property
    def high(self) -> float:
        return max(self.times)


def timed(fn: Callable[[], object]) -> float:
    gc.collect()
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def repeated(fn: Callable[[], object], repeat: int = 9, warmup: int = 1) -> Spread:
    """``repeat`` timed calls after ``warmup`` untimed ones."""
    for _ in range(warmup):
        fn()
    return Spread(tuple(timed(fn) for _ in range(repeat)))


def in_turns(*measures: Callable[[], float], repeat: int = 9, warmup: int = 1) -> list[Spread]:
    """Each of ``measures`` (each call returns its own seconds) taken in turns, so that all see
    the same load; which goes first moves round each run, so none always follows another's
    cache effects. Their spreads, in the order given."""
    for _ in range(warmup):
        for measure in measures:
            measure()
    times: list[list[float]] = [[] for _measure in measures]
    for run in range(repeat):
        for step in range(len(measures)):
            which = (run + step) % len(measures)
            times[which].append(measures[which]())
    return [Spread(tuple(taken)) for taken in times]


def pair_ratio(figure: Spread, floor: Spread) -> float:
    """The median ratio of the pairs taken in the same turn (see :func:`in_turns`)."""
    return statistics.median(a / b for a, b in zip(figure.times, floor.times, strict=True) if b > 0)


def interleaved(figure: Callable[[], float], floor: Callable[[], float], repeat: int = 9,
                warmup: int = 1) -> tuple[Spread, Spread, float]:
    """Figure and floor taken in turns (:func:`in_turns`); both spreads and their pair ratio."""
    figures, floors = in_turns(figure, floor, repeat=repeat, warmup=warmup)
    return figures, floors, pair_ratio(figures, floors)


def load_average() -> tuple[float, float, float]:
    """How busy the machine is (1, 5, 15 minutes), to print beside the figures."""
    import os

    try:
        one, five, fifteen = os.getloadavg()
    except OSError:  # not every system has it
        return (0.0, 0.0, 0.0)
    return (round(one, 2), round(five, 2), round(fifteen, 2))


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
    #: the figure's spread (min, max) and how many repeats the median is of
    low: float | None = None
    high: float | None = None
    repeats: int = 1
    floor_low: float | None = None
    floor_high: float | None = None
    #: the median ratio of interleaved pairs; without it, median over median
    pair_ratio: float | None = None

    @classmethod
    def of(cls, figure: str, spread: Spread, floor_name: str = "", floor: Spread | None = None,
           pair_ratio: float | None = None, **kwargs: object) -> Result:
        """A result from repeated timings (and, where there is one, its interleaved floor)."""
        return cls(figure, spread.median, floor_name, floor.median if floor else None,
                   low=spread.low, high=spread.high, repeats=len(spread.times),
                   floor_low=floor.low if floor else None, floor_high=floor.high if floor else None,
                   pair_ratio=pair_ratio, **kwargs)  # type: ignore[arg-type]

    @property
    def ratio(self) -> float | None:
        if self.seconds is None or not self.floor_seconds:
            return None
        if self.pair_ratio is not None:
            return self.pair_ratio
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
    if unit in ("MiB", "writes"):
        return f"{value:.0f} {unit}"
    if value < 1:
        return f"{value * 1000:.1f} ms"
    return f"{value:.2f} s"


def _spread(low: float | None, high: float | None, unit: str) -> str:
    if low is None or high is None:
        return ""
    return f" ({_fmt(low, unit)}–{_fmt(high, unit)})"


def print_table(results: list[Result], load: tuple[tuple[float, ...], tuple[float, ...]] | None = None,
                cores: int | None = None) -> None:
    if load is not None:
        start, end = load
        print(f"load average (1/5/15 min) at start {start[0]:.2f}/{start[1]:.2f}/{start[2]:.2f}, "
              f"at end {end[0]:.2f}/{end[1]:.2f}/{end[2]:.2f}, on {cores or '?'} cores; "
              "figures are medians (min–max), floors interleaved with them")
    headers = ("figure", "measured (min–max)", "n", "floor", "floor time (min–max)", "ratio",
               "target", "verdict")
    rows = []
    for r in results:
        verdict = {True: "PASS", False: "FAIL", None: "info"}[r.passed]
        if r.error:
            verdict = f"FAIL ({r.error})"
        rows.append((
            r.figure, _fmt(r.seconds, r.unit) + _spread(r.low, r.high, r.unit), str(r.repeats),
            r.floor_name or "—", _fmt(r.floor_seconds, r.unit) + _spread(r.floor_low, r.floor_high, r.unit),
            f"{r.ratio:.2f}×" if r.ratio else "—", r.target, verdict,
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


def no_keyring() -> None:
    import keyring
    from keyring.backends.fail import Keyring as NoKeyring

    keyring.set_keyring(NoKeyring())  # never touch the developer's real keyring


def in_own_process(measure: Callable[..., list[Result]], *args: Any, **kwargs: Any) -> list[Result]:
    """``measure`` run in a fresh interpreter, as the app that shows it would run it: not in
    this one, which by then holds the other figures' data, windows and Qt application (the
    oversight screen took 316 ms after the other figures in this process, 200 ms in its own)."""
    spawn = multiprocessing.get_context("spawn")
    with futures.ProcessPoolExecutor(max_workers=1, mp_context=spawn, initializer=no_keyring) as pool:
        return pool.submit(measure, *args, **kwargs).result()
