"""Migration 0013 (safety planning and direct work), on both databases: going down to the
revision before it (0015) and up again keeps every record and every guard; a stored drawing
never changes; a signed session's case record and its actions' links are frozen with the rest
of it."""

from __future__ import annotations

import datetime as dt

import pytest
from alembic import command
from sqlalchemy import Engine, text
from sqlalchemy.exc import DBAPIError

from db.engine import DbFactory, transaction
from db.enums import ActionStatus, DirectWorkTool, SessionStatus
from db.migrate import alembic_config, current_revision
from db.models import (
    Action,
    ActionLink,
    CaseDiscussion,
    DirectWork,
    DirectWorkDrawing,
    Signature,
    SupervisionSession,
)
from tests.db.test_schema import MEETING, _one_discussion


def _count(engine: Engine, table: str) -> int:
    with engine.connect() as c:
        return int(c.execute(text(f"SELECT count(*) FROM {table}")).scalar_one())


def _sign(db: DbFactory, discussion_id: int) -> tuple[int, int]:
    """Give the discussion an action with a link and a case record, then sign its session."""
    with transaction(db) as s:
        d = s.get_one(CaseDiscussion, discussion_id)
        d.case_record = {"format": "psw-case-record/1", "safety_plan": {"status": "agreed"}}
        action = Action(case_id=d.case_id, discussion_id=d.id, description="Network meeting",
                        status=ActionStatus.OPEN)
        s.add(action)
        s.flush()
        s.add(ActionLink(action_id=action.id, about_safety_plan=True))
        s.add(Signature(session_id=d.session_id, signer_id=d.session.supervisor_id, signer_role="supervisor",
                        kind="approval", content_sha256="0" * 64, signature=b"x",
                        certificate_fingerprint="f"))
        s.flush()
        s.get_one(SupervisionSession, d.session_id).status = SessionStatus.SIGNED_BY_SUPERVISOR
        return d.session_id, action.id


def test_down_to_0015_and_up_again_keeps_records_and_guards(engine: Engine,
                                                            db: DbFactory) -> None:
    discussion_id, _case_id = _one_discussion(db)
    _sign(db, discussion_id)
    config = alembic_config(engine)
    command.downgrade(config, "0015")
    assert current_revision(engine) == "0015"
    assert _count(engine, "case_discussion") == 1
    command.upgrade(config, "head")
    assert _count(engine, "case_discussion") == 1
    assert _count(engine, "action") == 1
    # 0003's guard on case_discussion survived both steps: a signed discussion stays frozen.
    with pytest.raises(DBAPIError, match="signed record"), engine.begin() as c:
        c.execute(text("UPDATE case_discussion SET child_voice = 'rewritten'"))


def test_a_signed_case_record_and_action_link_never_change(db: DbFactory) -> None:
    discussion_id, _case_id = _one_discussion(db)
    _session_id, action_id = _sign(db, discussion_id)
    with pytest.raises(DBAPIError, match="signed record"), transaction(db) as s:
        s.get_one(CaseDiscussion, discussion_id).case_record = {"safety_plan": {"status": "none"}}
    with pytest.raises(DBAPIError, match="signed record"), transaction(db) as s:
        s.delete(s.get_one(ActionLink, action_id))
    with db() as s:
        assert s.get_one(CaseDiscussion, discussion_id).case_record["safety_plan"]["status"] == "agreed"


def test_a_stored_drawing_is_never_changed_or_deleted(db: DbFactory) -> None:
    _discussion_id, case_id = _one_discussion(db)
    with transaction(db) as s:
        work = DirectWork(case_id=case_id, done_on=dt.date(2026, 11, 1), tool=DirectWorkTool.THREE_HOUSES,
                          done_by="Bo", words={"worries": "shouting"}, created_at=MEETING)
        s.add(work)
        s.flush()
        drawing = DirectWorkDrawing(direct_work_id=work.id, file_name="a.png", media_type="image/png",
                                    size=1, sha256="a" * 64, data=b"a", preview_png=b"a",
                                    created_at=MEETING)
        s.add(drawing)
        s.flush()
        drawing_id = drawing.id
    with pytest.raises(DBAPIError, match="never changed or deleted"), transaction(db) as s:
        s.execute(text("UPDATE direct_work_drawing SET data = :d WHERE id = :i"),
                  {"d": b"b", "i": drawing_id})
    with pytest.raises(DBAPIError, match="never changed or deleted"), transaction(db) as s:
        s.execute(text("DELETE FROM direct_work_drawing WHERE id = :i"), {"i": drawing_id})
    with db() as s:
        assert s.scalar(text("SELECT data FROM direct_work_drawing")) == b"a"
