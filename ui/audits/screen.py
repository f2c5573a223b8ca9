"""The Audits screen. A practice lead draws a sample of signed records (a random number per
worker from a seed, or by criterion), opens an audit for each, grades the form beside the
record, and (another lead) moderates; the audited worker and their manager respond; the auditor
signs. The Themes tab charts which items fall below good most often, by team and by month, and
exports them to Excel.

The core (workbench.audits) checks every step and who may take it; this screen offers the step
that fits, runs it in the task runner and shows what the core said.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QDate, QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ui.audits.form_panel import AuditFormPanel
from ui.charts import ChartView
from ui.i18n import arg, translate, translated
from ui.models.roles import OBJECT_ROLE
from ui.oversight.model import Column, RowsModel
from ui.oversight.screen import read_teams
from ui.problems import explain
from ui.scores.common import chart_width_in
from ui.screens import ScreenBase

if TYPE_CHECKING:
    from ui.services import AppServices
    from workbench.audits import AuditView, Sample, ThemesReport
    from workbench.charts import BuiltChart

AUDIT_COLUMNS = (
    Column(str(QT_TRANSLATE_NOOP("Oversight", "Child")), lambda v: v.child_label),
    Column(str(QT_TRANSLATE_NOOP("Oversight", "Worker")), lambda v: v.worker_name),
    Column(str(QT_TRANSLATE_NOOP("Oversight", "Team")), lambda v: v.team_name),
    Column(str(QT_TRANSLATE_NOOP("Oversight", "Meeting")), lambda v: v.meeting_at.date()),
    Column(str(QT_TRANSLATE_NOOP("Oversight", "Status")), lambda v: v.status.value.capitalize()),
)
SAMPLE_COLUMNS = (
    Column(str(QT_TRANSLATE_NOOP("Oversight", "Child")), lambda r: r.child_label),
    Column(str(QT_TRANSLATE_NOOP("Oversight", "Worker")), lambda r: r.worker_name),
    Column(str(QT_TRANSLATE_NOOP("Oversight", "Meeting")), lambda r: r.meeting_at.date()),
    Column(str(QT_TRANSLATE_NOOP("Oversight", "Case")), lambda r: translate("CaseKind", r.case_kind.label)),
)
CRITERIA = (("", str(QT_TRANSLATE_NOOP("AuditsScreen", "Any record"))),
            ("child_protection", str(QT_TRANSLATE_NOOP("AuditsScreen", "Child protection"))),
            ("stuck", str(QT_TRANSLATE_NOOP("AuditsScreen", "Stuck cases"))),
            ("no_direct_work", str(QT_TRANSLATE_NOOP("AuditsScreen", "No direct work"))))


def _table(model: RowsModel, name: str) -> QTableView:
    proxy = QSortFilterProxyModel(model)
    proxy.setSourceModel(model)
    view = QTableView()
    view.setModel(proxy)
    view.setAccessibleName(name)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.verticalHeader().hide()
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    view.horizontalHeader().setStretchLastSection(True)
    return view


class AuditsScreen(ScreenBase):
    """``audits_shown(list)`` after each list is put on screen; ``audit_shown(view)`` after an
    audit is; ``themes_shown(report)`` after the themes are; ``sample_shown(sample)``."""

    audits_shown = Signal(object)
    audit_shown = Signal(object)
    themes_shown = Signal(object)
    sample_shown = Signal(object)

    def __init__(self, services: AppServices, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        actor = services.actor
        self.is_lead = actor is None or actor.role.value == "practice_lead"
        self.sees_themes = self.is_lead or (actor is not None and actor.role.value == "team_manager")
        self.sample: Sample | None = None
        self.themes: ThemesReport | None = None
        self._stale = True
        self._wanted: int | None = None
        today = services.clock().date()
        self.from_edit = self._date_edit(today.replace(month=1, day=1), self.tr("From"))
        self.to_edit = self._date_edit(today, self.tr("To"))
        self.team_combo = QComboBox()
        self.team_combo.setAccessibleName(self.tr("Team"))
        self.team_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.per_worker = QSpinBox()
        self.per_worker.setRange(0, 50)
        self.per_worker.setValue(2)
        self.per_worker.setSpecialValueText(self.tr("all"))
        self.per_worker.setAccessibleName(self.tr("Records per worker"))
        self.seed = QSpinBox()
        self.seed.setRange(0, 999_999)
        self.seed.setValue(1)
        self.seed.setAccessibleName(self.tr("Seed"))
        self.criterion = QComboBox()
        for key, label in CRITERIA:
            self.criterion.addItem(self.tr(label), key or None)
        self.criterion.setAccessibleName(self.tr("Criterion"))
        self.sample_button = QPushButton(self.tr("&Draw sample"))
        self.open_button = QPushButton(self.tr("Open a&udits"))
        self.open_button.setEnabled(False)
        self.sample_model = RowsModel(SAMPLE_COLUMNS, self)
        self.sample_table = _table(self.sample_model, self.tr("Sample"))
        self.audit_model = RowsModel(AUDIT_COLUMNS, self)
        self.audit_table = _table(self.audit_model, self.tr("Audits"))
        self.record_text = QPlainTextEdit()
        self.record_text.setReadOnly(True)
        self.record_text.setAccessibleName(self.tr("The audited record"))
        self.panel = AuditFormPanel()
        self.status_label = QLabel()
        self.status_label.setWordWrap(True)
        self.theme_chart = ChartView()
        self.theme_summary = QLabel()
        self.theme_summary.setWordWrap(True)
        self.export_button = QPushButton(self.tr("E&xport themes to Excel…"))
        self.export_button.setEnabled(False)
        self.tabs = QTabWidget()
        self._build_layout()
        self._connect_signals()

    def _date_edit(self, day: dt.date, name: str) -> QDateEdit:
        edit = QDateEdit(QDate(day.year, day.month, day.day))
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("dd MMM yyyy")
        edit.setAccessibleName(name)
        return edit

    def _build_layout(self) -> None:
        top = QHBoxLayout()
        widget: QWidget
        for label, widget in ((self.tr("&From:"), self.from_edit), (self.tr("&To:"), self.to_edit),
                              (self.tr("T&eam:"), self.team_combo)):
            caption = QLabel(label)
            caption.setBuddy(widget)
            top.addWidget(caption)
            top.addWidget(widget)
        top.addStretch(1)
        sampling = QHBoxLayout()
        for label, widget in ((self.tr("Records &per worker:"), self.per_worker),
                              (self.tr("S&eed:"), self.seed), (self.tr("C&riterion:"), self.criterion)):
            caption = QLabel(label)
            caption.setBuddy(widget)
            sampling.addWidget(caption)
            sampling.addWidget(widget)
        sampling.addWidget(self.sample_button)
        sampling.addWidget(self.open_button)
        sampling.addStretch(1)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        if self.is_lead:
            left_layout.addLayout(sampling)
            left_layout.addWidget(self.sample_table, 1)
        left_layout.addWidget(QLabel(self.tr("Audits")))
        left_layout.addWidget(self.audit_table, 2)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(left)
        if self.is_lead:
            split.addWidget(self.record_text)
        split.addWidget(self.panel)
        split.setSizes([3000, 2500, 6000] if self.is_lead else [4000, 7000])
        self.tabs.addTab(split, self.tr("Audits"))
        themes = QWidget(self)  # made even when a worker has no Themes tab
        themes_layout = QVBoxLayout(themes)
        themes_layout.addWidget(self.theme_summary)
        themes_layout.addWidget(self.theme_chart, 1)
        export_row = QHBoxLayout()
        export_row.addStretch(1)
        export_row.addWidget(self.export_button)
        themes_layout.addLayout(export_row)
        if self.sees_themes:
            self.tabs.addTab(themes, self.tr("Themes"))
        else:
            themes.hide()
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.status_label)

    def _connect_signals(self) -> None:
        self.sample_button.clicked.connect(self.draw_sample)
        self.open_button.clicked.connect(self.open_audits)
        self.audit_table.selectionModel().selectionChanged.connect(self._audit_chosen)
        self.team_combo.activated.connect(lambda _i: self.reload())
        self.from_edit.editingFinished.connect(self.reload)
        self.to_edit.editingFinished.connect(self.reload)
        self.export_button.clicked.connect(self._choose_export)
        self.panel.save_requested.connect(lambda: self._step("save"))
        self.panel.complete_requested.connect(lambda: self._step("complete"))
        self.panel.moderate_requested.connect(lambda: self._step("moderate"))
        self.panel.respond_requested.connect(lambda: self._step("respond"))
        self.panel.sign_requested.connect(lambda: self._step("sign"))

    # -- what the window calls -------------------------------------------------------------
    def refresh(self) -> None:
        self._stale = True
        if self.isVisible():
            self._read_teams()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self._read_teams()

    @property
    def period(self) -> tuple[dt.date, dt.date]:
        return self.from_edit.date().toPython(), self.to_edit.date().toPython()  # type: ignore[return-value]

    def chosen_audit(self) -> AuditView | None:
        rows = self.audit_table.selectionModel().selectedRows()
        return rows[0].data(OBJECT_ROLE) if rows else None

    # -- reading ---------------------------------------------------------------------------
    def _read_teams(self) -> None:
        self._stale = False
        services = self.services
        if not self.sees_themes:  # a worker: their own audits only
            self.reload()
            return
        services.runner.run(lambda progress, is_cancelled: read_teams(services),
                            on_success=self._show_teams, on_failure=self._failed, owner=self,
                            name="audit teams")

    def _show_teams(self, teams: list[tuple[int | None, str]]) -> None:
        self.team_combo.clear()
        for team_id, name in teams:
            self.team_combo.addItem(translated(name), team_id)
        self.reload()

    def reload(self) -> None:
        """Read the audits (and the themes) for the chosen team and period."""
        services, team_id = self.services, self.team_combo.currentData()
        start, end = self.period
        width_in = chart_width_in(self.tabs, least=6.0, most=10.0)
        themes = self.sees_themes

        def work(progress: object, is_cancelled: object) -> tuple[Any, Any, Any]:
            from workbench.audits import audit_themes, list_audits
            from workbench.charts import build_themes_chart

            listed = list_audits(services.db, actor=services.actor, team_id=team_id)
            if not themes or end < start:
                return listed, None, None
            report = audit_themes(services.db, actor=services.actor, team_id=team_id,
                                  start=start, end=end)
            return listed, report, build_themes_chart(report, width_in=width_in, tr=translated)

        services.runner.run(work, on_success=self._show, on_failure=self._failed, owner=self,
                            name="audits")

    def _show(self, loaded: tuple[list[AuditView], ThemesReport | None, BuiltChart | None]) -> None:
        listed, report, chart = loaded
        current = self.chosen_audit()
        wanted = self._wanted or (current.audit_id if current is not None else None)
        self.audit_model.set_rows(listed)
        self.tabs.setTabText(0, arg(self.tr("Audits (%1)"), str(len(listed))))
        if report is not None and chart is not None:
            self.themes = report
            self.theme_chart.set_chart(chart)
            self.theme_summary.setText(translated(chart.summary))
            self.export_button.setEnabled(True)
            self.themes_shown.emit(report)
        self.audits_shown.emit(listed)
        if wanted is not None:
            self.select_audit(wanted)

    def select_audit(self, audit_id: int) -> None:
        proxy = self.audit_table.model()
        for row in range(proxy.rowCount()):
            if proxy.index(row, 0).data(OBJECT_ROLE).audit_id == audit_id:
                self.audit_table.clearSelection()  # so choosing it again reads it again
                self.audit_table.selectRow(row)
                return

    def _audit_chosen(self, *_args: object) -> None:
        view = self.chosen_audit()
        self._wanted = None
        if view is None:
            self.panel.show_audit(None, self.services.actor)
            return
        services, audit_id = self.services, view.audit_id
        lead = self.is_lead

        def work(progress: object, is_cancelled: object) -> tuple[Any, str]:
            from workbench.audits import audit_record_text, audit_view

            fresh = audit_view(services.db, actor=services.actor, audit_id=audit_id)
            text = (audit_record_text(services.db, actor=services.actor, audit_id=audit_id)
                    if lead else "")
            return fresh, text

        services.runner.run(work, on_success=self._show_audit, on_failure=self._failed,
                            owner=self, name="audit")

    def _show_audit(self, loaded: tuple[AuditView, str]) -> None:
        view, text = loaded
        self.record_text.setPlainText(text)
        self.panel.show_audit(view, self.services.actor)
        self.audit_shown.emit(view)

    def _failed(self, error: Exception) -> None:
        self.status_label.setText(explain(error, self.tr("The audits could not be read")).message)

    # -- sampling ----------------------------------------------------------------------------
    def draw_sample(self) -> None:
        services, team_id = self.services, self.team_combo.currentData()
        start, end = self.period
        per_worker = self.per_worker.value() or None
        seed, criterion = self.seed.value(), self.criterion.currentData()

        def work(progress: object, is_cancelled: object) -> Sample:
            from workbench.audits import draw_sample

            return draw_sample(services.db, services.clock, actor=services.actor,
                               team_id=team_id, start=start, end=end, per_worker=per_worker,
                               seed=seed, criterion=criterion)

        services.runner.run(work, on_success=self._show_sample, on_failure=self._refused,
                            owner=self, name="audit sample")

    def _show_sample(self, sample: Sample) -> None:
        self.sample = sample
        self.sample_model.set_rows(sample.records)
        self.open_button.setEnabled(bool(sample.records))
        self.status_label.setText(arg(translate("AuditsScreen", "%n record(s) sampled (%1).", None,
                                                len(sample.records)), sample.how))
        self.sample_shown.emit(sample)

    def open_audits(self) -> None:
        if self.sample is None:
            return
        services, sample = self.services, self.sample
        actor = services.actor

        def work(progress: object, is_cancelled: object) -> list[int]:
            from workbench.audits import open_audits

            return open_audits(services.db, services.clock, services.audit, actor=actor,
                               auditor_id=actor.staff_id if actor else 0, records=sample.records,
                               sampled_how=sample.how)

        def opened(ids: list[int]) -> None:
            self.sample = None
            self.sample_model.set_rows([])
            self.open_button.setEnabled(False)
            self.status_label.setText(translate("AuditsScreen", "%n audit(s) opened.", None, len(ids)))
            self._wanted = ids[0] if ids else None
            self.reload()

        services.runner.run(work, on_success=opened, on_failure=self._refused, owner=self,
                            name="open audits")

    # -- the steps ----------------------------------------------------------------------------
    def _step(self, step: str) -> None:
        view = self.panel.view
        if view is None:
            return
        services, actor, audit_id = self.services, self.services.actor, view.audit_id
        me = actor.staff_id if actor else view.auditor_id
        grades, changes = self.panel.grades(), self.panel.changes()
        note = self.panel.note_edit.text()
        response = self.panel.response_edit.toPlainText()
        passphrase = self.panel.passphrase_edit.text() or None

        def work(progress: object, is_cancelled: object) -> None:
            from workbench import audits

            args: dict[str, Any] = {"actor": actor, "audit_id": audit_id}
            if step in ("save", "complete"):
                audits.save_grades(services.db, services.clock, services.audit,
                                   grades=grades, **args)
            if step == "complete":
                audits.complete_audit(services.db, services.clock, services.audit, **args)
            elif step == "moderate":
                audits.moderate_audit(services.db, services.clock, services.audit,
                                      moderator_id=me, changes=changes, note=note, **args)
            elif step == "respond":
                audits.respond_to_audit(services.db, services.clock, services.audit,
                                        author_id=me, text=response, **args)
            elif step == "sign":
                audits.sign_audit(services.db, services.identities, services.audit,
                                  services.clock, signer_id=me, passphrase=passphrase, **args)

        def done(_result: object) -> None:
            self.panel.passphrase_edit.clear()
            self.panel.response_edit.clear()
            self._wanted = audit_id
            self.status_label.setText({
                "save": self.tr("Grades saved."), "complete": self.tr("Audit completed: a second "
                                                                       "practice lead moderates it."),
                "moderate": self.tr("Audit moderated: the worker and their manager can respond."),
                "respond": self.tr("Your response is on the audit."),
                "sign": self.tr("Audit signed; it can no longer change.")}[step])
            self.reload()

        services.runner.run(work, on_success=done, on_failure=self._refused, owner=self,
                            name=f"audit {step}")

    def _refused(self, error: Exception) -> None:
        message = explain(error, self.tr("Nothing was changed")).message
        self.status_label.setText(message)
        self.panel.show_problem(message)

    # -- export ------------------------------------------------------------------------------
    def _choose_export(self) -> None:
        chooser = QFileDialog(self, self.tr("Export the audit themes"),
                              str(Path.home() / "audit-themes.xlsx"), self.tr("Excel (*.xlsx)"))
        chooser.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        chooser.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        chooser.fileSelected.connect(lambda path: self.export_themes(Path(path)))
        chooser.open()

    def export_themes(self, path: Path) -> None:
        report = self.themes
        if report is None:
            return

        def work(progress: object, is_cancelled: object) -> Path:
            from workbench.audits import write_themes_workbook

            return write_themes_workbook(report, path)

        self.services.runner.run(
            work, on_success=lambda written: self.status_label.setText(
                arg(self.tr("Themes written to %1."), str(written))),
            on_failure=self._refused, owner=self, name="export themes")
