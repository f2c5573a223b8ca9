"""Losing the server loses nothing: a worker types a reflection while the PostgreSQL server
restarts; the screen says the text is not saved yet and is kept, and once the server is back
everything typed is written without the worker doing anything.

The test runs its own PostgreSQL server (stopping the suite's would disturb every other test)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import create_engine, select, text

from db.engine import DbFactory, make_engine
from db.migrate import upgrade_to_head
from db.models import Reflection
from tests.support.postgres import PostgresServer, start_server
from tests.ui.supervision.driving import ALT, type_text, wait_for_focus
from ui.supervision.reflection_model import CHILD_ID
from ui.supervision.reflection_screen import ReflectionScreen


@pytest.fixture(scope="module")
def own_server() -> Iterator[PostgresServer]:
    server = start_server()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def db_url(own_server: PostgresServer) -> str:
    """Overrides the suite's: this module's tests use their own server, PostgreSQL only."""
    admin = create_engine(own_server.admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text("CREATE DATABASE restart_test"))
    admin.dispose()
    url = own_server.url("restart_test")
    engine = make_engine(url)
    upgrade_to_head(engine)
    engine.dispose()
    return url


def _stored(db: DbFactory) -> str | None:
    with db() as s:
        return s.scalars(select(Reflection.what_happened)).one_or_none()


def test_typing_through_a_server_restart_loses_nothing(
        qtbot: QtBot, reflections: ReflectionScreen, own_server: PostgresServer,
        db: DbFactory) -> None:
    qtbot.waitUntil(lambda: reflections.model.rowCount() == 3)
    row = next(r for r in range(3) if reflections.model.index(r, CHILD_ID).data() == "C-1002")
    table = reflections.table
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton,
                     pos=table.visualRect(reflections.model.index(row, CHILD_ID)).center())
    qtbot.waitUntil(lambda: reflections.form is not None)
    qtbot.keyClick(table, Qt.Key.Key_P, ALT)  # "What ha&ppened?"
    wait_for_focus(qtbot, "What happened")
    type_text(qtbot, "Visited on Monday")
    qtbot.waitUntil(lambda: reflections.all_saved, timeout=10_000)
    assert _stored(db) == "Visited on Monday"

    own_server.stop_for_now()
    try:
        type_text(qtbot, "; Dad was sober")
        qtbot.waitUntil(lambda: "not saved yet" in reflections.save_status.text().lower(), timeout=20_000)
        assert "connection to the database server was lost" in reflections.notice.label.text()
        assert reflections.form is not None
        assert reflections.form.what_happened.toPlainText() == "Visited on Monday; Dad was sober"
        type_text(qtbot, " both times")  # still typing while the server is away
    finally:
        own_server.start_again()

    qtbot.waitUntil(lambda: reflections.all_saved, timeout=30_000)
    assert reflections.save_status.text() == "All changes saved"
    assert not reflections.notice.isVisible()
    assert _stored(db) == "Visited on Monday; Dad was sober both times"
