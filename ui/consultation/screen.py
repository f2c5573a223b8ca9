"""A case consultation, step by step: what the presenter wants, the story, the mapping (the
case's worries, as the one-to-one session edits them), private scales shown side by side, the
group's next steps, and what the presenter takes away. Each step may carry a time box. The
projector shows the current step in large text (:mod:`ui.consultation.present`); the scores
reach it only once the facilitator shows them.

The core decides who may change what (workbench.consultation); this screen shows and asks.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QScrollArea,
    QSpinBox,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ui.i18n import arg, translated
from ui.problems import explain
from ui.screens import ScreenBase
from ui.supervision.people import context
from ui.supervision.widgets import Notice, help_label, shortcut_button, text_box, wrapped_label
from workbench.consultation.steps import Step, StepTimer, clock_text

if TYPE_CHECKING:
    from ui.consultation.present import PresentationWindow
    from ui.services import AppServices
    from ui.supervision.state import SessionState
    from workbench.consultation.view import ConsultationView
    from workbench.supervision.context import SupervisionContext
    from workbench.supervision.views import SessionView

STEPS = tuple(Step)
TEXT_STEPS = (Step.REQUEST, Step.STORY, Step.NEXT_STEPS, Step.TAKEAWAY)


class ConsultationScreen(ScreenBase):
    """``closed`` follows the Close button; ``changed`` every fresh read of the consultation."""

    closed = Signal()
    changed = Signal()
    #: The clock the time boxes count down by (tests move it on).
    monotonic: Callable[[], float] = staticmethod(time.monotonic)

    def __init__(self, services: AppServices, session_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.session_id = session_id
        self.ctx: SupervisionContext = context(services, services.actor_id or 0)
        self.view: ConsultationView | None = None
        self.state: SessionState | None = None
        self.presentation: PresentationWindow | None = None
        self.pending = 0  # writes and reads queued or under way (tests wait for 0)
        self._queue: list[tuple[Callable[[], Any], Callable[[Any], None], str]] = []
        self._running = False

        self.title = wrapped_label(self.tr("Case consultation"), bold=True)
        self.people = help_label("")
        self.notice = Notice()
        self.steps_list = QListWidget()
        self.steps_list.setAccessibleName(self.tr("Steps"))
        for number, step in enumerate(STEPS, start=1):
            self.steps_list.addItem(f"{number}. {translated(step.heading)}")
        self.steps_list.setFixedWidth(self.steps_list.sizeHintForColumn(0) + 24)
        self.timer = StepTimer(lambda: self.monotonic())
        self.clock_label = wrapped_label(bold=True)
        self.clock_label.setAccessibleName(self.tr("Time left in this step"))
        self._ticker = QTimer(self)
        self._ticker.setInterval(1000)
        self._ticker.timeout.connect(self.show_time_left)
        self.pages = QStackedWidget()
        self.texts: dict[Step, QPlainTextEdit] = {}
        self.time_boxes: dict[Step, QSpinBox] = {}
        self.mapping_box = QVBoxLayout()
        self.board_table = QTableWidget(0, 3)
        self.board_table.setHorizontalHeaderLabels([self.tr("Who"), self.tr("Score"), self.tr("Why")])
        self.board_table.setAccessibleName(self.tr("The scales"))
        self.board_table.horizontalHeader().setStretchLastSection(True)
        self.board_table.verticalHeader().hide()
        self.rater_combo = QComboBox()
        self.rater_combo.setAccessibleName(self.tr("Who is scoring"))
        self.child_combo = QComboBox()
        self.child_combo.setAccessibleName(self.tr("Which child"))
        self.score_spin = QSpinBox()
        self.score_spin.setRange(0, 10)
        self.score_spin.setAccessibleName(self.tr("Private score, 0 to 10"))
        self.reason_edit = QLineEdit()
        self.reason_edit.setPlaceholderText(self.tr("What makes it that number (optional)"))
        self.reason_edit.setAccessibleName(self.tr("Why that score"))
        self.record_button = shortcut_button(self.tr("&Record the score privately"))
        self.reveal_button = shortcut_button(self.tr("Show the scores side &by side"))
        self.spread_label = wrapped_label(bold=True)
        for step in STEPS:
            self.pages.addWidget(self._page(step))
        self.back_button = shortcut_button(self.tr("&Back"))
        self.next_button = shortcut_button(self.tr("&Next"))
        self.present_button = shortcut_button(self.tr("&Present on a projector"), "F5")
        self.ready_button = shortcut_button(self.tr("Ready to si&gn"))
        self.sign_button = shortcut_button(self.tr("&Sign…"))
        self.close_button = shortcut_button(self.tr("&Close"))

        body = QHBoxLayout()
        body.addWidget(self.steps_list)
        body.addWidget(self.pages, 1)
        buttons = QHBoxLayout()
        for button in (self.back_button, self.next_button, self.present_button):
            buttons.addWidget(button)
        buttons.addWidget(self.clock_label)
        buttons.addStretch(1)
        for button in (self.ready_button, self.sign_button, self.close_button):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.people)
        layout.addWidget(self.notice)
        layout.addLayout(body, 1)
        layout.addLayout(buttons)

        self.steps_list.currentRowChanged.connect(self._go)
        self.back_button.clicked.connect(lambda: self.go(self.current - 1))
        self.next_button.clicked.connect(lambda: self.go(self.current + 1))
        self.present_button.clicked.connect(self.present)
        self.record_button.clicked.connect(self.record_score)
        self.reveal_button.clicked.connect(self.reveal)
        self.ready_button.clicked.connect(self.mark_ready)
        self.sign_button.clicked.connect(self.open_sign_dialog)
        self.close_button.clicked.connect(self.close_screen)
        self.steps_list.setCurrentRow(0)
        self.reload()

    # -- building ----------------------------------------------------------------------------
    def _page(self, step: Step) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addWidget(wrapped_label(translated(step.heading), bold=True))
        layout.addWidget(help_label(translated(step.prompt)))
        box_row = QHBoxLayout()
        spin = QSpinBox()
        spin.setRange(0, 240)
        spin.setSpecialValueText(self.tr("no time box"))
        spin.setSuffix(self.tr(" min"))
        spin.setAccessibleName(arg(self.tr("Time box for %1"), translated(step.heading)))
        spin.editingFinished.connect(lambda s=step: self.save_time_box(s))
        self.time_boxes[step] = spin
        box_row.addWidget(wrapped_label(self.tr("Time box:"), buddy=spin))
        box_row.addWidget(spin)
        box_row.addStretch(1)
        layout.addLayout(box_row)
        if step in TEXT_STEPS:
            box = text_box(translated(step.heading), lines=8)
            box.setMaximumHeight(16_777_215)  # the step is this text: let it fill the page
            self.texts[step] = box
            layout.addWidget(box, 1)
        elif step is Step.MAPPING:
            holder = QWidget()
            holder.setLayout(self.mapping_box)
            scroll = QScrollArea()
            scroll.setWidgetResizable(True)
            scroll.setWidget(holder)
            layout.addWidget(scroll, 1)
        else:
            entry = QHBoxLayout()
            entry.addWidget(self.rater_combo, 2)
            entry.addWidget(self.child_combo, 1)
            entry.addWidget(self.score_spin)
            entry.addWidget(self.reason_edit, 3)
            entry.addWidget(self.record_button)
            layout.addLayout(entry)
            layout.addWidget(self.board_table, 1)
            row = QHBoxLayout()
            row.addWidget(self.reveal_button)
            row.addWidget(self.spread_label, 1)
            layout.addLayout(row)
            layout.addWidget(wrapped_label(self.tr("What the spread tells us")))
            box = text_box(self.tr("What the spread tells us"), lines=3)
            self.texts[Step.SCALING] = box
            layout.addWidget(box)
        return page

    # -- reading -----------------------------------------------------------------------------
    def _run(self, work: Callable[[], Any], then: Callable[[Any], None], name: str) -> None:
        """Run ``work`` off the UI thread after everything queued before it: one at a time, so
        that two writes never race for the database and a read sees the writes before it."""
        state = self.state
        if state is not None and not self._queue and not self._running:
            # Once the mapping is open, its steps write through the session state's queue:
            # everything goes there, after what was typed in them, one write at a time.
            self.pending += 1

            def done(result: Any) -> None:
                self.pending -= 1
                then(result)

            def failed(error: Exception) -> None:
                self.pending -= 1
                self.notice.set_text(explain(error).message)

            state.autosave.flush()
            state.queue.submit(work, on_done=done, on_error=failed)
            return
        self.pending += 1
        self._queue.append((work, then, name))
        if not self._running:
            self._next()

    def _next(self) -> None:
        if not self._queue:
            self._running = False
            return
        self._running = True
        work, then, name = self._queue.pop(0)

        def done(result: Any) -> None:
            self.pending -= 1
            self._running = False
            then(result)
            if not self._running:
                self._next()

        def failed(error: Exception) -> None:
            self.pending -= 1
            self._running = False
            self.notice.set_text(explain(error).message)
            if not self._running:
                self._next()

        self.services.runner.run(lambda _p, _c: work(), on_success=done, on_failure=failed, name=name)

    def reload(self) -> None:
        from workbench.consultation.view import load_consultation

        ctx, session_id = self.ctx, self.session_id
        self._run(lambda: load_consultation(ctx, session_id), self._show, "open consultation")

    def _show(self, view: ConsultationView) -> None:
        first = self.view is None
        self.view = view
        children = ", ".join(c.label for c in view.children)
        self.title.setText(arg(self.tr("Case consultation: %1"), children))
        self.people.setText(arg(self.tr("Presented by %1, facilitated by %2. Present: %3"),
                                view.presenter, view.facilitator, ", ".join(view.present)))
        for step, box in self.texts.items():
            if (first or not box.hasFocus()) and box.toPlainText() != view.text(step):
                box.setPlainText(view.text(step))
            editable = view.can_edit or (step is Step.TAKEAWAY and view.is_presenter
                                         and view.status.value == "draft")
            box.setReadOnly(not editable)
        for step, spin in self.time_boxes.items():
            spin.setValue(view.time_boxes.get(step, 0))
            spin.setEnabled(view.can_edit)
        self.show_time_left()
        self._show_board(view)
        if first and view.can_edit:
            self._open_mapping()
        self.ready_button.setEnabled(view.can_edit)
        self.sign_button.setEnabled(
            (view.status.value == "ready_to_sign" and self.services.actor_id == view.facilitator_id)
            or (view.status.value == "signed_by_supervisor" and view.is_presenter))
        if self.presentation is not None:
            self.presentation.show_step(self.current_step, view)
        self.changed.emit()

    def _show_board(self, view: ConsultationView) -> None:
        board = view.board
        keep = self.rater_combo.currentData()
        self.rater_combo.clear()
        self.child_combo.clear()
        if board.children:
            for score in board.children[0].scores:
                # The facilitator types anyone's score; a participant at their own screen, theirs.
                if view.can_edit or score.rater.staff_id == self.services.actor_id:
                    self.rater_combo.addItem(f"{score.rater.label} ({translated(score.rater.role_label)})",
                                             score.rater.key)
            for child in board.children:
                self.child_combo.addItem(child.child_label, child.discussion_id)
        if keep is not None and self.rater_combo.findData(keep) >= 0:
            self.rater_combo.setCurrentIndex(self.rater_combo.findData(keep))
        self.child_combo.setVisible(len(board.children) > 1)
        rows = [(child, score) for child in board.children for score in child.scores]
        self.board_table.setRowCount(len(rows))
        for row, (child, score) in enumerate(rows):
            who = (score.rater.label if len(board.children) == 1
                   else f"{score.rater.label} · {child.child_label}")
            if score.score is not None:
                shown = str(score.score)
            else:
                shown = self.tr("scored (hidden)") if score.scored else self.tr("not yet")
            for column, text in enumerate((who, shown, score.reason or "")):
                item = QTableWidgetItem(text)
                item.setFlags(item.flags() & ~item.flags().ItemIsEditable)
                self.board_table.setItem(row, column, item)
        self.board_table.resizeColumnsToContents()
        if board.revealed:
            self.spread_label.setText("; ".join(
                arg(self.tr("%1: from %2 to %3"), c.child_label, c.spread[0], c.spread[1])
                for c in board.children if c.spread is not None))
        elif board.waiting_for:
            self.spread_label.setText(arg(self.tr("Still to score: %1"), ", ".join(board.waiting_for)))
        else:
            self.spread_label.setText(self.tr("Everyone has scored: show the scores side by side."))
        editable = view.status.value == "draft" and not board.revealed and self.rater_combo.count() > 0
        self.record_button.setEnabled(editable)
        self.reveal_button.setEnabled(view.can_edit and not board.revealed)

    def _open_mapping(self) -> None:
        from workbench.supervision.loading import load_session

        ctx, session_id = self.ctx, self.session_id
        self._run(lambda: load_session(ctx, session_id), self._show_mapping, "open mapping")

    def _show_mapping(self, session_view: SessionView) -> None:
        from ui.supervision.state import SessionState
        from ui.supervision.step_base import StepWidget
        from ui.supervision.step_questions import QuestionsStep
        from ui.supervision.step_worries import GOALS, STATEMENTS, WorriesStep
        from workbench.supervision.mapping import Part, discussion_plan

        state = SessionState(self.services, self.ctx, session_view, self)
        self.state = state
        qs = state.question_set
        # The three columns in the set's own order and words, with the one-to-one steps.
        columns = (Part.WORRIED, Part.DANGER_STATEMENTS, Part.WORKING_WELL, Part.SAFETY_GOALS,
                   Part.NEEDS_TO_HAPPEN)
        plan = [item for item in discussion_plan(qs) if item.part in columns]
        steps: list[StepWidget] = []
        for discussion in session_view.discussions:
            self.mapping_box.addWidget(wrapped_label(discussion.child_label, bold=True))
            for item in plan:
                made: list[StepWidget] = []
                if item.part is Part.DANGER_STATEMENTS:
                    made.append(WorriesStep(state, discussion.id, STATEMENTS))
                elif item.part is Part.SAFETY_GOALS:
                    made.append(WorriesStep(state, discussion.id, GOALS))
                else:
                    made += [QuestionsStep(state, discussion.id, section, qs.questions_in(section))
                             for section in item.sections]
                if made:
                    self.mapping_box.addWidget(wrapped_label(item.title, bold=True))
                for step in made:
                    steps.append(step)
                    self.mapping_box.addWidget(step)
        self.mapping_box.addStretch(1)

        def changed(discussion_id: int) -> None:
            for step in steps:
                if step.discussion_id == discussion_id:
                    step.refresh(state.discussion(discussion_id))

        state.discussion_changed.connect(changed)

    # -- moving between steps ------------------------------------------------------------------
    @property
    def current(self) -> int:
        return self.pages.currentIndex()

    @property
    def current_step(self) -> Step:
        return STEPS[self.current]

    def go(self, index: int) -> None:
        if 0 <= index < len(STEPS):
            self.steps_list.setCurrentRow(index)

    def _go(self, index: int) -> None:
        self.save_texts()
        self.pages.setCurrentIndex(index)
        self.timer.enter(self.current_step)
        self.back_button.setEnabled(index > 0)
        self.next_button.setEnabled(index < len(STEPS) - 1)
        self.show_time_left()
        if self.presentation is not None and self.view is not None:
            self.presentation.show_step(self.current_step, self.view)

    def show_time_left(self) -> None:
        """Count the current step's time box down, here and on the projector (each second)."""
        minutes = self.view.time_boxes.get(self.current_step) if self.view is not None else None
        left = self.timer.left(self.current_step, minutes)
        if left is None:
            text = ""
            self._ticker.stop()
        else:
            template = (self.tr("%1 left of %2 min") if left >= 0
                        else self.tr("Over the %2 min time box by %1"))
            text = arg(template, clock_text(left), minutes)
            self._ticker.start()
        self.clock_label.setText(text)
        self.clock_label.setStyleSheet("color: #B34700;" if left is not None and left < 0 else "")
        if self.presentation is not None:
            self.presentation.time_box.setText(text)

    # -- writing -------------------------------------------------------------------------------
    def _unsaved(self) -> list[Callable[[], bool]]:
        """The writes of every step's text that differs from what was read."""
        view = self.view
        if view is None:
            return []
        ctx, session_id = self.ctx, self.session_id
        writes = []
        for step, box in self.texts.items():
            if box.isReadOnly() or box.toPlainText() == view.text(step):
                continue
            text = box.toPlainText()
            view.texts[step] = text  # not saved twice while this write is under way
            writes.append(_saver(ctx, session_id, step, text))
        return writes

    def save_texts(self) -> None:
        """Save the steps' text (leaving a step, closing), in one task, in order."""
        writes = self._unsaved()
        if writes:
            self._run(lambda: [write() for write in writes], lambda _r: None, "save consultation steps")

    def save_time_box(self, step: Step) -> None:
        from workbench.consultation.service import set_time_box

        minutes = self.time_boxes[step].value() or None
        ctx, session_id = self.ctx, self.session_id

        def saved(_none: object) -> None:
            if self.view is not None:
                if minutes:
                    self.view.time_boxes[step] = minutes
                else:
                    self.view.time_boxes.pop(step, None)
                self.show_time_left()

        self._run(lambda: set_time_box(ctx, session_id, step, minutes), saved, "time box")

    def record_score(self) -> None:
        from workbench.consultation.board import record_score

        key = self.rater_combo.currentData()
        discussion = self.child_combo.currentData()
        if key is None or discussion is None:
            return
        score, reason = self.score_spin.value(), self.reason_edit.text()
        ctx = self.ctx
        # The entry is cleared at once: the next person at the keyboard does not see it.
        self.score_spin.setValue(0)
        self.reason_edit.clear()
        self._run(lambda: record_score(ctx, int(discussion), str(key), score, reason),
                  lambda _r: self.reload(), "record score")

    def reveal(self) -> None:
        from workbench.consultation.board import reveal_scores

        ctx, session_id = self.ctx, self.session_id
        self._run(lambda: reveal_scores(ctx, session_id), lambda _r: self.reload(), "show scores")

    def mark_ready(self) -> None:
        from workbench.consultation.service import mark_ready_to_sign

        writes = self._unsaved()
        ctx, session_id = self.ctx, self.session_id

        def work() -> None:
            for write in writes:  # what was typed last is saved before the check
                write()
            mark_ready_to_sign(ctx, session_id)

        def ready(_none: object) -> None:
            self.notice.set_text(self.tr("Ready to sign: the facilitator signs, then the presenter "
                                         "countersigns."))
            self.reload()

        self._run(work, ready, "ready to sign")

    def open_sign_dialog(self) -> QWidget | None:
        from ui.signing.sign_dialog import SignDialog
        from workbench.signing.desk import Step as SignStep

        view = self.view
        if view is None:
            return None
        step = SignStep.COUNTERSIGN if view.is_presenter else SignStep.SIGN
        dialog = SignDialog(self.services, self.session_id, step, self)
        dialog.signed.connect(lambda _outcome: self.reload())
        dialog.open()
        return dialog

    # -- the projector ---------------------------------------------------------------------------
    def present(self) -> PresentationWindow:
        from ui.consultation.present import PresentationWindow

        if self.presentation is None:
            self.presentation = PresentationWindow()
            self.presentation.destroyed.connect(lambda _o=None: setattr(self, "presentation", None))
        if self.view is not None:
            self.presentation.show_step(self.current_step, self.view)
        self.show_time_left()
        self.presentation.show()
        return self.presentation

    def close_screen(self) -> None:
        self.save_texts()
        if self.state is not None:
            self.state.autosave.flush()
        if self.presentation is not None:
            self.presentation.close()
        self.closed.emit()

    @property
    def is_idle(self) -> bool:
        return self.pending == 0 and (self.state is None or self.state.queue.is_idle)


def _saver(ctx: SupervisionContext, session_id: int, step: Step, text: str) -> Callable[[], bool]:
    from workbench.consultation.service import save_step_text

    return lambda: save_step_text(ctx, session_id, step, text)
