"""A section of the question set as a step (the three columns, the child's voice, ...)."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QWidget

from ui.supervision.questions import QuestionsForm
from ui.supervision.state import SessionState
from ui.supervision.step_base import StepWidget
from ui.supervision.widgets import help_label
from workbench.supervision.question_sets import Question


def _save_answer(state: SessionState, discussion_id: int, question: Question, value: Any) -> Any:
    from workbench.supervision.discussions import save_answer

    return save_answer(state.ctx, discussion_id, question.id, value)


def _save_seen_answer(state: SessionState, discussion_id: int, question: Question, value: Any,
                      seen: Any) -> Any:
    from workbench.supervision.discussions import save_answer

    return save_answer(state.ctx, discussion_id, question.id, value, expected=seen)


def case_questions_form(state: SessionState, discussion_id: int,
                        questions: tuple[Question, ...]) -> QuestionsForm:
    """The inputs of case-level ``questions`` for one child, saved as they are typed."""
    view = state.discussion(discussion_id)
    return QuestionsForm(
        state.autosave, questions, value_of=view.answer,
        save=lambda question, value: _save_answer(state, discussion_id, question, value),
        save_seen=lambda question, value, seen: _save_seen_answer(state, discussion_id, question,
                                                                  value, seen),
        key=lambda question: ("answer", discussion_id, question.id), editable=state.editable,
        today=state.view.today)


class QuestionsStep(StepWidget):
    def __init__(self, state: SessionState, discussion_id: int, section_id: str,
                 questions: tuple[Question, ...], parent: QWidget | None = None) -> None:
        super().__init__(state, discussion_id, parent)
        section = state.question_set.section(section_id)
        if section.help:
            self.layout_.addWidget(help_label(section.help))
        self.form = case_questions_form(state, discussion_id, questions)
        self.layout_.addWidget(self.form, 1)

    def first_input(self) -> QWidget | None:
        return self.form.first_input()
