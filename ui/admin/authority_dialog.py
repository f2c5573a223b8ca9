"""The signing authority dialog (admins): create or import the organisation's authority, issue
each person their identity, export the certificate for verifiers elsewhere.

Every step runs on the task runner through :class:`workbench.signing.authority.AuthorityService`,
which checks that the signed-in person is an admin. Opens with ``open()``, deletes itself on close.
Wire it in with :func:`open_authority_dialog`.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ui.dialogs.task_dialog import problem_label
from ui.i18n import arg

if TYPE_CHECKING:
    from ui.services import AppServices
    from workbench.signing.authority import AuthorityInfo, AuthorityService, PersonIdentity


def authority_service(services: AppServices) -> AuthorityService:
    from workbench.signing.authority import AuthorityService

    return AuthorityService(services.db, services.identities, services.actor)


def _password_edit(name: str) -> QLineEdit:
    edit = QLineEdit()
    edit.setEchoMode(QLineEdit.EchoMode.Password)
    edit.setAccessibleName(name)
    return edit


class AuthorityDialog(QDialog):
    def __init__(self, services: AppServices, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.services = services
        self.service = authority_service(services)
        self.info: AuthorityInfo | None = None
        self.setWindowTitle(self.tr("Signing authority"))

        self.status_label = QLabel(self.tr("Reading…"))
        self.status_label.setWordWrap(True)
        self.status_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.status_label.setAccessibleName(self.tr("The organisation's signing authority"))

        self.create_box = QGroupBox(self.tr("Create the organisation's signing authority"))
        self.name_edit = QLineEdit()
        self.name_edit.setPlaceholderText(self.tr("e.g. Northgate Council children's services"))
        self.name_edit.setAccessibleName(self.tr("Authority name"))
        self.organisation_edit = QLineEdit()
        self.organisation_edit.setAccessibleName(self.tr("Organisation"))
        self.new_passphrase_edit = _password_edit(self.tr("Authority passphrase"))
        self.create_button = QPushButton(self.tr("&Create"))
        create_form = QFormLayout(self.create_box)
        create_form.addRow(self.tr("&Name:"), self.name_edit)
        create_form.addRow(self.tr("&Organisation:"), self.organisation_edit)
        create_form.addRow(self.tr("&Passphrase (blank: keep it in the keyring):"),
                           self.new_passphrase_edit)
        create_form.addRow("", self.create_button)

        self.import_box = QGroupBox(self.tr("…or import the council's own CA (PKCS#12)"))
        self.file_edit = QLineEdit()
        self.file_edit.setAccessibleName(self.tr("PKCS#12 file"))
        self.browse_button = QPushButton(self.tr("&Browse…"))
        self.p12_password_edit = _password_edit(self.tr("PKCS#12 file password"))
        self.import_button = QPushButton(self.tr("&Import"))
        file_row = QHBoxLayout()
        file_row.addWidget(self.file_edit, 1)
        file_row.addWidget(self.browse_button)
        import_form = QFormLayout(self.import_box)
        import_form.addRow(self.tr("&File:"), file_row)
        import_form.addRow(self.tr("File pass&word:"), self.p12_password_edit)
        import_form.addRow("", self.import_button)

        self.issue_box = QGroupBox(self.tr("Issue a signing identity"))
        self.person_combo = QComboBox()
        self.person_combo.setAccessibleName(self.tr("Person"))
        self.authority_passphrase_edit = _password_edit(self.tr("Authority passphrase"))
        self.issue_button = QPushButton(self.tr("&Issue identity"))
        self.export_button = QPushButton(self.tr("&Export certificate…"))
        self.person_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        issue_form = QFormLayout(self.issue_box)
        self.issue_form = issue_form
        issue_form.addRow(self.tr("P&erson:"), self.person_combo)
        issue_form.addRow(self.tr("Authority pass&phrase (if not in the keyring):"),
                          self.authority_passphrase_edit)
        issue_form.addRow("", self.issue_button)

        self.message_label = QLabel()
        self.message_label.setWordWrap(True)
        self.message_label.hide()
        self.error_label = problem_label()
        self.error_label.setAccessibleName(self.tr("Problem"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.export_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        for widget in (self.status_label, self.create_box, self.import_box, self.issue_box,
                       self.message_label, self.error_label):
            layout.addWidget(widget)
        layout.addStretch(1)
        layout.addWidget(buttons)
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("x" * 80))

        self.create_button.clicked.connect(self.create_authority)
        self.browse_button.clicked.connect(self._browse)
        self.import_button.clicked.connect(self.import_authority)
        self.issue_button.clicked.connect(self.issue_identity)
        self.export_button.clicked.connect(self._choose_export)
        for box in (self.create_box, self.import_box, self.issue_box):
            box.hide()  # until the authority has been read
        self.export_button.setEnabled(False)
        self.reload()

    # -- reading -------------------------------------------------------------------------
    def reload(self) -> None:
        service = self.service
        self.services.runner.run(lambda _p, _c: service.overview(), on_success=self._show,
                                 on_failure=self._failed, owner=self, name="read signing authority")

    def _show(self, found: tuple[AuthorityInfo | None, list[PersonIdentity]]) -> None:
        from workbench.signing.authority import IdentityKind

        info, people = found
        self.info = info
        self.status_label.setText(
            arg(self.tr("Signing authority: %1"), info.describe()) if info is not None
            else self.tr("This organisation has no signing authority yet, so every signature is "
                         "self-issued and shows as not trusted. Create one, or import the "
                         "council's own CA."))
        self.create_box.setVisible(info is None)
        self.import_box.setVisible(info is None)
        self.issue_box.setVisible(info is not None)
        self.export_button.setEnabled(info is not None)
        self.person_combo.clear()
        for person in people:
            label = f"{person.name} ({person.role.replace('_', ' ')}): {person.kind.value}"
            self.person_combo.addItem(label, person.staff_id)
        first_untrusted = next((i for i, p in enumerate(people) if p.kind is not IdentityKind.TRUSTED), 0)
        self.person_combo.setCurrentIndex(first_untrusted)
        self.issue_form.setRowVisible(self.authority_passphrase_edit,
                                      info is not None and not info.unlocks_from_keyring)

    # -- steps ---------------------------------------------------------------------------
    def _run(self, work: Any, done: str) -> None:
        self.error_label.hide()
        self.setEnabled(False)

        def succeeded(_result: object) -> None:
            self.setEnabled(True)
            self.message_label.setText(done)
            self.message_label.show()
            self.reload()

        self.services.runner.run(lambda _p, _c: work(), on_success=succeeded,
                                 on_failure=self._failed, owner=self, name="signing authority")

    def create_authority(self) -> None:
        service, name = self.service, self.name_edit.text()
        organisation = self.organisation_edit.text().strip() or None
        passphrase = self.new_passphrase_edit.text() or None
        self._run(lambda: service.create(name, organisation=organisation, passphrase=passphrase),
                  self.tr("The signing authority was created. Issue each person their identity."))

    def _browse(self) -> None:
        chooser = QFileDialog(self, self.tr("The council's CA (PKCS#12)"))
        chooser.setNameFilter(self.tr("PKCS#12 files (*.p12 *.pfx)"))
        chooser.setFileMode(QFileDialog.FileMode.ExistingFile)
        chooser.fileSelected.connect(self.file_edit.setText)
        chooser.open()

    def import_authority(self) -> None:
        service, path = self.service, Path(self.file_edit.text())
        password = self.p12_password_edit.text()
        passphrase = self.new_passphrase_edit.text() or None
        self._run(lambda: service.import_pkcs12(path.read_bytes(), password, passphrase=passphrase),
                  self.tr("The council's CA is now the organisation's signing authority."))

    def issue_identity(self) -> None:
        staff_id = self.person_combo.currentData()
        if staff_id is None:
            return
        service = self.service
        authority_passphrase = self.authority_passphrase_edit.text() or None
        name = self.person_combo.currentText().split(" (", 1)[0]
        self._run(lambda: service.issue(int(staff_id), authority_passphrase=authority_passphrase),
                  arg(self.tr("%1 has a signing identity issued by the authority: their signatures "
                          "show as trusted."), name))

    def _choose_export(self) -> None:
        chooser = QFileDialog(self, self.tr("Export the authority's certificate"))
        chooser.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        chooser.setNameFilter(self.tr("Certificates (*.pem)"))
        chooser.setDefaultSuffix("pem")
        chooser.fileSelected.connect(lambda path: self.export_certificate(Path(path)))
        chooser.open()

    def export_certificate(self, path: Path) -> None:
        from workbench.files import write_atomically

        service = self.service
        self._run(lambda: write_atomically(path, service.certificate_pem().encode("ascii")),
                  arg(self.tr("Wrote the certificate to %1. Anyone can check a signed PDF with it: "
                          "workbench verify --trust FILE.pem NOTE.pdf"), str(path)))

    def _failed(self, error: Exception) -> None:
        from ui.problems import explain

        self.setEnabled(True)
        message = explain(error, self.tr("Nothing was changed")).message
        self.error_label.setText(message)
        self.error_label.show()


def open_authority_dialog(services: AppServices, parent: QWidget | None = None) -> AuthorityDialog:
    """Open the signing authority dialog (for an admin) and return it."""
    dialog = AuthorityDialog(services, parent)
    dialog.open()
    return dialog
