"""The Supervision tab: start a session with the worker chosen on the caseload, or carry on
with the open draft. On start-up the most recent draft is reopened where it was left. Below,
every unfinished session the manager holds, with how far it has got: open one, or discard a
draft (kept, read-only and audited; the core refuses anything but the holder's own draft)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from db.enums import Role
from ui.i18n import arg
from ui.models.caseload_model import format_date
from ui.problems import explain
from ui.screens import ScreenBase
from ui.supervision.drafts_model import DraftsModel, meeting_text
from ui.supervision.editor import SessionEditor
from ui.supervision.people import OpenDraft, context, find_draft, list_all_drafts, may_supervise
from ui.supervision.place import PlaceMemory
from ui.supervision.state import SessionState
from ui.supervision.widgets import Notice, help_label, shortcut_button, wrapped_label
from workbench import timefmt

if TYPE_CHECKING:
    from ui.consultation.screen import ConsultationScreen
    from ui.consultation.start_dialog import StartConsultationDialog
    from ui.services import AppServices
    from ui.supervision.start_dialog import StartOutcome, StartSessionDialog
    from workbench.caseload import StaffRow
    from workbench.changes import Change
    from workbench.consultation.view import ConsultationRef
    from workbench.supervision.drafts import DraftSummary
    from workbench.supervision.views import SessionView


class SupervisionScreen(ScreenBase):
    """``session_opened(id)`` follows an editor being shown; ``load_failed(message)`` a read
    that failed (the main window shows it)."""

    session_opened = Signal(int)

    def __init__(self, services: AppServices, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.memory = PlaceMemory(services.data_dir)
        self.editor: SessionEditor | None = None
        self.draft: OpenDraft | None = None
        self.dialog: StartSessionDialog | None = None
        self.worker_source: Callable[[], StaffRow | None] = lambda: None
        self._watching: QObject | None = None

        self.heading = wrapped_label(self.tr("Supervision"), bold=True)
        self.intro = help_label(self.tr(
            "Start a one-to-one supervision with the worker chosen on the Caseload tab. The agenda is "
            "proposed from their caseload; everything you type is saved as you type it."))
        self.notice = Notice()
        self.start_button = shortcut_button(self.tr("S&tart supervision…"), "Ctrl+Shift+N")
        self.consultation_button = shortcut_button(self.tr("Start a case &consultation…"))
        self.consultation: ConsultationScreen | None = None
        self.consultations_heading = wrapped_label(self.tr("Your case consultations"), bold=True)
        self.consultations_list = QListWidget()
        self.consultations_list.setAccessibleName(self.tr("Case consultations in draft or to sign"))
        self.consultations_list.setMaximumHeight(110)
        self.open_consultation_button = shortcut_button(self.tr("Open the consu&ltation"))
        self.draft_label = wrapped_label()
        self.continue_button = shortcut_button(self.tr("Co&ntinue the draft"))
        self.continue_button.hide()
        self.drafts_heading = wrapped_label(self.tr("Your unfinished sessions"), bold=True)
        self.drafts_model = DraftsModel(self)
        self.drafts_view = QTableView()
        self.drafts_view.setModel(self.drafts_model)
        self.drafts_view.setAccessibleName(self.tr("Unfinished sessions"))
        self.drafts_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.drafts_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.drafts_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.drafts_view.verticalHeader().hide()
        self.drafts_view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.drafts_view.horizontalHeader().setStretchLastSection(True)
        self.open_button = shortcut_button(self.tr("&Open"))
        self.discard_button = shortcut_button(self.tr("&Discard draft…"))
        self.confirm: QMessageBox | None = None
        home = QWidget()
        home_layout = QVBoxLayout(home)
        home_layout.addWidget(self.heading)
        home_layout.addWidget(self.intro)
        home_layout.addWidget(self.notice)
        row = QHBoxLayout()
        row.addWidget(self.start_button)
        row.addWidget(self.consultation_button)
        row.addStretch(1)
        home_layout.addLayout(row)
        home_layout.addSpacing(12)
        home_layout.addWidget(self.draft_label)
        row = QHBoxLayout()
        row.addWidget(self.continue_button)
        row.addStretch(1)
        home_layout.addLayout(row)
        home_layout.addSpacing(12)
        home_layout.addWidget(self.consultations_heading)
        home_layout.addWidget(self.consultations_list)
        row = QHBoxLayout()
        row.addWidget(self.open_consultation_button)
        row.addStretch(1)
        home_layout.addLayout(row)
        home_layout.addSpacing(12)
        home_layout.addWidget(self.drafts_heading)
        home_layout.addWidget(self.drafts_view, 1)
        row = QHBoxLayout()
        row.addWidget(self.open_button)
        row.addWidget(self.discard_button)
        row.addStretch(1)
        home_layout.addLayout(row)
        self.home = home
        self.stack = QStackedWidget()
        self.stack.addWidget(home)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)

        self.start_button.clicked.connect(self.open_start_dialog)
        self.consultation_button.clicked.connect(self.open_consultation_dialog)
        self.open_consultation_button.clicked.connect(self.open_chosen_consultation)
        self.consultations_list.itemActivated.connect(lambda _item: self.open_chosen_consultation())
        self._show_consultations([])
        self.refresh_consultations()
        self.continue_button.clicked.connect(self.continue_draft)
        self.open_button.clicked.connect(self.open_selected)
        self.discard_button.clicked.connect(self.ask_discard)
        self.drafts_view.doubleClicked.connect(lambda _index: self.open_selected())
        self.drafts_view.selectionModel().selectionChanged.connect(lambda *_: self._selection_changed())
        self._selection_changed()
        if may_supervise(services):
            self.refresh(reopen=True)
        else:
            self.start_button.setEnabled(False)
            # A practice lead facilitates case consultations (workbench.consultation).
            self.consultation_button.setEnabled(services.actor is not None
                                                and services.actor.role is Role.PRACTICE_LEAD)
            self.notice.set_text(self._not_a_supervisor_text())

    def _not_a_supervisor_text(self) -> str:
        """Why this tab starts no session, in words for the person reading it."""
        role = self.services.actor.role if self.services.actor is not None else None
        if role is Role.PRACTICE_LEAD:
            return self.tr("Supervision is held by team managers. As a practice lead you read the "
                           "signed records on the Records tab, and see on the Oversight tab whether "
                           "supervision happens as often as policy says.")
        if role is Role.ADMIN:
            return self.tr("Supervision is held by team managers. As an admin you add people and "
                           "give them their enrolment codes on the Admin tab.")
        return self.tr("Supervision is held by a team manager. Prepare your reflections for it on "
                       "the Reflections tab.")

    # -- what the window calls -------------------------------------------------------------
    def use_current_worker(self, source: Callable[[], StaffRow | None]) -> None:
        """Where to find the worker chosen on the caseload (the main window wires this)."""
        self.worker_source = source

    def refresh(self, *, reopen: bool = False) -> None:
        """Look for the open draft again (and with ``reopen``, open it where it was left)."""
        services = self.services
        services.runner.run(lambda _p, _c: (find_draft(services), list_all_drafts(services)),
                            on_success=lambda found: self._found_drafts(*found, reopen),
                            on_failure=lambda error: self.load_failed.emit(explain(error).message),
                            name="find draft")

    def _found_drafts(self, draft: OpenDraft | None, drafts: list[DraftSummary], reopen: bool) -> None:
        self.drafts_model.set_drafts(drafts)
        self._selection_changed()
        self._found_draft(draft, reopen)

    def _found_draft(self, draft: OpenDraft | None, reopen: bool) -> None:
        self.draft = draft
        if draft is None:
            self.draft_label.setText(self.tr("There is no supervision in draft."))
            self.continue_button.hide()
            return
        ref = draft.draft
        local = timefmt.local(ref.meeting_at)
        self.draft_label.setText(arg(self.tr("In draft: supervision with %1, meeting on %2 at %3."),
                                     ref.supervisee_name, format_date(local.date()), f"{local:%H:%M}"))
        self.continue_button.show()
        if reopen and self.editor is None:
            self.continue_draft()

    def continue_draft(self) -> None:
        if self.draft is not None:
            self.open_session(self.draft.draft.session_id, self.draft.supervisor_id)

    # -- the list of unfinished sessions ----------------------------------------------------
    def selected_draft(self) -> DraftSummary | None:
        rows = self.drafts_view.selectionModel().selectedRows()
        return self.drafts_model.draft(rows[0].row()) if rows else None

    def select_draft(self, session_id: int) -> None:
        for row in range(self.drafts_model.rowCount()):
            found = self.drafts_model.draft(row)
            if found is not None and found.session_id == session_id:
                self.drafts_view.selectRow(row)
                return

    def _selection_changed(self) -> None:
        chosen = self.selected_draft()
        self.open_button.setEnabled(chosen is not None)
        self.discard_button.setEnabled(chosen is not None and chosen.can_discard)
        self.drafts_heading.setVisible(self.drafts_model.rowCount() > 0)
        self.drafts_view.setVisible(self.drafts_model.rowCount() > 0)
        self.open_button.setVisible(self.drafts_model.rowCount() > 0)
        self.discard_button.setVisible(self.drafts_model.rowCount() > 0)
        if chosen is not None and not chosen.can_discard:
            self.discard_button.setToolTip(self.tr("A session marked ready to sign goes back to draft "
                                                   "before it can be discarded."))
        else:
            self.discard_button.setToolTip("")

    def open_selected(self) -> None:
        chosen = self.selected_draft()
        if chosen is not None:
            self.open_session(chosen.session_id, chosen.supervisor_id)

    def ask_discard(self) -> QMessageBox | None:
        chosen = self.selected_draft()
        if chosen is None or not chosen.can_discard:
            return None
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Discard the draft?"), arg(self.tr(
            "Discard the draft supervision with %1 (meeting %2)? It leaves your list and its scores "
            "leave the children's history. It is not deleted: it is kept, read-only, and the audit "
            "trail records that you discarded it."), chosen.supervisee_name, meeting_text(chosen)),
            QMessageBox.StandardButton.Cancel, self)
        discard = box.addButton(self.tr("&Discard"), QMessageBox.ButtonRole.DestructiveRole)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.finished.connect(lambda _result: self._discard_answered(box.clickedButton() is discard, chosen))
        self.confirm = box
        box.open()
        return box

    def _discard_answered(self, confirmed: bool, chosen: DraftSummary) -> None:
        self.confirm = None
        if not confirmed:
            return
        from workbench.supervision.drafts import discard_draft

        ctx = context(self.services, chosen.supervisor_id)
        def work(progress: object, is_cancelled: object) -> bool:
            discard_draft(ctx, chosen.session_id)
            return True

        self.services.runner.run(work,
                                 on_success=lambda _none: self._discarded(chosen),
                                 on_failure=self._open_failed, name="discard draft")

    def _discarded(self, chosen: DraftSummary) -> None:
        self.notice.set_text(arg(self.tr("The draft with %1 was discarded. It is kept, read-only, and "
                                     "the audit trail records it."), chosen.supervisee_name))
        self.refresh()

    # -- starting --------------------------------------------------------------------------
    def open_start_dialog(self) -> StartSessionDialog:
        from ui.supervision.start_dialog import StartSessionDialog

        worker = self.worker_source()
        dialog = StartSessionDialog(self.services, self, worker_id=worker.id if worker else None)
        dialog.started.connect(self._started)
        dialog.open()
        self.dialog = dialog
        return dialog

    def _started(self, outcome: StartOutcome) -> None:
        self.dialog = None
        self.open_session(outcome.session_id, outcome.supervisor_id)

    # -- a group case consultation (ui.consultation) ---------------------------------------
    def open_consultation_dialog(self) -> StartConsultationDialog:
        from ui.consultation.start_dialog import StartConsultationDialog

        worker = self.worker_source()
        dialog = StartConsultationDialog(self.services, self, presenter_id=worker.id if worker else None)
        dialog.started.connect(self.open_consultation)
        dialog.open()
        return dialog

    def open_consultation(self, session_id: int) -> None:
        from ui.consultation.screen import ConsultationScreen

        self.close_consultation()
        screen = ConsultationScreen(self.services, session_id)
        screen.closed.connect(self.close_consultation)
        self.consultation = screen
        self.stack.addWidget(screen)
        self.stack.setCurrentWidget(screen)

    def close_consultation(self) -> None:
        screen = self.consultation
        if screen is None:
            return
        self.consultation = None
        self.stack.setCurrentWidget(self.home)
        self.stack.removeWidget(screen)
        screen.deleteLater()
        self.refresh_consultations()

    def refresh_consultations(self) -> None:
        from workbench.consultation.view import my_consultations

        if self.services.actor_id is None:
            return
        ctx = context(self.services, self.services.actor_id)
        self.services.runner.run(lambda _p, _c: my_consultations(ctx), on_success=self._show_consultations,
                                 on_failure=lambda error: self.load_failed.emit(explain(error).message),
                                 name="find consultations")

    def _show_consultations(self, refs: list[ConsultationRef]) -> None:
        self.consultations_list.clear()
        for ref in refs:
            state = (self.tr("to sign") if ref.waiting_for_me else self.tr("in draft"))
            item = QListWidgetItem(arg(self.tr("%1 · %2, presented by %3 · %4"),
                                       format_date(timefmt.local(ref.meeting_at).date()), ref.children,
                                       ref.presenter, state))
            item.setData(Qt.ItemDataRole.UserRole, ref.session_id)
            self.consultations_list.addItem(item)
        if refs:
            self.consultations_list.setCurrentRow(0)
        for widget in (self.consultations_heading, self.consultations_list, self.open_consultation_button):
            widget.setVisible(bool(refs))

    def open_chosen_consultation(self) -> None:
        item = self.consultations_list.currentItem()
        if item is not None:
            self.open_consultation(int(item.data(Qt.ItemDataRole.UserRole)))

    # -- the editor ------------------------------------------------------------------------
    def open_session(self, session_id: int, supervisor_id: int) -> None:
        from workbench.supervision.loading import load_session

        ctx = context(self.services, supervisor_id)
        self.notice.set_text(self.tr("Opening the session…"))
        self.services.runner.run(lambda _p, _c: load_session(ctx, session_id),
                                 on_success=lambda view: self._show_session(view, ctx),
                                 on_failure=self._open_failed, name="open session")

    def _open_failed(self, error: Exception) -> None:
        message = explain(error).message
        self.notice.set_text(message)
        self.load_failed.emit(message)

    def _show_session(self, view: SessionView, ctx: Any) -> None:
        self.notice.set_text(None)
        self.close_editor()
        state = SessionState(self.services, ctx, view, self)
        editor = SessionEditor(state, self.memory, self.memory.recall(view.id))
        editor.close_requested.connect(self.close_editor)
        self.editor = editor
        self.stack.addWidget(editor)
        self.stack.setCurrentWidget(editor)
        self._watch_window()
        if self.isVisible():
            editor.focus_page()
        self.session_opened.emit(view.id)

    def close_editor(self) -> None:
        editor = self.editor
        if editor is None:
            return
        editor.state.autosave.flush()
        self.editor = None
        self.stack.setCurrentWidget(self.home)
        self.stack.removeWidget(editor)
        editor.deleteLater()
        # The state's queue finishes the writes still waiting before it goes.
        state = editor.state
        if state.queue.is_idle:
            state.deleteLater()
        else:
            state.queue.done.connect(state.deleteLater)
        self.refresh()

    def others_changed(self, changes: list[Change]) -> None:
        """Someone else changed something (ui.changes): the open session reads again what it
        shows of it (a worker's reflection appears in the manager's session)."""
        if self.editor is not None:
            self.editor.others_changed(changes)

    def finish(self) -> None:
        """Write everything typed before the screen goes (sign out, switch user: MainWindow.detach)."""
        if self.editor is not None:
            self.editor.finish()

    # -- closing the window ----------------------------------------------------------------
    def _watch_window(self) -> None:
        window = self.window()
        if window is not self and self._watching is not window:
            window.installEventFilter(self)
            self._watching = window

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.editor is not None:  # the screen is a window of its own (tests, a detached view)
            self.editor.finish()
        super().closeEvent(event)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._watching and event.type() == QEvent.Type.Close and self.editor is not None:
            self.editor.finish()
        return False

    def showEvent(self, event: Any) -> None:
        super().showEvent(event)
        self._watch_window()
        editor = self.editor
        if editor is not None and not editor.isAncestorOf(self.focusWidget() or self):
            editor.focus_page()
