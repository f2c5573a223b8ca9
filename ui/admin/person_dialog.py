"""Add or edit one person: name, role, team, supervisor, the start of their assessed year.

The dialog only asks; :mod:`workbench.staff_admin` checks the rules and writes (on the task
runner). A refused change is said in the dialog, which stays open with what was typed.
``saved(int)`` carries the person's id.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from db.enums import Role
from ui.i18n import arg, message_of
from ui.tasks import CancelCheck, ProgressFn, Task

if TYPE_CHECKING:
    from ui.services import AppServices
    from workbench.staff_admin import StaffRecord


class PersonDialog(QDialog):
    """``saved(staff_id)`` once the service accepted the person (added or changed)."""

    saved = Signal(int)

    def __init__(self, services: AppServices, people: list[StaffRecord], teams: list[str],
                 parent: QWidget | None = None, *, person: StaffRecord | None = None) -> None:
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setWindowTitle(arg(self.tr("Edit %1"), person.name) if person
                            else self.tr("Add a person"))
        self.services = services
        self.person = person
        self._task: Task[int] | None = None
        self.name_edit = QLineEdit(person.name if person else "")
        self.role_combo = QComboBox()
        self.team_combo = QComboBox()
        self.supervisor_combo = QComboBox()
        self.asye_check = QCheckBox(self.tr("Newly qualified: assessed year (ASYE) from"))
        self.asye_edit = QDateEdit()
        self.error_label = QLabel()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                        | QDialogButtonBox.StandardButton.Cancel)
        self._fill(people, teams)
        self._build_layout()
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        self.asye_check.toggled.connect(self.asye_edit.setEnabled)

    def _fill(self, people: list[StaffRecord], teams: list[str]) -> None:
        from ui.dialogs.sign_in_dialog import role_name

        for role in Role:
            self.role_combo.addItem(role_name(role.value), role)
        self.team_combo.setEditable(True)  # a new name makes a new team
        self.team_combo.addItem(self.tr("(no team)"), None)
        for team in teams:
            self.team_combo.addItem(team, team)
        self.supervisor_combo.addItem(self.tr("(nobody)"), None)
        for other in people:
            if other.active and other.role in (Role.TEAM_MANAGER, Role.PRACTICE_LEAD) and (
                    self.person is None or other.staff_id != self.person.staff_id):
                label = other.name + (f" ({other.team_name})" if other.team_name else "")
                self.supervisor_combo.addItem(label, other.staff_id)
        person = self.person
        self.asye_edit.setDisplayFormat("dd MMM yyyy")
        self.asye_edit.setCalendarPopup(True)
        today = self.services.clock().date()
        start = person.asye_start if person and person.asye_start else today
        self.asye_edit.setDate(QDate(start.year, start.month, start.day))
        self.asye_check.setChecked(bool(person and person.asye_start))
        self.asye_edit.setEnabled(self.asye_check.isChecked())
        if person is None:
            return
        self.role_combo.setCurrentIndex(self.role_combo.findData(person.role))
        if person.team_name:
            self.team_combo.setCurrentIndex(self.team_combo.findData(person.team_name))
        found = self.supervisor_combo.findData(person.supervisor_id)
        self.supervisor_combo.setCurrentIndex(max(found, 0))

    def _build_layout(self) -> None:
        self.name_edit.setAccessibleName(self.tr("Name"))
        self.role_combo.setAccessibleName(self.tr("Role"))
        self.team_combo.setAccessibleName(self.tr("Team"))
        self.supervisor_combo.setAccessibleName(self.tr("Supervised by"))
        self.asye_edit.setAccessibleName(self.tr("Assessed year starts"))
        self.error_label.setWordWrap(True)
        self.error_label.setTextFormat(Qt.TextFormat.PlainText)
        self.error_label.setStyleSheet("color: #b00020;")
        self.error_label.hide()
        form = QFormLayout()
        form.addRow(self.tr("&Name:"), self.name_edit)
        form.addRow(self.tr("&Role:"), self.role_combo)
        form.addRow(self.tr("&Team:"), self.team_combo)
        form.addRow(self.tr("&Supervised by:"), self.supervisor_combo)
        form.addRow(self.asye_check, self.asye_edit)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("x" * 56))

    def show_error(self, message: str) -> None:
        self.error_label.setText(message)
        self.error_label.setAccessibleDescription(message)
        self.error_label.show()

    def _team(self) -> str | None:
        text = self.team_combo.currentText().strip()
        data = self.team_combo.currentData()
        if data is None and text == self.tr("(no team)"):
            return None
        return text or None

    def submit(self) -> None:
        if self._task is not None:
            return
        from workbench.staff_admin import add_staff, update_staff

        services = self.services
        actor = services.actor
        name, role, team = self.name_edit.text(), Role(self.role_combo.currentData()), self._team()
        supervisor_id = self.supervisor_combo.currentData()
        asye: dt.date | None = self.asye_edit.date().toPython() if self.asye_check.isChecked() else None  # type: ignore[assignment]
        person = self.person

        def work(progress: ProgressFn, is_cancelled: CancelCheck) -> int:
            if person is None:
                return add_staff(services.db, services.audit, actor=actor, name=name, role=role,
                                 team=team, supervisor_id=supervisor_id, asye_start=asye)
            update_staff(services.db, services.audit, actor=actor, staff_id=person.staff_id,
                         name=name, role=role, team=team, supervisor_id=supervisor_id, asye_start=asye)
            return person.staff_id

        self.error_label.hide()
        self.buttons.setEnabled(False)
        self._task = services.runner.run(work, on_success=self._saved, on_failure=self._failed,
                                         owner=self, name="save person")

    def _saved(self, staff_id: int) -> None:
        self._task = None
        self.saved.emit(staff_id)
        self.accept()

    def _failed(self, error: Exception) -> None:
        from ui.problems import explain

        self._task = None
        self.buttons.setEnabled(True)
        self.show_error(message_of(error) if isinstance(error, ValueError) else explain(error).message)
