"""The database passphrase: asked at start-up where no secure keyring unlocks the file.

Two forms: *unlock* (one masked field) and *create* (the first run on a new or plain embedded
file where the keyring cannot hold the key: a new passphrase, typed twice). The dialog only
collects the passphrase: ``submitted(Passphrase)`` hands it to start-up, which opens the
database on the task runner and calls :meth:`show_wrong` when it does not unlock (the field is
cleared for another try and nothing has changed) or :meth:`finish` when it does.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialogButtonBox, QLineEdit, QWidget

from ui.dialogs.passphrase_base import PassphraseDialogBase, masked_field
from ui.i18n import arg
from workbench.keys import Passphrase


class DatabasePassphraseDialog(PassphraseDialogBase):
    """``submitted(Passphrase)`` when the person asks to unlock (or create)."""

    submitted = Signal(object)

    def __init__(self, *, create: bool, keyring_secure: bool, where: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.creating = create
        self.setWindowTitle(self.tr("Choose the database passphrase") if create
                            else self.tr("Unlock the database"))
        self.intro = self._intro(self._intro_text(create, keyring_secure, where))
        self.passphrase_edit = masked_field(self.tr("New database passphrase") if create
                                            else self.tr("Database passphrase"))
        self.confirm_edit = masked_field(self.tr("The new passphrase again"))
        self.ok_button = self.buttons.addButton(
            self.tr("&Create and open") if create else self.tr("&Unlock"),
            QDialogButtonBox.ButtonRole.AcceptRole)
        self.quit_button = self.buttons.addButton(self.tr("&Quit"),
                                                  QDialogButtonBox.ButtonRole.RejectRole)
        rows = [(self.tr("&Passphrase:"), self.passphrase_edit)]
        if create:
            rows.append((self.tr("&Again:"), self.confirm_edit))
        else:
            self.confirm_edit.hide()
        self._lay_out(self.intro, rows)

    def _intro_text(self, create: bool, keyring_secure: bool, where: str) -> str:
        no_keyring = self.tr("No secure keyring on this computer: the passphrase will be asked "
                             "each time.")
        if create:
            return " ".join([
                arg(self.tr("The records in %1 are kept encrypted."), where),
                no_keyring if not keyring_secure else "",
                self.tr("Choose a passphrase for the database and keep it safe: without it (or a "
                        "backup of the key file) the records cannot be opened. A few ordinary "
                        "words in a row are easy to remember and hard to guess."),
            ]).replace("  ", " ")
        first = (no_keyring if not keyring_secure else self.tr(
            "This computer's keyring does not hold the key of this database (it was made "
            "elsewhere, or the keyring was reset)."))
        return " ".join([first, arg(self.tr("Enter the database passphrase to open %1."), where)])

    def _fields(self) -> list[QLineEdit]:
        return [self.passphrase_edit, self.confirm_edit]

    def show_wrong(self, message: str | None = None) -> None:
        """The passphrase did not unlock the database: say so and let them try again."""
        super().show_wrong(message or self.tr(
            "Wrong passphrase — try again. Check the keyboard's Caps Lock; nothing has been "
            "changed."))

    def _submit(self) -> None:
        text = self._typed()
        if text is None:
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
