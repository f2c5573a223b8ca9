"""A real team from an empty database: the first-run setup and one-time enrolment codes.

- **Setup** (:func:`set_up_organisation`): on a database where nobody can sign in yet, whoever
  holds it names the organisation and creates its first admin, with their passphrase. Once
  only: the organisation table holds one row, and setup refuses a database that has one or
  that already has someone who can sign in.
- **Enrolment** (:func:`issue_enrolment_code`, :func:`enrol_with_code`): an admin issues a
  person a random one-time code (shown once, kept only as its SHA-256, expiring after
  :data:`CODE_LIFETIME`); the person picks themselves at sign-in, types the code and chooses
  their passphrase. Issuing a code to someone who has a passphrase resets it: the old one
  stops working at once. A wrong code counts towards the sign-in lockout like a wrong
  passphrase. Every step is audited; the code itself never is.

Hook for signing identities: :func:`enrol_with_code` takes ``on_enrolled(actor, passphrase)``,
called after the enrolment is committed, e.g. to issue the person's signing identity
protected by the passphrase they just chose.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets as _random
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import exists, select
from sqlalchemy.orm import Session

from db.engine import DbFactory, transaction
from db.enums import Role
from db.models import EnrolmentCode, Organisation, Staff
from workbench.access import AccessDenied, Actor, actor_id, require_admin
from workbench.audit import AuditTrail
from workbench.clock import Clock
from workbench.keys import Passphrase, ScryptCost
from workbench.messages import Message, translatable
from workbench.names import fold_name
from workbench.signin import (
    _after_failure,
    _attempting,
    _hold_back,
    _record_failure,
    check_strength,
    hash_passphrase,
)

#: How long an enrolment code can be used after it is issued.
CODE_LIFETIME = dt.timedelta(hours=72)
# 31 letters and digits, none easily mistaken for another (no 0/O, 1/I/L); 16 of them: 79 bits.
_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
_CODE_LENGTH = 16
_HASH_PREFIX = "sha256$"


class AlreadySetUp(AccessDenied):
    """Setup runs once, on a database nobody can sign in to yet."""


class WrongCode(AccessDenied):
    """The enrolment code is wrong, used, replaced or expired; the message says which."""


@dataclass(frozen=True, repr=False)
class IssuedCode:
    """A code just issued: show ``code`` to the admin once, then forget it."""

    staff_id: int
    name: str
    code: str
    expires_at: dt.datetime
    reset: bool  # the person had a passphrase, which no longer works

    def __repr__(self) -> str:
        return f"IssuedCode({self.staff_id}, {self.name!r}, expires_at={self.expires_at})"


# -- setup --------------------------------------------------------------------------------

def needs_setup(db: DbFactory) -> bool:
    """Whether this database is new: no organisation yet and nobody who can sign in."""
    with db() as s:
        if s.scalar(select(exists().where(Organisation.id.is_not(None)))):
            return False
        return not s.scalar(select(exists().where(Staff.active, Staff.passphrase_hash.is_not(None))))


def has_nobody(db: DbFactory) -> bool:
    """Whether no member of staff exists at all (the demo team is still to be added)."""
    with db() as s:
        return s.scalars(select(Staff.id).limit(1)).first() is None


def organisation_name(db: DbFactory) -> str | None:
    with db() as s:
        return s.scalar(select(Organisation.name))


def set_up_organisation(db: DbFactory, audit: AuditTrail, *, organisation: str,
                        admin_name: str, passphrase: Passphrase,
                        cost: ScryptCost | None = None) -> Actor:
    """Name the organisation and create its first admin with ``passphrase`` (once only).

    Returns the admin, who then signs in as anyone does (:func:`workbench.signin.sign_in`).
    """
    organisation, admin_name = " ".join(organisation.split()), " ".join(admin_name.split())
    if not organisation:
        raise ValueError("Give the organisation's name (e.g. the council's children's services).")
    if not admin_name:
        raise ValueError("Give the first admin's name: the person who will enrol everyone else.")
    check_strength(passphrase)
    hashed = hash_passphrase(passphrase, cost)
    if not needs_setup(db):
        raise AlreadySetUp(translatable(
                "workbench.enrolment", "This database is already set up: sign in, and ask one of its admins "
                                       "to enrol you."))
    now = audit.clock()
    with transaction(db) as s:
        if s.get(Organisation, 1) is not None:
            raise AlreadySetUp(translatable(
                    "workbench.enrolment", "This database is already set up: sign in, and ask one of its "
                                           "admins to enrol you."))
        s.add(Organisation(id=1, name=organisation, created_at=now))
        admin = Staff(name=admin_name, name_key=fold_name(admin_name), role=Role.ADMIN, team_id=None,
                      active=True, passphrase_hash=hashed, created_at=now)
        s.add(admin)
        s.flush()
        audit.record(s, actor_id=admin.id, action="organisation.set_up", entity_type="organisation",
                     entity_id=1, details={"name": organisation})
        audit.record(s, actor_id=admin.id, action="staff.added", entity_type="staff",
                     entity_id=admin.id, details={"role": Role.ADMIN.value, "first_admin": True})
        audit.record(s, actor_id=admin.id, action="staff.passphrase_set", entity_type="staff",
                     entity_id=admin.id, details={"first": True})
        return Actor.of(admin)


# -- codes --------------------------------------------------------------------------------

def _normalise(code: str) -> str:
    return "".join(ch for ch in code.upper() if ch.isalnum())


def _hash_code(code: str) -> str:
    return _HASH_PREFIX + hashlib.sha256(_normalise(code).encode("ascii", "replace")).hexdigest()


def new_code() -> str:
    """A random code, in groups of four: ``K7QM-2XPD-9RTA-HW3F``."""
    chars = "".join(_random.choice(_ALPHABET) for _ in range(_CODE_LENGTH))
    return "-".join(chars[i:i + 4] for i in range(0, _CODE_LENGTH, 4))


def issue_enrolment_code(db: DbFactory, audit: AuditTrail, *, actor: Actor | None,
                         staff_id: int, lifetime: dt.timedelta = CODE_LIFETIME,
                         clock: Clock | None = None) -> IssuedCode:
    """An admin issues ``staff_id`` a one-time code (replacing any earlier unused one).

    If the person has a passphrase it is reset: it stops working now, and they choose a new
    one with the code. Their count of wrong attempts is cleared too.
    """
    require_admin(actor)
    now = (clock or audit.clock)()
    code = new_code()
    with transaction(db) as s:
        staff = s.get(Staff, staff_id)
        if staff is None:
            raise AccessDenied(translatable(
                    "workbench.enrolment", "There is no such member of staff."))
        if not staff.active:
            raise AccessDenied(translatable(
                    "workbench.enrolment", "%1 is not active (a leaver, or met by an import and not yet "
                                           "added): activate them first, then issue the code.")
                    .arg(staff.name))
        _revoke_unused(s, staff_id, now)
        reset = staff.passphrase_hash is not None
        staff.passphrase_hash = None
        staff.failed_sign_ins = 0
        staff.last_failed_sign_in_at = None
        expires = now + lifetime
        s.add(EnrolmentCode(staff_id=staff_id, code_hash=_hash_code(code), issued_by=actor_id(actor),
                            issued_at=now, expires_at=expires))
        audit.record(s, actor_id=actor_id(actor), action="staff.enrolment_code_issued",
                     entity_type="staff", entity_id=staff_id,
                     details={"expires_at": expires.isoformat(), "reset": reset})
        return IssuedCode(staff_id, staff.name, code, expires, reset)


def _revoke_unused(s: Session, staff_id: int, now: dt.datetime) -> None:
    for old in s.scalars(select(EnrolmentCode).where(EnrolmentCode.staff_id == staff_id,
                                                     EnrolmentCode.used_at.is_(None),
                                                     EnrolmentCode.revoked_at.is_(None))):
        old.revoked_at = now


def revoke_codes(s: Session, staff_id: int, now: dt.datetime) -> None:
    """Unused codes of ``staff_id`` stop working (a leaver), in the caller's transaction."""
    _revoke_unused(s, staff_id, now)


def enrol_with_code(db: DbFactory, audit: AuditTrail, *, staff_id: int, code: str,
                    passphrase: Passphrase, cost: ScryptCost | None = None,
                    clock: Clock | None = None,
                    on_enrolled: Callable[[Actor, Passphrase], None] | None = None) -> Actor:
    """``staff_id`` uses their code to choose ``passphrase``, and is signed in with it.

    The code works once, before it expires, and only for the person it was issued to. A
    wrong code counts towards the lockout (see :func:`workbench.signin.sign_in`).
    """
    check_strength(passphrase)
    now = (clock or audit.clock)()
    who = _attempting(db, audit, staff_id, "enrol")
    _hold_back(db, audit, who, now, "enrol")
    actor = who.actor
    wanted = _hash_code(code)
    with db() as s:
        candidates = list(s.execute(select(EnrolmentCode.id, EnrolmentCode.code_hash,
                                           EnrolmentCode.expires_at, EnrolmentCode.used_at,
                                           EnrolmentCode.revoked_at)
                                    .where(EnrolmentCode.staff_id == staff_id)))
    match = next((row for row in candidates if _random.compare_digest(row.code_hash, wanted)), None)
    problem: Message | None = None
    if match is None:
        problem, reason = translatable("workbench.enrolment", "That is not the enrolment code issued to %1. "
                                                              "Check it (letters and digits; dashes do not "
                                                              "matter).").arg(actor.label), "wrong"
    elif match.used_at is not None:
        problem, reason = translatable("workbench.enrolment", "That enrolment code has been used already: "
                                                              "ask an admin for a new one."), "used"
    elif match.revoked_at is not None:
        problem, reason = translatable("workbench.enrolment", "That enrolment code was replaced by a newer "
                                                              "one: use the newest."), "replaced"
    elif now >= match.expires_at:
        problem, reason = translatable("workbench.enrolment", "That enrolment code has expired: ask an "
                                                              "admin for a new one."), "expired"
    if problem is not None:
        with transaction(db) as s:
            failures = _record_failure(s, staff_id, now)
            audit.record(s, actor_id=staff_id, action="enrol.failed", entity_type="staff",
                         entity_id=staff_id, details={"reason": reason, "failures": failures})
        raise WrongCode(_after_failure(problem, actor.label, failures, now))
    assert match is not None
    hashed = hash_passphrase(passphrase, cost)
    with transaction(db) as s:
        row = s.get_one(EnrolmentCode, match.id, with_for_update=True)
        if row.used_at is not None or row.revoked_at is not None:  # raced another use
            raise WrongCode(translatable(
                    "workbench.enrolment", "That enrolment code has been used already: ask an admin for a "
                                           "new one."))
        row.used_at = now
        staff = s.get_one(Staff, staff_id)
        staff.passphrase_hash = hashed
        staff.failed_sign_ins = 0
        staff.last_failed_sign_in_at = None
        audit.record(s, actor_id=staff_id, action="staff.enrolled", entity_type="staff",
                     entity_id=staff_id, details={"code": match.id})
        audit.record(s, actor_id=staff_id, action="sign_in", entity_type="staff", entity_id=staff_id,
                     details={"enrolled": True})
    if on_enrolled is not None:
        on_enrolled(actor, passphrase)
    return actor
