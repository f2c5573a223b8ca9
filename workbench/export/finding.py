"""Finding signed records: the practice lead's records view and `workbench export` both ask here.

What a person finds follows their role (:mod:`workbench.access`): a worker their own sessions,
a manager their team's, a practice lead every team's.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select

from db.engine import DbFactory
from db.enums import DocumentKind, DocumentStage, SignatureKind
from db.models import (
    CaseDiscussion,
    Child,
    DisagreementResponse,
    Signature,
    SignedDocument,
    Staff,
    SupervisionSession,
    Team,
)
from workbench.access import Actor, scope_sessions
from workbench.export.record import SIGNED_STATUSES
from workbench.names import fold_name, name_matches


@dataclass(frozen=True)
class RecordFilter:
    date_from: dt.date
    date_to: dt.date  # inclusive
    team: str | None = None
    worker: str | None = None
    child: str | None = None  # the local authority's child id, or (part of) the child's name


@dataclass(frozen=True)
class RecordRow:
    session_id: int
    meeting_at: dt.datetime
    team: str
    supervisor: str
    worker: str
    status: str
    children: tuple[str, ...]  # the local authority's child ids, in agenda order
    child_ids: tuple[int, ...] = ()  # the same children's database ids
    stored: bool = False  # its signed PDFs are kept (made at sign-off or by an export)
    child_names: tuple[str, ...] = ()  # the same children's names ("" where none is known)
    disagreement: str = ""  # the worker's recorded disagreement, in their words
    response: str = ""  # its signed answer: "Name, YYYY-MM-DD: text" ("" while unanswered)


def find_signed_records(db: DbFactory, wanted: RecordFilter,
                        actor: Actor | None = None) -> list[RecordRow]:
    """Signed sessions in the period that ``actor`` may see, narrowed by team, worker and child;
    oldest first."""
    start = dt.datetime.combine(wanted.date_from, dt.time(), tzinfo=dt.UTC)
    end = dt.datetime.combine(wanted.date_to + dt.timedelta(days=1), dt.time(), tzinfo=dt.UTC)
    worker = Staff.__table__.alias("worker")
    supervisor = Staff.__table__.alias("supervisor")
    query = (
        select(SupervisionSession.id, SupervisionSession.meeting_at, Team.name, supervisor.c.name,
               worker.c.name, SupervisionSession.status)
        .join(worker, worker.c.id == SupervisionSession.supervisee_id)
        .join(supervisor, supervisor.c.id == SupervisionSession.supervisor_id)
        .outerjoin(Team, Team.id == worker.c.team_id)
        .where(SupervisionSession.status.in_(SIGNED_STATUSES),
               SupervisionSession.meeting_at >= start, SupervisionSession.meeting_at < end)
        .order_by(SupervisionSession.meeting_at, SupervisionSession.id)
    )
    query = scope_sessions(query, actor)
    if wanted.team:
        query = query.where(Team.name_key == fold_name(wanted.team))
    if wanted.worker:
        query = query.where(worker.c.name_key == fold_name(wanted.worker))
    with db() as s:
        if wanted.child:
            # The id as given, or the name as spelled: folded in Python (fold_name), since
            # names are not stored folded; one pass over the children who were discussed.
            text = wanted.child.strip()
            matching = [child_id for child_id, la_id, name in s.execute(
                select(Child.id, Child.la_child_id, Child.name)
                .where(Child.id.in_(select(CaseDiscussion.child_id))))
                if la_id == text or name_matches(text, name)]
            query = query.where(SupervisionSession.id.in_(
                select(CaseDiscussion.session_id).where(CaseDiscussion.child_id.in_(matching))))
        rows = s.execute(query).all()
        ids = [r[0] for r in rows]
        children: dict[int, list[tuple[str, int, str]]] = {}
        stored: set[int] = set()
        disagreements: dict[int, tuple[str, str]] = {}
        for start_at in range(0, len(ids), 500):
            chunk = ids[start_at:start_at + 500]
            for session_id, la_id, child_id, name in s.execute(
                select(CaseDiscussion.session_id, Child.la_child_id, Child.id, Child.name)
                .join(Child, Child.id == CaseDiscussion.child_id)
                .where(CaseDiscussion.session_id.in_(chunk))
                .order_by(CaseDiscussion.agenda_position, CaseDiscussion.id)
            ):
                children.setdefault(session_id, []).append((la_id, child_id, name or ""))
            stored.update(s.scalars(select(SignedDocument.session_id).distinct().where(
                SignedDocument.session_id.in_(chunk), SignedDocument.kind == DocumentKind.NOTE,
                SignedDocument.stage != DocumentStage.ADDENDUM)))
            for session_id, statement, name, at, answer in s.execute(
                select(Signature.session_id, Signature.statement, Staff.name,
                       DisagreementResponse.responded_at, DisagreementResponse.text)
                .outerjoin(DisagreementResponse, DisagreementResponse.signature_id == Signature.id)
                .outerjoin(Staff, Staff.id == DisagreementResponse.responder_id)
                .where(Signature.session_id.in_(chunk), Signature.kind == SignatureKind.DISAGREEMENT,
                       Signature.addendum_id.is_(None))):
                disagreements[session_id] = (
                    statement, f"{name}, {at.date().isoformat()}: {answer}" if answer else "")
    return [RecordRow(r[0], r[1], r[2] or "", r[3], r[4], r[5].value,
                      tuple(c[0] for c in children.get(r[0], ())),
                      tuple(c[1] for c in children.get(r[0], ())), r[0] in stored,
                      tuple(c[2] for c in children.get(r[0], ())),
                      *disagreements.get(r[0], ("", "")))
            for r in rows]
