"""The supervision screens' Qt models: what they show, how they change, and Qt's model tester."""

from __future__ import annotations

from PySide6.QtCore import QPersistentModelIndex, Qt
from pytestqt.modeltest import ModelTester

from db.enums import CaseKind
from tests.ui.caseload_rows import case_row
from tests.ui.supervision.views import AT, discussion, reflection
from ui.models.roles import OBJECT_ROLE
from ui.supervision.agenda_model import CHILD, KIND, REASONS, REFLECTION, AgendaModel, AgendaRow
from ui.supervision.flow import AGENDA, DISCUSSION, READY, WORKER, Place
from ui.supervision.outline_model import MissingModel, OutlineModel, outline_entries
from ui.supervision.reflection_model import (
    CHILD_ID,
    LAST_SUPERVISED,
    NAME,
    STATUS,
    ReflectionCaseloadModel,
)
from workbench.supervision.completeness import MissingItem, MissingKind


def agenda_rows() -> list[AgendaRow]:
    return [
        AgendaRow.of(discussion(1, child="C-1", name="Ada <b>Smith</b>",
                                reasons=("Latest score 2 (at or below 2)", "1 action overdue"),
                                with_reflection=reflection())),
        AgendaRow.of(discussion(2, child="C-2", kind=CaseKind.LOOKED_AFTER)),
        AgendaRow.of(discussion(3, child="C-3")),
    ]


def cells(model: AgendaModel, column: int) -> list[str]:
    return [model.index(row, column).data() for row in range(model.rowCount())]


def test_agenda_rows_show_the_child_kind_reasons_and_reflection() -> None:
    model = AgendaModel()
    model.set_rows(agenda_rows())
    assert cells(model, CHILD) == ["Ada <b>Smith</b> (C-1)", "C-2", "C-3"]
    assert cells(model, KIND) == ["Child in need", "Looked after", "Child in need"]
    assert cells(model, REASONS)[0] == "Latest score 2 (at or below 2)\n1 action overdue"
    assert cells(model, REFLECTION) == ["Prepared, flagged for discussion", "", ""]
    assert model.index(0, REASONS).data(Qt.ItemDataRole.ToolTipRole).count("\n") == 1
    assert model.headerData(REASONS, Qt.Orientation.Horizontal) == "Why it is on the agenda"
    assert model.headerData(1, Qt.Orientation.Vertical) == "2"  # the agenda's numbering
    assert model.index(1, CHILD).data(OBJECT_ROLE).discussion_id == 2
    assert model.index(2, REFLECTION).data(Qt.ItemDataRole.AccessibleTextRole) == "none"


def test_agenda_rows_move_down_and_up_and_keep_persistent_indexes() -> None:
    model = AgendaModel()
    model.set_rows(agenda_rows())
    first = QPersistentModelIndex(model.index(0, CHILD))
    assert model.move(0, 1)
    assert model.discussion_ids() == [2, 1, 3]
    assert first.row() == 1
    assert model.move(1, 2)
    assert model.discussion_ids() == [2, 3, 1]
    assert model.move(2, 0)
    assert model.discussion_ids() == [1, 2, 3]
    assert first.row() == 0
    assert not model.move(0, -1)  # past either end: nothing changes
    assert not model.move(2, 3)
    assert model.discussion_ids() == [1, 2, 3]


def test_agenda_rows_are_dropped_and_added() -> None:
    model = AgendaModel()
    model.set_rows(agenda_rows())
    removed = model.remove(1)
    assert removed.discussion_id == 2
    assert model.discussion_ids() == [1, 3]
    model.append(removed)
    assert model.discussion_ids() == [1, 3, 2]
    assert model.row_of(2) == 2
    assert model.row_of(99) == -1


def test_agenda_model_passes_the_qt_model_tester(qtmodeltester: ModelTester) -> None:
    model = AgendaModel()
    model.set_rows(agenda_rows())
    qtmodeltester.check(model)
    model.move(0, 2)
    model.move(2, 1)
    model.append(model.remove(0))
    model.set_rows([])


def test_outline_lists_the_pages_and_finds_the_row_of_any_step() -> None:
    model = OutlineModel()
    model.set_items(outline_entries([(7, "Ada"), (3, "C-2")], {7: "worries", 3: "reflection"},
                                    "The worker's part"))
    texts = [model.index(r, 0).data() for r in range(model.rowCount())]
    assert texts == ["Agenda", "1. Ada", "2. C-2", "The worker's part", "Ready to sign"]
    assert model.index(2, 0).data(OBJECT_ROLE).place == Place(DISCUSSION, 3, "reflection")
    assert model.row_of(Place(DISCUSSION, 3, "scale")) == 2
    assert model.row_of(Place(AGENDA)) == 0
    assert model.row_of(Place(WORKER)) == 3
    assert model.row_of(Place(READY)) == 4
    assert model.row_of(Place(DISCUSSION, 99, "scale")) == -1


def test_missing_items_show_their_messages() -> None:
    model = MissingModel()
    items = [MissingItem(MissingKind.SESSION_DETAIL, "Record who was present."),
             MissingItem(MissingKind.ANSWER, "Ada: answer 'Harm'", discussion_id=7, question_id="harm")]
    model.set_missing(items)
    assert [model.index(r, 0).data() for r in range(2)] == ["Record who was present.", "Ada: answer 'Harm'"]
    assert model.index(1, 0).data(OBJECT_ROLE) is items[1]
    model.set_missing([])
    assert model.rowCount() == 0


def test_outline_and_missing_models_pass_the_qt_model_tester(qtmodeltester: ModelTester) -> None:
    outline = OutlineModel()
    outline.set_items(outline_entries([(1, "Ada")], {1: "worries"}, "The worker's part"))
    qtmodeltester.check(outline)
    missing = MissingModel()
    missing.set_missing([MissingItem(MissingKind.AGENDA, "Add at least one child to the agenda.")])
    qtmodeltester.check(missing)
    missing.set_missing([])


def reflection_caseload() -> ReflectionCaseloadModel:
    model = ReflectionCaseloadModel()
    cases = [case_row("C-1", name="Ada", case_id=1, last_supervised=AT),
             case_row("C-2", case_id=2, kind=CaseKind.LOOKED_AFTER),
             case_row("C-3", case_id=3)]
    model.set_caseload(cases, {1: reflection(1, flagged=True),
                               3: reflection(3, what_happened="", flagged=False)})
    return model


def test_worker_caseload_shows_where_each_reflection_stands() -> None:
    model = reflection_caseload()
    column = [model.index(r, STATUS).data() for r in range(3)]
    assert column == ["Prepared, flagged for discussion", "Not started", "Not started"]
    assert [model.index(r, CHILD_ID).data() for r in range(3)] == ["C-1", "C-2", "C-3"]
    assert model.index(1, NAME).data() == ""
    assert model.index(0, LAST_SUPERVISED).data() == "20 Nov 2026"
    assert model.index(2, CHILD_ID).data(OBJECT_ROLE).case.case_id == 3


def test_a_saved_reflection_updates_its_row_only() -> None:
    model = reflection_caseload()
    changed: list[tuple[int, int]] = []
    model.dataChanged.connect(lambda first, last: changed.append((first.row(), last.row())))
    model.update_reflection(2, reflection(2, flagged=False))
    assert model.index(1, STATUS).data() == "Prepared"
    assert changed == [(1, 1)]
    model.update_reflection(99, reflection(99))  # not on this caseload: nothing happens
    assert changed == [(1, 1)]


def test_worker_caseload_model_passes_the_qt_model_tester(qtmodeltester: ModelTester) -> None:
    model = reflection_caseload()
    qtmodeltester.check(model)
    model.update_reflection(1, None)
    model.set_caseload([], {})
    assert model.rowCount() == 0
