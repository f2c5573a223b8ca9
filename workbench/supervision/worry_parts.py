"""A danger statement and its safety goal as structure: the parts each one is made of.

A danger statement says who is worried, what the adults do (or fail to do), the impact on the
child, what may happen if nothing changes, and the family's view where it differs. Its safety
goal says what the carers will do, what the child will experience, what professionals will
see, and for how long. The part ids are fixed here (the completeness check and the PDF rely on
them); their labels, help and which ones are required come with the question set
(``[[worries.statement_parts]]`` and ``[[worries.goal_parts]]``), so early help says "worry
statement" and "wellbeing goal" in its own words. A set without them keeps free-text worries.

Parts are stored as a ``{part id: text}`` mapping on the worry and each of its revisions; the
plain sentence (``danger_statement`` / ``safety_goal``) is composed from them so that charts,
lists and older code keep one line of text to show.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass

from workbench.supervision.question_set_reader import TableReader


class Of(enum.StrEnum):
    STATEMENT = "statement"
    GOAL = "goal"


#: The parts of a danger statement, in the order they are written and printed.
STATEMENT_PARTS = ("who_is_worried", "what_adults_do", "impact_on_child", "if_nothing_changes",
                   "family_view")
#: The parts of a safety goal.
GOAL_PARTS = ("carers_will", "child_will_experience", "professionals_will_see", "time_frame")
ALL_PARTS = STATEMENT_PARTS + GOAL_PARTS


#: Plain labels for a part the set does not word (a worry written in parts shown with an
#: older set): the PDF still names every part.
DEFAULT_LABELS = {
    "who_is_worried": "Who is worried", "what_adults_do": "What the adults do or fail to do",
    "impact_on_child": "The impact on the child",
    "if_nothing_changes": "What may happen if nothing changes",
    "family_view": "The family's view, where it differs",
    "carers_will": "What the carers will be doing", "child_will_experience": "What the child will experience",
    "professionals_will_see": "What professionals will see", "time_frame": "For how long",
}


@dataclass(frozen=True)
class WorryPart:
    id: str
    of: Of
    label: str  # "Who is worried", "For how long"
    help: str
    required: bool  # a gap is shown (never blocks signing) when a required part is empty


def read_parts(table: TableReader, key: str, of: Of) -> tuple[WorryPart, ...]:
    """``[[worries.<key>]]``: each part the set asks for, checked against the known ids."""
    known = STATEMENT_PARTS if of is Of.STATEMENT else GOAL_PARTS
    parts: list[WorryPart] = []
    for item in table.array_of_tables(key, item_key="id", label=f"[[worries.{key}]]"):
        part_id = item.text("id")
        if part_id not in known:
            item.fail("id", f"'{part_id}' is not a part of a {of.value}; use one of {', '.join(known)}")
        if any(p.id == part_id for p in parts):
            item.fail("id", f"'{part_id}' appears twice; list each part once")
        parts.append(WorryPart(part_id, of, item.text("label"), item.text("help", default=""),
                               item.boolean("required", default=True)))
        item.finish()
    return tuple(parts)


def clean_parts(parts: Mapping[str, object] | None) -> dict[str, str]:
    """Only known part ids, each as stripped text; empty parts are dropped."""
    if not parts:
        return {}
    out: dict[str, str] = {}
    for part_id in ALL_PARTS:
        value = parts.get(part_id)
        if isinstance(value, str) and value.strip():
            out[part_id] = value.strip()
    return out


def _sentence(text: str) -> str:
    text = text.strip()
    if not text:
        return ""
    return text if text[-1] in ".!?" else text + "."


_COMMON_FIRST_WORDS = {"the", "a", "an", "he", "she", "they", "it", "we", "there", "this", "his",
                       "her", "their", "our", "both", "all"}


def _lower_first(text: str) -> str:
    """Lower-case a common first word ("The children" -> "the children"), never a name."""
    first = text.split(" ", 1)[0]
    return text[:1].lower() + text[1:] if first.lower() in _COMMON_FIRST_WORDS else text


def compose_statement(parts: Mapping[str, str]) -> str:
    """One plain sentence of the statement's parts (the family's view is printed on its own).

    "School and the social worker: Mum drinks and leaves Sam alone at night. Sam is frightened.
    If nothing changes, Sam could be hurt."
    """
    who, what = parts.get("who_is_worried", ""), parts.get("what_adults_do", "")
    pieces = []
    if who and what:
        pieces.append(f"{who.rstrip(':.')}: {_sentence(what)}")
    elif who or what:
        pieces.append(_sentence(who or what))
    pieces.append(_sentence(parts.get("impact_on_child", "")))
    future = parts.get("if_nothing_changes", "")
    if future:
        pieces.append(_sentence(future) if future.lower().startswith("if ")
                      else f"If nothing changes, {_sentence(_lower_first(future))}")
    return " ".join(p for p in pieces if p)


def compose_goal(parts: Mapping[str, str]) -> str:
    """One plain sentence of the goal's parts, its time frame last ("For how long: …")."""
    pieces = [_sentence(parts.get(p, "")) for p in ("carers_will", "child_will_experience",
                                                     "professionals_will_see")]
    frame = parts.get("time_frame", "")
    if frame:
        pieces.append(f"For how long: {_sentence(frame)}")
    return " ".join(p for p in pieces if p)


@dataclass(frozen=True)
class WorryGaps:
    """The required parts a worry leaves empty (by label, in the set's order)."""

    statement: tuple[WorryPart, ...]
    goal: tuple[WorryPart, ...]

    @property
    def is_complete(self) -> bool:
        return not self.statement and not self.goal


def worry_gaps(parts: Mapping[str, str] | None, statement_parts: tuple[WorryPart, ...],
               goal_parts: tuple[WorryPart, ...]) -> WorryGaps:
    """Which required parts are empty (a worry written as free text has them all empty)."""
    filled = clean_parts(parts)
    return WorryGaps(
        statement=tuple(p for p in statement_parts if p.required and p.id not in filled),
        goal=tuple(p for p in goal_parts if p.required and p.id not in filled),
    )
