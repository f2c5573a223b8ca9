"""What the score views share: how wide to build a chart for a view, and what to say when
reading the scores failed."""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QLabel, QStyle, QWidget

log = logging.getLogger(__name__)

#: The charts' layout resolution: a figure ``w`` inches wide fills ``w * 100`` logical pixels
#: (``workbench.charts.style.SCREEN_DPI``; the canvas multiplies it by the device pixel ratio).
CHART_DPI = 100


def chart_width_in(view: QWidget, *, least: float, most: float) -> float:
    """The width to lay a chart out for, so it fills ``view`` without a horizontal scroll bar
    (room is left for the vertical one a tall chart needs)."""
    scroll_bar = view.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent)
    return max(least, min(most, (view.width() - scroll_bar - 4) / CHART_DPI))


def failure_text(error: Exception, what: str) -> str:
    """The message for a failed read: the service's own words (access refused, database locked
    or gone), or what failed and what to do next."""
    from workbench.access import AccessDenied
    from workbench.errors import classify

    if isinstance(error, AccessDenied):
        return str(error)
    problem = classify(error)
    if problem is not None:
        return problem.user_message
    log.error("reading %s failed", what, exc_info=error)
    return QCoreApplication.translate(
        "Scores", "%1 could not be shown: %2. Check the database connection and try again; if it "
        "keeps happening, report it to your administrator."
    ).replace("%1", what).replace("%2", f"{type(error).__name__}: {error}")


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
