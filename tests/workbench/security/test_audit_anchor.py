"""The audit chain's head, anchored outside the database: a cut tail, a re-sealed trail and a
rollback to an older copy are reported, though each leaves a chain that is whole in itself."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from sqlalchemy import select, text

from db.engine import DbFactory, transaction
from db.models import AuditEvent
from tests.workbench.security.test_cli import _fill_the_apps_own_database
from workbench.audit import AuditTrail, _event_mac, verify_chain
from workbench.audit_anchor import Checkpoint, FileAnchor, anchor_file_for
from workbench.cli import main
from workbench.keys import key_file_path

KEY = b"k" * 32


def _record(db: DbFactory, trail: AuditTrail, count: int) -> None:
    for number in range(count):
        with transaction(db) as s:
            trail.record(s, actor_id=None, action="view", entity_type="case", entity_id=number)


def _guards_off(db: DbFactory) -> DbFactory:
    """What an attacker with the database's owner rights does first: switch the triggers off."""
    with transaction(db) as s:
        if s.get_bind().dialect.name == "sqlite":
            for name in s.scalars(text("SELECT name FROM sqlite_master WHERE type = 'trigger' "
                                       "AND tbl_name = 'audit_event'")).all():
                s.execute(text(f"DROP TRIGGER {name}"))
        else:
            s.execute(text("ALTER TABLE audit_event DISABLE TRIGGER USER"))
    return db


def _events(db: DbFactory) -> list[int]:
    with db() as s:
        return list(s.scalars(select(AuditEvent.id).order_by(AuditEvent.id)))


def test_the_anchor_follows_commits_and_not_rollbacks(db: DbFactory,
                                                      tmp_path: Path) -> None:
    anchor = FileAnchor(tmp_path / "anchor")
    trail = AuditTrail(key=KEY, anchor=anchor)
    _record(db, trail, 2)
    kept = anchor.load()
    assert kept is not None
    assert kept.event_id == _events(db)[-1]
    s = db()
    trail.record(s, actor_id=None, action="view", entity_type="case", entity_id="gone")
    s.rollback()  # the change it belonged to failed
    s.close()
    assert anchor.load() == kept
    with db() as s:
        assert verify_chain(s, KEY, anchor.load()).ok


def test_a_cut_tail_is_reported_only_with_the_anchor(db: DbFactory,
                                                     tmp_path: Path) -> None:
    anchor = FileAnchor(tmp_path / "anchor")
    _record(db, AuditTrail(key=KEY, anchor=anchor), 5)
    with transaction(_guards_off(db)) as s:
        s.execute(text("DELETE FROM audit_event WHERE id > :keep"), {"keep": _events(db)[2]})
    with db() as s:
        assert verify_chain(s, KEY).ok  # the three left are a whole chain
        report = verify_chain(s, KEY, anchor.load())
    assert not report.ok
    assert "cut from its end, or the database was rolled back" in report.describe()


def test_a_re_sealed_trail_is_reported(db: DbFactory, tmp_path: Path) -> None:
    anchor = FileAnchor(tmp_path / "anchor")
    _record(db, AuditTrail(key=KEY, anchor=anchor), 4)
    ids = _events(db)
    # Remove the second event and seal the rest again with the key (anyone holding the
    # database key can derive it): the chain is whole again.
    with transaction(_guards_off(db)) as s:
        s.execute(text("DELETE FROM audit_event WHERE id = :id"), {"id": ids[1]})
        prev = s.scalar(select(AuditEvent.mac).where(AuditEvent.id == ids[0]))
        for event in s.scalars(select(AuditEvent).where(AuditEvent.id > ids[1]).order_by(AuditEvent.id)):
            event.prev_mac = prev
            event.mac = prev = _event_mac(AuditTrail(key=KEY).key, event, prev)  # type: ignore[arg-type]
    with db() as s:
        assert verify_chain(s, KEY).ok
        report = verify_chain(s, KEY, anchor.load())
    assert not report.ok
    assert "re-sealed" in report.describe()


def test_an_unreadable_anchor_is_no_anchor(tmp_path: Path) -> None:
    path = tmp_path / "anchor"
    path.write_text("{not json")
    assert FileAnchor(path).load() is None
    FileAnchor(path).save(Checkpoint(3, "ab"))
    assert FileAnchor(path).load() == Checkpoint(3, "ab")
    assert path.stat().st_mode & 0o777 == 0o600


def test_a_database_put_back_from_an_older_backup_is_reported(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, clock: object,
        capsys: pytest.CaptureFixture[str]) -> None:
    data_dir = tmp_path / "data"
    monkeypatch.setenv("WORKBENCH_DATA_DIR", str(data_dir))
    monkeypatch.delenv("WORKBENCH_DATABASE", raising=False)
    monkeypatch.delenv("WORKBENCH_PASSPHRASE", raising=False)
    _fill_the_apps_own_database(data_dir, clock)
    older = tmp_path / "usb" / "monday.db"
    assert main(["backup", str(older)]) == 0
    # Each backup carries the anchor of its own newest event (the backup's own record).
    carried = FileAnchor(anchor_file_for(older)).load()
    assert carried is not None
    assert main(["backup", str(tmp_path / "usb" / "tuesday.db")]) == 0
    assert main(["audit", "verify"]) == 0
    capsys.readouterr()

    live = data_dir / "workbench.db"
    for leftover in (live.with_name(live.name + "-wal"), live.with_name(live.name + "-shm")):
        leftover.unlink(missing_ok=True)
    shutil.copyfile(older, live)
    shutil.copyfile(key_file_path(older), key_file_path(live))

    assert main(["audit", "verify"]) == 1
    out = capsys.readouterr().out
    assert "rolled back to an older copy" in out
    assert f"{carried.event_id} events" in out

    # Restoring on purpose starts the anchor from the backup's own.
    assert main(["restore", str(older), "--force"]) == 0
    capsys.readouterr()
    assert main(["audit", "verify"]) == 0
    assert f"intact: {carried.event_id} events" in capsys.readouterr().out
