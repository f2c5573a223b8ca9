"""The scale step's voices beyond the worker and the manager, and the child's scale wording.

- ``VoiceRows``: under each worry (or the case as a whole), one row per person who has given a
  score (the child, each parent or carer, the safety network, other professionals), each with
  the perspective's label, the person's name (and agency), the score and "what makes it that
  number"; and an "Add a voice" form that asks the question in that person's words.
- ``WordingChooser``: which wording of the scale this child is scored on, changeable with a
  reason (the services refuse a change without one, or after scores were given).

What the labels, prompts and anchors say comes from the question set; nothing here decides.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from db.enums import RaterRole
from ui.i18n import arg
from ui.problems import explain
from ui.supervision.widgets import Notice, ReasonBox, ScoreBox, help_label, line_box, wrapped_label
from workbench.supervision.scale_voices import Perspective, ScaleWording
from workbench.supervision.views import DiscussionView, ScoreView

if TYPE_CHECKING:
    from ui.supervision.step_scale import ScaleStep

PRACTITIONERS = (RaterRole.WORKER, RaterRole.SUPERVISOR)


def voice_label(perspective: Perspective | None, score: ScoreView) -> str:
    """'Parent or carer: Jo Smith' / 'Other professional: Dr Patel (GP surgery)'."""
    label = perspective.label if perspective is not None else score.rater.value
    who = score.rater_name or ""
    if score.rater_agency:
        who = f"{who} ({score.rater_agency})"
    return f"{label}: {who}" if who else label


class VoiceRows(QWidget):
    """The other voices' scores on one scale, and the form to add one."""

    def __init__(self, step: ScaleStep, worry_id: int | None, what: str) -> None:
        super().__init__()
        self.step, self.worry_id, self.what = step, worry_id, what
        self.scale = step.state.question_set.scale
        self.voices = [p for p in self.scale.perspectives if p.role not in PRACTITIONERS]
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.rows_form = QFormLayout()
        layout.addLayout(self.rows_form)
        self.rows: dict[tuple[str, str], tuple[ScoreBox, ReasonBox]] = {}
        self.add_button = QPushButton(self.tr("Add a voice: the child, a parent or carer, the network…"))
        self.add_button.setAccessibleName(arg(self.tr("Add another person's score on %1"), what))
        self.add_button.clicked.connect(self.open_form)
        layout.addWidget(self.add_button)  # first: shown without a parent it is a window
        self.add_button.setVisible(bool(self.voices))
        self.form = QWidget()
        self._build_form()
        layout.addWidget(self.form)
        self.form.hide()

    def _build_form(self) -> None:
        form = QFormLayout(self.form)
        self.perspective = QComboBox()
        self.perspective.setAccessibleName(arg(self.tr("Whose score on %1"), self.what))
        for voice in self.voices:
            self.perspective.addItem(voice.label, voice.role.value)
        self.perspective.currentIndexChanged.connect(self._perspective_changed)
        form.addRow(wrapped_label(self.tr("Who:"), buddy=self.perspective), self.perspective)
        self.prompt = help_label("")
        form.addRow("", self.prompt)
        self.name = line_box(self.tr("Their name"), placeholder=self.tr("Their name (e.g. Mum, Jo Smith)"))
        form.addRow(wrapped_label(self.tr("Name:"), buddy=self.name), self.name)
        self.agency = line_box(self.tr("Their agency"), placeholder=self.tr("e.g. school, GP, police"))
        self.agency_label = wrapped_label(self.tr("Agency:"), buddy=self.agency)
        form.addRow(self.agency_label, self.agency)
        self.score = ScoreBox(arg(self.tr("Their score on %1"), self.what))
        self.reason = ReasonBox(self.tr("What makes it that number, for them"),
                                placeholder=self.scale.reason_label)
        line = QHBoxLayout()
        line.addWidget(self.score)
        line.addWidget(self.reason, 1)
        form.addRow(wrapped_label(self.tr("Their score:"), buddy=self.score), line)
        buttons = QHBoxLayout()
        self.save_button = QPushButton(self.tr("Save their score"))
        self.save_button.clicked.connect(self.add)
        cancel = QPushButton(self.tr("Cancel"))
        cancel.clicked.connect(self.close_form)
        buttons.addWidget(self.save_button)
        buttons.addWidget(cancel)
        buttons.addStretch(1)
        form.addRow("", buttons)
        self.problem = Notice()
        form.addRow(self.problem)
        self.problem.hide()
        self._perspective_changed()

    def current_voice(self) -> Perspective | None:
        """The chosen voice as put to this child (the child's prompt for their age)."""
        role = self.perspective.currentData()
        voice = next((v for v in self.voices if v.role.value == role), None)
        return self.step.view.voice(voice) if voice is not None else None

    def _perspective_changed(self) -> None:
        voice = self.current_voice()
        if voice is None:
            return
        low, high = voice.anchors(self.step.wording)
        anchors = f"0: {low}. 10: {high}."
        self.prompt.setText(f"{voice.prompt}\n{anchors}" if voice.prompt else anchors)
        self.score.setAccessibleDescription(f"0: {low}. 10: {high}.")
        self.agency.setVisible(voice.agency)
        self.agency_label.setVisible(voice.agency)

    def open_form(self) -> None:
        self.form.show()
        self.add_button.hide()
        self.perspective.setFocus()

    def close_form(self) -> None:
        self.form.hide()
        self.problem.hide()
        self.add_button.setVisible(bool(self.voices))
        for box in (self.name, self.agency, self.reason):
            box.clear()
        self.score.setValue(self.score.minimum())

    def add(self) -> None:
        from workbench.supervision.scores import save_score

        voice = self.current_voice()
        if voice is None:
            return
        role, worry_id, did = voice.role, self.worry_id, self.step.discussion_id
        name, agency = self.name.text(), self.agency.text() if voice.agency else None
        score, reason = self.score.score(), self.reason.text()
        if score is None:
            self.problem.set_text(self.tr("Choose their score (0 to 10), then save it."))
            return

        def saved(result: Any) -> None:
            self.close_form()
            self.step.saved(result)

        def failed(error: Exception) -> None:
            self.problem.set_text(explain(error).message)

        ctx = self.step.state.ctx
        self.step.state.queue.submit(
            lambda: save_score(ctx, did, worry_id, role, score=score, reason=reason, rater_name=name,
                               rater_agency=agency),
            on_done=saved, on_error=failed)

    def show_scores(self, view: DiscussionView, *, hide: bool) -> None:
        """A row per voice that has scored (kept while the user types), values dotted if hidden."""
        scores = [s for s in view.scores_on(self.worry_id) if s.rater not in PRACTITIONERS]
        wanted = {(s.rater.value, s.rater_name or ""): s for s in scores}
        if set(wanted) != set(self.rows):
            self._rebuild(list(wanted.values()))
        for box, reason in self.rows.values():
            box.set_hidden_value(hide)
            reason.setEchoMode(QLineEdit.EchoMode.Password if hide else QLineEdit.EchoMode.Normal)

    def _rebuild(self, scores: list[ScoreView]) -> None:
        state = self.step.state
        for box, reason in self.rows.values():
            state.autosave.release(box)
            state.autosave.release(reason)
        while self.rows_form.rowCount():
            self.rows_form.removeRow(0)
        self.rows = {}
        for score in scores:
            perspective = self.scale.perspective(score.rater)
            who = voice_label(perspective, score)
            name = arg(self.tr("%1's score on %2"), who, self.what)
            box = ScoreBox(name, score.score)
            if perspective is not None:
                low, high = self.step.view.voice(perspective).anchors(self.step.wording)
                box.setAccessibleDescription(f"0: {low}. 10: {high}.")
            reason = ReasonBox(arg(self.tr("%1's reason"), who), placeholder=self.scale.reason_label,
                               text=score.reason)
            line = QHBoxLayout()
            line.addWidget(box)
            line.addWidget(reason, 1)
            self.rows_form.addRow(wrapped_label(f"{who}:", buddy=box), line)
            key = (score.rater.value, score.rater_name or "")
            self.rows[key] = (box, reason)
            self._bind(box, reason, score)

    def _bind(self, box: ScoreBox, reason: ReasonBox, score: ScoreView) -> None:
        from workbench.supervision.scores import save_score

        state, did, worry_id = self.step.state, self.step.discussion_id, self.worry_id
        role, name, agency = score.rater, score.rater_name, score.rater_agency

        def getter() -> tuple[int | None, str]:
            return box.score(), reason.text()

        def save(value: tuple[int | None, str]) -> Any:
            new_score, new_reason = value
            return save_score(state.ctx, did, worry_id, role, score=new_score,
                              reason=new_reason if new_score is not None else "",
                              rater_name=name, rater_agency=agency)

        key = ("score", did, worry_id, role, name)
        state.autosave.bind(box, box.valueChanged, getter, save, key=key, on_saved=self.step.saved)
        state.autosave.bind(reason, reason.textChanged, getter, save, key=key, on_saved=self.step.saved)


class WordingChooser(QWidget):
    """Which of the set's scale wordings this child is scored on; a change needs a reason."""

    def __init__(self, step: ScaleStep) -> None:
        super().__init__()
        self.step = step
        scale = step.state.question_set.scale
        layout = QFormLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.choice = QComboBox()
        self.choice.setAccessibleName(self.tr("The scale's wording for this child"))
        for variant in scale.variants:
            self.choice.addItem(variant.label, variant.id)
        self.reason = ReasonBox(self.tr("Why this wording fits the child"),
                                placeholder=self.tr("Why this child is scored on this wording"))
        self.apply = QPushButton(self.tr("Use this wording"))
        self.apply.clicked.connect(self.choose)
        line = QHBoxLayout()
        line.addWidget(self.choice, 1)
        line.addWidget(self.apply)
        layout.addRow(wrapped_label(self.tr("Scale wording:"), buddy=self.choice), line)
        layout.addRow(wrapped_label(self.tr("Why it changes:"), buddy=self.reason), self.reason)
        self.setTabOrder(self.choice, self.reason)
        self.setTabOrder(self.reason, self.apply)
        self.recorded = help_label("")
        layout.addRow("", self.recorded)
        self.shown_key: str | None = None
        self.problem = Notice()
        layout.addRow(self.problem)
        self.problem.hide()

    def show_view(self, view: DiscussionView, wording: ScaleWording) -> None:
        # follow the record only when it changed: a choice being made is not undone by a refresh
        if wording.key != self.shown_key:
            self.shown_key = wording.key
            index = self.choice.findData(wording.key)
            if index >= 0:
                self.choice.setCurrentIndex(index)
        reason = view.scale_variant_reason
        self.recorded.setText(arg(self.tr("Changed from the usual wording because: %1"), reason)
                              if reason else "")
        self.recorded.setVisible(bool(reason))

    def choose(self) -> None:
        from workbench.supervision.discussions import choose_scale_variant

        variant, reason = self.choice.currentData(), self.reason.text()
        ctx, did = self.step.state.ctx, self.step.discussion_id

        def done(_changed: Any) -> None:
            self.problem.hide()
            self.reason.clear()
            self.step.changed()

        self.step.state.queue.submit(lambda: choose_scale_variant(ctx, did, variant, reason),
                                     on_done=done,
                                     on_error=lambda e: self.problem.set_text(explain(e).message))
