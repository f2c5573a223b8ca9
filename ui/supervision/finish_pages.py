"""The last two pages of a session: the worker's part (once per session) and "ready to sign",
which runs the completeness check, lists what is missing (Enter on an item goes there) and
marks the session ready to sign once nothing is."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, Signal
from PySide6.QtWidgets import QHBoxLayout, QListView, QVBoxLayout, QWidget

from ui.i18n import translate
from ui.models.roles import OBJECT_ROLE
from ui.supervision.flow import place_for_missing
from ui.supervision.outline_model import MissingModel
from ui.supervision.questions import QuestionsForm
from ui.supervision.state import SessionState, reread_session
from ui.supervision.widgets import Notice, help_label, shortcut_button, wrapped_label
from workbench.supervision.common import UNCHANGED
from workbench.supervision.completeness import MissingItem
from workbench.supervision.question_sets import Question


def _save_session_answer(state: SessionState, question: Question, value: Any, seen: Any = UNCHANGED) -> Any:
    from workbench.supervision.sessions import save_session_answer

    return save_session_answer(state.ctx, state.session_id, question.id, value, expected=seen)


class WorkerPartPage(QWidget):
    """Workload, wellbeing, learning and development (and what went well), in the set's words."""

    def __init__(self, state: SessionState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        questions = state.question_set.session_questions
        sections = {q.section for q in questions}
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for section_id in sorted(sections, key=[s.id for s in state.question_set.sections].index):
            section = state.question_set.section(section_id)
            if section.help:
                layout.addWidget(help_label(section.help))
        self.form = QuestionsForm(
            state.autosave, questions, value_of=state.view.session_answer,
            save=lambda question, value: _save_session_answer(state, question, value),
            save_seen=lambda question, value, seen: _save_session_answer(state, question, value, seen),
            key=lambda question: ("session", question.id), editable=state.editable)
        layout.addWidget(self.form, 1)

    @property
    def title(self) -> str:
        return self.tr("The worker's part")

    def first_input(self) -> QWidget | None:
        return self.form.first_input()


def check_session(ctx: Any, session_id: int) -> list[MissingItem]:
    from workbench.supervision.completeness import missing_items

    return missing_items(reread_session(ctx, session_id))


def mark_ready(ctx: Any, session_id: int) -> list[MissingItem]:
    """Mark the session ready to sign; what is missing instead when it cannot be."""
    from workbench.supervision.errors import NotReadyToSign
    from workbench.supervision.sessions import mark_ready_to_sign

    try:
        mark_ready_to_sign(ctx, session_id)
    except NotReadyToSign as refused:
        return refused.missing
    return []


class ReadyPage(QWidget):
    """``go_to(Place)`` asks the editor to show where a missing item belongs; ``status_changed``
    follows marking ready to sign or returning to draft."""

    go_to = Signal(object)
    status_changed = Signal()

    def __init__(self, state: SessionState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.checked = False
        self.summary = wrapped_label(bold=True)
        self.summary.setAccessibleName(self.tr("Completeness"))
        self.model = MissingModel(self)
        self.list = QListView()
        self.list.setModel(self.model)
        self.list.setAccessibleName(self.tr("What is missing"))
        self.list.setWordWrap(True)
        self.list.setUniformItemSizes(False)
        self.ready_notice = Notice()
        self.check_button = shortcut_button(self.tr("Check a&gain"))
        self.ready_button = shortcut_button(self.tr("&Mark ready to sign"))
        self.draft_button = shortcut_button(self.tr("Return to &draft"))
        self.sign_button = shortcut_button(self.tr("Sign as su&pervisor…"))
        self.addendum_button = shortcut_button(self.tr("Add signed addend&um…"))
        self.dialog: QWidget | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(help_label(self.tr(
            "A session can be signed once every required answer, score, reason, decision and action "
            "is there. Press Enter on an item to go to it.")))
        layout.addWidget(self.ready_notice)
        layout.addWidget(self.summary)
        layout.addWidget(self.list, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.check_button)
        buttons.addStretch(1)
        buttons.addWidget(self.draft_button)
        buttons.addWidget(self.ready_button)
        buttons.addWidget(self.addendum_button)
        buttons.addWidget(self.sign_button)
        layout.addLayout(buttons)
        self.check_button.clicked.connect(self.check)
        self.ready_button.clicked.connect(self.mark_ready)
        self.draft_button.clicked.connect(self.return_to_draft)
        self.sign_button.clicked.connect(lambda: self.open_sign_dialog("sign"))
        self.addendum_button.clicked.connect(lambda: self.open_sign_dialog("addendum"))
        self.list.activated.connect(self._activated)
        self.show_status()

    def first_input(self) -> QWidget | None:
        if self.model.rowCount():
            return self.list
        return self.ready_button if self.ready_button.isEnabled() else self.check_button

    def show_status(self) -> None:
        ready = not self.state.editable
        signed = self.state.view.is_signed
        self.ready_notice.set_text(self.tr(
            "This session is signed and can no longer be changed; a correction is a signed addendum.")
            if signed else self.tr(
            "This session is ready to sign. It can no longer be changed unless it is returned to draft.")
            if ready else "")
        is_supervisor = self.state.services.actor_id == self.state.view.supervisor_id
        self.sign_button.setVisible(ready and not signed and is_supervisor)
        self.addendum_button.setVisible(signed and is_supervisor)
        self.ready_button.setVisible(not ready)
        self.check_button.setVisible(not ready)
        self.draft_button.setVisible(ready and not self.state.view.is_signed)
        self.list.setVisible(not ready)
        self.summary.setVisible(not ready)

    def check(self) -> None:
        self.state.autosave.flush()
        session_id = self.state.session_id
        self.summary.setText(self.tr("Checking…"))
        self.state.write(lambda ctx: check_session(ctx, session_id), on_done=self._show_missing)

    def _show_missing(self, missing: list[MissingItem]) -> None:
        self.checked = True
        self.model.set_missing(missing)
        if missing:
            self.summary.setText(translate("ReadyPage", "%n thing(s) missing before it can be signed:", None,
                                           len(missing)))
            self.list.setCurrentIndex(self.model.index(0, 0))
        else:
            self.summary.setText(self.tr("Everything required is there: it can be marked ready to sign."))

    def mark_ready(self) -> None:
        self.state.autosave.flush()
        session_id = self.state.session_id
        self.summary.setText(self.tr("Checking…"))
        self.state.write(lambda ctx: mark_ready(ctx, session_id), on_done=self._marked)

    def _marked(self, missing: list[MissingItem]) -> None:
        if missing:
            self._show_missing(missing)
            self.list.setFocus()
            return
        self.state.refresh_session(lambda _view: self._status_now())

    def return_to_draft(self) -> None:
        from workbench.supervision.sessions import return_to_draft

        session_id = self.state.session_id
        self.state.write(lambda ctx: return_to_draft(ctx, session_id),
                         on_done=lambda _r: self.state.refresh_session(lambda _view: self._status_now()))

    def _status_now(self) -> None:
        self.show_status()
        self.status_changed.emit()
        if self.state.editable:
            self.check()
        else:
            self.draft_button.setFocus()

    def open_sign_dialog(self, step: str) -> QWidget:
        """The sign dialog (ui.signing) for this session; the page shows the new status after."""
        from ui.signing.sign_dialog import SignDialog
        from workbench.signing.desk import Step

        self.state.autosave.flush()
        dialog = SignDialog(self.state.services, self.state.session_id, Step(step), self)
        dialog.signed.connect(lambda _outcome: self.state.refresh_session(lambda _view: self._status_now()))
        dialog.open()
        self.dialog = dialog
        return dialog

    def _activated(self, index: QModelIndex) -> None:
        item: MissingItem | None = index.data(OBJECT_ROLE)
        if item is None:
            return
        self.go_to.emit(place_for_missing(self.state.question_set, item.kind.value, item.discussion_id,
                                          item.question_id))

