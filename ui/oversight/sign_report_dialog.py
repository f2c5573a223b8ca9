"""Signing the oversight report as a PDF: what is signed (the team and period, read afresh now),
the signer's passphrase when the keyring does not hold it, and the signing on the task runner.
The core checks who may produce it and reads the figures; this dialog shows and asks, as the
disagreement response does. Opens with ``open()``, deletes itself on close; ``written(path)``
follows a file written."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QVBoxLayout,
    QWidget,
)

from ui.i18n import arg, translated
from ui.models.caseload_model import format_date
from ui.problems import explain
from ui.tasks import CancelCheck, ProgressFn

if TYPE_CHECKING:
    from ui.services import AppServices


class SignReportDialog(QDialog):
    """``written(path)`` once the signed report is saved; the dialog then closes."""

    written = Signal(str)

    def __init__(self, services: AppServices, *, team_id: int | None, scope: str,
                 start: dt.date, end: dt.date, path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setWindowTitle(self.tr("Sign the oversight report"))
        self.services = services
        self.team_id, self.start, self.end, self.path = team_id, start, end, path
        signer = services.actor.label if services.actor is not None else ""
        self.what = QLabel(arg(self.tr("The oversight of supervision for %1, %2 to %3, read afresh "
                                       "now, as a PDF signed by %4 with their signing identity. It "
                                       "is saved to %5."), translated(scope), format_date(start),
                               format_date(end), signer, str(path)))
        self.what.setWordWrap(True)
        self.what.setAccessibleName(self.tr("What is being signed"))
        self.passphrase_edit = QLineEdit()
        self.passphrase_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase_edit.setAccessibleName(self.tr("Signing key passphrase"))
        self.passphrase_edit.setPlaceholderText(self.tr("Leave empty if this computer's keyring "
                                                        "holds it"))
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)
        self.progress.setAccessibleName(self.tr("Signing"))
        self.progress.hide()
        self.problem = QLabel()
        self.problem.setWordWrap(True)
        self.problem.setAccessibleName(self.tr("Signing problem"))
        self.problem.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.sign_button = self.buttons.addButton(self.tr("&Sign and save"),
                                                  QDialogButtonBox.ButtonRole.AcceptRole)
        form = QFormLayout()
        form.addRow(self.tr("&Passphrase:"), self.passphrase_edit)
        layout = QVBoxLayout(self)
        layout.addWidget(self.what)
        layout.addLayout(form)
        layout.addWidget(self.progress)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        self.buttons.accepted.connect(self.sign)
        self.buttons.rejected.connect(self.reject)
        self.resize(520, 220)
        if services.actor is None:  # nobody signed in: there is no one to sign it
            self.sign_button.setEnabled(False)
            self.problem.setText(self.tr("Sign in to sign the report: it is signed by the person "
                                         "who produces it."))
            self.problem.show()

    def sign(self) -> None:
        """Read, lay out, sign and save the report off the UI thread; a refusal is shown here."""
        services, team_id, start, end, path = (self.services, self.team_id, self.start, self.end,
                                               self.path)
        passphrase = self.passphrase_edit.text() or None
        actor = services.actor
        signer_id = actor.staff_id if actor is not None else 0
        policy = services.settings.oversight_policy() if services.settings is not None else None
        self.sign_button.setEnabled(False)
        self.problem.hide()
        self.progress.show()

        def work(progress: ProgressFn, is_cancelled: CancelCheck) -> str:
            from workbench.oversight import DEFAULT_POLICY
            from workbench.oversight.signed_report import save_signed_report

            save_signed_report(services.db, services.identities, services.audit, services.clock,
                               path, actor=actor, signer_id=signer_id, team_id=team_id,
                               start=start, end=end, policy=policy or DEFAULT_POLICY,
                               passphrase=passphrase)
            return str(path)

        services.runner.run(work, on_success=self._done, on_failure=self._refused, owner=self,
                            name="sign oversight report")

    def _done(self, path: str) -> None:
        self.progress.hide()
        self.written.emit(path)
        self.accept()

    def _refused(self, error: Exception) -> None:
        self.progress.hide()
        self.sign_button.setEnabled(True)
        self.passphrase_edit.clear()
        self.problem.setText(explain(error, self.tr("The signed report was not saved")).message)
        self.problem.show()
