"""A practice lead's answer to a worker's disagreement: their words, signed with their signing
identity (the passphrase when the keyring does not hold it). The core checks who may answer;
this dialog shows and asks."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from ui.i18n import arg
from ui.models.caseload_model import format_date
from ui.problems import explain

if TYPE_CHECKING:
    from ui.services import AppServices
    from workbench.oversight.report import OpenDisagreement


class RespondDialog(QDialog):
    """``responded(response id)`` once the answer is signed and stored; the dialog then closes."""

    responded = Signal(int)

    def __init__(self, services: AppServices, disagreement: OpenDisagreement,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setWindowTitle(self.tr("Respond to a disagreement"))
        self.services = services
        self.disagreement = disagreement
        about = disagreement.child_label or self.tr("the session as a whole")
        heading = QLabel(arg(self.tr("%1 disagreed with the note of their supervision with %2 on %3 "
                                     "(about %4):"), disagreement.worker_name, disagreement.supervisor_name,
                             format_date(disagreement.meeting_date), about))
        heading.setWordWrap(True)
        statement = QLabel(disagreement.statement)
        statement.setWordWrap(True)
        statement.setTextFormat(Qt.TextFormat.PlainText)
        statement.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.text_edit = QPlainTextEdit()
        self.text_edit.setAccessibleName(self.tr("Your response"))
        self.text_edit.setPlaceholderText(self.tr("What you decided, and why"))
        self.passphrase_edit = QLineEdit()
        self.passphrase_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase_edit.setAccessibleName(self.tr("Signing key passphrase"))
        self.passphrase_edit.setPlaceholderText(self.tr("Leave empty if this computer's keyring "
                                                        "holds it"))
        self.problem = QLabel()
        self.problem.setWordWrap(True)
        self.problem.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.sign_button = self.buttons.addButton(self.tr("&Sign and record"),
                                                  QDialogButtonBox.ButtonRole.AcceptRole)
        form = QFormLayout()
        form.addRow(self.tr("&Response:"), self.text_edit)
        form.addRow(self.tr("&Passphrase:"), self.passphrase_edit)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(statement)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        self.buttons.accepted.connect(self.sign)
        self.buttons.rejected.connect(self.reject)
        self.resize(560, 380)

    def sign(self) -> None:
        """Sign and store the response off the UI thread; a refusal is shown here."""
        services, disagreement = self.services, self.disagreement
        text = self.text_edit.toPlainText()
        passphrase = self.passphrase_edit.text() or None
        actor = services.actor
        responder_id = actor.staff_id if actor is not None else 0
        self.sign_button.setEnabled(False)
        self.problem.hide()

        def work(progress: object, is_cancelled: object) -> int:
            from workbench.oversight import respond_to_disagreement

            return respond_to_disagreement(
                services.db, services.identities, services.audit, services.clock,
                actor=actor, responder_id=responder_id, signature_id=disagreement.signature_id,
                text=text, passphrase=passphrase).response_id

        services.runner.run(work, on_success=self._done, on_failure=self._refused, owner=self,
                            name="respond to disagreement")

    def _done(self, response_id: int) -> None:
        self.responded.emit(response_id)
        self.accept()

    def _refused(self, error: Exception) -> None:
        self.sign_button.setEnabled(True)
        self.problem.setText(explain(error, self.tr("No response was recorded")).message)
        self.problem.show()
