"""Scale prompts and blind scaling: pure rules over the scores of one discussion.

- A score at or below the set's escalation point (2 by default) asks for the escalation
  decision to be recorded.
- Worker and manager scores that far apart (3 by default) ask for the difference to be
  talked about and the outcome recorded.
- When the set compares them (version 2 on), the family's scores (the child, parents or
  carers, the safety network) and the professionals' (worker, manager, other agencies) that
  far apart at the widest ask for the difference to be talked about too.
- With blind scaling, nobody sees another voice's score on a scale (a worry, or the case
  as a whole), whoever gave it, until both the worker and the manager have scored it;
  prompts wait too, since a prompt would give a hidden score away.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Protocol

from db.enums import RaterRole
from workbench.supervision.question_sets import ScaleSpec
from workbench.supervision.scale_voices import Side

BOTH = frozenset({RaterRole.WORKER, RaterRole.SUPERVISOR})


class ScoreLike(Protocol):
    @property
    def worry_id(self) -> int | None: ...
    @property
    def rater(self) -> RaterRole: ...
    @property
    def score(self) -> int: ...
    @property
    def reason(self) -> str: ...


@dataclass(frozen=True)
class ScoreEntry:
    """A plain score, for callers (and tests) that have no ScoreView at hand."""

    worry_id: int | None
    rater: RaterRole
    score: int
    reason: str = ""


class PromptKind(enum.StrEnum):
    ESCALATION = "escalation"
    DIFFERENCE = "difference"
    FAMILY_DIFFERENCE = "family_difference"  # between the family's and the professionals' scores


@dataclass(frozen=True)
class ScalePrompt:
    kind: PromptKind
    worry_id: int | None  # the scale it is about (None: the case as a whole)
    message: str
    answered: bool  # the escalation decision / the note on the difference is recorded


def _by_scale(scores: Iterable[ScoreLike]) -> dict[int | None, list[ScoreLike]]:
    grouped: dict[int | None, list[ScoreLike]] = {}
    for score in scores:
        grouped.setdefault(score.worry_id, []).append(score)
    return grouped


def both_scored(scores: Iterable[ScoreLike]) -> bool:
    return {s.rater for s in scores} >= BOTH


def scale_prompts(scores: Iterable[ScoreLike], spec: ScaleSpec, *, blind: bool,
                  escalation_decision: str = "", score_difference_note: str = "") -> list[ScalePrompt]:
    """The prompts the scores of one discussion raise, in scale order (case first)."""
    prompts = []
    grouped = _by_scale(scores)
    for worry_id in sorted(grouped, key=lambda k: (k is not None, k or 0)):
        group = grouped[worry_id]
        if blind and not both_scored(group):
            continue
        lowest = min(group, key=lambda s: s.score)
        if lowest.score <= spec.escalate_at_or_below:
            prompts.append(ScalePrompt(
                PromptKind.ESCALATION, worry_id,
                spec.escalation_prompt.format(score=lowest.score, threshold=spec.escalate_at_or_below),
                bool(escalation_decision.strip()),
            ))
        by_rater = {s.rater: s.score for s in group}
        if by_rater.keys() >= BOTH:
            difference = abs(by_rater[RaterRole.WORKER] - by_rater[RaterRole.SUPERVISOR])
            if difference >= spec.difference_to_discuss:
                prompts.append(ScalePrompt(
                    PromptKind.DIFFERENCE, worry_id, spec.difference_prompt.format(difference=difference),
                    bool(score_difference_note.strip()),
                ))
        gap = family_gap(group, spec)
        if gap is not None and spec.family_difference_to_discuss is not None \
                and gap >= spec.family_difference_to_discuss:
            prompts.append(ScalePrompt(
                PromptKind.FAMILY_DIFFERENCE, worry_id, spec.family_difference_prompt.format(difference=gap),
                bool(score_difference_note.strip()),
            ))
    return prompts


def family_gap(scores: Iterable[ScoreLike], spec: ScaleSpec) -> int | None:
    """The widest gap between a family member's score and a professional's (None: not both)."""
    family: list[int] = []
    professional: list[int] = []
    for score in scores:
        (family if spec.side_of(score.rater) is Side.FAMILY else professional).append(score.score)
    if not family or not professional:
        return None
    return max(abs(f - p) for f in family for p in professional)


@dataclass(frozen=True)
class VisibleScore:
    """A score as one viewer may see it: ``hidden`` scores show that they exist, not their value."""

    worry_id: int | None
    rater: RaterRole
    hidden: bool
    score: int | None  # None when hidden
    reason: str | None  # None when hidden


def visible_scores(scores: Sequence[ScoreLike], *, blind: bool,
                   viewer: RaterRole | None = None) -> list[VisibleScore]:
    """Each score as ``viewer`` may see it.

    Without blind scaling everything shows. With it, on a scale that the worker and the
    manager have not both scored yet, only the viewer's own score shows, whichever voice the
    others are (with no viewer, e.g. the shared screen in the meeting, none does).
    """
    complete = {worry_id for worry_id, group in _by_scale(scores).items() if both_scored(group)}
    shown = []
    for s in scores:
        hide = blind and s.worry_id not in complete and s.rater != viewer
        shown.append(VisibleScore(s.worry_id, s.rater, hide, None if hide else s.score,
                                  None if hide else s.reason))
    return shown
