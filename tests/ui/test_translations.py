"""The app speaks from its catalogue: the .ts is what lupdate finds in the code, the app starts
in en_GB from the compiled catalogue, and under a pseudo-translation no English is left on the
main screens (so every text there can be translated)."""

from __future__ import annotations

import os
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QTranslator
from PySide6.QtWidgets import QApplication, QLabel, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from db.engine import DbFactory, transaction
from db.enums import Role
from db.models import Staff
from scripts.translations import english_forms, run_lupdate
from tests.conftest import FixedClock
from tests.support.pseudo import (
    CLOSE,
    OPEN,
    EnglishFinder,
    Untranslated,
    data_in,
    pseudo,
    sources,
    write_pseudo_catalogue,
)
from ui.dialogs.import_dialog import ImportDialog
from ui.dialogs.sign_in_dialog import SignInDialog
from ui.i18n import arg, catalogue_source, compile_catalogue, translated
from ui.main_window import MainWindow
from ui.preferences.dialog import PreferencesDialog
from ui.problems import explain
from ui.services import AppServices
from ui.supervision.start_dialog import StartSessionDialog
from workbench.access import Actor
from workbench.demo import build_demo
from workbench.messages import Message, message_in, translatable
from workbench.names import fold_name
from workbench.settings import Settings
from workbench.signin import people_to_sign_in

ROOT = Path(__file__).resolve().parents[2]
WAIT_MS = 30_000


def _messages(ts: Path) -> set[tuple[str, str, bool]]:
    tree = ET.parse(ts)
    return {(context.findtext("name") or "", message.findtext("source") or "",
             message.get("numerus") == "yes")
            for context in tree.iter("context") for message in context.iter("message")}


def test_the_catalogue_holds_every_text_of_the_code_and_no_other(tmp_path: Path) -> None:
    fresh = tmp_path / "fresh.ts"
    run_lupdate(fresh, "en_GB")
    assert _messages(fresh) == _messages(catalogue_source()), (
        "the .ts is behind the code: run `make translations` (scripts/translations.py update)")


def test_every_context_is_one_the_app_asks_for() -> None:
    # lupdate names a context after what stands before `.tr(`: `self.window.tr(...)` would land
    # in a context "self.window" that the running app never looks in.
    # A UI context is a class name (or a name given to translate()); the core's are its packages.
    contexts = {context for context, _source, _numerus in _messages(catalogue_source())}
    wrong = {context for context in contexts
             if not (context.isidentifier() and context[0].isupper())
             and not (context.startswith("workbench.") and context.replace(".", "_").isidentifier())}
    assert not wrong


def test_every_plural_reads_as_english_in_both_forms() -> None:
    tree = ET.parse(catalogue_source())
    for message in tree.iter("message"):
        if message.get("numerus") != "yes":
            continue
        translation = message.find("translation")
        assert translation is not None
        forms = [form.text for form in translation.iter("numerusform")]
        source = message.findtext("source") or ""
        assert translation.get("type") is None, source
        assert len(forms) == 2, source
        assert all(forms), source
    assert english_forms("%n case(s) would close.") == ("%n case would close.", "%n cases would close.")
    assert english_forms("%n open cases") is None  # "1 open cases": wants its "(s)"


def test_plurals_come_from_the_catalogue(qapp: QApplication) -> None:
    one = QCoreApplication.translate("CaseloadScreen", "%n open case(s)", None, 1)
    many = QCoreApplication.translate("CaseloadScreen", "%n open case(s)", None, 6)
    assert (one, many) == ("1 open case", "6 open cases")


def test_arguments_go_in_once_wherever_the_translation_puts_them() -> None:
    assert arg("%2, then %1", "first", "second") == "second, then first"
    assert arg("Name: %1 (%2)", "50%2 off", "kept") == "Name: 50%2 off (kept)"  # not substituted twice


def test_a_message_from_the_core_is_english_for_the_log_and_translated_for_the_screen(
        qapp: QApplication, tmp_path: Path) -> None:
    message = translatable("workbench.errors", "The database is busy: %1 and %2.").arg("one", "two")
    assert str(message) == "The database is busy: one and two."
    assert isinstance(message, Message)
    nested = translatable("workbench.errors", "Nothing was signed: %1").arg(message)
    catalogue = tmp_path / "core.ts"
    catalogue.write_text(
        '<?xml version="1.0" encoding="utf-8"?><!DOCTYPE TS><TS version="2.1" language="en_GB">'
        "<context><name>workbench.errors</name>"
        "<message><source>The database is busy: %1 and %2.</source>"
        "<translation>Busy (%2, %1).</translation></message>"
        "<message><source>Nothing was signed: %1</source>"
        "<translation>Unsigned: %1</translation></message>"
        "</context></TS>", encoding="utf-8")
    compile_catalogue(catalogue, tmp_path / "core.qm")
    translator = QTranslator()
    assert translator.load(str(tmp_path / "core.qm"))
    qapp.installTranslator(translator)
    try:
        assert translated(nested) == "Unsigned: Busy (two, one)."
        from workbench.errors import DatabaseLocked

        assert explain(DatabaseLocked(message)).message == "Busy (two, one)."
    finally:
        qapp.removeTranslator(translator)


def test_a_count_in_a_core_message_takes_its_plural_form_from_the_catalogue(
        qapp: QApplication, tmp_path: Path) -> None:
    from workbench.intervals import Interval
    from workbench.messages import translatable_plural
    from workbench.supervision.agenda_rules import last_discussed_text

    # lupdate sees the core's plural marker as a plural: the catalogue has both English forms.
    fresh = tmp_path / "fresh.ts"
    run_lupdate(fresh, "en_GB")
    assert ("workbench.intervals", "every %n week(s)", True) in _messages(fresh)
    assert ("workbench.supervision", "%n action(s) overdue", True) in _messages(fresh)
    # English without Qt (the log, the CLI, what is stored), and from the catalogue on screen.
    weeks = Interval(days=7).label, Interval(days=42).label, Interval(days=7 * 60).label
    assert list(weeks) == ["weekly", "every 6 weeks", "every 60 weeks"]
    assert [translated(w) for w in weeks] == list(weeks)
    message = last_discussed_text(1, 28)  # a plural within a plural
    assert str(message) == "Last discussed 1 day ago (policy: every 28 days)"
    assert translated(message) == str(message)
    catalogue = tmp_path / "plural.ts"
    catalogue.write_text(
        '<?xml version="1.0" encoding="utf-8"?><!DOCTYPE TS><TS version="2.1" language="en_GB">'
        "<context><name>workbench.errors</name>"
        '<message numerus="yes"><source>%n file(s) in %1</source><translation>'
        "<numerusform>one file (%n) in %1</numerusform><numerusform>%n files in %1</numerusform>"
        "</translation></message></context></TS>", encoding="utf-8")
    compile_catalogue(catalogue, tmp_path / "plural.qm")
    translator = QTranslator()
    assert translator.load(str(tmp_path / "plural.qm"))
    qapp.installTranslator(translator)
    try:
        one = translatable_plural("workbench.errors", "%n file(s) in %1", None, 1).arg("Leeds")
        assert (str(one), translated(one)) == ("1 file in Leeds", "one file (1) in Leeds")
        assert translated(one.arg("York")) == "one file (1) in York"  # the count stays with .arg()
    finally:
        qapp.removeTranslator(translator)


# --- the app starts in en_GB -------------------------------------------------------------------

PROBE = """
import runpy, sys
import ui.app
from PySide6.QtCore import QCoreApplication
plain = ui.app._probe_ready
def probe(window, app):
    screen = window.screens["caseload"]
    screen.caseload_loaded.connect(lambda _n: print("count " + screen.count_label.text(), flush=True))
    print("one " + QCoreApplication.translate("CaseloadScreen", "%n open case(s)", None, 1), flush=True)
    plain(window, app)
ui.app._probe_ready = probe
sys.argv[0] = "workbench"
runpy.run_module("workbench", run_name="__main__", alter_sys=True)
"""


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_the_app_starts_in_british_english_from_the_compiled_catalogue(
        db_url: str, caseload: dict[str, int], db: DbFactory, tmp_path: Path,
        clock: FixedClock) -> None:
    from workbench.audit import AuditTrail
    from workbench.keys import Passphrase, ScryptCost
    from workbench.signin import set_passphrase

    with db() as s:
        manager = s.scalars(select(Staff.id).where(Staff.name == "North Team Manager")).one()
    set_passphrase(db, AuditTrail(clock), actor=None, staff_id=manager,
                   passphrase=Passphrase("north manager's passphrase"), cost=ScryptCost(n=2**10))
    env = {"WORKBENCH_SIGN_IN_PASSPHRASE": "north manager's passphrase", "WORKBENCH_AUDIT_KEY": "ab" * 32,
           "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring"}
    done = subprocess.run([sys.executable, "-c", PROBE, "--database", db_url, "--sign-in",
                           "North Team Manager"], cwd=ROOT, capture_output=True, text=True, timeout=120,
                          check=False, env={**os.environ, "QT_QPA_PLATFORM": "offscreen",
                                            "WORKBENCH_STARTUP_PROBE": "1",
                                            "WORKBENCH_DATA_DIR": str(tmp_path / "data"), **env})
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert "one 1 open case" in lines, done.stdout  # the plural rule came from the catalogue
    assert "count 5 open cases" in lines, done.stdout  # and the screen used it


# --- a pseudo-translation: no English left on the main screens ---------------------------------


@pytest.fixture(scope="module")
def pseudo_catalogue(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_pseudo_catalogue(tmp_path_factory.mktemp("pseudo") / "workbench_pseudo.qm")


@pytest.fixture
def pseudo_translated(qapp: QApplication, pseudo_catalogue: Path) -> Iterator[EnglishFinder]:
    translator = QTranslator()
    assert translator.load(str(pseudo_catalogue))
    qapp.installTranslator(translator)
    yield EnglishFinder(sources())
    qapp.removeTranslator(translator)


def test_the_pseudo_catalogue_marks_every_text_and_keeps_what_the_program_needs(
        pseudo_translated: EnglishFinder) -> None:
    assert pseudo("&Sign in as %1 <b>now</b>") == OPEN + "&Sígñ íñ áś %1 <b>ñów</b>" + CLOSE
    assert QCoreApplication.translate("CaseloadScreen", "%n open case(s)", None, 2).startswith(OPEN)


def test_the_cores_refusals_and_environment_problems_reach_the_screen_translated(
        pseudo_translated: EnglishFinder) -> None:
    from workbench.access import AccessDenied, require_admin
    from workbench.errors import DatabaseLocked
    from workbench.signing.signoff import NoteChanged

    with pytest.raises(AccessDenied) as refused:
        require_admin(Actor(staff_id=1, role=Role.WORKER, team_id=None, name="Alex"))
    assert str(refused.value).startswith("Only an admin can manage staff")  # the log and the CLI
    assert explain(refused.value).message.startswith(OPEN)
    assert explain(DatabaseLocked()).message.startswith(OPEN)
    changed = explain(NoteChanged("a" * 64, "b" * 64, signed=False)).message
    assert changed.startswith(OPEN)
    assert "aaaaaaaaaaaa…" in changed  # the arguments are put back into the translation


def test_the_finder_catches_english_left_untranslated(qtbot: QtBot,
                                                      pseudo_translated: EnglishFinder) -> None:
    # The sanity check: a screen with one text not put through the catalogue is caught, and
    # only that text (a name from the database is not English to translate).
    widget = QWidget()
    qtbot.addWidget(widget)
    widget.setWindowTitle(QCoreApplication.translate("MainWindow", "Practice Supervision Workbench"))
    QLabel("Opening the database…", widget)  # a source text, shown as it is
    QLabel(arg(QCoreApplication.translate("Startup", "Database: %1"), "Cedar Team"), widget)
    QLabel("Ada Smith", widget)
    QLabel(arg("Caseload imported: %1 added, %2 updated, %3 closed.", 1, 2, 3), widget)  # pattern
    found = pseudo_translated.knowing(["Cedar Team", "Ada Smith"]).look(widget)
    assert [f.text for f in found] == ["Opening the database…",
                                       "Caseload imported: 1 added, 2 updated, 3 closed."]


def test_the_finder_catches_english_the_catalogue_never_had(qtbot: QtBot,
                                                            pseudo_translated: EnglishFinder) -> None:
    # English the program wrote without the catalogue (a core label built with an f-string) is
    # caught wherever it is shown, alone, beside a translation or in a table's cell; data (what
    # the database holds), numbers, dates and Qt's shortcut names are not English to translate.
    from PySide6.QtGui import QStandardItem, QStandardItemModel
    from PySide6.QtWidgets import QPlainTextEdit, QTableView, QVBoxLayout

    widget = QWidget()
    qtbot.addWidget(widget)
    layout = QVBoxLayout(widget)
    marked = QCoreApplication.translate("MainWindow", "Practice Supervision Workbench")
    for text in ("every 6 months",  # in no catalogue: Interval.label as it was
                 f"{marked} · awaiting worker's countersignature",
                 "Ada Smith (C-1001), 03 Mar 2026, November 2026: 4.5 (12%)",
                 arg(QCoreApplication.translate("Startup", "Database: %1"), "Cedar Team"),
                 "Ctrl+Shift+N"):
        layout.addWidget(QLabel(text))
    table = QTableView()
    model = QStandardItemModel(0, 2, table)
    model.appendRow([QStandardItem("Ada Smith"), QStandardItem("Demo Team North total")])
    table.setModel(model)
    layout.addWidget(table)
    from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
    from matplotlib.figure import Figure

    figure = Figure()
    figure.add_subplot().set_title("Days until each worker's supervision")  # drawn, in no catalogue
    layout.addWidget(FigureCanvasQTAgg(figure))
    report = QPlainTextEdit(f"{marked}\nrow 4, child C-1001: Case type is blank")  # a report, a line each
    report.setReadOnly(True)
    layout.addWidget(report)
    layout.addWidget(QPlainTextEdit("What the manager typed"))  # a person's own words: not read
    widget.show()
    finder = pseudo_translated.knowing(["Ada Smith", "Cedar Team", "Demo Team North"])
    found = [(f.where, f.text) for f in finder.look(widget)]
    assert found == [("label", "every 6 months"),
                     ("label", f"{marked} · awaiting worker's countersignature"),
                     ("cell", "Demo Team North total"),
                     ("chart text", "Days until each worker's supervision"),
                     ("text", "row 4, child C-1001: Case type is blank")]
    assert finder.words_left(f"{marked} · awaiting worker's countersignature") == [
            "awaiting", "worker", "countersignature"]
    assert pseudo_translated.look(widget)[0].text == "every 6 months"  # without the data: names too
    assert "Ada Smith" in [f.text for f in pseudo_translated.look(widget)]


def test_the_cores_counted_texts_reach_the_screen_translated(pseudo_translated: EnglishFinder) -> None:
    from workbench.intervals import Interval
    from workbench.supervision.agenda_rules import overdue_actions_text, reason_message

    assert translated(Interval(days=42).label) == pseudo("every %n weeks").replace("%n", "6")
    assert translated(reason_message(str(overdue_actions_text(1)))) == pseudo("%n action overdue").replace(
            "%n", "1")


def test_the_settings_database_backup_and_audit_problems_reach_the_screen_translated(
        pseudo_translated: EnglishFinder, tmp_path: Path) -> None:
    # What the core says when the settings file is unusable, the database will not open, a
    # backup cannot be restored or the audit trail is checked: nothing of it left in English.
    import datetime as dt

    from workbench.audit import BrokenLink, ChainReport
    from workbench.database import _open_problem
    from workbench.restore import RestoreRefused, restore_backup

    bad = tmp_path / "settings.json"
    bad.write_text("[1, 2]", encoding="utf-8")
    settings = Settings(bad)
    assert settings.problem is not None
    messages = [settings.problem.message]
    with pytest.raises(RestoreRefused) as refused:
        restore_backup(tmp_path / "no such backup.db", tmp_path / "workbench.db", keys_dir=None,
                       now=dt.datetime(2026, 3, 3, tzinfo=dt.UTC))
    messages.append(message_in(refused.value))
    from sqlalchemy import create_engine

    url = f"sqlite:///{tmp_path / 'missing folder' / 'workbench.db'}"
    try:
        with create_engine(url).connect():
            pass
    except Exception as error:  # the driver's own error, as open_database meets it
        problem = _open_problem(url, error)
    assert problem is not None
    messages.append(message_in(problem))
    messages += [ChainReport(3, "ab" * 8, None).describe(),
                 ChainReport(3, "ab" * 8, BrokenLink(2, 2, "the server's own reason")).describe()]
    data = [str(tmp_path), str(bad), "abababababababab", "the server's own reason",
            "unable to open database file"]  # what the program was given: paths, the driver's words
    for message in messages:
        shown = translated(message)
        assert shown.startswith(OPEN), shown
        assert pseudo_translated.knowing(data).words_left(shown) == [], shown


def _actor(db: DbFactory, role: Role) -> Actor:
    """The first person of ``role`` (an admin is added: the demo has none)."""
    with transaction(db) as s:
        staff = s.scalars(select(Staff).where(Staff.role == role).order_by(Staff.id)).first()
        if staff is None:
            staff = Staff(name="Pat Admin", name_key=fold_name("Pat Admin"), role=role, team=None)
            s.add(staff)
            s.flush()
        return Actor.of(staff)


def _settle(qtbot: QtBot, services: AppServices) -> None:
    """Every read the screens started has been shown (the runner is idle)."""
    qtbot.waitUntil(lambda: not services.runner.active_tasks, timeout=WAIT_MS)
    qtbot.wait(0)


def _report(found: list[Untranslated]) -> str:
    return "\n".join(f"{f.where} of {f.widget}: {f.text!r}" for f in found)


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
@pytest.mark.parametrize("role", [Role.TEAM_MANAGER, Role.WORKER, Role.PRACTICE_LEAD, Role.ADMIN])
def test_no_english_is_left_on_the_main_window_and_its_tabs(
        qtbot: QtBot, services: AppServices, db: DbFactory, clock: FixedClock,
        pseudo_translated: EnglishFinder, role: Role) -> None:
    build_demo(db, today=clock.today())
    actor = _actor(db, role)
    finder = pseudo_translated.knowing(data_in(db))
    window = MainWindow(services.signed_in(actor))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    found: list[Untranslated] = []
    for index in range(window.tabs.count()):
        window.tabs.setCurrentIndex(index)
        _settle(qtbot, services)
        tab = window.tabs.tabText(index)
        found += [replace(f, where=f"{f.where} ({tab})") for f in finder.look(window)]
    unique = list(dict.fromkeys(found))
    assert not unique, _report(unique)


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_no_english_is_left_on_the_sign_in_dialog(
        qtbot: QtBot, services: AppServices, db: DbFactory,
        caseload: dict[str, int], pseudo_translated: EnglishFinder) -> None:
    dialog = SignInDialog(services, people_to_sign_in(db))
    qtbot.addWidget(dialog)
    dialog.show()
    found = pseudo_translated.knowing(data_in(db)).look(dialog)
    assert not found, _report(found)


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_no_english_is_left_on_the_import_and_start_dialogs(
        qtbot: QtBot, services: AppServices, db: DbFactory,
        caseload: dict[str, int], pseudo_translated: EnglishFinder) -> None:
    manager = services.signed_in(_actor(db, Role.TEAM_MANAGER))
    finder = pseudo_translated.knowing(data_in(db))
    found: list[Untranslated] = []
    for dialog in (ImportDialog(manager), StartSessionDialog(manager)):
        qtbot.addWidget(dialog)
        dialog.show()
        _settle(qtbot, services)
        found += finder.look(dialog)
    assert not found, _report(found)


PROBLEM_CSV = (
    "Child Unique ID,Child name,Allocated Worker,Allocated Team,Case type,Start date\n"
    "C-4001,Gus Newman,Alex Worker,North Team,Child in need,31/02/2026\n"  # warned: no such day
    "C-4002,Hana Newton,Alex Worker,North Team,Child in need,15/10/2026\n"
    "C-4003,Ivo Newell,Alex Worker,North Team,,15/10/2026\n"  # rejected: no case type
)


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_no_english_is_left_on_the_import_dialog_after_an_import_with_problems(
        qtbot: QtBot, services: AppServices, db: DbFactory, caseload: dict[str, int],
        pseudo_translated: EnglishFinder, tmp_path: Path) -> None:
    # A refused file's reason, the preview, the report (a rejected row, a warning, the new cases
    # by kind) and the undo's summary in the history are what the import wrote: all of it
    # reaches the screen translated.
    # The file's own words (its name, its column headers, its cells) are data.
    from ui.dialogs.import_history_dialog import ImportHistoryDialog

    export = tmp_path / "alex caseload.csv"
    export.write_text(PROBLEM_CSV, encoding="utf-8")
    manager = services.signed_in(_actor(db, Role.TEAM_MANAGER))
    dialog = ImportDialog(manager, worker="Alex Worker", team="North Team")
    qtbot.addWidget(dialog)
    dialog.show()
    scan = tmp_path / "scan.csv"  # a refused file: the reason too
    scan.write_bytes(b"%PDF-1.7 a scanned caseload")
    dialog.file_edit.setText(str(scan))
    dialog.import_button.click()
    qtbot.waitUntil(lambda: dialog.error_label.isVisible() and not dialog.is_running, timeout=WAIT_MS)
    found = [replace(f, where=f"{f.where} (refused)")
             for f in pseudo_translated.knowing([*data_in(db), scan.name]).look(dialog)]
    dialog.file_edit.setText(str(export))
    file_words = [export.name, *PROBLEM_CSV.splitlines()[0].split(",")]
    with qtbot.waitSignal(dialog.previewed, timeout=WAIT_MS):
        dialog.import_button.click()
    qtbot.waitUntil(lambda: not dialog.is_running, timeout=WAIT_MS)
    finder = pseudo_translated.knowing([*data_in(db), *file_words])
    found += [replace(f, where=f"{f.where} (preview)") for f in finder.look(dialog)]
    with qtbot.waitSignal(dialog.imported, timeout=WAIT_MS) as imported:
        dialog.import_button.click()
    qtbot.waitUntil(lambda: not dialog.is_running, timeout=WAIT_MS)
    report = imported.args[0]
    assert (report.added, len(report.rejected), len(report.warnings)) == (2, 1, 1)
    shown = dialog.report_view.toPlainText()
    assert "C-4003" in shown  # the rejected row's child, and the cell, named as they were
    assert "31/02/2026" in shown
    assert pseudo("Child in need") in shown  # the new cases by kind: the kind's name translated too
    finder = pseudo_translated.knowing([*data_in(db), *file_words])
    found += [replace(f, where=f"{f.where} (report)") for f in finder.look(dialog)]

    history = ImportHistoryDialog(manager, dialog)
    qtbot.addWidget(history)
    history.show()
    qtbot.waitUntil(lambda: history.model.rowCount() == 1, timeout=WAIT_MS)
    with qtbot.waitSignal(history.undone, timeout=WAIT_MS):
        history.undo(report.batch_id)
    _settle(qtbot, manager)
    found += [replace(f, where=f"{f.where} (undone)") for f in finder.look(history)]
    unique = list(dict.fromkeys(found))
    assert not unique, _report(unique)


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_no_english_is_left_on_the_admins_staff_and_enrolment_dialogs(
        qtbot: QtBot, services: AppServices, db: DbFactory, caseload: dict[str, int],
        pseudo_translated: EnglishFinder) -> None:
    # Adding a person (refused without a name, then saved), editing them, issuing their
    # enrolment code: what the core says and what the dialogs show is all translated.
    from ui.admin.code_dialog import CodeDialog
    from ui.admin.person_dialog import PersonDialog
    from ui.admin.screen import AdminScreen

    admin = services.signed_in(_actor(db, Role.ADMIN))
    screen = AdminScreen(admin)
    qtbot.addWidget(screen)
    screen.show()
    qtbot.waitUntil(lambda: screen.model.rowCount() > 0, timeout=WAIT_MS)
    finder = pseudo_translated.knowing(data_in(db))
    found = [replace(f, where=f"{f.where} (staff)") for f in finder.look(screen)]
    dialog = screen.add_person()
    assert isinstance(dialog, PersonDialog)
    qtbot.waitExposed(dialog)
    dialog.buttons.accepted.emit()  # no name: the core's refusal is shown
    qtbot.waitUntil(lambda: dialog.error_label.text() != "", timeout=WAIT_MS)
    assert dialog.error_label.text().startswith(OPEN)
    found += [replace(f, where=f"{f.where} (add, refused)") for f in finder.look(dialog)]
    qtbot.keyClicks(dialog.name_edit, "Tam Taylor")
    dialog.team_combo.setCurrentIndex(dialog.team_combo.findData("North Team"))
    dialog.asye_check.setChecked(True)
    qtbot.waitUntil(dialog.buttons.isEnabled, timeout=WAIT_MS)
    with qtbot.waitSignal(dialog.saved, timeout=WAIT_MS) as saved:
        dialog.buttons.accepted.emit()
    qtbot.waitUntil(lambda: screen.current is not None and screen.current.staff_id == saved.args[0],
                    timeout=WAIT_MS)
    edit = screen.edit_person()
    assert isinstance(edit, PersonDialog)
    qtbot.waitExposed(edit)
    finder = pseudo_translated.knowing(data_in(db))  # Tam Taylor is data now
    found += [replace(f, where=f"{f.where} (edit)") for f in finder.look(edit)]
    edit.close()
    with qtbot.waitSignal(screen.code_issued, timeout=WAIT_MS) as shown:
        screen.code_button.click()
    code_dialog = shown.args[0]
    assert isinstance(code_dialog, CodeDialog)
    _settle(qtbot, admin)
    finder = pseudo_translated.knowing([*data_in(db), code_dialog.code_label.text()])
    found += [replace(f, where=f"{f.where} (code)") for f in finder.look(code_dialog)]
    found += [replace(f, where=f"{f.where} (staff, code issued)") for f in finder.look(screen)]
    unique = list(dict.fromkeys(found))
    assert not unique, _report(unique)


def test_no_english_is_left_on_the_preferences_dialog(
        qtbot: QtBot, tmp_path: Path, pseudo_translated: EnglishFinder) -> None:
    dialog = PreferencesDialog(Settings(tmp_path / "settings.toml"))
    qtbot.addWidget(dialog)
    dialog.show()
    found = pseudo_translated.look(dialog)
    assert not found, _report(found)


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_no_english_is_left_on_the_oversight_figures_and_the_respond_dialog(
        qtbot: QtBot, services: AppServices, db: DbFactory, clock: FixedClock,
        pseudo_translated: EnglishFinder) -> None:
    # The practice lead's Oversight tab, every figure opened (each is read when its tab opens),
    # a worker's children drilled into, and the dialog that answers a recorded disagreement.
    from ui.oversight.respond_dialog import RespondDialog
    from ui.oversight.screen import OversightScreen
    from workbench.oversight.report import OpenDisagreement

    build_demo(db, today=clock.today())
    lead = services.signed_in(_actor(db, Role.PRACTICE_LEAD))
    finder = pseudo_translated.knowing(data_in(db))
    screen = OversightScreen(lead)
    qtbot.addWidget(screen)
    screen.resize(1100, 760)
    with qtbot.waitSignal(screen.report_shown, timeout=WAIT_MS):
        screen.show()
    found = finder.look(screen)
    on_view = screen.key_on_view()
    for key, page in screen.pages.items():
        if key == on_view:
            continue
        with qtbot.waitSignal(screen.figure_shown, timeout=WAIT_MS,
                              check_params_cb=lambda shown, key=key: shown == key):
            screen.figures.setCurrentIndex(page)
        found += [replace(f, where=f"{f.where} ({key})") for f in finder.look(screen)]
    screen.figures.setCurrentIndex(screen.pages["workers"])
    with qtbot.waitSignal(screen.children_shown, timeout=WAIT_MS):
        screen.tables["workers"].selectRow(0)
    found += finder.look(screen)
    day = clock.today()
    dialog = RespondDialog(lead, OpenDisagreement(
        signature_id=1, session_id=1, worker_name="Alex Worker", supervisor_name="Ann Manager",
        meeting_date=day, recorded_on=day, age_days=3, child_label=None,
        statement="The plan was not what we agreed."))
    qtbot.addWidget(dialog)
    dialog.show()
    found += finder.knowing([*data_in(db), "Alex Worker", "Ann Manager", "The plan was not what we agreed."]
                            ).look(dialog)
    unique = list(dict.fromkeys(found))
    assert not unique, _report(unique)


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_no_english_is_left_on_a_group_consultation_and_its_projector_view(
        qtbot: QtBot, services: AppServices, db: DbFactory, clock: FixedClock,
        caseload: dict[str, int], pseudo_translated: EnglishFinder) -> None:
    import datetime as dt

    from db.models import CaseAllocation, Child
    from ui.consultation.screen import ConsultationScreen
    from workbench.audit import AuditTrail
    from workbench.consultation.service import Attendee, start_consultation
    from workbench.supervision.context import SupervisionContext

    manager = _actor(db, Role.TEAM_MANAGER)
    with db() as s:
        case_ids = list(s.scalars(select(CaseAllocation.id).join(Child)
                                  .where(Child.la_child_id.in_(["C-1001", "C-1002"]))
                                  .order_by(Child.la_child_id)))
    ctx = SupervisionContext(db, AuditTrail(clock), clock, manager.staff_id)
    started = start_consultation(
        ctx, presenter_id=caseload["Alex Worker"], case_ids=case_ids,
        meeting_at=clock() - dt.timedelta(hours=1), participant_ids=[caseload["Priya Patel"]],
        attendees=[Attendee("Sam Officer", "Police", "Detective sergeant", consent_to_be_named=False)],
        time_boxes={"story": 10, "mapping": 25})
    facilitator = services.signed_in(manager)
    finder = pseudo_translated.knowing(data_in(db))
    screen = ConsultationScreen(facilitator, started.session_id)
    qtbot.addWidget(screen)
    screen.resize(1100, 760)
    screen.show()
    qtbot.waitUntil(lambda: screen.view is not None and screen.is_idle, timeout=WAIT_MS)
    found: list[Untranslated] = []
    for index in range(screen.pages.count()):
        screen.go(index)
        qtbot.waitUntil(lambda: screen.is_idle, timeout=WAIT_MS)
        step = f"step {index + 1}"
        found += [replace(f, where=f"{f.where} ({step})") for f in finder.look(screen)]
    projector = screen.present()
    qtbot.addWidget(projector)
    found += finder.look(projector)
    unique = list(dict.fromkeys(found))
    assert not unique, _report(unique)


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_no_english_is_left_on_a_supervision_sessions_pages(
        qtbot: QtBot, services: AppServices, db: DbFactory, clock: FixedClock,
        caseload: dict[str, int], pseudo_translated: EnglishFinder) -> None:
    # A session typed up late (its notice), every page of it walked: the agenda with the core's
    # reasons, each child's steps with the case facts and the direct-work warning, the finish.
    from tests.ui.supervision.conftest import north_team, open_in, started_session
    from ui.supervision.screen import SupervisionScreen

    alex = north_team(db, caseload)
    manager = services.signed_in(_actor(db, Role.TEAM_MANAGER))
    session_id = started_session(manager, alex, days_ago=10)
    finder = pseudo_translated.knowing(data_in(db))
    screen = SupervisionScreen(manager)
    screen.use_current_worker(lambda: alex.alex)
    qtbot.addWidget(screen)
    screen.resize(1280, 860)
    screen.show()
    qtbot.waitExposed(screen)
    # As the supervision tests do: the screen has looked for drafts before one is opened in it.
    qtbot.waitUntil(lambda: screen.draft_label.text() != "" or screen.editor is not None, timeout=WAIT_MS)
    editor = open_in(qtbot, screen, session_id, alex)
    found: list[Untranslated] = []
    for place in editor.places():
        editor.go(place)
        _settle(qtbot, manager)
        where = "/".join(str(part) for part in (place.page, place.step) if part)
        found += [replace(f, where=f"{f.where} ({where})") for f in finder.look(screen)]
    unique = list(dict.fromkeys(found))
    assert not unique, _report(unique)


def test_a_stale_catalogue_that_cannot_be_recompiled_is_used_rather_than_none(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import ui.i18n as i18n

    monkeypatch.setattr(i18n, "catalogue_folder", lambda: tmp_path)
    source, target = i18n.catalogue_source(), i18n.compiled_catalogue()
    target.write_bytes(b"compiled earlier")
    source.write_text("<TS/>", encoding="utf-8")
    os.utime(target, (1, 1))  # older than its source
    monkeypatch.setattr(i18n, "lrelease_command", lambda: None)  # as on a machine without PySide6's tools
    assert i18n.ensure_compiled() == target
    assert target.read_bytes() == b"compiled earlier"
    target.unlink()
    with pytest.raises(FileNotFoundError):  # no catalogue at all: the app starts in its source English
        i18n.ensure_compiled()


def test_a_built_app_uses_the_catalogue_it_carries_and_never_compiles(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import ui.i18n as i18n

    monkeypatch.setattr(i18n, "catalogue_folder", lambda: tmp_path)
    i18n.compiled_catalogue().write_bytes(b"shipped")
    i18n.catalogue_source().write_text("<TS/>", encoding="utf-8")  # newer, but not to be compiled
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(i18n, "compile_catalogue", lambda *_args: pytest.fail("compiled in a built app"))
    assert i18n.ensure_compiled() == i18n.compiled_catalogue()
