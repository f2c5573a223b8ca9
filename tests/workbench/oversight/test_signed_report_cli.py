"""`workbench oversight --pdf FILE`: the report signed by the person named by --as, which
`workbench verify` then says is intact, trusted and the report signed here; refusals are one
line, and no file is written for them."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import update

from db.engine import DbFactory, transaction
from db.models import Staff
from tests.conftest import FixedClock
from tests.support.cli import CliRun, cli_runner
from tests.support.pdf import pdf_text
from tests.workbench.oversight.builders import END, NOW, START, World, build_world
from tests.workbench.signing.conftest import give_identities
from workbench.audit import AuditTrail
from workbench.keys import Passphrase, ScryptCost
from workbench.secrets import SecretStore
from workbench.signin import hash_passphrase
from workbench.signing.identity import IdentityStore

PERIOD = ["--from", START.isoformat(), "--to", END.isoformat()]
KEY_WORDS = "Ann's own signing words"


@pytest.fixture
def keys(tmp_path: Path) -> Path:
    return tmp_path / "keys"


@pytest.fixture
def world(db: DbFactory, keys: Path) -> World:
    made = build_world(db)
    clock = FixedClock(NOW)
    identities = IdentityStore(keys, SecretStore(), clock, AuditTrail(clock))
    give_identities(db, identities, made.staff["Pat"], made.staff["Bo"])
    with transaction(db) as s:  # Ann's key opens with a passphrase, not from the keyring
        identities.issue(s, s.get_one(Staff, made.staff["Ann"]), actor_id=None, passphrase=KEY_WORDS)
        for name in ("Pat", "Ann", "Bo"):
            s.execute(update(Staff).where(Staff.id == made.staff[name]).values(
                passphrase_hash=hash_passphrase(Passphrase(f"{name} passphrase words"),
                                                ScryptCost(n=2**10))))
    return made


@pytest.fixture
def cli(db_url: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> CliRun:
    monkeypatch.setenv("WORKBENCH_AUDIT_KEY", "ab" * 32)
    monkeypatch.delenv("WORKBENCH_KEY_PASSPHRASE", raising=False)
    return cli_runner(db_url, monkeypatch, capsys)


def test_a_practice_lead_signs_the_report_and_verify_says_it_is_intact_and_trusted(  # type: ignore[no-untyped-def]
        cli, world: World, keys: Path, tmp_path: Path) -> None:
    path = tmp_path / "oversight.pdf"
    status, out, err = cli("--as", "Pat", "oversight", *PERIOD, "--pdf", str(path),
                           "--keys", str(keys), passphrase="Pat passphrase words")
    assert status == 0, err
    assert f"Wrote {path}, signed by Pat (All teams, 2026-09-01 to 2026-11-30" in out
    words = pdf_text(path.read_bytes(), tmp_path)
    assert "Workers overdue for supervision 3 of 4" in words
    assert "Produced by Pat (practice lead)" in words
    status, out, err = cli("verify", "--keys", str(keys), str(path))
    assert status == 0, err
    assert f"{path}: OK" in out
    assert "signed by Common Name: Pat" in out
    assert ": intact, trusted" in out
    assert "record: matches" in out
    assert "kept copy: the signed report the audit trail records" in out

    # One byte changed after signing: verify fails, and says why.
    data = bytearray(path.read_bytes())
    at = data.index(b"Workers overdue") if b"Workers overdue" in data else len(data) // 3
    data[at] ^= 0x01
    changed = tmp_path / "changed.pdf"
    changed.write_bytes(bytes(data))
    status, out, err = cli("verify", "--keys", str(keys), str(changed))
    assert status == 1
    assert f"{changed}: FAILED" in out
    assert "Traceback" not in err


def test_a_key_the_keyring_does_not_hold_opens_with_its_passphrase(  # type: ignore[no-untyped-def]
        cli, world: World, keys: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "north.pdf"
    args = ("--as", "Ann", "oversight", "--team", "Northgate", *PERIOD, "--pdf", str(path),
            "--keys", str(keys))
    status, out, err = cli(*args, passphrase="Ann passphrase words")
    assert (status, out) == (1, "")
    assert "WORKBENCH_KEY_PASSPHRASE" in err
    assert not path.exists()
    monkeypatch.setenv("WORKBENCH_KEY_PASSPHRASE", "not the words")
    status, out, err = cli(*args, passphrase="Ann passphrase words")
    assert status == 1
    assert "Traceback" not in err
    assert not path.exists()
    monkeypatch.setenv("WORKBENCH_KEY_PASSPHRASE", KEY_WORDS)
    status, out, err = cli(*args, passphrase="Ann passphrase words")
    assert status == 0, err
    assert "signed by Ann (Northgate" in out
    status, out, err = cli("verify", "--keys", str(keys), str(path))
    assert status == 0, out + err


@pytest.mark.parametrize(("args", "says"), [
    (["--as", "Bo", "oversight", "--team", "Northgate"], "for team managers and practice leads"),
    (["--as", "Ann", "oversight", "--team", "Southgate"], "own team only"),
    (["--as", "Ann", "oversight"], "own team only"),
])
def test_who_may_not_see_the_oversight_gets_no_signed_report(  # type: ignore[no-untyped-def]
        cli, world: World, keys: Path, tmp_path: Path, args: list[str], says: str) -> None:
    path = tmp_path / "refused.pdf"
    name = args[1]
    status, out, err = cli(*args, *PERIOD, "--pdf", str(path), "--keys", str(keys),
                           passphrase=f"{name} passphrase words")
    assert (status, out) == (1, "")
    assert says in err
    assert len(err.strip().splitlines()) == 1
    assert not path.exists()


def test_the_report_needs_a_named_signer_and_a_pdf_name(  # type: ignore[no-untyped-def]
        cli, world: World, keys: Path, tmp_path: Path) -> None:
    status, _out, err = cli("oversight", *PERIOD, "--pdf", str(tmp_path / "x.pdf"))
    assert status == 1
    assert "--as" in err
    status, _out, err = cli("--as", "Pat", "oversight", *PERIOD, "--pdf", str(tmp_path / "x.txt"),
                            passphrase="Pat passphrase words")
    assert status == 1
    assert "must end in .pdf" in err
