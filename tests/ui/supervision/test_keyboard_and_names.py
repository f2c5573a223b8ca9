"""Keyboard and screen readers: every input on every page of a session, in the start dialog and
in worker mode has an accessible name; shortcuts are shown on the buttons; and in the main
window the Supervision tab takes the worker chosen on the caseload."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QHeaderView,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot

from db.engine import DbFactory
from tests.conftest import FixedClock
from tests.ui.supervision.conftest import North, context_for, open_in, started_session
from tests.ui.supervision.driving import CTRL, SHIFT, back_to_the_window
from tests.ui.supervision.test_session_features import add_worry, discussion_ids
from ui.main_window import MainWindow
from ui.screens.caseload_screen import CaseloadScreen
from ui.services import AppServices
from ui.supervision.reflection_model import CHILD_ID
from ui.supervision.reflection_screen import ReflectionScreen
from ui.supervision.screen import SupervisionScreen

INPUTS = (QLineEdit, QPlainTextEdit, QAbstractSpinBox, QComboBox, QAbstractButton, QAbstractItemView)


def unnamed_inputs(root: QWidget) -> list[str]:
    """Visible inputs under ``root`` without an accessible name (a spin box's or combo box's
    own line edit speaks for its box, a table's header for its table)."""
    missing = []
    for widget in root.findChildren(QWidget):
        if not isinstance(widget, INPUTS) or not widget.isVisible() or isinstance(widget, QHeaderView):
            continue
        if widget.focusPolicy() == Qt.FocusPolicy.NoFocus:
            continue  # out of the keyboard's reach (a table's corner button)
        parent = widget.parentWidget()
        if isinstance(widget, QLineEdit) and isinstance(parent, QAbstractSpinBox | QComboBox):
            continue
        if isinstance(widget, QAbstractButton) and widget.text().strip():
            continue  # a button's text is its name
        if not widget.accessibleName().strip():
            missing.append(f"{type(widget).__name__} {widget.objectName()!r} under "
                           f"{type(parent).__name__ if parent else None}")
    return missing


def test_every_input_on_every_page_of_a_session_has_a_name(
    qtbot: QtBot, screen: SupervisionScreen, services: AppServices, north: North,
    db: DbFactory, clock: FixedClock,
) -> None:
    from workbench.supervision.actions import add_action
    from workbench.supervision.reflections import save_reflection

    earlier = started_session(services, north, days_ago=30, children=("C-1001",))
    add_action(context_for(services, north), discussion_ids(db, earlier)[0], "Chase the GP",
               owner_name="Alex Worker", due_date=clock().date() - dt.timedelta(days=2))
    save_reflection(context_for(services, north).acting_as(north.alex.id), north.case_ids["C-1001"],
                    what_happened="A visit", worker_score=4, flag_for_discussion=True)
    session_id = started_session(services, north, days_ago=0)  # after the reflection: it comes in
    add_worry(services, north, discussion_ids(db, session_id)[0])
    editor = open_in(qtbot, screen, session_id, north)
    pages = 0
    for place in editor.places():
        editor.go(place, focus=True)
        qtbot.waitUntil(lambda: editor.all_saved, timeout=10_000)
        assert unnamed_inputs(editor) == [], place
        pages += 1
    # agenda, a child with actions to review and a reflection (11 steps), one without (9), worker, ready
    assert pages == 1 + 11 + 9 + 2
    # The shortcuts are on the buttons, for everyone to see.
    assert editor.next_button.text() == "&Next  (Ctrl+PgDown)"
    assert editor.back_button.text() == "&Back  (Ctrl+PgUp)"
    assert editor.agenda_page.up_button.text() == "Move &up  (Alt+Up)"
    assert editor.agenda_page.drop_button.text() == "Drop  (Del)"


def test_the_start_dialog_and_worker_mode_name_their_inputs(
    qtbot: QtBot, screen: SupervisionScreen, reflections: ReflectionScreen,
) -> None:
    screen.activateWindow()
    qtbot.waitUntil(screen.isActiveWindow)
    qtbot.keyClick(screen.start_button, Qt.Key.Key_N, CTRL | SHIFT)
    qtbot.waitUntil(lambda: screen.dialog is not None and screen.dialog.choices_loaded)
    assert screen.dialog is not None
    assert unnamed_inputs(screen.dialog) == []
    screen.dialog.reject()
    qtbot.waitUntil(lambda: reflections.model.rowCount() == 3)
    reflections.table.selectRow(0)
    qtbot.waitUntil(lambda: reflections.form is not None and reflections.form.isVisible())
    assert unnamed_inputs(reflections) == []
    assert reflections.model.index(0, CHILD_ID).data() == "C-1001"


def test_the_main_window_has_the_tabs_and_gives_the_caseloads_worker_to_supervision(
    qtbot: QtBot, services: AppServices, north: North,
) -> None:
    window = MainWindow(services)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    titles = [window.tabs.tabText(i) for i in range(window.tabs.count())]
    assert titles[:3] == ["&Caseload", "&Supervision", "Ref&lections"]
    caseload = window.screens["caseload"]
    assert isinstance(caseload, CaseloadScreen)
    qtbot.waitUntil(lambda: caseload.worker_combo.count() == 3)
    caseload.worker_combo.setCurrentIndex(caseload.worker_combo.findText("Alex Worker"))
    qtbot.keyClick(window, Qt.Key.Key_2, CTRL)  # View > Supervision
    supervision = window.screens["supervision"]
    assert isinstance(supervision, SupervisionScreen)
    assert window.tabs.currentWidget() is supervision
    qtbot.waitUntil(lambda: supervision.draft_label.text() != "")
    qtbot.keyClick(supervision.start_button, Qt.Key.Key_N, CTRL | SHIFT)
    qtbot.waitUntil(lambda: supervision.dialog is not None and supervision.dialog.choices_loaded)
    dialog = supervision.dialog
    assert dialog is not None
    assert dialog.worker_combo.currentText() == "Alex Worker (North Team)"
    dialog.reject()
    back_to_the_window(qtbot, window)
    qtbot.keyClick(window, Qt.Key.Key_3, CTRL)  # View > Reflections
    assert window.tabs.currentWidget() is window.screens["reflections"]
    assert QApplication.activeModalWidget() is None
