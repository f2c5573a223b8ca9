"""The shape every passphrase question shares: why it is asked, masked field(s), a red problem
line, an action button. The dialog only collects; the caller runs the work on the task runner
and answers with :meth:`PassphraseDialogBase.show_wrong` (the field is cleared for another try;
nothing has changed) or :meth:`PassphraseDialogBase.finish`."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ui.dialogs.task_dialog import problem_label


def masked_field(accessible_name: str) -> QLineEdit:
    field = QLineEdit()
    field.setEchoMode(QLineEdit.EchoMode.Password)
    field.setAccessibleName(accessible_name)
    return field


class PassphraseDialogBase(QDialog):
    """Subclasses build ``intro``, ``passphrase_edit`` and ``ok_button``, then call
    :meth:`_lay_out` with their form rows and implement :meth:`_submit`."""

    intro: QLabel
    passphrase_edit: QLineEdit
    ok_button: QPushButton

    def __init__(self, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.error_label = problem_label()
        self.error_label.setAccessibleName(self.tr("Passphrase problem"))
        self.buttons = QDialogButtonBox()
        self.buttons.accepted.connect(self._submit)
        self.buttons.rejected.connect(self.reject)

    def _intro(self, text: str) -> QLabel:
        intro = QLabel(text)
        intro.setWordWrap(True)
        intro.setTextFormat(Qt.TextFormat.PlainText)
        return intro

    def _lay_out(self, intro: QLabel, rows: list[tuple[str, QLineEdit]]) -> None:
        form = QFormLayout()
        for text, field in rows:
            label = QLabel(text)
            label.setBuddy(field)
            form.addRow(label, field)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("x" * 60))
        self.ok_button.setDefault(True)
        self.passphrase_edit.setFocus()

    def _fields(self) -> list[QLineEdit]:
        return [self.passphrase_edit]

    # -- what the caller calls -------------------------------------------------------------
    def set_busy(self, busy: bool) -> None:
        self.ok_button.setEnabled(not busy)
        for field in self._fields():
            field.setEnabled(not busy)
        if busy:
            self.error_label.hide()

    def show_wrong(self, message: str) -> None:
        """The passphrase did not open what it should: say so and ask again."""
        self.passphrase_edit.clear()
        self.show_error(message)

    def show_error(self, message: str) -> None:
        self.set_busy(False)
        self.error_label.setText(message)
        self.error_label.setAccessibleDescription(message)
        self.error_label.show()
        self.passphrase_edit.setFocus(Qt.FocusReason.OtherFocusReason)
        self.passphrase_edit.selectAll()

    def finish(self) -> None:
        """It opened: close, forgetting what was typed."""
        for field in self._fields():
            field.clear()
        self.accept()

    # -- reactions -------------------------------------------------------------------------
    def _typed(self) -> str | None:
        """The passphrase typed, or None after saying that nothing was."""
        text = self.passphrase_edit.text()
        if not text:
            self.show_error(self.tr("Type the passphrase first."))
            return None
        return text

    def _submit(self) -> None:
        raise NotImplementedError
