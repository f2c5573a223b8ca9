"""Completeness of the optional items: of the signed records of a period, how often each question
their question set leaves optional (``required = false``) was answered, per item, per worker,
and which records left which items unanswered (the drill-down to the worker and the child).

A required question is always answered in a signed record (the completeness check refuses to
sign without it); the optional ones are where recording habits show: the complicating factors,
the Three Houses, the date of the next discussion, learning and development, appreciative
inquiry. Each record is judged against the set it was held with (as stored with the session),
with the same rule the completeness check uses for an answer (``answers.is_answered``). A
session-level question counts once per session, a child-level one once per child discussed.
The worry statements' optional parts are not counted here.

Read in three plain queries whatever the period's size: the question sets the records were held
with, the records (only the columns the optional items need), and their discussions; no ORM
objects, no list of ids sent back to the database.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, select
from sqlalchemy.orm import Session, aliased

from db.enums import SessionStatus
from db.models import CaseDiscussion, Child, QuestionSetVersion, Staff, SupervisionSession, Team
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


@dataclass(frozen=True, slots=True)
class CompletenessRow:
    """A worker's signed records in the period (or a team's, or every team's: ``worker_id``
    None): how many optional items they asked, and how many were answered."""

    worker_id: int | None  # None: a total row
    worker_name: str  # for a total row, what it totals ("Northgate total", "All teams")
    team_name: str
    records: int
    discussions: int
    answered: int
    asked: int

    @property
    def share(self) -> float | None:
        return self.answered / self.asked if self.asked else None

    @property
    def unanswered(self) -> int:
        return self.asked - self.answered


@dataclass(frozen=True, slots=True)
class Unanswered:
    """An optional item a signed record left unanswered: for a child discussed (``case_id``),
    or for the session as a whole (``case_id`` None), worded as the record's own set words it."""

    session_id: int
    worker_id: int
    worker_name: str
    meeting_date: dt.date
    case_id: int | None
    child_label: str | None  # None: the session as a whole
    level: str  # "session" or "child"
    wording: str


@dataclass(frozen=True)
class Completeness:
    """The optional items of the signed records whose meeting fell in the period, the least
    often answered first; ``records`` sessions were counted (``unreadable`` more were not: their
    stored question set could not be read). ``workers``: a row per worker (as the Workers figure
    lists them, then anyone else whose records were counted), ``totals`` per team, then every
    team when the report covers them all; ``unanswered``: each item left unanswered, by record."""

    records: int
    discussions: int
    items: tuple[OptionalItem, ...]
    unreadable: int = 0
    workers: tuple[CompletenessRow, ...] = ()
    totals: tuple[CompletenessRow, ...] = ()
    unanswered: tuple[Unanswered, ...] = ()

    @property
    def rows(self) -> tuple[CompletenessRow, ...]:
        return self.workers + self.totals

    @property
    def total(self) -> CompletenessRow:
        """The report's whole scope: its team, or every team (no rows: nothing counted)."""
        if self.totals:
            return self.totals[-1]
        answered = sum(i.answered for i in self.items)
        return CompletenessRow(None, "", "", self.records, self.discussions, answered,
                               sum(i.asked for i in self.items))

    def unanswered_by(self, worker_id: int | None = None, *, wording: str | None = None,
                      level: str | None = None) -> tuple[Unanswered, ...]:
        """The drill-down: the items left unanswered in worker ``worker_id``'s records (None:
        anyone's), or of one item (``wording`` and ``level`` as in ``items``)."""
        return tuple(u for u in self.unanswered
                     if (worker_id is None or u.worker_id == worker_id)
                     and (level is None or u.level == level)
                     and (wording is None or u.wording == wording))

    def as_json(self) -> dict[str, Any]:
        def row(r: CompletenessRow) -> dict[str, Any]:
            return {"worker_id": r.worker_id, "worker_name": r.worker_name,
                    "team_name": r.team_name, "records": r.records,
                    "discussions": r.discussions, "answered": r.answered, "asked": r.asked,
                    "share": r.share}

        return {"records": self.records, "discussions": self.discussions,
                "unreadable": self.unreadable,
                "items": [{"level": i.level, "wording": i.wording, "answered": i.answered,
                           "asked": i.asked} for i in self.items],
                "rows": [row(r) for r in self.rows],
                "unanswered": [{"session_id": u.session_id, "worker_id": u.worker_id,
                                "worker_name": u.worker_name,
                                "meeting_date": u.meeting_date.isoformat(), "case_id": u.case_id,
                                "child_label": u.child_label, "level": u.level,
                                "wording": u.wording} for u in self.unanswered]}


#: Nothing read, or no signed record: what a report carries before its completeness is read.
NO_RECORDS = Completeness(records=0, discussions=0, items=())


def signed_records_query(team_id: int | None, actor: Actor | None, start: dt.date, end: dt.date,
                         cutoff: dt.datetime) -> Select[*tuple[Any, ...]]:
    """The signed records (sessions) of team ``team_id`` (None: every team) met in
    ``start``..``end`` (up to ``cutoff``) that ``actor`` may see: one row each (session id,
    question set version, supervisee). The headline counts it; the figure reads it."""
    supervisee = aliased(Staff)
    first = dt.datetime.combine(start, dt.time.min, dt.UTC)
    last = min(dt.datetime.combine(end, dt.time.max, dt.UTC), cutoff)
    query = (select(SupervisionSession.id, SupervisionSession.question_set_version_id,
                    SupervisionSession.supervisee_id)
             .join(supervisee, supervisee.id == SupervisionSession.supervisee_id)
             .where(SupervisionSession.status.in_(SIGNED),
                    SupervisionSession.meeting_at >= first, SupervisionSession.meeting_at <= last))
    query = scope_sessions(query, actor)
    if team_id is not None:
        query = query.where(supervisee.team_id == team_id)
    return query


@dataclass(slots=True)
class _Ask:
    """An optional question of a set as the read asks it: its tally ([answered, asked]) and,
    for a question bound to a field, where the field's value is in a row."""

    question: Question
    tally: list[int]
    bound_at: int | None

    def answered(self, bound: Sequence[Any], answers: dict[str, Any] | None) -> bool:
        """Counted in the tally; whether the record answered it (``answers``: the child's)."""
        self.tally[1] += 1
        if self.bound_at is not None:
            value = bound[self.bound_at]
            found = isinstance(value, str) and bool(value.strip())
        else:
            found = is_answered(self.question, (answers or {}).get(self.question.id))
        self.tally[0] += found
        return found


def _child_label(name: str | None, la_id: str) -> str:
    """As every oversight figure names a child (``compute._child_label``)."""
    return f"{name} ({la_id})" if name else la_id


def read_completeness(s: Session, team_id: int | None, actor: Actor | None, start: dt.date,
                      end: dt.date, cutoff: dt.datetime,
                      workers: Sequence[Any] = (), scope: str = "") -> Completeness:
    """The completeness of the optional items in the signed records of team ``team_id`` (None:
    every team) met in ``start``..``end`` (up to ``cutoff``), as ``actor`` may see them.
    ``workers`` (``WorkerSupervision`` rows) give the per-worker rows their order and list
    those with no signed record; ``scope`` names the team's total when it has none."""
    records_query = signed_records_query(team_id, actor, start, end, cutoff)
    chosen = records_query.subquery()
    sets: dict[int, tuple[int, QuestionSet | None]] = {}
    for version in s.scalars(select(QuestionSetVersion).where(
            QuestionSetVersion.id.in_(select(chosen.c.question_set_version_id)))):
        try:
            sets[version.id] = version.version, stored_question_set(version)
        except QuestionSetError:
            sets[version.id] = version.version, None
    optional = {vid: [q for q in qs.questions if not q.required]
                for vid, (_v, qs) in sets.items() if qs is not None}
    session_binds = sorted({q.binds for qs in optional.values() for q in qs
                            if q.scope is Scope.SESSION and q.binds})
    child_binds = sorted({q.binds for qs in optional.values() for q in qs
                          if q.scope is not Scope.SESSION and q.binds})

    supervisee = aliased(Staff)
    sessions = s.execute(
        select(SupervisionSession.id, SupervisionSession.question_set_version_id,
               SupervisionSession.supervisee_id, supervisee.name, Team.name,
               SupervisionSession.meeting_at,
               *(getattr(SupervisionSession, name) for name in session_binds))
        .join(supervisee, supervisee.id == SupervisionSession.supervisee_id)
        .outerjoin(Team, Team.id == supervisee.team_id)
        .where(SupervisionSession.id.in_(select(chosen.c.id)))
        .order_by(SupervisionSession.meeting_at, SupervisionSession.id)).all()
    held: dict[int, list[tuple[Any, ...]]] = defaultdict(list)
    for row in s.execute(
            select(CaseDiscussion.session_id, CaseDiscussion.case_id, Child.name,
                   Child.la_child_id, CaseDiscussion.answers,
                   *(getattr(CaseDiscussion, name) for name in child_binds))
            .join(Child, Child.id == CaseDiscussion.child_id)
            .where(CaseDiscussion.session_id.in_(select(chosen.c.id)))
            .order_by(CaseDiscussion.session_id, CaseDiscussion.agenda_position,
                      CaseDiscussion.id)):
        held[row[0]].append(tuple(row))

    # Per readable set, once: its optional questions at each level, each with its tally
    # ([answered, asked], shared by every set that asks it) and how to tell an answer.
    counts: dict[tuple[str, str], list[int]] = {}  # (level, question id) -> [answered, asked]
    wording: dict[tuple[str, str], tuple[int, str]] = {}  # the newest set's words
    asks: dict[int, tuple[list[_Ask], list[_Ask]]] = {}  # version id -> (session, child) items
    for version_id, questions in optional.items():
        number = sets[version_id][0]
        session_asks: list[_Ask] = []
        child_asks: list[_Ask] = []
        for question in questions:
            level = "session" if question.scope is Scope.SESSION else "child"
            key = (level, question.id)
            if wording.get(key, (-1, ""))[0] <= number:
                wording[key] = (number, question.wording)
            binds = session_binds if level == "session" else child_binds
            ask = _Ask(question, counts.setdefault(key, [0, 0]),
                       None if question.binds is None else binds.index(question.binds))
            (session_asks if level == "session" else child_asks).append(ask)
        asks[version_id] = session_asks, child_asks

    # per worker: [records, discussions, answered, asked]; and their name and team
    per_worker: dict[int, list[int]] = {}
    names: dict[int, tuple[str, str]] = {}
    gaps: list[Unanswered] = []
    records = children = unreadable = 0
    for sess_id, version_id, worker_id, worker_name, team_name, meeting_at, *session_bound in sessions:
        if version_id not in asks:
            unreadable += 1
            continue
        session_asks, child_asks = asks[version_id]
        records += 1
        names.setdefault(worker_id, (worker_name, team_name or ""))
        tally_worker = per_worker.setdefault(worker_id, [0, 0, 0, 0])
        discussions = held.get(sess_id, [])
        children += len(discussions)
        tally_worker[0] += 1
        tally_worker[1] += len(discussions)
        meeting = meeting_at.date()
        answered = asked = 0
        # The record as a whole first, then each child in agenda order.
        for ask in session_asks:
            asked += 1
            if ask.answered(session_bound, None):
                answered += 1
            else:
                gaps.append(Unanswered(sess_id, worker_id, worker_name, meeting, None, None,
                                       "session", ask.question.wording))
        for _session, case_id, child_name, la_id, answers, *child_bound in discussions:
            label = _child_label(child_name, la_id)
            given = answers if isinstance(answers, dict) else {}
            for ask in child_asks:
                asked += 1
                if ask.answered(child_bound, given):
                    answered += 1
                else:
                    gaps.append(Unanswered(sess_id, worker_id, worker_name, meeting, case_id,
                                           label, "child", ask.question.wording))
        tally_worker[2] += answered
        tally_worker[3] += asked
    items = [OptionalItem(level, wording[(level, qid)][1], answered, asked)
             for (level, qid), (answered, asked) in counts.items() if asked]
    items.sort(key=lambda i: (i.answered / i.asked, i.level, i.wording))
    rows, totals = _rows(per_worker, names, workers, team_id, scope)
    return Completeness(records, children, tuple(items), unreadable, rows, totals, tuple(gaps))


def _rows(per_worker: dict[int, list[int]], names: dict[int, tuple[str, str]],
          workers: Sequence[Any], team_id: int | None, scope: str
          ) -> tuple[tuple[CompletenessRow, ...], tuple[CompletenessRow, ...]]:
    """A row per worker (the Workers figure's order, then the others by name), a total per
    team, and one for every team when the report covers them all."""
    from workbench.oversight.compute import ALL_TEAMS, total_of

    def row(worker_id: int | None, name: str, team: str, tallies: list[list[int]]) -> CompletenessRow:
        summed = [sum(t[i] for t in tallies) for i in range(4)]
        return CompletenessRow(worker_id, name, team, *summed)

    rows = []
    listed = set()
    for w in workers:
        listed.add(w.worker_id)
        rows.append(row(w.worker_id, w.worker_name, w.team_name,
                        [per_worker[w.worker_id]] if w.worker_id in per_worker else []))
    others = sorted((names[wid][1], names[wid][0], wid) for wid in per_worker if wid not in listed)
    rows += [row(wid, name, team, [per_worker[wid]]) for team, name, wid in others]
    by_team: dict[str, list[list[int]]] = {w.team_name: [] for w in workers if w.team_name}
    for wid, tally in per_worker.items():
        by_team.setdefault(names[wid][1], []).append(tally)
    totals = [row(None, total_of(team), team, tallies) for team, tallies in sorted(by_team.items())]
    if team_id is None:
        totals.append(row(None, ALL_TEAMS, "", list(per_worker.values())))
    elif not totals:
        totals.append(row(None, total_of(scope), scope, []))
    return tuple(rows), tuple(totals)
