"""Completeness of the optional items: of the signed records of a period, how often each question
their question set leaves optional (``required = false``) was answered.

A required question is always answered in a signed record (the completeness check refuses to
sign without it); the optional ones are where recording habits show: the complicating factors,
the Three Houses, the date of the next discussion, learning and development, appreciative
inquiry. Each record is judged against the set it was held with (as stored with the session),
with the same rule the completeness check uses for an answer (``answers.is_answered``). A
session-level question counts once per session, a child-level one once per child discussed.
The worry statements' optional parts are not counted here.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, aliased

from db.enums import SessionStatus
from db.models import CaseDiscussion, QuestionSetVersion, Staff, SupervisionSession
from workbench.access import Actor, scope_sessions
from workbench.supervision.answers import is_answered
from workbench.supervision.errors import QuestionSetError
from workbench.supervision.question_set_store import stored_question_set
from workbench.supervision.question_sets import Question, QuestionSet, Scope

SIGNED = [status for status in SessionStatus if status.is_signed]


@dataclass(frozen=True, slots=True)
class OptionalItem:
    level: str  # "session" or "child"
    wording: str  # as the newest set that asked it words it
    answered: int
    asked: int

    @property
    def share(self) -> float | None:
        return self.answered / self.asked if self.asked else None


@dataclass(frozen=True)
class Completeness:
    """The optional items of the signed records whose meeting fell in the period, the least
    often answered first; ``records`` sessions were counted (``unreadable`` more were not: their
    stored question set could not be read)."""

    records: int
    discussions: int
    items: tuple[OptionalItem, ...]
    unreadable: int = 0

    def as_json(self) -> dict[str, Any]:
        return {"records": self.records, "discussions": self.discussions,
                "unreadable": self.unreadable,
                "items": [{"level": i.level, "wording": i.wording, "answered": i.answered,
                           "asked": i.asked} for i in self.items]}


def _answered(question: Question, holder: Any, answers: dict[str, Any] | None) -> bool:
    if question.binds is not None:
        value = getattr(holder, question.binds, None)
        return isinstance(value, str) and bool(value.strip())
    return is_answered(question, (answers or {}).get(question.id))


def read_completeness(s: Session, team_id: int | None, actor: Actor | None, start: dt.date,
                      end: dt.date, cutoff: dt.datetime) -> Completeness:
    """The completeness of the optional items in the signed records of team ``team_id`` (None:
    every team) met in ``start``..``end`` (up to ``cutoff``), as ``actor`` may see them."""
    supervisee = aliased(Staff)
    first = dt.datetime.combine(start, dt.time.min, dt.UTC)
    last = min(dt.datetime.combine(end, dt.time.max, dt.UTC), cutoff)
    query = (select(SupervisionSession, QuestionSetVersion)
             .join(QuestionSetVersion,
                   QuestionSetVersion.id == SupervisionSession.question_set_version_id)
             .join(supervisee, supervisee.id == SupervisionSession.supervisee_id)
             .where(SupervisionSession.status.in_(SIGNED),
                    SupervisionSession.meeting_at >= first, SupervisionSession.meeting_at <= last)
             .order_by(SupervisionSession.id))
    query = scope_sessions(query, actor)
    if team_id is not None:
        query = query.where(supervisee.team_id == team_id)
    rows = s.execute(query).all()
    discussions: dict[int, list[CaseDiscussion]] = {}
    ids = [sess.id for sess, _version in rows]
    for chunk in range(0, len(ids), 500):
        for discussion in s.scalars(select(CaseDiscussion).where(
                CaseDiscussion.session_id.in_(ids[chunk:chunk + 500]))):
            discussions.setdefault(discussion.session_id, []).append(discussion)
    counts: dict[tuple[str, str], list[int]] = {}  # (level, question id) -> [answered, asked]
    wording: dict[tuple[str, str], tuple[int, str]] = {}  # the newest set's words
    records = children = unreadable = 0
    for sess, version in rows:
        try:
            question_set: QuestionSet = stored_question_set(version)
        except QuestionSetError:
            unreadable += 1
            continue
        records += 1
        held = discussions.get(sess.id, [])
        children += len(held)
        for question in question_set.questions:
            if question.required:
                continue
            level = "session" if question.scope is Scope.SESSION else "child"
            key = (level, question.id)
            if wording.get(key, (-1, ""))[0] <= version.version:
                wording[key] = (version.version, question.wording)
            tally = counts.setdefault(key, [0, 0])
            holders = [(sess, None)] if level == "session" else [(d, d.answers) for d in held]
            for holder, answers in holders:
                tally[1] += 1
                tally[0] += _answered(question, holder, answers)
    items = [OptionalItem(level, wording[(level, qid)][1], answered, asked)
             for (level, qid), (answered, asked) in counts.items() if asked]
    items.sort(key=lambda i: (i.answered / i.asked, i.level, i.wording))
    return Completeness(records, children, tuple(items), unreadable)
