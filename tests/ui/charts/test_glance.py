"""The caseload at a glance beside the caseload table: order, overdue marks, a click opens the
child (selected in the table, case history shown and audited), capped rows, the runner."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from db.models import AuditEvent
from tests.ui.charts.conftest import BEN_WORRY, BO_ORDER, NORTH_ORDER, Scored, ThreadNotingRunner, signed_in
from tests.ui.charts.helpers import chart_rows, click_row, shown
from tests.workbench.charts.helpers import by_gid
from ui.scores import glance_panel
from ui.scores.case_history import CaseHistoryDialog
from ui.screens.caseload_screen import CaseloadScreen
from ui.services import AppServices
from workbench.charts import BuiltChart

WAIT_MS = 20_000  # the first chart of a test run pays for importing matplotlib


def open_caseload(qtbot: QtBot, services: AppServices) -> CaseloadScreen:
    """The caseload screen, shown, with its first glance chart drawn."""
    screen = CaseloadScreen(services)
    with qtbot.waitSignal(screen.glance.glance_shown, timeout=WAIT_MS):
        shown(qtbot, screen)
    return screen


def choose_worker(qtbot: QtBot, screen: CaseloadScreen, name: str) -> None:
    index = screen.worker_combo.findText(name)
    assert index > 0, name
    with qtbot.waitSignal(screen.glance.glance_shown, timeout=WAIT_MS):
        screen.worker_combo.setCurrentIndex(index)


def names_by_case(scored: Scored) -> dict[int, str]:
    return {case_id: name for name, case_id in scored.cases.items()}


def history_shown(qtbot: QtBot, screen: CaseloadScreen) -> tuple[CaseHistoryDialog, BuiltChart]:
    """The case history dialog the last click opened, once its chart is drawn."""
    # A click opens it at once; a mnemonic (Alt+A) clicks its button a moment later.
    qtbot.waitUntil(lambda: screen.findChild(CaseHistoryDialog) is not None, timeout=WAIT_MS)
    dialog = screen.findChild(CaseHistoryDialog)
    assert dialog is not None
    assert dialog.isVisible()
    qtbot.waitUntil(lambda: dialog.chart.chart is not None, timeout=WAIT_MS)
    chart = dialog.chart.chart
    assert chart is not None
    return dialog, chart


def test_the_team_and_its_workers_are_charted_lowest_and_falling_first_overdue_marked(
        qtbot: QtBot, services: AppServices, scored: Scored) -> None:
    screen = open_caseload(qtbot, services)
    assert screen.team_combo.currentText() == "North"
    assert chart_rows(screen.glance.chart, names_by_case(scored)) == NORTH_ORDER
    choose_worker(qtbot, screen, "Bo Worker")
    chart = screen.glance.chart.chart
    assert chart is not None
    assert chart_rows(screen.glance.chart, names_by_case(scored)) == BO_ORDER
    labels = {name: by_gid(chart.figure, f"glance-name:{scored.cases[name]}")[0].get_text()
              for name in BO_ORDER}
    assert labels == {"Ben": "Ben", "Eve": "Eve", "Cat": "Cat (overdue)", "Amy": "Amy",
                      "Dan": "Dan (overdue)"}
    assert screen.glance.note_label.text().startswith(
        "5 open cases, lowest and falling first. 2 overdue for supervision")
    # What a screen reader hears: the same children in the same order.
    assert screen.glance.chart.accessibleDescription() == chart.summary
    assert chart.summary.index("Ben: 2, down 2 from 4") < chart.summary.index("Eve: 2 (first score)") \
        < chart.summary.index("Cat: 5, up 2 from 3, overdue") < chart.summary.index("Dan: no score yet")


def test_clicking_a_child_selects_its_row_and_opens_its_audited_case_history(
        qtbot: QtBot, services: AppServices, scored: Scored) -> None:
    services = signed_in(services, scored, "Ann Manager")
    screen = open_caseload(qtbot, services)
    choose_worker(qtbot, screen, "Bo Worker")
    screen.filter_edit.setText("Amy")  # Ben's row is filtered out of the table
    assert screen.proxy.rowCount() == 1
    click_row(qtbot, screen.glance.chart, BO_ORDER.index("Ben"))
    dialog, chart = history_shown(qtbot, screen)
    selected = screen.selected_case()
    assert selected is not None
    assert (selected.case_id, selected.child_name) == (scored.cases["Ben"], "Ben")
    assert screen.filter_edit.text() == ""  # cleared, so the chosen child shows
    assert dialog.case_id == scored.cases["Ben"]
    assert dialog.heading.text() == "Ben (C-2) · Child in need · Bo Worker"
    assert chart.kind == "scale_history"
    assert dialog.summary.isVisible()
    assert dialog.summary.text() == chart.summary
    assert "Ben's dad drinks <heavily> & shouts" in chart.summary  # shortened in the summary
    assert dialog.summary.textFormat() == Qt.TextFormat.PlainText  # markup characters stay text
    assert BEN_WORRY in dialog.worries.text()  # and in full under it
    assert dialog.chart.accessibleDescription() == chart.summary
    with services.db() as s:
        events = s.execute(select(AuditEvent.actor_id, AuditEvent.entity_id)
                           .where(AuditEvent.action == "view_scale_history")).all()
    assert events == [(scored.staff["Ann Manager"], str(scored.cases["Ben"]))]
    dialog.close()


def test_alt_a_opens_the_history_of_the_child_selected_in_the_table(
        qtbot: QtBot, services: AppServices, scored: Scored) -> None:
    screen = open_caseload(qtbot, services)
    assert not screen.glance.history_button.isEnabled()
    screen.activateWindow()
    qtbot.waitUntil(screen.isActiveWindow)
    screen.table.setFocus()
    screen.table.selectRow(0)  # the first row: C-1, Amy (child id order)
    assert screen.glance.history_button.isEnabled()
    assert screen.glance.history_button.text() == "Sc&ale history…"
    qtbot.keyClick(screen.table, Qt.Key.Key_A, Qt.KeyboardModifier.AltModifier)
    dialog, _chart = history_shown(qtbot, screen)
    assert dialog.case_id == scored.cases["Amy"]
    assert dialog.summary.text().startswith("Scaling scores over 2 sessions from 1 Oct 2026 to 10 Nov")
    dialog.close()
    choose_worker(qtbot, screen, "Cy Worker")  # a new table: nothing selected, nothing to open
    assert screen.selected_case() is None
    assert not screen.glance.history_button.isEnabled()


def test_a_big_caseload_shows_its_most_urgent_children_and_says_so(
        qtbot: QtBot, services: AppServices, scored: Scored) -> None:
    screen = CaseloadScreen(services)
    screen.glance.max_rows = 3  # as 60 of 5,000
    with qtbot.waitSignal(screen.glance.glance_shown, timeout=WAIT_MS):
        shown(qtbot, screen)
    assert chart_rows(screen.glance.chart, names_by_case(scored)) == NORTH_ORDER[:3]
    assert screen.glance.note_label.text().startswith(
        "Showing the 3 most urgent of 6 open cases, lowest and falling first (the table lists them all).")
    assert screen.model.rowCount() == 6
    summary = screen.glance.chart.accessibleDescription()
    assert summary.startswith("6 open cases; the chart shows the 3 most urgent")
    assert "Cat" in summary
    assert "Amy" not in summary


def test_the_chart_is_built_off_the_ui_thread_while_the_table_stays_usable(
        qtbot: QtBot, services: AppServices, scored: Scored, runner: ThreadNotingRunner,
        monkeypatch: pytest.MonkeyPatch) -> None:
    release = threading.Event()
    real_read = glance_panel.read_glance

    def slow_read(*args, **kwargs):  # type: ignore[no-untyped-def]
        assert release.wait(timeout=30)
        return real_read(*args, **kwargs)

    monkeypatch.setattr(glance_panel, "read_glance", slow_read)
    screen = CaseloadScreen(services)
    shown(qtbot, screen)
    qtbot.waitUntil(lambda: runner.on_ui_thread["caseload at a glance"] == [False], timeout=WAIT_MS)
    # The chart is still being built; the window answers meanwhile.
    assert screen.glance.chart.canvas is None
    assert screen.glance.chart.accessibleDescription() == "Drawing the chart…"
    assert screen.model.rowCount() == 6
    qtbot.keyClicks(screen.filter_edit, "Fay")
    assert screen.proxy.rowCount() == 1
    assert screen.count_label.text() == "1 of 6 open cases"
    with qtbot.waitSignal(screen.glance.glance_shown, timeout=WAIT_MS):
        release.set()
    assert screen.glance.chart.canvas is not None
    assert runner.on_ui_thread["caseload at a glance"] == [False]


def test_a_worker_sees_their_own_children_and_cannot_open_another_teams(
        qtbot: QtBot, services: AppServices, scored: Scored) -> None:
    services = signed_in(services, scored, "Bo Worker")
    screen = open_caseload(qtbot, services)
    assert chart_rows(screen.glance.chart, names_by_case(scored)) == BO_ORDER
    dialog = CaseHistoryDialog(services, scored.cases["Gus"], "Gus (C-7)", screen)
    with qtbot.waitSignal(dialog.failed, timeout=WAIT_MS) as refused:
        dialog.open()
    assert refused.args[0].startswith("This child is not on a caseload you can see.")
    assert dialog.chart.canvas is None
    assert dialog.chart.accessibleDescription() == refused.args[0]
    with services.db() as s:
        assert s.scalars(select(AuditEvent.id).where(AuditEvent.action == "view_scale_history")).all() == []
    dialog.close()


def test_an_admin_gets_a_message_not_a_chart(
        qtbot: QtBot, services: AppServices, scored: Scored) -> None:
    services = signed_in(services, scored, "Ida Admin")
    screen = CaseloadScreen(services)
    with qtbot.waitSignal(screen.load_failed, timeout=WAIT_MS) as failed:
        shown(qtbot, screen)
    assert failed.args[0].startswith("Admins manage identities")
    assert screen.glance.chart.accessibleDescription() == failed.args[0]
    assert screen.glance.chart.canvas is None
