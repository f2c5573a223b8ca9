"""The steps of a case consultation, in their order, with the field each step writes."""

from __future__ import annotations

import enum
import math
from collections.abc import Callable

from workbench.messages import translatable


class Step(enum.StrEnum):
    REQUEST = "request"
    STORY = "story"
    MAPPING = "mapping"
    SCALING = "scaling"
    NEXT_STEPS = "next_steps"
    TAKEAWAY = "takeaway"

    @property
    def heading(self) -> str:
        return _TITLES[self]

    @property
    def prompt(self) -> str:
        return _PROMPTS[self]


# The steps' words are in the catalogue: the screens translate them (ui.i18n.translated); the
# signed record keeps the English.
_TITLES = {
    Step.REQUEST: translatable("workbench.consultation", "What the presenter wants from the group"),
    Step.STORY: translatable("workbench.consultation", "The story so far"),
    Step.MAPPING: translatable("workbench.consultation", "Mapping"),
    Step.SCALING: translatable("workbench.consultation", "Scaling"),
    Step.NEXT_STEPS: translatable("workbench.consultation", "Next steps proposed by the group"),
    Step.TAKEAWAY: translatable("workbench.consultation", "What the presenter will take away"),
}

_PROMPTS = {
    Step.REQUEST: translatable("workbench.consultation",
                               "What would you like from the group today? What would make this "
                               "time useful?"),
    Step.STORY: translatable("workbench.consultation",
                             "Tell us the story so far: who is in the family, how we came to be "
                             "involved, what has happened since."),
    Step.MAPPING: translatable("workbench.consultation",
                               "What are we worried about? What's working well? What needs to "
                               "happen?"),
    Step.SCALING: translatable("workbench.consultation",
                               "Each person scales on their own; the scores are shown side by "
                               "side once everyone has scored."),
    Step.NEXT_STEPS: translatable("workbench.consultation",
                                  "What could happen next? The group proposes; the accountable "
                                  "team manager decides."),
    Step.TAKEAWAY: translatable("workbench.consultation",
                                "In your own words: what will you take away from this "
                                "consultation?"),
}

#: The step text each field of :class:`db.models.Consultation` holds.
FIELD_OF_STEP = {
    Step.REQUEST: "presenter_request",
    Step.STORY: "story",
    Step.SCALING: "spread_discussion",
    Step.NEXT_STEPS: "next_steps",
    Step.TAKEAWAY: "takeaway",
}

#: The longest time box a step takes, in minutes.
MAX_TIME_BOX = 240


class StepTimer:
    """How long the room has spent on each step, and what is left of its time box.

    The facilitator moves between steps; the time already spent on a step counts again when
    the group goes back to it. ``now`` is a monotonic clock in seconds (the screen's ticks)."""

    def __init__(self, now: Callable[[], float]) -> None:
        self._now = now
        self._spent: dict[Step, float] = {}
        self._current: Step | None = None
        self._since = 0.0

    def enter(self, step: Step) -> None:
        """The group moves to ``step`` (the time on the previous one stops)."""
        now = self._now()
        if self._current is not None:
            self._spent[self._current] = self.spent(self._current, now)
        self._current, self._since = step, now

    def spent(self, step: Step, now: float | None = None) -> float:
        """Seconds spent on ``step`` so far."""
        total = self._spent.get(step, 0.0)
        if step is self._current:
            total += (self._now() if now is None else now) - self._since
        return total

    def left(self, step: Step, minutes: int | None) -> int | None:
        """Whole seconds left of a time box of ``minutes`` on ``step`` (negative: over time), or
        None when the step has no time box."""
        if not minutes:
            return None
        return math.ceil(minutes * 60 - self.spent(step))


def clock_text(seconds: int) -> str:
    """``seconds`` as minutes and seconds, "9:05" (without a sign)."""
    minutes, rest = divmod(abs(seconds), 60)
    return f"{minutes}:{rest:02d}"
