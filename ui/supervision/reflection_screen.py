"""Worker mode (the Reflections tab): a worker sees their own caseload and prepares a reflection
per child for the next supervision: what happened, how and why, their own scale score and
reason, what they want from supervision, and whether to flag the child for discussion. The
manager sees it when the child comes up in the session. Saved as it is typed."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QItemSelection, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from db.enums import Role
from ui.i18n import arg
from ui.models.roles import OBJECT_ROLE
from ui.problems import explain
from ui.screens import ScreenBase
from ui.supervision.conflict_dialog import ask_about_conflict
from ui.supervision.people import context, reflection_writers
from ui.supervision.reflection_model import NAME, ReflectionCaseloadModel, ReflectionRow
from ui.supervision.saving import Autosave, SaveQueue
from ui.supervision.widgets import Notice, ScoreBox, help_label, line_box, text_box, wrapped_label

if TYPE_CHECKING:
    from ui.services import AppServices
    from workbench.caseload import CaseRow, StaffRow
    from workbench.supervision.context import SupervisionContext
    from workbench.supervision.question_sets import ScaleSpec
    from workbench.supervision.reflections import ReflectionView


@dataclass(frozen=True)
class WorkerCaseload:
    worker_id: int
    cases: list[CaseRow]
    reflections: dict[int, ReflectionView]
    scale: ScaleSpec


def read_worker_caseload(services: AppServices, ctx: SupervisionContext) -> WorkerCaseload:
    from workbench.caseload import open_cases
    from workbench.supervision.question_sets import load_question_set
    from workbench.supervision.reflections import worker_reflections

    cases = open_cases(services.db, worker_id=ctx.actor_id, actor=services.actor)
    return WorkerCaseload(ctx.actor_id, cases, worker_reflections(ctx), load_question_set().scale)


def _save(ctx: SupervisionContext, case_id: int, **values: Any) -> Any:
    from workbench.supervision.reflections import save_reflection

    return save_reflection(ctx, case_id, **values)


def _current(ctx: SupervisionContext, case_id: int) -> ReflectionView | None:
    from workbench.supervision.reflections import worker_reflections

    return worker_reflections(ctx).get(case_id)


def _text_saver(ctx: SupervisionContext, case_id: int, field: str) -> Callable[[str, str], Any]:
    def save(text: str, seen: str) -> Any:
        return _save(ctx, case_id, **{field: text}, expected={field: seen})

    return save


class ReflectionForm(QWidget):
    """The reflection on one child, bound to the autosave."""

    def __init__(self, autosave: Autosave, ctx: SupervisionContext, row: ReflectionRow, scale: ScaleSpec,
                 on_saved: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        case, reflection = row.case, row.reflection
        label = case.la_child_id if not case.child_name else f"{case.child_name} ({case.la_child_id})"
        self.title = wrapped_label(arg(self.tr("Reflection on %1"), label), bold=True)
        self.what_happened = text_box(self.tr("What happened"), lines=4,
                                      text=reflection.what_happened if reflection else "",
                                      placeholder=self.tr("Since the last supervision: visits, events, "
                                                          "changes"))
        self.how_and_why = text_box(self.tr("How and why"), lines=4,
                                    text=reflection.how_and_why if reflection else "",
                                    placeholder=self.tr("How you understand it, and why you think it "
                                                        "happened"))
        self.score = ScoreBox(self.tr("Your scale score"), reflection.worker_score if reflection else None)
        self.score.setAccessibleDescription(f"{scale.wording.strip()} 0: {scale.low}. 10: {scale.high}.")
        self.score_reason = line_box(self.tr("Your reason for the score"), placeholder=scale.reason_label,
                                     text=reflection.score_reason if reflection else "")
        self.wants = text_box(self.tr("What you want from supervision"), lines=3,
                              text=reflection.wants_from_supervision if reflection else "",
                              placeholder=self.tr("A decision, advice, a second view…"))
        self.flag = QCheckBox(self.tr("Fla&g this child for discussion at the next supervision"))
        self.flag.setAccessibleName(self.tr("Flag for discussion"))
        self.flag.setChecked(bool(reflection and reflection.flag_for_discussion))
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        def heading(text: str, buddy: QWidget) -> QLabel:
            return wrapped_label(text, buddy=buddy, bold=True, wrap=False)

        form.addRow(heading(self.tr("What ha&ppened?"), self.what_happened), self.what_happened)
        form.addRow(heading(self.tr("H&ow and why?"), self.how_and_why), self.how_and_why)
        score_line = QHBoxLayout()
        score_line.addWidget(self.score)
        score_line.addWidget(self.score_reason, 1)
        form.addRow(heading(self.tr("Your scale score and reaso&n"), self.score), score_line)
        form.addRow("", help_label(f"0: {scale.low}. 10: {scale.high}."))
        form.addRow(heading(self.tr("What do you w&ant from supervision?"), self.wants), self.wants)
        form.addRow("", self.flag)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addLayout(form)
        layout.addStretch(1)

        cid = case.case_id
        for widget, name in ((self.what_happened, "what_happened"), (self.how_and_why, "how_and_why"),
                             (self.score_reason, "score_reason"), (self.wants, "wants_from_supervision")):
            autosave.bind_text(widget, _text_saver(ctx, cid, name), key=("reflection", cid, name),
                               on_saved=on_saved, seen=True)
        def save_score(value: int | None) -> Any:
            return _save(ctx, cid, worker_score=value)

        def save_flag(value: bool) -> Any:
            return _save(ctx, cid, flag_for_discussion=value)

        autosave.bind(self.score, self.score.valueChanged, self.score.score, save_score,
                      key=("reflection", cid, "score"), on_saved=on_saved)
        autosave.bind(self.flag, self.flag.toggled, self.flag.isChecked, save_flag,
                      key=("reflection", cid, "flag"), immediate=True, on_saved=on_saved)


class ReflectionScreen(ScreenBase):
    caseload_loaded = Signal(int)

    def __init__(self, services: AppServices, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.ctx: SupervisionContext | None = None
        self.caseload: WorkerCaseload | None = None
        self.form: ReflectionForm | None = None
        self.queue = SaveQueue(services.runner, self)
        self.autosave = Autosave(self.queue, self)
        self._generation = 0
        self._save_error: str | None = None  # a write that failed and is being tried again
        self._watching: QObject | None = None

        self.worker_combo = QComboBox()
        self.worker_combo.setAccessibleName(self.tr("Whose reflections"))
        self.worker_combo.setMinimumContentsLength(22)
        self.notice = Notice()
        self.save_status = wrapped_label()
        self.save_status.setAccessibleName(self.tr("Save status"))
        self.model = ReflectionCaseloadModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName(self.tr("My caseload"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)
        self.table.setCornerButtonEnabled(False)  # one row at a time: no 'select all'
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.horizontalHeader().setSectionResizeMode(NAME, QHeaderView.ResizeMode.ResizeToContents)
        self.form_holder = QWidget()
        self.form_layout = QVBoxLayout(self.form_holder)
        self.form_layout.setContentsMargins(6, 0, 0, 0)
        self.placeholder = help_label(self.tr("Choose a child on the left to prepare your reflection."))
        self.form_layout.addWidget(self.placeholder)

        top = QHBoxLayout()
        top.addWidget(wrapped_label(self.tr("&Worker:"), buddy=self.worker_combo))
        top.addWidget(self.worker_combo)
        top.addStretch(1)
        top.addWidget(self.save_status)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(wrapped_label(self.tr("M&y caseload"), buddy=self.table, bold=True))
        left_layout.addWidget(self.table, 1)
        splitter.addWidget(left)
        splitter.addWidget(self.form_holder)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([620, 640])  # the caseload's columns whole, the form beside it
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(help_label(self._help_text()))
        layout.addWidget(self.notice)
        layout.addWidget(splitter, 1)

        self.worker_combo.currentIndexChanged.connect(self._worker_changed)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.queue.busy_changed.connect(self._show_saving)
        self.queue.retrying.connect(self._save_waits)
        self.queue.failed.connect(self._save_failed)
        self.autosave.conflict.connect(lambda conflict: ask_about_conflict(self, conflict))
        self.autosave.state_changed.connect(self._show_saving)
        self._show_saving()
        self.refresh()

    def _help_text(self) -> str:
        """A worker prepares here; anyone else is told what the tab is for, not to prepare."""
        role = self.services.actor.role if self.services.actor is not None else None
        if role is None or role is Role.WORKER:
            return self.tr(
                "Prepare for your next supervision: a reflection per child. Your manager sees it "
                "when the child comes up in the session. Everything is saved as you type.")
        return self.tr(
            "Workers prepare a reflection per child here before their supervision; their manager "
            "sees it when the child comes up in the session. Only a worker's own caseload is "
            "listed, so there is nothing here for you to prepare.")

    # -- loading ---------------------------------------------------------------------------
    def refresh(self) -> None:
        services = self.services
        services.runner.run(lambda _p, _c: reflection_writers(services), on_success=self._show_writers,
                            on_failure=lambda e: self.load_failed.emit(explain(e).message), name="writers")

    def _show_writers(self, writers: list[StaffRow]) -> None:
        previous = self.worker_combo.currentData()
        self.worker_combo.blockSignals(True)
        self.worker_combo.clear()
        for worker in writers:
            label = worker.name if not worker.team_name else f"{worker.name} ({worker.team_name})"
            self.worker_combo.addItem(label, worker.id)
        index = self.worker_combo.findData(previous) if previous is not None else 0
        self.worker_combo.setCurrentIndex(max(index, 0))
        self.worker_combo.setEnabled(self.services.actor is None)
        self.worker_combo.blockSignals(False)
        if not writers:
            self.notice.set_text(self.tr("Reflections are written by workers, each about their own "
                                         "caseload."))
        self._worker_changed()

    def _worker_changed(self, *_args: object) -> None:
        worker_id = self.worker_combo.currentData()
        self._set_form(None)
        if worker_id is None:
            self.model.set_caseload([], {})
            return
        ctx = context(self.services, worker_id)
        self.ctx = ctx
        self._generation += 1
        generation, services = self._generation, self.services
        services.runner.run(lambda _p, _c: read_worker_caseload(services, ctx),
                            on_success=lambda caseload: self._show_caseload(caseload, generation),
                            on_failure=lambda e: self.load_failed.emit(explain(e).message),
                            name="worker caseload")

    def _show_caseload(self, caseload: WorkerCaseload, generation: int) -> None:
        if generation != self._generation:
            return
        self.caseload = caseload
        self.model.set_caseload(caseload.cases, caseload.reflections)
        self.table.resizeColumnsToContents()
        self.caseload_loaded.emit(len(caseload.cases))

    # -- the form --------------------------------------------------------------------------
    def _selection_changed(self, selected: QItemSelection, _deselected: QItemSelection) -> None:
        indexes = selected.indexes()
        row: ReflectionRow | None = indexes[0].data(OBJECT_ROLE) if indexes else None
        self._set_form(row)

    def _set_form(self, row: ReflectionRow | None) -> None:
        if self.form is not None:
            self.autosave.release(self.form)
            self.form_layout.removeWidget(self.form)
            self.form.deleteLater()
            self.form = None
        self.placeholder.setVisible(row is None)
        if row is None or self.ctx is None or self.caseload is None:
            return
        case_id, ctx = row.case.case_id, self.ctx
        self.form = ReflectionForm(self.autosave, ctx, row, self.caseload.scale,
                                   on_saved=lambda _r: self._saved(ctx, case_id))
        self.form_layout.addWidget(self.form)
        self.form.show()  # at once (the layout would show it later): it is typed into next

    def _saved(self, ctx: SupervisionContext, case_id: int) -> None:
        self.queue.submit(lambda: _current(ctx, case_id), key=("status", case_id),
                          on_done=lambda view: self.model.update_reflection(case_id, view))

    def _save_failed(self, message: str) -> None:
        self.notice.set_text(message)

    def _save_waits(self, message: str) -> None:
        """The server (or the disk) is away: the text waits on screen and is tried again."""
        self._save_error = message

    def _show_saving(self, *_args: object) -> None:
        saved = self.autosave.all_saved
        if saved and self._save_error is not None:
            # Caught up (the server came back): what was typed meanwhile is written now.
            self._save_error = None
            self.notice.set_text(None)
        if saved:
            self.save_status.setText(self.tr("All changes saved"))
        elif self._save_error is not None:
            self.save_status.setText(self.tr("Not saved yet: trying again; your text is kept"))
        else:
            self.save_status.setText(self.tr("Saving…"))

    @property
    def all_saved(self) -> bool:
        return self.autosave.all_saved

    def finish(self) -> None:
        """Write everything typed (the window is closing)."""
        self.autosave.flush()
        self.queue.finish_now()

    def showEvent(self, event: Any) -> None:
        super().showEvent(event)
        window = self.window()
        if window is not self and self._watching is not window:
            window.installEventFilter(self)
            self._watching = window

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._watching and event.type() == QEvent.Type.Close:
            self.finish()
        return False
