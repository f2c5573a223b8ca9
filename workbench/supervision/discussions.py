"""One child's discussion: answers to the questions, its own text fields, and decisions.

Every function is one short transaction that the UI calls as the user types (autosave):
saving the same value twice changes nothing and records nothing.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import func, select

from db.engine import transaction
from db.models import Decision, ScalingScore
from workbench.messages import translatable
from workbench.supervision.answers import normalise_answer
from workbench.supervision.case_facts import kind_at_meeting
from workbench.supervision.common import (
    UNCHANGED,
    Unchanged,
    apply_changes,
    audit,
    check_expected,
    check_text,
    retry_when_stale,
    touch,
    writable_discussion,
)
from workbench.supervision.context import SupervisionContext
from workbench.supervision.errors import InvalidInput, NotFound
from workbench.supervision.question_set_store import stored_question_set
from workbench.supervision.question_sets import Scope

DISCUSSION_TEXT_FIELDS = ("child_voice", "impact_statement", "escalation_decision",
                          "score_difference_note")


@retry_when_stale
def save_answer(ctx: SupervisionContext, discussion_id: int, question_id: str, value: Any, *,
                expected: Any = UNCHANGED) -> bool:
    """Save one answer for this child (None or blank removes it); True if anything changed.

    Values by kind: text -> str, statements -> list[str], scale -> int 0..10,
    date -> datetime.date or 'YYYY-MM-DD', yes_no -> bool. Questions bound to a field
    (the child's voice, the impact statement) are stored in that field. ``expected``: the
    answer the user started from (in the same form); EditConflict if it changed meanwhile.
    """
    with transaction(ctx.db) as s:
        discussion = writable_discussion(ctx, s, discussion_id)
        question_set = stored_question_set(discussion.session.question_set)
        if not question_set.has_question(question_id):
            raise InvalidInput(translatable(
                    "workbench.supervision", "The question set this session uses has no question '%1'; "
                                             "reload the session.").arg(question_id))
        question = question_set.question(question_id)
        if question.scope is not Scope.CASE:
            raise InvalidInput(translatable(
                    "workbench.supervision", "'%1' is asked once per session, not per child.")
                    .arg(question.wording))
        stored = normalise_answer(question, value)
        seen = (None if isinstance(expected, Unchanged)
                else {question_id: normalise_answer(question, expected)})
        if question.binds is not None:
            new_text = stored if isinstance(stored, str) else ""
            current = getattr(discussion, question.binds)
            if seen is not None:
                seen = {question_id: seen[question_id] if isinstance(seen[question_id], str) else ""}
            check_expected(question_id, current, new_text, seen, question.wording)
            if current == new_text:
                return False
            setattr(discussion, question.binds, new_text)
        else:
            check_expected(question_id, discussion.answers.get(question_id), stored, seen,
                           question.wording)
            if discussion.answers.get(question_id) == stored:
                return False
            answers = dict(discussion.answers)  # a new dict, so the JSON column sees the change
            if stored is None:
                answers.pop(question_id, None)
            else:
                answers[question_id] = stored
            discussion.answers = answers
        touch(discussion, ctx)
        audit(ctx, s, "discussion.answer", "case_discussion", discussion_id,
              case_id=discussion.case_id, question_id=question_id)
        return True


@retry_when_stale
def save_discussion_fields(
    ctx: SupervisionContext,
    discussion_id: int,
    *,
    child_voice: str | Unchanged = UNCHANGED,
    impact_statement: str | Unchanged = UNCHANGED,
    escalation_decision: str | Unchanged = UNCHANGED,
    score_difference_note: str | Unchanged = UNCHANGED,
    expected: Mapping[str, object] | None = None,
) -> bool:
    """Save the discussion's own text fields that are given; True if anything changed.
    ``expected``: what the user started from, by field (EditConflict if it changed meanwhile)."""
    given = {"child_voice": child_voice, "impact_statement": impact_statement,
             "escalation_decision": escalation_decision,
             "score_difference_note": score_difference_note}
    values = {k: check_text(k.replace("_", " ").capitalize(), v)
              for k, v in given.items() if not isinstance(v, Unchanged)}
    with transaction(ctx.db) as s:
        discussion = writable_discussion(ctx, s, discussion_id)
        changed = apply_changes(discussion, values, expected)
        if changed:
            touch(discussion, ctx)
            audit(ctx, s, "discussion.update", "case_discussion", discussion_id,
                  case_id=discussion.case_id, fields=sorted(changed))
        return bool(changed)


def add_decision(ctx: SupervisionContext, discussion_id: int, text: str = "", rationale: str = "") -> int:
    """Add a decision (at the end) with its rationale; returns its id."""
    text, rationale = check_text("The decision", text), check_text("The rationale", rationale)
    with transaction(ctx.db) as s:
        discussion = writable_discussion(ctx, s, discussion_id)
        last = s.scalar(select(func.max(Decision.position)).where(Decision.discussion_id == discussion_id))
        decision = Decision(discussion_id=discussion_id, position=0 if last is None else last + 1,
                            text=text, rationale=rationale)
        s.add(decision)
        s.flush()
        touch(discussion, ctx)
        audit(ctx, s, "decision.add", "decision", decision.id, case_id=discussion.case_id,
              discussion_id=discussion_id)
        return decision.id


@retry_when_stale
def update_decision(ctx: SupervisionContext, decision_id: int, *, text: str | Unchanged = UNCHANGED,
                    rationale: str | Unchanged = UNCHANGED,
                    expected: Mapping[str, object] | None = None) -> bool:
    values = {}
    if not isinstance(text, Unchanged):
        values["text"] = check_text("The decision", text)
    if not isinstance(rationale, Unchanged):
        values["rationale"] = check_text("The rationale", rationale)
    with transaction(ctx.db) as s:
        decision = s.get(Decision, decision_id)
        if decision is None:
            raise NotFound(translatable(
                    "workbench.supervision", "Decision %1 no longer exists; reload the discussion.")
                    .arg(decision_id))
        discussion = writable_discussion(ctx, s, decision.discussion_id)
        changed = apply_changes(decision, values, expected)
        if changed:
            touch(discussion, ctx)
            audit(ctx, s, "decision.update", "decision", decision_id, case_id=discussion.case_id,
                  fields=sorted(changed))
        return bool(changed)


def remove_decision(ctx: SupervisionContext, decision_id: int) -> None:
    with transaction(ctx.db) as s:
        decision = s.get(Decision, decision_id)
        if decision is None:
            return  # already gone: removing is idempotent
        discussion = writable_discussion(ctx, s, decision.discussion_id)
        s.delete(decision)
        touch(discussion, ctx)
        audit(ctx, s, "decision.remove", "decision", decision_id, case_id=discussion.case_id)


def choose_scale_variant(ctx: SupervisionContext, discussion_id: int, variant: str, reason: str = "") -> bool:
    """Score this child on the scale wording ``variant`` (a [[scale.variants]] id of the set).

    The wording that fits the child's case kind needs no reason; any other does, and it is
    recorded beside the choice and in the audit trail. Scores already given were given on the
    wording shown then, so the wording changes only before anyone has scored.
    """
    reason = check_text("The reason for the scale wording", reason).strip()
    with transaction(ctx.db) as s:
        discussion = writable_discussion(ctx, s, discussion_id)
        scale = stored_question_set(discussion.session.question_set).scale
        chosen = scale.variant(variant)
        if chosen is None:
            names = ", ".join(f"{v.label} ({v.id})" for v in scale.variants)
            raise InvalidInput(translatable(
                    "workbench.supervision", "There is no scale wording '%1' in this session's question set; "
                                             "choose one of: %2.")
                    .arg(variant, names or 'none (this set has one wording)'))
        kind = kind_at_meeting(s, discussion)  # the status the meeting is held under
        fitting = scale.variant_for(kind)
        if fitting is not None and chosen.id != fitting.id and not reason:
            raise InvalidInput(translatable(
                    "workbench.supervision", "The wording for a %1 case is '%2'. Say why this child is "
                                             "scored on '%3' instead, then choose it again.")
                    .arg(kind.label.lower(), fitting.label, chosen.label))
        if fitting is not None and chosen.id == fitting.id:
            reason = ""  # back to the wording that fits: nothing to explain
        if discussion.scale_variant == chosen.id and (discussion.scale_variant_reason or "") == reason:
            return False
        if discussion.scale_variant != chosen.id and s.scalar(
                select(func.count()).select_from(ScalingScore)
                .where(ScalingScore.discussion_id == discussion_id)):
            raise InvalidInput(translatable(
                    "workbench.supervision", "Scores have already been given on the wording shown; clear "
                                             "them first, then change the wording and score again."))
        audit(ctx, s, "discussion.scale_variant", "case_discussion", discussion_id,
              case_id=discussion.case_id, before=discussion.scale_variant, after=chosen.id,
              reason_given=bool(reason))
        discussion.scale_variant, discussion.scale_variant_reason = chosen.id, reason
        touch(discussion, ctx)
        return True
