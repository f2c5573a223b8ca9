"""Small inputs the supervision screens share: text boxes, the 0-10 score box, optional dates,
yes/no, and notices. Every input gets an accessible name; text boxes move focus on Tab."""

from __future__ import annotations

import datetime as dt
import itertools

from PySide6.QtCore import QDate, QEvent, QObject, QRect, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QComboBox,
    QDateEdit,
    QFrame,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

NOT_SET_DATE = QDate(1900, 1, 1)


def text_box(name: str, *, lines: int = 3, placeholder: str = "", text: str = "") -> QPlainTextEdit:
    """A plain multi-line box; Tab moves on (Ctrl+Tab would insert one), undo/redo built in."""
    box = QPlainTextEdit()
    box.setAccessibleName(name)
    box.setTabChangesFocus(True)
    box.setPlaceholderText(placeholder)
    box.setPlainText(text)
    box.setMinimumHeight(box.fontMetrics().lineSpacing() * lines + 14)
    box.setMaximumHeight(box.fontMetrics().lineSpacing() * max(lines * 3, 8) + 14)
    return box


def line_box(name: str, *, placeholder: str = "", text: str = "") -> QLineEdit:
    box = QLineEdit(text)
    box.setCursorPosition(0)  # show the start of a long text, not its end
    box.setAccessibleName(name)
    box.setPlaceholderText(placeholder)
    return box


class ReasonBox(QWidget):
    """"What makes it that number": one line that wraps and grows with its text (to six lines,
    then scrolls). Blind scaling masks it (``setEchoMode(Password)``): the text is then typed into
    a masked line, since a multi-line box cannot hide what it shows. Tab moves on."""

    textChanged = Signal(str)
    MAX_LINES = 6

    def __init__(self, name: str, *, placeholder: str = "", text: str = "",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(name)
        self._masked = QLineEdit(text)
        self._masked.setEchoMode(QLineEdit.EchoMode.Password)
        self._masked.setAccessibleName(name)
        self._masked.setPlaceholderText(placeholder)
        self._masked.hide()
        self._box = QPlainTextEdit()
        self._box.setAccessibleName(name)
        self._box.setTabChangesFocus(True)
        self._box.setPlaceholderText(placeholder)
        self._box.setPlainText(text)
        self._box.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self._box.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self._box)
        layout.addWidget(self._masked)
        self.setFocusProxy(self._box)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self._box.textChanged.connect(self._typed_in_box)
        self._masked.textChanged.connect(self._typed_masked)
        self._box.installEventFilter(self)  # a new width re-wraps the text
        self._fit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._box and event.type() == QEvent.Type.Resize:
            self._fit()
        return False

    def _fit(self) -> None:
        """As tall as the text wrapped at the box's width (measured, not read from the box's
        lazily laid-out document), between one line and :attr:`MAX_LINES`."""
        margin = int(self._box.document().documentMargin())
        width = max(self._box.width() - 2 * (self._box.frameWidth() + margin) - 4, 20)
        metrics = self._box.fontMetrics()
        text = self._box.toPlainText() or " "
        wrapped = metrics.boundingRect(QRect(0, 0, width, 1 << 20),
                                       int(Qt.TextFlag.TextWordWrap), text).height()
        lines = min(max(round(wrapped / metrics.lineSpacing()), 1), self.MAX_LINES)
        self._box.setFixedHeight(metrics.lineSpacing() * lines + 2 * (self._box.frameWidth() + margin) + 2)

    def _typed_in_box(self) -> None:
        text = self._box.toPlainText()
        self._fit()
        if self._masked.text() != text:
            self._masked.blockSignals(True)
            self._masked.setText(text)
            self._masked.blockSignals(False)
        self.textChanged.emit(text)

    def _typed_masked(self, text: str) -> None:
        if self._box.toPlainText() != text:
            self._box.blockSignals(True)
            self._box.setPlainText(text)
            self._box.blockSignals(False)
            self._fit()
        self.textChanged.emit(text)

    def text(self) -> str:
        return self._box.toPlainText()

    def setText(self, text: str) -> None:
        if self._masked.isVisibleTo(self):
            self._masked.setText(text)
        else:
            self._box.setPlainText(text)

    def clear(self) -> None:
        self.setText("")

    def echoMode(self) -> QLineEdit.EchoMode:
        return QLineEdit.EchoMode.Password if self._masked.isVisibleTo(self) else QLineEdit.EchoMode.Normal

    def setEchoMode(self, mode: QLineEdit.EchoMode) -> None:
        masked = mode is QLineEdit.EchoMode.Password
        if masked == self._masked.isVisibleTo(self):
            return
        shown, hidden = (self._masked, self._box) if masked else (self._box, self._masked)
        had_focus = hidden.hasFocus()
        hidden.hide()
        shown.show()
        self.setFocusProxy(shown)
        if had_focus:
            shown.setFocus()


class ScoreBox(QSpinBox):
    """A 0-10 score, or "Not scored" (shown below 0). Arrow keys and typing both work."""

    def __init__(self, name: str, score: int | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setRange(-1, 10)
        self.setSpecialValueText(self.tr("Not scored"))
        self.setAccessibleName(name)
        self.setValue(-1 if score is None else score)
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("Not scored") + 40)
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)  # the reason gets the room

    def score(self) -> int | None:
        return None if self.value() < 0 else self.value()

    def set_hidden_value(self, hidden: bool) -> None:
        """Blind scaling: show dots instead of the number (the value is still there)."""
        from PySide6.QtWidgets import QLineEdit as _LineEdit

        edit = self.findChild(_LineEdit)
        if edit is not None:
            edit.setEchoMode(_LineEdit.EchoMode.Password if hidden else _LineEdit.EchoMode.Normal)


class OptionalDateEdit(QDateEdit):
    """A date that may be left unset ("Not set", the lowest date). The first arrow key on an
    unset date goes to ``today`` rather than to 2 January 1900."""

    def __init__(self, name: str, value: dt.date | None = None, parent: QWidget | None = None, *,
                 today: dt.date | None = None) -> None:
        super().__init__(parent)
        self.today = today or dt.date.today()
        self.setAccessibleName(name)
        self.setCalendarPopup(True)
        self.setDisplayFormat("dd MMM yyyy")
        self.setMinimumDate(NOT_SET_DATE)
        self.setSpecialValueText(self.tr("Not set"))
        self.set_date_value(value)

    def stepBy(self, steps: int) -> None:
        if self.date() == NOT_SET_DATE:
            self.set_date_value(self.today)
            return
        super().stepBy(steps)

    def stepEnabled(self) -> QAbstractSpinBox.StepEnabledFlag:
        if self.date() == NOT_SET_DATE:
            flags = QAbstractSpinBox.StepEnabledFlag
            return flags.StepUpEnabled | flags.StepDownEnabled
        return super().stepEnabled()

    def date_value(self) -> dt.date | None:
        value = self.date()
        if value == NOT_SET_DATE:
            return None
        return dt.date(value.year(), value.month(), value.day())

    def set_date_value(self, value: dt.date | None) -> None:
        self.setDate(NOT_SET_DATE if value is None else QDate(value.year, value.month, value.day))


class YesNoBox(QComboBox):
    def __init__(self, name: str, value: bool | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(name)
        self.addItem(self.tr("Not answered"), None)
        self.addItem(self.tr("Yes"), True)
        self.addItem(self.tr("No"), False)
        self.setCurrentIndex({None: 0, True: 1, False: 2}[value])

    def answer(self) -> bool | None:
        value = self.currentData()
        return value if isinstance(value, bool) else None


def wrapped_label(text: str = "", *, buddy: QWidget | None = None, bold: bool = False,
                  wrap: bool = True) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(wrap)
    label.setTextFormat(Qt.TextFormat.PlainText)
    if buddy is not None:
        label.setBuddy(buddy)
    if bold:
        font = label.font()
        font.setBold(True)
        label.setFont(font)
    return label


def help_label(text: str) -> QLabel:
    label = wrapped_label(text)
    label.setStyleSheet("color: #4a4a4a;")
    return label


class Notice(QFrame):
    """A short message that needs attention (late entry, a scale prompt, the worry nudge)."""

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setObjectName("notice")
        self.setStyleSheet("#notice { background: #fff4ce; border: 1px solid #c8a600; border-radius: 3px; }")
        self.label = wrapped_label(text)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByKeyboard
                                           | Qt.TextInteractionFlag.TextSelectableByMouse)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.addWidget(self.label)
        self.set_text(text)

    def set_text(self, text: str | None) -> None:
        self.label.setText(text or "")
        self.label.setAccessibleName(text or "")
        self.setAccessibleName(text or "")
        if not text:
            self.hide()
        elif self.parentWidget() is not None:
            self.show()
        # else: shown with the layout it is put in (showing it now would open a window of its own)

    def text(self) -> str:
        return self.label.text()


def shortcut_button(text: str, shortcut: str | QKeySequence.StandardKey | None = None,
                    tip: str = "") -> QPushButton:
    """A button whose keyboard shortcut is shown in its text and tooltip, beside its mnemonic.

    The shortcut works while the button is visible and enabled (a hidden page's buttons do not
    take keys away from the page that is shown)."""
    button = QPushButton(text)
    if shortcut is not None:
        sequence = QKeySequence(shortcut)
        shown = sequence.toString(QKeySequence.SequenceFormat.NativeText)
        button.setText(f"{text}  ({shown})")
        key = QShortcut(sequence, button)
        key.activated.connect(button.click)
        tip = f"{tip} ({shown})" if tip else shown
    if tip:
        button.setToolTip(tip)
    button.setAccessibleName(text.replace("&", ""))
    return button


def statements_text(value: object) -> str:
    """A stored list of statements as the box shows it: one per line."""
    if isinstance(value, list):
        return "\n".join(str(item) for item in value)
    return ""


def statements_value(text: str) -> list[str]:
    """The box's text as statements: one per non-empty line, trimmed."""
    return [line.strip() for line in text.splitlines() if line.strip()]


def _leaf(widget: QWidget) -> bool:
    """An input whose inner children (a spin box's line edit) are its own business."""
    from PySide6.QtWidgets import QAbstractButton, QAbstractItemView

    return isinstance(widget, QAbstractSpinBox | QComboBox | QLineEdit | QPlainTextEdit | QAbstractButton
                      | QAbstractItemView | QLabel)


def focus_order(root: QWidget) -> list[QWidget]:
    """The inputs under ``root`` in the order its layouts show them (top to bottom, left to right)."""
    from PySide6.QtWidgets import QLayout

    found: list[QWidget] = []

    def walk(layout: QLayout) -> None:
        for index in range(layout.count()):
            item = layout.itemAt(index)
            if item is None:
                continue
            widget, inner = item.widget(), item.layout()
            if widget is not None:
                own = widget.layout()
                if not _leaf(widget) and own is not None:
                    walk(own)
                elif widget.focusPolicy() & Qt.FocusPolicy.TabFocus:
                    found.append(widget)
            elif inner is not None:
                walk(inner)

    top = root.layout()
    if top is not None:
        walk(top)
    return found


def chain_tab_order(root: QWidget) -> None:
    """Make Tab follow the layout's reading order, whatever order the inputs were made in."""
    widgets = focus_order(root)
    for first, second in itertools.pairwise(widgets):
        QWidget.setTabOrder(first, second)
