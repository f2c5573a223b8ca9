"""The time boxes count down while the group is on a step, keep what was spent when the group
goes back to it, and say by how much the group is over."""

from __future__ import annotations

from workbench.consultation.steps import Step, StepTimer, clock_text


class Clock:
    def __init__(self) -> None:
        self.seconds = 1000.0

    def __call__(self) -> float:
        return self.seconds


def test_the_time_left_counts_down_on_the_current_step_only() -> None:
    clock = Clock()
    timer = StepTimer(clock)
    timer.enter(Step.STORY)
    clock.seconds += 9 * 60 + 30
    assert timer.left(Step.STORY, 10) == 30
    assert timer.left(Step.REQUEST, 5) == 5 * 60  # not started: the whole box is left
    timer.enter(Step.MAPPING)
    clock.seconds += 600
    assert timer.left(Step.STORY, 10) == 30  # the story's clock stopped when the group moved on
    timer.enter(Step.STORY)
    clock.seconds += 95
    assert timer.left(Step.STORY, 10) == -65
    assert clock_text(-65) == "1:05"


def test_a_step_without_a_time_box_has_no_countdown() -> None:
    timer = StepTimer(Clock())
    timer.enter(Step.STORY)
    assert timer.left(Step.STORY, None) is None
    assert timer.left(Step.STORY, 0) is None
