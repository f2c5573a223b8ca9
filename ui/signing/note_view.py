"""A signed note, read-only: the kept signed PDF's pages rendered with pypdfium2 (as printing
does), so the worker reads exactly what they countersign. Opens with ``open()``, deletes itself
on close."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from ui.dialogs.key_passphrase_dialog import PassphrasePrompt
from ui.i18n import arg, message_of, translate
from ui.tasks import CancelCheck, ProgressFn
from workbench.export.kept import PassphraseNeeded

if TYPE_CHECKING:
    from ui.services import AppServices

#: Screen resolution for the pages: readable at 100 % zoom on an ordinary monitor.
VIEW_DPI = 96


def note_pages(services: AppServices, session_id: int, passphrase: str | None = None) -> list[QImage]:
    from ui.records.printing import page_images
    from workbench.export.kept import signed_note

    pdf = signed_note(services.db, services.identities, services.audit, services.clock,
                      session_id, actor=services.actor, passphrase=passphrase)
    return list(page_images(pdf, VIEW_DPI))


class NoteDialog(QDialog):
    def __init__(self, services: AppServices, session_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setWindowTitle(self.tr("Signed supervision note"))
        self.pages: list[QLabel] = []
        self.status_label = QLabel(self.tr("Opening the signed note…"))
        self.status_label.setWordWrap(True)
        self.status_label.setTextFormat(Qt.TextFormat.PlainText)
        self.page_holder = QWidget()
        self.page_layout = QVBoxLayout(self.page_holder)
        self.page_layout.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.scroll_area = QScrollArea()
        self.scroll_area.setWidget(self.page_holder)
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setAccessibleName(self.tr("Pages of the signed note"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.status_label)
        layout.addWidget(self.scroll_area, 1)
        layout.addWidget(buttons)
        self.resize(900, 900)
        self.services, self.session_id = services, session_id
        self.passphrase_prompt = PassphrasePrompt(
            self, title=self.tr("Read the signed note"), action=self.tr("&Open"),
            what=self.tr("Then the note opens."))
        self.passphrase_prompt.cancelled.connect(lambda: self.status_label.setText(self.tr(
            "The signed note was not opened: its signed PDF is made with the signing key "
            "passphrase. Close this and open it again to type it.")))
        self._open()

    def _open(self, passphrase: str | None = None) -> None:
        services, session_id = self.services, self.session_id

        def work(progress: ProgressFn, is_cancelled: CancelCheck) -> list[QImage]:
            return note_pages(services, session_id, passphrase)

        services.runner.run(work, on_success=self._show_pages, on_failure=self._failed, owner=self,
                            name="open signed note")

    def _show_pages(self, images: list[QImage]) -> None:
        self.passphrase_prompt.done()
        self.status_label.setText(translate("NoteDialog", "%n page(s). This is the signed PDF as it is kept.",
                                            None, len(images)))
        for number, image in enumerate(images, start=1):
            label = QLabel()
            label.setPixmap(QPixmap.fromImage(image))
            label.setAccessibleName(arg(self.tr("Page %1"), str(number)))
            self.page_layout.addWidget(label)
            self.pages.append(label)
        self.scroll_area.setFocus()

    def _failed(self, error: Exception) -> None:
        if isinstance(error, PassphraseNeeded):  # ask, then open it with the passphrase
            self.status_label.setText(self.tr("This note's signed PDF is made now, once: it needs the "
                                              "signing key passphrase."))
            self.passphrase_prompt.ask(message_of(error), self._open)
            return
        self.passphrase_prompt.done()
        from ui.problems import explain

        self.status_label.setText(explain(error, self.tr("The signed note could not be opened")).message)
