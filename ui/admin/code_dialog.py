"""Shows a just-issued enrolment code once: who it is for, the code, when it expires."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QGuiApplication
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QPushButton, QVBoxLayout, QWidget

from ui.i18n import arg
from ui.models.caseload_model import format_date

if TYPE_CHECKING:
    from workbench.enrolment import IssuedCode


class CodeDialog(QDialog):
    """The code is shown here and nowhere else: closing the dialog forgets it."""

    def __init__(self, issued: IssuedCode, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setWindowTitle(arg(self.tr("Enrolment code for %1"), issued.name))
        expires = issued.expires_at.astimezone()
        when = f"{format_date(expires.date())} {expires:%H:%M}"
        what = (self.tr("%1's passphrase has been reset: the old one no longer works.")
                if issued.reset else self.tr("%1 can now enrol."))
        self.intro_label = QLabel(arg(what, issued.name) + " " + arg(self.tr(
            "Give them this code in person or by phone, not by email. At sign-in they choose "
            "their name, type the code and choose their passphrase. It works once, until %1; "
            "it will not be shown again."), when))
        self.intro_label.setWordWrap(True)
        self.code_label = QLabel(issued.code)
        font = QFont("monospace")
        font.setStyleHint(QFont.StyleHint.Monospace)
        font.setPointSize(font.pointSize() + 8)
        font.setBold(True)
        self.code_label.setFont(font)
        self.code_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.code_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.code_label.setAccessibleName(self.tr("Enrolment code"))
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.copy_button = QPushButton(self.tr("&Copy"))
        self.buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.copy_button.clicked.connect(lambda: QGuiApplication.clipboard().setText(issued.code))
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro_label)
        layout.addWidget(self.code_label)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("x" * 60))
