"""What a child's signed supervision record keeps of the case beyond the discussion itself: the
statutory facts from the caseload (as they stood at the meeting), the safety network and plan,
and the latest direct work.

Those live with the case and change after a session (a re-import moves the last visit, the
plan is reviewed, a network member leaves). A signed record never changes, so at signing each
discussion gets a snapshot of them (``case_discussion.case_record``), written in the signing
transaction before the status turns signed; from then on migration 0003's triggers freeze it
with the rest of the discussion, and the signature's content (workbench.signing.content)
covers it. The PDFs read the snapshot, never the living tables. Drawings are referred to by id
and SHA-256: they are never changed or deleted (migration 0013), so the picture printed is the
one the snapshot names.

Reading by date instead was the other choice; it would need every table here to keep its
full history (the plan's every wording, each member's every edit) and would still miss
corrections made to the caseload import. A snapshot is smaller and says exactly what was known.

The statutory facts in the snapshot are those in force at the meeting, not at signing: the
caseload's imports keep each version they replace (:mod:`case_facts`), so a record signed after
a re-import (or the demo, signed months after its meetings) prints the legal status, visits and
reviews the meeting was held under. Such a snapshot says so (``"as_at": "meeting"``); one kept
before carries none, and its PDF still says "as at signing", which it was.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.enums import CaseKind
from db.models import Action, ActionLink, CaseAllocation, CaseDiscussion, NetworkMember
from workbench.supervision.case_facts import CaseVersion, case_as_at
from workbench.supervision.direct_work import direct_work_views
from workbench.supervision.safety_plan import safety_picture

CASE_RECORD_FORMAT = "psw-case-record/1"
DIRECT_WORK_IN_RECORD = 3  # the latest pieces of direct work a record keeps


def _iso(value: dt.date | None) -> str | None:
    return value.isoformat() if value is not None else None


def statutory_facts(case: CaseVersion) -> dict[str, Any]:
    """The statutory facts of one version of a case, as the caseload import has them (None
    where it has none)."""
    details = case.details or {}
    key_dates = case.key_dates or {}
    category = details.get("category_latest") or details.get("category_initial")
    next_review = key_dates.get("next_review")
    return {
        "case_kind": case.kind.value,
        "legal_status": details.get("legal_status"),
        "category_of_abuse": category if case.kind is CaseKind.CHILD_PROTECTION_PLAN else None,
        "start_date": _iso(case.start_date),
        "last_visit_date": _iso(case.last_visit_date),
        "seen_alone": case.seen_alone,
        "last_review_date": _iso(case.last_review_date),
        "next_review_date": str(next_review) if next_review else None,
    }


def build_case_record(s: Session, discussion: CaseDiscussion) -> dict[str, Any]:
    """The snapshot for ``discussion``: the statutory facts in force at its meeting, the rest
    from the living tables as they stand now."""
    case = s.get_one(CaseAllocation, discussion.case_id)
    meeting_at = discussion.session.meeting_at
    on = meeting_at.date()
    members, meetings, plan = safety_picture(s, case.id)
    last_meeting = next((m for m in meetings if m.held_on <= on), None)
    works = direct_work_views(s, case.id, on_or_before=on, limit=DIRECT_WORK_IN_RECORD)
    links = s.execute(select(ActionLink.action_id, ActionLink.about_safety_plan, NetworkMember.name,
                             Action.description)
                      .join(Action, Action.id == ActionLink.action_id)
                      .outerjoin(NetworkMember, NetworkMember.id == ActionLink.network_member_id)
                      .where(Action.discussion_id == discussion.id).order_by(ActionLink.action_id)).all()
    return {
        "format": CASE_RECORD_FORMAT,
        "statutory": {**statutory_facts(case_as_at(s, case, meeting_at)), "as_at": "meeting"},
        "safety_network": [
            {"id": m.id, "name": m.name, "relationship": m.relationship, "role": m.role,
             "since": _iso(m.since)} for m in members if m.is_current],
        "last_network_meeting": (
            {"held_on": last_meeting.held_on.isoformat(), "attendees": list(last_meeting.attendees)}
            if last_meeting is not None else None),
        "safety_plan": {"status": plan.status.value, "rules": list(plan.rules),
                        "review_date": _iso(plan.review_date)},
        "direct_work": [
            {"id": w.id, "done_on": w.done_on.isoformat(), "tool": w.tool.value, "done_by": w.done_by,
             "parts": [[label, words] for label, words in w.parts()],
             "words_and_pictures_status": (w.words_and_pictures_status.value
                                           if w.words_and_pictures_status else None),
             "drawings": [{"id": d.id, "file_name": d.file_name, "media_type": d.media_type,
                           "sha256": d.sha256} for d in w.drawings]}
            for w in works],
        "action_links": [
            {"action_id": action_id, "description": description,
             "about": "the safety plan" if about_plan else (name or "")}
            for action_id, about_plan, name, description in links if about_plan or name],
    }


def snapshot_case_records(s: Session, session_id: int) -> None:
    """Keep each discussion's case record in it: called by sign-off just before it signs."""
    discussions = list(s.scalars(select(CaseDiscussion).where(CaseDiscussion.session_id == session_id)))
    # Every record read first, then all written in one flush (not a flush before each read).
    records = [build_case_record(s, discussion) for discussion in discussions]
    for discussion, record in zip(discussions, records, strict=True):
        discussion.case_record = record
    s.flush()

