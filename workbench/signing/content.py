"""The canonical content of a supervision session: exactly what a signature covers.

Deterministic JSON (sorted keys, no whitespace, UTF-8, ``allow_nan=False``) with an explicit
format version, so the same record always gives the same SHA-256 on SQLite and PostgreSQL.

What is covered, and why (see also migration 0003, which freezes the same columns):

* the session: meeting date and time, duration, kind, supervisor and supervisee (by id),
  those present, blind scaling, the worker's part (workload, wellbeing, learning and
  development, appreciative inquiry), and the question set by key, version and SHA-256;
* per child discussed: the child (id and the local authority's child id), the case, agenda,
  every answer, the child's voice, impact statement, escalation decision, score difference note;
  decisions with rationale; every scaling score; the worries it touched (scored, opened, reworded
  or closed in it) in the wording (and parts) they had at that meeting (from ``worry_revision``); the
  actions agreed in it (what, who, by when, carried from); and the actions reviewed in it with
  the status and reason given there; and the case record kept at signing (the statutory facts
  in force at the meeting, the safety network and plan, the latest direct work:
  workbench.supervision.case_record).

Not covered: people's display names (a name may be corrected; the ids are signed), the
session's status and timestamps of typing, and the living state of worries and actions that
later sessions change (current wording, a later review). Those later changes are recorded in
the later sessions' own content.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from db.models import (
    Action,
    Addendum,
    CaseDiscussion,
    Child,
    Decision,
    ScalingScore,
    SupervisionSession,
    Worry,
    WorryRevision,
)

T = TypeVar("T")

SESSION_FORMAT = "psw-session-content/1"
ADDENDUM_FORMAT = "psw-addendum-content/1"
SIGNATURE_FORMAT = "psw-signature/1"


def canonical_bytes(value: Any) -> bytes:
    """Deterministic JSON: sorted keys, no whitespace, UTF-8 as typed."""
    return json.dumps(
        value, sort_keys=True, ensure_ascii=False, separators=(",", ":"), allow_nan=False
    ).encode("utf-8")


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def iso(value: dt.datetime | dt.date | None) -> str | None:
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.astimezone(dt.UTC).isoformat()
    return value.isoformat()


@dataclass
class _SessionRows:
    """Every row the discussions of one session put in its content, read in a few queries
    (not a dozen a discussion), each list in the order the content has always had."""

    children: dict[int, Child]
    decisions: dict[int, list[Decision]]
    scores: dict[int, list[ScalingScore]]
    revised: dict[int, set[int]]  # discussion id -> worries reworded in it
    worries: list[Worry]
    wording: dict[int, tuple[str, str, dict[str, str] | None]]  # worry id -> newest revision's
    agreed: dict[int, list[Action]]
    reviewed: dict[int, list[Action]]

    @classmethod
    def read(cls, s: Session, discussions: Sequence[CaseDiscussion],
             meeting_at: dt.datetime) -> _SessionRows:
        ids = [d.id for d in discussions]
        children = {c.id: c for c in s.scalars(
            select(Child).where(Child.id.in_({d.child_id for d in discussions})))}
        decisions = _grouped(s.scalars(select(Decision).where(Decision.discussion_id.in_(ids))
                                       .order_by(Decision.position, Decision.id)), "discussion_id")
        scores = _grouped(s.scalars(select(ScalingScore).where(ScalingScore.discussion_id.in_(ids))
                                    .order_by(ScalingScore.id)), "discussion_id")
        revised: dict[int, set[int]] = defaultdict(set)
        for discussion_id, worry_id in s.execute(select(WorryRevision.discussion_id, WorryRevision.worry_id)
                                                 .where(WorryRevision.discussion_id.in_(ids))):
            if discussion_id is not None:  # (the where clause keeps only these)
                revised[discussion_id].add(worry_id)
        named = {sc.worry_id for rows in scores.values() for sc in rows if sc.worry_id is not None}
        named |= {worry_id for worry_ids in revised.values() for worry_id in worry_ids}
        worries = list(s.scalars(select(Worry).where(or_(
            Worry.id.in_(named), Worry.opened_in_id.in_(ids), Worry.closed_in_id.in_(ids)))
            .order_by(Worry.id)))
        # Each worry's wording as it stood at the meeting: its newest revision given in a
        # discussion held at or before then (the worry's own text when it has none).
        wording: dict[int, tuple[str, str, dict[str, str] | None]] = {}
        for row in s.execute(
            select(WorryRevision.worry_id, WorryRevision.danger_statement, WorryRevision.safety_goal,
                   WorryRevision.parts)
            .join(CaseDiscussion, WorryRevision.discussion_id == CaseDiscussion.id)
            .join(SupervisionSession, CaseDiscussion.session_id == SupervisionSession.id)
            .where(WorryRevision.worry_id.in_([w.id for w in worries]),
                   SupervisionSession.meeting_at <= meeting_at)
            .order_by(SupervisionSession.meeting_at.desc(), WorryRevision.id.desc())
        ):
            wording.setdefault(row[0], (row[1], row[2], row[3]))
        agreed = _grouped(s.scalars(select(Action).where(Action.discussion_id.in_(ids))
                                    .order_by(Action.id)), "discussion_id")
        reviewed = _grouped(s.scalars(select(Action).where(Action.reviewed_in_id.in_(ids))
                                      .order_by(Action.id)), "reviewed_in_id")
        return cls(children, decisions, scores, revised, worries, wording, agreed, reviewed)


def _grouped(rows: Iterable[T], key: str) -> dict[int, list[T]]:
    """``rows`` by the value of their ``key`` attribute, each group in the rows' order."""
    groups: dict[int, list[T]] = defaultdict(list)
    for row in rows:
        groups[getattr(row, key)].append(row)
    return groups


def _discussion_content(s: Session, d: CaseDiscussion, rows: _SessionRows, *,
                        signed: bool) -> dict[str, Any]:
    child = rows.children[d.child_id]
    decisions = rows.decisions.get(d.id, [])
    scores = rows.scores.get(d.id, [])
    worry_ids = {sc.worry_id for sc in scores if sc.worry_id is not None} | rows.revised.get(d.id, set())
    worries = [w for w in rows.worries
               if w.id in worry_ids or w.opened_in_id == d.id or w.closed_in_id == d.id]
    agreed = rows.agreed.get(d.id, [])
    reviewed = rows.reviewed.get(d.id, [])
    worry_items = []
    for worry in worries:
        statement, goal, parts = rows.wording.get(
            worry.id, (worry.danger_statement, worry.safety_goal, worry.parts))
        closed_here = worry.closed_in_id == d.id
        worry_items.append({
            # Only when written in parts, so a record signed before parts existed keeps its bytes.
            **({"parts": dict(parts)} if parts else {}),
            "id": worry.id,
            "danger_statement": statement,
            "safety_goal": goal,
            "opened_here": worry.opened_in_id == d.id,
            "closed_here": closed_here,
            "closed_reason": worry.closed_reason if closed_here else None,
        })
    # Keys added after format 1 are written only when set, so a record signed before them
    # gives the same bytes (and SHA-256) as it did when it was signed.
    variant = ({"scale_variant": d.scale_variant, "scale_variant_reason": d.scale_variant_reason or ""}
               if d.scale_variant is not None else {})
    # The safety planning, direct work and statutory facts kept at signing (case_record.py);
    # before signing, the record signing will keep, so the SHA-256 shown to the signer is the one
    # signed. A record signed before case records were kept has none and keeps its bytes.
    record = d.case_record
    if record is None and not signed:
        from workbench.supervision.case_record import build_case_record

        record = build_case_record(s, d)
    case_record = {"case_record": record} if record is not None else {}
    return {
        **variant,
        **case_record,
        "id": d.id,
        "child": {"id": child.id, "la_child_id": child.la_child_id},
        "case_id": d.case_id,
        "agenda_position": d.agenda_position,
        "agenda_reasons": list(d.agenda_reasons or []),
        "answers": dict(d.answers or {}),
        "child_voice": d.child_voice,
        "impact_statement": d.impact_statement,
        "escalation_decision": d.escalation_decision,
        "score_difference_note": d.score_difference_note,
        "decisions": [
            {"id": x.id, "position": x.position, "text": x.text, "rationale": x.rationale}
            for x in decisions
        ],
        "scores": [
            {"id": x.id, "worry_id": x.worry_id, "rater_role": x.rater_role.value,
             "rater_staff_id": x.rater_staff_id, "rater_name": x.rater_name,
             "score": x.score, "reason": x.reason,
             **({"rater_agency": x.rater_agency} if x.rater_agency is not None else {})}
            for x in scores
        ],
        "worries": worry_items,
        "actions_agreed": [
            {"id": a.id, "description": a.description, "owner_staff_id": a.owner_staff_id,
             "owner_name": a.owner_name, "due_date": iso(a.due_date),
             "carried_from_id": a.carried_from_id}
            for a in agreed
        ],
        "actions_reviewed": [
            {"id": a.id, "description": a.description, "status": a.status.value,
             "status_reason": a.status_reason}
            for a in reviewed
        ],
    }


def session_content(s: Session, session_id: int) -> dict[str, Any]:
    """The canonical content of one session (see the module docstring for what is in it)."""
    sess = s.get_one(SupervisionSession, session_id)
    qs = sess.question_set
    discussions = s.scalars(
        select(CaseDiscussion).where(CaseDiscussion.session_id == session_id)
        .order_by(CaseDiscussion.agenda_position, CaseDiscussion.id)
    ).all()
    from workbench.consultation.content import consultation_content

    # Only a group consultation has this part, so every other session's content (and the hash
    # its signatures cover) is as it always was.
    consultation = consultation_content(s, sess)
    rows = _SessionRows.read(s, discussions, sess.meeting_at)
    return {
        **({} if consultation is None else {"consultation": consultation}),
        "format": SESSION_FORMAT,
        "session": {
            "id": sess.id,
            "meeting_at": iso(sess.meeting_at),
            "duration_minutes": sess.duration_minutes,
            "kind": sess.kind.value,
            "supervisor_id": sess.supervisor_id,
            "supervisee_id": sess.supervisee_id,
            "present": list(sess.present or []),
            "blind_scaling": sess.blind_scaling,
            "workload": sess.workload,
            "wellbeing": sess.wellbeing,
            "learning_development": sess.learning_development,
            "appreciative_inquiry": sess.appreciative_inquiry,
            "question_set": {"set_key": qs.set_key, "version": qs.version, "sha256": qs.sha256},
        },
        "discussions": [_discussion_content(s, d, rows, signed=sess.status.is_signed)
                        for d in discussions],
    }


def session_content_sha256(s: Session, session_id: int) -> str:
    return sha256_hex(canonical_bytes(session_content(s, session_id)))


def addendum_content(addendum: Addendum, original_sha256: str) -> dict[str, Any]:
    return {
        "format": ADDENDUM_FORMAT,
        "addendum_id": addendum.id,
        "session_id": addendum.session_id,
        "discussion_id": addendum.discussion_id,
        "author_id": addendum.author_id,
        "text": addendum.text,
        "created_at": iso(addendum.created_at),
        "original_content_sha256": original_sha256,
    }


def signature_payload(*, session_id: int, kind: str, signer_id: int, signer_role: str,
                      signed_at: dt.datetime, statement: str, content_sha256: str,
                      addendum_id: int | None, discussion_id: int | None = None) -> bytes:
    """The bytes an ECDSA record signature is made over: the content hash and who, how, when,
    and (for a disagreement about one child) which case discussion it concerns. Without one the
    payload is as it always was, so signatures made before a concern was recorded still verify."""
    concerns = {} if discussion_id is None else {"discussion_id": discussion_id}
    return canonical_bytes({
        **concerns,
        "format": SIGNATURE_FORMAT,
        "session_id": session_id,
        "addendum_id": addendum_id,
        "kind": kind,
        "signer_id": signer_id,
        "signer_role": signer_role,
        "signed_at": iso(signed_at),
        "statement": statement,
        "content_sha256": content_sha256,
    })
