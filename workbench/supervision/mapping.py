"""The order of a case discussion, defined once: the app's steps and the PDF both follow it.

Gather and analyse before judging. A child's discussion goes: last time's actions reviewed;
the worker's reflection; what are we worried about (harm and complicating factors, then the
danger statements); what's working well (existing strengths and safety); what needs to happen
(the safety goals, next steps, the safety plan); the child's voice and direct work; then the
scales; then the decisions and the actions agreed.

:data:`MAPPING_ORDER` is that order as parts. A question set's sections are placed in it by
their ``part`` (version 3 on says so in the file) or, for older sets, by their column, their
id ("scale") and the section that holds the impact statement, so a session held with an old
set is shown and printed in the same order, in its own words.

Two parts are places kept for work built beside this: :attr:`Part.SAFETY_PLAN` (the safety
network, network meetings and the safety plan) and :attr:`Part.DIRECT_WORK` (direct work with
the child). Until a provider fills them they have nothing to show and are skipped.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from workbench.supervision.question_sets import QuestionSet, Section


class Part(enum.StrEnum):
    REVIEW = "review"  # last time's actions reviewed
    REFLECTION = "reflection"  # the worker's preparation, read before the mapping
    WORRIED = "worried"  # column 1: harm, complicating factors
    DANGER_STATEMENTS = "danger_statements"  # column 1: the danger statements
    WORKING_WELL = "working_well"  # column 2: existing strengths, existing safety
    SAFETY_GOALS = "safety_goals"  # column 3: a safety goal per danger statement
    NEEDS_TO_HAPPEN = "needs_to_happen"  # column 3: next steps
    SAFETY_PLAN = "safety_plan"  # column 3: the safety plan (a place kept for safety planning)
    DIRECT_WORK = "direct_work"  # direct work with the child (a place kept for it)
    CHILD_VOICE = "child_voice"  # the child's voice: Three Houses, Words and Pictures
    SCALE = "scale"  # the scales, with their follow-up questions
    DECISIONS = "decisions"  # decisions and their rationale, the impact statement
    ACTIONS = "actions"  # the actions agreed now


#: A child's discussion, first to last.
MAPPING_ORDER: tuple[Part, ...] = tuple(Part)

#: The parts a question-set section may name (``part = "..."`` in [[sections]]).
SECTION_PARTS: tuple[Part, ...] = (Part.WORRIED, Part.WORKING_WELL, Part.NEEDS_TO_HAPPEN,
                                   Part.SAFETY_PLAN, Part.DIRECT_WORK, Part.CHILD_VOICE,
                                   Part.SCALE, Part.DECISIONS)
#: The part each of the three columns belongs to.
COLUMN_PARTS = {1: Part.WORRIED, 2: Part.WORKING_WELL, 3: Part.NEEDS_TO_HAPPEN}
#: Parts of which a set may have one section at most.
SINGLE_SECTION_PARTS = (Part.SCALE, Part.DECISIONS)


#: Each part's title where neither the set nor its sections give one (a stored set that no
#: longer parses still prints with these).
PLAIN_TITLES = {
    Part.REVIEW: "Last time's actions reviewed", Part.REFLECTION: "The worker's reflection",
    Part.WORRIED: "What are we worried about?", Part.DANGER_STATEMENTS: "Danger statements",
    Part.WORKING_WELL: "What's working well?", Part.SAFETY_GOALS: "Safety goals",
    Part.NEEDS_TO_HAPPEN: "What needs to happen?", Part.SAFETY_PLAN: "The safety plan",
    Part.DIRECT_WORK: "Direct work with the child", Part.CHILD_VOICE: "The child's voice",
    Part.SCALE: "The scale", Part.DECISIONS: "Decisions and their rationale", Part.ACTIONS: "Actions",
}


def inferred_part(section: Section, impact_section: str | None) -> Part:
    """Where a section of a set that does not say (versions before 3) belongs."""
    if section.column in COLUMN_PARTS:
        return COLUMN_PARTS[section.column]
    if section.id == "scale":
        return Part.SCALE
    if section.id == impact_section:
        return Part.DECISIONS
    return Part.CHILD_VOICE  # any other case section: heard before the scale


@dataclass(frozen=True)
class PlanItem:
    """One part of the order as a question set words it, with the set's sections it shows."""

    part: Part
    title: str
    sections: tuple[str, ...] = ()  # section ids, in the set's order


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def discussion_plan(question_set: QuestionSet) -> tuple[PlanItem, ...]:
    """Every part of a child's discussion in :data:`MAPPING_ORDER`, titled in the set's words.

    A part may have nothing to show for a given child (no actions to review, no reflection, a
    place kept for later work); the UI and the PDF skip those."""
    from workbench.supervision.question_sets import Scope

    by_part: dict[Part, list[Section]] = {}
    for section in question_set.sections:
        if section.scope is Scope.CASE:
            by_part.setdefault(question_set.part_of(section), []).append(section)
    terms = question_set.terms
    fixed = {
        **PLAIN_TITLES,
        Part.DANGER_STATEMENTS: _capital(terms.worries),
        Part.SAFETY_GOALS: _capital(terms.goals),
        Part.SCALE: _capital(terms.scale),
        Part.DECISIONS: question_set.decisions.title,
        Part.ACTIONS: question_set.actions.title,
    }
    plan = []
    for part in MAPPING_ORDER:
        sections = by_part.get(part, [])
        title = sections[0].title if sections else fixed[part]
        plan.append(PlanItem(part, title, tuple(s.id for s in sections)))
    return tuple(plan)
