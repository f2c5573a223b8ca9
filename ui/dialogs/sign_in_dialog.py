"""Who is at the keyboard: pick yourself from the staff list and type your own passphrase.

The list shows every active member of staff with their role and team; arrows and typing the
first letters move through it. Someone with no passphrase yet (newly enrolled, or reset by
an admin) types the one-time enrolment code an admin gave them and chooses their passphrase,
typed twice (:func:`workbench.enrolment.enrol_with_code`). The check (scrypt, ~0.3 s) runs
on the task runner; a wrong passphrase is said plainly, the field cleared for another try,
and the failed attempt is audited by the service. ``signed_in(Actor)`` carries the result;
the dialog then closes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QModelIndex, Qt, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListView,
    QVBoxLayout,
    QWidget,
)

from ui.i18n import arg, message_of
from ui.models.roles import OBJECT_ROLE
from ui.tasks import CancelCheck, ProgressFn, Task
from workbench.keys import Passphrase

if TYPE_CHECKING:
    from ui.services import AppServices
    from workbench.access import Actor
    from workbench.keys import ScryptCost
    from workbench.signin import Person

ROLE_NAMES = {
    "worker": QT_TRANSLATE_NOOP("SignIn", "worker"),
    "team_manager": QT_TRANSLATE_NOOP("SignIn", "team manager"),
    "practice_lead": QT_TRANSLATE_NOOP("SignIn", "practice lead"),
    "admin": QT_TRANSLATE_NOOP("SignIn", "admin"),
}


def role_name(role: str) -> str:
    return QCoreApplication.translate("SignIn", str(ROLE_NAMES.get(role, role)))


def describe_person(person: Person) -> str:
    """"Name — role, team" as the list shows a person."""
    role = role_name(person.role.value)
    return f"{person.name} — {role}" + (f", {person.team_name}" if person.team_name else "")


class SignInDialog(QDialog):
    """``signed_in(Actor)`` once the passphrase checked out (or a first one was chosen)."""

    signed_in = Signal(object)

    def __init__(self, services: AppServices, people: list[Person], parent: QWidget | None = None,
                 *, preselect: int | None = None, message: str | None = None,
                 cost: ScryptCost | None = None, title: str | None = None) -> None:
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.setWindowTitle(title or self.tr("Sign in"))
        self.services = services
        self._cost = cost
        self._task: Task[Actor] | None = None
        #: Who signed in: the dialog's result.
        self.actor: Actor | None = None

        self.model = QStandardItemModel(self)
        for person in people:
            item = QStandardItem(describe_person(person))
            item.setData(person, OBJECT_ROLE)
            item.setEditable(False)
            self.model.appendRow(item)
        self.people_view = QListView()
        self.passphrase_edit = QLineEdit()
        self.first_time_label = QLabel()
        self.code_edit = QLineEdit()
        self.new_edit = QLineEdit()
        self.again_edit = QLineEdit()
        self.error_label = QLabel()
        self.buttons = QDialogButtonBox()
        self.sign_in_button = self.buttons.addButton(self.tr("&Sign in"),
                                                     QDialogButtonBox.ButtonRole.AcceptRole)
        self.cancel_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self._build_layout()
        self._connect_signals()
        self._select(preselect)
        if message:
            self.show_error(message)

    # -- layout ----------------------------------------------------------------------------
    def _build_layout(self) -> None:
        self.people_view.setModel(self.model)
        self.people_view.setAccessibleName(self.tr("Who are you"))
        self.people_view.setAccessibleDescription(self.tr("Staff, with their role and team"))
        self.people_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.people_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.people_view.setUniformItemSizes(True)
        rows = min(max(self.model.rowCount(), 4), 12)
        self.people_view.setMinimumHeight(self.fontMetrics().height() * rows + 12)
        for edit, name in ((self.passphrase_edit, self.tr("Your passphrase")),
                           (self.new_edit, self.tr("Choose your passphrase")),
                           (self.again_edit, self.tr("Your new passphrase again"))):
            edit.setEchoMode(QLineEdit.EchoMode.Password)
            edit.setAccessibleName(name)
        self.first_time_label.setWordWrap(True)
        self.first_time_label.setText(self.tr(
            "You have no passphrase yet. Type the enrolment code an admin gave you, then choose "
            "your passphrase (at least 8 characters; a few ordinary words). You will sign in with "
            "it from now on. No code? Ask an admin."))
        self.code_edit.setAccessibleName(self.tr("Enrolment code"))
        self.code_edit.setPlaceholderText(self.tr("XXXX-XXXX-XXXX-XXXX", "the form of an enrolment code"))
        self.error_label.setWordWrap(True)
        self.error_label.setTextFormat(Qt.TextFormat.PlainText)
        self.error_label.setStyleSheet("color: #b00020;")
        self.error_label.setAccessibleName(self.tr("Sign-in problem"))
        self.error_label.hide()

        who = QLabel(self.tr("&Who are you?"))
        who.setBuddy(self.people_view)
        form = QFormLayout()
        self.passphrase_label = QLabel(self.tr("&Passphrase:"))
        self.passphrase_label.setBuddy(self.passphrase_edit)
        form.addRow(self.passphrase_label, self.passphrase_edit)
        self.code_label = QLabel(self.tr("Enrolment &code:"))
        self.code_label.setBuddy(self.code_edit)
        form.addRow(self.code_label, self.code_edit)
        self.new_label = QLabel(self.tr("&New passphrase:"))
        self.new_label.setBuddy(self.new_edit)
        form.addRow(self.new_label, self.new_edit)
        self.again_label = QLabel(self.tr("&Again:"))
        self.again_label.setBuddy(self.again_edit)
        form.addRow(self.again_label, self.again_edit)
        layout = QVBoxLayout(self)
        layout.addWidget(who)
        layout.addWidget(self.people_view, 1)
        layout.addWidget(self.first_time_label)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("x" * 64))
        self.sign_in_button.setDefault(True)
        QWidget.setTabOrder(self.people_view, self.passphrase_edit)
        QWidget.setTabOrder(self.passphrase_edit, self.code_edit)
        QWidget.setTabOrder(self.code_edit, self.new_edit)
        QWidget.setTabOrder(self.new_edit, self.again_edit)

    def _connect_signals(self) -> None:
        self.people_view.selectionModel().currentChanged.connect(self._person_changed)
        self.people_view.activated.connect(lambda _index: self._focus_first_field())
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)

    def _select(self, staff_id: int | None) -> None:
        row = 0
        for number in range(self.model.rowCount()):
            person: Person = self.model.item(number).data(OBJECT_ROLE)
            if person.staff_id == staff_id:
                row = number
                break
        if self.model.rowCount():
            self.people_view.setCurrentIndex(self.model.index(row, 0))
        self._person_changed(self.people_view.currentIndex())
        self._focus_first_field()

    # -- what it shows ---------------------------------------------------------------------
    @property
    def person(self) -> Person | None:
        index = self.people_view.currentIndex()
        return index.data(OBJECT_ROLE) if index.isValid() else None

    @property
    def is_running(self) -> bool:
        return self._task is not None

    def _person_changed(self, _current: QModelIndex, _previous: QModelIndex | None = None) -> None:
        person = self.person
        first_time = person is not None and not person.has_passphrase
        for widget in (self.passphrase_label, self.passphrase_edit):
            widget.setVisible(not first_time)
        for widget in (self.first_time_label, self.code_label, self.code_edit, self.new_label,
                       self.new_edit, self.again_label, self.again_edit):
            widget.setVisible(first_time)
        self.sign_in_button.setEnabled(person is not None and not self.is_running)
        # The enrolment fields take room when shown: grow to fit them rather than overlap.
        layout = self.layout()
        needed = (layout.totalHeightForWidth(self.width())
                  if layout is not None and layout.hasHeightForWidth() else -1)
        self.resize(self.width(), max(self.height(), needed, self.sizeHint().height()))

    def _focus_first_field(self) -> None:
        person = self.person
        target = self.code_edit if person is not None and not person.has_passphrase else self.passphrase_edit
        target.setFocus(Qt.FocusReason.OtherFocusReason)

    def show_error(self, message: str) -> None:
        self.error_label.setText(message)
        self.error_label.setAccessibleDescription(message)
        self.error_label.show()

    # -- signing in ------------------------------------------------------------------------
    def submit(self) -> None:
        person = self.person
        if person is None or self.is_running:
            return
        services, cost = self.services, self._cost
        if person.has_passphrase:
            text = self.passphrase_edit.text()
            if not text:
                self.show_error(self.tr("Type your passphrase first."))
                self._focus_first_field()
                return
            passphrase = Passphrase(text)

            def work(progress: ProgressFn, is_cancelled: CancelCheck) -> Actor:
                from workbench.signin import sign_in

                return sign_in(services.db, services.audit, staff_id=person.staff_id,
                               passphrase=passphrase)
        else:
            code = self.code_edit.text().strip()
            if not code:
                self.show_error(self.tr("Type the enrolment code an admin gave you first."))
                self._focus_first_field()
                return
            if self.new_edit.text() != self.again_edit.text():
                self.again_edit.clear()
                self.show_error(self.tr("The two passphrases are not the same: type it again in "
                                        "both boxes."))
                self.again_edit.setFocus(Qt.FocusReason.OtherFocusReason)
                return
            passphrase = Passphrase(self.new_edit.text())

            def work(progress: ProgressFn, is_cancelled: CancelCheck) -> Actor:
                from workbench.enrolment import enrol_with_code

                return enrol_with_code(services.db, services.audit, staff_id=person.staff_id,
                                       code=code, passphrase=passphrase, cost=cost)

        self.error_label.hide()
        self.sign_in_button.setEnabled(False)
        self.sign_in_button.setText(self.tr("Checking…"))
        self._task = services.runner.run(work, on_success=self._succeeded, on_failure=self._failed,
                                         owner=self, name="sign in")

    def _succeeded(self, actor: Actor) -> None:
        self._task = None
        self.actor = actor
        for edit in (self.passphrase_edit, self.code_edit, self.new_edit, self.again_edit):
            edit.clear()
        self.signed_in.emit(actor)
        self.accept()

    def _failed(self, error: Exception) -> None:
        from ui.problems import explain
        from workbench.errors import WrongPassphrase
        from workbench.signin import WeakPassphrase

        self._task = None
        self.sign_in_button.setText(self.tr("&Sign in"))
        self.sign_in_button.setEnabled(True)
        if isinstance(error, WrongPassphrase):
            self.show_error(arg(self.tr("Wrong passphrase — try again. %1"), message_of(error)))
            self.passphrase_edit.clear()
        elif isinstance(error, WeakPassphrase):
            self.show_error(message_of(error))
            self.again_edit.clear()
        else:
            self.show_error(explain(error).message)
        self._focus_first_field()
