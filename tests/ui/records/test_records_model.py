"""The records table model and its filter, without widgets."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from pytestqt.modeltest import ModelTester

from ui.models.roles import OBJECT_ROLE, SORT_ROLE
from ui.records.model import CHILDREN, MEETING, PDFS, STATUS, TEAM, WORKER, RecordsFilter, RecordsModel
from workbench.export.finding import RecordRow


def _row(session_id: int, day: int, team: str, worker: str, children: tuple[str, ...], *,
         status: str = "countersigned", stored: bool = True) -> RecordRow:
    return RecordRow(session_id, dt.datetime(2026, 11, day, 14, 30, tzinfo=dt.UTC), team, "Ann Manager",
                     worker, status, children, tuple(range(len(children))), stored)


ROWS = [
    _row(1, 3, "North", "Bo Worker", ("C-10", "C-9")),
    _row(2, 20, "North", "Bo <b>Worker</b> & Co", ("C-100",), status="disagreement_recorded"),
    _row(3, 11, "South", "Di Worker", ("S-1",), status="signed_by_supervisor", stored=False),
]


def _column(model: RecordsModel | RecordsFilter, column: int) -> list[str]:
    return [model.index(row, column).data() for row in range(model.rowCount())]


def test_cells_show_each_record_as_a_person_reads_it() -> None:
    model = RecordsModel(tz=dt.UTC)
    model.set_rows(ROWS)
    assert model.rowCount() == 3
    assert _column(model, MEETING) == ["03 Nov 2026 14:30", "20 Nov 2026 14:30", "11 Nov 2026 14:30"]
    assert _column(model, WORKER)[1] == "Bo <b>Worker</b> & Co"  # as typed
    assert _column(model, CHILDREN) == ["C-10, C-9", "C-100", "S-1"]
    assert _column(model, STATUS) == ["By both", "Worker disagrees", "By the supervisor"]
    assert _column(model, PDFS) == ["Kept", "Kept", "Made at first export"]
    assert "first export" in model.index(2, PDFS).data(Qt.ItemDataRole.ToolTipRole)
    assert model.index(1, 0).data(OBJECT_ROLE) is ROWS[1]
    assert model.headerData(TEAM, Qt.Orientation.Horizontal) == "Team"


def test_the_filter_narrows_by_team_worker_child_and_dates_and_sorts_by_meeting() -> None:
    model = RecordsModel(tz=dt.UTC)
    model.set_rows(ROWS)
    proxy = RecordsFilter()
    proxy.setSourceModel(model)
    proxy.sort(MEETING, Qt.SortOrder.AscendingOrder)
    assert [proxy.record_at(r).session_id for r in range(3)] == [1, 3, 2]
    assert model.index(0, MEETING).data(SORT_ROLE) < model.index(1, MEETING).data(SORT_ROLE)

    proxy.set_filter(team="North")
    assert [proxy.record_at(r).session_id for r in range(proxy.rowCount())] == [1, 2]
    proxy.set_filter(child="c-1")  # part of an id, any case: C-10 and C-100
    assert [proxy.record_at(r).session_id for r in range(proxy.rowCount())] == [1, 2]
    proxy.set_filter(child="C-9")
    assert [proxy.record_at(r).session_id for r in range(proxy.rowCount())] == [1]
    proxy.set_filter(team="", child="", worker="Di Worker")
    assert [proxy.record_at(r).session_id for r in range(proxy.rowCount())] == [3]
    proxy.set_filter(worker="")
    proxy.set_dates(dt.date(2026, 11, 4), dt.date(2026, 11, 20))  # both ends included
    assert [proxy.record_at(r).session_id for r in range(proxy.rowCount())] == [3, 2]
    proxy.set_dates(None, None)
    assert proxy.rowCount() == 3


def test_the_models_pass_the_model_tester(qtmodeltester: ModelTester) -> None:
    model = RecordsModel(tz=dt.UTC)
    model.set_rows(ROWS)
    qtmodeltester.check(model)
    proxy = RecordsFilter()
    proxy.setSourceModel(model)
    proxy.set_filter(team="North")
    qtmodeltester.check(proxy)
    model.set_rows([])
    qtmodeltester.check(model)


def test_a_summer_meeting_shows_in_local_time_as_the_editor_showed_it() -> None:
    """Stored in UTC (14:00), shown where the computer is (London in July: 15:00, BST)."""
    from zoneinfo import ZoneInfo

    london = ZoneInfo("Europe/London")
    summer = RecordRow(7, dt.datetime(2026, 7, 20, 14, 0, tzinfo=dt.UTC), "North", "Ann Manager",
                       "Bo Worker", "countersigned", ("C-1",), (1,), True)
    late = RecordRow(8, dt.datetime(2026, 7, 20, 23, 30, tzinfo=dt.UTC), "North", "Ann Manager",
                     "Bo Worker", "countersigned", ("C-1",), (1,), True)  # 00:30 BST the next day
    model = RecordsModel(tz=london)
    model.set_rows([summer, late])
    assert _column(model, MEETING) == ["20 Jul 2026 15:00", "21 Jul 2026 00:30"]
    proxy = RecordsFilter()
    proxy.setSourceModel(model)
    proxy.set_dates(dt.date(2026, 7, 21), dt.date(2026, 7, 21))
    assert [proxy.record_at(r).session_id for r in range(proxy.rowCount())] == [8]  # the day shown
