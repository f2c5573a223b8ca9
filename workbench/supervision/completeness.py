"""Is the session ready to sign? A pure check over the session's view that lists what is missing.

Beside it, :func:`worry_gaps_of` and :func:`structure_notes` say which required parts of a
danger statement or safety goal are still empty (a set that writes worries in parts): shown
while writing and before signing, never stopping either.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from db.enums import ActionStatus, RaterRole, SessionKind
from workbench.history import short_label
from workbench.messages import Message, translatable
from workbench.supervision.answers import is_answered
from workbench.supervision.question_sets import QuestionSet
from workbench.supervision.scale_rules import PromptKind
from workbench.supervision.views import DiscussionView, SessionView, WorryView
from workbench.supervision.worry_parts import WorryGaps, worry_gaps

_RATERS = ((RaterRole.WORKER, translatable("workbench.supervision", "the worker's score")),
           (RaterRole.SUPERVISOR, translatable("workbench.supervision", "the manager's score")))


class MissingKind(enum.StrEnum):
    AGENDA = "agenda"
    SESSION_DETAIL = "session_detail"
    ANSWER = "answer"
    WORRY = "worry"
    GOAL = "goal"  # a worry's goal (written on the safety goals step)
    SCORE = "score"
    PROMPT = "prompt"
    DECISION = "decision"
    ACTION = "action"
    REVIEW = "review"


@dataclass(frozen=True)
class MissingItem:
    """One thing missing before the session can be signed, and where it belongs."""

    kind: MissingKind
    message: str  # says what to add, in the set's own words (a Message the UI translates)
    discussion_id: int | None = None  # None: the session as a whole
    question_id: str | None = None
    worry_id: int | None = None
    action_id: int | None = None


def _quote(text: str) -> str:
    if not text.strip():
        return translatable("workbench.supervision", "(untitled)")
    return f"'{short_label(text, 60)}'"


def _both(parts: list[Message]) -> str:
    """"a and b and c", the joining word from the catalogue."""
    joined: str = parts[0]
    for part in parts[1:]:
        joined = translatable("workbench.supervision", "%1 and %2").arg(joined, part)
    return joined


def missing_items(view: SessionView) -> list[MissingItem]:
    """Everything required that is not there yet, session first, then child by child."""
    qs = view.question_set
    missing: list[MissingItem] = []
    if view.kind is SessionKind.CASE_ONE_TO_ONE and not view.discussions:
        missing.append(MissingItem(MissingKind.AGENDA, translatable(
            "workbench.supervision", "Add at least one child to the agenda.")))
    if not view.present:
        missing.append(MissingItem(MissingKind.SESSION_DETAIL, translatable(
            "workbench.supervision", "Record who was present.")))
    if view.duration_minutes is None:
        missing.append(MissingItem(MissingKind.SESSION_DETAIL, translatable(
            "workbench.supervision", "Record how long the meeting lasted.")))
    for question in qs.session_questions:
        if question.required and not view.session_answer(question).strip():
            section = qs.section(question.section).title
            missing.append(MissingItem(MissingKind.ANSWER, translatable(
                "workbench.supervision", "%1: answer '%2'").arg(section, question.wording),
                question_id=question.id))
    for discussion in view.discussions:
        missing.extend(discussion_missing(discussion, qs))
    return missing


def discussion_missing(d: DiscussionView, qs: QuestionSet) -> list[MissingItem]:
    """What one child's discussion still needs."""
    who = d.child_label
    terms, spec = qs.terms, qs.worries
    out: list[MissingItem] = []

    def add(kind: MissingKind, text: str, *, question_id: str | None = None,
            worry_id: int | None = None, action_id: int | None = None) -> None:
        out.append(MissingItem(kind, translatable("workbench.supervision", "%1: %2").arg(who, text),
                               discussion_id=d.id, question_id=question_id, worry_id=worry_id,
                               action_id=action_id))

    for question in qs.case_questions:
        if question.required and not is_answered(question, d.answer(question)):
            add(MissingKind.ANSWER,
                translatable("workbench.supervision", "answer '%1'").arg(question.wording),
                question_id=question.id)

    open_worries = d.open_worries
    if len(open_worries) < spec.minimum:
        noun = terms.worry if spec.minimum == 1 else terms.worries
        # (the question set names the singular and the plural: its own words)
        add(MissingKind.WORRY, translatable("workbench.supervision", "add at least %1 %2 with its %3, or "
                                                                     "keep one open.")
            .arg(spec.minimum, noun, terms.goal))
    for worry in open_worries:
        if not worry.danger_statement.strip():
            add(MissingKind.WORRY, translatable("workbench.supervision", "write the %1 (one is empty).")
                .arg(terms.worry), worry_id=worry.id)
        if not worry.safety_goal.strip():
            add(MissingKind.GOAL, translatable("workbench.supervision", "write the %1 for %2.")
                .arg(terms.goal, _quote(worry.danger_statement)), worry_id=worry.id)
    for worry in d.worries:
        if worry.closed_here and not (worry.closed_reason or "").strip():
            add(MissingKind.WORRY, translatable("workbench.supervision", "say why %1 was closed.")
                .arg(_quote(worry.danger_statement)), worry_id=worry.id)

    scales: list[tuple[int | None, str]] = [(w.id, _quote(w.danger_statement)) for w in open_worries]
    if not scales:
        scales = [(None, translatable("workbench.supervision", "the case as a whole"))]
    for worry_id, label in scales:
        for rater, rater_label in _RATERS:
            score = d.score(worry_id, rater)
            if score is None:
                add(MissingKind.SCORE, translatable("workbench.supervision", "add %1 on the %2 for %3.")
                    .arg(rater_label, terms.scale, label), worry_id=worry_id)
            elif qs.scale.reason_required and not score.reason.strip():
                add(MissingKind.SCORE,
                    translatable("workbench.supervision", "give the reason for %1 on %2 (%3).")
                    .arg(rater_label, label, qs.scale.reason_label.rstrip('?').lower()), worry_id=worry_id)

    prompt_kinds = {p.kind for p in d.prompts if not p.answered}
    if PromptKind.ESCALATION in prompt_kinds:
        add(MissingKind.PROMPT, translatable("workbench.supervision", "record the escalation decision (a "
                                                                      "score is at or below %1).")
            .arg(qs.scale.escalate_at_or_below))
    if PromptKind.DIFFERENCE in prompt_kinds:
        add(MissingKind.PROMPT, translatable("workbench.supervision", "record what was agreed about the "
                                                                      "difference between the worker's and "
                                                                      "the manager's scores."))

    decisions = [x for x in d.decisions if x.text.strip() or x.rationale.strip()]
    if sum(1 for x in decisions if x.text.strip()) < qs.decisions.minimum:
        add(MissingKind.DECISION, translatable("workbench.supervision",
                                               "record at least one decision and its rationale."))
    for decision in decisions:
        if not decision.text.strip():
            add(MissingKind.DECISION, translatable("workbench.supervision",
                                                   "a decision has a rationale but no decision."))
        elif not decision.rationale.strip():
            add(MissingKind.DECISION, translatable("workbench.supervision", "give the rationale for the "
                                                                            "decision %1.")
                .arg(_quote(decision.text)))

    for action in d.actions:
        gaps = [name for name, present in (
            (translatable("workbench.supervision", "what will happen"), action.description.strip()),
            (translatable("workbench.supervision", "who"),
             action.owner_name.strip() or action.owner_staff_id),
            (translatable("workbench.supervision", "by when"), action.due_date)) if not present]
        if gaps:
            add(MissingKind.ACTION, translatable("workbench.supervision", "say %1 for the action %2.")
                .arg(_both(gaps), _quote(action.description)), action_id=action.id)
    for action in d.actions_to_review:
        if action.reviewed_in_id != d.id:
            add(MissingKind.REVIEW, translatable("workbench.supervision", "review the action %1 from last "
                                                                          "time (done, carried or dropped).")
                .arg(_quote(action.description)), action_id=action.id)
        elif action.status is ActionStatus.DROPPED and not action.status_reason.strip():
            add(MissingKind.REVIEW,
                translatable("workbench.supervision", "say why the action %1 was dropped.")
                .arg(_quote(action.description)), action_id=action.id)
    return out


def worry_gaps_of(worry: WorryView, qs: QuestionSet) -> WorryGaps:
    """The required parts ``worry`` leaves empty (none for a set that writes worries as free text)."""
    return worry_gaps(worry.parts, qs.worries.statement_parts, qs.worries.goal_parts)


def _labels(parts: tuple[object, ...]) -> str:
    return "; ".join(str(getattr(p, "label", p)).lower() for p in parts)


def structure_notes(view: SessionView) -> list[MissingItem]:
    """Each open worry's empty required parts, one note per statement or goal. Advice only:
    these never stop a session being signed (a free-text worry from an older set still signs)."""
    qs = view.question_set
    if not qs.worries.structured:
        return []
    notes = []
    for d in view.discussions:
        for number, worry in enumerate(d.worries, start=1):
            if not worry.is_open:
                continue
            gaps = worry_gaps_of(worry, qs)
            if gaps.statement:
                notes.append(MissingItem(
                    MissingKind.WORRY,
                    translatable("workbench.supervision", "%1: %2 %3 does not say yet: %4.")
                    .arg(d.child_label, qs.terms.worry, number, _labels(gaps.statement)),
                    discussion_id=d.id, worry_id=worry.id))
            if gaps.goal:
                notes.append(MissingItem(
                    MissingKind.GOAL,
                    translatable("workbench.supervision", "%1: the %2 of %3 %4 does not say yet: %5.")
                    .arg(d.child_label, qs.terms.goal, qs.terms.worry, number, _labels(gaps.goal)),
                    discussion_id=d.id, worry_id=worry.id))
    return notes


def is_ready_to_sign(view: SessionView) -> bool:
    return not missing_items(view)
