"""First run on an empty database: name the organisation and create its first admin.

Shown instead of the sign-in list when nobody can sign in yet
(:func:`workbench.enrolment.needs_setup`). The admin's passphrase is typed twice; setting up
and then signing in (scrypt, ~0.3 s each) run on the task runner. ``signed_in(Actor)`` carries
the new admin, signed in; the dialog then closes. The admin enrols everyone else from the
Admin screen.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

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

from ui.i18n import message_of
from ui.tasks import CancelCheck, ProgressFn, Task
from workbench.keys import Passphrase

if TYPE_CHECKING:
    from ui.services import AppServices
    from workbench.access import Actor
    from workbench.keys import ScryptCost


class SetupDialog(QDialog):
    """``signed_in(Actor)`` once the organisation and its first admin exist and they signed in."""

    signed_in = Signal(object)

    def __init__(self, services: AppServices, parent: QWidget | None = None, *,
                 cost: ScryptCost | None = None) -> None:
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.setWindowTitle(self.tr("Set up the workbench"))
        self.services = services
        self._cost = cost
        self._task: Task[Actor] | None = None
        self.actor: Actor | None = None

        self.intro_label = QLabel(self.tr(
            "This database is new: nobody can sign in yet. Name your organisation and create its "
            "first admin. The admin then adds the team and gives each person a one-time "
            "enrolment code to choose their own passphrase."))
        self.organisation_edit = QLineEdit()
        self.name_edit = QLineEdit()
        self.passphrase_edit = QLineEdit()
        self.again_edit = QLineEdit()
        self.error_label = QLabel()
        self.buttons = QDialogButtonBox()
        self.set_up_button = self.buttons.addButton(self.tr("&Set up and sign in"),
                                                    QDialogButtonBox.ButtonRole.AcceptRole)
        self.cancel_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self._build_layout()
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)

    def _build_layout(self) -> None:
        self.intro_label.setWordWrap(True)
        self.organisation_edit.setPlaceholderText(self.tr("e.g. Northshire Children's Services"))
        for edit, name in ((self.organisation_edit, self.tr("Organisation")),
                           (self.name_edit, self.tr("Your name (the first admin)")),
                           (self.passphrase_edit, self.tr("Your passphrase")),
                           (self.again_edit, self.tr("Your passphrase again"))):
            edit.setAccessibleName(name)
        for edit in (self.passphrase_edit, self.again_edit):
            edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.error_label.setWordWrap(True)
        self.error_label.setTextFormat(Qt.TextFormat.PlainText)
        self.error_label.setStyleSheet("color: #b00020;")
        self.error_label.setAccessibleName(self.tr("Setup problem"))
        self.error_label.hide()
        form = QFormLayout()
        form.addRow(self.tr("&Organisation:"), self.organisation_edit)
        form.addRow(self.tr("Your &name:"), self.name_edit)
        form.addRow(self.tr("&Passphrase:"), self.passphrase_edit)
        form.addRow(self.tr("&Again:"), self.again_edit)
        hint = QLabel(self.tr("At least 8 characters; a few ordinary words are easy to remember "
                              "and hard to guess. Nobody can recover it: another admin can only "
                              "issue you a new enrolment code."))
        hint.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro_label)
        layout.addLayout(form)
        layout.addWidget(hint)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("x" * 64))
        self.set_up_button.setDefault(True)
        self.organisation_edit.setFocus(Qt.FocusReason.OtherFocusReason)

    @property
    def is_running(self) -> bool:
        return self._task is not None

    def show_error(self, message: str) -> None:
        self.error_label.setText(message)
        self.error_label.setAccessibleDescription(message)
        self.error_label.show()

    def submit(self) -> None:
        if self.is_running:
            return
        organisation, name = self.organisation_edit.text(), self.name_edit.text()
        if not organisation.strip():
            self.show_error(self.tr("Give your organisation's name."))
            self.organisation_edit.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        if not name.strip():
            self.show_error(self.tr("Give your name: you will be the first admin."))
            self.name_edit.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        if self.passphrase_edit.text() != self.again_edit.text():
            self.again_edit.clear()
            self.show_error(self.tr("The two passphrases are not the same: type it again in both "
                                    "boxes."))
            self.again_edit.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        passphrase = Passphrase(self.passphrase_edit.text())
        services, cost = self.services, self._cost

        def work(progress: ProgressFn, is_cancelled: CancelCheck) -> Actor:
            from workbench.enrolment import set_up_organisation
            from workbench.signin import sign_in

            admin = set_up_organisation(services.db, services.audit, organisation=organisation,
                                        admin_name=name, passphrase=passphrase, cost=cost)
            return sign_in(services.db, services.audit, staff_id=admin.staff_id,
                           passphrase=passphrase)

        self.error_label.hide()
        self.set_up_button.setEnabled(False)
        self.set_up_button.setText(self.tr("Setting up…"))
        self._task = services.runner.run(work, on_success=self._succeeded, on_failure=self._failed,
                                         owner=self, name="set up")

    def _succeeded(self, actor: Actor) -> None:
        self._task = None
        self.actor = actor
        self.passphrase_edit.clear()
        self.again_edit.clear()
        self.signed_in.emit(actor)
        self.accept()

    def _failed(self, error: Exception) -> None:
        from ui.problems import explain

        self._task = None
        self.set_up_button.setText(self.tr("&Set up and sign in"))
        self.set_up_button.setEnabled(True)
        if isinstance(error, ValueError):  # a weak passphrase, a blank name: the service's words
            self.show_error(message_of(error))
            self.again_edit.clear()
        else:
            self.show_error(explain(error).message)
