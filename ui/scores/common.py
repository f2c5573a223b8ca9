"""What the score views share: how wide to build a chart for a view, and a chart's summary label."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QStyle, QWidget

#: The charts' layout resolution: a figure ``w`` inches wide fills ``w * 100`` logical pixels
#: (``workbench.charts.style.SCREEN_DPI``; the canvas multiplies it by the device pixel ratio).
CHART_DPI = 100


def chart_width_in(view: QWidget, *, least: float, most: float) -> float:
    """The width to lay a chart out for, so it fills ``view`` without a horizontal scroll bar
    (room is left for the vertical one a tall chart needs)."""
    scroll_bar = view.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent)
    return max(least, min(most, (view.width() - scroll_bar - 4) / CHART_DPI))


def summary_label(name: str) -> QLabel:
    """A chart's text summary under it: wraps, can be selected and read with the keyboard."""
    label = QLabel()
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)  # names with < or & stay text
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                  | Qt.TextInteractionFlag.TextSelectableByKeyboard)
    label.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
    label.setAccessibleName(name)
    return label
