"""Runs the real app (``python -m workbench --database URL``) with a hand on the keyboard, for
the kill test: ``python -m tests.ui.supervision.app_driver type|read URL [APP ARGS…]`` (the
test signs in with ``--sign-in NAME`` and WORKBENCH_SIGN_IN_PASSPHRASE, as automation does).

``type``: once the reopened draft is on screen, goes to the first child's "harm" question and
types ``TEXT`` into it with QTest, one key every 40 ms, printing ``typed N T`` (N keys typed
by monotonic time T) after each, until it is killed.

``read``: once the draft has reopened, prints one JSON line with where it opened and what the
harm box holds, then quits.
"""

from __future__ import annotations

import json
import runpy
import sys
import time

from PySide6.QtCore import QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

TEXT = ("Harm: the children were found alone at home late in the evening, twice in one week; "
        "the younger one had a burn on her hand that nobody could explain to the school nurse. ") * 4
KEY_INTERVAL_MS = 40
HARM = "Harm: what has happened to the child that worries us?"


def main(mode: str, url: str, *app_args: str) -> None:
    app = QApplication([sys.argv[0]])  # the app's main() takes this one

    def editor_and_window() -> tuple[object, object] | None:
        from ui.main_window import MainWindow

        window = next((w for w in app.topLevelWidgets() if isinstance(w, MainWindow)), None)
        screen = window.screens.get("supervision") if window is not None else None
        editor = getattr(screen, "editor", None)
        if editor is None or not editor.isVisibleTo(screen):
            return None
        return editor, window

    def harm_box(editor: object) -> object:
        page = editor.discussion_page  # type: ignore[attr-defined]
        return page.step_widget("section:worried").form.inputs["harm"]

    def start_typing() -> None:
        found = editor_and_window()
        if found is None:
            QTimer.singleShot(50, start_typing)
            return
        editor, window = found
        from ui.supervision.flow import DISCUSSION, Place

        window.tabs.setCurrentWidget(window.screens["supervision"])  # type: ignore[attr-defined]
        window.activateWindow()  # type: ignore[attr-defined]
        first = editor.state.discussions[0].id  # type: ignore[attr-defined]
        editor.go(Place(DISCUSSION, first, "section:worried"), focus=True)  # type: ignore[attr-defined]
        box = harm_box(editor)
        box.setFocus()  # type: ignore[attr-defined]
        print("ready", flush=True)
        typed = 0

        def key() -> None:
            nonlocal typed
            QTest.keyClick(box, TEXT[typed])  # type: ignore[arg-type]
            typed += 1
            print(f"typed {typed} {time.monotonic():.4f}", flush=True)

        timer = QTimer(app, interval=KEY_INTERVAL_MS)
        timer.timeout.connect(key)
        timer.start()

    def read_back() -> None:
        found = editor_and_window()
        if found is None:
            QTimer.singleShot(50, read_back)
            return
        editor, _window = found
        place = editor.place  # type: ignore[attr-defined]
        print(json.dumps({"place": place.as_json(), "harm": harm_box(editor).toPlainText()}),  # type: ignore[attr-defined]
              flush=True)
        app.quit()

    QTimer.singleShot(0, start_typing if mode == "type" else read_back)
    sys.argv = ["workbench", "--database", url, *app_args]
    runpy.run_module("workbench", run_name="__main__", alter_sys=True)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], *sys.argv[3:])
