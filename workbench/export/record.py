"""A signed session read once from the database into plain, picklable values for the PDFs.

The text comes from the canonical content (:mod:`workbench.signing.content`), so a PDF shows
exactly what its signatures cover; names, the question wording of the set's version, the
signatures and the scale history are added beside it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.enums import SessionStatus
from db.models import (
    Addendum,
    AuditEvent,
    CaseAllocation,
    Child,
    Signature,
    Staff,
    SupervisionSession,
    Team,
)
from workbench.history import ScaleHistory, read_scale_history
from workbench.signing.content import canonical_bytes, session_content, sha256_hex
from workbench.supervision.case_facts import kind_at
from workbench.supervision.direct_work import preview_pngs
from workbench.supervision.errors import QuestionSetError
from workbench.supervision.mapping import COLUMN_PARTS, PLAIN_TITLES, Part, PlanItem, discussion_plan
from workbench.supervision.question_set_store import stored_question_set
from workbench.supervision.question_sets import QuestionSet, ScaleSpec
from workbench.supervision.scale_voices import PRACTITIONERS, ScaleWording
from workbench.supervision.worry_parts import WorryPart
from workbench.timefmt import letter_day, letter_time

SIGNED_STATUSES = (SessionStatus.SIGNED_BY_SUPERVISOR, SessionStatus.COUNTERSIGNED,
                   SessionStatus.DISAGREEMENT_RECORDED)
KIND_LABELS = {"case_one_to_one": "One-to-one case supervision", "reflective": "Reflective supervision",
               "group_consultation": "Group consultation"}
ROLE_LABELS = {"supervisor": "Supervisor", "worker": "Social worker"}
WORKER_PART_LABELS = {"workload": "Workload", "wellbeing": "Wellbeing",
                      "learning_development": "Learning and development",
                      "appreciative_inquiry": "Something that went well"}
SIGNATURE_LABELS = {"approval": "Approved", "countersignature": "Countersigned",
                    "disagreement": "Disagreement recorded", "addendum": "Addendum signed"}


@dataclass(frozen=True)
class SignatureLine:
    kind: str
    role: str
    name: str
    staff_role: str
    signed_at: dt.datetime
    fingerprint: str
    statement: str
    addendum_id: int | None
    discussion_id: int | None = None  # the child a disagreement concerns; None: the whole session


@dataclass(frozen=True)
class AddendumText:
    id: int
    author: str
    created_at: dt.datetime
    text: str
    discussion_id: int | None


@dataclass(frozen=True)
class QA:
    section: str
    question: str
    answer: str
    section_id: str = ""  # the set's section (empty: an answer the set no longer has)


@dataclass(frozen=True)
class ChildPart:
    discussion_id: int
    child_id: int
    la_child_id: str
    child_name: str | None
    case_kind: str
    agenda_reasons: tuple[str, ...]
    answers: tuple[QA, ...]
    child_voice: str
    impact_statement: str
    escalation_decision: str
    score_difference_note: str
    worries: tuple[dict[str, Any], ...]
    scores: tuple[dict[str, Any], ...]
    decisions: tuple[dict[str, Any], ...]
    actions_agreed: tuple[dict[str, Any], ...]
    actions_reviewed: tuple[dict[str, Any], ...]
    history: ScaleHistory  # the case's scores up to and including this meeting
    scale: ScaleWording | None = None  # the scale's wording this child was scored on
    scale_variant_reason: str = ""  # why, when it is not the one their case kind gives
    # Kept at signing (workbench.supervision.case_record): statutory facts, safety planning,
    # direct work; None for a record signed before it was kept. Drawings' previews by id.
    case_record: dict[str, Any] | None = None
    drawings: dict[int, bytes] = field(default_factory=dict)

    @property
    def label(self) -> str:
        return f"{self.child_name} ({self.la_child_id})" if self.child_name else self.la_child_id


@dataclass(frozen=True)
class NoteRecord:
    session_id: int
    status: str
    team: str
    meeting_at: dt.datetime
    duration_minutes: int | None
    kind: str
    supervisor_id: int
    supervisor: str
    supervisee_id: int
    supervisee: str
    present: tuple[str, ...]
    question_set: str
    scale_wording: str
    worker_part: tuple[QA, ...]
    children: tuple[ChildPart, ...]
    signatures: tuple[SignatureLine, ...]
    addenda: tuple[AddendumText, ...]
    content_sha256: str
    audit_chain_head: str | None
    people: dict[int, str] = field(default_factory=dict)
    tz: dt.tzinfo | None = None  # the zone its times are printed in; None: the computer's own
    # A child's discussion is printed in this order (the mapping order, in the set's words).
    plan: tuple[PlanItem, ...] = ()
    # The set's words for a worry and its goal, and the parts they are written in (if any).
    statement_label: str = "Danger statement"
    goal_label: str = "Safety goal"
    worry_parts: tuple[WorryPart, ...] = ()
    # A group consultation's own steps and people (workbench.consultation.content); None otherwise.
    consultation: dict[str, Any] | None = None

    def when(self, value: dt.datetime | None, *, time: bool = True) -> str:
        """A time as this record's PDFs print it: "20 July 2026, 15:00 BST" (the zone named)."""
        return letter_time(value, self.tz, time=time) if value is not None else ""

    def part_for(self, discussion_id: int | None) -> ChildPart | None:
        """The child a disagreement or addendum concerns; None for the session as a whole."""
        if discussion_id is None:
            return None
        return next((p for p in self.children if p.discussion_id == discussion_id), None)

    @property
    def signers(self) -> tuple[int, ...]:
        """Who signs the PDF (PAdES), in order: the supervisor, then the worker if they signed."""
        ids = [self.supervisor_id]
        if any(s.kind in ("countersignature", "disagreement") for s in self.signatures):
            ids.append(self.supervisee_id)
        return tuple(ids)


def voice_label(scale: ScaleSpec | None, score: dict[str, Any]) -> str:
    """Who gave a score, in the set's words: 'Parent or carer: Jo Smith', 'Other professional:
    Dr Patel (GP surgery)', 'Worker' (never a raw id)."""
    role = str(score["rater_role"])
    perspective = scale.perspective(role) if scale is not None else None
    if perspective is None:
        perspective = next((p for p in PRACTITIONERS if p.role == role), None)
    label = perspective.label if perspective is not None else role.replace("_", " ").capitalize()
    who = score.get("rater_name") or ""
    if score.get("rater_agency"):
        who = f"{who} ({score['rater_agency']})"
    return f"{label}: {who}" if who else label


def consultation_voice(score: dict[str, Any]) -> str:
    """Who gave a score in a group consultation: the facilitator, the presenter, or a member of
    the group as the record names them (an attendee who did not consent by role and agency)."""
    role = score.get("rater_role")
    if role == "supervisor":
        return "Facilitator"
    if role == "worker":
        return "Presenter"
    name = str(score.get("rater_name") or "")
    agency = str(score.get("rater_agency") or "")
    return name + (f" ({agency})" if agency and agency not in name else "")


def _format_answer(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, str):
        return value
    if isinstance(value, list | tuple):
        return "\n".join(f"• {_format_answer(v)}" for v in value if v not in (None, ""))
    if isinstance(value, dict):
        return "\n".join(f"{k}: {_format_answer(v)}" for k, v in value.items())
    return str(value)


def _date_answer(value: Any) -> str:
    """A date question's answer as the app prints dates ("3 November 2026"), not as it is
    stored (ISO, "2026-11-03"); anything that is not a date is printed as it is."""
    if isinstance(value, str) and value.strip():
        try:
            return letter_day(dt.date.fromisoformat(value.strip()))
        except ValueError:
            pass
    return _format_answer(value)


def _questions(content: dict[str, Any]) -> tuple[list[dict[str, Any]], dict[str, str]]:
    """The set's questions (each with its scope: its own, else its section's) and section titles."""
    section_list = [s for s in content.get("sections", []) if isinstance(s, dict)]
    sections = {str(s.get("id")): str(s.get("title", "")) for s in section_list}
    scopes = {str(s.get("id")): str(s.get("scope", "case")) for s in section_list}
    questions = [
        {**q, "scope": q.get("scope", scopes.get(str(q.get("section")), "case"))}
        for q in content.get("questions", []) if isinstance(q, dict) and "id" in q
    ]
    return questions, sections


def _wording(question: dict[str, Any]) -> str:
    for key in ("wording", "text", "prompt", "question", "label"):
        if question.get(key):
            return str(question[key])
    return str(question["id"])


def _answers(questions: list[dict[str, Any]], sections: dict[str, str], answers: dict[str, Any],
             bound: dict[str, str], scope: str) -> tuple[QA, ...]:
    """Every answered question of ``scope`` in the set's order, then any answer the set lacks."""
    out: list[QA] = []
    seen: set[str] = set()
    for question in questions:
        if question.get("scope", "case") != scope:
            continue
        qid = str(question["id"])
        seen.add(qid)
        if question.get("kind") == "scale":  # e.g. version 1's network_scale: its words, never its id
            if isinstance(answers.get(qid), int):
                anchors = f" (0 = {question.get('low', '')}; 10 = {question.get('high', '')})"
                section_id = str(question.get("section"))
                out.append(QA(sections.get(section_id, ""), _wording(question) + anchors,
                              str(answers[qid]), section_id))
            continue
        binds = question.get("binds")
        value = bound.get(str(binds), "") if binds else answers.get(qid)
        text = _date_answer(value) if question.get("kind") == "date" else _format_answer(value)
        if text.strip():
            section_id = str(question.get("section"))
            out.append(QA(sections.get(section_id, ""), _wording(question), text, section_id))
    if scope == "session" and not seen:  # a set without the worker's part: plain labels
        for name, value in bound.items():
            if value.strip():
                out.append(QA("", WORKER_PART_LABELS.get(name, name), value))
    if scope == "case":
        for qid, value in answers.items():
            if qid not in seen and _format_answer(value).strip():  # the set lacks it: a readable name
                out.append(QA("", qid.replace("_", " ").capitalize(), _format_answer(value)))
    return tuple(out)


def fallback_plan(content: dict[str, Any]) -> tuple[PlanItem, ...]:
    """The mapping order for a stored set that no longer parses: its sections placed by column,
    id and the impact statement's section, titled as it titled them."""
    sections = [x for x in content.get("sections", []) if isinstance(x, dict)
                and x.get("scope", "case") == "case" and "id" in x]
    impact = next((str(q.get("section")) for q in content.get("questions", [])
                   if isinstance(q, dict) and q.get("binds") == "impact_statement"), None)

    def part_of(section: dict[str, Any]) -> Part:
        if section.get("part") in {p.value for p in Part}:
            return Part(section["part"])
        if section.get("column") in COLUMN_PARTS:
            return COLUMN_PARTS[section["column"]]
        if section["id"] == "scale":
            return Part.SCALE
        return Part.DECISIONS if section["id"] == impact else Part.CHILD_VOICE

    plan = []
    for part in Part:
        mine = [x for x in sections if part_of(x) == part]
        title = str(mine[0].get("title", "")) if mine else PLAIN_TITLES[part]
        plan.append(PlanItem(part, title, tuple(str(x["id"]) for x in mine)))
    return tuple(plan)


def _drawings(s: Session, case_record: dict[str, Any] | None) -> dict[int, bytes]:
    """The previews of the drawings a kept case record names (that child's only)."""
    if not case_record:
        return {}
    ids = [d["id"] for w in case_record.get("direct_work", []) for d in w.get("drawings", [])]
    return preview_pngs(s, ids)


def _names(s: Session, ids: set[int]) -> dict[int, tuple[str, str]]:
    rows = s.execute(select(Staff.id, Staff.name, Staff.role).where(Staff.id.in_(ids)))
    return {row[0]: (row[1], row[2].value) for row in rows}


def load_note_record(s: Session, session_id: int,
                     histories: dict[int, ScaleHistory] | None = None, *,
                     content: dict[str, Any] | None = None, tz: dt.tzinfo | None = None) -> NoteRecord:
    """Everything the PDFs of one signed session show; raises ValueError if it is not signed.

    ``histories`` keeps each case's scale history for the next record of a batch; ``content``
    is the session's canonical content when the caller has just read it (sign-off has); ``tz``
    the zone the PDFs print times in (None: the computer's local zone).
    """
    sess = s.get_one(SupervisionSession, session_id)
    if sess.status not in SIGNED_STATUSES:
        raise ValueError(f"Supervision session {session_id} is not signed; only signed records export.")
    content = session_content(s, session_id) if content is None else content
    qs = sess.question_set
    questions, sections = _questions(qs.content or {})
    scale = (qs.content or {}).get("scale", {})
    try:
        question_set: QuestionSet | None = stored_question_set(qs)
    except QuestionSetError:  # a snapshot that no longer parses still prints, in plain labels
        question_set = None
    scale_spec: ScaleSpec | None = question_set.scale if question_set is not None else None
    signatures = s.scalars(select(Signature).where(Signature.session_id == session_id)
                           .order_by(Signature.id)).all()
    addenda = s.scalars(select(Addendum).where(Addendum.session_id == session_id)
                        .order_by(Addendum.id)).all()
    ids = {sess.supervisor_id, sess.supervisee_id} | {x.signer_id for x in signatures} | {
        a.author_id for a in addenda}
    names = _names(s, ids)
    team = s.execute(select(Team.name).join(Staff, Staff.team_id == Team.id)
                     .where(Staff.id == sess.supervisee_id)).scalar()
    head = s.execute(select(AuditEvent.mac).where(
        AuditEvent.action == "session_signed", AuditEvent.entity_type == "supervision_session",
        AuditEvent.entity_id == str(session_id)).order_by(AuditEvent.id.desc()).limit(1)).scalar()
    session_fields = content["session"]
    children = []
    for part in content["discussions"]:
        child = s.get_one(Child, part["child"]["id"])
        case = s.get_one(CaseAllocation, part["case_id"])
        history = histories.get(part["case_id"]) if histories is not None else None
        if history is None:
            history = read_scale_history(s, part["case_id"])
            if histories is not None:
                histories[part["case_id"]] = history
        upto = tuple(p for p in history.points if p.meeting_at <= sess.meeting_at)
        bound = {k: part.get(k, "") for k in ("child_voice", "impact_statement")}
        # The kind the meeting was held under (kept at signing), never the case's kind today.
        kind = kind_at(s, case, sess.meeting_at, part.get("case_record"))
        fitting = scale_spec.variant_for(kind) if scale_spec is not None else None
        variant = part.get("scale_variant") or (fitting.id if fitting is not None else None)
        children.append(ChildPart(
            discussion_id=part["id"], child_id=child.id, la_child_id=child.la_child_id,
            child_name=child.name, case_kind=kind.label,
            agenda_reasons=tuple(part["agenda_reasons"]),
            answers=_answers(questions, sections, part["answers"], bound, "case"),
            child_voice=part["child_voice"], impact_statement=part["impact_statement"],
            escalation_decision=part["escalation_decision"],
            score_difference_note=part["score_difference_note"],
            worries=tuple(part["worries"]),
            scores=tuple({**sc, "voice": consultation_voice(sc) if "consultation" in content
                          else voice_label(scale_spec, sc)} for sc in part["scores"]),
            decisions=tuple(part["decisions"]), actions_agreed=tuple(part["actions_agreed"]),
            actions_reviewed=tuple(part["actions_reviewed"]),
            history=ScaleHistory(case_id=part["case_id"], points=upto),
            scale=scale_spec.wording_for(variant) if variant and scale_spec is not None else None,
            scale_variant_reason=str(part.get("scale_variant_reason") or ""),
            case_record=part.get("case_record"),
            drawings=_drawings(s, part.get("case_record")),
        ))
    worker_fields = {k: session_fields[k] for k in
                     ("workload", "wellbeing", "learning_development", "appreciative_inquiry")}
    return NoteRecord(
        session_id=sess.id, status=sess.status.value, team=team or "",
        meeting_at=sess.meeting_at, duration_minutes=sess.duration_minutes,
        kind=KIND_LABELS.get(sess.kind.value, sess.kind.value),
        supervisor_id=sess.supervisor_id, supervisor=names[sess.supervisor_id][0],
        supervisee_id=sess.supervisee_id, supervisee=names[sess.supervisee_id][0],
        present=tuple(sess.present or ()), question_set=f"{qs.title} (version {qs.version})",
        scale_wording=str(scale.get("wording", "")).strip() if isinstance(scale, dict) else "",
        worker_part=_answers(questions, sections, {}, worker_fields, "session"),
        children=tuple(children),
        signatures=tuple(SignatureLine(
            kind=x.kind.value, role=x.signer_role, name=names[x.signer_id][0],
            staff_role=names[x.signer_id][1], signed_at=x.signed_at,
            fingerprint=x.certificate_fingerprint, statement=x.statement, addendum_id=x.addendum_id,
            discussion_id=x.discussion_id,
        ) for x in signatures),
        addenda=tuple(AddendumText(a.id, names[a.author_id][0], a.created_at, a.text, a.discussion_id)
                      for a in addenda),
        content_sha256=sha256_hex(canonical_bytes(content)),
        audit_chain_head=head,
        people={k: v[0] for k, v in names.items()},
        tz=tz,
        plan=discussion_plan(question_set) if question_set is not None else fallback_plan(qs.content or {}),
        consultation=content.get("consultation"),
        **_worry_words(question_set),
    )


def _worry_words(question_set: QuestionSet | None) -> dict[str, Any]:
    if question_set is None:
        return {}
    spec = question_set.worries
    return {"statement_label": spec.statement_label, "goal_label": spec.goal_label,
            "worry_parts": spec.statement_parts + spec.goal_parts}
