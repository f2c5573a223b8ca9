"""Questions of a set as inputs: one widget per question kind, saved as it is typed.

free text -> a text box; statements -> a text box, one statement per line; scale -> a 0-10
score box with the anchors' wording; date -> an optional date; yes/no -> a three-way choice.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import SignalInstance
from PySide6.QtWidgets import QFormLayout, QPlainTextEdit, QVBoxLayout, QWidget

from ui.i18n import arg
from ui.supervision.saving import Autosave
from ui.supervision.widgets import (
    OptionalDateEdit,
    ScoreBox,
    YesNoBox,
    help_label,
    statements_text,
    statements_value,
    text_box,
    wrapped_label,
)
from workbench.supervision.answers import answer_as_date
from workbench.supervision.question_sets import Question, QuestionKind

Input = tuple[QWidget, SignalInstance, Callable[[], Any]]


def question_input(question: Question, value: Any, today: dt.date | None = None) -> Input:
    """The input for ``question`` showing ``value`` (a stored answer), its change signal, and
    a function giving the value to save."""
    name = question.wording
    if question.kind is QuestionKind.TEXT:
        box = text_box(name, lines=3, text=value if isinstance(value, str) else "")
        return box, box.textChanged, box.toPlainText
    if question.kind is QuestionKind.STATEMENTS:
        box = text_box(name, lines=3, text=statements_text(value),
                       placeholder=box_placeholder())
        return box, box.textChanged, lambda: statements_value(box.toPlainText())
    if question.kind is QuestionKind.SCALE:
        score = ScoreBox(name, value if isinstance(value, int) and not isinstance(value, bool) else None)
        if question.anchors is not None:
            score.setAccessibleDescription(f"0: {question.anchors.low}. 10: {question.anchors.high}.")
        return score, score.valueChanged, score.score
    if question.kind is QuestionKind.DATE:
        date = OptionalDateEdit(name, answer_as_date(value), today=today)
        return date, date.dateChanged, date.date_value
    choice = YesNoBox(name, value if isinstance(value, bool) else None)
    return choice, choice.currentIndexChanged, choice.answer


def box_placeholder() -> str:
    from PySide6.QtCore import QCoreApplication

    return QCoreApplication.translate("Questions", "One statement per line")


def question_label(question: Question) -> str:
    from PySide6.QtCore import QCoreApplication

    if question.required:
        return arg(QCoreApplication.translate("Questions", "%1 (required)"), question.wording)
    return question.wording


class QuestionsForm(QWidget):
    """The questions of one section, each saved through ``save(question, value)`` (a function
    of the services' context, queued by the autosave)."""

    def __init__(self, autosave: Autosave, questions: Sequence[Question], *,
                 value_of: Callable[[Question], Any],
                 save: Callable[[Question, Any], Any], key: Callable[[Question], Any],
                 editable: bool = True, today: dt.date | None = None,
                 save_seen: Callable[[Question, Any, Any], Any] | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.inputs: dict[str, QWidget] = {}
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for question in questions:
            widget, changed, getter = question_input(question, value_of(question), today)
            widget.setEnabled(editable)
            label = wrapped_label(question_label(question), buddy=widget, bold=True)
            layout.addWidget(label)
            if question.help:
                layout.addWidget(help_label(question.help))
                widget.setAccessibleDescription(question.help)
            if question.kind is QuestionKind.SCALE and question.anchors is not None:
                anchors = QFormLayout()
                anchors.addRow("0:", wrapped_label(question.anchors.low))
                anchors.addRow("10:", wrapped_label(question.anchors.high))
                layout.addLayout(anchors)
            layout.addWidget(widget)
            layout.addSpacing(6)
            self.inputs[question.id] = widget
            immediate = question.kind in (QuestionKind.YES_NO, QuestionKind.DATE)
            if save_seen is not None and isinstance(widget, QPlainTextEdit) \
                    and question.kind is QuestionKind.TEXT:
                # A text someone else may change meanwhile: saved with what was seen.
                autosave.bind(widget, changed, getter, self._seen_saver(save_seen, question),
                              key=key(question), seen=True, show=widget.setPlainText)
                continue
            autosave.bind(widget, changed, getter, self._saver(save, question), key=key(question),
                          immediate=immediate)
        layout.addStretch(1)

    @staticmethod
    def _saver(save: Callable[[Question, Any], Any], question: Question) -> Callable[[Any], Any]:
        def saver(value: Any) -> Any:
            return save(question, value)

        return saver

    @staticmethod
    def _seen_saver(save: Callable[[Question, Any, Any], Any],
                    question: Question) -> Callable[[Any, Any], Any]:
        def saver(value: Any, seen: Any) -> Any:
            return save(question, value, seen)

        return saver

    def first_input(self) -> QWidget | None:
        return next(iter(self.inputs.values()), None)
