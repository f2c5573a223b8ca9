"""The agenda page: the session's own details, and the children to discuss in order, with why
each is there; move them (Alt+Up, Alt+Down), add a child from the caseload, drop one; then
"Discuss" walks through them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QDateTime, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QMessageBox,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ui.i18n import arg, translate, translated
from ui.models.caseload_model import format_date
from ui.supervision.agenda_model import CHILD, KIND, REASONS, REFLECTION, AgendaModel, AgendaRow
from ui.supervision.state import SessionState, reread_discussion
from ui.supervision.widgets import Notice, line_box, shortcut_button, wrapped_label
from workbench import timefmt
from workbench.supervision.views import DiscussionView

if TYPE_CHECKING:
    from workbench.caseload import CaseRow


def to_qdatetime(value: dt.datetime) -> QDateTime:
    return QDateTime.fromMSecsSinceEpoch(int(value.timestamp() * 1000))


def from_qdatetime(value: QDateTime) -> dt.datetime:
    return dt.datetime.fromtimestamp(value.toMSecsSinceEpoch() / 1000, tz=dt.UTC)


def split_names(text: str) -> list[str]:
    """'Ann Manager, Bo Worker; Cy' -> ['Ann Manager', 'Bo Worker', 'Cy']."""
    return [name.strip() for name in text.replace(";", ",").split(",") if name.strip()]


def has_content(view: DiscussionView) -> bool:
    """Whether dropping this child would throw away something recorded for them."""
    return bool(view.answers or view.child_voice.strip() or view.impact_statement.strip()
                or view.scores or view.decisions or view.actions
                or any(w.opened_here or w.reworded_here or w.closed_here for w in view.worries)
                or any(a.reviewed_in_id == view.id for a in view.actions_to_review))


def _save_session(state: SessionState, **values: Any) -> Any:
    from workbench.supervision.sessions import save_session_fields

    return save_session_fields(state.ctx, state.session_id, **values)


class AgendaPage(QWidget):
    """``discuss_requested`` follows "Discuss"; ``before_drop(id)`` is called before a child
    is dropped (the editor lets go of its page first)."""

    discuss_requested = Signal()

    def __init__(self, state: SessionState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.before_drop: Callable[[int], None] = lambda _id: None
        self.candidates: list[CaseRow] = []
        view = state.view
        self.late_notice = Notice(translated(view.late_entry or ""))
        self.meeting_edit = QDateTimeEdit(to_qdatetime(view.meeting_at))
        self.meeting_edit.setDisplayFormat("dd MMM yyyy HH:mm")
        self.meeting_edit.setCalendarPopup(True)
        self.meeting_edit.setAccessibleName(self.tr("Meeting date and time"))
        self.meeting_edit.setMaximumWidth(self.fontMetrics().horizontalAdvance("00 MMM 0000 00:00") + 60)
        self.duration = QSpinBox()
        self.duration.setRange(0, 720)
        self.duration.setSuffix(self.tr(" minutes"))
        self.duration.setSpecialValueText(self.tr("Not recorded"))
        self.duration.setValue(view.duration_minutes or 0)
        self.duration.setAccessibleName(self.tr("Duration in minutes"))
        self.duration.setMaximumWidth(self.fontMetrics().horizontalAdvance("Not recorded") + 60)
        self.present = line_box(self.tr("Those present"), text=", ".join(view.present),
                                placeholder=self.tr("Names, separated by commas"))
        self.blind = QCheckBox(self.tr("Bl&ind scaling: hide each score until both have scored"))
        self.blind.setChecked(view.blind_scaling)
        self.blind.setAccessibleName(self.tr("Blind scaling"))

        self.model = AgendaModel(self)
        self.model.set_rows([AgendaRow.of(d) for d in view.discussions])
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName(self.tr("Agenda"))
        self.table.setAccessibleDescription(self.tr("The children to discuss, in order, and why"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)
        self.table.setCornerButtonEnabled(False)  # one row at a time: no 'select all'
        self.table.setWordWrap(True)
        header = self.table.horizontalHeader()
        for column in (CHILD, KIND, REFLECTION):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(REASONS, QHeaderView.ResizeMode.Stretch)
        # Rows as tall as their reasons at the width the columns have now (not when first laid out).
        self._fit_rows = QTimer(self, singleShot=True, interval=0)
        self._fit_rows.timeout.connect(self.table.resizeRowsToContents)
        header.sectionResized.connect(lambda *_: self._fit_rows.start())
        self.up_button = shortcut_button(self.tr("Move &up"), "Alt+Up")
        self.down_button = shortcut_button(self.tr("Move do&wn"), "Alt+Down")
        # No mnemonic: D, R, O and P are taken on this page; Delete on the agenda drops.
        self.drop_button = shortcut_button(self.tr("Drop"),
                                           tip=self.tr("Take the child off the agenda (Del)"))
        self.drop_button.setText(self.tr("Drop  (Del)"))
        QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), self.table, self.drop_selected,
                  context=Qt.ShortcutContext.WidgetShortcut)
        self.add_combo = QComboBox()
        self.add_combo.setAccessibleName(self.tr("Child from the caseload to add"))
        self.add_combo.setMinimumContentsLength(28)
        self.add_button = shortcut_button(self.tr("&Add to agenda"))
        self.discuss_button = shortcut_button(self.tr("&Discuss"), tip=self.tr("Walk through the agenda"))
        self._build_layout()
        self._connect()
        if self.model.rowCount():
            self.table.selectRow(0)
        self._load_candidates()

    def _build_layout(self) -> None:
        details = QFormLayout()
        details.addRow(wrapped_label(self.tr("&Meeting:"), buddy=self.meeting_edit), self.meeting_edit)
        details.addRow(wrapped_label(self.tr("Dura&tion:"), buddy=self.duration), self.duration)
        details.addRow(wrapped_label(self.tr("&Present:"), buddy=self.present), self.present)
        details.addRow("", self.blind)
        moves = QHBoxLayout()
        for button in (self.up_button, self.down_button, self.drop_button):
            moves.addWidget(button)
        moves.addStretch(1)
        adding = QHBoxLayout()
        adding.addWidget(wrapped_label(self.tr("Add a child from the caseload:"), buddy=self.add_combo,
                                       wrap=False))
        adding.addWidget(self.add_combo, 1)
        adding.addWidget(self.add_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.late_notice)
        layout.addLayout(details)
        layout.addWidget(wrapped_label(self.tr("A&genda"), buddy=self.table, bold=True))
        layout.addWidget(self.table, 1)
        layout.addLayout(moves)
        layout.addLayout(adding)
        bottom = QHBoxLayout()
        bottom.addStretch(1)
        bottom.addWidget(self.discuss_button)
        layout.addLayout(bottom)
        QWidget.setTabOrder(self.blind, self.table)

    def _connect(self) -> None:
        state = self.state
        autosave = state.autosave
        autosave.bind(self.meeting_edit, self.meeting_edit.dateTimeChanged,
                      lambda: from_qdatetime(self.meeting_edit.dateTime()),
                      lambda value: _save_session(state, meeting_at=value), key="meeting_at")
        autosave.bind(self.duration, self.duration.valueChanged, lambda: self.duration.value() or None,
                      lambda value: _save_session(state, duration_minutes=value), key="duration")
        autosave.bind(self.present, self.present.textChanged, lambda: split_names(self.present.text()),
                      lambda value: _save_session(state, present=value), key="present")
        autosave.bind(self.blind, self.blind.toggled, self.blind.isChecked,
                      lambda value: _save_session(state, blind_scaling=value), key="blind", immediate=True,
                      on_saved=lambda _r: state.refresh_session())
        self.up_button.clicked.connect(lambda: self.move_selected(-1))
        self.down_button.clicked.connect(lambda: self.move_selected(+1))
        self.drop_button.clicked.connect(self.drop_selected)
        self.add_button.clicked.connect(self.add_selected)
        self.discuss_button.clicked.connect(self.discuss_requested)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.model.rowsInserted.connect(self._update_buttons)
        for changed in (self.model.modelReset, self.model.rowsInserted, self.model.rowsMoved):
            changed.connect(lambda *_: self._fit_rows.start())
        self.model.rowsRemoved.connect(self._update_buttons)
        self._update_buttons()

    # -- reading the caseload --------------------------------------------------------------
    def _load_candidates(self) -> None:
        from workbench.caseload import open_cases

        services, worker_id = self.state.services, self.state.view.supervisee_id
        services.runner.run(
            lambda _p, _c: open_cases(services.db, worker_id=worker_id, actor=services.actor),
            on_success=self._show_candidates, name="agenda candidates")

    def _show_candidates(self, cases: list[CaseRow]) -> None:
        self.candidates = cases
        self._fill_add_combo()

    def _fill_add_combo(self) -> None:
        on_agenda = {row.case_id for row in self.model.rows}
        self.add_combo.clear()
        for case in self.candidates:
            if case.case_id in on_agenda:
                continue
            label = case.la_child_id if not case.child_name else f"{case.child_name} ({case.la_child_id})"
            when = (arg(self.tr("last supervised %1"), format_date(timefmt.local_date(case.last_supervised)))
                    if case.last_supervised else self.tr("not supervised yet"))
            kind = translate("CaseKind", case.kind.label)
            self.add_combo.addItem(arg(self.tr("%1 — %2, %3"), label, kind, when), case.case_id)
        self._update_buttons()

    # -- changing the agenda ---------------------------------------------------------------
    def selected_row(self) -> int:
        rows = self.table.selectionModel().selectedRows()
        return rows[0].row() if rows else -1

    def _update_buttons(self, *_args: object) -> None:
        row, count = self.selected_row(), self.model.rowCount()
        editable = self.state.editable
        self.up_button.setEnabled(editable and row > 0)
        self.down_button.setEnabled(editable and 0 <= row < count - 1)
        self.drop_button.setEnabled(editable and row >= 0)
        self.add_button.setEnabled(editable and self.add_combo.count() > 0)
        self.discuss_button.setEnabled(count > 0)

    def move_selected(self, offset: int) -> None:
        from workbench.supervision.agenda import reorder_agenda

        row = self.selected_row()
        if row < 0 or not self.model.move(row, row + offset):
            return
        self.table.selectRow(row + offset)
        self.table.setFocus()
        order = self.model.discussion_ids()
        session_id = self.state.session_id
        self.state.set_order(order)
        self.state.write(lambda ctx: reorder_agenda(ctx, session_id, order), key="agenda-order")

    def drop_selected(self) -> None:
        row = self.selected_row()
        if row < 0 or not self.state.editable:
            return
        discussion_id = self.model.rows[row].discussion_id
        view = self.state.discussion(discussion_id)
        if not has_content(view):
            self._drop(discussion_id)
            return
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Drop from the agenda"),
                          arg(self.tr("Drop %1 from the agenda? What was recorded for them in this session "
                                  "will be removed."), view.child_label),
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel, self)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.accepted.connect(lambda: self._drop(discussion_id))
        box.open()
        self.confirm_box = box

    def _drop(self, discussion_id: int) -> None:
        from workbench.supervision.agenda import drop_agenda_item

        self.before_drop(discussion_id)
        row = self.model.row_of(discussion_id)
        if row >= 0:
            self.model.remove(row)
            if self.model.rowCount():
                self.table.selectRow(min(row, self.model.rowCount() - 1))
        self.state.drop(discussion_id)
        self._fill_add_combo()
        self.table.setFocus()
        self.state.write(lambda ctx: drop_agenda_item(ctx, discussion_id))

    def add_selected(self) -> None:
        from workbench.supervision.agenda import add_agenda_item

        case_id = self.add_combo.currentData()
        if case_id is None:
            return
        session_id = self.state.session_id
        self.add_combo.removeItem(self.add_combo.currentIndex())

        def add(ctx: Any) -> DiscussionView:
            return reread_discussion(ctx, session_id, add_agenda_item(ctx, session_id, case_id))

        self.state.write(add, on_done=self._added)

    def _added(self, view: DiscussionView) -> None:
        if self.state.has_discussion(view.id):
            return
        self.state.add(view)  # the editor shows it everywhere, this table included
        self.table.selectRow(self.model.row_of(view.id))

    def refresh_rows(self) -> None:
        """Show fresh reads of the children (a reflection arrived, the session was reread)."""
        selected = self.selected_row()
        self.model.set_rows([AgendaRow.of(d) for d in self.state.discussions])
        if 0 <= selected < self.model.rowCount():
            self.table.selectRow(selected)
        self._fill_add_combo()
