"""The steps of a case consultation, in their order, with the field each step writes."""

from __future__ import annotations

import enum


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


_TITLES = {
    Step.REQUEST: "What the presenter wants from the group",
    Step.STORY: "The story so far",
    Step.MAPPING: "Mapping",
    Step.SCALING: "Scaling",
    Step.NEXT_STEPS: "Next steps proposed by the group",
    Step.TAKEAWAY: "What the presenter will take away",
}

_PROMPTS = {
    Step.REQUEST: "What would you like from the group today? What would make this time useful?",
    Step.STORY: "Tell us the story so far: who is in the family, how we came to be involved, "
                "what has happened since.",
    Step.MAPPING: "What are we worried about? What's working well? What needs to happen?",
    Step.SCALING: "Each person scales on their own; the scores are shown side by side once "
                  "everyone has scored.",
    Step.NEXT_STEPS: "What could happen next? The group proposes; the accountable team manager "
                     "decides.",
    Step.TAKEAWAY: "In your own words: what will you take away from this consultation?",
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
