"""When someone else changed a text while you were typing it: both texts side by side.

Their text (saved) on one side, read-only; yours on the other, editable, so that the two can
be merged by hand. **Keep my text** saves what is in your box (over theirs, knowingly); **Use
their text** puts theirs on screen. The dialog is not dismissed without a choice: closing it
would leave your text unsaved (the field does not save while the conflict stands).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ui.i18n import arg
from ui.supervision.widgets import wrapped_label

if TYPE_CHECKING:
    from ui.supervision.saving import Conflict


def _text(value: object) -> str:
    return "" if value is None else value if isinstance(value, str) else str(value)


class ConflictDialog(QDialog):
    def __init__(self, conflict: Conflict, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.conflict = conflict
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.setWindowTitle(self.tr("Changed by someone else"))
        self.intro = wrapped_label(arg(self.tr(
            "%1 was changed by someone else while you were typing it. Nothing has been "
            "overwritten. Compare the two, edit your text to merge them if you like, then "
            "choose which to keep."), conflict.label))
        self.theirs = QPlainTextEdit(_text(conflict.theirs))
        self.theirs.setReadOnly(True)
        self.theirs.setAccessibleName(self.tr("Their text, saved"))
        self.yours = QPlainTextEdit(_text(conflict.yours))
        self.yours.setAccessibleName(self.tr("Your text"))
        self.add_theirs = QPushButton(self.tr("&Add their text to mine"))
        grid = QGridLayout()
        grid.addWidget(wrapped_label(self.tr("Saved by someone else"), buddy=self.theirs, bold=True), 0, 0)
        grid.addWidget(wrapped_label(self.tr("&Yours"), buddy=self.yours, bold=True), 0, 1)
        grid.addWidget(self.theirs, 1, 0)
        grid.addWidget(self.yours, 1, 1)
        grid.addWidget(self.add_theirs, 2, 1, Qt.AlignmentFlag.AlignLeft)
        self.buttons = QDialogButtonBox()
        self.keep_button = self.buttons.addButton(self.tr("&Keep my text"),
                                                  QDialogButtonBox.ButtonRole.AcceptRole)
        self.theirs_button = self.buttons.addButton(self.tr("&Use their text"),
                                                    QDialogButtonBox.ButtonRole.RejectRole)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(grid, 1)
        layout.addWidget(self.buttons)
        self.resize(self.fontMetrics().horizontalAdvance("x" * 110), 360)

        self.add_theirs.clicked.connect(self._add_theirs)
        self.keep_button.clicked.connect(self.keep_mine)
        self.theirs_button.clicked.connect(self.use_theirs)
        self.yours.setFocus()

    def _add_theirs(self) -> None:
        mine, theirs = self.yours.toPlainText().rstrip(), _text(self.conflict.theirs)
        self.yours.setPlainText(f"{mine}\n{theirs}" if mine else theirs)

    def keep_mine(self) -> None:
        self.conflict.keep(self.yours.toPlainText())
        self.done(QDialog.DialogCode.Accepted)

    def use_theirs(self) -> None:
        self.conflict.take_theirs()
        self.done(QDialog.DialogCode.Accepted)

    def reject(self) -> None:
        """Escape does not dismiss it: the text on screen waits for a choice."""

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.result() != QDialog.DialogCode.Accepted:
            event.ignore()
            return
        super().closeEvent(event)


def ask_about_conflict(parent: QWidget, conflict: Conflict) -> ConflictDialog:
    """Open the dialog for ``conflict`` over ``parent`` (connect Autosave.conflict to this)."""
    dialog = ConflictDialog(conflict, parent)
    field = conflict.field

    def back_to_the_text() -> None:
        if field.alive:
            field.widget.activateWindow()
            field.widget.setFocus()

    dialog.finished.connect(back_to_the_text)
    dialog.open()
    return dialog
