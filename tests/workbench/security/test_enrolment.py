"""A real team from an empty database: first-run setup, enrolment codes, resets, lockout,
and the admin's management of people, with every refusal tried as each other role."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

from db.engine import DbFactory, transaction
from db.enums import Role
from db.models import AuditEvent, EnrolmentCode, Organisation, Staff
from tests.conftest import FixedClock
from tests.workbench.security.conftest import TwoTeams
from workbench.access import AccessDenied, Actor
from workbench.audit import AuditTrail, verify_chain
from workbench.enrolment import (
    AlreadySetUp,
    WrongCode,
    enrol_with_code,
    issue_enrolment_code,
    needs_setup,
    organisation_name,
    set_up_organisation,
)
from workbench.errors import WrongPassphrase
from workbench.keys import Passphrase, ScryptCost
from workbench.signin import Locked, NotSetUp, TooSoon, WeakPassphrase, people_to_sign_in, sign_in, unlock
from workbench.staff_admin import (
    KEEP,
    InvalidStaffChange,
    Status,
    activate_staff,
    add_staff,
    deactivate_staff,
    list_staff_records,
    update_staff,
)

WES_OWN = Passphrase("kettle on the windowsill")


@pytest.fixture
def audit(clock: FixedClock) -> AuditTrail:
    return AuditTrail(clock, key=b"e" * 32)


def _actors(teams: TwoTeams) -> dict[str, Actor]:
    return {
        "worker": Actor(teams.wes, Role.WORKER, teams.north, "Wes"),
        "team manager": Actor(teams.nia, Role.TEAM_MANAGER, teams.north, "Nia"),
        "practice lead": Actor(teams.lead, Role.PRACTICE_LEAD, None, "Lee"),
    }


def _admin(teams: TwoTeams) -> Actor:
    return Actor(teams.admin, Role.ADMIN, None, "Ada")


def _actions(db: DbFactory) -> list[str]:
    with db() as s:
        return list(s.scalars(select(AuditEvent.action).order_by(AuditEvent.id)))


def _enrol(db: DbFactory, audit: AuditTrail, teams: TwoTeams, staff_id: int,
           passphrase: Passphrase, cost: ScryptCost) -> Actor:
    issued = issue_enrolment_code(db, audit, actor=_admin(teams), staff_id=staff_id)
    return enrol_with_code(db, audit, staff_id=staff_id, code=issued.code,
                           passphrase=passphrase, cost=cost)


# -- setup ----------------------------------------------------------------------------------

def test_an_empty_database_is_set_up_once_with_its_organisation_and_first_admin(
    db: DbFactory, audit: AuditTrail, cheap_cost: ScryptCost
) -> None:
    assert needs_setup(db)
    with pytest.raises(WeakPassphrase):
        set_up_organisation(db, audit, organisation="Northshire Children's Services",
                            admin_name="Ada Admin", passphrase=Passphrase("short"), cost=cheap_cost)
    with pytest.raises(ValueError, match="organisation's name"):
        set_up_organisation(db, audit, organisation="  ", admin_name="Ada Admin",
                            passphrase=Passphrase("a long admin phrase"), cost=cheap_cost)
    assert needs_setup(db)  # refused input left nothing behind

    admin = set_up_organisation(db, audit, organisation=" Northshire  Children's Services",
                                admin_name="Ada  Admin", passphrase=Passphrase("a long admin phrase"),
                                cost=cheap_cost)
    assert admin.role is Role.ADMIN
    assert admin.name == "Ada Admin"
    assert organisation_name(db) == "Northshire Children's Services"
    assert not needs_setup(db)
    # The admin now signs in as anyone does.
    assert sign_in(db, audit, staff_id=admin.staff_id,
                   passphrase=Passphrase("a long admin phrase")) == admin
    with pytest.raises(AlreadySetUp, match="already set up"):
        set_up_organisation(db, audit, organisation="Another", admin_name="Mallory",
                            passphrase=Passphrase("a long sneaky phrase"), cost=cheap_cost)
    with db() as s:
        assert s.scalar(select(func.count()).select_from(Staff)) == 1
        assert s.scalar(select(func.count()).select_from(Organisation)) == 1
    assert _actions(db) == ["organisation.set_up", "staff.added", "staff.passphrase_set",
                                         "sign_in"]


def test_setup_is_refused_where_someone_can_already_sign_in(
    db: DbFactory, teams: TwoTeams, audit: AuditTrail, cheap_cost: ScryptCost
) -> None:
    assert needs_setup(db)  # staff met by imports, none with a passphrase
    _enrol(db, audit, teams, teams.wes, WES_OWN, cheap_cost)
    assert not needs_setup(db)
    with pytest.raises(AlreadySetUp):
        set_up_organisation(db, audit, organisation="X", admin_name="Wes again",
                            passphrase=Passphrase("a long sneaky phrase"), cost=cheap_cost)


# -- enrolment codes ------------------------------------------------------------------------

def test_nobody_chooses_a_first_passphrase_without_a_code(
    db: DbFactory, teams: TwoTeams, audit: AuditTrail, cheap_cost: ScryptCost
) -> None:
    import workbench.signin as signin

    assert not hasattr(signin, "choose_first_passphrase")
    with pytest.raises(NotSetUp, match="enrolment code"):
        sign_in(db, audit, staff_id=teams.wes, passphrase=WES_OWN)
    with pytest.raises(WrongCode, match="not the enrolment code"):
        enrol_with_code(db, audit, staff_id=teams.wes, code="ABCD-EFGH-JKMN-PQRS",
                        passphrase=WES_OWN, cost=cheap_cost)
    with db() as s:
        assert s.get_one(Staff, teams.wes).passphrase_hash is None
    assert _actions(db) == ["enrol.failed"]


def test_a_code_enrols_its_person_once_and_is_kept_only_as_a_hash(
    db: DbFactory, teams: TwoTeams, audit: AuditTrail, cheap_cost: ScryptCost,
    clock: FixedClock
) -> None:
    issued = issue_enrolment_code(db, audit, actor=_admin(teams), staff_id=teams.wes)
    assert len(issued.code) == 19
    assert issued.code.count("-") == 3
    assert issued.expires_at == clock.now + dt.timedelta(hours=72)
    assert issued.code not in repr(issued)
    with db() as s:
        stored = s.scalars(select(EnrolmentCode.code_hash)).one()
        assert issued.code.replace("-", "") not in stored
        event = s.scalars(select(AuditEvent).where(
            AuditEvent.action == "staff.enrolment_code_issued")).one()
        assert issued.code not in str(event.details)
        assert event.actor_id == teams.admin
    # The code is for Wes only.
    with pytest.raises(WrongCode):
        enrol_with_code(db, audit, staff_id=teams.wyn, code=issued.code,
                        passphrase=Passphrase("wyn would like this"), cost=cheap_cost)
    # Typed loosely (lower case, spaces for dashes), it still works.
    loose = issued.code.lower().replace("-", " ")
    actor = enrol_with_code(db, audit, staff_id=teams.wes, code=loose,
                            passphrase=WES_OWN, cost=cheap_cost)
    assert actor.staff_id == teams.wes
    assert sign_in(db, audit, staff_id=teams.wes, passphrase=WES_OWN) == actor
    with pytest.raises(WrongCode, match="used already"):
        enrol_with_code(db, audit, staff_id=teams.wes, code=issued.code,
                        passphrase=Passphrase("a second choice here"), cost=cheap_cost)
    assert sign_in(db, audit, staff_id=teams.wes, passphrase=WES_OWN) == actor
    with db() as s:
        key = audit.key
        assert key is not None
        assert verify_chain(s, key).ok


def test_a_code_expires_after_72_hours_and_a_newer_code_replaces_an_older(
    db: DbFactory, teams: TwoTeams, audit: AuditTrail, cheap_cost: ScryptCost,
    clock: FixedClock
) -> None:
    first = issue_enrolment_code(db, audit, actor=_admin(teams), staff_id=teams.wes)
    clock.advance(hours=72)
    with pytest.raises(WrongCode, match="expired"):
        enrol_with_code(db, audit, staff_id=teams.wes, code=first.code,
                        passphrase=WES_OWN, cost=cheap_cost)
    second = issue_enrolment_code(db, audit, actor=_admin(teams), staff_id=teams.wes)
    third = issue_enrolment_code(db, audit, actor=_admin(teams), staff_id=teams.wes)
    with pytest.raises(WrongCode, match="replaced"):
        enrol_with_code(db, audit, staff_id=teams.wes, code=second.code,
                        passphrase=WES_OWN, cost=cheap_cost)
    clock.advance(hours=71)
    assert enrol_with_code(db, audit, staff_id=teams.wes, code=third.code,
                           passphrase=WES_OWN, cost=cheap_cost).staff_id == teams.wes


def test_a_reset_code_stops_the_old_passphrase_at_once(
    db: DbFactory, teams: TwoTeams, audit: AuditTrail, cheap_cost: ScryptCost
) -> None:
    _enrol(db, audit, teams, teams.wes, WES_OWN, cheap_cost)
    reset = issue_enrolment_code(db, audit, actor=_admin(teams), staff_id=teams.wes)
    assert reset.reset
    with pytest.raises(NotSetUp):
        sign_in(db, audit, staff_id=teams.wes, passphrase=WES_OWN)
    enrol_with_code(db, audit, staff_id=teams.wes, code=reset.code,
                    passphrase=Passphrase("a brand new phrase"), cost=cheap_cost)
    with pytest.raises(WrongPassphrase):
        sign_in(db, audit, staff_id=teams.wes, passphrase=WES_OWN)
    assert sign_in(db, audit, staff_id=teams.wes,
                   passphrase=Passphrase("a brand new phrase")).staff_id == teams.wes


def test_the_enrolment_hook_is_called_with_the_new_person_and_passphrase(
    db: DbFactory, teams: TwoTeams, audit: AuditTrail, cheap_cost: ScryptCost
) -> None:
    seen: list[tuple[int, str]] = []
    issued = issue_enrolment_code(db, audit, actor=_admin(teams), staff_id=teams.wes)
    enrol_with_code(db, audit, staff_id=teams.wes, code=issued.code, passphrase=WES_OWN,
                    cost=cheap_cost, on_enrolled=lambda a, p: seen.append((a.staff_id, p.reveal())))
    assert seen == [(teams.wes, WES_OWN.reveal())]


# -- lockout --------------------------------------------------------------------------------

def test_wrong_passphrases_slow_the_next_tries_then_lock_until_an_admin_unlocks(
    db: DbFactory, teams: TwoTeams, audit: AuditTrail, cheap_cost: ScryptCost,
    clock: FixedClock
) -> None:
    _enrol(db, audit, teams, teams.wes, WES_OWN, cheap_cost)
    wrong = Passphrase("not the right one")
    for _ in range(4):
        with pytest.raises(WrongPassphrase):
            sign_in(db, audit, staff_id=teams.wes, passphrase=wrong)
    with pytest.raises(WrongPassphrase, match="next can be made in 30 seconds"):
        sign_in(db, audit, staff_id=teams.wes, passphrase=wrong)
    # Even the right passphrase must wait: the refusal says when, and is audited.
    clock.advance(seconds=29)
    with pytest.raises(TooSoon, match="Try again in 1 seconds") as refused:
        sign_in(db, audit, staff_id=teams.wes, passphrase=WES_OWN)
    assert refused.value.retry_at == clock.now + dt.timedelta(seconds=1)
    assert _actions(db)[-1] == "sign_in.refused"
    # The wait doubles with each further wrong try: 60 s, 2, 4, 8 minutes, then locked.
    for wait in (30, 60, 120, 240, 480):
        clock.advance(seconds=wait)
        with pytest.raises(WrongPassphrase):
            sign_in(db, audit, staff_id=teams.wes, passphrase=wrong)
        with pytest.raises(AccessDenied):  # too soon (or locked) straight after
            sign_in(db, audit, staff_id=teams.wes, passphrase=WES_OWN)
    clock.advance(days=30)
    with pytest.raises(Locked, match="Ask an admin to unlock"):
        sign_in(db, audit, staff_id=teams.wes, passphrase=WES_OWN)
    for name, actor in _actors(teams).items():
        with pytest.raises(AccessDenied, match="Only an admin"):
            unlock(db, audit, actor=actor, staff_id=teams.wes)
        assert name
    records = {r.staff_id: r for r in list_staff_records(db, actor=_admin(teams),
                                                          now=clock.now)}
    assert records[teams.wes].status is Status.LOCKED
    unlock(db, audit, actor=_admin(teams), staff_id=teams.wes)
    assert sign_in(db, audit, staff_id=teams.wes, passphrase=WES_OWN).staff_id == teams.wes
    # A success clears the count: four more wrong tries do not make anyone wait.
    for _ in range(4):
        with pytest.raises(WrongPassphrase) as wrong_again:
            sign_in(db, audit, staff_id=teams.wes, passphrase=wrong)
        assert "next can be made" not in str(wrong_again.value)
    actions = _actions(db)
    assert actions.count("sign_in.failed") == 14
    assert "staff.unlocked" in actions


def test_wrong_enrolment_codes_count_towards_the_lockout(
    db: DbFactory, teams: TwoTeams, audit: AuditTrail, cheap_cost: ScryptCost
) -> None:
    issued = issue_enrolment_code(db, audit, actor=_admin(teams), staff_id=teams.wes)
    for _ in range(5):
        with pytest.raises(WrongCode):
            enrol_with_code(db, audit, staff_id=teams.wes, code="AAAA-BBBB-CCCC-DDDD",
                            passphrase=WES_OWN, cost=cheap_cost)
    with pytest.raises(TooSoon):
        enrol_with_code(db, audit, staff_id=teams.wes, code=issued.code,
                        passphrase=WES_OWN, cost=cheap_cost)


# -- admin: refusals ------------------------------------------------------------------------

def test_only_an_admin_issues_codes_and_manages_people(
    db: DbFactory, teams: TwoTeams, audit: AuditTrail, clock: FixedClock
) -> None:
    for actor in _actors(teams).values():
        with pytest.raises(AccessDenied, match="Only an admin"):
            issue_enrolment_code(db, audit, actor=actor, staff_id=teams.wes)
        with pytest.raises(AccessDenied, match="Only an admin"):
            add_staff(db, audit, actor=actor, name="Mallory", role=Role.ADMIN)
        with pytest.raises(AccessDenied, match="Only an admin"):
            update_staff(db, audit, actor=actor, staff_id=actor.staff_id, role=Role.ADMIN)
        with pytest.raises(AccessDenied, match="Only an admin"):
            deactivate_staff(db, audit, actor=actor, staff_id=teams.sol)
        with pytest.raises(AccessDenied, match="Only an admin"):
            activate_staff(db, audit, actor=actor, staff_id=teams.sol)
        with pytest.raises(AccessDenied, match="Only an admin"):
            list_staff_records(db, actor=actor, now=clock.now)
    with db() as s:
        assert s.scalar(select(func.count()).select_from(Staff)) == 7
        assert s.scalar(select(func.count()).select_from(EnrolmentCode)) == 0
        assert s.get_one(Staff, teams.wes).role is Role.WORKER
    assert _actions(db) == []


# -- admin: people --------------------------------------------------------------------------

def test_an_admin_adds_people_with_team_role_supervisor_and_asye(
    db: DbFactory, teams: TwoTeams, audit: AuditTrail, clock: FixedClock
) -> None:
    admin = _admin(teams)
    new = add_staff(db, audit, actor=admin, name=" Tam  Taylor ", role=Role.WORKER,
                    team="East", supervisor_id=teams.nia, asye_start=dt.date(2026, 9, 1))
    records = {r.staff_id: r for r in list_staff_records(db, actor=admin, now=clock.now)}
    tam = records[new]
    assert (tam.name, tam.team_name, tam.supervisor_name) == ("Tam Taylor", "East", "Nia")
    assert tam.newly_qualified_until == dt.date(2027, 8, 31)
    assert tam.status is Status.NEEDS_CODE
    with db() as s:
        assert s.get_one(Staff, new).is_newly_qualified(dt.date(2027, 8, 31))
    issue_enrolment_code(db, audit, actor=admin, staff_id=new)
    records = {r.staff_id: r for r in list_staff_records(db, actor=admin, now=clock.now)}
    assert records[new].status is Status.CODE_ISSUED
    assert {"team.added", "staff.added", "staff.enrolment_code_issued"} <= set(_actions(db))


@pytest.mark.parametrize(("change", "message"), [
    ({"supervisor_id": "wyn"}, "cannot supervise"),            # a worker supervises no one
    ({"supervisor_id": "sol"}, "cannot supervise"),
    ({"supervisor_id": "wes"}, "themselves"),
    ({"role": Role.TEAM_MANAGER, "team": None}, "give them a team"),
    ({"role": Role.TEAM_MANAGER, "supervisor_id": "nia"}, "cannot supervise"),  # not above
    ({"asye_start": dt.date(2026, 1, 1), "role": Role.TEAM_MANAGER}, "Only a worker"),
    ({"name": "Wyn"}, "already in that team"),
    ({"name": "   "}, "Give the person's name"),
])
def test_a_change_that_breaks_a_rule_is_refused_and_changes_nothing(
    db: DbFactory, teams: TwoTeams, audit: AuditTrail, change: dict[str, object],
    message: str
) -> None:
    if "supervisor_id" in change and isinstance(change["supervisor_id"], str):
        change["supervisor_id"] = getattr(teams, str(change["supervisor_id"]))
    with db() as s:
        before = s.get_one(Staff, teams.wes)
        snapshot = (before.name, before.role, before.team_id, before.supervisor_id, before.asye_start)
    with pytest.raises(InvalidStaffChange, match=message):
        update_staff(db, audit, actor=_admin(teams), staff_id=teams.wes, **change)  # type: ignore[arg-type]
    with db() as s:
        after = s.get_one(Staff, teams.wes)
        assert (after.name, after.role, after.team_id, after.supervisor_id, after.asye_start) == snapshot
    assert _actions(db) == []


def test_a_leaver_keeps_their_records_cannot_sign_in_and_loses_their_code(
    db: DbFactory, teams: TwoTeams, audit: AuditTrail, cheap_cost: ScryptCost,
    clock: FixedClock
) -> None:
    admin = _admin(teams)
    _enrol(db, audit, teams, teams.wes, WES_OWN, cheap_cost)
    update_staff(db, audit, actor=admin, staff_id=teams.wes, supervisor_id=teams.nia)
    pending = issue_enrolment_code(db, audit, actor=admin, staff_id=teams.wyn)
    deactivate_staff(db, audit, actor=admin, staff_id=teams.wes)
    deactivate_staff(db, audit, actor=admin, staff_id=teams.wyn)
    with pytest.raises(AccessDenied, match="not an active member"):
        sign_in(db, audit, staff_id=teams.wes, passphrase=WES_OWN)
    with pytest.raises(AccessDenied, match="not an active member"):
        enrol_with_code(db, audit, staff_id=teams.wyn, code=pending.code,
                        passphrase=Passphrase("wyn would like this"), cost=cheap_cost)
    assert teams.wes not in {p.staff_id for p in people_to_sign_in(db)}
    with pytest.raises(AccessDenied, match="activate them first"):
        issue_enrolment_code(db, audit, actor=admin, staff_id=teams.wes)
    records = {r.staff_id: r for r in list_staff_records(db, actor=admin, now=clock.now)}
    assert records[teams.wes].status is Status.LEFT
    assert records[teams.wes].left_at == clock.now
    with db() as s:
        assert s.get_one(Staff, teams.wes).passphrase_hash is not None  # kept, but unusable
    # Brought back, the code Wyn had is still gone: a new one is needed.
    activate_staff(db, audit, actor=admin, staff_id=teams.wyn)
    with pytest.raises(WrongCode, match="replaced"):
        enrol_with_code(db, audit, staff_id=teams.wyn, code=pending.code,
                        passphrase=Passphrase("wyn would like this"), cost=cheap_cost)
    assert "staff.deactivated" in _actions(db)


def test_the_last_admin_cannot_leave_or_be_demoted_and_nobody_deactivates_themselves(
    db: DbFactory, teams: TwoTeams, audit: AuditTrail
) -> None:
    admin = _admin(teams)
    with pytest.raises(InvalidStaffChange, match="yourself"):
        deactivate_staff(db, audit, actor=admin, staff_id=teams.admin)
    with pytest.raises(InvalidStaffChange, match="only admin"):
        deactivate_staff(db, audit, actor=None, staff_id=teams.admin)
    with pytest.raises(InvalidStaffChange, match="only admin"):
        update_staff(db, audit, actor=admin, staff_id=teams.admin, role=Role.WORKER)
    second = add_staff(db, audit, actor=admin, name="Bo", role=Role.ADMIN)
    update_staff(db, audit, actor=admin, staff_id=teams.admin, role=Role.PRACTICE_LEAD,
                 name=KEEP)
    with db() as s:
        assert s.get_one(Staff, second).role is Role.ADMIN
        assert s.get_one(Staff, teams.admin).role is Role.PRACTICE_LEAD


def test_imports_create_people_inactive_for_an_admin_to_add(
    db: DbFactory, audit: AuditTrail, clock: FixedClock, tmp_path: object
) -> None:
    from pathlib import Path

    from workbench.caseload import list_staff
    from workbench.importing import import_caseload

    assert isinstance(tmp_path, Path)
    path = tmp_path / "caseload.csv"
    path.write_text("Child ID,Allocated Worker,Allocated Team,Case Type\n"
                    "C-1,Pat Example,East,Child in need\n", encoding="utf-8")
    import_caseload(db, path, audit=audit, clock=clock)
    with db() as s:
        pat = s.scalars(select(Staff)).one()
        assert not pat.active
        assert pat.left_at is None
    assert people_to_sign_in(db) == []
    # Their caseload can still be seen while they wait to be added.
    assert [row.name for row in list_staff(db)] == ["Pat Example"]
    with transaction(db) as s:
        s.add(Staff(name="Ada", name_key="ada", role=Role.ADMIN, active=True))
    with db() as s:
        ada = s.scalars(select(Staff).where(Staff.role == Role.ADMIN)).one()
        admin = Actor.of(ada)
    records = list_staff_records(db, actor=admin, now=clock.now)
    assert [r.status for r in records if r.name == "Pat Example"] == [Status.NOT_ADDED]
    activate_staff(db, audit, actor=admin, staff_id=pat.id)
    assert issue_enrolment_code(db, audit, actor=admin, staff_id=pat.id).name == "Pat Example"
