"""The decisions step: each decision with its rationale, and the section that holds the impact
statement ("because we have done …, the result has been …")."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QFrame, QGridLayout, QHBoxLayout, QVBoxLayout, QWidget

from ui.i18n import arg
from ui.supervision.state import SessionState
from ui.supervision.step_base import StepWidget, reconcile
from ui.supervision.step_questions import case_questions_form
from ui.supervision.widgets import help_label, shortcut_button, text_box, wrapped_label
from workbench.supervision.question_sets import Question
from workbench.supervision.views import DecisionView, DiscussionView


def _update(state: SessionState, decision_id: int, **values: Any) -> Any:
    from workbench.supervision.discussions import update_decision

    return update_decision(state.ctx, decision_id, **values)


class DecisionRow(QFrame):
    def __init__(self, step: DecisionsStep, decision: DecisionView, number: int) -> None:
        super().__init__()
        self.decision_id = decision.id
        state = step.state
        rationale_label = state.question_set.decisions.rationale_label
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.text = text_box(arg(self.tr("Decision %1"), number), lines=2, text=decision.text)
        self.rationale = text_box(arg(self.tr("%1 (decision %2)"), rationale_label, number), lines=2,
                                  text=decision.rationale)
        self.remove_button = shortcut_button(self.tr("Remove"))
        self.remove_button.setAccessibleName(arg(self.tr("Remove decision %1"), str(number)))
        grid = QGridLayout(self)
        grid.addWidget(wrapped_label(arg(self.tr("Decision %1"), str(number)), buddy=self.text,
                                     bold=True), 0, 0)
        grid.addWidget(wrapped_label(rationale_label, buddy=self.rationale, bold=True), 0, 1)
        grid.addWidget(self.text, 1, 0)
        grid.addWidget(self.rationale, 1, 1)
        grid.addWidget(self.remove_button, 1, 2)
        did = decision.id
        state.autosave.bind_text(
            self.text, lambda text, seen: _update(state, did, text=text, expected={"text": seen}),
            key=("decision", did, "text"), seen=True)
        state.autosave.bind_text(
            self.rationale,
            lambda text, seen: _update(state, did, rationale=text, expected={"rationale": seen}),
            key=("decision", did, "rationale"), seen=True)
        self.remove_button.clicked.connect(lambda: step.remove(did))


class DecisionsStep(StepWidget):
    def __init__(self, state: SessionState, discussion_id: int, questions: tuple[Question, ...],
                 parent: QWidget | None = None) -> None:
        super().__init__(state, discussion_id, parent)
        spec = state.question_set.decisions
        self.layout_.addWidget(wrapped_label(spec.title, bold=True))
        if spec.help:
            self.layout_.addWidget(help_label(spec.help))
        self.rows_box = QVBoxLayout()
        self.layout_.addLayout(self.rows_box)
        self.add_button = shortcut_button(self.tr("Add &decision"))
        self.add_button.clicked.connect(self.add)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addStretch(1)
        self.layout_.addLayout(buttons)
        self.form = case_questions_form(state, discussion_id, questions) if questions else None
        if self.form is not None:
            self.layout_.addSpacing(12)
            self.layout_.addWidget(self.form)
        self.layout_.addStretch(1)
        self.rows: dict[int, DecisionRow] = {}
        self._focus_new = False
        self.refresh(self.view)

    def refresh(self, view: DiscussionView) -> None:
        numbered = {d.id: (d, n) for n, d in enumerate(view.decisions, start=1)}
        new = reconcile(self.rows, list(numbered), lambda did: DecisionRow(self, *numbered[did]),
                        self.rows_box, self.state.autosave.release)
        if new and self._focus_new:
            self._focus_new = False
            self.rows[new[-1]].text.setFocus()

    def first_input(self) -> QWidget | None:
        if self.rows:
            return next(iter(self.rows.values())).text
        return self.add_button

    def add(self) -> None:
        from workbench.supervision.discussions import add_decision

        self.state.autosave.flush()
        self._focus_new = True
        did = self.discussion_id
        self.write(lambda ctx: add_decision(ctx, did), on_done=lambda _id: self.changed())

    def remove(self, decision_id: int) -> None:
        from workbench.supervision.discussions import remove_decision

        row = self.rows.get(decision_id)
        if row is not None:
            self.state.autosave.release(row)
        self.write(lambda ctx: remove_decision(ctx, decision_id), on_done=lambda _r: self.changed())

    def changed(self) -> None:
        self.state.refresh_discussion(self.discussion_id)
