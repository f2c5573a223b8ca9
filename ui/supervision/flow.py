"""The guided flow of a session as plain data: its pages, each child's steps, next and back.

A session is walked as: the agenda; for each child on it (in agenda order) the parts of the
mapping order (:mod:`workbench.supervision.mapping`, the same order the PDF prints): last
time's actions reviewed, the worker's reflection (when there is one), what we are worried
about and the danger statements, what's working well, the safety goals and what needs to
happen, the child's voice, then the scale (with its follow-up questions), the decisions (with
the impact statement) and the actions agreed; then the worker's part; then "ready to sign".
No Qt here.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from workbench.supervision.mapping import Part, discussion_plan
from workbench.supervision.question_sets import Question, QuestionSet
from workbench.supervision.views import DiscussionView

AGENDA, DISCUSSION, WORKER, READY = "agenda", "discussion", "worker", "ready"
REVIEW, REFLECTION, WORRIES, GOALS = "review", "reflection", "worries", "goals"
SCALE, DECISIONS, ACTIONS = "scale", "decisions", "actions"
SECTION_PREFIX = "section:"
#: The step of each part that is not a section of questions.
_PART_STEPS = {Part.REVIEW: REVIEW, Part.REFLECTION: REFLECTION, Part.DANGER_STATEMENTS: WORRIES,
               Part.SAFETY_GOALS: GOALS, Part.SCALE: SCALE, Part.DECISIONS: DECISIONS,
               Part.ACTIONS: ACTIONS}


@dataclass(frozen=True)
class Step:
    key: str  # REVIEW, REFLECTION, WORRIES, GOALS, SCALE, DECISIONS, ACTIONS or "section:<id>"
    title: str
    questions: tuple[Question, ...] = ()


@dataclass(frozen=True)
class Place:
    """Where the user is: a page, and on a child's page which child and which step."""

    page: str
    discussion_id: int | None = None
    step: str | None = None

    def as_json(self) -> dict[str, object]:
        return {"page": self.page, "discussion_id": self.discussion_id, "step": self.step}

    @classmethod
    def from_json(cls, data: object) -> Place | None:
        if not isinstance(data, dict) or data.get("page") not in (AGENDA, DISCUSSION, WORKER, READY):
            return None
        discussion_id, step = data.get("discussion_id"), data.get("step")
        return cls(str(data["page"]), discussion_id if isinstance(discussion_id, int) else None,
                   step if isinstance(step, str) else None)


def discussion_steps(question_set: QuestionSet, discussion: DiscussionView) -> list[Step]:
    """One child's steps, in the mapping order (parts with nothing to show are skipped)."""
    steps: list[Step] = []
    for item in discussion_plan(question_set):
        questions = tuple(q for section in item.sections for q in question_set.questions_in(section))
        key = _PART_STEPS.get(item.part)
        if item.part is Part.REVIEW and not discussion.actions_to_review:
            continue
        if item.part is Part.REFLECTION and (discussion.reflection is None or discussion.reflection.is_empty):
            continue
        if key is not None:
            steps.append(Step(key, item.title, questions))
        else:  # a part made of the set's sections: a step per section (none: a place kept)
            steps.extend(Step(SECTION_PREFIX + section, question_set.section(section).title,
                              question_set.questions_in(section)) for section in item.sections)
    return steps


def session_places(question_set: QuestionSet, discussions: Sequence[DiscussionView]) -> list[Place]:
    """Every place of the flow, first to last (what Next and Back walk through)."""
    places = [Place(AGENDA)]
    for discussion in discussions:
        places.extend(Place(DISCUSSION, discussion.id, step.key)
                      for step in discussion_steps(question_set, discussion))
    places.extend([Place(WORKER), Place(READY)])
    return places


def neighbour(places: Sequence[Place], here: Place, offset: int) -> Place | None:
    """The place ``offset`` steps from ``here`` (None past either end, or if ``here`` is gone)."""
    try:
        index = places.index(here)
    except ValueError:
        return None
    target = index + offset
    return places[target] if 0 <= target < len(places) else None


def resolve(places: Sequence[Place], wanted: Place | None) -> Place:
    """``wanted`` if it still exists; else the same child's first step; else the agenda."""
    if wanted is not None:
        if wanted in places:
            return wanted
        for place in places:
            if place.discussion_id is not None and place.discussion_id == wanted.discussion_id:
                return place
        if wanted.page in (WORKER, READY):
            return Place(wanted.page)
    return places[0]


def place_for_missing(question_set: QuestionSet, kind: str, discussion_id: int | None,
                      question_id: str | None) -> Place:
    """Where to go to add a missing item (``MissingItem.kind`` and where it belongs)."""
    if discussion_id is None:
        if kind == "answer":
            return Place(WORKER)
        return Place(AGENDA)
    step = {"worry": WORRIES, "goal": GOALS, "score": SCALE, "prompt": SCALE, "decision": DECISIONS,
            "action": ACTIONS, "review": REVIEW}.get(kind)
    if step is None and question_id is not None and question_set.has_question(question_id):
        section = question_set.question(question_id).section
        part = question_set.part_of(question_set.section(section))
        step = _PART_STEPS.get(part, SECTION_PREFIX + section)
    return Place(DISCUSSION, discussion_id, step)
