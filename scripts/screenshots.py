"""`make screenshots`: PNGs of the main screens, drawn from the demo data, into a folder.

    QT_QPA_PLATFORM=offscreen python scripts/screenshots.py docs/screenshots

The demo database is built in a temporary folder, the main window is opened on it at a fixed
size with a fixed font, and each function in :data:`SHOTS` puts the window in a state and
saves one or more PNGs. To add a screen, write ``def my_screen(shot: Shot) -> None`` that
drives the window (through its widgets, as a user would) and calls ``shot.save(...)``, and
add it to :data:`SHOTS`.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from PySide6.QtCore import QEventLoop, QTimer, QtMsgType, qInstallMessageHandler
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication, QWidget

from ui.main_window import MainWindow
from ui.screens.caseload_screen import CaseloadScreen
from ui.services import AppServices
from ui.startup import build_services
from ui.tasks import TaskRunner

if TYPE_CHECKING:
    from db.engine import DbFactory

WINDOW_SIZE = (1280, 760)
# Council laptops: the main screens are drawn again at these sizes (file names end -WxH.png).
LAPTOP_SIZES = ((1366, 768), (1280, 800))
# The demo's "today": screenshots must not change from one day to the next.
TODAY = dt.date(2026, 11, 26)
FONT_FILES = ("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
              "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
              "/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf")


@dataclass
class Shot:
    app: QApplication
    window: MainWindow
    services: AppServices
    out_dir: Path
    scratch: Path  # a temporary folder for files a shot needs
    suffix: str = ""  # added to each file name (the laptop sizes)

    def wait_until(self, condition: Callable[[], bool], timeout_s: float = 30.0) -> None:
        """Run the event loop until ``condition()`` holds (background loads have landed)."""
        ticker = QTimer()
        ticker.start(20)  # wakes the loop so the condition is checked even without events
        deadline = time.monotonic() + timeout_s
        try:
            while not condition():
                if time.monotonic() > deadline:
                    raise TimeoutError("the window did not reach the state for the screenshot")
                self.app.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents)
        finally:
            ticker.stop()

    def settle(self) -> None:
        """Let layouts and repaints finish."""
        for _ in range(3):
            self.app.processEvents()

    def save(self, widget: QWidget, name: str) -> Path:
        self.settle()
        path = self.out_dir / (Path(name).stem + self.suffix + Path(name).suffix)
        if not widget.grab().save(str(path), "PNG"):
            raise OSError(f"could not write {path}")
        print(f"wrote {path}")
        return path


# -- the screens ---------------------------------------------------------------------------
def _glance_drawn(screen: CaseloadScreen) -> bool:
    return not screen.glance.is_loading and screen.glance.glance is not None


def caseload(shot: Shot) -> None:
    """The caseload of one worker of the first team, with its chart at a glance."""
    screen = shot.window.screens["caseload"]
    assert isinstance(screen, CaseloadScreen)
    shot.window.tabs.setCurrentWidget(screen)
    shot.wait_until(lambda: screen.team_combo.count() > 1 and screen.count_label.text() != "")
    screen.team_combo.setCurrentIndex(1)
    loaded: list[int] = []
    screen.caseload_loaded.connect(loaded.append)
    if screen.worker_combo.currentIndex() == 1:  # drawn again at a laptop size: load it afresh
        screen.worker_combo.setCurrentIndex(0)
        shot.wait_until(lambda: bool(loaded))
        loaded.clear()
    screen.worker_combo.setCurrentIndex(1)
    shot.wait_until(lambda: bool(loaded) and _glance_drawn(screen))
    screen.table.selectRow(1)
    shot.save(shot.window, "caseload.png")


def caseload_glance(shot: Shot) -> None:
    """A whole team at a glance: the chart scrolls, the table lists every case."""
    screen = shot.window.screens["caseload"]
    assert isinstance(screen, CaseloadScreen)
    loaded: list[int] = []
    screen.caseload_loaded.connect(loaded.append)
    screen.worker_combo.setCurrentIndex(0)  # All workers of the team
    shot.wait_until(lambda: bool(loaded) and _glance_drawn(screen))
    shot.save(shot.window, "caseload-glance.png")
    loaded.clear()
    screen.worker_combo.setCurrentIndex(1)  # back to the worker, for the shots that follow
    shot.wait_until(lambda: bool(loaded) and _glance_drawn(screen))


def case_history(shot: Shot) -> None:
    """A child's case history, opened by clicking the child at the top of the glance chart."""
    from PySide6.QtCore import QPoint, Qt
    from PySide6.QtTest import QTest

    from ui.scores.case_history import CaseHistoryDialog

    screen = shot.window.screens["caseload"]
    assert isinstance(screen, CaseloadScreen)
    canvas = screen.glance.chart.canvas
    ax = canvas.figure.axes[0]
    x, y = ax.transData.transform((5, 0))  # the most urgent child's row
    ratio = canvas.device_pixel_ratio
    opened: list[CaseHistoryDialog] = []
    shown: list[object] = []

    def found() -> bool:
        dialogs = screen.findChildren(CaseHistoryDialog)
        if dialogs and not opened:
            opened.append(dialogs[0])
            dialogs[0].shown.connect(shown.append)
        return bool(opened)

    QTest.mouseClick(canvas, Qt.MouseButton.LeftButton, pos=QPoint(int(x / ratio),
                                                                   int(canvas.height() - y / ratio)))
    shot.wait_until(found)
    shot.wait_until(lambda: bool(shown))
    shot.save(opened[0], "case-history.png")
    opened[0].close()


def team_view(shot: Shot) -> None:
    """The team view of the first team, as a practice lead sees it."""
    from ui.scores.team_screen import TeamViewScreen

    screen = shot.window.screens["team"]
    assert isinstance(screen, TeamViewScreen)
    shown: list[int] = []
    screen.team_view_shown.connect(shown.append)
    shot.window.tabs.setCurrentWidget(screen)
    shot.wait_until(lambda: bool(shown))
    shot.save(shot.window, "team-view.png")
    shot.window.tabs.setCurrentIndex(0)


def oversight(shot: Shot) -> None:
    """The Oversight tab across every team, as a practice lead sees it: the workers against the
    supervision policy, then direct work with the children, then the completeness of the optional
    items in the signed records."""
    from ui.oversight.screen import OversightScreen

    screen = shot.window.screens["oversight"]
    assert isinstance(screen, OversightScreen)
    shown: list[object] = []
    screen.report_shown.connect(shown.append)
    shot.window.tabs.setCurrentWidget(screen)
    shot.wait_until(lambda: bool(shown))
    shot.save(shot.window, "oversight.png")
    drawn: list[str] = []
    screen.figure_shown.connect(drawn.append)
    screen.figures.setCurrentIndex(screen.pages["direct_work"])  # read when its tab opens
    shot.wait_until(lambda: "direct_work" in drawn)
    shot.save(shot.window, "oversight-direct-work.png")
    screen.figures.setCurrentIndex(screen.pages["completeness"])
    shot.wait_until(lambda: "completeness" in drawn)
    shot.save(shot.window, "oversight-completeness.png")
    shot.window.tabs.setCurrentIndex(0)


def import_dialog(shot: Shot) -> None:
    """The import dialog after a small partial export has been read."""
    from ui.dialogs.import_dialog import ImportDialog

    screen = shot.window.screens["caseload"]
    assert isinstance(screen, CaseloadScreen)
    worker = screen.current_worker
    team = screen.current_team
    assert worker is not None
    assert team is not None
    export = shot.scratch / "caseload export.csv"
    export.write_text(
        "Child Unique ID,Child name,Allocated Worker,Allocated Team,Case type,Start date,Last visit\n"
        f"DEMO-50001,Robin Example,{worker.name},{team[1]},Child in need,02/11/2026,20/11/2026\n"
        f"DEMO-50002,Sky Example,{worker.name},{team[1]},Child protection plan,"
        "09/11/2026,24/11/2026\n"
        f"DEMO-50003,,#N/A,{team[1]},Child in need,10/11/2026,\n",
        encoding="utf-8")
    dialog = shot.window.open_import_dialog()
    assert isinstance(dialog, ImportDialog)
    dialog.file_edit.setText(str(export))
    dialog.complete_check.setChecked(False)
    dialog.import_button.click()  # the preview first
    shot.wait_until(lambda: dialog.preview is not None or dialog.error_label.isVisible())
    shot.wait_until(lambda: not dialog.is_running)
    dialog.import_button.click()
    shot.wait_until(lambda: dialog.report is not None or dialog.error_label.isVisible())
    shot.wait_until(lambda: not dialog.is_running)
    dialog.resize(720, 420)
    shot.save(dialog, "import-dialog.png")
    dialog.close_dialog()


SHOTS: list[Callable[[Shot], None]] = [caseload, case_history, caseload_glance, team_view,
                                       oversight, import_dialog]

# The supervision screens' shots live in a script of their own beside this one.
from supervision_screenshots import SUPERVISION_SHOTS  # noqa: E402 - scripts/ is on sys.path

SHOTS += SUPERVISION_SHOTS

# The records view's shots (scripts/records_screenshots.py).
from records_screenshots import RECORDS_SHOTS  # noqa: E402 - scripts/ is on sys.path

SHOTS += RECORDS_SHOTS

# The sign-off screens' shots (scripts/signing_screenshots.py).
from signing_screenshots import SIGNING_SHOTS  # noqa: E402 - scripts/ is on sys.path

SHOTS += SIGNING_SHOTS

# The sign-in dialog comes first, as in the app (scripts/signin_screenshots.py).
from signin_screenshots import SIGN_IN_SHOTS  # noqa: E402 - scripts/ is on sys.path

SHOTS[:0] = SIGN_IN_SHOTS

# Scripts beside this one that write their own PNGs (not windows): (file, function(out_dir)).
OTHER_SCRIPTS = (("pdf_screenshots.py", "render_pdf_screenshots"),)


# -- the data ------------------------------------------------------------------------------
def build_data(url: str) -> None:
    """The demo team (workbench.demo); a small synthetic team while that is not there."""
    from workbench.database import open_database

    database = open_database(url)
    try:
        if _demo_builder_available():
            from ui.startup import fill_demo

            warning = fill_demo(database, lambda: dt.datetime.combine(TODAY, dt.time(9), dt.UTC),
                                None, lambda done, total, text="": None, lambda: False)
            if warning:
                print(warning, file=sys.stderr)
        else:
            print("workbench.demo is not there yet: drawing a small synthetic team")
            _synthetic_caseload(database.db)
    finally:
        database.close()


def _demo_builder_available() -> bool:
    try:
        from workbench.demo import build_demo  # noqa: F401
    except ImportError:
        return False
    return True


def _synthetic_caseload(db: DbFactory) -> None:
    from db.engine import transaction
    from db.enums import CaseKind, Role
    from db.models import CaseAllocation, Child, Staff, Team
    from workbench.names import fold_name

    rng = random.Random(7)
    first = ["Amara", "Ben", "Chloe", "Dylan", "Ella", "Finley", "Grace", "Harry", "Isla", "Jack",
             "Kacper", "Leah", "Maya", "Noah", "Olivia", "Priya", "Reuben", "Sofia", "Tyler", "Zara"]
    last = ["Ahmed", "Brown", "Clarke", "Davies", "Evans", "Green", "Hughes", "Kowalski", "Mensah",
            "Patel", "Roberts", "Singh", "Taylor", "Walker", "Wilson"]
    kinds = [CaseKind.CHILD_IN_NEED] * 5 + [CaseKind.CHILD_PROTECTION_PLAN] * 3 + \
        [CaseKind.LOOKED_AFTER] * 3 + [CaseKind.ASSESSMENT]
    with transaction(db) as session:
        for team_name, workers in (("Riverside Family Support", ["Sam Okafor", "Hannah Reid",
                                                                  "Tom Fletcher"]),
                                   ("Hillside Safeguarding", ["Nadia Hussain", "Owen Price"])):
            team = Team(name=team_name, name_key=fold_name(team_name))
            session.add(team)
            for name in workers:
                worker = Staff(name=name, name_key=fold_name(name), role=Role.WORKER, team=team)
                session.add(worker)
                session.flush()
                for _ in range(rng.randint(9, 14)):
                    start = TODAY - dt.timedelta(days=rng.randint(20, 900))
                    child = Child(la_child_id=f"DEMO-{rng.randint(10000, 99999)}",
                                  name=f"{rng.choice(first)} {rng.choice(last)}")
                    session.add(CaseAllocation(
                        child=child, worker_id=worker.id, team_id=team.id, kind=rng.choice(kinds),
                        start_date=start,
                        last_visit_date=TODAY - dt.timedelta(days=rng.randint(1, 40)),
                        seen_alone=rng.choice([True, True, False, None]),
                        last_review_date=TODAY - dt.timedelta(days=rng.randint(10, 150)),
                        key_dates={}, details={}))


# -- running -------------------------------------------------------------------------------
def _quiet_offscreen_notice(kind: QtMsgType, context: object, message: str) -> None:
    # The offscreen platform reports every top-level minimum-size change; nothing to fix.
    if "propagateSizeHints" not in message:
        print(message, file=sys.stderr)


def _fixed_font(app: QApplication) -> None:
    for path in FONT_FILES:
        if Path(path).exists():
            QFontDatabase.addApplicationFont(path)
    app.setFont(QFont("DejaVu Sans", 10))


def _run_other_scripts(out_dir: Path) -> None:
    import importlib.util

    for file_name, function in OTHER_SCRIPTS:
        path = Path(__file__).with_name(file_name)
        spec = importlib.util.spec_from_file_location(path.stem, path)
        if not path.exists() or spec is None or spec.loader is None:
            continue
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        for written in getattr(module, function)(out_dir):
            print(f"wrote {written}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out_dir", nargs="?", default="docs/screenshots", type=Path)
    args = parser.parse_args(argv)
    args.out_dir.mkdir(parents=True, exist_ok=True)
    # A fixed folder name, so the path in the status bar (and so the PNGs) do not change.
    folder = str(Path(tempfile.gettempdir()) / "workbench-screenshots")
    shutil.rmtree(folder, ignore_errors=True)
    Path(folder).mkdir()
    try:
        os.environ["WORKBENCH_DATA_DIR"] = folder
        url = f"sqlite:///{Path(folder) / 'demo.db'}"
        build_data(url)
        from workbench.database import open_database

        qInstallMessageHandler(_quiet_offscreen_notice)
        app = QApplication.instance() or QApplication([sys.argv[0]])
        assert isinstance(app, QApplication)
        _fixed_font(app)
        from ui.i18n import install_translator

        install_translator(app)  # as the app starts: en_GB, its plurals from the catalogue
        runner = TaskRunner(app)
        database = open_database(url)
        clock = lambda: dt.datetime.combine(TODAY, dt.time(9), dt.UTC)  # noqa: E731
        services = build_services(database, runner, clock)
        window = MainWindow(services, title_suffix=app.translate("App", " (demo data)"))
        window.resize(*WINDOW_SIZE)
        window.show()
        shot = Shot(app, window, services, args.out_dir, Path(folder))
        try:
            for take in SHOTS:
                take(shot)
            from supervision_screenshots import case_discussion

            for width, height in LAPTOP_SIZES:  # nothing may be cut off on a laptop screen
                window.resize(width, height)
                laptop = replace(shot, suffix=f"-{width}x{height}")
                for take in (caseload, case_discussion):
                    try:
                        take(laptop)
                    except TimeoutError as error:  # say so, and draw the rest
                        print(f"{take.__name__} at {width}x{height}: {error}", file=sys.stderr)
        finally:
            runner.shutdown()
            window.close()
            database.close()
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    _run_other_scripts(args.out_dir)
    return 0


if __name__ == "__main__":
    sys.exit(main())
