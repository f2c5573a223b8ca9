"""The supervision screens for `make screenshots`: the agenda, a case discussion with the scale
history beside it, the drafts list, and a worker's reflection, from the demo data.

Each function takes the ``Shot`` of scripts/screenshots.py (the demo window and its services)
and drives the window as a user would; scripts/screenshots.py adds :data:`SUPERVISION_SHOTS` to
its list. The demo's open draft (yesterday's session with its first worker) reopens by itself.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

Shot = Any  # scripts/screenshots.py's Shot (not imported: that script imports this one)


def _editor(shot: Shot) -> Any:
    from ui.supervision.screen import SupervisionScreen

    screen = shot.window.screens["supervision"]
    assert isinstance(screen, SupervisionScreen)
    shot.window.tabs.setCurrentWidget(screen)
    shot.wait_until(lambda: screen.editor is not None)
    editor = screen.editor
    shot.wait_until(lambda: editor.all_saved)
    return editor


def agenda(shot: Shot) -> None:
    """The draft's agenda: who is to be discussed and why, with the worker's reflections."""
    from ui.supervision.flow import AGENDA, Place

    editor = _editor(shot)
    editor.go(Place(AGENDA), focus=True)
    page = editor.agenda_page
    shot.wait_until(lambda: page.add_combo.count() > 0)  # the caseload to add from is read
    page.table.selectRow(0)
    shot.save(shot.window, "supervision-agenda.png")


def case_discussion(shot: Shot) -> None:
    """The first child's safety scale, the scale history in view beside the scores."""
    from ui.supervision.flow import DISCUSSION, SCALE, Place

    editor = _editor(shot)
    first = editor.state.discussions[0].id
    editor.go(Place(DISCUSSION, first, SCALE), focus=True)
    chart = editor.discussion_page.chart
    shot.wait_until(lambda: chart.chart is not None)
    shot.save(shot.window, "supervision-case-discussion.png")
    editor.go(Place(DISCUSSION, first, "section:worried"))
    shot.save(shot.window, "supervision-questions.png")


def drafts(shot: Shot) -> None:
    """The Supervision tab's home: every unfinished session of the manager, with how far each
    got; then the demo's draft is opened again for the shots that follow."""
    from ui.supervision.screen import SupervisionScreen

    _editor(shot)
    screen = shot.window.screens["supervision"]
    assert isinstance(screen, SupervisionScreen)
    screen.close_editor()
    shot.wait_until(lambda: screen.editor is None and screen.drafts_model.rowCount() > 0)
    screen.drafts_view.selectRow(0)
    shot.save(shot.window, "supervision-drafts.png")
    screen.continue_draft()
    shot.wait_until(lambda: screen.editor is not None)


def worker_reflection(shot: Shot) -> None:
    """Worker mode: a worker's caseload and the reflection they are preparing on one child."""
    from ui.supervision.reflection_model import STATUS
    from ui.supervision.reflection_screen import ReflectionScreen

    screen = shot.window.screens["reflections"]
    assert isinstance(screen, ReflectionScreen)
    shot.window.tabs.setCurrentWidget(screen)
    shot.wait_until(lambda: screen.model.rowCount() > 0)
    model = screen.model
    prepared = next((row for row in range(model.rowCount())
                     if model.index(row, STATUS).data() != "Not started"), 0)
    screen.table.selectRow(prepared)
    shot.wait_until(lambda: screen.form is not None)
    shot.save(shot.window, "worker-reflection.png")
    shot.window.tabs.setCurrentIndex(0)


SUPERVISION_SHOTS: list[Callable[[Shot], None]] = [agenda, case_discussion, drafts, worker_reflection]
