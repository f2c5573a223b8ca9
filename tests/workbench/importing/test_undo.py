"""An import never closes what the person did not mean to close, and can be undone.

Preview (nothing written), confirmation of closures beyond the chosen worker, the import
history and undo, future dates as warnings, and who may import: from the service side.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from db.engine import DbFactory, transaction
from db.enums import Role
from db.models import AuditEvent, CaseAllocation, Child, Staff, Team
from tests.conftest import FixedClock
from tests.workbench.importing.conftest import (
    CASELOAD_HEADER,
    Importer,
    caseload_row,
    write_csv,
)
from workbench.access import AccessDenied, Actor
from workbench.audit import AuditTrail
from workbench.importing import ImportFailed, list_imports, plan_import, undo_import

State = Callable[[], dict[str, list[tuple[Any, ...]]]]
FIVE = [f"A{n}" for n in range(1, 6)]


def _file(tmp_path: Path, name: str, *rows: list[str]) -> Path:
    return write_csv(tmp_path / name, [CASELOAD_HEADER, *rows])


def _cases(db: DbFactory) -> dict[tuple[str, str], dt.date | None]:
    with db() as session:
        rows = session.execute(
            select(Child.la_child_id, Staff.name, CaseAllocation.end_date)
            .join(Child, CaseAllocation.child_id == Child.id)
            .join(Staff, CaseAllocation.worker_id == Staff.id))
        return {(ref, worker): end for ref, worker, end in rows}


@pytest.fixture
def team_of_three(tmp_path: Path, run_import: Importer) -> None:
    """Ann has A1-A5; Bo has B1-B3; Cy has C1-C2, all in Northgate."""
    rows = [caseload_row(ref) for ref in FIVE]
    rows += [caseload_row(f"B{n}", worker="Bo Jones") for n in range(1, 4)]
    rows += [caseload_row(f"C{n}", worker="Cy Moss") for n in range(1, 3)]
    run_import(_file(tmp_path, "team.csv", *rows))


def _ann_only(tmp_path: Path) -> Path:
    """One worker's export: Ann's five cases, A5 changed, plus a new A6; Bo and Cy absent."""
    rows = [caseload_row(ref) for ref in FIVE[:4]]
    rows += [caseload_row("A5", kind="CP"), caseload_row("A6")]
    return _file(tmp_path, "ann.csv", *rows)


@pytest.mark.usefixtures("team_of_three")
def test_the_preview_names_every_closure_and_writes_nothing(
        tmp_path: Path, db: DbFactory, clock: FixedClock, snapshot: State) -> None:
    before = snapshot()
    preview = plan_import(db, _ann_only(tmp_path), team="Northgate", clock=clock)
    assert snapshot() == before
    assert (preview.added, preview.updated, preview.unchanged) == (1, 1, 4)
    assert sorted(c.child_ref for c in preview.closures) == ["B1", "B2", "B3", "C1", "C2"]
    assert preview.closures_by_worker() == [("Bo Jones (Northgate)", 3), ("Cy Moss (Northgate)", 2)]
    assert preview.needs_confirmation
    assert "Bo Jones (Northgate) 3" in preview.format_text()

    chosen = plan_import(db, _ann_only(tmp_path), worker="Ann Smith", clock=clock)
    assert chosen.closures == []  # the chosen worker's file closes none of the others' cases
    assert not chosen.needs_confirmation


@pytest.mark.usefixtures("team_of_three")
def test_closing_other_workers_cases_is_refused_without_confirmation(
        tmp_path: Path, run_import: Importer, db: DbFactory, snapshot: State) -> None:
    before = snapshot()
    with pytest.raises(ImportFailed) as refused:
        run_import(_ann_only(tmp_path), team="Northgate", confirm_closures=False)
    assert refused.value.code == "closures_unconfirmed"
    assert "would close open cases of people other than the chosen worker (5 in all;" in str(refused.value)
    assert "Bo Jones (Northgate): 3" in str(refused.value)
    assert snapshot() == before

    # The chosen worker's own closures need no confirmation.
    report = run_import(_file(tmp_path, "ann-less.csv", *[caseload_row(r) for r in FIVE[:3]]),
                        worker="Ann Smith", confirm_closures=False)
    assert report.closed == 2
    assert _cases(db)[("B1", "Bo Jones")] is None

    confirmed = run_import(_ann_only(tmp_path), team="Northgate", confirm_closures=True)
    assert confirmed.closed == 5


@pytest.mark.usefixtures("team_of_three")
def test_undo_reopens_restores_and_removes(
        tmp_path: Path, run_import: Importer, db: DbFactory,
        clock: FixedClock) -> None:
    before = _cases(db)
    with db() as session:
        a5_before = session.execute(select(CaseAllocation.kind, CaseAllocation.updated_at)
                                    .join(Child).where(Child.la_child_id == "A5")).one()
    clock.advance(days=1)
    report = run_import(_ann_only(tmp_path), team="Northgate", confirm_closures=True)
    assert (report.added, report.updated, report.closed) == (1, 1, 5)

    history = list_imports(db, actor=None)
    assert [h.batch_id for h in history] == [report.batch_id, report.batch_id - 1]
    assert not history[0].undone

    clock.advance(hours=1)
    audit = AuditTrail(clock)
    undone = undo_import(db, report.batch_id, actor=None, audit=audit, clock=clock)
    assert (undone.reopened, undone.restored, undone.removed) == (5, 1, 1)
    assert _cases(db) == before  # every case as it was, A6 gone
    with db() as session:
        assert session.execute(select(CaseAllocation.kind, CaseAllocation.updated_at)
                               .join(Child).where(Child.la_child_id == "A5")).one() == a5_before
        event = session.scalars(select(AuditEvent).order_by(AuditEvent.id.desc())).first()
        assert event is not None
        assert event.action == "undo_import"
        assert event.details["reopened"] == 5
    assert list_imports(db, actor=None)[0].undone

    with pytest.raises(ImportFailed, match="already undone") as twice:
        undo_import(db, report.batch_id, actor=None, audit=audit, clock=clock)
    assert twice.value.code == "already_undone"


@pytest.mark.usefixtures("team_of_three")
def test_an_older_import_is_not_undone_over_a_later_one(
        tmp_path: Path, run_import: Importer, db: DbFactory,
        clock: FixedClock, snapshot: State) -> None:
    first = run_import(_ann_only(tmp_path), worker="Ann Smith")
    clock.advance(days=1)
    second = run_import(_file(tmp_path, "later.csv", *[caseload_row(r, kind="CP") for r in FIVE]),
                        worker="Ann Smith")
    assert second.updated == 4
    audit = AuditTrail(clock)
    before = snapshot()
    with pytest.raises(ImportFailed, match="later import") as refused:
        undo_import(db, first.batch_id, actor=None, audit=audit, clock=clock)
    assert refused.value.code == "changed_by_later_import"
    assert f"import {second.batch_id} (later.csv)" in str(refused.value)
    assert snapshot() == before
    # Newest first works: then the older one can be undone too.
    undo_import(db, second.batch_id, actor=None, audit=audit, clock=clock)
    undone = undo_import(db, first.batch_id, actor=None, audit=audit, clock=clock)
    assert undone.removed == 1
    assert ("A6", "Ann Smith") not in _cases(db)


def test_dates_in_the_future_are_warnings_not_rejections(
        tmp_path: Path, run_import: Importer, clock: FixedClock) -> None:
    path = _file(tmp_path, "future.csv", caseload_row("F1", DOB="01/01/2030"),
                 caseload_row("F2", **{"Start date": "01/06/2027"}), caseload_row("F3"))
    report = run_import(path)
    assert report.added == 3
    assert report.rejected == []
    texts = [f"{p.where()}: {p.reason}" for p in report.warnings]
    assert any(t.startswith("child F1: date of birth 2030-01-01 is in the future") for t in texts)
    assert any(t.startswith("child F2: start date 2027-06-01") for t in texts)
    assert "Warnings (2):" in report.format_text()


def _staff(db: DbFactory, name: str, role: Role, team: str | None) -> Actor:
    with transaction(db) as session:
        team_row = None
        if team is not None:
            team_row = session.scalar(select(Team).where(Team.name == team)) or Team(
                name=team, name_key=team.lower())
        person = Staff(name=name, name_key=name.lower(), role=role, team=team_row)
        session.add(person)
        session.flush()
        return Actor.of(person)


@pytest.mark.usefixtures("team_of_three")
def test_only_a_manager_of_the_team_or_an_admin_imports(
        tmp_path: Path, run_import: Importer, db: DbFactory,
        clock: FixedClock, snapshot: State) -> None:
    worker = _staff(db, "Wyn Worker", Role.WORKER, "Northgate")
    lead = _staff(db, "Lee Lead", Role.PRACTICE_LEAD, None)
    other_manager = _staff(db, "Max Manager", Role.TEAM_MANAGER, "Riverside")
    manager = _staff(db, "Nia Manager", Role.TEAM_MANAGER, "Northgate")
    admin = _staff(db, "Ada Admin", Role.ADMIN, None)
    path = _ann_only(tmp_path)
    before = snapshot()
    for actor, words in ((worker, "Only a team manager"), (lead, "Only a team manager"),
                         (other_manager, "only into your own team")):
        with pytest.raises(AccessDenied, match=words):
            run_import(path, worker="Ann Smith", team="Northgate", actor=actor)
        with pytest.raises(AccessDenied, match=words):
            plan_import(db, path, worker="Ann Smith", team="Northgate", actor=actor,
                        clock=clock)
    for actor in (worker, lead):
        with pytest.raises(AccessDenied, match="Only a team manager"):
            run_import(path, worker="Ann Smith", actor=actor)
    # Without a team, a manager imports into their own team: Northgate's rows are not theirs.
    with pytest.raises(ImportFailed, match="'Ann Smith' in 'Riverside'"):
        run_import(path, worker="Ann Smith", actor=other_manager)
    assert snapshot() == before

    report = run_import(path, worker="Ann Smith", actor=manager)  # into their own team
    assert report.team_filter == "Northgate"
    assert report.added == 1
    with pytest.raises(AccessDenied):
        undo_import(db, report.batch_id, actor=other_manager, audit=AuditTrail(clock),
                    clock=clock)
    with pytest.raises(AccessDenied):
        list_imports(db, actor=worker)
    assert [h.batch_id for h in list_imports(db, actor=manager)] == [report.batch_id]
    undo_import(db, report.batch_id, actor=manager, audit=AuditTrail(clock), clock=clock)
    assert run_import(path, worker="Ann Smith", actor=admin).added == 1
