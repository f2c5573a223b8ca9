"""Direct work with the child in the safety panel: what was done (newest first, with a thumbnail
of each drawing), a larger preview of the chosen entry's drawing, and a form to record a new
piece of work in the child's own words with scanned drawings (PNG, JPEG or PDF)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QModelIndex, QSize, Qt
from PySide6.QtGui import QPixmap, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from db.enums import DirectWorkTool, WordsAndPicturesStatus
from ui.i18n import arg, translate, translated
from ui.models.caseload_model import format_date
from ui.supervision.state import SessionState
from ui.supervision.widgets import Notice, line_box, shortcut_button, text_box, wrapped_label
from workbench.supervision.context import SupervisionContext
from workbench.supervision.direct_work import MAX_DRAWING_BYTES, TOOL_PARTS
from workbench.supervision.safety_view import CaseSafety

THUMBNAIL = 72
WORDS = 4  # the column of the child's words, which takes the room left
PREVIEW = 320
Runner = Callable[[Callable[[SupervisionContext], Any], Callable[[], None] | None], None]


def pixmap(png: bytes, size: int) -> QPixmap:
    image = QPixmap()
    image.loadFromData(png, "PNG")
    return image.scaled(size, size, Qt.AspectRatioMode.KeepAspectRatio,
                        Qt.TransformationMode.SmoothTransformation)


class DirectWorkSection(QGroupBox):
    def __init__(self, state: SessionState, run: Runner, today: dt.date,
                 parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Direct work and the child's voice"), parent)
        from ui.supervision.safety_panel import date_edit

        self.state = state
        self._run = run
        self.data: CaseSafety | None = None
        self.chosen: list[tuple[str, bytes]] = []
        self._dialog: QFileDialog | None = None

        self.warning = Notice()
        self.model = QStandardItemModel(0, 5, self)
        self.model.setHorizontalHeaderLabels([self.tr("Date"), self.tr("Tool"), self.tr("By"),
                                              self.tr("Drawings"), self.tr("The child's words")])
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName(self.tr("Direct work with the child"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(True)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        metrics = self.fontMetrics()
        for column, sample in enumerate(("28 Sept 2026", "Wizards and Fairies", "Alex Worker", "")):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(column, max(metrics.horizontalAdvance(sample) + 16, THUMBNAIL + 16))
        header.setSectionResizeMode(WORDS, QHeaderView.ResizeMode.Stretch)
        self.table.setIconSize(QSize(THUMBNAIL, THUMBNAIL))
        self.table.setMinimumHeight(PREVIEW * 3 // 4)
        self.preview = QLabel()
        self.preview.setAccessibleName(self.tr("The chosen drawing"))
        self.preview.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.preview.setMinimumSize(PREVIEW, PREVIEW * 3 // 4)
        self.preview.setMaximumWidth(PREVIEW)
        self.preview_caption = wrapped_label()

        self.tool = QComboBox()
        self.tool.setAccessibleName(self.tr("Direct work tool"))
        for tool in DirectWorkTool:
            self.tool.addItem(translate("DirectWorkTool", tool.label), tool)
        self.done_on = date_edit(self.tr("Date of the direct work"), today)
        self.done_by = line_box(self.tr("Who did the direct work"), text=state.view.supervisee_name)
        self.part_labels: list[QLabel] = []
        self.part_boxes: list[QPlainTextEdit] = []
        for _ in range(3):
            box = text_box(self.tr("The child's words"), lines=2,
                           placeholder=self.tr("The child's own words, as they said or wrote them"))
            box.setMaximumHeight(box.fontMetrics().lineSpacing() * 4 + 14)
            self.part_boxes.append(box)
            self.part_labels.append(wrapped_label(buddy=box))
        self.wp_status = QComboBox()
        self.wp_status.setAccessibleName(self.tr("Words and Pictures status"))
        for status in WordsAndPicturesStatus:
            self.wp_status.addItem(translate("WordsAndPicturesStatus", status.label), status)
        self.wp_label = wrapped_label(self.tr("Status"), buddy=self.wp_status)
        self.drawings_label = wrapped_label(self.tr("No drawing added."))
        self.add_drawing_button = shortcut_button(self.tr("Add a drawing…"),
                                                  tip=self.tr("A scan or photo: PNG, JPEG or PDF, "
                                                              "up to 10 MB"))
        self.clear_drawings_button = shortcut_button(self.tr("Clear drawings"))
        self.save_button = shortcut_button(self.tr("Save the direct work"))
        self._lay_out()
        self.tool.currentIndexChanged.connect(self._tool_changed)
        self.add_drawing_button.clicked.connect(self._choose_files)
        self.clear_drawings_button.clicked.connect(self._clear_drawings)
        self.save_button.clicked.connect(self._save)
        self.table.selectionModel().currentRowChanged.connect(self._row_chosen)
        self._tool_changed()

    def _lay_out(self) -> None:
        layout = QVBoxLayout(self)
        layout.addWidget(self.warning)
        listing = QHBoxLayout()
        listing.addWidget(self.table, 1)
        side = QVBoxLayout()
        side.addWidget(self.preview)
        side.addWidget(self.preview_caption)
        side.addStretch(1)
        listing.addLayout(side, 0)
        layout.addLayout(listing)
        form = QFormLayout()
        top = QHBoxLayout()
        top.addWidget(self.tool)
        top.addWidget(self.done_on)
        top.addWidget(self.done_by, 1)
        form.addRow(self.tr("New entry"), top)
        for label, box in zip(self.part_labels, self.part_boxes, strict=True):
            form.addRow(label, box)
        form.addRow(self.wp_label, self.wp_status)
        drawings = QHBoxLayout()
        drawings.addWidget(self.drawings_label, 1)
        drawings.addWidget(self.add_drawing_button)
        drawings.addWidget(self.clear_drawings_button)
        drawings.addWidget(self.save_button)
        form.addRow(drawings)
        layout.addLayout(form)
        self.form = form

    # -- showing ---------------------------------------------------------------------------
    def show_work(self, data: CaseSafety) -> None:
        self.data = data
        self.warning.set_text(None if data.warning is None else translated(data.warning))
        self.model.removeRows(0, self.model.rowCount())
        for work in data.direct_work:
            words = "\n".join(f"{label}: “{text}”" for label, text in work.parts())
            tool = translate("DirectWorkTool", work.tool.label)
            if work.words_and_pictures_status is not None:
                status = translate("WordsAndPicturesStatus", work.words_and_pictures_status.label)
                tool = arg(translate("DirectWorkSection", "%1 (%2)"), tool, status.lower())
            count = len(work.drawings)
            drawings = QStandardItem(translate("DirectWorkSection", "%n drawing(s)", None, count)
                                     if count else "")
            first = next((d for d in work.drawings if d.id in data.previews), None)
            if first is not None:
                drawings.setData(pixmap(data.previews[first.id], THUMBNAIL), Qt.ItemDataRole.DecorationRole)
            row = [QStandardItem(format_date(work.done_on)), QStandardItem(tool), QStandardItem(work.done_by),
                   drawings, QStandardItem(words)]
            row[0].setData(work.id, Qt.ItemDataRole.UserRole + 1)
            self.model.appendRow(row)
        self.table.resizeRowsToContents()
        self.preview.clear()
        self.preview_caption.setText(self.tr("Choose an entry to see its drawing.")
                                     if any(w.drawings for w in data.direct_work) else "")
        if self.model.rowCount():
            self.table.selectRow(0)

    def _row_chosen(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if self.data is None or not current.isValid() or current.row() >= len(self.data.direct_work):
            return
        work = self.data.direct_work[current.row()]
        first = next((d for d in work.drawings if d.id in self.data.previews), None)
        if first is None:
            self.preview.clear()
            self.preview_caption.setText(self.tr("No drawing with this entry.") if not work.drawings else "")
            return
        self.preview.setPixmap(pixmap(self.data.previews[first.id], PREVIEW))
        self.preview_caption.setText(arg(self.tr("%1 (%2 of %3)"), first.file_name, 1, len(work.drawings)))

    def set_editable(self, editable: bool) -> None:
        for widget in (self.tool, self.done_on, self.done_by, self.wp_status, self.add_drawing_button,
                       self.clear_drawings_button, self.save_button, *self.part_boxes):
            widget.setEnabled(editable)

    def _tool_changed(self) -> None:
        tool = DirectWorkTool(self.tool.currentData())
        parts = TOOL_PARTS[tool]
        for number, (label, box) in enumerate(zip(self.part_labels, self.part_boxes, strict=True)):
            shown = number < len(parts)
            self.form.setRowVisible(box, shown)
            if shown:
                label.setText(parts[number][1])
                box.setAccessibleName(parts[number][1])
        self.form.setRowVisible(self.wp_status, tool is DirectWorkTool.WORDS_AND_PICTURES)

    def clear_form(self) -> None:
        for box in self.part_boxes:
            box.clear()
        self._clear_drawings()

    # -- drawings --------------------------------------------------------------------------
    def _choose_files(self) -> None:
        dialog = QFileDialog(self, self.tr("Add the child's drawing"))
        dialog.setFileMode(QFileDialog.FileMode.ExistingFiles)
        dialog.setNameFilter(self.tr("Scans and photos (*.png *.jpg *.jpeg *.pdf)"))
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.filesSelected.connect(self.add_drawing_files)
        self._dialog = dialog
        dialog.open()

    def add_drawing_files(self, paths: list[str]) -> None:
        """Take the chosen files (checked properly when saved; an oversized one at once)."""
        for name in paths:
            path = Path(name)
            try:
                if path.stat().st_size > MAX_DRAWING_BYTES:
                    self.warning.set_text(arg(self.tr(
                        "%1 is bigger than 10 MB. Scan it at a lower resolution or save it as JPEG, "
                        "then add it again."), path.name))
                    continue
                self.chosen.append((path.name, path.read_bytes()))
            except OSError as error:
                self.warning.set_text(arg(self.tr("%1 could not be read (%2). Check the file and try again."),
                                          path.name, error.strerror or error))
        self._show_chosen()

    def _clear_drawings(self) -> None:
        self.chosen = []
        self._show_chosen()

    def _show_chosen(self) -> None:
        self.drawings_label.setText(", ".join(name for name, _ in self.chosen) if self.chosen
                                    else self.tr("No drawing added."))

    # -- saving ----------------------------------------------------------------------------
    def _save(self) -> None:
        from ui.supervision.safety_panel import to_date
        from workbench.supervision.direct_work import add_direct_work

        data = self.data
        if data is None:
            return
        case_id = data.picture.case_id
        tool = DirectWorkTool(self.tool.currentData())
        words = {key: box.toPlainText() for (key, _label), box in zip(TOOL_PARTS[tool], self.part_boxes,
                                                                       strict=False)}
        status = (WordsAndPicturesStatus(self.wp_status.currentData())
                  if tool is DirectWorkTool.WORDS_AND_PICTURES else None)
        done_on, done_by, drawings = to_date(self.done_on), self.done_by.text(), list(self.chosen)
        self._run(lambda ctx: add_direct_work(ctx, case_id, done_on=done_on, tool=tool, done_by=done_by,
                                              words=words, words_and_pictures_status=status,
                                              drawings=drawings), self.clear_form)
