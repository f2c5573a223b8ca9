"""Who is using the workbench, and what each role may see and do, checked in the services.

- a **worker** sees their own caseload and the supervision sessions about them; they write
  their reflections and countersign (or disagree with) their own sessions;
- a **team manager** sees and supervises their team: its caseloads and its sessions;
- a **practice lead** sees every team, read-only for content (they find, print and export);
- an **admin** manages identities (staff, passphrases, signing authority), not case content.

``actor=None`` in a service means the system itself (the command line run by whoever holds
the database, migrations, imports run by an admin tool): unrestricted. The UI always passes
the signed-in person's :class:`Actor`.

Read services narrow their queries with ``scope_*``; services that open one record call
``require_*``, which raise :class:`AccessDenied` with a message that can be shown as it is.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, TypeVar

from sqlalchemy import Select, false, or_, select
from sqlalchemy.orm import Session

from db.enums import Role, SessionKind
from db.models import CaseAllocation, ConsultationMember, Staff, SupervisionSession
from workbench.messages import translatable

# Any SELECT, whatever its columns (Select is generic over a tuple of column types).
Q = TypeVar("Q", bound=Select[*tuple[Any, ...]])


class AccessDenied(PermissionError):
    """The signed-in person may not see or do this; the message says why."""


@dataclass(frozen=True)
class Actor:
    """The person at the keyboard, as the services need to know them."""

    staff_id: int
    role: Role
    team_id: int | None
    name: str = ""

    @classmethod
    def of(cls, staff: Staff) -> Actor:
        return cls(staff_id=staff.id, role=staff.role, team_id=staff.team_id, name=staff.name)

    @property
    def label(self) -> str:
        return self.name or f"staff member {self.staff_id}"


def actor_for(s: Session, staff_id: int) -> Actor:
    """The Actor for an active staff member (AccessDenied if they are unknown or inactive)."""
    staff = s.get(Staff, staff_id)
    if staff is None or not staff.active:
        raise AccessDenied(translatable("workbench.access", "This person is not an active member of staff; "
                                                            "ask an admin."))
    return Actor.of(staff)


def actor_id(actor: Actor | None) -> int | None:
    """What the audit trail records as the actor (None for the system)."""
    return None if actor is None else actor.staff_id


# -- what a role may do -----------------------------------------------------------------

def can_read_content(actor: Actor | None) -> bool:
    return actor is None or actor.role is not Role.ADMIN


def can_write_content(actor: Actor | None) -> bool:
    return actor is None or actor.role in (Role.WORKER, Role.TEAM_MANAGER)


def require_content_reader(actor: Actor | None) -> None:
    if not can_read_content(actor):
        raise AccessDenied(
            translatable("workbench.access", "Admins manage identities and cannot open children's records. "
                                             "Sign in as a worker, team manager or practice lead to see "
                                             "them.")
        )


def require_content_writer(actor: Actor | None) -> None:
    require_content_reader(actor)
    if not can_write_content(actor):
        raise AccessDenied(
            translatable("workbench.access", "Practice leads can read, print and export records but not "
                                             "change them. Ask the team manager or the worker to make the "
                                             "change.")
        )


def require_admin(actor: Actor | None) -> None:
    if actor is not None and actor.role is not Role.ADMIN:
        raise AccessDenied(translatable("workbench.access", "Only an admin can manage staff, passphrases and "
                                                            "signing identities."))


def require_self_or_admin(actor: Actor | None, staff_id: int) -> None:
    if actor is not None and actor.role is not Role.ADMIN and actor.staff_id != staff_id:
        raise AccessDenied(translatable("workbench.access", "You can change only your own passphrase; an "
                                                            "admin can reset others'."))


# -- narrowing queries ------------------------------------------------------------------

def _team_members(team_id: int | None) -> Select[int]:
    return select(Staff.id).where(Staff.team_id == team_id)


def scope_cases(query: Q, actor: Actor | None) -> Q:
    """Only the case allocations ``actor`` may see (the query must involve CaseAllocation)."""
    if actor is None:
        return query
    require_content_reader(actor)
    if actor.role is Role.WORKER:
        return query.where(CaseAllocation.worker_id == actor.staff_id)
    if actor.role is Role.TEAM_MANAGER:
        if actor.team_id is None:
            return query.where(false())
        return query.where(CaseAllocation.team_id == actor.team_id)
    return query  # practice lead: every team


def scope_sessions(query: Q, actor: Actor | None) -> Q:
    """Only the supervision sessions ``actor`` may see (the query must involve SupervisionSession)."""
    if actor is None:
        return query
    require_content_reader(actor)
    # A participant in a group consultation sees it (workbench.consultation).
    member_of = SupervisionSession.id.in_(
        select(ConsultationMember.session_id).where(ConsultationMember.staff_id == actor.staff_id))
    if actor.role is Role.WORKER:
        return query.where(or_(SupervisionSession.supervisee_id == actor.staff_id,
                               SupervisionSession.supervisor_id == actor.staff_id, member_of))
    if actor.role is Role.TEAM_MANAGER:
        return query.where(or_(SupervisionSession.supervisor_id == actor.staff_id,
                               SupervisionSession.supervisee_id.in_(_team_members(actor.team_id)),
                               member_of))
    return query


def scope_staff(query: Q, actor: Actor | None) -> Q:
    """Only the staff ``actor`` may list: their own team (workers, managers), or everyone."""
    if actor is None or actor.role in (Role.PRACTICE_LEAD, Role.ADMIN):
        return query
    if actor.team_id is None:
        return query.where(Staff.id == actor.staff_id)
    return query.where(or_(Staff.team_id == actor.team_id, Staff.id == actor.staff_id))


# -- checking one record ----------------------------------------------------------------

def require_team_access(actor: Actor | None, team_id: int) -> None:
    """``actor`` may look at team ``team_id``'s caseloads."""
    if actor is None:
        return
    require_content_reader(actor)
    if actor.role is Role.PRACTICE_LEAD:
        return
    if actor.role is Role.TEAM_MANAGER and actor.team_id == team_id:
        return
    raise AccessDenied(
        translatable("workbench.access", "You can see only your own team's caseloads.")
        if actor.role is Role.TEAM_MANAGER
        else translatable("workbench.access", "Workers see their own caseload only; ask your team manager.")
    )


def require_worker_access(s: Session, actor: Actor | None, worker_id: int) -> None:
    """``actor`` may look at worker ``worker_id``'s caseload."""
    if actor is None or (actor.staff_id == worker_id and can_read_content(actor)):
        return
    require_content_reader(actor)
    if actor.role is Role.PRACTICE_LEAD:
        return
    worker = s.get(Staff, worker_id)
    if actor.role is Role.TEAM_MANAGER and worker is not None and worker.team_id == actor.team_id:
        return
    raise AccessDenied(
        translatable("workbench.access", "You can see only the caseloads of your own team.")
        if actor.role is Role.TEAM_MANAGER
        else translatable("workbench.access", "Workers see their own caseload only; ask your team manager.")
    )


def require_case_access(s: Session, actor: Actor | None, case_id: int, *, write: bool = False) -> None:
    """``actor`` may see (and with ``write``, change) case allocation ``case_id``'s record."""
    if actor is None:
        return
    if write:
        require_content_writer(actor)
    if s.execute(scope_cases(select(CaseAllocation.id).where(CaseAllocation.id == case_id),
                             actor)).first() is None:
        raise AccessDenied(
            translatable("workbench.access", "This child is not on a caseload you can see. If you need the "
                                             "record, ask the child's team manager.")
        )


def require_session_access(s: Session, actor: Actor | None, session_id: int, *,
                           write: bool = False) -> None:
    """``actor`` may open (and with ``write``, change) supervision session ``session_id``.

    Changing: the supervisor or a manager of the supervisee's team edits the note; the
    supervisee writes their part (reflections, countersignature); practice leads never.
    """
    if actor is None:
        return
    if write:
        require_content_writer(actor)
    visible = scope_sessions(select(SupervisionSession.id).where(SupervisionSession.id == session_id),
                             actor)
    if s.execute(visible).first() is None:
        raise AccessDenied(
            translatable("workbench.access", "This supervision record belongs to another worker or team, so "
                                             "you cannot open it. If you need it, ask that team's manager or "
                                             "a practice lead.")
        )


def require_session_editor(s: Session, actor: Actor | None, session_id: int) -> None:
    """``actor`` may change the content of supervision session ``session_id`` (the note itself).

    Its supervisor or a manager of the supervisee's team may; the supervisee writes only their
    own part (reflections, the countersignature); practice leads and admins never.
    """
    if actor is None:
        return
    if is_consultation_facilitator(s, actor, session_id):
        return
    require_session_access(s, actor, session_id, write=True)
    if actor.role is Role.WORKER:
        supervisor_id = s.scalar(select(SupervisionSession.supervisor_id)
                                 .where(SupervisionSession.id == session_id))
        if supervisor_id != actor.staff_id:
            raise AccessDenied(
                translatable("workbench.access", "Only the supervisor (or the team's manager) can change the "
                                                 "supervision record. Put your own views in your reflection, "
                                                 "or when you countersign the note.")
            )


def is_consultation_facilitator(s: Session, actor: Actor, session_id: int) -> bool:
    """``actor`` facilitates group consultation ``session_id``: a practice lead may, and then
    edits and signs that record although practice leads otherwise only read."""
    if actor.role not in (Role.TEAM_MANAGER, Role.PRACTICE_LEAD):
        return False
    row = s.execute(select(SupervisionSession.supervisor_id, SupervisionSession.kind)
                    .where(SupervisionSession.id == session_id)).first()
    return (row is not None and row.kind is SessionKind.GROUP_CONSULTATION
            and row.supervisor_id == actor.staff_id)


def require_supervisor_of(s: Session, actor: Actor | None, supervisee_id: int) -> None:
    """``actor`` may start a supervision session with ``supervisee_id``: a manager of their team."""
    if actor is None:
        return
    require_content_writer(actor)
    if actor.role is not Role.TEAM_MANAGER:
        raise AccessDenied(translatable("workbench.access", "Supervision is held by a team manager. Sign in "
                                                            "as the manager to start it."))
    require_worker_access(s, actor, supervisee_id)


def require_oversight(actor: Actor | None, team_id: int | None) -> None:
    """``actor`` may see the oversight of supervision for team ``team_id`` (None: every team):
    a practice lead for any team or all of them, a team manager for their own team only."""
    if actor is None or actor.role is Role.PRACTICE_LEAD:
        return
    if actor.role is Role.TEAM_MANAGER:
        if actor.team_id is not None and team_id == actor.team_id:
            return
        raise AccessDenied(
            translatable("workbench.access", "Team managers see the oversight of their own team only. Choose "
                                             "your own team; a practice lead sees every team.")
        )
    if actor.role is Role.WORKER:
        raise AccessDenied(
            translatable("workbench.access", "The oversight of supervision is for team managers and practice "
                                             "leads. Your own caseload, and when each child is due for "
                                             "supervision, is on the Caseload screen.")
        )
    raise AccessDenied(translatable("workbench.access", "Admins manage identities and cannot see children's "
                                                        "records. Sign in as a team manager or practice lead "
                                                        "to see the oversight of supervision."))


def require_disagreement_responder(actor: Actor | None) -> None:
    """``actor`` may answer a worker's recorded disagreement: a practice lead (the workbench
    has no separate head-of-service role; a head of service is enrolled as a practice lead)."""
    if actor is None or actor.role is Role.PRACTICE_LEAD:
        return
    raise AccessDenied(
        translatable("workbench.access", "A disagreement is answered by a practice lead (or head of "
                                         "service), not by the team's manager or the worker. Ask your "
                                         "practice lead to respond to it.")
    )


def require_importer(actor: Actor | None, team_id: int | None) -> None:
    """``actor`` may import caseloads into (and undo imports of) team ``team_id``: a team
    manager into their own team, or an admin; ``team_id`` None means no known team of theirs."""
    if actor is None or actor.role is Role.ADMIN:
        return
    if actor.role is Role.TEAM_MANAGER:
        if actor.team_id is not None and team_id == actor.team_id:
            return
        raise AccessDenied(
            translatable("workbench.access", "You can import caseloads only into your own team. Choose your "
                                             "own team, or ask that team's manager or an admin to import it.")
        )
    raise AccessDenied(
        translatable("workbench.access", "Only a team manager (into their own team) or an admin can import "
                                         "caseloads. Ask your team manager to import the export.")
    )


# -- practice quality audits ----------------------------------------------------------------

def require_auditor(actor: Actor | None) -> None:
    """``actor`` may sample records and write audits: a practice lead (read-only on the
    supervision records themselves)."""
    if actor is None or actor.role is Role.PRACTICE_LEAD:
        return
    raise AccessDenied(
        translatable("workbench.access", "Practice quality audits are written by practice leads. Ask your "
                                         "practice lead to audit the record; you will be asked to respond "
                                         "once it is moderated.")
        if actor.role is not Role.ADMIN else
        translatable("workbench.access", "Admins manage identities and cannot open children's records. Sign "
                                         "in as a practice lead to audit records.")
    )


def require_moderator(actor: Actor | None, auditor_id: int) -> None:
    """``actor`` may moderate an audit that ``auditor_id`` completed: a second practice lead."""
    require_auditor(actor)
    if actor is not None and actor.staff_id == auditor_id:
        raise AccessDenied(translatable("workbench.access", "An audit is moderated by a second auditor, not "
                                                            "by the one who graded it. Ask another practice "
                                                            "lead to moderate it."))


def may_read_audit(actor: Actor | None, *, worker_id: int, manager_id: int, team_id: int | None,
                   moderated: bool) -> bool:
    """Practice leads read every audit; once moderated, the audited worker, the record's
    supervisor and the team's manager read it too."""
    if actor is None or actor.role is Role.PRACTICE_LEAD:
        return True
    if not moderated:
        return False
    if actor.role is Role.WORKER:
        return actor.staff_id == worker_id
    if actor.role is Role.TEAM_MANAGER:
        return actor.staff_id == manager_id or (team_id is not None and actor.team_id == team_id)
    return False


def require_audit_reader(actor: Actor | None, *, worker_id: int, manager_id: int,
                         team_id: int | None, moderated: bool) -> None:
    if may_read_audit(actor, worker_id=worker_id, manager_id=manager_id, team_id=team_id,
                      moderated=moderated):
        return
    assert actor is not None
    if actor.role is Role.ADMIN:
        raise AccessDenied(translatable("workbench.access", "Admins manage identities and cannot open "
                                                            "children's records or their audits. Sign in as "
                                                            "a practice lead to see audits."))
    if actor.role in (Role.WORKER, Role.TEAM_MANAGER) and not moderated:
        raise AccessDenied(translatable("workbench.access", "This audit is not moderated yet; you can read "
                                                            "it and respond once a second auditor has "
                                                            "moderated it."))
    raise AccessDenied(translatable("workbench.access", "This audit is about another worker's record. Ask a "
                                                        "practice lead if you need to see it."))


def require_audit_responder(actor: Actor | None, *, worker_id: int, manager_id: int,
                            team_id: int | None) -> None:
    """``actor`` may respond to a moderated audit: the audited worker or their manager (the
    record's supervisor, or the team's manager); not a practice lead, not an admin."""
    if actor is None:
        return
    if actor.role is Role.WORKER and actor.staff_id == worker_id:
        return
    if actor.role is Role.TEAM_MANAGER and (
            actor.staff_id == manager_id or (team_id is not None and actor.team_id == team_id)):
        return
    raise AccessDenied(
        translatable("workbench.access", "Only the audited worker and their manager respond to an audit. "
                                         "Practice leads grade and moderate it; they do not respond to it.")
        if actor.role is Role.PRACTICE_LEAD else
        translatable("workbench.access", "Only the audited worker and their manager respond to this audit.")
    )
