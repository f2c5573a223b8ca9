"""The Admin screen: everyone on the staff list, and what an admin does to them.

Add, edit (name, role, team, supervisor, ASYE), issue an enrolment code (or reset a
passphrase the same way), unlock after too many wrong attempts, mark a leaver, add someone an
import met. Reads and changes run on the task runner; every rule and check is the core's
(:mod:`workbench.staff_admin`, :mod:`workbench.enrolment`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QSortFilterProxyModel, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ui.admin.model import StaffModel
from ui.i18n import arg, message_of
from ui.models.roles import OBJECT_ROLE, SORT_ROLE
from ui.screens import ScreenBase
from ui.tasks import CancelCheck, ProgressFn

if TYPE_CHECKING:
    from ui.services import AppServices
    from workbench.enrolment import IssuedCode
    from workbench.staff_admin import StaffRecord


_Found = tuple["str | None", "list[StaffRecord]", "list[str]"]


class AdminScreen(ScreenBase):
    """``changed()`` after each change; ``load_failed(str)`` when the list cannot be read."""

    changed = Signal()
    code_issued = Signal(object)  # the CodeDialog shown

    def __init__(self, services: AppServices, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.teams: list[str] = []
        self.organisation_label = QLabel()
        self.model = StaffModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        self.table = QTableView()
        self.add_button = QPushButton(self.tr("&Add person…"))
        self.edit_button = QPushButton(self.tr("&Edit…"))
        self.code_button = QPushButton(self.tr("Enrolment &code…"))
        self.unlock_button = QPushButton(self.tr("&Unlock"))
        self.leaver_button = QPushButton(self.tr("Mark as &leaver…"))
        self.activate_button = QPushButton(self.tr("Add to the &team"))
        self.message_label = QLabel()
        self._build_layout()
        self._connect_signals()
        self._selection_changed()
        self.refresh()

    def _build_layout(self) -> None:
        self.organisation_label.setTextFormat(Qt.TextFormat.PlainText)
        font = self.organisation_label.font()
        font.setPointSize(font.pointSize() + 2)
        font.setBold(True)
        self.organisation_label.setFont(font)
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.setAccessibleName(self.tr("Staff"))
        self.message_label.setWordWrap(True)
        self.message_label.setTextFormat(Qt.TextFormat.PlainText)
        buttons = QHBoxLayout()
        for button in (self.add_button, self.edit_button, self.code_button, self.unlock_button,
                       self.activate_button, self.leaver_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.organisation_label)
        layout.addLayout(buttons)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.message_label)

    def _connect_signals(self) -> None:
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._selection_changed())
        self.table.doubleClicked.connect(lambda _index: self.edit_person())
        self.add_button.clicked.connect(self.add_person)
        self.edit_button.clicked.connect(self.edit_person)
        self.code_button.clicked.connect(self.issue_code)
        self.unlock_button.clicked.connect(self.unlock_person)
        self.leaver_button.clicked.connect(self.mark_leaver)
        self.activate_button.clicked.connect(self.activate_person)

    # -- reading ---------------------------------------------------------------------------
    def refresh(self) -> None:
        from workbench.enrolment import organisation_name
        from workbench.staff_admin import list_staff_records, team_names

        services = self.services
        chosen = self.current
        keep = chosen.staff_id if chosen else None

        def work(progress: ProgressFn, is_cancelled: CancelCheck) -> _Found:
            return (organisation_name(services.db),
                    list_staff_records(services.db, actor=services.actor, now=services.clock()),
                    team_names(services.db))

        services.runner.run(work, on_success=lambda found: self._read(found, keep),
                            on_failure=self._load_failed, owner=self, name="staff")

    def _read(self, found: _Found, keep: int | None) -> None:
        organisation, records, teams = found
        self.teams = teams
        self.organisation_label.setText(organisation or self.tr("Staff"))
        self.model.set_rows(records)
        self.table.resizeColumnsToContents()
        if keep is not None:
            self.select(keep)
        self._selection_changed()

    def _load_failed(self, error: Exception) -> None:
        from ui.problems import explain

        self.load_failed.emit(explain(error).message)

    @property
    def current(self) -> StaffRecord | None:
        index = self.table.currentIndex()
        if not index.isValid() or not self.table.selectionModel().hasSelection():
            return None
        record: StaffRecord = index.data(OBJECT_ROLE)
        return record

    def select(self, staff_id: int) -> None:
        row = self.model.row_of(staff_id)
        if row is None:
            return
        index = self.proxy.mapFromSource(self.model.index(row, 0))
        self.table.selectRow(index.row())
        self.table.setCurrentIndex(index)

    def _selection_changed(self) -> None:
        from workbench.staff_admin import Status

        record = self.current
        status = record.status if record else None
        self.edit_button.setEnabled(record is not None)
        self.code_button.setEnabled(record is not None and record.active)
        self.code_button.setText(self.tr("Reset &passphrase…") if status is Status.CAN_SIGN_IN
                                 else self.tr("Enrolment &code…"))
        self.unlock_button.setEnabled(status is Status.LOCKED)
        self.leaver_button.setEnabled(record is not None and record.active)
        self.activate_button.setEnabled(record is not None and not record.active)
        self.activate_button.setText(self.tr("&Bring back") if status is Status.LEFT
                                     else self.tr("Add to the &team"))

    # -- changing --------------------------------------------------------------------------
    def _run(self, work: Callable[[], Any], done: Callable[[Any], None], name: str) -> None:
        def failed(error: Exception) -> None:
            from ui.problems import explain

            self.show_message(message_of(error) if isinstance(error, ValueError) else explain(error).message)

        def succeeded(result: Any) -> None:
            done(result)
            self.changed.emit()
            self.refresh()

        self.services.runner.run(lambda _p, _c: work(), on_success=succeeded, on_failure=failed,
                                 owner=self, name=name)

    def show_message(self, text: str) -> None:
        self.message_label.setText(text)

    def _person_dialog(self, person: StaffRecord | None) -> QWidget:
        from ui.admin.person_dialog import PersonDialog

        dialog = PersonDialog(self.services, list(self.model._rows), self.teams, self, person=person)
        dialog.saved.connect(self._saved)
        dialog.open()
        return dialog

    def add_person(self) -> QWidget:
        return self._person_dialog(None)

    def edit_person(self) -> QWidget | None:
        record = self.current
        return self._person_dialog(record) if record is not None else None

    def _saved(self, staff_id: int) -> None:
        self.show_message(self.tr("Saved."))
        self.changed.emit()
        self.refresh_and_select(staff_id)

    def refresh_and_select(self, staff_id: int) -> None:
        self._pending_select = staff_id
        self.refresh()
        # _read keeps the current person; the new one is chosen once the list is back.
        self.model.modelReset.connect(self._select_pending, Qt.ConnectionType.SingleShotConnection)

    def _select_pending(self) -> None:
        self.select(self._pending_select)

    def issue_code(self) -> None:
        from workbench.enrolment import issue_enrolment_code

        record, services = self.current, self.services
        if record is None:
            return
        self._run(lambda: issue_enrolment_code(services.db, services.audit, actor=services.actor,
                                               staff_id=record.staff_id),
                  self._show_code, "enrolment code")

    def _show_code(self, issued: IssuedCode) -> None:
        from ui.admin.code_dialog import CodeDialog

        self.show_message(arg(self.tr("Enrolment code issued to %1."), issued.name))
        dialog = CodeDialog(issued, self)
        dialog.open()
        self.code_issued.emit(dialog)

    def unlock_person(self) -> None:
        from workbench.signin import unlock

        record, services = self.current, self.services
        if record is None:
            return
        self._run(lambda: unlock(services.db, services.audit, actor=services.actor,
                                 staff_id=record.staff_id),
                  lambda _r: self.show_message(arg(self.tr("%1 can try again."), record.name)),
                  "unlock")

    def mark_leaver(self) -> QMessageBox | None:
        record = self.current
        if record is None:
            return None
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Mark as leaver"), arg(self.tr(
            "%1 will no longer be able to sign in, and any enrolment code they have stops working. "
            "Their records are kept."), record.name),
            QMessageBox.StandardButton.Cancel, self)
        box.addButton(self.tr("Mark as leaver"), QMessageBox.ButtonRole.AcceptRole)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.accepted.connect(lambda: self._deactivate(record.staff_id, record.name))
        box.open()
        return box

    def _deactivate(self, staff_id: int, name: str) -> None:
        from workbench.staff_admin import deactivate_staff

        services = self.services
        self._run(lambda: deactivate_staff(services.db, services.audit, actor=services.actor,
                                           staff_id=staff_id),
                  lambda _r: self.show_message(arg(self.tr("%1 is marked as a leaver."), name)),
                  "leaver")

    def activate_person(self) -> None:
        from workbench.staff_admin import activate_staff

        record, services = self.current, self.services
        if record is None:
            return
        self._run(lambda: activate_staff(services.db, services.audit, actor=services.actor,
                                         staff_id=record.staff_id),
                  lambda _r: self.show_message(arg(self.tr(
                      "%1 is on the team: issue them an enrolment code so they can sign in."), record.name)),
                  "activate")
