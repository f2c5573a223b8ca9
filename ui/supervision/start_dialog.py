"""Start supervision: the worker, when the meeting happened, how long, who was there, the kind,
the question set and blind scaling. The agenda is proposed from the worker's caseload and the
session is started in one go; a meeting in the future is refused with the service's message.
When the manager already has an unfinished session with that worker on that day, the dialog
asks first: open it, or start another.

Opened with ``open()``, deleted on close; :attr:`StartSessionDialog.started` carries the
:class:`StartOutcome` (the dialog's typed result).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from db.enums import SessionKind
from ui.i18n import arg, message_of, translate
from ui.models.caseload_model import format_date
from ui.problems import explain
from ui.supervision.agenda_page import from_qdatetime, split_names, to_qdatetime
from ui.supervision.widgets import Notice, line_box, wrapped_label

if TYPE_CHECKING:
    from ui.services import AppServices
    from workbench.caseload import StaffRow
    from workbench.supervision.drafts import DraftSummary
    from workbench.supervision.question_sets import QuestionSet


@dataclass(frozen=True)
class StartOutcome:
    session_id: int
    supervisor_id: int
    late_entry: str | None  # the service's notice when typed > 7 days after the meeting


@dataclass(frozen=True)
class StartChoices:
    workers: list[tuple[StaffRow, StaffRow | None, str | None]]  # worker, supervisor, why none
    question_sets: list[QuestionSet]
    problems: list[str]  # question set files that could not be used


def read_choices(services: AppServices) -> StartChoices:
    from ui.supervision.people import NoSupervisor, supervisees, supervisor_for
    from workbench.supervision.question_sets import list_question_sets

    workers: list[tuple[StaffRow, StaffRow | None, str | None]] = []
    for worker in supervisees(services):
        try:
            workers.append((worker, supervisor_for(services, worker), None))
        except NoSupervisor as error:
            workers.append((worker, None, message_of(error)))
    listings = list_question_sets()
    sets = [item.question_set for item in listings if item.question_set is not None]
    newest: dict[str, QuestionSet] = {}
    for question_set in sets:
        if question_set.key not in newest or question_set.version > newest[question_set.key].version:
            newest[question_set.key] = question_set
    ordered = sorted(newest.values(), key=lambda q: (q.key != "default", q.key))
    return StartChoices(workers, ordered, [item.error for item in listings if item.error])


@dataclass(frozen=True)
class ExistingDraft:
    """Not started: an unfinished session with this worker on this day exists already."""

    draft: DraftSummary


@dataclass(frozen=True)
class StartRequest:
    worker_id: int
    supervisor_id: int
    meeting_at: dt.datetime
    duration_minutes: int | None
    present: list[str]
    kind: SessionKind
    question_set: QuestionSet
    blind_scaling: bool


def start(services: AppServices, request: StartRequest, *,
          another: bool = False) -> StartOutcome | ExistingDraft:
    """Propose the agenda and start the session (on the task runner); unless ``another``, an
    unfinished session with the same worker on the same day is handed back instead."""
    from ui.supervision.people import context
    from workbench.supervision.agenda import propose_agenda
    from workbench.supervision.dates import check_meeting_at
    from workbench.supervision.drafts import same_day_draft
    from workbench.supervision.sessions import start_session

    ctx = context(services, request.supervisor_id)
    check_meeting_at(request.meeting_at, ctx.clock())  # before proposing: say it first
    if not another:
        existing = same_day_draft(ctx, request.worker_id, request.meeting_at.astimezone())
        if existing is not None:
            return ExistingDraft(existing)
    agenda = propose_agenda(ctx, request.worker_id)
    started = start_session(ctx, supervisee_id=request.worker_id, meeting_at=request.meeting_at,
                            duration_minutes=request.duration_minutes, present=request.present,
                            kind=request.kind, question_set=request.question_set,
                            blind_scaling=request.blind_scaling, agenda=agenda)
    return StartOutcome(started.session_id, request.supervisor_id, started.late_entry)


class StartSessionDialog(QDialog):
    started = Signal(object)  # StartOutcome

    def __init__(self, services: AppServices, parent: QWidget | None = None, *,
                 worker_id: int | None = None) -> None:
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setWindowTitle(self.tr("Start supervision"))
        self.services = services
        self.result_value: StartOutcome | None = None
        self._wanted_worker = worker_id
        self._choices: StartChoices | None = None
        self.is_running = False

        self.worker_combo = QComboBox()
        self.worker_combo.setAccessibleName(self.tr("Worker"))
        self.worker_combo.setMinimumContentsLength(24)
        now = services.clock().replace(second=0, microsecond=0)
        self.meeting_edit = QDateTimeEdit(to_qdatetime(now))
        self.meeting_edit.setDisplayFormat("dd MMM yyyy HH:mm")
        self.meeting_edit.setCalendarPopup(True)
        self.meeting_edit.setAccessibleName(self.tr("Meeting date and time"))
        self.duration = QSpinBox()
        self.duration.setRange(0, 720)
        self.duration.setValue(60)
        self.duration.setSuffix(self.tr(" minutes"))
        self.duration.setSpecialValueText(self.tr("Not recorded"))
        self.duration.setAccessibleName(self.tr("Duration in minutes"))
        self.present = line_box(self.tr("Those present"), placeholder=self.tr("Names, separated by commas"))
        self.kind_combo = QComboBox()
        self.kind_combo.setAccessibleName(self.tr("Kind of session"))
        self.kind_combo.addItem(self.tr("One-to-one case supervision"), SessionKind.CASE_ONE_TO_ONE)
        self.kind_combo.addItem(self.tr("Reflective supervision"), SessionKind.REFLECTIVE)
        self.set_combo = QComboBox()
        self.set_combo.setAccessibleName(self.tr("Question set"))
        self.blind_check = QCheckBox(self.tr("&Blind scaling: hide each score until both have scored"))
        self.blind_check.setAccessibleName(self.tr("Blind scaling"))
        self.error = Notice()
        self.error.setAccessibleName(self.tr("Problem"))
        self.buttons = QDialogButtonBox()
        self.start_button = self.buttons.addButton(self.tr("&Start"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.cancel_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.start_button.setDefault(True)
        self.start_button.setEnabled(False)
        # Asked when a draft with the same worker on the same day exists already.
        self.existing: DraftSummary | None = None
        self.existing_label = wrapped_label()
        self.open_existing_button = QPushButton(self.tr("&Open it"))
        self.another_button = QPushButton(self.tr("Start &another"))
        for button in (self.open_existing_button, self.another_button):
            button.setAutoDefault(False)  # Return still means Start
        self.existing_box = QWidget()
        existing_layout = QVBoxLayout(self.existing_box)
        existing_layout.setContentsMargins(0, 0, 0, 0)
        existing_layout.addWidget(self.existing_label)
        existing_row = QHBoxLayout()
        existing_row.addWidget(self.open_existing_button)
        existing_row.addWidget(self.another_button)
        existing_row.addStretch(1)
        existing_layout.addLayout(existing_row)
        self.existing_box.hide()

        form = QFormLayout()
        form.addRow(wrapped_label(self.tr("&Worker:"), buddy=self.worker_combo), self.worker_combo)
        form.addRow(wrapped_label(self.tr("&Meeting date and time:"), buddy=self.meeting_edit),
                    self.meeting_edit)
        form.addRow(wrapped_label(self.tr("D&uration:"), buddy=self.duration), self.duration)
        form.addRow(wrapped_label(self.tr("&Present:"), buddy=self.present), self.present)
        form.addRow(wrapped_label(self.tr("&Kind:"), buddy=self.kind_combo), self.kind_combo)
        form.addRow(wrapped_label(self.tr("&Question set:"), buddy=self.set_combo), self.set_combo)
        form.addRow("", self.blind_check)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.existing_box)
        layout.addWidget(self.buttons)
        self.buttons.accepted.connect(self.start)
        self.buttons.rejected.connect(self.reject)
        self.worker_combo.currentIndexChanged.connect(self._worker_changed)
        self.open_existing_button.clicked.connect(self.open_existing)
        self.another_button.clicked.connect(lambda: self.start(another=True))
        self.worker_combo.currentIndexChanged.connect(self._forget_existing)
        self.meeting_edit.dateTimeChanged.connect(self._forget_existing)
        services.runner.run(lambda _p, _c: read_choices(services), on_success=self._show_choices,
                            on_failure=lambda error: self.error.set_text(explain(error).message),
                            name="start choices")

    # -- choices ---------------------------------------------------------------------------
    def _show_choices(self, choices: StartChoices) -> None:
        self._choices = choices
        self.worker_combo.blockSignals(True)
        for worker, _supervisor, _why in choices.workers:
            label = worker.name if not worker.team_name else f"{worker.name} ({worker.team_name})"
            self.worker_combo.addItem(label, worker.id)
        index = self.worker_combo.findData(self._wanted_worker) if self._wanted_worker is not None else -1
        self.worker_combo.setCurrentIndex(max(index, 0))
        self.worker_combo.blockSignals(False)
        for question_set in choices.question_sets:
            self.set_combo.addItem(question_set.label, question_set.key)
        if not choices.workers:
            self.error.set_text(self.tr("There is nobody whose supervision you can start here."))
        elif choices.problems:
            self.error.set_text(choices.problems[0])
        self._worker_changed()

    @property
    def choices_loaded(self) -> bool:
        return self._choices is not None

    def _current(self) -> tuple[StaffRow, StaffRow | None, str | None] | None:
        if self._choices is None or self.worker_combo.currentIndex() < 0:
            return None
        return self._choices.workers[self.worker_combo.currentIndex()]

    def _worker_changed(self, *_args: object) -> None:
        current = self._current()
        if current is None:
            self.start_button.setEnabled(False)
            return
        worker, supervisor, why = current
        self.present.setText(", ".join(n for n in (supervisor.name if supervisor else "", worker.name) if n))
        if why:
            self.error.set_text(why)
        self.start_button.setEnabled(supervisor is not None and self.set_combo.count() > 0)

    def request(self) -> StartRequest | None:
        current = self._current()
        if current is None or current[1] is None or self._choices is None:
            return None
        worker, supervisor, _why = current
        assert supervisor is not None
        return StartRequest(
            worker_id=worker.id, supervisor_id=supervisor.id,
            meeting_at=from_qdatetime(self.meeting_edit.dateTime()),
            duration_minutes=self.duration.value() or None, present=split_names(self.present.text()),
            kind=SessionKind(self.kind_combo.currentData()),  # Qt hands it back as plain text
            question_set=self._choices.question_sets[self.set_combo.currentIndex()],
            blind_scaling=self.blind_check.isChecked())

    # -- starting --------------------------------------------------------------------------
    def start(self, *, another: bool = False) -> None:
        request = self.request()
        if request is None or self.is_running:
            return
        self.is_running = True
        self.start_button.setEnabled(False)
        self.error.set_text(None)
        self._forget_existing()
        services = self.services
        self.services.runner.run(lambda _p, _c: start(services, request, another=another),
                                 on_success=self._started, on_failure=self._failed,
                                 name="start supervision")

    def _forget_existing(self, *_args: object) -> None:
        self.existing = None
        self.existing_box.hide()

    def _ask_about(self, found: ExistingDraft) -> None:
        draft = found.draft
        local = draft.meeting_at.astimezone()
        self.existing = draft
        self.existing_label.setText(arg(translate(
            "StartSessionDialog", "You already have a draft with %1 for %2 (meeting at %3; %4 of %n "
            "child(ren) discussed). Open it, or start another?", None, draft.children_total),
            draft.supervisee_name, format_date(local.date()), f"{local:%H:%M}", draft.children_done))
        self.existing_box.show()
        self.start_button.setEnabled(True)
        self.open_existing_button.setFocus()

    def open_existing(self) -> None:
        draft = self.existing
        if draft is None or self.is_running:
            return
        outcome = StartOutcome(draft.session_id, draft.supervisor_id, None)
        self.result_value = outcome
        self.started.emit(outcome)
        self.accept()

    def _started(self, outcome: StartOutcome | ExistingDraft) -> None:
        self.is_running = False
        if isinstance(outcome, ExistingDraft):
            self._ask_about(outcome)
            return
        self.result_value = outcome
        self.started.emit(outcome)
        self.accept()

    def _failed(self, error: Exception) -> None:
        self.is_running = False
        self.start_button.setEnabled(True)
        self.error.set_text(explain(error).message)
        self.meeting_edit.setFocus()

    def done(self, result: int) -> None:
        if self.is_running:
            return  # the session is being started: wait for it
        super().done(result)

