"""The demo team: its shape, that it obeys the supervision rules, and that it is deterministic."""

from __future__ import annotations

import datetime as dt
import io
import re
import subprocess
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, func, select

from db.base import Base
from db.engine import DbFactory, make_db_factory, make_engine, transaction
from db.enums import CaseKind, Role, SessionStatus
from db.migrate import upgrade_to_head
from db.models import (
    AuditEvent,
    CaseAllocation,
    Child,
    Reflection,
    Staff,
    SupervisionSession,
    Team,
)
from tests.conftest import FixedClock, _fresh_pg_database
from workbench.audit import verify_chain
from workbench.caseload_scores import caseload_glance
from workbench.cli import main
from workbench.demo import DemoSummary, build_demo, ensure_demo_database, past_sessions_to_sign
from workbench.supervision.completeness import missing_items
from workbench.supervision.loading import read_session
from workbench.supervision.sessions import find_open_draft

TODAY = dt.date(2026, 11, 26)


def _clock() -> FixedClock:
    return FixedClock(dt.datetime.combine(TODAY, dt.time(9), dt.UTC))


@dataclass(frozen=True)
class Built:
    db: DbFactory
    summary: DemoSummary


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def built(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Built]:
    """One demo build per database for the tests that only read it."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path_factory.mktemp('demo') / 'demo.db'}"
        engine = make_engine(url)
        upgrade_to_head(engine)
    else:
        engine = make_engine(_fresh_pg_database(request.getfixturevalue("pg_server")))
    db = make_db_factory(engine)
    yield Built(db, build_demo(db, today=TODAY))
    engine.dispose()


def test_the_demo_team_has_the_promised_shape(built: Built) -> None:
    db, summary = built.db, built.summary
    with db() as s:
        staff = list(s.scalars(select(Staff).order_by(Staff.id)))
        roles = Counter(member.role for member in staff)
        assert roles == {Role.PRACTICE_LEAD: 1, Role.TEAM_MANAGER: 2, Role.WORKER: 8}
        assert all(member.name.startswith("Demo ") for member in staff)
        newly_qualified = [m.name for m in staff if m.is_newly_qualified(TODAY)]
        assert newly_qualified == ["Demo Worker Hazel"]
        assert s.scalar(select(func.count(Team.id))) == 2
        children = list(s.scalars(select(Child.la_child_id).order_by(Child.la_child_id)))
        assert len(children) == 120
        assert children[0] == "DEMO-0001"
        assert children[-1] == "DEMO-0120"
        kinds = Counter(s.scalars(select(CaseAllocation.kind)))
        assert set(kinds) == {CaseKind.CHILD_IN_NEED, CaseKind.CHILD_PROTECTION_PLAN, CaseKind.LOOKED_AFTER}
        assert min(kinds.values()) >= 15
        sessions = s.execute(select(SupervisionSession.supervisee_id, SupervisionSession.meeting_at,
                                    SupervisionSession.status)).all()
        past = [row for row in sessions if row[2] is SessionStatus.READY_TO_SIGN]
        assert len(past) == summary.sessions
        assert Counter(row[2] for row in sessions) == {SessionStatus.READY_TO_SIGN: summary.sessions,
                                                       SessionStatus.DRAFT: 1}
        first = min(row[1] for row in sessions).date()
        assert 150 <= (TODAY - first).days <= 185  # six months of history
        per_worker = Counter(row[0] for row in past)
        hazel = next(m.id for m in staff if m.name == "Demo Worker Hazel")
        assert per_worker[hazel] >= 11  # fortnightly
        assert all(5 <= per_worker[m.id] <= 8 for m in staff if m.role is Role.WORKER and m.id != hazel)
        reflections = list(s.scalars(select(Reflection)))
        assert len(reflections) == summary.reflections == 8
        assert any(r.flag_for_discussion for r in reflections)
        assert any(r.discussion_id is None for r in reflections)

    glance = caseload_glance(db, _clock())
    latest = [row.latest_score for row in glance if row.latest_score is not None]
    assert any(score <= 2 for score in latest)
    assert sum(1 for row in glance if row.change is not None and row.change < 0) >= 10
    assert any(row.overdue for row in glance)


def test_the_open_draft_reopens_with_the_worker_s_reflection_in_it(built: Built) -> None:
    db, summary = built.db, built.summary
    with db() as s:
        manager_id = s.get_one(SupervisionSession, summary.draft_session_id).supervisor_id
        linked = s.scalars(select(Reflection.discussion_id)
                           .where(Reflection.discussion_id.is_not(None))).all()
    draft = find_open_draft(db, manager_id)
    assert draft is not None
    assert draft.session_id == summary.draft_session_id
    assert draft.supervisee_name == "Demo Worker Ash"
    with db() as s:
        view = read_session(s, summary.draft_session_id, today=TODAY)
    assert len(view.discussions) >= 4
    assert linked
    assert {d.id for d in view.discussions if d.reflection is not None} == set(linked)
    assert view.discussions[0].answers  # half-written: some answers are in
    assert missing_items(view)  # ...and it is not ready to sign yet


def test_every_past_session_passes_the_ready_to_sign_check(built: Built) -> None:
    db, summary = built.db, built.summary
    assert past_sessions_to_sign(db) == list(summary.past_session_ids)
    with db() as s:
        for session_id in summary.past_session_ids:
            view = read_session(s, session_id, today=TODAY)
            assert missing_items(view) == [], session_id
            assert view.meeting_at.date() < TODAY


def _dump(db: DbFactory) -> dict[str, list[tuple[Any, ...]]]:
    with db() as s:
        return {table.name: [tuple(row) for row in s.execute(select(table).order_by(table.c.id))]
                for table in Base.metadata.sorted_tables if "id" in table.c}


def test_child_protection_children_have_networks_plans_and_direct_work(built: Built) -> None:
    from db.models import DirectWork, DirectWorkDrawing, NetworkMember, SafetyPlan

    with built.db() as s:
        cp_cases = set(s.scalars(select(CaseAllocation.id).where(
            CaseAllocation.kind == CaseKind.CHILD_PROTECTION_PLAN)))
        planned = set(s.scalars(select(SafetyPlan.case_id)))
        members = s.scalars(select(NetworkMember)).all()
        works = s.scalars(select(DirectWork)).all()
        drawings = s.scalar(select(func.count(DirectWorkDrawing.id)))
    assert planned
    assert planned <= cp_cases  # a safety plan only where there is a child protection plan
    by_case = Counter(m.case_id for m in members if m.removed_at is None)
    assert set(by_case) == planned
    assert min(by_case.values()) >= 3
    assert any(m.removed_at is not None and m.removed_reason for m in members)  # a leaver, kept
    assert {w.tool.value for w in works} == {"three_houses", "wizards_and_fairies"}
    assert all(any(v.strip() for v in w.words.values()) for w in works)  # each in the child's words
    assert drawings
    assert planned - {w.case_id for w in works}  # some CP children without direct work: the warning


def _fresh(path: Path) -> Engine:
    engine = make_engine(f"sqlite:///{path}")
    upgrade_to_head(engine)
    return engine


def test_two_builds_are_identical_and_another_seed_is_not(tmp_path: Path) -> None:
    dumps = []
    for name, seed in (("a.db", 1), ("b.db", 1), ("c.db", 2)):
        engine = _fresh(tmp_path / name)
        build_demo(make_db_factory(engine), today=TODAY, seed=seed)
        dumps.append(_dump(make_db_factory(engine)))
        engine.dispose()
    assert dumps[0] == dumps[1]
    assert dumps[0]["scaling_score"] != dumps[2]["scaling_score"]
    assert sum(len(rows) for rows in dumps[0].values()) > 2500


def test_the_demo_s_audit_events_join_the_sealed_chain(tmp_path: Path) -> None:
    engine = _fresh(tmp_path / "sealed.db")
    db = make_db_factory(engine)
    build_demo(db, today=TODAY, audit_key=b"demo chain key" * 3)
    with db() as s:
        report = verify_chain(s, b"demo chain key" * 3)
        actions = set(s.scalars(select(AuditEvent.action)))
    engine.dispose()
    assert report.ok, report.describe()
    assert report.events > 20
    assert {"demo.build", "reflection.create", "session.start", "discussion.answer"} <= actions


def test_scale_multiplies_the_team_and_later_inserts_still_work(db: DbFactory) -> None:
    summary = build_demo(db, today=TODAY, scale=2)
    assert (summary.teams, summary.staff, summary.children) == (4, 21, 240)
    with db() as s:
        names = list(s.scalars(select(Staff.name)))
        assert "Demo Worker Ash 2" in names
        assert len(names) == len(set(names))
        assert s.scalar(select(func.max(Child.la_child_id))) == "DEMO-0240"
    with transaction(db) as s:  # the id sequences moved past the demo's ids
        s.add(Team(name="A real team", name_key="a real team"))


def test_ensure_fills_an_empty_database_once_and_calls_the_sign_hook(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'demo.db'}"
    signed: list[Sequence[int]] = []
    summary = ensure_demo_database(url, TODAY, sign=lambda _sessions, ids: signed.append(ids))
    assert summary is not None
    assert signed == [summary.past_session_ids]
    assert ensure_demo_database(url, TODAY) is None
    engine = make_engine(url)
    with make_db_factory(engine)() as s:  # the second call added nothing
        assert s.scalar(select(func.count(SupervisionSession.id))) == summary.sessions + 1
    engine.dispose()


def test_the_cli_builds_the_apps_signed_demo_and_exports_it_unattended(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("WORKBENCH_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("WORKBENCH_DATABASE", raising=False)

    def no_prompt(prompt: str = "") -> str:
        raise AssertionError(f"the export asked for a passphrase: {prompt}")

    monkeypatch.setattr("getpass.getpass", no_prompt)
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    # (Making all its PDFs now takes a minute or more: kept PDFs are tested below on a few records.)
    assert main(["--demo", "demo", "--today", "2026-11-26", "--no-pdfs"]) == 0
    out = capsys.readouterr().out
    assert "Added the demo team: 2 teams, 11 staff, 120 children" in out
    built = re.search(r"(\d+) past sessions \(", out)
    assert built is not None, out
    assert f"Signed {built[1]} past sessions with demo identities" in out  # every one of them

    # One child's records of the last month (every PDF of all the sessions takes minutes on two
    # cores; each session discusses the worker's whole caseload).
    exported = tmp_path / "out"
    assert main(["--demo", "export", "--from", "2026-10-27", "--to", "2026-11-26", "--child", "DEMO-0001",
                 "--out", str(exported), "--workers", "1"]) == 0
    notes = sorted(exported.glob("*_supervision-file.pdf"))
    extracts = sorted(exported.glob("*_child-file.pdf"))
    assert notes
    assert sum("DEMO-0001" in p.name for p in extracts) == len(notes)  # and the other children's
    printed = capsys.readouterr()
    assert f"Wrote {len(notes) + len(extracts)} PDFs" in printed.out
    assert "Traceback" not in printed.err
    # The PDFs, signed by the manager and countersigned by the worker (poppler judges).
    checked = subprocess.run(["pdfsig", str(notes[0])], capture_output=True, text=True, check=False)
    assert checked.stdout.count("Signature is Valid.") == 2, checked.stdout

    assert main(["--demo", "demo"]) == 1
    err = capsys.readouterr().err
    assert "already has staff in it" in err
    assert "Traceback" not in err
    with pytest.raises(SystemExit):
        main(["--demo", "demo", "--scale", "0"])
    assert "not a whole number of 1 or more" in capsys.readouterr().err


def test_the_demo_s_pdfs_are_kept_so_that_an_export_reads_them(
        db: DbFactory, tmp_path: Path) -> None:
    """What the demo's doors do after signing, on a small team (the whole demo's ~55 records
    take a minute): its records' PDFs made and kept, so an export makes none; stopped partway,
    what was made is kept and the rest is made next time."""
    from tests.workbench.signing.builders import make_session, make_team
    from workbench.audit import AuditTrail
    from workbench.export.batch import gather
    from workbench.secrets import SecretStore
    from workbench.signing.demo import keep_demo_documents, sign_demo_sessions
    from workbench.signing.identity import IdentityStore

    clock = _clock()
    keys = tmp_path / "keys"
    team = make_team(db)
    sessions = [make_session(db, team, meeting_at=clock() - dt.timedelta(days=days))
                for days in (30, 20, 10)]
    signing = sign_demo_sessions(db, keys_dir=keys, clock=clock, audit=AuditTrail(clock))
    assert signing.signed == 3
    progress: list[tuple[int, int]] = []
    made = keep_demo_documents(db, keys_dir=keys, clock=clock, workers=1,
                               progress=lambda done, total: progress.append((done, total)),
                               cancel=lambda: len(progress) >= 2)
    assert made == 2
    assert progress == [(1, 3), (2, 3)]
    assert keep_demo_documents(db, keys_dir=keys, clock=clock) == 1  # the one left
    assert keep_demo_documents(db, keys_dir=keys, clock=clock) == 0  # nothing left
    # Each has its note and one extract per child, signed: an export reads them, makes none.
    identities = IdentityStore(keys, SecretStore(), clock, AuditTrail(clock))
    again = list(gather(db, identities, session_ids=sessions, kinds=("note", "extract"),
                        clock=clock, mode="thread"))
    assert sorted(r.session_id for r in again) == sorted(sessions)
    assert [r.made for r in again] == [False] * 3
    assert all(r.error == "" for r in again)
    assert all(len(r.files) == 1 + len(team.child_ids) for r in again)


def test_children_come_back_within_their_interval_with_their_own_story(built: Built) -> None:
    """What a practice lead would check: most re-discussions within the child's interval (the
    oversight report's own count), no two children of one worker with the same name, the harm
    kept unless reworded with a reason, many different children's words, and no placeholder."""
    from db.models import CaseDiscussion
    from workbench.oversight.compute import read_rediscussion

    with built.db() as s:
        again = read_rediscussion(s, None, None, TODAY - dt.timedelta(days=200), TODAY,
                                   dt.datetime.combine(TODAY, dt.time(23), dt.UTC))
        assert again.total > 500
        assert again.within / again.total >= 0.8, again
        names = s.execute(select(CaseAllocation.worker_id, Child.name)
                          .join(Child, Child.id == CaseAllocation.child_id)).all()
        per_worker = Counter(names)
        assert max(per_worker.values()) == 1, [pair for pair, n in per_worker.items() if n > 1]
        rows = s.execute(select(CaseDiscussion.case_id, CaseDiscussion.answers, CaseDiscussion.child_voice)
                         .join(SupervisionSession, SupervisionSession.id == CaseDiscussion.session_id)
                         .order_by(CaseDiscussion.case_id, SupervisionSession.meeting_at)).all()
    voices = {voice for _case, _answers, voice in rows if voice.strip()}
    assert len(voices) >= 30
    previous: dict[int, str] = {}
    for case_id, answers, voice in rows:
        harm = answers.get("harm", "")
        assert "Demo note" not in harm + voice
        if case_id in previous and harm and harm != previous[case_id]:
            assert harm.startswith(previous[case_id]), (case_id, harm)  # kept, with what changed added
            assert "Reworded on" in harm or "Added on" in harm
        if harm:
            previous[case_id] = harm
