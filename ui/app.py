"""The desktop app's entry point (entry point group ``workbench.gui``, name ``qt``).

Start-up is arranged so that the main window paints first: nothing heavy is imported before
it is shown (not even SQLAlchemy), and the database is opened on the task runner afterwards.
"""

from __future__ import annotations

import argparse
import logging
import os
import platform
import sys
from collections.abc import Mapping, Sequence
from importlib.resources import files
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from ui.i18n import arg, install_translator, translate, translated
from ui.main_window import MainWindow
from ui.problems import install_error_hook
from workbench.app_options import add_app_options
from workbench.clock import system_clock
from workbench.settings import APP_NAME, Settings, SettingsProblem, resolve_database_url

if TYPE_CHECKING:
    from ui.security.session import SignInRequest
    from ui.startup import Startup
    from ui.tasks import TaskRunner

log = logging.getLogger(__name__)

# If the window is never painted (minimised at start), start anyway after this long.
_START_ANYWAY_MS = 300
# Set to 1, the app prints "painted" at its first paint and "ready N" once the caseload
# (N cases) is shown, then quits: for the benchmark and the start-up tests. Set to "painted",
# it quits at the first paint, before the database is opened: a check that the window can be
# shown at all on this display (the real-display test under Xvfb).
PROBE_ENV = "WORKBENCH_STARTUP_PROBE"
PROBE_PAINTED = "painted"


def app_icon() -> QIcon:
    """The app's icon (resources/icons, drawn from workbench.svg by scripts/make_icons.py)."""
    return QIcon(str(files("resources") / "icons" / "workbench.png"))


def parse_args(argv: Sequence[str]) -> tuple[argparse.Namespace, list[str]]:
    """--database, --demo and --sign-in as the command line has them; the rest is for Qt."""
    parser = argparse.ArgumentParser(prog="workbench", add_help=False)
    add_app_options(parser)
    return parser.parse_known_args(list(argv))


def sign_in_request(name: str | None, *, demo: bool,
                    environ: Mapping[str, str] | None = None) -> SignInRequest | None:
    """``--sign-in NAME``: the passphrase from WORKBENCH_SIGN_IN_PASSPHRASE (on the demo, the
    published demo passphrase when that is not set); with none, the dialog opens on NAME."""
    if not name:
        return None
    from ui.security.session import SIGN_IN_PASSPHRASE_ENV, SignInRequest
    from workbench.keys import Passphrase

    environ = os.environ if environ is None else environ
    text = environ.get(SIGN_IN_PASSPHRASE_ENV)
    if not text and demo:
        from workbench.encryption import DEMO_PASSPHRASE

        text = DEMO_PASSPHRASE
    return SignInRequest(name, Passphrase(text) if text else None)


class _AfterFirstPaint(QObject):
    """Calls ``then`` once, after the watched window's first paint (or after a short wait)."""

    def __init__(self, window: MainWindow, then: QTimer, *, probe: bool,
                 quit_when_painted: bool = False) -> None:
        super().__init__(window)
        self._then = then
        self._probe = probe
        self._quit = quit_when_painted
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            if self._probe:
                print("painted", flush=True)
            if self._quit:
                self._then.stop()
                QApplication.quit()
            else:
                self._then.start(0)
        return False


def _probe_ready(window: MainWindow, app: QApplication) -> None:
    screen = window.screens.get("caseload")
    loaded = getattr(screen, "caseload_loaded", None)

    def ready(count: int) -> None:
        print(f"ready {count}", flush=True)
        app.quit()

    if loaded is None:
        ready(0)
    else:
        loaded.connect(ready)


def settings_problem_box(window: MainWindow, problem: SettingsProblem) -> QMessageBox:
    """Says that the settings file could not be used, what was wrong, that the defaults are in
    use and where the file was kept. Not modal: start-up goes on behind it."""
    kept = (arg(translate("App", "The file was kept as %1."), problem.kept_at)
            if problem.kept_at is not None
            else translate("App", "Nothing was moved or changed."))
    text = arg(translate("App", "Your settings could not be read, so the workbench is using its "
                                "default settings.\n\nThe problem with %1: %2.\n\n%3 Set your "
                                "preferences again in Edit > Preferences… (Ctrl+,)."),
               problem.path, "; ".join(translated(reason) for reason in problem.reasons), kept)
    box = QMessageBox(QMessageBox.Icon.Warning, translate("App", "Settings reset to the defaults"), text,
                      QMessageBox.StandardButton.Ok, window)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.setModal(False)
    box.show()
    return box


def make_window(settings: Settings, *, title_suffix: str = "") -> MainWindow:
    """The main window with its preferences; a settings file that could not be used is reported
    once the window is on screen (the app starts on the defaults all the same)."""
    window = MainWindow(title_suffix=title_suffix, settings=settings)
    problem = settings.problem
    if problem is not None:
        window.statusBar().showMessage(translate("App", "Settings reset to the defaults: see the message."))
        QTimer.singleShot(0, window, lambda: settings_problem_box(window, problem))
    return window


class _Launch:
    """Start-up proper (unlock, open, sign in: :class:`ui.startup.Startup` on the task runner),
    begun after the window's first paint; its modules are imported then, not before."""

    def __init__(self, app: QApplication, window: MainWindow, url: str, args: argparse.Namespace,
                 *, probe_ready: bool, settings: Settings) -> None:
        self.app = app
        self.window = window
        self.url = url
        self.args = args
        self.probe_ready = probe_ready
        self.settings = settings
        self.runner: TaskRunner | None = None
        self.startup: Startup | None = None

    def begin(self) -> None:
        from ui.startup import Startup, keep_demo_pdfs
        from ui.tasks import TaskRunner

        log.info("running on %s", platform.platform())
        app, window, args = self.app, self.window, self.args
        self.runner = TaskRunner(app)
        # --sign-in is read only now: its passphrase type loads the key module (cryptography,
        # keyring), which the window need not wait for.
        startup = Startup(window, self.runner, self.url, demo=args.demo, clock=system_clock,
                          keep=keep_demo_pdfs, sign_in=sign_in_request(args.sign_in, demo=args.demo),
                          settings=self.settings)
        startup.failed.connect(lambda _message: app.exit(1))
        startup.cancelled.connect(app.quit)
        if self.probe_ready:
            startup.ready.connect(lambda _services: _probe_ready(window, app))
        self.startup = startup
        startup.start()

    def close(self) -> None:
        """After the event loop: wait for the runner's workers, close the database."""
        if self.runner is not None:
            self.runner.shutdown()
        if self.startup is not None and self.startup.database is not None:
            self.startup.database.close()


def main(argv: Sequence[str] | None = None) -> int:
    from workbench.logs import start_logging, stop_logging

    logs = start_logging()  # first: a crash from here on leaves a trace in the crash file
    args, qt_args = parse_args(sys.argv[1:] if argv is None else argv)
    # platform.platform() reads the interpreter's binary to find the C library: logged once the
    # window has painted (see _Launch.begin), not before.
    log.info("the desktop app starts (Python %s, %s)", platform.python_version(), sys.platform)
    settings = Settings.load()  # never raises on a bad file: it says so in settings.problem
    url = resolve_database_url(args.database, settings, demo=args.demo)
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication([sys.argv[0], *qt_args])
    install_translator(app)  # en_GB, compiled from its .ts if the build has not done so yet
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName(app.translate("App", "Practice Supervision Workbench"))
    app.setOrganizationName("practice-supervision-workbench")
    app.setWindowIcon(app_icon())

    window = make_window(settings, title_suffix=app.translate("App", " (demo data)") if args.demo else "")
    install_error_hook(lambda: window, logs.log_path)
    probe_mode = os.environ.get(PROBE_ENV)
    only_paint = probe_mode == PROBE_PAINTED
    launch = _Launch(app, window, url, args, probe_ready=probe_mode == "1", settings=settings)
    begin = QTimer(window)
    begin.setSingleShot(True)
    begin.timeout.connect(launch.begin)
    _AfterFirstPaint(window, begin, probe=probe_mode in ("1", PROBE_PAINTED), quit_when_painted=only_paint)
    if not only_paint:  # (that probe waits for the paint, however long it takes)
        begin.start(_START_ANYWAY_MS)
    window.show()
    status = app.exec()
    launch.close()
    log.info("the desktop app closes (status %s)", status)
    stop_logging()
    return status
