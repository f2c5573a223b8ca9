"""Admins manage the team: people, their team and role, who supervises whom, newly qualified
workers' assessed year (ASYE), leavers. Every change is checked (:func:`require_admin`) and
audited here, in the core; the Admin screen and ``workbench staff ...`` only ask and show.

Rules kept here:
- a supervisor is an active team manager or practice lead *above* the person (a worker is
  supervised by a manager or lead, a manager by a lead); nobody supervises themselves;
- only workers have an ASYE; ``newly_qualified_until`` is derived from its start (one year);
- a leaver is deactivated, never deleted: their records stay, they cannot sign in, and any
  unused enrolment code stops working;
- the last active admin cannot be made a leaver or given another role (someone must be left
  to enrol people).
"""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session, aliased

from db.engine import DbFactory, transaction
from db.enums import Role
from db.models import EnrolmentCode, Staff, Team
from workbench.access import AccessDenied, Actor, actor_id, require_admin
from workbench.audit import AuditTrail
from workbench.clock import Clock
from workbench.enrolment import revoke_codes
from workbench.messages import translatable
from workbench.names import fold_name
from workbench.signin import LOCK_AFTER

#: Seniority: a supervisor's rank must be above the person's.
RANK = {Role.WORKER: 0, Role.TEAM_MANAGER: 1, Role.PRACTICE_LEAD: 2}
SUPERVISOR_ROLES = (Role.TEAM_MANAGER, Role.PRACTICE_LEAD)


class _Keep(enum.Enum):
    KEEP = "keep"


#: "Leave this field as it is" for :func:`update_staff`.
KEEP = _Keep.KEEP


class InvalidStaffChange(ValueError):
    """The change breaks a rule (the message says which and what to do); nothing was changed."""


class Status(enum.StrEnum):
    CAN_SIGN_IN = "can sign in"
    CODE_ISSUED = "enrolment code issued"
    NEEDS_CODE = "needs an enrolment code"
    LOCKED = "locked"
    NOT_ADDED = "met by an import, not yet added"
    LEFT = "left"


@dataclass(frozen=True)
class StaffRecord:
    """One person as the Admin screen lists them (no secret in here)."""

    staff_id: int
    name: str
    role: Role
    team_id: int | None
    team_name: str | None
    supervisor_id: int | None
    supervisor_name: str | None
    asye_start: dt.date | None
    newly_qualified_until: dt.date | None
    active: bool
    left_at: dt.datetime | None
    has_passphrase: bool
    code_expires_at: dt.datetime | None
    failed_sign_ins: int

    @property
    def status(self) -> Status:
        if not self.active:
            return Status.LEFT if self.left_at is not None else Status.NOT_ADDED
        if self.failed_sign_ins >= LOCK_AFTER:
            return Status.LOCKED
        if self.has_passphrase:
            return Status.CAN_SIGN_IN
        return Status.CODE_ISSUED if self.code_expires_at is not None else Status.NEEDS_CODE


def asye_end(start: dt.date) -> dt.date:
    """The last day of the assessed year that begins on ``start``."""
    try:
        return start.replace(year=start.year + 1) - dt.timedelta(days=1)
    except ValueError:  # 29 February
        return start.replace(year=start.year + 1, day=28)


def list_staff_records(db: DbFactory, *, actor: Actor | None,
                       now: dt.datetime) -> list[StaffRecord]:
    """Everyone, leavers and people met by imports included: active first, by team and name."""
    require_admin(actor)
    boss = aliased(Staff)
    pending = (select(EnrolmentCode.staff_id, func.max(EnrolmentCode.expires_at).label("expires"))
               .where(EnrolmentCode.used_at.is_(None), EnrolmentCode.revoked_at.is_(None),
                      EnrolmentCode.expires_at > now)
               .group_by(EnrolmentCode.staff_id).subquery())
    query = (select(Staff, Team.name, boss.name, pending.c.expires)
             .outerjoin(Team, Team.id == Staff.team_id)
             .outerjoin(boss, boss.id == Staff.supervisor_id)
             .outerjoin(pending, pending.c.staff_id == Staff.id)
             .order_by(Staff.active.desc(), Team.name.is_(None), Team.name, Staff.name, Staff.id))
    with db() as s:
        return [StaffRecord(st.id, st.name, st.role, st.team_id, team, st.supervisor_id, boss_name,
                            st.asye_start, st.newly_qualified_until, st.active, st.left_at,
                            st.passphrase_hash is not None, expires, st.failed_sign_ins or 0)
                for st, team, boss_name, expires in s.execute(query)]


def team_names(db: DbFactory) -> list[str]:
    with db() as s:
        return list(s.scalars(select(Team.name).order_by(Team.name)))


def find_staff(db: DbFactory, name: str,
               team: str | None = None) -> list[tuple[int, str, str | None]]:
    """(id, name, team) of everyone (active or not) whose folded name (and team) match."""
    query = (select(Staff.id, Staff.name, Team.name).outerjoin(Team, Team.id == Staff.team_id)
             .where(Staff.name_key == fold_name(name)).order_by(Staff.id))
    if team:
        query = query.where(Team.name_key == fold_name(team))
    with db() as s:
        return [(i, n, t) for i, n, t in s.execute(query)]


# -- checks -------------------------------------------------------------------------------

def _clean_name(name: str) -> str:
    cleaned = " ".join(name.split())
    if not cleaned:
        raise InvalidStaffChange(translatable(
                "workbench.staff_admin", "Give the person's name."))
    if len(cleaned) > 200:
        raise InvalidStaffChange(translatable(
                "workbench.staff_admin", "That name is longer than 200 characters; shorten it."))
    return cleaned


def _team_id(s: Session, audit: AuditTrail, actor: Actor | None, team: str | None) -> int | None:
    """The team called ``team`` (made now, and audited, if there is none yet)."""
    if team is None or not team.strip():
        return None
    name = " ".join(team.split())
    found = s.scalar(select(Team.id).where(Team.name_key == fold_name(name)))
    if found is not None:
        return found
    new = Team(name=name, name_key=fold_name(name), created_at=audit.clock())
    s.add(new)
    s.flush()
    audit.record(s, actor_id=actor_id(actor), action="team.added", entity_type="team",
                 entity_id=new.id, details={"name": name})
    return new.id


def _check(s: Session, staff: Staff) -> None:
    """The rules every person's record keeps (see the module docstring)."""
    if staff.role is Role.TEAM_MANAGER and staff.team_id is None:
        raise InvalidStaffChange(translatable(
                "workbench.staff_admin", "%1 is a team manager: give them a team.").arg(staff.name))
    if staff.asye_start is not None and staff.role is not Role.WORKER:
        raise InvalidStaffChange(translatable(
                "workbench.staff_admin", "Only a worker has an assessed year (ASYE): clear its start date, "
                                         "or make them a worker."))
    if staff.supervisor_id is None:
        return
    if staff.supervisor_id == staff.id:
        raise InvalidStaffChange(translatable(
                "workbench.staff_admin", "Nobody supervises themselves: choose someone else."))
    with s.no_autoflush:
        boss = s.get(Staff, staff.supervisor_id)
    if boss is None or not boss.active:
        raise InvalidStaffChange(translatable(
                "workbench.staff_admin", "The supervisor chosen is not an active member of staff: choose a "
                                         "current manager."))
    if staff.role not in RANK or boss.role not in SUPERVISOR_ROLES or RANK[boss.role] <= RANK[staff.role]:
        raise InvalidStaffChange(
            translatable("workbench.staff_admin", "%1 (%2) cannot supervise %3 (%4): a supervisor is a team "
                                                  "manager or practice lead above the person.")
            .arg(boss.name, boss.role.value.replace("_", " "), staff.name,
                 staff.role.value.replace("_", " ")))


def _other_active_admins(s: Session, staff_id: int) -> int:
    return s.scalar(select(func.count()).select_from(Staff).where(
        Staff.role == Role.ADMIN, Staff.active, Staff.id != staff_id)) or 0


def _check_name_free(s: Session, name_key: str, team_id: int | None, staff_id: int | None) -> None:
    query = select(Staff.id).where(Staff.name_key == name_key, Staff.team_id.is_(None) if team_id is None
                                   else Staff.team_id == team_id)
    if staff_id is not None:
        query = query.where(Staff.id != staff_id)
    with s.no_autoflush:  # the changed row is checked before it is written
        clash = s.scalar(query.limit(1))
    if clash is not None:
        raise InvalidStaffChange(translatable(
                "workbench.staff_admin", "Someone of that name is already in that team: edit them instead, "
                                         "or tell the two apart (e.g. add an initial)."))


# -- changes ------------------------------------------------------------------------------

def add_staff(db: DbFactory, audit: AuditTrail, *, actor: Actor | None, name: str,
              role: Role, team: str | None = None, supervisor_id: int | None = None,
              asye_start: dt.date | None = None) -> int:
    """Add an active person (who then needs an enrolment code to sign in); their id."""
    require_admin(actor)
    name, role = _clean_name(name), Role(role)
    with transaction(db) as s:
        team_id = _team_id(s, audit, actor, team)
        _check_name_free(s, fold_name(name), team_id, None)
        staff = Staff(name=name, name_key=fold_name(name), role=role, team_id=team_id,
                      supervisor_id=supervisor_id, asye_start=asye_start,
                      newly_qualified_until=asye_end(asye_start) if asye_start else None,
                      active=True, created_at=audit.clock())
        s.add(staff)
        s.flush()
        _check(s, staff)
        audit.record(s, actor_id=actor_id(actor), action="staff.added", entity_type="staff",
                     entity_id=staff.id, details=_facts(staff))
        return staff.id


def _facts(staff: Staff) -> dict[str, Any]:
    return {"role": staff.role.value, "team_id": staff.team_id, "supervisor_id": staff.supervisor_id,
            "asye_start": staff.asye_start.isoformat() if staff.asye_start else None}


def update_staff(db: DbFactory, audit: AuditTrail, *, actor: Actor | None, staff_id: int,
                 name: str | _Keep = KEEP, role: Role | _Keep = KEEP, team: str | _Keep | None = KEEP,
                 supervisor_id: int | _Keep | None = KEEP,
                 asye_start: dt.date | _Keep | None = KEEP) -> None:
    """Change what is given (KEEP leaves a field as it is); audited with what changed."""
    require_admin(actor)
    with transaction(db) as s:
        staff = s.get(Staff, staff_id)
        if staff is None:
            raise AccessDenied(translatable(
                    "workbench.staff_admin", "There is no such member of staff."))
        before = {"name": staff.name, **_facts(staff)}
        if not isinstance(name, _Keep):
            staff.name = _clean_name(name)
            staff.name_key = fold_name(staff.name)
        if not isinstance(role, _Keep):
            if staff.role is Role.ADMIN and Role(role) is not Role.ADMIN and staff.active \
                    and not _other_active_admins(s, staff_id):
                raise InvalidStaffChange(translatable(
                        "workbench.staff_admin", "%1 is the only admin: make someone else an admin first.")
                        .arg(staff.name))
            staff.role = Role(role)
        if not isinstance(team, _Keep):
            staff.team_id = _team_id(s, audit, actor, team)
        if not isinstance(supervisor_id, _Keep):
            staff.supervisor_id = supervisor_id
        if not isinstance(asye_start, _Keep):
            staff.asye_start = asye_start
            staff.newly_qualified_until = asye_end(asye_start) if asye_start else None
        _check_name_free(s, staff.name_key, staff.team_id, staff_id)
        _check(s, staff)
        after = {"name": staff.name, **_facts(staff)}
        changed = {k: after[k] for k in after if after[k] != before[k]}
        if not changed:
            return
        # People they supervise must still be below them.
        for person in s.scalars(select(Staff).where(Staff.supervisor_id == staff_id, Staff.active)):
            _check(s, person)
        audit.record(s, actor_id=actor_id(actor), action="staff.changed", entity_type="staff",
                     entity_id=staff_id, details={"changed": sorted(changed), **(
                         {} if "name" not in changed else {"name_changed": True})})


def deactivate_staff(db: DbFactory, audit: AuditTrail, *, actor: Actor | None,
                     staff_id: int, clock: Clock | None = None) -> None:
    """A leaver: they can no longer sign in; their records stay; unused codes stop working."""
    require_admin(actor)
    now = (clock or audit.clock)()
    with transaction(db) as s:
        staff = s.get(Staff, staff_id)
        if staff is None:
            raise AccessDenied(translatable(
                    "workbench.staff_admin", "There is no such member of staff."))
        if actor is not None and actor.staff_id == staff_id:
            raise InvalidStaffChange(translatable(
                    "workbench.staff_admin", "You cannot make yourself a leaver: ask another admin."))
        if staff.role is Role.ADMIN and staff.active and not _other_active_admins(s, staff_id):
            raise InvalidStaffChange(translatable(
                    "workbench.staff_admin", "%1 is the only admin: make someone else an admin first.")
                    .arg(staff.name))
        if not staff.active and staff.left_at is not None:
            return
        staff.active = False
        staff.left_at = now
        revoke_codes(s, staff_id, now)
        supervised = list(s.scalars(select(Staff).where(Staff.supervisor_id == staff_id)))
        for person in supervised:
            person.supervisor_id = None
        audit.record(s, actor_id=actor_id(actor), action="staff.deactivated", entity_type="staff",
                     entity_id=staff_id, details={"supervisor_cleared_for": [p.id for p in supervised]})


def activate_staff(db: DbFactory, audit: AuditTrail, *, actor: Actor | None,
                   staff_id: int) -> None:
    """Add someone met by an import (or bring back a leaver); they then need an enrolment code."""
    require_admin(actor)
    with transaction(db) as s:
        staff = s.get(Staff, staff_id)
        if staff is None:
            raise AccessDenied(translatable(
                    "workbench.staff_admin", "There is no such member of staff."))
        if staff.active:
            return
        staff.active = True
        returning = staff.left_at is not None
        staff.left_at = None
        audit.record(s, actor_id=actor_id(actor), action="staff.activated", entity_type="staff",
                     entity_id=staff_id, details={"returning": returning})
