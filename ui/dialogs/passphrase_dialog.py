"""The database passphrase: asked at start-up where no secure keyring unlocks the file.

Two forms: *unlock* (one masked field) and *create* (the first run on a new or plain embedded
file where the keyring cannot hold the key: a new passphrase, typed twice). The dialog only
collects the passphrase: ``submitted(Passphrase)`` hands it to start-up, which opens the
database on the task runner and calls :meth:`show_wrong` when it does not unlock (the field is
cleared for another try and nothing has changed) or :meth:`finish` when it does.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from workbench.keys import Passphrase


class DatabasePassphraseDialog(QDialog):
    """``submitted(Passphrase)`` when the person asks to unlock (or create)."""

    submitted = Signal(object)

    def __init__(self, *, create: bool, keyring_secure: bool, where: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.creating = create
        self.setWindowTitle(self.tr("Choose the database passphrase") if create
                            else self.tr("Unlock the database"))
        self.intro = QLabel(self._intro_text(create, keyring_secure, where))
        self.intro.setWordWrap(True)
        self.intro.setTextFormat(Qt.TextFormat.PlainText)
        self.passphrase_edit = QLineEdit()
        self.confirm_edit = QLineEdit()
        self.error_label = QLabel()
        self.buttons = QDialogButtonBox()
        self.ok_button = self.buttons.addButton(
            self.tr("&Create and open") if create else self.tr("&Unlock"),
            QDialogButtonBox.ButtonRole.AcceptRole)
        self.quit_button = self.buttons.addButton(self.tr("&Quit"),
                                                  QDialogButtonBox.ButtonRole.RejectRole)
        self._build_layout()
        self.buttons.accepted.connect(self._submit)
        self.buttons.rejected.connect(self.reject)

    def _intro_text(self, create: bool, keyring_secure: bool, where: str) -> str:
        no_keyring = self.tr("No secure keyring on this computer: the passphrase will be asked "
                             "each time.")
        if create:
            return " ".join([
                self.tr("The records in %1 are kept encrypted.").replace("%1", where),
                no_keyring if not keyring_secure else "",
                self.tr("Choose a passphrase for the database and keep it safe: without it (or a "
                        "backup of the key file) the records cannot be opened. A few ordinary "
                        "words in a row are easy to remember and hard to guess."),
            ]).replace("  ", " ")
        first = (no_keyring if not keyring_secure else self.tr(
            "This computer's keyring does not hold the key of this database (it was made "
            "elsewhere, or the keyring was reset)."))
        return " ".join([first, self.tr("Enter the database passphrase to open %1.")
                         .replace("%1", where)])

    def _build_layout(self) -> None:
        self.passphrase_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase_edit.setAccessibleName(self.tr("New database passphrase") if self.creating
                                               else self.tr("Database passphrase"))
        self.confirm_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.confirm_edit.setAccessibleName(self.tr("The new passphrase again"))
        self.error_label.setWordWrap(True)
        self.error_label.setTextFormat(Qt.TextFormat.PlainText)
        self.error_label.setStyleSheet("color: #b00020;")
        self.error_label.setAccessibleName(self.tr("Passphrase problem"))
        self.error_label.hide()
        form = QFormLayout()
        label = QLabel(self.tr("&Passphrase:"))
        label.setBuddy(self.passphrase_edit)
        form.addRow(label, self.passphrase_edit)
        if self.creating:
            again = QLabel(self.tr("&Again:"))
            again.setBuddy(self.confirm_edit)
            form.addRow(again, self.confirm_edit)
        else:
            self.confirm_edit.hide()
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("x" * 60))
        self.ok_button.setDefault(True)
        self.passphrase_edit.setFocus()

    # -- what start-up calls ---------------------------------------------------------------
    def set_busy(self, busy: bool) -> None:
        self.ok_button.setEnabled(not busy)
        self.passphrase_edit.setEnabled(not busy)
        self.confirm_edit.setEnabled(not busy)
        if busy:
            self.error_label.hide()

    def show_wrong(self, message: str | None = None) -> None:
        """The passphrase did not unlock the database: say so and let them try again."""
        self.show_error(message or self.tr(
            "Wrong passphrase — try again. Check the keyboard's Caps Lock; nothing has been "
            "changed."))
        self.passphrase_edit.clear()

    def show_error(self, message: str) -> None:
        self.set_busy(False)
        self.error_label.setText(message)
        self.error_label.setAccessibleDescription(message)
        self.error_label.show()
        self.passphrase_edit.setFocus(Qt.FocusReason.OtherFocusReason)
        self.passphrase_edit.selectAll()

    def finish(self) -> None:
        """It unlocked: close (and forget what was typed)."""
        self.passphrase_edit.clear()
        self.confirm_edit.clear()
        self.accept()

    # -- reactions -------------------------------------------------------------------------
    def _submit(self) -> None:
        text = self.passphrase_edit.text()
        if not text:
            self.show_error(self.tr("Type the passphrase first."))
            return
        if self.creating:
            from workbench.signin import WeakPassphrase, check_strength

            try:
                check_strength(Passphrase(text))
            except WeakPassphrase as weak:
                self.show_error(str(weak))
                return
            if self.confirm_edit.text() != text:
                self.confirm_edit.clear()
                self.show_error(self.tr("The two passphrases are not the same: type it again in "
                                        "both boxes."))
                return
        self.set_busy(True)
        self.submitted.emit(Passphrase(text))
