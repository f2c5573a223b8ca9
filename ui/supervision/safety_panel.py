"""The child's safety planning and direct work beside their discussion: the safety network
(add a person, mark one as having left), network meetings, the safety plan (status, rules in
the family's own words, review date) and the direct work (ui/supervision/direct_work_panel.py).

They belong to the case, not to this session: what is saved here is saved at once, and the
record this session signs keeps them as they stand then. Reads and writes run off the UI thread
through the app's runner; a refusal (a practice lead, a bad drawing) shows in the panel's own
notice and nothing changes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QDate, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QScrollArea,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from db.enums import SafetyPlanStatus
from ui.i18n import arg, translate
from ui.models.caseload_model import format_date
from ui.models.roles import OBJECT_ROLE
from ui.problems import explain
from ui.supervision.direct_work_panel import DirectWorkSection
from ui.supervision.state import SessionState
from ui.supervision.widgets import Notice, help_label, line_box, shortcut_button, text_box, wrapped_label
from ui.tasks import CancelCheck, ProgressFn
from workbench.supervision.context import SupervisionContext
from workbench.supervision.errors import EditConflict
from workbench.supervision.safety_plan import SafetyPlanView
from workbench.supervision.safety_view import CaseSafety


def to_date(edit: QDateEdit) -> dt.date:
    d = edit.date()
    return dt.date(d.year(), d.month(), d.day())


def date_edit(name: str, day: dt.date) -> QDateEdit:
    edit = QDateEdit(QDate(day.year, day.month, day.day))
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("d MMM yyyy")
    edit.setAccessibleName(name)
    return edit


class CaseRecordPanel(QScrollArea):
    """``loaded(CaseSafety)`` follows each fresh read (the discussion page shows its warning)."""

    loaded = Signal(object)

    def __init__(self, state: SessionState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.case_id: int | None = None
        self.data: CaseSafety | None = None
        # The plan as the user last saw it stored: a save over someone else's change meanwhile
        # is refused (EditConflict) and the user's plan stays on screen.
        self.plan_seen: SafetyPlanView | None = None
        self._generation = 0
        self.setWidgetResizable(True)
        self.setFrameShape(QScrollArea.Shape.NoFrame)
        today = state.ctx.clock().date()

        self.notice = Notice()
        self.intro = help_label(self.tr(
            "These belong to the child's case, not to this session: each change is saved at once. "
            "The record this session signs keeps them as they stand when it is signed."))
        # -- the network
        self.network_model = QStandardItemModel(0, 4, self)
        self.network_model.setHorizontalHeaderLabels(
            [self.tr("Name"), self.tr("Relationship"), self.tr("Role in the plan"), self.tr("Since")])
        self.network_table = QTableView()
        self.network_table.setModel(self.network_model)
        self.network_table.setAccessibleName(self.tr("Safety network"))
        self.network_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.network_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.network_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.network_table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.network_table.verticalHeader().hide()
        self.network_table.setMaximumHeight(120)
        self.member_name = line_box(self.tr("Name of the person"), placeholder=self.tr("Name"))
        self.member_relationship = line_box(self.tr("Relationship to the child"),
                                            placeholder=self.tr("e.g. grandmother"))
        self.member_role = line_box(self.tr("Their role in the safety plan"),
                                    placeholder=self.tr("What they do to keep the child safe"))
        self.member_since = date_edit(self.tr("In the network since"), today)
        self.add_member_button = shortcut_button(self.tr("Add to the network"))
        self.leave_reason = line_box(self.tr("Why they left the network"),
                                     placeholder=self.tr("Why they left"))
        self.remove_member_button = shortcut_button(self.tr("Has left the network"),
                                                    tip=self.tr("Kept on record with the date they left"))
        # -- meetings
        self.last_meeting = wrapped_label()
        self.meeting_date = date_edit(self.tr("Network meeting date"), today)
        self.meeting_attendees = line_box(self.tr("Who came to the meeting"),
                                          placeholder=self.tr("Names, separated by commas"))
        self.add_meeting_button = shortcut_button(self.tr("Record the meeting"))
        # -- the plan
        self.plan_status = QComboBox()
        self.plan_status.setAccessibleName(self.tr("Safety plan status"))
        for status in SafetyPlanStatus:
            self.plan_status.addItem(translate("SafetyPlanStatus", status.label), status)
        self.plan_rules = text_box(self.tr("The plan's rules, one a line, in the family's own words"),
                                   lines=4, placeholder=self.tr("One rule a line, as the family wrote it"))
        self.plan_rules.setMaximumHeight(self.plan_rules.fontMetrics().lineSpacing() * 7 + 14)
        self.has_review = QCheckBox(self.tr("Review by"))
        self.review_date = date_edit(self.tr("Safety plan review date"), today + dt.timedelta(weeks=6))
        self.save_plan_button = shortcut_button(self.tr("Save the safety plan"))
        self.direct_work = DirectWorkSection(state, self._run, today)
        self._lay_out()
        self.add_member_button.clicked.connect(self._add_member)
        self.remove_member_button.clicked.connect(self._remove_member)
        self.add_meeting_button.clicked.connect(self._add_meeting)
        self.save_plan_button.clicked.connect(self._save_plan)
        self.has_review.toggled.connect(self.review_date.setEnabled)
        self.review_date.setEnabled(False)

    def _lay_out(self) -> None:
        holder = QWidget()
        layout = QVBoxLayout(holder)
        layout.addWidget(self.notice)
        layout.addWidget(self.intro)
        network = QGroupBox(self.tr("Safety network"))
        net = QVBoxLayout(network)
        net.addWidget(self.network_table)
        add_row = QHBoxLayout()
        for widget in (self.member_name, self.member_relationship, self.member_role):
            add_row.addWidget(widget, 2 if widget is self.member_role else 1)
        add_row.addWidget(wrapped_label(self.tr("since")))
        add_row.addWidget(self.member_since)
        add_row.addWidget(self.add_member_button)
        net.addLayout(add_row)
        leave_row = QHBoxLayout()
        leave_row.addWidget(self.leave_reason, 1)
        leave_row.addWidget(self.remove_member_button)
        net.addLayout(leave_row)
        net.addWidget(self.last_meeting)
        meeting_row = QHBoxLayout()
        meeting_row.addWidget(self.meeting_date)
        meeting_row.addWidget(self.meeting_attendees, 1)
        meeting_row.addWidget(self.add_meeting_button)
        net.addLayout(meeting_row)
        plan = QGroupBox(self.tr("Safety plan"))
        form = QFormLayout(plan)
        form.addRow(self.tr("Status"), self.plan_status)
        form.addRow(self.tr("Rules"), self.plan_rules)
        review = QHBoxLayout()
        review.addWidget(self.has_review)
        review.addWidget(self.review_date)
        review.addStretch(1)
        review.addWidget(self.save_plan_button)
        form.addRow(review)
        layout.addWidget(network)
        layout.addWidget(plan)
        layout.addWidget(self.direct_work)
        layout.addStretch(1)
        self.setWidget(holder)

    # -- reading ---------------------------------------------------------------------------
    def show_case(self, case_id: int) -> None:
        if case_id != self.case_id:
            self.case_id = case_id
            self.data = None
            self.network_model.removeRows(0, self.network_model.rowCount())
            self.direct_work.clear_form()
        self.reload()

    def reload(self) -> None:
        from workbench.supervision.safety_view import read_case_safety

        case_id = self.case_id
        if case_id is None:
            return
        self._generation += 1
        generation = self._generation
        ctx = self.state.ctx

        def work(progress: ProgressFn, is_cancelled: CancelCheck) -> CaseSafety:
            return read_case_safety(ctx, case_id)

        def arrived(data: CaseSafety) -> None:
            if generation == self._generation and case_id == self.case_id:
                self._show(data)

        def failed(error: Exception) -> None:
            if generation == self._generation:
                self.notice.set_text(explain(error).message)

        self.state.services.runner.run(work, on_success=arrived, on_failure=failed, name="safety panel")

    def _show(self, data: CaseSafety) -> None:
        self.data = data
        picture = data.picture
        self.network_model.removeRows(0, self.network_model.rowCount())
        for member in picture.current_members:
            since = format_date(member.since) if member.since else ""
            row = [QStandardItem(member.name), QStandardItem(member.relationship),
                   QStandardItem(member.role), QStandardItem(since)]
            row[0].setData(member.id, OBJECT_ROLE)
            self.network_model.appendRow(row)
        self.network_table.resizeColumnToContents(0)
        left = len(picture.members) - len(picture.current_members)
        meeting = picture.last_meeting
        text = (arg(self.tr("Last network meeting: %1, with %2"), format_date(meeting.held_on),
                    ", ".join(meeting.attendees)) if meeting
                else self.tr("No network meeting recorded yet."))
        if left:
            text += " " + translate("CaseRecordPanel", "(%n earlier member(s) kept on record.)", None, left)
        self.last_meeting.setText(text)
        plan = self.plan_seen = picture.plan
        self.plan_status.setCurrentIndex(self.plan_status.findData(plan.status))
        self.plan_rules.setPlainText("\n".join(plan.rules))
        self.has_review.setChecked(plan.review_date is not None)
        if plan.review_date is not None:
            review = plan.review_date
            self.review_date.setDate(QDate(review.year, review.month, review.day))
        self.direct_work.show_work(data)
        for widget in (self.add_member_button, self.remove_member_button, self.add_meeting_button,
                       self.save_plan_button, self.member_name, self.member_relationship, self.member_role,
                       self.member_since, self.leave_reason, self.meeting_date, self.meeting_attendees,
                       self.plan_status, self.plan_rules, self.has_review):
            widget.setEnabled(picture.can_edit)
        self.review_date.setEnabled(picture.can_edit and self.has_review.isChecked())
        self.direct_work.set_editable(picture.can_edit)
        if not picture.can_edit:
            self.notice.set_text(self.tr("You can read this child's safety planning and direct work; "
                                         "the allocated worker or their team manager changes it."))
        self.loaded.emit(data)

    # -- writing ---------------------------------------------------------------------------
    def _run(self, work: Callable[[SupervisionContext], Any], then: Callable[[], None] | None = None) -> None:
        """Run one write off the UI thread; on success read again, on refusal say why."""
        ctx = self.state.ctx
        self.notice.set_text(None)

        def task(progress: ProgressFn, is_cancelled: CancelCheck) -> object:
            return work(ctx)

        def done(_result: object) -> None:
            if then is not None:
                then()
            self.reload()

        def failed(error: Exception) -> None:
            self.notice.set_text(explain(error).message)
            if isinstance(error, EditConflict):
                self._changed_meanwhile(explain(error).message)

        self.state.services.runner.run(task, on_success=done, on_failure=failed, name="safety panel write")

    def _add_member(self) -> None:
        from workbench.supervision.safety_plan import add_network_member

        case_id = self.case_id
        name, relationship = self.member_name.text(), self.member_relationship.text()
        role, since = self.member_role.text(), to_date(self.member_since)

        def clear() -> None:
            for box in (self.member_name, self.member_relationship, self.member_role):
                box.clear()

        assert case_id is not None
        self._run(lambda ctx: add_network_member(ctx, case_id, name=name, relationship=relationship,
                                                 role=role, since=since), clear)

    def _remove_member(self) -> None:
        from workbench.supervision.safety_plan import remove_network_member

        rows = self.network_table.selectionModel().selectedRows()
        if not rows:
            self.notice.set_text(self.tr("Choose the person who has left the network in the list first."))
            return
        member_id = int(self.network_model.item(rows[0].row(), 0).data(OBJECT_ROLE))
        reason = self.leave_reason.text()
        self._run(lambda ctx: remove_network_member(ctx, member_id, reason), self.leave_reason.clear)

    def _add_meeting(self) -> None:
        from workbench.supervision.safety_plan import record_network_meeting

        case_id = self.case_id
        assert case_id is not None
        held_on = to_date(self.meeting_date)
        attendees = [a.strip() for a in self.meeting_attendees.text().split(",")]
        self._run(lambda ctx: record_network_meeting(ctx, case_id, held_on=held_on, attendees=attendees),
                  self.meeting_attendees.clear)

    def _save_plan(self) -> None:
        from workbench.supervision.safety_plan import save_safety_plan

        case_id = self.case_id
        assert case_id is not None
        status = SafetyPlanStatus(self.plan_status.currentData())
        rules = self.plan_rules.toPlainText().splitlines()
        review = to_date(self.review_date) if self.has_review.isChecked() else None
        seen = None if self.plan_seen is None else self.plan_seen.as_expected()
        self._run(lambda ctx: save_safety_plan(ctx, case_id, status=status, rules=rules, review_date=review,
                                               expected=seen))

    def _changed_meanwhile(self, message: str) -> None:
        """Someone else saved the plan since it was read: show theirs beside the refusal, keep
        the user's on screen; saving again keeps the user's, knowingly."""
        from workbench.supervision.safety_view import read_case_safety

        case_id, ctx = self.case_id, self.state.ctx
        if case_id is None:
            return

        def arrived(data: CaseSafety) -> None:
            if case_id != self.case_id:
                return
            theirs = self.plan_seen = data.picture.plan
            rules = "; ".join(theirs.rules) or self.tr("no rules")
            review = format_date(theirs.review_date) if theirs.review_date else self.tr("none")
            self.notice.set_text(message + " " + arg(self.tr(
                "The plan saved meanwhile: %1; rules: %2; review: %3. Your plan is still on the "
                "screen: Save the plan again to keep it."),
                translate("SafetyPlanStatus", theirs.status.label), rules, review))

        self.state.services.runner.run(lambda _p, _c: read_case_safety(ctx, case_id), on_success=arrived,
                                       # the refusal is on screen already
                                       on_failure=lambda _error: None, name="safety plan saved meanwhile")
