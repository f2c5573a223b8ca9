"""The start-up floor: a bare PySide6 window, started the same way as the app.

Prints "painted" once the window's first paint has happened, then quits.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow


class _FirstPaint(QObject):
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            print("painted", flush=True)
            QTimer.singleShot(0, QApplication.quit)
            watched.removeEventFilter(self)
        return False


def main() -> int:
    app = QApplication(sys.argv)
    window = QMainWindow()
    window.setWindowTitle("bare")
    window.resize(1000, 700)
    spy = _FirstPaint()
    window.installEventFilter(spy)
    window.show()
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
