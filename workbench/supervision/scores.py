"""Scaling scores in a discussion: 0-10 per worry (or the case as a whole), by rater, with a reason."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.engine import transaction
from db.enums import RaterRole
from db.models import CaseDiscussion, ScalingScore
from workbench.messages import translatable
from workbench.supervision.common import (
    UNCHANGED,
    Unchanged,
    audit,
    check_text,
    touch,
    writable_discussion,
)
from workbench.supervision.context import SupervisionContext
from workbench.supervision.errors import InvalidInput
from workbench.supervision.question_set_store import stored_question_set
from workbench.supervision.scale_rules import ScalePrompt, ScoreEntry, scale_prompts
from workbench.supervision.worries import worry_in_discussion

# Worker and supervisor score once per scale; others are told apart by name.
_SINGLE_RATERS = (RaterRole.WORKER, RaterRole.SUPERVISOR)


@dataclass(frozen=True)
class ScoreSaved:
    score_id: int | None  # None when the score was cleared
    changed: bool
    prompts: tuple[ScalePrompt, ...]  # the discussion's prompts after this save


def check_score(score: object) -> int:
    if isinstance(score, bool) or not isinstance(score, int) or not 0 <= score <= 10:
        raise InvalidInput(translatable(
                "workbench.supervision", "A score of %1 is not on the scale; choose a whole number from 0 to "
                                         "10.").arg(repr(score)))
    return score


def discussion_prompts(s: Session, discussion: CaseDiscussion) -> tuple[ScalePrompt, ...]:
    rows = s.scalars(select(ScalingScore).where(ScalingScore.discussion_id == discussion.id))
    entries = [ScoreEntry(r.worry_id, r.rater_role, r.score, r.reason) for r in rows]
    spec = stored_question_set(discussion.session.question_set).scale
    return tuple(scale_prompts(entries, spec, blind=discussion.session.blind_scaling,
                               escalation_decision=discussion.escalation_decision,
                               score_difference_note=discussion.score_difference_note))


def save_score(
    ctx: SupervisionContext,
    discussion_id: int,
    worry_id: int | None,
    rater: RaterRole,
    *,
    score: int | Unchanged | None = UNCHANGED,
    reason: str | Unchanged = UNCHANGED,
    rater_name: str | None = None,
    rater_agency: str | None = None,
) -> ScoreSaved:
    """Set (or with ``score=None`` clear) one rater's score on a worry or, with ``worry_id``
    None, on the case as a whole; the reason can be saved on its own as it is typed.

    The worker's and supervisor's scores are linked to the session's people; a parent,
    child, network member or other professional is told apart by ``rater_name`` (and an
    other professional gives ``rater_agency`` too, when the set asks for it). Only the voices
    the session's question set lists can score.
    """
    new_score = None if score is None or isinstance(score, Unchanged) else check_score(score)
    new_reason = None if isinstance(reason, Unchanged) else check_text("The reason", reason)
    rater_name = (rater_name or "").strip() or None
    rater_agency = (rater_agency or "").strip() or None
    with transaction(ctx.db) as s:
        discussion = writable_discussion(ctx, s, discussion_id)
        session = discussion.session
        scale = stored_question_set(session.question_set).scale
        perspective = scale.perspective(rater)
        if perspective is None:
            voices = ", ".join(p.label for p in scale.perspectives)
            raise InvalidInput(translatable(
                    "workbench.supervision", "This session's question set does not ask the %1 to scale; "
                                             "scores can come from: %2.").arg(rater.value, voices))
        if rater not in _SINGLE_RATERS and rater_name is None:
            raise InvalidInput(translatable(
                    "workbench.supervision", "Say who the %1 is: a score from them needs their name.")
                    .arg(perspective.label.lower()))
        if perspective.agency and rater_agency is None and score is not None:
            raise InvalidInput(translatable(
                    "workbench.supervision", "Say which agency the %1 works for, then save the score again.")
                    .arg(perspective.label.lower()))
        if worry_id is not None:
            worry_in_discussion(s, discussion, worry_id)
        query = select(ScalingScore).where(
            ScalingScore.discussion_id == discussion_id, ScalingScore.rater_role == rater,
            ScalingScore.worry_id.is_(None) if worry_id is None else ScalingScore.worry_id == worry_id)
        if rater not in _SINGLE_RATERS:
            query = query.where(ScalingScore.rater_name == rater_name)
        row = s.scalars(query).first()
        changed = False
        if score is None:
            if row is not None:
                s.delete(row)
                changed = True
                audit(ctx, s, "score.clear", "scaling_score", row.id, case_id=discussion.case_id,
                      discussion_id=discussion_id)
                row = None
        elif row is None:
            if new_score is None:
                raise InvalidInput(translatable(
                        "workbench.supervision", "Choose the score (0 to 10) before giving its reason."))
            staff_id = {RaterRole.WORKER: session.supervisee_id,
                        RaterRole.SUPERVISOR: session.supervisor_id}.get(rater)
            row = ScalingScore(
                discussion_id=discussion_id, case_id=discussion.case_id, meeting_at=session.meeting_at,
                worry_id=worry_id, rater_role=rater, rater_staff_id=staff_id,
                rater_name=rater_name, rater_agency=rater_agency if perspective.agency else None,
                score=new_score, reason=new_reason or "",
                recorded_at=ctx.clock(),
            )
            s.add(row)
            s.flush()
            changed = True
            audit(ctx, s, "score.add", "scaling_score", row.id, case_id=discussion.case_id,
                  discussion_id=discussion_id, worry_id=worry_id, rater=rater.value)
        else:
            fields = []
            if new_score is not None and row.score != new_score:
                row.score = new_score
                fields.append("score")
            if new_reason is not None and row.reason != new_reason:
                row.reason = new_reason
                fields.append("reason")
            if perspective.agency and rater_agency is not None and row.rater_agency != rater_agency:
                row.rater_agency = rater_agency
                fields.append("agency")
            if fields:
                row.recorded_at = ctx.clock()
                changed = True
                audit(ctx, s, "score.update", "scaling_score", row.id, case_id=discussion.case_id,
                      discussion_id=discussion_id, fields=fields)
        if changed:
            touch(discussion, ctx)
        s.flush()
        return ScoreSaved(None if row is None else row.id, changed, discussion_prompts(s, discussion))
