"""The projector's view of a consultation: the current step in large text, for the room to read.

It shows what the group works on together (the presenter's question, the story, the proposals,
the take-away) and, on the scaling step, only who has scored until the facilitator shows the
scores side by side: nobody in the room sees another's number before giving their own.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from ui.i18n import arg, translated
from workbench.consultation.steps import Step

if TYPE_CHECKING:
    from workbench.consultation.view import ConsultationView

HEADING_PT = 40
BODY_PT = 26


def _label(points: int, *, bold: bool = False) -> QLabel:
    label = QLabel()
    label.setWordWrap(True)
    font = QFont(label.font())
    font.setPointSize(points)
    font.setBold(bold)
    label.setFont(font)
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label


class PresentationWindow(QWidget):
    """A window of its own, to drag onto the projector (F11 full screen, Esc closes)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setWindowTitle(self.tr("Case consultation: presentation"))
        self.setStyleSheet("background: #101820; color: #F2F2F2;")
        self.step_label = _label(BODY_PT)
        self.heading = _label(HEADING_PT, bold=True)
        self.prompt = _label(BODY_PT)
        self.prompt.setStyleSheet("color: #B8C4CC;")
        self.body = _label(BODY_PT)
        self.body.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.time_box = _label(BODY_PT)  # the consultation screen counts it down
        self.time_box.setAlignment(Qt.AlignmentFlag.AlignRight)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(48, 36, 48, 36)
        layout.addWidget(self.step_label)
        layout.addWidget(self.heading)
        layout.addWidget(self.prompt)
        layout.addSpacing(24)
        layout.addWidget(self.body, 1)
        layout.addWidget(self.time_box)
        QShortcut(QKeySequence(Qt.Key.Key_Escape), self, self.close)
        QShortcut(QKeySequence(Qt.Key.Key_F11), self, self._toggle_full_screen)

    def _toggle_full_screen(self) -> None:
        self.showNormal() if self.isFullScreen() else self.showFullScreen()

    def show_step(self, step: Step, view: ConsultationView) -> None:
        number = list(Step).index(step) + 1
        children = ", ".join(c.label for c in view.children)
        self.step_label.setText(arg(self.tr("Step %1 of %2 · %3"), number, len(Step), children))
        self.heading.setText(translated(step.heading))
        self.prompt.setText(translated(step.prompt))
        self.body.setText(self._body(step, view))

    def _body(self, step: Step, view: ConsultationView) -> str:
        if step is Step.MAPPING:
            return self.tr("Three columns: what are we worried about, what's working well, what needs "
                           "to happen. The danger statements and safety goals are on the "
                           "facilitator's screen.")
        if step is not Step.SCALING:
            return view.text(step)
        board = view.board
        lines = []
        for child in board.children:
            if len(board.children) > 1:
                lines.append(child.child_label)
            if board.revealed:
                lines += [f"  {s.score:>2}   {s.rater.label}" for s in
                          sorted(child.scores, key=lambda s: s.score if s.score is not None else -1)]
                if child.spread is not None:
                    lines.append(arg(self.tr("Spread: %1 to %2"), child.spread[0], child.spread[1]))
            else:
                lines += [("✓ " if s.scored else "… ") + s.rater.label for s in child.scores]
        if not board.revealed:
            lines.append(self.tr("Scores stay private until everyone has scored.") if board.waiting_for
                         else self.tr("Everyone has scored: the scores stay private until they are "
                                      "shown together."))
        return "\n".join(lines)
