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

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QDialogButtonBox, QWidget

from ui.dialogs.passphrase_base import PassphraseDialogBase, masked_field


class KeyPassphraseDialog(PassphraseDialogBase):
    """``submitted(str)`` when the person asks to go on with the passphrase they typed."""

    submitted = Signal(str)

    def __init__(self, *, title: str, action: str, what: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.intro = self._intro(" ".join([
            self.tr("These records were signed before their signed PDFs were kept, so the PDFs "
                    "are made now, once, with the signing keys of the people who signed them, and "
                    "kept."),
            what,
            self.tr("No secure keyring on this computer holds the keys' passphrase: type it."),
        ]))
        self.intro.setAccessibleName(self.tr("Why the passphrase is needed"))
        self.passphrase_edit = masked_field(self.tr("Signing key passphrase"))
        self.ok_button = self.buttons.addButton(action, QDialogButtonBox.ButtonRole.AcceptRole)
        self.cancel_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self._lay_out(self.intro, [(self.tr("Signing key &passphrase:"), self.passphrase_edit)])

    def _submit(self) -> None:
        text = self._typed()
        if text is not None:
            self.set_busy(True)
            self.submitted.emit(text)


class PassphrasePrompt(QObject):
    """One conversation about a passphrase for a piece of work that makes signed PDFs.

    The caller runs its work without a passphrase first. When it fails with
    :class:`~workbench.export.kept.PassphraseNeeded`, the caller calls :meth:`ask` with a
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
