"""Asking for the signers' key passphrase when signed PDFs must be made first.

Records signed before their PDFs were kept at sign-off have them made once, on first use, with
the keys of the people who signed them. Where no secure keyring holds those keys' passphrase,
the person is asked for it here: printing a record and reading a signed note do it through
:class:`PassphrasePrompt` (the export dialog has its own field, with the same name and words).

The dialog only collects the passphrase: ``submitted(str)`` hands it to the caller, which runs
its work again on the task runner and calls :meth:`KeyPassphraseDialog.show_wrong` when the
passphrase does not open the keys (the field is cleared for another try; nothing was made,
kept or printed) or :meth:`KeyPassphraseDialog.finish` when it does.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from ui.dialogs.task_dialog import problem_label


class KeyPassphraseDialog(QDialog):
    """``submitted(str)`` when the person asks to go on with the passphrase they typed."""

    submitted = Signal(str)

    def __init__(self, *, title: str, action: str, what: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.setWindowTitle(title)
        self.intro = QLabel(" ".join([
            self.tr("These records were signed before their signed PDFs were kept, so the PDFs "
                    "are made now, once, with the signing keys of the people who signed them, and "
                    "kept."),
            what,
            self.tr("No secure keyring on this computer holds the keys' passphrase: type it."),
        ]))
        self.intro.setWordWrap(True)
        self.intro.setTextFormat(Qt.TextFormat.PlainText)
        self.intro.setAccessibleName(self.tr("Why the passphrase is needed"))
        self.passphrase_edit = QLineEdit()
        self.error_label = problem_label()
        self.buttons = QDialogButtonBox()
        self.ok_button = self.buttons.addButton(action, QDialogButtonBox.ButtonRole.AcceptRole)
        self.cancel_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self._build_layout()
        self.buttons.accepted.connect(self._submit)
        self.buttons.rejected.connect(self.reject)

    def _build_layout(self) -> None:
        self.passphrase_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase_edit.setAccessibleName(self.tr("Signing key passphrase"))
        self.error_label.setAccessibleName(self.tr("Passphrase problem"))
        form = QFormLayout()
        label = QLabel(self.tr("Signing key &passphrase:"))
        label.setBuddy(self.passphrase_edit)
        form.addRow(label, self.passphrase_edit)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("x" * 60))
        self.ok_button.setDefault(True)
        self.passphrase_edit.setFocus()

    # -- what the caller calls -------------------------------------------------------------
    def set_busy(self, busy: bool) -> None:
        self.ok_button.setEnabled(not busy)
        self.passphrase_edit.setEnabled(not busy)
        if busy:
            self.error_label.hide()

    def show_wrong(self, message: str) -> None:
        """The passphrase did not open the keys: say so (the service's words) and ask again."""
        self.passphrase_edit.clear()
        self.show_error(message)

    def show_error(self, message: str) -> None:
        self.set_busy(False)
        self.error_label.setText(message)
        self.error_label.setAccessibleDescription(message)
        self.error_label.show()
        self.passphrase_edit.setFocus(Qt.FocusReason.OtherFocusReason)

    def finish(self) -> None:
        """It opened: close, forgetting what was typed."""
        self.passphrase_edit.clear()
        self.accept()

    # -- reactions -------------------------------------------------------------------------
    def _submit(self) -> None:
        text = self.passphrase_edit.text()
        if not text:
            self.show_error(self.tr("Type the passphrase first."))
            return
        self.set_busy(True)
        self.submitted.emit(text)


class PassphrasePrompt(QObject):
    """One conversation about a passphrase for a piece of work that makes signed PDFs.

    The caller runs its work without a passphrase first. When it fails with
    :class:`~ui.records.common.PassphraseNeeded`, the caller calls :meth:`ask` with a
    ``retry(passphrase)`` that runs the work again: the first time the dialog opens, later
    times (a wrong passphrase) it says what was wrong. The caller calls :meth:`done` when the
    work succeeded or failed for another reason; ``cancelled`` follows the person giving up.
    """

    cancelled = Signal()

    def __init__(self, parent: QWidget, *, title: str, action: str, what: str) -> None:
        super().__init__(parent)
        self._parent = parent
        self._texts = (title, action, what)
        self.dialog: KeyPassphraseDialog | None = None
        self._retry: Callable[[str], object] | None = None

    def ask(self, message: str, retry: Callable[[str], object]) -> KeyPassphraseDialog:
        self._retry = retry
        if self.dialog is not None:
            self.dialog.show_wrong(message)
            return self.dialog
        title, action, what = self._texts
        dialog = KeyPassphraseDialog(title=title, action=action, what=what, parent=self._parent)
        dialog.submitted.connect(self._submitted)
        dialog.rejected.connect(self.cancelled)
        dialog.finished.connect(self._closed)
        self.dialog = dialog
        dialog.open()
        return dialog

    def done(self) -> None:
        """The work is over (it succeeded, or failed for another reason): close the dialog."""
        if self.dialog is not None:
            dialog, self.dialog = self.dialog, None
            dialog.finished.disconnect(self._closed)
            dialog.finish()

    def _submitted(self, passphrase: str) -> None:
        if self._retry is not None:
            self._retry(passphrase)

    def _closed(self, _result: int) -> None:
        self.dialog = None
