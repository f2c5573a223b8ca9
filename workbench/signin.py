"""Signing in: the database is unlocked once (keyring or database passphrase); then each person
picks who they are and signs in with their own passphrase, checked against a scrypt hash
stored on their staff row. The app locks itself after an idle time (:mod:`workbench.idle`)
and the same check unlocks it. Someone who has no passphrase yet (staff added by a caseload
import) chooses one the first time they sign in (:func:`choose_first_passphrase`): the
database is already unlocked by then, so whoever does it already holds the data's key.

A person may let the keyring remember their passphrase on their own computer
(:func:`remember_passphrase`); sign-in then needs no typing, and the hash check still runs.
"""

from __future__ import annotations

import base64
import os
import secrets as _random
from dataclasses import dataclass

from sqlalchemy import select

from db.engine import SessionFactory, transaction
from db.enums import Role
from db.models import Staff, Team
from workbench.access import AccessDenied, Actor, actor_id, require_self_or_admin
from workbench.audit import AuditTrail
from workbench.errors import PassphraseRequired, WrongPassphrase
from workbench.keys import Passphrase, ScryptCost
from workbench.secrets import NoSecureKeyring, SecretStore

MIN_PASSPHRASE_LENGTH = 8
_SCHEME = "scrypt"


class WeakPassphrase(ValueError):
    """The passphrase is too short or too plain; the message says what is needed."""


class NotSetUp(AccessDenied):
    """This person has no passphrase yet."""


@dataclass(frozen=True)
class Person:
    """Someone who may sign in, as the sign-in list shows them (no secret in here)."""

    staff_id: int
    name: str
    role: Role
    team_name: str | None
    has_passphrase: bool


def people_to_sign_in(sessions: SessionFactory) -> list[Person]:
    """Every active member of staff, by team then name (those with no team last)."""
    with sessions() as s:
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
            f"A passphrase needs at least {MIN_PASSPHRASE_LENGTH} characters; a few ordinary "
            "words in a row are easy to remember and hard to guess."
        )
    if len(set(text)) < 4:
        raise WeakPassphrase("That passphrase repeats too few characters; use a few ordinary words.")


def set_passphrase(sessions: SessionFactory, audit: AuditTrail, *, actor: Actor | None,
                   staff_id: int, passphrase: Passphrase, cost: ScryptCost | None = None) -> None:
    """Set (or reset) ``staff_id``'s sign-in passphrase: themselves, an admin, or the system."""
    require_self_or_admin(actor, staff_id)
    check_strength(passphrase)
    hashed = hash_passphrase(passphrase, cost)
    with transaction(sessions) as s:
        staff = s.get(Staff, staff_id)
        if staff is None:
            raise AccessDenied("There is no such member of staff.")
        staff.passphrase_hash = hashed
        audit.record(s, actor_id=actor_id(actor), action="staff.passphrase_set",
                     entity_type="staff", entity_id=staff_id)


def sign_in(sessions: SessionFactory, audit: AuditTrail, *, staff_id: int,
            passphrase: Passphrase | None) -> Actor:
    """Check ``staff_id``'s passphrase and return who is now at the keyboard.

    A wrong passphrase raises WrongPassphrase (and the failed attempt is audited); nothing
    else changes.
    """
    if not passphrase:
        raise PassphraseRequired("Enter your passphrase to sign in.")
    with sessions() as s:
        staff = s.get(Staff, staff_id)
        if staff is None or not staff.active:
            raise AccessDenied("This person is not an active member of staff; ask an admin.")
        stored, actor = staff.passphrase_hash, Actor.of(staff)
    if stored is None:
        raise NotSetUp(f"{actor.label} has no passphrase yet: ask an admin to set one.")
    ok = passphrase_matches(stored, passphrase)
    with transaction(sessions) as s:
        audit.record(s, actor_id=staff_id, action="sign_in" if ok else "sign_in.failed",
                     entity_type="staff", entity_id=staff_id)
    if not ok:
        raise WrongPassphrase(
            f"That is not {actor.label}'s passphrase. Check it (and the keyboard's Caps Lock) "
            "and try again."
        )
    return actor


def choose_first_passphrase(sessions: SessionFactory, audit: AuditTrail, *, staff_id: int,
                            passphrase: Passphrase, cost: ScryptCost | None = None) -> Actor:
    """Someone who has no passphrase yet chooses one, and is signed in with it.

    Only the first time: once a passphrase is set, only its owner or an admin changes it
    (:func:`set_passphrase`). Both steps are audited in one transaction.
    """
    check_strength(passphrase)
    hashed = hash_passphrase(passphrase, cost)
    with transaction(sessions) as s:
        staff = s.get(Staff, staff_id)
        if staff is None or not staff.active:
            raise AccessDenied("This person is not an active member of staff; ask an admin.")
        actor = Actor.of(staff)
        if staff.passphrase_hash is not None:
            raise AccessDenied(f"{actor.label} already has a passphrase: sign in with it, or ask an "
                               "admin to reset it.")
        staff.passphrase_hash = hashed
        audit.record(s, actor_id=staff_id, action="staff.passphrase_set", entity_type="staff",
                     entity_id=staff_id, details={"first": True})
        audit.record(s, actor_id=staff_id, action="sign_in", entity_type="staff", entity_id=staff_id)
    return actor


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
