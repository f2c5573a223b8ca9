"""The session editor: an outline of the session on the left, the current page on the right,
Back and Next (Ctrl+PgUp, Ctrl+PgDown) below, and whether everything is saved above.

Every move flushes what was typed, and remembers the place (so a restart reopens it there).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QListView, QSplitter, QStackedWidget, QVBoxLayout, QWidget

from ui.i18n import arg
from ui.models.caseload_model import format_date
from ui.models.roles import OBJECT_ROLE
from ui.supervision.agenda_page import AgendaPage
from ui.supervision.discussion_page import DiscussionPage
from ui.supervision.finish_pages import ReadyPage, WorkerPartPage
from ui.supervision.flow import AGENDA, DISCUSSION, WORKER, Place, discussion_steps, neighbour, resolve
from ui.supervision.flow import session_places as all_places
from ui.supervision.outline_model import OutlineEntry, OutlineModel, outline_entries
from ui.supervision.place import PlaceMemory
from ui.supervision.saving import Conflict
from ui.supervision.state import SessionState
from ui.supervision.widgets import Notice, shortcut_button, wrapped_label
from workbench import timefmt

if TYPE_CHECKING:
    from workbench.changes import Change


class SessionEditor(QWidget):
    """``close_requested`` follows "Close session" (the draft stays; it reopens next time)."""

    close_requested = Signal()
    place_changed = Signal(object)

    def __init__(self, state: SessionState, memory: PlaceMemory, start: Place | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.memory = memory
        self.place = Place(AGENDA)
        self._error: str | None = None
        self._waiting: str | None = None  # a save failing for the server or the disk, retried
        # Each child's steps as last shown: a change of them (a reflection arriving) rebuilds.
        self._steps_shown = {d.id: [s.key for s in discussion_steps(state.question_set, d)]
                             for d in state.discussions}
        view = state.view

        self.title = wrapped_label(bold=True)
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.2)
        self.title.setFont(font)
        self.set_label = wrapped_label(view.question_set.label)
        self.save_status = wrapped_label()
        self.save_status.setAccessibleName(self.tr("Save status"))
        self.error_notice = Notice()
        self.close_button = shortcut_button(self.tr("Close sessi&on"),
                                            tip=self.tr("The draft is kept and reopens next time"))
        self.outline_model = OutlineModel(self)
        self.outline = QListView()
        self.outline.setModel(self.outline_model)
        self.outline.setAccessibleName(self.tr("Session outline"))
        self.outline.setMaximumWidth(220)
        self.agenda_page = AgendaPage(state)
        self.discussion_page = DiscussionPage(state)
        self.worker_page = WorkerPartPage(state)
        self.ready_page = ReadyPage(state)
        self.pages = QStackedWidget()
        for page in (self.agenda_page, self.discussion_page, self.worker_page, self.ready_page):
            self.pages.addWidget(page)
        self.page_title = wrapped_label(bold=True)
        self.back_button = shortcut_button(self.tr("&Back"), "Ctrl+PgUp", tip=self.tr("The step before"))
        self.next_button = shortcut_button(self.tr("&Next"), "Ctrl+PgDown", tip=self.tr("The next step"))
        self._build_layout()
        self._connect()
        self._update_title()
        self._rebuild_outline()
        self._show_saving()
        self.go(resolve(self.places(), start), remember=False)

    def _build_layout(self) -> None:
        header = QHBoxLayout()
        header.addWidget(self.title, 1)
        header.addWidget(self.save_status)
        header.addWidget(self.close_button)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(6, 0, 0, 0)
        right_layout.addWidget(self.page_title)
        right_layout.addWidget(self.pages, 1)
        footer = QHBoxLayout()
        footer.addWidget(self.back_button)
        footer.addStretch(1)
        footer.addWidget(self.next_button)
        right_layout.addLayout(footer)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.outline)
        splitter.addWidget(right)
        splitter.setStretchFactor(1, 1)
        splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.addLayout(header)
        layout.addWidget(self.set_label)
        layout.addWidget(self.error_notice)
        layout.addWidget(splitter, 1)

    def _connect(self) -> None:
        state = self.state
        self.back_button.clicked.connect(lambda: self.step(-1))
        self.next_button.clicked.connect(lambda: self.step(+1))
        self.close_button.clicked.connect(self.close_requested)
        self.outline.activated.connect(self._outline_chosen)
        self.outline.clicked.connect(self._outline_chosen)
        self.agenda_page.discuss_requested.connect(self.discuss)
        self.agenda_page.before_drop = self._before_drop
        self.ready_page.go_to.connect(lambda place: self.go(place, focus=True))
        self.ready_page.status_changed.connect(self._status_changed)
        state.session_changed.connect(self._session_changed)
        state.discussion_changed.connect(self._discussion_changed)
        state.queue.busy_changed.connect(self._show_saving)
        state.queue.retrying.connect(self._waits)
        state.queue.failed.connect(self._failed)
        state.autosave.conflict.connect(self._conflict)
        state.queue.done.connect(self._show_saving)
        state.autosave.state_changed.connect(self._show_saving)
        self._status_changed()

    # -- where we are ----------------------------------------------------------------------
    def places(self) -> list[Place]:
        return all_places(self.state.question_set, self.state.discussions)

    def go(self, place: Place, *, remember: bool = True, focus: bool = False) -> None:
        """Show ``place`` (saving what was typed first)."""
        self.state.autosave.flush()
        place = resolve(self.places(), place)
        if place.page == DISCUSSION and place.step is None:
            place = next(p for p in self.places() if p.discussion_id == place.discussion_id)
        self.place = place
        if place.page == AGENDA:
            self.pages.setCurrentWidget(self.agenda_page)
            self.page_title.setText(self.tr("The session and its agenda"))
        elif place.page == DISCUSSION and place.discussion_id is not None:
            self.discussion_page.show_child(place.discussion_id, place.step)
            self.pages.setCurrentWidget(self.discussion_page)
            view = self.state.discussion(place.discussion_id)
            number = [d.id for d in self.state.discussions].index(view.id) + 1
            self.page_title.setText(arg(self.tr("Child %1 of %2"), number, len(self.state.discussions)))
        elif place.page == WORKER:
            self.pages.setCurrentWidget(self.worker_page)
            self.page_title.setText(self.worker_page.title)
        else:
            self.pages.setCurrentWidget(self.ready_page)
            self.page_title.setText(self.tr("Ready to sign"))
            if self.state.editable:
                self.ready_page.check()
        self._select_outline(place)
        places = self.places()
        self.back_button.setEnabled(neighbour(places, place, -1) is not None)
        self.next_button.setEnabled(neighbour(places, place, +1) is not None)
        if remember:
            self.memory.remember(self.state.session_id, place)
        if focus:
            self.focus_page()
        self.place_changed.emit(place)

    def focus_page(self) -> None:
        page = self.pages.currentWidget()
        if page is self.discussion_page:
            self.discussion_page.focus_step()
        elif page is self.agenda_page:
            self.agenda_page.table.setFocus()
        else:
            first_input = getattr(page, "first_input", None)
            target = first_input() if first_input is not None else None
            if target is not None:
                target.setFocus()

    def step(self, offset: int) -> None:
        target = neighbour(self.places(), self.place, offset)
        if target is not None:
            self.go(target, focus=True)

    def discuss(self) -> None:
        places = self.places()
        if len(places) > 1 and places[1].page == DISCUSSION:
            self.go(places[1], focus=True)

    # -- the outline -----------------------------------------------------------------------
    def _rebuild_outline(self) -> None:
        qs = self.state.question_set
        children = [(d.id, d.child_label) for d in self.state.discussions]
        first_steps = {d.id: discussion_steps(qs, d)[0].key for d in self.state.discussions}
        worker_title = next((s.title for s in qs.sections if s.scope.value == "session"),
                            self.tr("The worker's part"))
        self.outline_model.set_items(outline_entries(children, first_steps, worker_title))
        self._select_outline(self.place)

    def _select_outline(self, place: Place) -> None:
        row = self.outline_model.row_of(place)
        if row >= 0:
            self.outline.selectionModel().setCurrentIndex(
                self.outline_model.index(row, 0), QItemSelectionModel.SelectionFlag.ClearAndSelect)

    def _outline_chosen(self, index: QModelIndex) -> None:
        entry: OutlineEntry | None = index.data(OBJECT_ROLE)
        if entry is not None and self.outline_model.row_of(self.place) != index.row():
            self.go(entry.place)

    # -- reacting --------------------------------------------------------------------------
    def _before_drop(self, discussion_id: int) -> None:
        if self.discussion_page.discussion_id == discussion_id:
            self.discussion_page.release()

    def _session_changed(self) -> None:
        self._update_title()
        self._rebuild_outline()
        self.agenda_page.refresh_rows()
        if self.place.page == DISCUSSION and not self.state.has_discussion(self.place.discussion_id or -1):
            self.go(Place(AGENDA))
        else:
            places = self.places()
            self.back_button.setEnabled(neighbour(places, self.place, -1) is not None)
            self.next_button.setEnabled(neighbour(places, self.place, +1) is not None)

    def _discussion_changed(self, discussion_id: int) -> None:
        view = self.state.discussion(discussion_id)
        steps = [s.key for s in discussion_steps(self.state.question_set, view)]
        if steps != self._steps_shown.get(discussion_id, steps):
            self._rebuild_outline()  # a step came or went (the worker's reflection arrived)
            self.discussion_page.rebuild_if_steps_changed(discussion_id)
        self._steps_shown[discussion_id] = steps
        self._show_saving()

    def others_changed(self, changes: list[Change]) -> None:
        """What other people changed in this session (ui.changes), read again."""
        self.state.others_changed(changes)

    def _status_changed(self) -> None:
        editable = self.state.editable
        for page in (self.agenda_page, self.discussion_page.stack, self.worker_page):
            page.setEnabled(editable)
        self.ready_page.show_status()
        self._update_title()

    def _update_title(self) -> None:
        view = self.state.view
        local = timefmt.local(view.meeting_at)
        status = "" if view.is_editable else self.tr(" — ready to sign")
        self.title.setText(arg(self.tr("Supervision with %1, %2 at %3%4"), view.supervisee_name,
                               format_date(local.date()), f"{local:%H:%M}", status))

    def _conflict(self, conflict: Conflict) -> None:
        from ui.supervision.conflict_dialog import ask_about_conflict

        ask_about_conflict(self, conflict)

    def _waits(self, message: str) -> None:
        """The server (or the disk) is away: what was typed stays on screen and is tried
        again until it is written; the message stays up until then."""
        self._waiting = message

    def _failed(self, message: str) -> None:
        self._error = message
        self.error_notice.set_text(arg(self.tr("Not saved: %1"), message))
        self._show_saving()

    def _show_saving(self, *_args: object) -> None:
        if self._waiting is not None:
            if not self.state.autosave.all_saved:
                self.save_status.setText(self.tr("Not saved yet: trying again; your text is kept"))
                return
            self._waiting = self._error = None  # caught up: everything typed is written
            self.error_notice.set_text(None)
        if self.state.autosave.all_saved:
            if self._error is None:
                self.save_status.setText(self.tr("All changes saved"))
            else:
                self.save_status.setText(self.tr("Some changes were not saved"))
        else:
            self.save_status.setText(self.tr("Saving…"))
            if self._error is not None and self.state.autosave.unsaved:
                self._error = None
                self.error_notice.set_text(None)

    @property
    def all_saved(self) -> bool:
        return self.state.autosave.all_saved

    def finish(self) -> None:
        """Write everything typed before the editor goes away."""
        self.state.autosave.flush()
        self.state.queue.finish_now()
