"""Nothing cut off on a council laptop (1366x768): the scale history chart beside the scale
step is whole inside its panel."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QPoint, QRect
from PySide6.QtWidgets import QPlainTextEdit, QWidget
from pytestqt.qtbot import QtBot

from db.engine import DbFactory
from db.enums import RaterRole
from tests.ui.supervision.conftest import North, context_for, open_in, started_session
from tests.ui.supervision.test_session_features import discussion_ids
from ui.services import AppServices
from ui.supervision.flow import DISCUSSION, SCALE, Place
from ui.supervision.screen import SupervisionScreen
from workbench.supervision.scores import save_score
from workbench.supervision.worries import add_worry


def _rect_in(widget: QWidget, ancestor: QWidget) -> QRect:
    return QRect(widget.mapTo(ancestor, QPoint(0, 0)), widget.size())


def _with_history(services: AppServices, north: North, db: DbFactory) -> int:
    """Three earlier sessions scoring C-1001, then today's session about C-1001."""
    ctx = context_for(services, north)
    worry = None
    for days_ago, (worker, manager) in ((90, (3, 4)), (60, (4, 4)), (30, (5, 6))):
        discussion_id = discussion_ids(db, started_session(services, north, days_ago=days_ago,
                                                                children=("C-1001",)))[0]
        if worry is None:
            worry = add_worry(ctx, discussion_id, "Dad drinks and the children are alone at night",
                              "A sober adult is always home").worry_id
        save_score(ctx, discussion_id, worry, RaterRole.WORKER, score=worker, reason="Steady")
        save_score(ctx, discussion_id, worry, RaterRole.SUPERVISOR, score=manager, reason="Agree")
    return started_session(services, north, days_ago=0, children=("C-1001",))


def test_at_1366_by_768_the_scale_history_chart_is_whole(
    qtbot: QtBot, screen: SupervisionScreen, services: AppServices, north: North,
    db: DbFactory, tmp_path: Path,
) -> None:
    session_id = _with_history(services, north, db)
    screen.resize(1366, 768)
    editor = open_in(qtbot, screen, session_id, north)
    first = discussion_ids(db, session_id)[0]
    editor.go(Place(DISCUSSION, first, SCALE), focus=True)
    page = editor.discussion_page
    chart = page.chart
    qtbot.waitUntil(lambda: chart.canvas is not None and chart.canvas.isVisible(), timeout=15_000)
    # Once the panel has settled at its width, the chart is redrawn to fit it.
    qtbot.waitUntil(lambda: chart.canvas is not None
                    and chart.canvas.width() <= chart.width(), timeout=15_000)
    if os.environ.get("WORKBENCH_SAVE_SHOTS"):  # to look at it: WORKBENCH_SAVE_SHOTS=DIR
        screen.grab().save(str(Path(os.environ["WORKBENCH_SAVE_SHOTS"]) / "laptop-scale.png"))
    canvas = chart.canvas
    shown = _rect_in(canvas, chart)
    assert QRect(QPoint(0, 0), chart.size()).contains(QRect(shown.topLeft(), QPoint(
        shown.right(), shown.top()))), (shown, chart.size())  # the whole width, no sideways scroll
    assert _rect_in(chart, screen).right() <= screen.width()



def test_at_1366_by_768_a_long_reason_wraps_and_the_box_grows_to_show_it(
    qtbot: QtBot, screen: SupervisionScreen, services: AppServices, north: North,
    db: DbFactory,
) -> None:
    session_id = _with_history(services, north, db)
    screen.resize(1366, 768)
    editor = open_in(qtbot, screen, session_id, north)
    first = discussion_ids(db, session_id)[0]
    editor.go(Place(DISCUSSION, first, SCALE), focus=True)
    step = editor.discussion_page.step_widget(SCALE)
    row = next(iter(step.rows.values()))  # type: ignore[attr-defined]
    reason = row.reasons[RaterRole.WORKER]
    qtbot.waitUntil(reason.isVisible)
    one_line = reason.height()
    said = ("Dad has been sober at every unannounced visit since the last conference, the school "
            "says both children arrive on time and fed, and the grandmother now stays three nights "
            "a week; but the police were called once in October after an argument.")
    row.boxes[RaterRole.WORKER].setValue(6)
    reason.setText(said)
    inner = reason.findChild(QPlainTextEdit)
    assert inner is not None
    qtbot.waitUntil(lambda: reason.height() >= 2 * one_line)  # wrapped onto more lines, all shown
    assert inner.horizontalScrollBar().maximum() == 0  # nothing off to the side
    assert inner.verticalScrollBar().maximum() == 0  # nor below: the box grew to the text
    assert _rect_in(reason, screen).right() <= screen.width()
    if os.environ.get("WORKBENCH_SAVE_SHOTS"):
        screen.grab().save(str(Path(os.environ["WORKBENCH_SAVE_SHOTS"]) / "laptop-reason.png"))
    # Saved as typed (the wrapping is only how it is shown).
    qtbot.waitUntil(lambda: editor.all_saved and any(
        s.reason == said for s in editor.state.discussion(first).scores), timeout=10_000)


def test_a_reason_already_written_is_shown_whole_at_any_width(qtbot: QtBot) -> None:
    from PySide6.QtWidgets import QLineEdit, QVBoxLayout

    from ui.supervision.widgets import ReasonBox

    said = "Nan now stays three nights a week and the school reports every day. " * 3
    holder = QWidget()
    layout = QVBoxLayout(holder)
    box = ReasonBox("Worker's reason", text=said)
    layout.addWidget(box)
    layout.addStretch(1)
    qtbot.addWidget(holder)
    inner = box.findChild(QPlainTextEdit)
    assert inner is not None
    holder.resize(900, 400)
    holder.show()
    qtbot.waitExposed(holder)
    wide = box.height()
    holder.resize(320, 400)  # narrower: more lines, a taller box, still no scrolling
    qtbot.waitUntil(lambda: box.height() > wide)
    assert inner.verticalScrollBar().maximum() == 0
    # Blind scaling masks it; what is typed then is there when it is shown again.
    box.setEchoMode(QLineEdit.EchoMode.Password)
    masked = box.findChild(QLineEdit)
    assert masked is not None
    assert masked.isVisible()
    assert not inner.isVisible()
    masked.setText("Hidden until both have scored")
    box.setEchoMode(QLineEdit.EchoMode.Normal)
    assert inner.toPlainText() == "Hidden until both have scored"
    assert box.text() == "Hidden until both have scored"
