"""Signing in with one's own passphrase, remembering it in the keyring, and the idle lock."""

from __future__ import annotations

import datetime as dt

import pytest
from keyring.backends.fail import Keyring as FailKeyring
from sqlalchemy import select

from db.engine import DbFactory
from db.enums import Role
from db.models import AuditEvent, Staff
from tests.conftest import FixedClock
from tests.workbench.security.conftest import TwoTeams
from workbench.access import AccessDenied, Actor
from workbench.audit import AuditTrail
from workbench.errors import PassphraseRequired, WrongPassphrase
from workbench.idle import IdleLock
from workbench.keys import Passphrase, ScryptCost
from workbench.secrets import SecretStore
from workbench.signin import (
    NotSetUp,
    WeakPassphrase,
    forget_passphrase,
    remember_passphrase,
    remembered_passphrase,
    set_passphrase,
    sign_in,
)

WES_PASSPHRASE = Passphrase("kettle on the windowsill")


@pytest.fixture
def audit(clock: FixedClock) -> AuditTrail:
    return AuditTrail(clock, key=b"a" * 32)


def _actions(db: DbFactory) -> list[str]:
    with db() as s:
        return list(s.scalars(select(AuditEvent.action).order_by(AuditEvent.id)))


def test_a_person_signs_in_with_their_own_passphrase(
    db: DbFactory, teams: TwoTeams, audit: AuditTrail, cheap_cost: ScryptCost
) -> None:
    set_passphrase(db, audit, actor=None, staff_id=teams.wes, passphrase=WES_PASSPHRASE,
                   cost=cheap_cost)
    with db() as s:
        stored = s.get_one(Staff, teams.wes).passphrase_hash
    assert stored is not None
    assert stored.startswith("scrypt$1024$8$1$")
    assert WES_PASSPHRASE.reveal() not in stored

    actor = sign_in(db, audit, staff_id=teams.wes, passphrase=WES_PASSPHRASE)
    assert actor == Actor(teams.wes, Role.WORKER, teams.north, "Wes")
    assert _actions(db)[-1] == "sign_in"


def test_a_wrong_passphrase_is_refused_audited_and_changes_nothing(
    db: DbFactory, teams: TwoTeams, audit: AuditTrail, cheap_cost: ScryptCost
) -> None:
    for staff_id, phrase in ((teams.wes, WES_PASSPHRASE), (teams.wyn, Passphrase("wyn's own words"))):
        set_passphrase(db, audit, actor=None, staff_id=staff_id, passphrase=phrase,
                       cost=cheap_cost)
    with db() as s:
        before = s.get_one(Staff, teams.wes).passphrase_hash
    with pytest.raises(WrongPassphrase, match="not Wes's passphrase"):
        sign_in(db, audit, staff_id=teams.wes, passphrase=Passphrase("kettle on the table"))
    with pytest.raises(WrongPassphrase):  # someone else's passphrase does not work either
        sign_in(db, audit, staff_id=teams.wyn, passphrase=WES_PASSPHRASE)
    with pytest.raises(PassphraseRequired):
        sign_in(db, audit, staff_id=teams.wes, passphrase=None)
    with db() as s:
        assert s.get_one(Staff, teams.wes).passphrase_hash == before
    assert _actions(db)[-1] == "sign_in.failed"


def test_someone_without_a_passphrase_is_told_to_ask_an_admin(
    db: DbFactory, teams: TwoTeams, audit: AuditTrail
) -> None:
    with pytest.raises(NotSetUp, match="ask an admin"):
        sign_in(db, audit, staff_id=teams.wyn, passphrase=Passphrase("anything at all"))


def test_only_the_person_or_an_admin_sets_a_passphrase_and_it_must_be_long_enough(
    db: DbFactory, teams: TwoTeams, audit: AuditTrail, cheap_cost: ScryptCost
) -> None:
    wes = Actor(teams.wes, Role.WORKER, teams.north, "Wes")
    nia = Actor(teams.nia, Role.TEAM_MANAGER, teams.north, "Nia")
    admin = Actor(teams.admin, Role.ADMIN, None, "Ada")
    with pytest.raises(AccessDenied, match="only your own"):
        set_passphrase(db, audit, actor=nia, staff_id=teams.wes,
                       passphrase=WES_PASSPHRASE, cost=cheap_cost)
    with pytest.raises(WeakPassphrase, match="at least 8"):
        set_passphrase(db, audit, actor=wes, staff_id=teams.wes,
                       passphrase=Passphrase("short"), cost=cheap_cost)
    set_passphrase(db, audit, actor=wes, staff_id=teams.wes,
                   passphrase=WES_PASSPHRASE, cost=cheap_cost)
    set_passphrase(db, audit, actor=admin, staff_id=teams.wyn,
                   passphrase=Passphrase("reset by the admin"), cost=cheap_cost)
    assert _actions(db) == ["staff.passphrase_set"] * 2


def test_the_keyring_can_remember_a_persons_passphrase(
    db: DbFactory, teams: TwoTeams, audit: AuditTrail, cheap_cost: ScryptCost
) -> None:
    set_passphrase(db, audit, actor=None, staff_id=teams.wes, passphrase=WES_PASSPHRASE,
                   cost=cheap_cost)
    store = SecretStore()
    assert remembered_passphrase(store, "db-1", teams.wes) is None
    remember_passphrase(store, "db-1", teams.wes, WES_PASSPHRASE)
    remembered = remembered_passphrase(store, "db-1", teams.wes)
    assert sign_in(db, audit, staff_id=teams.wes, passphrase=remembered).staff_id == teams.wes
    forget_passphrase(store, "db-1", teams.wes)
    assert remembered_passphrase(store, "db-1", teams.wes) is None
    assert remembered_passphrase(SecretStore(FailKeyring()), "db-1", teams.wes) is None


def test_the_idle_lock_falls_after_the_idle_time_and_activity_holds_it_off(clock: FixedClock) -> None:
    lock = IdleLock(clock, idle_minutes=15)
    assert lock.time_left() == dt.timedelta(minutes=15)
    clock.advance(minutes=14)
    assert not lock.check()
    lock.activity()
    clock.advance(minutes=14)
    assert not lock.check()
    assert lock.time_left() == dt.timedelta(minutes=1)
    clock.advance(minutes=1)
    assert lock.check()
    assert lock.time_left() == dt.timedelta(0)


def test_activity_after_the_time_ran_out_does_not_reopen_it(clock: FixedClock) -> None:
    lock = IdleLock(clock, idle_minutes=5)
    clock.advance(minutes=6)
    lock.activity()  # a key press arriving after the deadline, before the timer fired
    assert lock.locked
    clock.advance(minutes=1)
    lock.activity()
    assert lock.check()
    lock.unlock()
    assert not lock.locked
    assert lock.time_left() == dt.timedelta(minutes=5)


def test_the_idle_lock_can_be_turned_off_or_locked_by_hand(clock: FixedClock) -> None:
    never = IdleLock(clock, idle_minutes=0)
    clock.advance(days=3)
    assert not never.check()
    assert never.time_left() is None
    never.lock()
    assert never.locked
