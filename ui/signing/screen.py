"""The Sign-off tab: what waits for the signed-in person's signature. A manager signs the
sessions that are ready and adds signed addenda to signed ones; a worker opens the signed note
and countersigns it or records their disagreement."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QItemSelection, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QAbstractItemView, QHBoxLayout, QHeaderView, QTableView, QVBoxLayout, QWidget

from ui.models.roles import OBJECT_ROLE
from ui.problems import explain
from ui.screens import ScreenBase
from ui.signing.model import WaitingModel
from ui.supervision.widgets import Notice, help_label, shortcut_button, wrapped_label
from workbench.signing.desk import Step, WaitingRow, waiting_for

if TYPE_CHECKING:
    from ui.services import AppServices
    from ui.signing.note_view import NoteDialog
    from ui.signing.sign_dialog import SignDialog, SignOutcome


class SignOffScreen(ScreenBase):
    """``signed(SignOutcome)`` follows any signature made from this screen."""

    signed = Signal(object)

    def __init__(self, services: AppServices, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.dialog: SignDialog | NoteDialog | None = None
        self.done_message: str | None = None  # what the last signature did, kept over a refresh
        self.model = WaitingModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setAccessibleName(self.tr("Sessions to sign"))
        self.notice = Notice()
        self.view_button = shortcut_button(self.tr("Read the signed &note…"))
        self.sign_button = shortcut_button(self.tr("Sign as su&pervisor…"))
        self.countersign_button = shortcut_button(self.tr("Coun&tersign…"))
        self.disagree_button = shortcut_button(self.tr("Record &disagreement…"))
        self.addendum_button = shortcut_button(self.tr("Add signed addend&um…"))
        buttons = QHBoxLayout()
        buttons.addWidget(self.view_button)
        buttons.addStretch(1)
        for button in (self.sign_button, self.addendum_button, self.disagree_button,
                       self.countersign_button):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addWidget(wrapped_label(self.tr("&Waiting for your signature, and signed"),
                                       buddy=self.table, bold=True))
        layout.addWidget(help_label(self.tr(
            "A team manager signs a supervision note once it is ready to sign; the worker then reads "
            "the signed note and countersigns it, or records in their own words what they disagree "
            "with (that is signed too). A signed note never changes: a correction is a signed "
            "addendum.")))
        layout.addWidget(self.notice)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)

        self.view_button.clicked.connect(self.view_note)
        self.sign_button.clicked.connect(lambda: self.open_step(Step.SIGN))
        self.countersign_button.clicked.connect(lambda: self.open_step(Step.COUNTERSIGN))
        self.disagree_button.clicked.connect(lambda: self.open_step(Step.DISAGREE))
        self.addendum_button.clicked.connect(lambda: self.open_step(Step.ADDENDUM))
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.table.doubleClicked.connect(lambda _index: self.view_note())
        self._update_buttons()
        self.refresh()

    def showEvent(self, event: QShowEvent) -> None:
        """Read again each time the tab is shown: a note marked ready on the Supervision tab
        (or signed on another computer) is waiting here without a restart."""
        super().showEvent(event)
        self.refresh()

    # -- data ------------------------------------------------------------------------------
    def refresh(self) -> None:
        services = self.services
        db, me = services.db, services.actor_id
        services.runner.run(lambda _p, _c: waiting_for(db, me), on_success=self._show_rows,
                            on_failure=lambda error: self.load_failed.emit(explain(error).message),
                            owner=self, name="sessions to sign")

    def _show_rows(self, rows: list[WaitingRow]) -> None:
        current = self.current_row
        self.model.set_rows(rows)
        if not rows:
            self.notice.set_text(" ".join(filter(None, [
                self.done_message, self.tr("Nothing is waiting for your signature.")])))
        else:
            self.notice.set_text(self.done_message)
            wanted = current.session_id if current else None
            row = next((n for n, r in enumerate(rows) if r.session_id == wanted), 0)
            self.table.selectRow(row)
        self._update_buttons()

    @property
    def current_row(self) -> WaitingRow | None:
        rows = self.table.selectionModel().selectedRows()
        return rows[0].data(OBJECT_ROLE) if rows else None

    def select_session(self, session_id: int) -> None:
        for number, row in enumerate(self.model.rows):
            if row.session_id == session_id:
                self.table.selectRow(number)

    def _selection_changed(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        self._update_buttons()

    def _update_buttons(self) -> None:
        row = self.current_row
        steps = row.steps if row else ()
        self.sign_button.setVisible(Step.SIGN in steps)
        self.addendum_button.setVisible(Step.ADDENDUM in steps)
        self.countersign_button.setVisible(Step.COUNTERSIGN in steps)
        self.disagree_button.setVisible(Step.DISAGREE in steps)
        self.view_button.setEnabled(row is not None and row.status.is_signed)

    # -- actions ---------------------------------------------------------------------------
    def open_step(self, step: Step) -> SignDialog | None:
        from ui.signing.sign_dialog import SignDialog

        row = self.current_row
        if row is None or step not in row.steps:
            return None
        dialog = SignDialog(self.services, row.session_id, step, self)
        dialog.signed.connect(self._signed)
        dialog.open()
        self.dialog = dialog
        return dialog

    def view_note(self) -> NoteDialog | None:
        from ui.signing.note_view import NoteDialog

        row = self.current_row
        if row is None or not row.status.is_signed:
            return None
        dialog = NoteDialog(self.services, row.session_id, self)
        dialog.open()
        self.dialog = dialog
        return dialog

    def _signed(self, outcome: SignOutcome) -> None:
        done = {Step.SIGN: self.tr("Signed. The worker can now countersign it."),
                Step.COUNTERSIGN: self.tr("Countersigned. Thank you."),
                Step.DISAGREE: self.tr("Your disagreement is signed and kept with the note."),
                Step.ADDENDUM: self.tr("The addendum is signed and kept with the note.")}
        self.done_message = done[outcome.step]
        self.notice.set_text(self.done_message)
        self.signed.emit(outcome)
        self.refresh()
