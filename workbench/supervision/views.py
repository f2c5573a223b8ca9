"""Read models of a session for the UI and the completeness check: plain frozen dataclasses."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from db.enums import ActionStatus, CaseKind, RaterRole, SessionKind, SessionStatus
from workbench.history import ScaleHistory
from workbench.supervision.question_sets import Question, QuestionSet, ScaleSpec
from workbench.supervision.reflections import ReflectionView
from workbench.supervision.scale_rules import ScalePrompt, VisibleScore, visible_scores
from workbench.supervision.scale_voices import Perspective, ScaleWording


@dataclass(frozen=True)
class WorryView:
    """A worry as it stood in one discussion."""

    id: int
    danger_statement: str  # the wording in this discussion
    safety_goal: str
    opened_here: bool  # added in this discussion
    reworded_here: bool
    previous_statement: str | None  # the wording it came in with, when reworded here
    previous_goal: str | None
    closed_here: bool
    closed_reason: str | None
    is_open: bool  # still open at the end of this discussion
    # The statement and goal in their parts (empty: written as free text), see worry_parts.
    parts: Mapping[str, str] = field(default_factory=dict)
    previous_parts: Mapping[str, str] | None = None  # the parts it came in with, when reworded here


@dataclass(frozen=True)
class ScoreView:
    id: int
    worry_id: int | None  # None: the case as a whole
    rater: RaterRole
    rater_name: str | None
    rater_staff_id: int | None
    score: int
    reason: str
    recorded_at: dt.datetime
    rater_agency: str | None = None  # other professionals


@dataclass(frozen=True)
class DecisionView:
    id: int
    position: int
    text: str
    rationale: str


@dataclass(frozen=True)
class ActionView:
    id: int
    discussion_id: int  # where it was agreed
    description: str
    owner_name: str
    owner_staff_id: int | None
    due_date: dt.date | None
    status: ActionStatus
    status_reason: str
    reviewed_in_id: int | None
    carried_from_id: int | None


@dataclass(frozen=True)
class DiscussionView:
    id: int
    session_id: int
    case_id: int
    child_id: int
    la_child_id: str
    child_name: str | None
    case_kind: CaseKind
    agenda_position: int
    agenda_reasons: tuple[str, ...]  # translatable Messages where agenda_rules wrote them
    answers: Mapping[str, Any]  # question id -> stored answer (bound questions not included)
    child_voice: str
    impact_statement: str
    escalation_decision: str
    score_difference_note: str
    worries: tuple[WorryView, ...]  # open at the start of this discussion, or opened in it
    scores: tuple[ScoreView, ...]
    decisions: tuple[DecisionView, ...]
    actions: tuple[ActionView, ...]  # agreed in this discussion
    actions_to_review: tuple[ActionView, ...]  # earlier open actions (and those reviewed here)
    reflection: ReflectionView | None  # the worker's reflection for this discussion
    prompts: tuple[ScalePrompt, ...]
    worry_warning: str | None  # the set's nudge when more worries are open than it advises
    last_discussed_at: dt.datetime | None  # the meeting before this one that discussed the child
    history: ScaleHistory = field(repr=False)
    scale_variant: str | None = None  # the [[scale.variants]] id this child is scored on
    scale_variant_reason: str = ""  # why, when it is not the one the case kind gives
    child_age: int | None = None  # whole years on the meeting day (None: no date of birth)

    def scale_wording(self, scale: ScaleSpec) -> ScaleWording:
        """The scale's question and anchors this child is scored on."""
        fitting = scale.variant_for(self.case_kind)
        return scale.wording_for(self.scale_variant or (fitting.id if fitting else None))

    def voice(self, perspective: Perspective) -> Perspective:
        """A voice as put to this child and family: the child's prompt for their age."""
        return perspective.for_age(self.child_age)

    def scores_on(self, worry_id: int | None) -> tuple[ScoreView, ...]:
        """Every voice's score on one scale (a worry, or the case as a whole), as saved."""
        return tuple(s for s in self.scores if s.worry_id == worry_id)

    @property
    def child_label(self) -> str:
        return self.child_name or self.la_child_id

    @property
    def open_worries(self) -> tuple[WorryView, ...]:
        return tuple(w for w in self.worries if w.is_open)

    def answer(self, question: Question) -> Any:
        """The stored answer to a case-level question, wherever it is kept."""
        if question.binds is not None:
            return getattr(self, question.binds, None)
        return self.answers.get(question.id)

    def score(self, worry_id: int | None, rater: RaterRole) -> ScoreView | None:
        for score in self.scores:
            if score.worry_id == worry_id and score.rater is rater:
                return score
        return None

    def visible_scores(self, *, blind: bool, viewer: RaterRole | None = None) -> list[VisibleScore]:
        return visible_scores(self.scores, blind=blind, viewer=viewer)


@dataclass(frozen=True)
class SessionView:
    id: int
    status: SessionStatus
    kind: SessionKind
    supervisor_id: int
    supervisor_name: str
    supervisee_id: int
    supervisee_name: str
    supervisee_newly_qualified: bool
    meeting_at: dt.datetime
    duration_minutes: int | None
    present: tuple[str, ...]
    blind_scaling: bool
    workload: str
    wellbeing: str
    learning_development: str
    appreciative_inquiry: str
    created_at: dt.datetime
    updated_at: dt.datetime
    late_entry: str | None  # "Recorded late: ..." when typed more than 7 days after the meeting
    question_set: QuestionSet
    discussions: tuple[DiscussionView, ...]  # in agenda order
    today: dt.date  # the day the view was read, for 'overdue'

    @property
    def is_editable(self) -> bool:
        return self.status is SessionStatus.DRAFT

    @property
    def is_signed(self) -> bool:
        return self.status.is_signed

    def session_answer(self, question: Question) -> str:
        """The answer to a session-level question (the worker's part)."""
        return str(getattr(self, question.binds or "", "") or "")

    def discussion(self, discussion_id: int) -> DiscussionView:
        for discussion in self.discussions:
            if discussion.id == discussion_id:
                return discussion
        raise KeyError(discussion_id)
