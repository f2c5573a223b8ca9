"""Signing in: the database is unlocked once (keyring or database passphrase); then each person
picks who they are and signs in with their own passphrase, checked against a scrypt hash
stored on their staff row. The app locks itself after an idle time (:mod:`workbench.idle`)
and the same check unlocks it. Nobody chooses a first passphrase by being first: an admin
issues a one-time enrolment code and the person chooses their passphrase with it
(:mod:`workbench.enrolment`). Wrong attempts in a row slow the next ones and then lock the
person until an admin unlocks them (:func:`sign_in`, :func:`unlock`).

A person may let the keyring remember their passphrase on their own computer
(:func:`remember_passphrase`); sign-in then needs no typing, and the hash check still runs.
"""

from __future__ import annotations

import base64
import datetime as dt
import logging
import os
import secrets as _random
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.engine import DbFactory, transaction
from db.enums import Role
from db.models import Staff, Team
from workbench.access import AccessDenied, Actor, actor_id, require_admin, require_self_or_admin
from workbench.audit import AuditTrail
from workbench.clock import Clock
from workbench.errors import PassphraseRequired, WrongPassphrase
from workbench.keys import Passphrase, ScryptCost
from workbench.messages import Message, translatable
from workbench.secrets import NoSecureKeyring, SecretStore

MIN_PASSPHRASE_LENGTH = 8
_SCHEME = "scrypt"


log = logging.getLogger(__name__)


class WeakPassphrase(ValueError):
    """The passphrase is too short or too plain; the message says what is needed."""


class NotSetUp(AccessDenied):
    """This person has no passphrase yet: they need an enrolment code from an admin."""


@dataclass(frozen=True)
class Person:
    """Someone who may sign in, as the sign-in list shows them (no secret in here)."""

    staff_id: int
    name: str
    role: Role
    team_name: str | None
    has_passphrase: bool


def people_to_sign_in(db: DbFactory) -> list[Person]:
    """Every active member of staff, by team then name (those with no team last)."""
    with db() as s:
        rows = s.execute(
            select(Staff.id, Staff.name, Staff.role, Team.name, Staff.passphrase_hash.is_not(None))
            .outerjoin(Team, Team.id == Staff.team_id)
            .where(Staff.active)
            .order_by(Team.name.is_(None), Team.name, Staff.name, Staff.id))
        return [Person(staff_id, name, role, team, bool(has)) for staff_id, name, role, team, has in rows]


def hash_passphrase(passphrase: Passphrase, cost: ScryptCost | None = None, *,
                    salt: bytes | None = None) -> str:
    """``scrypt$n$r$p$salt$hash`` (base64), for the staff row.

    The salt is random unless given (only the synthetic demo team, whose passphrase is
    published, passes a fixed one so that two demo builds are identical).
    """
    cost = cost or ScryptCost()
    salt = os.urandom(16) if salt is None else salt
    digest = cost.derive(passphrase, salt)
    return "$".join([_SCHEME, str(cost.n), str(cost.r), str(cost.p),
                     base64.b64encode(salt).decode(), base64.b64encode(digest).decode()])


def passphrase_matches(stored: str, passphrase: Passphrase) -> bool:
    """Whether ``passphrase`` gives ``stored``'s hash (constant-time comparison)."""
    try:
        scheme, n, r, p, salt, digest = stored.split("$")
        if scheme != _SCHEME:
            return False
        cost = ScryptCost(int(n), int(r), int(p))
        expected = base64.b64decode(digest)
        actual = cost.derive(passphrase, base64.b64decode(salt))
    except ValueError:
        return False
    return _random.compare_digest(actual, expected)


def check_strength(passphrase: Passphrase) -> None:
    text = passphrase.reveal()
    if len(text) < MIN_PASSPHRASE_LENGTH:
        raise WeakPassphrase(
            translatable("workbench.signin", "A passphrase needs at least %1 characters; a few ordinary "
                                             "words in a row are easy to remember and hard to guess.")
            .arg(MIN_PASSPHRASE_LENGTH)
        )
    if len(set(text)) < 4:
        raise WeakPassphrase(translatable("workbench.signin", "That passphrase repeats too few characters; "
                                                              "use a few ordinary words."))


def set_passphrase(db: DbFactory, audit: AuditTrail, *, actor: Actor | None,
                   staff_id: int, passphrase: Passphrase, cost: ScryptCost | None = None) -> None:
    """Set (or reset) ``staff_id``'s sign-in passphrase: themselves, an admin, or the system."""
    require_self_or_admin(actor, staff_id)
    check_strength(passphrase)
    hashed = hash_passphrase(passphrase, cost)
    with transaction(db) as s:
        staff = s.get(Staff, staff_id)
        if staff is None:
            raise AccessDenied(translatable(
                    "workbench.signin", "There is no such member of staff."))
        staff.passphrase_hash = hashed
        audit.record(s, actor_id=actor_id(actor), action="staff.passphrase_set",
                     entity_type="staff", entity_id=staff_id)


# -- lockout ------------------------------------------------------------------------------
#: Wrong passphrases (or enrolment codes) in a row before each further try must wait.
FREE_ATTEMPTS = 5
#: Wrong attempts in a row after which only an admin can let the person try again.
LOCK_AFTER = 10
#: The wait after the FREE_ATTEMPTS-th wrong attempt; it doubles with each one after.
FIRST_DELAY = dt.timedelta(seconds=30)


class TooSoon(AccessDenied):
    """Too many wrong attempts: the next may be made at ``retry_at``."""

    def __init__(self, message: str, retry_at: dt.datetime) -> None:
        super().__init__(message)
        self.retry_at = retry_at


class Locked(AccessDenied):
    """Too many wrong attempts: an admin must unlock this person (``workbench staff unlock``)."""


def retry_delay(failures: int) -> dt.timedelta | None:
    """How long after the last wrong attempt the next may be made (None: no wait)."""
    if failures < FREE_ATTEMPTS:
        return None
    return FIRST_DELAY * (1 << (failures - FREE_ATTEMPTS))


def _when(moment: dt.datetime, now: dt.datetime) -> str:
    seconds = max(1, int((moment - now).total_seconds() + 0.999))
    wait = f"{seconds} seconds" if seconds < 120 else f"{(seconds + 59) // 60} minutes"
    return f"in {wait} (at {moment.astimezone():%H:%M:%S})"


def _locked_message(label: str) -> Message:
    return translatable("workbench.signin", "%1 has been locked after %2 wrong attempts. Ask an admin to "
                                            "unlock you (Admin screen, or `workbench staff unlock`).").arg(
        label, LOCK_AFTER)


def _hold_back(db: DbFactory, audit: AuditTrail, staff: _Attempting,
               now: dt.datetime, action: str) -> None:
    """Refuse (and audit) an attempt made while locked or before the wait has passed."""
    reason: str | None = None
    error: AccessDenied | None = None
    if staff.failures >= LOCK_AFTER:
        reason, error = "locked", Locked(_locked_message(staff.actor.label))
    else:
        delay = retry_delay(staff.failures)
        if delay is not None and staff.last_failure is not None and now < staff.last_failure + delay:
            retry_at = staff.last_failure + delay
            reason = "too_soon"
            error = TooSoon(translatable("workbench.signin", "Too many wrong attempts for %1. Try again %2.")
                            .arg(staff.actor.label, _when(retry_at, now)), retry_at)
    if error is None:
        return
    with transaction(db) as s:
        audit.record(s, actor_id=staff.actor.staff_id, action=f"{action}.refused",
                     entity_type="staff", entity_id=staff.actor.staff_id, details={"reason": reason})
    raise error


def _record_failure(s: Session, staff_id: int, now: dt.datetime) -> int:
    """Count one more wrong attempt; the count after it."""
    staff = s.get_one(Staff, staff_id, with_for_update=True)
    staff.failed_sign_ins = (staff.failed_sign_ins or 0) + 1
    staff.last_failed_sign_in_at = now
    return staff.failed_sign_ins


def _after_failure(problem: Message, label: str, failures: int, now: dt.datetime) -> Message:
    """``problem``, then what the wrong attempts so far mean (locked, or a wait) if anything."""
    if failures >= LOCK_AFTER:
        after = _locked_message(label)
    else:
        delay = retry_delay(failures)
        if delay is None:
            return problem
        after = translatable("workbench.signin", "After %1 wrong attempts, the next can be made %2.").arg(
            failures, _when(now + delay, now))
    return translatable("workbench.signin", "%1 %2").arg(problem, after)


@dataclass(frozen=True)
class _Attempting:
    actor: Actor
    stored: str | None
    failures: int
    last_failure: dt.datetime | None


def _attempting(db: DbFactory, audit: AuditTrail, staff_id: int, action: str) -> _Attempting:
    with db() as s:
        staff = s.get(Staff, staff_id)
        if staff is not None and staff.active:
            return _Attempting(Actor.of(staff), staff.passphrase_hash, staff.failed_sign_ins or 0,
                               staff.last_failed_sign_in_at)
        known = staff is not None
    if known:
        with transaction(db) as s:
            audit.record(s, actor_id=staff_id, action=f"{action}.refused", entity_type="staff",
                         entity_id=staff_id, details={"reason": "inactive"})
    raise AccessDenied(translatable("workbench.signin", "This person is not an active member of staff; ask "
                                                        "an admin."))


def sign_in(db: DbFactory, audit: AuditTrail, *, staff_id: int,
            passphrase: Passphrase | None, clock: Clock | None = None) -> Actor:
    """Check ``staff_id``'s passphrase and return who is now at the keyboard.

    Every attempt is audited. A wrong passphrase raises WrongPassphrase and counts towards
    the lockout: from the FREE_ATTEMPTS-th wrong one in a row each further try must wait
    (TooSoon, saying when), and after LOCK_AFTER only an admin can unlock (Locked). A right
    one clears the count. ``clock`` defaults to the audit trail's.
    """
    if not passphrase:
        raise PassphraseRequired(translatable(
                "workbench.signin", "Enter your passphrase to sign in."))
    now = (clock or audit.clock)()
    who = _attempting(db, audit, staff_id, "sign_in")
    _hold_back(db, audit, who, now, "sign_in")
    actor = who.actor
    if who.stored is None:
        raise NotSetUp(translatable("workbench.signin", "%1 has no passphrase yet: ask an admin for an "
                                                        "enrolment code, then choose your passphrase with it "
                                                        "here.").arg(actor.label))
    ok = passphrase_matches(who.stored, passphrase)
    with transaction(db) as s:
        failures = 0
        if ok:
            staff = s.get_one(Staff, staff_id)
            if staff.failed_sign_ins:
                staff.failed_sign_ins = 0
        else:
            failures = _record_failure(s, staff_id, now)
        audit.record(s, actor_id=staff_id, action="sign_in" if ok else "sign_in.failed",
                     entity_type="staff", entity_id=staff_id,
                     details={} if ok else {"failures": failures})
    log.info("sign-in by staff %d: %s", staff_id,
             "accepted" if ok else f"wrong passphrase ({failures} in a row)")
    if not ok:
        wrong = translatable("workbench.signin", "That is not %1's passphrase. Check it (and the keyboard's "
                                                 "Caps Lock) and try again.").arg(actor.label)
        raise WrongPassphrase(_after_failure(wrong, actor.label, failures, now))
    return actor


def record_sign_out(db: DbFactory, audit: AuditTrail, *, staff_id: int) -> None:
    """The audit event for ``staff_id`` signing out (or switching user)."""
    with transaction(db) as s:
        audit.record(s, actor_id=staff_id, action="sign_out", entity_type="staff", entity_id=staff_id)


def unlock(db: DbFactory, audit: AuditTrail, *, actor: Actor | None, staff_id: int) -> None:
    """An admin lets a locked-out person try again (clears their count of wrong attempts)."""
    require_admin(actor)
    with transaction(db) as s:
        staff = s.get(Staff, staff_id)
        if staff is None:
            raise AccessDenied(translatable(
                    "workbench.signin", "There is no such member of staff."))
        before = staff.failed_sign_ins
        staff.failed_sign_ins = 0
        staff.last_failed_sign_in_at = None
        audit.record(s, actor_id=actor_id(actor), action="staff.unlocked", entity_type="staff",
                     entity_id=staff_id, details={"failures": before})


def _memory_entry(scope: str, staff_id: int) -> str:
    return f"sign-in:{scope}:{staff_id}"


def remember_passphrase(secrets: SecretStore, scope: str, staff_id: int,
                        passphrase: Passphrase) -> None:
    """Keep the passphrase in this computer's keyring (raises NoSecureKeyring if none).

    ``scope`` names the database (e.g. its key file's key_id or the server URL).
    """
    secrets.set(_memory_entry(scope, staff_id), passphrase.reveal())


def remembered_passphrase(secrets: SecretStore, scope: str, staff_id: int) -> Passphrase | None:
    """The passphrase the keyring remembers for this person, or None."""
    try:
        text = secrets.get(_memory_entry(scope, staff_id))
    except NoSecureKeyring:
        return None
    return Passphrase(text) if text else None


def forget_passphrase(secrets: SecretStore, scope: str, staff_id: int) -> None:
    secrets.delete(_memory_entry(scope, staff_id))
