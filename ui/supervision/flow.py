"""The guided flow of a session as plain data: its pages, each child's steps, next and back.

A session is walked as: the agenda; for each child on it (in agenda order) the worker's
reflection (when there is one), the worries, the scale (with its follow-up questions), the
remaining sections of the question set, the decisions (with the section that holds the impact
statement) and the actions; then the worker's part; then "ready to sign". No Qt here.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from workbench.supervision.question_sets import Question, QuestionSet, Scope
from workbench.supervision.views import DiscussionView

AGENDA, DISCUSSION, WORKER, READY = "agenda", "discussion", "worker", "ready"
REFLECTION, WORRIES, SCALE, DECISIONS, ACTIONS = "reflection", "worries", "scale", "decisions", "actions"
SECTION_PREFIX = "section:"
#: The section whose questions are the scale's follow-ups (asked on the scale step).
SCALE_SECTION = "scale"


@dataclass(frozen=True)
class Step:
    key: str  # REFLECTION, WORRIES, SCALE, DECISIONS, ACTIONS or "section:<id>"
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


def _impact_section(question_set: QuestionSet) -> str | None:
    for question in question_set.case_questions:
        if question.binds == "impact_statement":
            return question.section
    return None


def discussion_steps(question_set: QuestionSet, discussion: DiscussionView) -> list[Step]:
    """One child's steps, in the order they are walked."""
    steps: list[Step] = []
    if discussion.reflection is not None and not discussion.reflection.is_empty:
        steps.append(Step(REFLECTION, "The worker's reflection"))
    steps.append(Step(WORRIES, question_set.worries.title))
    impact = _impact_section(question_set)
    scale_title = question_set.terms.scale[:1].upper() + question_set.terms.scale[1:]
    scale_questions: tuple[Question, ...] = ()
    sections = []
    for section in question_set.sections:
        if section.scope is not Scope.CASE:
            continue
        if section.id == SCALE_SECTION:
            scale_title = section.title
            scale_questions = question_set.questions_in(section.id)
        elif section.id != impact:
            sections.append(Step(SECTION_PREFIX + section.id, section.title,
                                 question_set.questions_in(section.id)))
    steps.append(Step(SCALE, scale_title, scale_questions))
    steps.extend(sections)
    if impact is not None:
        steps.append(Step(DECISIONS, question_set.section(impact).title, question_set.questions_in(impact)))
    else:
        steps.append(Step(DECISIONS, question_set.decisions.title))
    steps.append(Step(ACTIONS, question_set.actions.title))
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
    step = {"worry": WORRIES, "score": SCALE, "prompt": SCALE, "decision": DECISIONS,
            "action": ACTIONS, "review": ACTIONS}.get(kind)
    if step is None and question_id is not None and question_set.has_question(question_id):
        section = question_set.question(question_id).section
        if section == SCALE_SECTION:
            step = SCALE
        elif section == _impact_section(question_set):
            step = DECISIONS
        else:
            step = SECTION_PREFIX + section
    return Place(DISCUSSION, discussion_id, step)
