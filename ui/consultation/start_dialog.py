"""Starting a case consultation: the presenter and their child or sibling group, the facilitator,
colleagues taking part, and attendees without an account (with their consent to be named)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ui.dialogs.task_dialog import problem_label
from ui.problems import explain
from ui.supervision.people import context
from ui.supervision.widgets import help_label, shortcut_button, wrapped_label

if TYPE_CHECKING:
    from ui.services import AppServices
    from workbench.consultation.service import Attendee
    from workbench.consultation.view import Choices


def _checked_ids(listing: QListWidget) -> list[int]:
    return [int(listing.item(i).data(Qt.ItemDataRole.UserRole)) for i in range(listing.count())
            if listing.item(i).checkState() is Qt.CheckState.Checked]


class StartConsultationDialog(QDialog):
    """``started(session_id)`` follows a consultation that was started and stored."""

    started = Signal(int)

    def __init__(self, services: AppServices, parent: QWidget | None = None, *,
                 presenter_id: int | None = None) -> None:
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setWindowTitle(self.tr("Start a case consultation"))
        self.services = services
        self.wanted_presenter = presenter_id
        self.choices: Choices | None = None
        self.attendees: list[Attendee] = []
        self.presenter_combo = QComboBox()
        self.presenter_combo.setAccessibleName(self.tr("Presenter"))
        self.children_list = QListWidget()
        self.children_list.setAccessibleName(self.tr("The child or sibling group"))
        self.facilitator_combo = QComboBox()
        self.facilitator_combo.setAccessibleName(self.tr("Facilitator"))
        self.participants_list = QListWidget()
        self.participants_list.setAccessibleName(self.tr("Colleagues taking part"))
        self.attendee_name = QLineEdit()
        self.attendee_name.setPlaceholderText(self.tr("Name"))
        self.attendee_name.setAccessibleName(self.tr("Attendee's name"))
        self.attendee_agency = QLineEdit()
        self.attendee_agency.setPlaceholderText(self.tr("Agency (police, school, health…)"))
        self.attendee_agency.setAccessibleName(self.tr("Attendee's agency"))
        self.attendee_role = QLineEdit()
        self.attendee_role.setPlaceholderText(self.tr("Role"))
        self.attendee_role.setAccessibleName(self.tr("Attendee's role"))
        self.attendee_consent = QCheckBox(self.tr("Agrees to be &named in the record"))
        self.attendee_consent.setChecked(True)
        self.add_attendee_button = shortcut_button(self.tr("A&dd attendee"))
        self.attendees_list = QListWidget()
        self.attendees_list.setAccessibleName(self.tr("Attendees without an account"))
        self.error_label = problem_label()
        self.buttons = QDialogButtonBox()
        self.start_button = self.buttons.addButton(self.tr("&Start the consultation"),
                                                   QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.start_button.setEnabled(False)

        form = QFormLayout()
        form.addRow(wrapped_label(self.tr("&Presenter"), buddy=self.presenter_combo), self.presenter_combo)
        form.addRow(wrapped_label(self.tr("&Child or sibling group"), buddy=self.children_list),
                    self.children_list)
        form.addRow(wrapped_label(self.tr("&Facilitator"), buddy=self.facilitator_combo),
                    self.facilitator_combo)
        form.addRow(wrapped_label(self.tr("Colleagues &taking part"), buddy=self.participants_list),
                    self.participants_list)
        attendee_row = QHBoxLayout()
        for widget in (self.attendee_name, self.attendee_agency, self.attendee_role):
            attendee_row.addWidget(widget)
        attendee_row.addWidget(self.attendee_consent)
        attendee_row.addWidget(self.add_attendee_button)
        layout = QVBoxLayout(self)
        layout.addWidget(help_label(self.tr(
            "A worker presents one family to the group. Everyone scales privately; the record is a "
            "brief note for the child's file and the presenter's supervision file, signed by the "
            "facilitator and countersigned by the presenter.")))
        layout.addLayout(form)
        layout.addWidget(wrapped_label(self.tr("Attendees without an account (partner agencies)"), bold=True))
        layout.addLayout(attendee_row)
        layout.addWidget(self.attendees_list)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)

        self.presenter_combo.currentIndexChanged.connect(lambda _i: self._presenter_changed())
        self.add_attendee_button.clicked.connect(self.add_attendee)
        self.start_button.clicked.connect(self.start)
        self.buttons.rejected.connect(self.reject)
        self._load()

    def _load(self) -> None:
        from workbench.consultation.view import consultation_choices

        ctx = context(self.services, self.services.actor_id or 0)
        self.services.runner.run(lambda _p, _c: consultation_choices(ctx), on_success=self._loaded,
                                 on_failure=self._failed, name="consultation choices")

    def _loaded(self, choices: Choices) -> None:
        self.choices = choices
        for person in choices.presenters:
            self.presenter_combo.addItem(person.name, person.id)
        for person in choices.facilitators:
            self.facilitator_combo.addItem(person.name, person.id)
        me = self.facilitator_combo.findData(self.services.actor_id)
        self.facilitator_combo.setCurrentIndex(max(me, 0))
        wanted = self.presenter_combo.findData(self.wanted_presenter)
        self.presenter_combo.setCurrentIndex(max(wanted, 0))
        self._presenter_changed()
        self.start_button.setEnabled(bool(choices.presenters))

    def _presenter_changed(self) -> None:
        if self.choices is None:
            return
        presenter = self.presenter_combo.currentData()
        self.children_list.clear()
        for case_id, label in self.choices.cases.get(presenter, ()):
            item = QListWidgetItem(label)
            item.setData(Qt.ItemDataRole.UserRole, case_id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.children_list.addItem(item)
        self.participants_list.clear()
        for person in self.choices.colleagues:
            if person.id == presenter:
                continue
            item = QListWidgetItem(person.name)
            item.setData(Qt.ItemDataRole.UserRole, person.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.participants_list.addItem(item)

    def check(self, listing: QListWidget, text: str) -> None:
        """Tick the entry whose text starts with ``text`` (tests and keyboard users alike)."""
        for i in range(listing.count()):
            if listing.item(i).text().startswith(text):
                listing.item(i).setCheckState(Qt.CheckState.Checked)

    def add_attendee(self) -> None:
        from workbench.consultation.service import Attendee

        name, agency = self.attendee_name.text().strip(), self.attendee_agency.text().strip()
        if not name or not agency:
            self.error_label.setText(self.tr("Give the attendee's name and agency, then add them."))
            return
        attendee = Attendee(name, agency, self.attendee_role.text().strip(),
                            self.attendee_consent.isChecked())
        self.attendees.append(attendee)
        named = "" if attendee.consent_to_be_named else self.tr(" (not to be named in the record)")
        self.attendees_list.addItem(f"{name}, {attendee.role or self.tr('attendee')}, {agency}{named}")
        for box in (self.attendee_name, self.attendee_agency, self.attendee_role):
            box.clear()
        self.attendee_consent.setChecked(True)
        self.error_label.setText("")

    def start(self) -> None:
        from workbench.consultation.service import start_consultation

        services = self.services
        ctx = context(services, services.actor_id or 0)
        presenter = int(self.presenter_combo.currentData())
        facilitator = int(self.facilitator_combo.currentData())
        cases = _checked_ids(self.children_list)
        participants = [p for p in _checked_ids(self.participants_list) if p != facilitator]
        attendees = list(self.attendees)
        now = services.clock()
        self.start_button.setEnabled(False)
        services.runner.run(
            lambda _p, _c: start_consultation(ctx, presenter_id=presenter, case_ids=cases, meeting_at=now,
                                              facilitator_id=facilitator, participant_ids=participants,
                                              attendees=attendees),
            on_success=lambda started: self._started(started.session_id), on_failure=self._failed,
            name="start consultation")

    def _started(self, session_id: int) -> None:
        self.started.emit(session_id)
        self.accept()

    def _failed(self, error: Exception) -> None:
        self.error_label.setText(explain(error).message)
        self.start_button.setEnabled(self.choices is not None)
