"""The caseload table model: what it shows, how it sorts and filters (no widgets)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QPersistentModelIndex, Qt
from pytestqt.modeltest import ModelTester

from db.enums import CaseKind
from tests.ui.caseload_rows import case_row
from ui.models.caseload_model import (
    CHILD_ID,
    KIND,
    LAST_SUPERVISED,
    LAST_VISIT,
    NAME,
    SEEN_ALONE,
    START,
    CaseloadFilter,
    CaseloadModel,
    prepare_caseload,
)
from ui.models.roles import OBJECT_ROLE, SORT_ROLE

ROWS = [
    case_row("C-10", name="Ada Lovelace", kind=CaseKind.LOOKED_AFTER, start=dt.date(2026, 3, 9),
             last_visit=dt.date(2026, 11, 2), seen_alone=True,
             last_supervised=dt.datetime(2026, 11, 20, 9, 30, tzinfo=dt.UTC)),
    case_row("C-9", name=None, kind=CaseKind.CHILD_PROTECTION_PLAN, start=dt.date(2025, 12, 1),
             seen_alone=False),
    case_row("C-100", name="Ben <b>Bold</b> & Co", kind=CaseKind.CHILD_IN_NEED,
             start=dt.date(2026, 1, 15), last_visit=dt.date(2026, 10, 1)),
]


def column(model: CaseloadModel | CaseloadFilter, col: int) -> list[str]:
    return [model.index(row, col).data() for row in range(model.rowCount())]


def test_cells_show_formatted_values_and_the_row_object() -> None:
    model = CaseloadModel()
    model.set_rows(ROWS)
    assert model.rowCount() == 3
    # Rows come sorted by child id, digits compared as numbers.
    assert column(model, CHILD_ID) == ["C-9", "C-10", "C-100"]
    assert column(model, NAME) == ["", "Ada Lovelace", "Ben <b>Bold</b> & Co"]
    assert column(model, KIND) == ["Child protection plan", "Looked after", "Child in need"]
    assert column(model, START) == ["01 Dec 2025", "09 Mar 2026", "15 Jan 2026"]
    assert column(model, SEEN_ALONE) == ["No", "Yes", ""]
    assert column(model, LAST_SUPERVISED) == ["", "20 Nov 2026", ""]
    assert model.index(0, NAME).data(OBJECT_ROLE) is ROWS[1]
    assert model.index(1, START).data(SORT_ROLE) == dt.date(2026, 3, 9).toordinal()
    assert model.headerData(CHILD_ID, Qt.Orientation.Horizontal) == "Child ID"


def test_dates_sort_by_date_and_ids_sort_naturally() -> None:
    model = CaseloadModel()
    model.set_rows(ROWS)
    proxy = CaseloadFilter()
    proxy.setSourceModel(model)
    proxy.sort(START)
    # As text "01 Dec 2025" < "09 Mar 2026" < "15 Jan 2026"; as dates Dec 2025 < Jan < Mar.
    assert column(proxy, START) == ["01 Dec 2025", "15 Jan 2026", "09 Mar 2026"]
    proxy.sort(CHILD_ID)
    assert column(proxy, CHILD_ID) == ["C-9", "C-10", "C-100"]
    proxy.sort(LAST_VISIT)
    assert column(proxy, LAST_VISIT) == ["", "01 Oct 2026", "02 Nov 2026"]


def test_the_model_sorts_itself_and_keeps_persistent_indexes() -> None:
    model = CaseloadModel()
    model.set_rows(ROWS)
    ada = QPersistentModelIndex(model.index(1, NAME))
    assert ada.data() == "Ada Lovelace"
    model.sort(START, Qt.SortOrder.DescendingOrder)
    assert column(model, START) == ["09 Mar 2026", "15 Jan 2026", "01 Dec 2025"]
    assert ada.row() == 0
    assert ada.data() == "Ada Lovelace"
    # A new table arrives in the order the user chose.
    model.set_rows(list(reversed(ROWS)))
    assert column(model, START) == ["09 Mar 2026", "15 Jan 2026", "01 Dec 2025"]
    assert model.sort_order == (START, True)


def test_filter_matches_child_id_name_or_kind_ignoring_case() -> None:
    model = CaseloadModel()
    model.set_rows(ROWS)
    proxy = CaseloadFilter()
    proxy.setSourceModel(model)
    proxy.set_filter_text("  ada ")
    assert column(proxy, CHILD_ID) == ["C-10"]
    proxy.set_filter_text("c-10")
    assert sorted(column(proxy, CHILD_ID)) == ["C-10", "C-100"]
    proxy.set_filter_text("PROTECTION")
    assert column(proxy, CHILD_ID) == ["C-9"]
    proxy.set_filter_text("<b>")  # markup characters are plain text to the filter
    assert column(proxy, CHILD_ID) == ["C-100"]
    proxy.set_filter_text("Alex Worker")  # the worker is not what the filter is for
    assert proxy.rowCount() == 0
    proxy.set_filter_text("")
    assert proxy.rowCount() == 3
    assert proxy.case_at(0) in ROWS


def test_reloading_replaces_the_rows() -> None:
    model = CaseloadModel()
    model.set_rows(ROWS)
    model.set_rows(ROWS[:1])
    assert column(model, CHILD_ID) == ["C-10"]
    model.set_rows([])
    assert model.rowCount() == 0


def test_models_pass_the_qt_model_tester(qtmodeltester: ModelTester) -> None:
    model = CaseloadModel()
    model.set_rows(ROWS)
    qtmodeltester.check(model)
    proxy = CaseloadFilter()
    proxy.setSourceModel(model)
    proxy.sort(START)
    proxy.set_filter_text("c-1")
    qtmodeltester.check(proxy)
    model.set_rows(ROWS[1:])  # the tester watches the reset too
    model.set_rows([])


def test_rows_shown_before_a_sort_keep_their_own_text_after_it() -> None:
    model = CaseloadModel()
    model.set_rows(ROWS)
    before = [column(model, col) for col in range(model.columnCount())]  # every cell seen
    model.sort(NAME, Qt.SortOrder.DescendingOrder)
    model.sort(LAST_VISIT)
    after = {model.index(row, CHILD_ID).data(OBJECT_ROLE).la_child_id:
             [model.index(row, col).data() for col in range(model.columnCount())]
             for row in range(model.rowCount())}
    assert {cells[CHILD_ID]: cells for cells in zip(*before, strict=True)} == {
        child_id: tuple(cells) for child_id, cells in after.items()}
    assert column(model, LAST_VISIT) == ["", "01 Oct 2026", "02 Nov 2026"]


def test_ids_of_one_shape_sort_as_folded_text_and_mixed_ones_by_their_numbers() -> None:
    model = CaseloadModel()
    model.set_rows([case_row(child_id) for child_id in ("b-02", "A-10", "a-01", "B-01")])
    assert column(model, CHILD_ID) == ["a-01", "A-10", "B-01", "b-02"]
    model.set_rows([case_row(child_id) for child_id in ("x2", "X10", "x1b", "x1")])
    assert column(model, CHILD_ID) == ["x1", "x1b", "x2", "X10"]


def test_the_longest_text_of_each_column_sizes_it() -> None:
    table = prepare_caseload(ROWS)
    assert table.longest[CHILD_ID] == "C-100"
    assert table.longest[NAME] == "Ben <b>Bold</b> & Co"
    assert table.longest[KIND] == "Child protection plan"
    assert table.longest[SEEN_ALONE] == "Yes"
    assert len(table.longest[START]) == len("01 Dec 2025")
    assert prepare_caseload([]).longest == ("",) * 10
