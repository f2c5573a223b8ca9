"""The team server seals the audit trail itself: a login appends only through
psw_audit_append, in its own name, and psw_audit_verify finds what the superuser tampered with."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from db.engine import make_db_factory, transaction
from db.enums import Role
from tests.conftest import FixedClock
from tests.workbench.server.conftest import MEETING, TeamServer, scalar
from workbench.access import AccessDenied, actor_for
from workbench.audit import AuditTrail, ChainReport, verify_on_server
from workbench.audit_anchor import Checkpoint
from workbench.caseload import open_cases
from workbench.cli import main
from workbench.supervision.agenda import propose_agenda
from workbench.supervision.context import SupervisionContext
from workbench.supervision.errors import NotFound
from workbench.supervision.loading import load_session
from workbench.supervision.reflections import load_reflection, save_reflection
from workbench.supervision.sessions import save_session_fields, start_session


def append(server: TeamServer, person: str, action: str, **details: object) -> tuple[int, str]:
    with server.engine_for(person).begin() as c:
        row = c.execute(text("SELECT event_id, event_mac FROM psw_audit_append(:a, 'case_allocation', "
                             "'7', CAST(:d AS jsonb), :claimed)"),
                        {"a": action, "d": json.dumps(details),
                         "claimed": server.ids["lead"]}).one()
        return row[0], row[1]


def test_appends_are_chained_in_the_callers_own_name(team_server: TeamServer) -> None:
    first = append(team_server, "north_worker", "case.view", note="é ✓")
    second = append(team_server, "south_manager", "case.view")
    with team_server.admin().connect() as c:
        rows = c.execute(text("SELECT id, actor_id, prev_mac, mac, details->>'note' AS note FROM audit_event "
                              "WHERE id IN (:a, :b) ORDER BY id"), {"a": first[0], "b": second[0]}).all()
        verified = c.execute(text("SELECT * FROM psw_audit_verify()")).one()
    # The actor is who the login is, not who the caller claimed to be.
    assert [r.actor_id for r in rows] == [team_server.ids["north_worker"], team_server.ids["south_manager"]]
    assert rows[1].prev_mac == rows[0].mac == first[1]
    assert rows[0].note == "é ✓"
    assert verified.broken_event_id is None
    assert verified.head == second[1]
    # A worker reads their own events only.
    with team_server.connect("north_worker") as c:
        assert set(c.execute(text("SELECT id FROM audit_event")).scalars()) == {first[0]}
        with pytest.raises(DBAPIError, match="permission denied"):
            c.execute(text("SELECT psw_server.audit_mac(now()::timestamp, 1, 'a', 'b', 'c', "
                           "'{}'::jsonb, 'x')"))


def test_verify_names_the_event_the_superuser_edited(team_server: TeamServer) -> None:
    events = [append(team_server, "north_manager", f"step.{n}")[0] for n in range(3)]
    with team_server.admin().begin() as c:
        assert c.execute(text("SELECT broken_event_id FROM psw_audit_verify()")).scalar() is None
        c.execute(text("ALTER TABLE audit_event DISABLE TRIGGER USER"))
        c.execute(text("UPDATE audit_event SET action = 'step.hidden' WHERE id = :i"), {"i": events[1]})
        c.execute(text("ALTER TABLE audit_event ENABLE TRIGGER USER"))
    with team_server.connect("lead") as c:
        broken = c.execute(text("SELECT * FROM psw_audit_verify()")).one()
    assert broken.broken_event_id == events[1]
    assert "changed after it was written" in broken.reason
    # Re-sealing it needs the key, which no login (and no client) can read.
    with team_server.admin().begin() as c:
        c.execute(text("ALTER TABLE audit_event DISABLE TRIGGER USER"))
        c.execute(text("DELETE FROM audit_event WHERE id = :i"), {"i": events[1]})
        c.execute(text("ALTER TABLE audit_event ENABLE TRIGGER USER"))
        broken = c.execute(text("SELECT * FROM psw_audit_verify()")).one()
    assert broken.broken_event_id == events[2]
    assert "does not follow the event before it" in broken.reason


def test_audit_verify_on_the_command_line_asks_the_server(
        team_server: TeamServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("WORKBENCH_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("WORKBENCH_AUDIT_KEY", raising=False)
    append(team_server, "north_manager", "case.view")
    # A person's own login needs no audit key: the server holds it.
    assert main(["--database", team_server.url_for("lead"), "audit", "verify"]) == 0
    out = capsys.readouterr().out
    assert "intact" in out
    assert "sealed by the team server" in out


def test_the_services_work_for_a_manager_logged_in_as_themselves(
        team_server: TeamServer, clock: FixedClock) -> None:
    """Row-level security lets the normal path through: the caseload, starting a session with an
    agenda, editing it; and the services' own refusals still come first."""
    ids = team_server.ids
    db = make_db_factory(team_server.engine_for("north_manager"))
    clock.now = MEETING + dt.timedelta(days=1)
    with db() as s:
        manager = actor_for(s, ids["north_manager"])
    assert manager.role is Role.TEAM_MANAGER
    cases = open_cases(db, worker_id=ids["north_worker"], actor=manager)
    assert [c.case_id for c in cases] == [ids["north_case"]]
    with pytest.raises(AccessDenied):
        open_cases(db, worker_id=ids["south_worker"], actor=manager)
    # Even asking as "the system" (no actor), the server shows this login its own team only.
    assert {c.case_id for c in open_cases(db)} == {ids["north_case"]}

    ctx = SupervisionContext(db, AuditTrail(clock), clock, ids["north_manager"])
    agenda = propose_agenda(ctx, ids["north_worker"])
    started = start_session(ctx, supervisee_id=ids["north_worker"],
                            meeting_at=clock() - dt.timedelta(hours=1), duration_minutes=60,
                            agenda=agenda)
    save_session_fields(ctx, started.session_id, workload="Caseload of 14; two court cases.")
    view = load_session(ctx, started.session_id)
    assert view.workload == "Caseload of 14; two court cases."
    assert len(view.discussions) == len(agenda) == 1
    with team_server.connect("north_manager") as c:
        actions = list(c.execute(text("SELECT action FROM audit_event ORDER BY id")).scalars())
        assert scalar(c, "SELECT broken_event_id FROM psw_audit_verify()") is None
    assert "session.start" in actions
    assert "agenda.propose" in actions
    # The worker sees the new session; the other team's manager does not.
    with team_server.connect("north_worker") as c:
        assert scalar(c, "SELECT count(*) FROM supervision_session WHERE id = :i",
                      i=started.session_id) == 1
    with team_server.connect("south_manager") as c:
        assert scalar(c, "SELECT count(*) FROM supervision_session WHERE id = :i",
                      i=started.session_id) == 0


def test_a_worker_prepares_a_reflection_logged_in_as_themselves(
        team_server: TeamServer, clock: FixedClock) -> None:
    ids = team_server.ids
    db = make_db_factory(team_server.engine_for("south_worker"))
    ctx = SupervisionContext(db, AuditTrail(clock), clock, ids["south_worker"])
    save_reflection(ctx, ids["south_case"], what_happened="Visited; mum was calmer.",
                    worker_score=6)
    saved = load_reflection(ctx, ids["south_case"])
    assert saved is not None
    assert saved.what_happened == "Visited; mum was calmer."
    # Another team's child is not there at all for this login.
    with pytest.raises(NotFound):
        save_reflection(ctx, ids["north_case"], what_happened="Not my child.")
    with team_server.connect("south_manager") as c:
        assert scalar(c, "SELECT count(*) FROM reflection WHERE what_happened LIKE 'Visited%'") == 1


class _Anchor:
    """This computer's anchor, as the keyring keeps it."""

    def __init__(self) -> None:
        self.checkpoint: Checkpoint | None = None

    def load(self) -> Checkpoint | None:
        return self.checkpoint

    def save(self, checkpoint: Checkpoint) -> None:
        self.checkpoint = checkpoint

    def clear(self) -> None:
        self.checkpoint = None


def _record_here(server: TeamServer, anchor: _Anchor, clock: FixedClock, count: int) -> None:
    trail = AuditTrail(clock, anchor=anchor, server_sealed=True)
    for n in range(count):
        with transaction(make_db_factory(server.engine_for("north_manager"))) as s:
            trail.record(s, actor_id=server.ids["north_manager"], action=f"step.{n}",
                         entity_type="case_allocation", entity_id=server.ids["north_case"])


def _verify_as_lead(server: TeamServer, anchor: _Anchor) -> ChainReport:
    with make_db_factory(server.engine_for("lead"))() as s:
        return verify_on_server(s, anchor.load())


def test_a_tail_cut_by_whoever_holds_the_servers_key_is_caught_by_the_computers_anchor(
        team_server: TeamServer, clock: FixedClock) -> None:
    anchor = _Anchor()
    _record_here(team_server, anchor, clock, 3)
    assert anchor.checkpoint is not None
    assert _verify_as_lead(team_server, anchor).ok
    # The superuser cuts the last event off: the chain left is whole in itself.
    with team_server.admin().begin() as c:
        c.execute(text("ALTER TABLE audit_event DISABLE TRIGGER USER"))
        c.execute(text("DELETE FROM audit_event WHERE id = :i"), {"i": anchor.checkpoint.event_id})
        c.execute(text("ALTER TABLE audit_event ENABLE TRIGGER USER"))
        assert c.execute(text("SELECT broken_event_id FROM psw_audit_verify()")).scalar() is None
    report = _verify_as_lead(team_server, anchor)
    assert not report.ok
    assert "cut short" in report.describe()


def test_a_trail_re_sealed_with_the_servers_key_is_caught_by_the_computers_anchor(
        team_server: TeamServer, clock: FixedClock) -> None:
    anchor = _Anchor()
    _record_here(team_server, anchor, clock, 2)
    assert anchor.checkpoint is not None
    # The superuser rewrites the newest event and seals it again with the server's own key.
    with team_server.admin().begin() as c:
        c.execute(text("ALTER TABLE audit_event DISABLE TRIGGER USER"))
        c.execute(text(
            "UPDATE audit_event SET action = 'step.rewritten', mac = psw_server.audit_mac("
            "occurred_at, actor_id, 'step.rewritten', entity_type, entity_id, details::jsonb, "
            "prev_mac) WHERE id = :i"), {"i": anchor.checkpoint.event_id})
        c.execute(text("ALTER TABLE audit_event ENABLE TRIGGER USER"))
        assert c.execute(text("SELECT broken_event_id FROM psw_audit_verify()")).scalar() is None
    report = _verify_as_lead(team_server, anchor)
    assert not report.ok
    assert "re-sealed" in report.describe()


def test_an_autosave_is_audited_in_the_workers_name_and_a_save_that_rolls_back_leaves_no_event(
        team_server: TeamServer, clock: FixedClock) -> None:
    # The services' events are sealed as their transaction commits (in COMMIT's own message,
    # so the chain is not held while the client works): each still lands, sealed, in the
    # person's own name, moves this computer's anchor, and goes if the transaction does.
    ids = team_server.ids
    anchor = _Anchor()
    trail = AuditTrail(clock, anchor=anchor, server_sealed=True)
    db = make_db_factory(team_server.engine_for("south_worker"))
    ctx = SupervisionContext(db, trail, clock, ids["south_worker"])
    with team_server.admin().connect() as c:
        before = scalar(c, "SELECT max(id) FROM audit_event")
    save_reflection(ctx, ids["south_case"], what_happened="Visited; mum was calmer.")
    save_reflection(ctx, ids["south_case"], what_happened="Visited; mum was calmer. Dad too.")

    def view_then_fail() -> None:
        with transaction(db) as s:
            trail.note(s, actor_id=ids["south_worker"], action="reflection.view",
                       entity_type="case_allocation", entity_id=ids["south_case"])
            raise RuntimeError("lost the connection")

    with pytest.raises(RuntimeError, match="lost the connection"):
        view_then_fail()
    with team_server.admin().connect() as c:
        events = c.execute(text("SELECT id, actor_id, action, mac FROM audit_event WHERE id > :b "
                                "ORDER BY id"), {"b": before}).all()
    assert [(e.actor_id, e.action) for e in events] == [(ids["south_worker"], "reflection.update")] * 2
    assert anchor.checkpoint == Checkpoint(events[-1].id, events[-1].mac)
    assert _verify_as_lead(team_server, anchor).ok
