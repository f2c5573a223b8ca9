"""The benchmark's frame: figures are medians with their spread, floors taken in turns with
them, and the ratio is that of neighbouring pairs (no timing is asserted here: the timings are
made up)."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest

from bench.harness import Result, Spread, in_turns, interleaved, pair_ratio, print_table


def _replay(times: list[float], log: list[str], name: str) -> Callable[[], float]:
    found: Iterator[float] = iter(times)

    def call() -> float:
        log.append(name)
        return next(found)

    return call


def test_figure_and_floor_are_taken_in_turns_and_the_ratio_is_of_neighbouring_pairs() -> None:
    log: list[str] = []
    # The machine gets four times busier half way: both sides of each pair see the same load.
    figure = _replay([9.0, 2.0, 2.0, 8.0, 8.0], log, "figure")
    floor = _replay([9.0, 1.0, 1.0, 4.0, 4.0], log, "floor")
    figures, floors, ratio = interleaved(figure, floor, repeat=4, warmup=1)
    assert log == ["figure", "floor", "figure", "floor", "floor", "figure", "figure", "floor",
                   "floor", "figure"]
    assert figures.times == (2.0, 2.0, 8.0, 8.0)
    assert floors.times == (1.0, 1.0, 4.0, 4.0)
    assert ratio == 2.0
    assert (figures.median, figures.low, figures.high) == (5.0, 2.0, 8.0)


def test_the_table_shows_the_spread_the_repeats_and_the_load(capsys: pytest.CaptureFixture[str]) -> None:
    result = Result.of("an import", Spread((1.5, 1.2, 1.9)), "the reader", Spread((0.8, 0.7, 0.9)),
                       pair_ratio=1.8, max_ratio=2.0)
    assert result.ratio == 1.8
    assert result.passed is True
    print_table([result], ((3.5, 2.0, 1.0), (4.25, 2.5, 1.5)), cores=2)
    out = capsys.readouterr().out
    assert "at start 3.50/2.00/1.00, at end 4.25/2.50/1.50, on 2 cores" in out
    assert "1.50 s (1.20 s–1.90 s)" in out
    assert "800.0 ms (700.0 ms–900.0 ms)" in out
    assert "1.80×" in out
    assert "PASS" in out


def test_three_measures_take_turns_each_going_first_in_its_own_run() -> None:
    log: list[str] = []
    plain = _replay([0.0, 2.0, 4.0, 6.0], log, "plain")
    encrypted = _replay([0.0, 2.2, 4.4, 6.6], log, "encrypted")
    floor = _replay([0.0, 1.0, 2.0, 3.0], log, "floor")
    plains, encrypteds, floors = in_turns(plain, encrypted, floor, repeat=3, warmup=1)
    assert log == ["plain", "encrypted", "floor",  # the warm-up
                   "plain", "encrypted", "floor", "encrypted", "floor", "plain",
                   "floor", "plain", "encrypted"]
    assert floors.times == (1.0, 2.0, 3.0)
    assert pair_ratio(plains, floors) == 2.0
    assert pair_ratio(encrypteds, plains) == pytest.approx(1.1)
