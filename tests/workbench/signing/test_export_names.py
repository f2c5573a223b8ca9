"""Two exported files never share a name: children whose ids make the same file name, an
export into a folder that already holds a file of that name, and the same export twice."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from db.engine import DbFactory, make_db_factory, transaction
from db.models import Child
from tests.conftest import FixedClock
from tests.workbench.signing.builders import make_session, make_team
from tests.workbench.signing.conftest import give_identities
from workbench.audit import AuditTrail
from workbench.export.service import export_records
from workbench.files import write_new
from workbench.signing.identity import IdentityStore
from workbench.signing.signoff import SignOffService


@pytest.fixture
def db(sqlite_engine: object) -> DbFactory:
    return make_db_factory(sqlite_engine)  # type: ignore[arg-type]


def _export(db: DbFactory, clock: FixedClock, session_id: int, out: Path) -> list[Path]:
    result = export_records(db, None, AuditTrail(clock), session_ids=[session_id], out_dir=out,
                            actor_id=None, mode="inline")
    assert not result.failed
    return result.written


def test_records_that_would_share_a_name_are_all_written(
        db: DbFactory, identities: IdentityStore, clock: FixedClock, tmp_path: Path) -> None:
    team = make_team(db)
    with transaction(db) as s:  # two ids a file name cannot tell apart ("AB-1" both)
        for child_id, la_id in zip(team.child_ids, ("AB/1", "AB 1"), strict=True):
            s.get_one(Child, child_id).la_child_id = la_id
    give_identities(db, identities, team.manager_id, team.worker_id)
    session_id = make_session(db, team)
    SignOffService(db, identities, AuditTrail(clock), clock).sign(session_id, signer_id=team.manager_id)
    out = tmp_path / "out"
    out.mkdir()
    someone_elses = next(n for n in _names(db, clock, session_id, tmp_path) if "child-file" in n)
    (out / someone_elses).write_bytes(b"a file from another export, not ours")

    written = _export(db, clock, session_id, out)

    assert len(written) == 3  # the supervision copy and one extract per child
    assert len({p.name for p in written}) == 3
    assert len({hashlib.sha256(p.read_bytes()).digest() for p in written}) == 3
    assert (out / someone_elses).read_bytes() == b"a file from another export, not ours"
    assert all(p.read_bytes().startswith(b"%PDF") for p in written)
    assert sorted(p.name for p in out.iterdir() if not p.name.startswith(".")) == sorted(
        [someone_elses, *(p.name for p in written)])
    # The same export again: the same files, found where they are, nothing copied or replaced.
    again = _export(db, clock, session_id, out)
    assert sorted(again) == sorted(written)
    assert len(list(out.iterdir())) == 4


def _names(db: DbFactory, clock: FixedClock, session_id: int, tmp_path: Path) -> list[str]:
    return sorted(p.name for p in _export(db, clock, session_id, tmp_path / "probe"))


def test_write_new_keeps_what_is_there_and_leaves_no_temporary_file(tmp_path: Path) -> None:
    first = write_new(tmp_path / "note.pdf", b"one")
    second = write_new(tmp_path / "note.pdf", b"two")
    same = write_new(tmp_path / "note.pdf", b"two")
    assert (first.name, second.name, same.name) == ("note.pdf", "note (2).pdf", "note (2).pdf")
    assert first.read_bytes() == b"one"
    assert second.read_bytes() == b"two"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["note (2).pdf", "note.pdf"]
    assert (second.stat().st_mode & 0o777) == 0o600
