"""The records view's filter bar: team, worker, child and the period, and the record count."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, QStringListModel, Qt, Signal
from PySide6.QtWidgets import QComboBox, QCompleter, QDateEdit, QHBoxLayout, QLabel, QLineEdit, QWidget

if TYPE_CHECKING:
    from workbench.export.finding import RecordRow


def qdate(value: dt.date) -> QDate:
    return QDate(value.year, value.month, value.day)


def pydate(value: QDate) -> dt.date:
    return dt.date(value.year(), value.month(), value.day())


class FilterBar(QWidget):
    """``filters_changed`` follows a change of team, worker or child (the table narrows at once);
    ``dates_changed`` a change of the period (the records are read again)."""

    filters_changed = Signal()
    dates_changed = Signal()

    def __init__(self, date_from: dt.date, date_to: dt.date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.team_combo = QComboBox()
        self.worker_combo = QComboBox()
        self.child_edit = QLineEdit()
        self.from_edit = QDateEdit(qdate(date_from))
        self.to_edit = QDateEdit(qdate(date_to))
        self.count_label = QLabel()
        self._rows: Sequence[RecordRow] = ()
        self._children = QStringListModel(self)
        self._build()
        self.team_combo.currentIndexChanged.connect(self._fill_workers)
        self.worker_combo.currentIndexChanged.connect(self.filters_changed)
        self.child_edit.textChanged.connect(self.filters_changed)
        self.from_edit.dateChanged.connect(self.dates_changed)
        self.to_edit.dateChanged.connect(self.dates_changed)

    def _build(self) -> None:
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)

        def add(text: str, widget: QWidget, name: str, space: int = 8) -> None:
            label = QLabel(text)
            label.setBuddy(widget)
            widget.setAccessibleName(name)
            layout.addWidget(label)
            layout.addWidget(widget)
            layout.addSpacing(space)

        for edit in (self.from_edit, self.to_edit):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("dd MMM yyyy")
        for combo, chars in ((self.team_combo, 16), (self.worker_combo, 18)):
            combo.setMinimumContentsLength(chars)
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.child_edit.setPlaceholderText(self.tr("Child ID or name"))
        self.child_edit.setClearButtonEnabled(True)
        self.child_edit.setMaximumWidth(self.fontMetrics().horizontalAdvance("x" * 18))
        completer = QCompleter(self._children, self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.child_edit.setCompleter(completer)
        self.count_label.setAccessibleName(self.tr("Number of records"))
        add(self.tr("&Team:"), self.team_combo, self.tr("Team"))
        add(self.tr("&Worker:"), self.worker_combo, self.tr("Worker"))
        add(self.tr("C&hild:"), self.child_edit, self.tr("Child ID or name"))
        add(self.tr("&From:"), self.from_edit, self.tr("Meetings from"), 0)
        add(self.tr("T&o:"), self.to_edit, self.tr("Meetings up to"))
        layout.addStretch(1)
        layout.addWidget(self.count_label)
        QWidget.setTabOrder(self.team_combo, self.worker_combo)
        QWidget.setTabOrder(self.worker_combo, self.child_edit)
        QWidget.setTabOrder(self.child_edit, self.from_edit)
        QWidget.setTabOrder(self.from_edit, self.to_edit)

    # -- what the screen reads -------------------------------------------------------------
    @property
    def team(self) -> str:
        return str(self.team_combo.currentData() or "")

    @property
    def worker(self) -> str:
        return str(self.worker_combo.currentData() or "")

    @property
    def child(self) -> str:
        return self.child_edit.text()

    @property
    def period(self) -> tuple[dt.date, dt.date]:
        return pydate(self.from_edit.date()), pydate(self.to_edit.date())

    # -- filling from the loaded records ---------------------------------------------------
    def fill(self, rows: Sequence[RecordRow]) -> None:
        """Offer the teams, workers and children of ``rows``, keeping the current choices."""
        self._rows = rows
        previous = self.team
        self.team_combo.blockSignals(True)
        self.team_combo.clear()
        self.team_combo.addItem(self.tr("All teams"), "")
        for team in sorted({r.team for r in rows if r.team}):
            self.team_combo.addItem(team, team)
        self.team_combo.setCurrentIndex(max(0, self.team_combo.findData(previous)))
        self.team_combo.blockSignals(False)
        self._children.setStringList(sorted({c for r in rows for c in (*r.children, *r.child_names)
                                             if c}))
        self._fill_workers()

    def _fill_workers(self, *_args: object) -> None:
        team, previous = self.team, self.worker
        workers = sorted({r.worker for r in self._rows if not team or r.team == team})
        self.worker_combo.blockSignals(True)
        self.worker_combo.clear()
        self.worker_combo.addItem(self.tr("All workers"), "")
        for worker in workers:
            self.worker_combo.addItem(worker, worker)
        self.worker_combo.setCurrentIndex(max(0, self.worker_combo.findData(previous)))
        self.worker_combo.blockSignals(False)
        self.filters_changed.emit()
