"""One audit's form beside its record: per item the grade and evidence (the auditor's), the
moderator's grade and reason, the responses, and the step the signed-in person may take next.
The core decides who may do what; the panel only offers the step that fits and shows refusals."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from db.enums import AuditStatus, Grade
from ui.i18n import arg, translate

if TYPE_CHECKING:
    from workbench.access import Actor
    from workbench.audits import AuditView

GRADE_LABELS = {Grade.OUTSTANDING: "Outstanding", Grade.GOOD: "Good",
                Grade.REQUIRES_IMPROVEMENT: "Requires improvement", Grade.INADEQUATE: "Inadequate"}


class ItemRow:
    """The widgets of one item."""

    def __init__(self, panel: QWidget, grid: QGridLayout, row: int, item_key: str, title: str,
                 guidance: str) -> None:
        self.key = item_key
        self.title = QLabel(f"<b>{title}</b>")
        self.title.setToolTip(guidance)
        self.title.setWordWrap(True)
        self.guidance = QLabel(guidance)
        self.guidance.setWordWrap(True)
        self.guidance.setStyleSheet("color: palette(placeholder-text);")
        self.grade = QComboBox()
        self.grade.addItem(translate("AuditFormPanel", "Not graded"), None)
        for grade in Grade:
            self.grade.addItem(translate("AuditFormPanel", GRADE_LABELS[grade]), grade)
        self.grade.setAccessibleName(arg(translate("AuditFormPanel", "Grade: %1"), title))
        self.evidence = QPlainTextEdit()
        self.evidence.setAccessibleName(arg(translate("AuditFormPanel", "Evidence: %1"), title))
        self.evidence.setPlaceholderText(translate("AuditFormPanel", "What in the record shows it"))
        self.evidence.setFixedHeight(54)
        self.moderation = QComboBox()
        self.moderation.addItem(translate("AuditFormPanel", "Agree"), None)
        for grade in Grade:
            self.moderation.addItem(arg(translate("AuditFormPanel", "Change to %1"),
                                        translate("AuditFormPanel", GRADE_LABELS[grade])), grade)
        self.moderation.setAccessibleName(arg(translate("AuditFormPanel", "Moderation: %1"), title))
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(translate("AuditFormPanel", "Reason for the change"))
        self.reason.setAccessibleName(arg(translate("AuditFormPanel", "Reason: %1"), title))
        base = row * 4
        grid.addWidget(self.title, base, 0, 1, 2)
        grid.addWidget(self.guidance, base + 1, 0, 1, 2)
        grid.addWidget(self.grade, base + 2, 0)
        grid.addWidget(self.evidence, base + 2, 1)
        grid.addWidget(self.moderation, base + 3, 0)
        grid.addWidget(self.reason, base + 3, 1)

    def show_grade(self, grade: Grade | None, evidence: str, moderated: Grade | None,
                   reason: str) -> None:
        self.grade.setCurrentIndex(self.grade.findData(grade) if grade else 0)
        self.evidence.setPlainText(evidence)
        self.moderation.setCurrentIndex(self.moderation.findData(moderated) if moderated else 0)
        self.reason.setText(reason)

    def enable(self, *, grading: bool, moderating: bool) -> None:
        self.grade.setEnabled(grading)
        self.evidence.setReadOnly(not grading)
        self.moderation.setEnabled(moderating)
        self.reason.setReadOnly(not moderating)


class AuditFormPanel(QWidget):
    """Emits what the person asked for; the screen runs it in the core."""

    save_requested = Signal()
    complete_requested = Signal()
    moderate_requested = Signal()
    respond_requested = Signal()
    sign_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.view: AuditView | None = None
        self.rows: list[ItemRow] = []
        self.heading = QLabel(self.tr("Choose an audit from the list."))
        self.heading.setWordWrap(True)
        self._grid_host = QWidget()
        self._grid = QGridLayout(self._grid_host)
        self._grid.setColumnStretch(1, 1)
        scroll = QScrollArea()
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidgetResizable(True)
        scroll.setWidget(self._grid_host)
        self.note_edit = QLineEdit()
        self.note_edit.setPlaceholderText(self.tr("Moderation note (optional)"))
        self.note_edit.setAccessibleName(self.tr("Moderation note"))
        self.responses = QLabel()
        self.responses.setWordWrap(True)
        self.response_edit = QPlainTextEdit()
        self.response_edit.setAccessibleName(self.tr("Your response"))
        self.response_edit.setPlaceholderText(self.tr("Your response to the audit"))
        self.response_edit.setFixedHeight(60)
        self.passphrase_edit = QLineEdit()
        self.passphrase_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase_edit.setAccessibleName(self.tr("Signing key passphrase"))
        self.passphrase_edit.setPlaceholderText(self.tr("Passphrase (empty if the keyring holds it)"))
        self.save_button = QPushButton(self.tr("Sa&ve grades"))
        self.complete_button = QPushButton(self.tr("Co&mplete"))
        self.moderate_button = QPushButton(self.tr("M&oderate"))
        self.respond_button = QPushButton(self.tr("Res&pond"))
        self.passphrase_edit.setMinimumWidth(200)
        self.sign_button = QPushButton(self.tr("Si&gn audit"))
        self.problem = QLabel()
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color: #b00020;")
        self.problem.hide()
        responses = QGroupBox(self.tr("Responses"))
        form = QFormLayout(responses)
        form.addRow(self.responses)
        form.addRow(self.tr("Yours:"), self.response_edit)
        buttons = QHBoxLayout()
        for button in (self.save_button, self.complete_button, self.moderate_button,
                       self.respond_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.passphrase_edit)
        buttons.addWidget(self.sign_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.note_edit)
        layout.addWidget(responses)
        layout.addWidget(self.problem)
        layout.addLayout(buttons)
        self.save_button.clicked.connect(self.save_requested)
        self.complete_button.clicked.connect(self.complete_requested)
        self.moderate_button.clicked.connect(self.moderate_requested)
        self.respond_button.clicked.connect(self.respond_requested)
        self.sign_button.clicked.connect(self.sign_requested)
        self.show_audit(None, None)

    def show_audit(self, view: AuditView | None, actor: Actor | None) -> None:
        self.view = view
        self.problem.hide()
        if view is None:
            self._set_rows([])
            self.heading.setText(self.tr("Choose an audit from the list."))
            for button in (self.save_button, self.complete_button, self.moderate_button,
                           self.respond_button, self.sign_button):
                button.setEnabled(False)
            self.responses.setText("")
            return
        moderator = arg(self.tr(", moderator %1"), view.moderator_name) if view.moderator_name else ""
        self.heading.setText(arg(self.tr("<b>%1</b> · %2, supervised by %3, %4 · %5 · auditor %6%7"),
                                 view.child_label, view.worker_name, view.manager_name,
                                 view.meeting_at.date().isoformat(), self.tr(view.status.value.capitalize()),
                                 view.auditor_name, moderator))
        self._set_rows([(g.item_key, g.title, g.guidance) for g in view.grades])
        for row, grade in zip(self.rows, view.grades, strict=True):
            row.show_grade(grade.grade, grade.evidence, grade.moderated_grade, grade.moderation_reason)
        me = actor.staff_id if actor is not None else None
        lead = actor is None or actor.role.value == "practice_lead"
        grading = lead and me in (None, view.auditor_id) and view.status is AuditStatus.SAMPLED
        moderating = lead and me != view.auditor_id and view.status is AuditStatus.COMPLETED
        responding = (not lead and view.status is AuditStatus.MODERATED
                      and me not in {r.author_id for r in view.responses})
        for row in self.rows:
            row.enable(grading=grading, moderating=moderating)
        self.note_edit.setText(view.moderation_note)
        self.note_edit.setReadOnly(not moderating)
        self.save_button.setEnabled(grading)
        self.complete_button.setEnabled(grading)
        self.moderate_button.setEnabled(moderating)
        self.respond_button.setEnabled(responding)
        self.response_edit.setReadOnly(not responding)
        self.sign_button.setEnabled(lead and me in (None, view.auditor_id)
                                    and view.status is AuditStatus.MODERATED)
        self.responses.setText("\n\n".join(
            f"{r.author_name} ({r.author_role.replace('_', ' ')}): {r.text}"
            for r in view.responses) or self.tr("No responses yet."))

    def _set_rows(self, items: list[tuple[str, str, str]]) -> None:
        if [r.key for r in self.rows] == [key for key, _t, _g in items]:
            return
        while self._grid.count():
            taken = self._grid.takeAt(0)
            widget = taken.widget() if taken is not None else None
            if widget is not None:
                widget.deleteLater()
        self.rows = [ItemRow(self, self._grid, index, key, title, guidance)
                     for index, (key, title, guidance) in enumerate(items)]

    def grades(self) -> dict[str, tuple[Grade, str]]:
        """The grades as typed (items not graded are left out)."""
        return {row.key: (row.grade.currentData(), row.evidence.toPlainText())
                for row in self.rows if row.grade.currentData() is not None}

    def changes(self) -> dict[str, tuple[Grade, str]]:
        """The moderator's changes, each with its reason."""
        return {row.key: (row.moderation.currentData(), row.reason.text())
                for row in self.rows if row.moderation.currentData() is not None}

    def show_problem(self, text: str) -> None:
        self.problem.setText(text)
        self.problem.show()
