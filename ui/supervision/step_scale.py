"""The scale step: per open worry (or the case as a whole) a 0-10 score from the worker and
from the manager, each with its reason; the prompts those scores raise (escalation, a
difference to discuss) with the fields that answer them; then the scale's follow-up questions.

The question and its anchors are the wording that fits this child (looked after, child in
need, ...; see ``ui.supervision.scale_voices``), and beside the worker and the manager every
other voice (the child, parents or carers, the network, other professionals) can be added.
With blind scaling every score shows as dots until both the worker and the manager have
scored that worry, so that nobody follows the other.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtWidgets import QFormLayout, QFrame, QHBoxLayout, QLineEdit, QVBoxLayout, QWidget

from db.enums import RaterRole
from ui.i18n import arg
from ui.supervision.questions import QuestionsForm
from ui.supervision.scale_voices import VoiceRows, WordingChooser
from ui.supervision.state import SessionState
from ui.supervision.step_base import StepWidget, reconcile
from ui.supervision.widgets import Notice, ReasonBox, ScoreBox, help_label, text_box, wrapped_label
from workbench.history import short_label
from workbench.supervision.question_sets import Question
from workbench.supervision.scale_rules import BOTH, PromptKind, ScalePrompt
from workbench.supervision.scale_voices import ScaleWording
from workbench.supervision.views import DiscussionView

WHOLE_CASE = 0  # the row key of the case as a whole (worry ids start at 1)


class ScaleRow(QFrame):
    """One worry's (or the whole case's) scores: the worker's and the manager's, with reasons."""

    def __init__(self, step: ScaleStep, worry_id: int | None, number: int) -> None:
        super().__init__()
        self.step, self.worry_id = step, worry_id
        state = step.state
        scale = state.question_set.scale
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.heading = wrapped_label(bold=True)
        self.goal = help_label("")
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.goal)
        form = QFormLayout()
        self.boxes: dict[RaterRole, ScoreBox] = {}
        self.reasons: dict[RaterRole, ReasonBox] = {}
        view = step.view
        what = (self.tr("the case as a whole") if worry_id is None
                else arg(self.tr("scale %1"), str(number)))
        wording = step.wording
        for rater, who in ((RaterRole.WORKER, self.tr("Worker")), (RaterRole.SUPERVISOR, self.tr("Manager"))):
            perspective = scale.perspective(rater)
            who = perspective.label if perspective is not None else who
            score = view.score(worry_id, rater)
            box = ScoreBox(arg(self.tr("%1's score on %2"), who, what),
                           None if score is None else score.score)
            box.setAccessibleDescription(f"0: {wording.low}. 10: {wording.high}.")
            reason = ReasonBox(arg(self.tr("%1's reason for the score on %2"), who, what),
                               placeholder=scale.reason_label,
                              text="" if score is None else score.reason)
            line = QHBoxLayout()
            line.addWidget(box)
            line.addWidget(reason, 1)
            form.addRow(wrapped_label(arg(self.tr("%1's score:"), who), buddy=box), line)
            self.boxes[rater], self.reasons[rater] = box, reason
            key = ("score", step.discussion_id, worry_id, rater)
            getter, save = self._binding(box, reason, rater)
            state.autosave.bind(box, box.valueChanged, getter, save, key=key, on_saved=step.saved)
            state.autosave.bind(reason, reason.textChanged, getter, save, key=key, on_saved=step.saved)
        layout.addLayout(form)
        self.voices = VoiceRows(step, worry_id, what)
        layout.addWidget(self.voices)

    def _binding(self, box: ScoreBox, reason: ReasonBox, rater: RaterRole) -> tuple[
            Callable[[], tuple[int | None, str]], Callable[[tuple[int | None, str]], Any]]:
        state, discussion_id, worry_id = self.step.state, self.step.discussion_id, self.worry_id

        def getter() -> tuple[int | None, str]:
            return box.score(), reason.text()

        def save(value: tuple[int | None, str]) -> Any:
            return _save(state, discussion_id, worry_id, rater, *value)

        return getter, save

    def show_target(self, view: DiscussionView, number: int, *, blind: bool) -> None:
        if self.worry_id is None:
            self.heading.setText(self.tr("The case as a whole"))
            self.goal.setText("")
        else:
            worry = next((w for w in view.worries if w.id == self.worry_id), None)
            statement = worry.danger_statement if worry else ""
            self.heading.setText(f"{number}. {short_label(statement, 120) or self.tr('(not written yet)')}")
            goal_label = self.step.state.question_set.worries.goal_label
            goal = worry.safety_goal if worry else ""
            self.goal.setText(f"{goal_label}: {short_label(goal, 160)}" if goal else "")
        raters = {s.rater for s in view.scores if s.worry_id == self.worry_id}
        hide = blind and not raters >= BOTH
        for rater, box in self.boxes.items():
            box.set_hidden_value(hide)
            echo = QLineEdit.EchoMode.Password if hide else QLineEdit.EchoMode.Normal
            self.reasons[rater].setEchoMode(echo)
        self.voices.show_scores(view, hide=hide)


def _save(state: SessionState, discussion_id: int, worry_id: int | None, rater: RaterRole,
          score: int | None, reason: str) -> Any:
    from workbench.supervision.scores import save_score

    if score is None:
        return save_score(state.ctx, discussion_id, worry_id, rater, score=None)
    return save_score(state.ctx, discussion_id, worry_id, rater, score=score, reason=reason)


def _save_field(state: SessionState, discussion_id: int, **text: Any) -> Any:
    from workbench.supervision.discussions import save_discussion_fields

    return save_discussion_fields(state.ctx, discussion_id, **text)


class ScaleStep(StepWidget):
    def __init__(self, state: SessionState, discussion_id: int, questions: tuple[Question, ...],
                 parent: QWidget | None = None) -> None:
        super().__init__(state, discussion_id, parent)
        scale = state.question_set.scale
        view = self.view
        self.chooser = WordingChooser(self) if scale.variants else None
        if self.chooser is not None:
            self.layout_.addWidget(self.chooser)
        self.wording_label = wrapped_label()
        self.low_label, self.high_label = wrapped_label(), wrapped_label()
        self.layout_.addWidget(self.wording_label)
        anchors = QFormLayout()
        anchors.addRow("0:", self.low_label)
        anchors.addRow("10:", self.high_label)
        self.layout_.addLayout(anchors)
        self.show_wording(view)
        self.blind_note = Notice(self.tr("Blind scaling: each score shows as dots until both the worker "
                                         "and the manager have scored."))
        self.layout_.addWidget(self.blind_note)  # first: shown without a parent it is a window
        self.blind_note.setVisible(state.view.blind_scaling)
        self.reflection_note = help_label("")
        self.layout_.addWidget(self.reflection_note)
        self.rows_box = QVBoxLayout()
        self.layout_.addLayout(self.rows_box)
        self.rows: dict[int, ScaleRow] = {}

        self.prompt_box = QVBoxLayout()
        self.layout_.addLayout(self.prompt_box)
        self.prompt_notices: list[Notice] = []
        self.escalation = text_box(self.tr("Escalation decision"), lines=2, text=view.escalation_decision,
                                   placeholder=self.tr("The escalation decision, and who makes it"))
        self.escalation_label = wrapped_label(self.tr("Escalation decision"), buddy=self.escalation,
                                              bold=True)
        self.difference = text_box(self.tr("What was agreed about the difference in scores"), lines=2,
                                   text=view.score_difference_note)
        self.difference_label = wrapped_label(self.tr("What was agreed about the difference in scores"),
                                              buddy=self.difference, bold=True)
        for widget in (self.escalation_label, self.escalation, self.difference_label, self.difference):
            self.layout_.addWidget(widget)
        did = discussion_id
        state.autosave.bind_text(
            self.escalation, lambda text, seen: _save_field(
                state, did, escalation_decision=text, expected={"escalation_decision": seen}),
            key=("discussion", did, "escalation_decision"), on_saved=lambda _r: self.changed(),
            seen=True)
        state.autosave.bind_text(
            self.difference, lambda text, seen: _save_field(
                state, did, score_difference_note=text, expected={"score_difference_note": seen}),
            key=("discussion", did, "score_difference_note"), on_saved=lambda _r: self.changed(),
            seen=True)
        self.follow_ups: QuestionsForm | None = None
        if questions:
            from ui.supervision.step_questions import case_questions_form

            self.follow_ups = case_questions_form(state, discussion_id, questions)
            self.layout_.addWidget(self.follow_ups)
        self.layout_.addStretch(1)
        self.refresh(view)

    @property
    def wording(self) -> ScaleWording:
        """The scale's question and anchors for this child (their case kind's, or as changed)."""
        return self.view.scale_wording(self.state.question_set.scale)

    def show_wording(self, view: DiscussionView) -> None:
        wording = view.scale_wording(self.state.question_set.scale)
        self.wording_label.setText(wording.wording.strip())
        self.low_label.setText(wording.low)
        self.high_label.setText(wording.high)
        if self.chooser is not None:
            self.chooser.show_view(view, wording)

    def _targets(self, view: DiscussionView) -> list[int | None]:
        open_ids: list[int | None] = [w.id for w in view.open_worries]
        return open_ids or [None]

    def refresh(self, view: DiscussionView) -> None:
        self.show_wording(view)
        targets = self._targets(view)
        numbers = {(t or WHOLE_CASE): n for n, t in enumerate(targets, start=1)}
        reconcile(self.rows, [t or WHOLE_CASE for t in targets],
                  lambda key: ScaleRow(self, None if key == WHOLE_CASE else key, numbers[key]),
                  self.rows_box, self.state.autosave.release)
        for key, row in self.rows.items():
            row.show_target(view, numbers[key], blind=self.state.view.blind_scaling)
        reflection = view.reflection
        if reflection is not None and reflection.worker_score is not None:
            self.reflection_note.setText(arg(self.tr("In their reflection the worker scored %1: %2"),
                                             reflection.worker_score,
                                             reflection.score_reason or self.tr("no reason given")))
        self.reflection_note.setVisible(bool(reflection and reflection.worker_score is not None))
        self.show_prompts(view.prompts, view)

    def show_prompts(self, prompts: tuple[ScalePrompt, ...], view: DiscussionView) -> None:
        for notice in self.prompt_notices:
            self.prompt_box.removeWidget(notice)
            notice.deleteLater()
        self.prompt_notices = []
        for prompt in prompts:
            notice = Notice(prompt.message)
            self.prompt_box.addWidget(notice)
            self.prompt_notices.append(notice)
        kinds = {p.kind for p in prompts}
        show_escalation = PromptKind.ESCALATION in kinds or bool(self.escalation.toPlainText().strip())
        show_difference = bool(kinds & {PromptKind.DIFFERENCE, PromptKind.FAMILY_DIFFERENCE}) or bool(
            self.difference.toPlainText().strip())
        for widget in (self.escalation_label, self.escalation):
            widget.setVisible(show_escalation)
        for widget in (self.difference_label, self.difference):
            widget.setVisible(show_difference)

    def saved(self, result: Any) -> None:
        prompts = getattr(result, "prompts", None)
        # A save can finish after this step was rebuilt (another child opened, the state
        # refreshed): its prompts are then the new step's to show, but the state is refreshed.
        if prompts is not None and shiboken6.isValid(self.escalation):
            self.show_prompts(prompts, self.view)
        self.changed()

    def changed(self) -> None:
        self.state.refresh_discussion(self.discussion_id)

    def first_input(self) -> QWidget | None:
        if self.rows:
            return next(iter(self.rows.values())).boxes[RaterRole.WORKER]
        return None
