"""A practice quality audit from sampling to signature, each step checked in the core:

1. :func:`open_audits`: a practice lead opens an audit for each sampled record (the form's
   current version is kept with it);
2. :func:`save_grades` then :func:`complete_audit`: the auditor grades every item with its
   evidence;
3. :func:`moderate_audit`: a second practice lead agrees, or changes grades with a reason;
4. :func:`respond_to_audit`: the worker and their manager read it and respond;
5. :func:`sign_audit`: the auditor signs it (the canonical audit and a PAdES-signed PDF). From
   then on the database refuses any change (migration 0017).

Every step is in the audit trail. Practice leads stay read-only on the supervision record itself.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.engine import DbFactory, transaction
from db.enums import AuditStatus, Grade, Role
from db.models import (
    AuditFormVersion,
    AuditGrade,
    AuditResponse,
    CaseDiscussion,
    Child,
    PracticeAudit,
    Staff,
    SupervisionSession,
    Team,
)
from workbench.access import (
    AccessDenied,
    Actor,
    may_read_audit,
    require_audit_reader,
    require_audit_responder,
    require_auditor,
    require_moderator,
)
from workbench.audit import AuditTrail
from workbench.audits.form import AuditForm, AuditFormError, form_from_content, latest_form
from workbench.audits.sampling import SampledRecord
from workbench.clock import Clock
from workbench.export.record import SIGNED_STATUSES
from workbench.messages import translatable

MAX_TEXT = 4_000
ENTITY = "practice_audit"


class AuditError(ValueError):
    """The step cannot be taken (wrong stage, missing grade or evidence, unknown item); nothing
    was written. The message says what to do."""


@dataclass(frozen=True, slots=True)
class GradeView:
    item_key: str
    title: str
    guidance: str
    grade: Grade | None
    evidence: str
    moderated_grade: Grade | None
    moderation_reason: str

    @property
    def final(self) -> Grade | None:
        return self.moderated_grade or self.grade


@dataclass(frozen=True, slots=True)
class ResponseView:
    author_id: int
    author_name: str
    author_role: str
    text: str
    responded_at: dt.datetime


@dataclass(frozen=True, slots=True)
class AuditView:
    """One audit as the screens and the PDF show it."""

    audit_id: int
    status: AuditStatus
    form: AuditForm
    session_id: int
    discussion_id: int
    child_label: str
    team_name: str
    worker_id: int
    worker_name: str
    manager_id: int
    manager_name: str
    meeting_at: dt.datetime
    auditor_id: int
    auditor_name: str
    moderator_id: int | None
    moderator_name: str
    sampled_how: str
    created_at: dt.datetime
    completed_at: dt.datetime | None
    moderated_at: dt.datetime | None
    moderation_note: str
    signed_at: dt.datetime | None
    content_sha256: str | None
    certificate_fingerprint: str | None
    grades: tuple[GradeView, ...]
    responses: tuple[ResponseView, ...]


def _clean(text: str, what: str, *, required: bool = True) -> str:
    cleaned = text.strip()
    if required and not cleaned:
        raise AuditError(translatable("workbench.audits", "Write the %1 before saving it.").arg(what))
    if len(cleaned) > MAX_TEXT:
        raise AuditError(translatable("workbench.audits", "The %1 is longer than %2 characters: shorten it.")
                         .arg(what, MAX_TEXT))
    return cleaned


def form_version(s: Session, form: AuditForm) -> AuditFormVersion:
    """The stored snapshot of ``form``, added the first time it is used."""
    stored = s.scalars(select(AuditFormVersion).where(AuditFormVersion.form_key == form.key,
                                                      AuditFormVersion.version == form.version)).first()
    if stored is None:
        stored = AuditFormVersion(form_key=form.key, version=form.version, title=form.title,
                                  sha256=form.sha256(), content=form.content())
        s.add(stored)
        s.flush()
    elif stored.sha256 != form.sha256():
        raise AuditFormError(translatable("workbench.audits", "Audit form %1 version %2 was changed after "
                                                              "audits used it: give the changed form a new "
                                                              "version number.").arg(form.key, form.version))
    return stored


def _audit(s: Session, audit_id: int) -> PracticeAudit:
    audit = s.get(PracticeAudit, audit_id)
    if audit is None:
        raise AuditError(translatable("workbench.audits", "That audit no longer exists: refresh the list of "
                                                          "audits."))
    return audit


def _form_of(s: Session, audit: PracticeAudit) -> AuditForm:
    return form_from_content(s.get_one(AuditFormVersion, audit.form_version_id).content)


def _check_self(actor: Actor | None, staff_id: int, what: str) -> None:
    if actor is not None and actor.staff_id != staff_id:
        raise AccessDenied(translatable("workbench.audits", "You are signed in as %1: %2")
                           .arg(actor.label, what))


def open_audits(db: DbFactory, clock: Clock, trail: AuditTrail, *,
                actor: Actor | None, auditor_id: int, records: Iterable[SampledRecord],
                sampled_how: str, form: AuditForm | None = None) -> list[int]:
    """An audit for each of ``records`` (from :func:`draw_sample`), by ``auditor_id``."""
    require_auditor(actor)
    _check_self(actor, auditor_id, "an audit is opened in your own name.")
    chosen = list(records)
    if not chosen:
        raise AuditError(translatable("workbench.audits", "The sample is empty: widen the period or choose "
                                                          "another rule."))
    form = form or latest_form()
    opened = []
    with transaction(db) as s:
        auditor = s.get(Staff, auditor_id)
        if auditor is None or auditor.role is not Role.PRACTICE_LEAD:
            raise AuditError(translatable("workbench.audits", "Audits are made by a practice lead: choose "
                                                              "one as the auditor."))
        version = form_version(s, form)
        for record in chosen:
            row = s.execute(
                select(SupervisionSession.status, CaseDiscussion.case_id)
                .join(CaseDiscussion, CaseDiscussion.session_id == SupervisionSession.id)
                .where(CaseDiscussion.id == record.discussion_id)).first()
            if row is None or row[0] not in SIGNED_STATUSES:
                raise AuditError(translatable(
                        "workbench.audits", "The record of %1 is not signed: only signed records are "
                                            "audited. Draw the sample again.").arg(record.child_label))
            taken = s.execute(select(PracticeAudit.id).where(
                PracticeAudit.discussion_id == record.discussion_id,
                PracticeAudit.form_version_id == version.id)).first()
            if taken is not None:
                raise AuditError(translatable(
                        "workbench.audits", "The record of %1 is already being audited with this form: draw "
                                            "the sample again.").arg(record.child_label))
            audit = PracticeAudit(
                form_version_id=version.id, discussion_id=record.discussion_id,
                session_id=record.session_id, case_id=row[1], team_id=record.team_id,
                worker_id=record.worker_id, manager_id=record.manager_id,
                meeting_at=record.meeting_at, auditor_id=auditor_id,
                sampled_how=sampled_how[:200], status=AuditStatus.SAMPLED, created_at=clock(),
                moderation_note="")
            s.add(audit)
            s.flush()
            trail.record(s, actor_id=auditor_id, action="audit_opened", entity_type=ENTITY,
                         entity_id=audit.id, details={"discussion_id": record.discussion_id,
                                                      "form": f"{form.key}-v{form.version}",
                                                      "sampled": sampled_how[:200]})
            opened.append(audit.id)
    return opened


def save_grades(db: DbFactory, clock: Clock, trail: AuditTrail, *,
                actor: Actor | None, audit_id: int,
                grades: Mapping[str, tuple[Grade, str]]) -> None:
    """The auditor's grade and evidence for some items (a draft: saved as typed, changed until
    the audit is moderated)."""
    require_auditor(actor)
    with transaction(db) as s:
        audit = _audit(s, audit_id)
        if actor is not None and actor.staff_id != audit.auditor_id:
            raise AccessDenied(translatable(
                    "workbench.audits", "Only the auditor who opened this audit grades it; a second practice "
                                        "lead moderates it once it is complete."))
        if audit.status not in (AuditStatus.SAMPLED, AuditStatus.COMPLETED):
            raise AuditError(translatable("workbench.audits", "This audit has been moderated: its grades are "
                                                              "final. The moderator's changes and reasons "
                                                              "are on the audit."))
        form = _form_of(s, audit)
        known = {item.key for item in form.items}
        existing = {g.item_key: g for g in s.scalars(select(AuditGrade).where(
            AuditGrade.audit_id == audit_id))}
        for key, (grade, evidence) in grades.items():
            if key not in known:
                raise AuditError(translatable(
                        "workbench.audits", "'%1' is not an item of the form %2: reload the audit.")
                        .arg(key, form.title))
            text = _clean(evidence, f"evidence for '{form.item(key).title}'", required=False)
            row = existing.get(key)
            if row is None:
                s.add(AuditGrade(audit_id=audit_id, item_key=key, grade=Grade(grade),
                                 evidence=text, moderation_reason=""))
            else:
                row.grade, row.evidence = Grade(grade), text
        s.flush()
        trail.record(s, actor_id=audit.auditor_id, action="audit_graded", entity_type=ENTITY,
                     entity_id=audit_id, details={"items": sorted(grades)})


def complete_audit(db: DbFactory, clock: Clock, trail: AuditTrail, *,
                   actor: Actor | None, audit_id: int) -> None:
    """The auditor has graded every item, each with its evidence: ready for moderation."""
    require_auditor(actor)
    with transaction(db) as s:
        audit = _audit(s, audit_id)
        if actor is not None and actor.staff_id != audit.auditor_id:
            raise AccessDenied(translatable(
                    "workbench.audits", "Only the auditor who opened this audit completes it."))
        if audit.status is not AuditStatus.SAMPLED:
            raise AuditError(translatable("workbench.audits", "This audit is already complete."))
        form = _form_of(s, audit)
        graded = {g.item_key: g for g in s.scalars(select(AuditGrade).where(
            AuditGrade.audit_id == audit_id))}
        for item in form.items:
            if item.key not in graded:
                raise AuditError(translatable(
                        "workbench.audits", "Grade '%1' before completing the audit.").arg(item.title))
            if not graded[item.key].evidence.strip():
                raise AuditError(translatable(
                        "workbench.audits", "Give the evidence for '%1' (what in the record shows it) before "
                                            "completing the audit.").arg(item.title))
        audit.status, audit.completed_at = AuditStatus.COMPLETED, clock()
        trail.record(s, actor_id=audit.auditor_id, action="audit_completed", entity_type=ENTITY,
                     entity_id=audit_id, details={})


def moderate_audit(db: DbFactory, clock: Clock, trail: AuditTrail, *,
                   actor: Actor | None, moderator_id: int, audit_id: int,
                   changes: Mapping[str, tuple[Grade, str]] | None = None, note: str = "") -> None:
    """A second practice lead moderates a completed audit: agrees with every grade (no
    ``changes``), or changes some, each with its reason."""
    require_auditor(actor)
    _check_self(actor, moderator_id, "an audit is moderated in your own name.")
    with transaction(db) as s:
        audit = _audit(s, audit_id)
        require_moderator(actor, audit.auditor_id)
        if moderator_id == audit.auditor_id:
            raise AccessDenied(translatable(
                    "workbench.audits", "An audit is moderated by a second auditor, not by the one who "
                                        "graded it. Ask another practice lead to moderate it."))
        if audit.status is not AuditStatus.COMPLETED:
            raise AuditError(translatable("workbench.audits", "Only a completed audit is moderated: the "
                                                              "auditor completes it first.")
                             if audit.status is AuditStatus.SAMPLED else
                             translatable("workbench.audits", "This audit is already moderated."))
        form = _form_of(s, audit)
        graded = {g.item_key: g for g in s.scalars(select(AuditGrade).where(
            AuditGrade.audit_id == audit_id))}
        for key, (grade, reason) in (changes or {}).items():
            if key not in graded:
                raise AuditError(translatable(
                        "workbench.audits", "'%1' is not an item of the form %2: reload the audit.")
                        .arg(key, form.title))
            title = form.item(key).title
            if Grade(grade) is graded[key].grade:
                raise AuditError(translatable(
                        "workbench.audits", "The grade for '%1' is unchanged: leave it out to agree.")
                        .arg(title))
            graded[key].moderated_grade = Grade(grade)
            graded[key].moderation_reason = _clean(reason, f"reason for changing '{title}'")
        audit.moderation_note = _clean(note, "moderation note", required=False)
        audit.status, audit.moderated_at = AuditStatus.MODERATED, clock()
        audit.moderator_id = moderator_id
        trail.record(s, actor_id=moderator_id, action="audit_moderated", entity_type=ENTITY,
                     entity_id=audit_id, details={"changed": sorted(changes or {})})


def respond_to_audit(db: DbFactory, clock: Clock, trail: AuditTrail, *,
                     actor: Actor | None, author_id: int, audit_id: int, text: str) -> None:
    """The audited worker's or their manager's response to a moderated audit, once each."""
    _check_self(actor, author_id, "a response is written in your own name.")
    cleaned = _clean(text, "response")
    with transaction(db) as s:
        audit = _audit(s, audit_id)
        require_audit_responder(actor, worker_id=audit.worker_id, manager_id=audit.manager_id,
                                team_id=audit.team_id)
        if audit.status is not AuditStatus.MODERATED:
            raise AuditError(translatable("workbench.audits", "This audit is signed: responses can no longer "
                                                              "be added.")
                             if audit.status is AuditStatus.SIGNED else
                             translatable("workbench.audits", "This audit is not moderated yet: respond once "
                                                              "it is."))
        done = s.execute(select(AuditResponse.id).where(AuditResponse.audit_id == audit_id,
                                                        AuditResponse.author_id == author_id)).first()
        if done is not None:
            raise AuditError(translatable("workbench.audits", "You have already responded to this audit; "
                                                              "your response is on it."))
        author = s.get_one(Staff, author_id)
        s.add(AuditResponse(audit_id=audit_id, author_id=author_id, author_role=author.role.value,
                            text=cleaned, responded_at=clock()))
        s.flush()
        trail.record(s, actor_id=author_id, action="audit_response", entity_type=ENTITY,
                     entity_id=audit_id, details={"role": author.role.value})


def _view(s: Session, audit: PracticeAudit) -> AuditView:
    form = _form_of(s, audit)
    names = dict(s.execute(select(Staff.id, Staff.name).where(Staff.id.in_(
        [audit.worker_id, audit.manager_id, audit.auditor_id,
         *([audit.moderator_id] if audit.moderator_id else [])]))).all())
    child = s.execute(select(Child.name, Child.la_child_id).join(
        CaseDiscussion, CaseDiscussion.child_id == Child.id).where(
        CaseDiscussion.id == audit.discussion_id)).one()
    team = s.get(Team, audit.team_id) if audit.team_id is not None else None
    graded = {g.item_key: g for g in s.scalars(select(AuditGrade).where(
        AuditGrade.audit_id == audit.id))}
    grades = tuple(
        GradeView(item.key, item.title, item.guidance,
                  graded[item.key].grade if item.key in graded else None,
                  graded[item.key].evidence if item.key in graded else "",
                  graded[item.key].moderated_grade if item.key in graded else None,
                  graded[item.key].moderation_reason if item.key in graded else "")
        for item in form.items)
    responses = tuple(ResponseView(r.author_id, name, r.author_role, r.text, r.responded_at)
                      for r, name in s.execute(
                          select(AuditResponse, Staff.name)
                          .join(Staff, Staff.id == AuditResponse.author_id)
                          .where(AuditResponse.audit_id == audit.id)
                          .order_by(AuditResponse.responded_at, AuditResponse.id)))
    return AuditView(
        audit_id=audit.id, status=audit.status, form=form, session_id=audit.session_id,
        discussion_id=audit.discussion_id,
        child_label=f"{child[0]} ({child[1]})" if child[0] else child[1],
        team_name=team.name if team else "", worker_id=audit.worker_id,
        worker_name=names.get(audit.worker_id, ""), manager_id=audit.manager_id,
        manager_name=names.get(audit.manager_id, ""), meeting_at=audit.meeting_at,
        auditor_id=audit.auditor_id, auditor_name=names.get(audit.auditor_id, ""),
        moderator_id=audit.moderator_id,
        moderator_name=names.get(audit.moderator_id, "") if audit.moderator_id else "",
        sampled_how=audit.sampled_how, created_at=audit.created_at,
        completed_at=audit.completed_at, moderated_at=audit.moderated_at,
        moderation_note=audit.moderation_note, signed_at=audit.signed_at,
        content_sha256=audit.content_sha256, certificate_fingerprint=audit.certificate_fingerprint,
        grades=grades, responses=responses)


def _moderated(audit: PracticeAudit) -> bool:
    return audit.status in (AuditStatus.MODERATED, AuditStatus.SIGNED)


def audit_view(db: DbFactory, *, actor: Actor | None, audit_id: int) -> AuditView:
    """One audit, for whoever may read it (practice leads; once moderated, the worker and
    their manager)."""
    with db() as s:
        audit = _audit(s, audit_id)
        require_audit_reader(actor, worker_id=audit.worker_id, manager_id=audit.manager_id,
                             team_id=audit.team_id, moderated=_moderated(audit))
        return _view(s, audit)


def list_audits(db: DbFactory, *, actor: Actor | None,
                team_id: int | None = None) -> list[AuditView]:
    """The audits ``actor`` may read, newest record first (optionally one team's)."""
    if actor is not None and actor.role is Role.ADMIN:
        require_auditor(actor)  # says why an admin sees none
    with db() as s:
        query = select(PracticeAudit).order_by(PracticeAudit.meeting_at.desc(), PracticeAudit.id)
        if team_id is not None:
            query = query.where(PracticeAudit.team_id == team_id)
        return [_view(s, audit) for audit in s.scalars(query)
                if may_read_audit(actor, worker_id=audit.worker_id, manager_id=audit.manager_id,
                                  team_id=audit.team_id, moderated=_moderated(audit))]


def audit_record_text(db: DbFactory, *, actor: Actor | None, audit_id: int) -> str:
    """The audited record, as plain text to read beside the form (practice leads only)."""
    from workbench.export.layout import day
    from workbench.export.record import load_note_record

    require_auditor(actor)
    with db() as s:
        audit = _audit(s, audit_id)
        record = load_note_record(s, audit.session_id)
    part = record.part_for(audit.discussion_id)
    lines = [f"Supervision of {record.supervisee} by {record.supervisor}, "
             f"{record.when(record.meeting_at, time=False)} ({record.status.replace('_', ' ')})"]
    if part is None:
        return "\n".join(lines)
    label = f"{part.child_name} ({part.la_child_id})" if part.child_name else part.la_child_id
    lines += [f"Child: {label}, {part.case_kind.replace('_', ' ')}", ""]

    def block(title: str, entries: Iterable[str]) -> None:
        shown = [e for e in entries if e.strip()]
        if shown:
            lines.extend([title.upper(), *(f"  {e}" for e in shown), ""])

    def words(item: Mapping[str, object]) -> str:
        return " · ".join(day(v) if k.endswith("_date") else str(v) for k, v in item.items()
                          if isinstance(v, str) and v.strip() and not k.endswith("_at")
                          and k not in ("kind", "status", "id"))

    block("Worries", (words(w) for w in part.worries))
    for qa in part.answers:
        block(f"{qa.section}: {qa.question}", [qa.answer])
    block("The child's voice", [part.child_voice])
    block("Scores", (words(sc) + f" = {sc.get('score', '')}" for sc in part.scores))
    block("Decisions", (words(d) for d in part.decisions))
    block("Actions agreed", (words(a) for a in part.actions_agreed))
    block("Impact", [part.impact_statement])
    return "\n".join(lines).rstrip()


