"""A consultation's record goes through the ordinary signing path: only the facilitator signs,
only the presenter countersigns, and both PDFs verify with `workbench verify` and pdfsig."""

from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path

import pytest
from sqlalchemy import update
from sqlalchemy.exc import IntegrityError

from db.engine import DbFactory, make_db_factory, transaction
from db.models import Consultation
from tests.conftest import FixedClock
from tests.workbench.consultation.test_consultation_db import POLICE, Room, fill_consultation, room
from tests.workbench.signing.conftest import give_identities, identities
from workbench.audit import AuditTrail
from workbench.cli import main
from workbench.consultation.service import mark_ready_to_sign, save_step_text
from workbench.consultation.steps import Step
from workbench.export.service import export_records
from workbench.signing.identity import IdentityStore
from workbench.signing.signoff import SignOffError, SignOffService
from workbench.supervision.context import SupervisionContext
from workbench.supervision.errors import SessionNotEditable

__all__ = ["identities", "room"]  # fixtures shared with the database and signing tests


@pytest.fixture
def db(sqlite_engine: object) -> DbFactory:
    return make_db_factory(sqlite_engine)  # type: ignore[arg-type]


def _text(path: Path) -> str:
    return subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True,
                          text=True, check=True).stdout


def test_facilitator_signs_presenter_countersigns_and_the_pdfs_verify(
    db: DbFactory, clock: FixedClock, room: Room, identities: IdentityStore,
    tmp_path: Path, sqlite_engine: object,
) -> None:
    team = room.team
    give_identities(db, identities, room.lead_id, team.worker_id, team.manager_id)
    fill_consultation(db, clock, room)
    mark_ready_to_sign(SupervisionContext(db, AuditTrail(clock), clock, room.lead_id),
                       room.session_id)
    service = SignOffService(db, identities, AuditTrail(clock), clock, tz=dt.UTC)
    with pytest.raises(SignOffError, match="Only the supervisor"):
        service.sign(room.session_id, signer_id=team.manager_id)  # a participant, not the facilitator
    service.sign(room.session_id, signer_id=room.lead_id)
    with pytest.raises(SignOffError, match="Only the worker"):
        service.countersign(room.session_id, signer_id=team.manager_id)
    service.countersign(room.session_id, signer_id=team.worker_id)
    with pytest.raises(SessionNotEditable):
        save_step_text(SupervisionContext(db, AuditTrail(clock), clock, room.lead_id),
                       room.session_id, Step.STORY, "Changed after signing")
    with pytest.raises(IntegrityError, match="signed record"), transaction(db) as s:
        s.execute(update(Consultation).values(story="Changed behind the app's back"))

    result = export_records(db, identities, AuditTrail(clock), session_ids=[room.session_id],
                            out_dir=tmp_path / "out", actor_id=None, mode="inline")
    assert not result.failed
    note = next(p for p in result.written if p.name.endswith("supervision-file.pdf"))
    extract = next(p for p in result.written if p != note)
    for pdf in (note, extract):
        report = subprocess.run(["pdfsig", str(pdf)], capture_output=True, text=True, check=False).stdout
        assert report.count("Signature is Valid.") == 2
        assert "Lee Lead" in report
        assert "Bo Worker" in report
    note_text = " ".join(_text(note).split())
    assert "Case consultation record" in note_text
    assert "Dad moved back" in note_text  # the story: on the supervision-file copy only
    assert "6 people scored from 5 to 5" in note_text
    assert "Detective sergeant, Police (not named)" in note_text
    assert POLICE.name not in note_text
    extract_text = " ".join(_text(extract).split())
    assert "Case consultation: summary for the child's file" in extract_text
    assert "Dad moved back" not in extract_text
    assert "Network meeting with Nan" in extract_text
    url = str(sqlite_engine.url)  # type: ignore[attr-defined]
    keys = str(identities.keys_dir)
    assert main(["--database", url, "verify", "--keys", keys, str(note), str(extract)]) == 0
