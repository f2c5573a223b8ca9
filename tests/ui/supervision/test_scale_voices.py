"""The scale step for a looked-after child and a child in need: their own wording, and every voice."""

from __future__ import annotations

import os

from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from db.engine import DbFactory
from db.enums import RaterRole
from tests.ui.supervision.conftest import North, open_in, started_session
from tests.ui.supervision.test_session_features import discussion_ids
from ui.services import AppServices
from ui.supervision.editor import SessionEditor
from ui.supervision.flow import DISCUSSION, SCALE, Place
from ui.supervision.scale_voices import VoiceRows
from ui.supervision.screen import SupervisionScreen

SHOTS = os.environ.get("WORKBENCH_SCREENSHOTS")  # a folder to save the step's pictures in


def scale_step(qtbot: QtBot, editor: SessionEditor, discussion_id: int):  # type: ignore[no-untyped-def]
    editor.go(Place(DISCUSSION, discussion_id, SCALE), focus=True)
    step = editor.discussion_page.step_widget(SCALE)
    qtbot.waitUntil(lambda: bool(step.rows), timeout=10_000)  # type: ignore[attr-defined]
    return step


def add_voice(qtbot: QtBot, editor: SessionEditor, voices: VoiceRows, label: str, name: str, score: int,
              reason: str, agency: str = "") -> None:
    voices.add_button.click()
    assert voices.form.isVisible()
    voices.perspective.setCurrentIndex(voices.perspective.findText(label))
    voices.name.setText(name)
    assert voices.agency.isVisible() == bool(agency)
    voices.agency.setText(agency)
    voices.score.setValue(score)
    voices.reason.setText(reason)
    voices.save_button.click()
    did = voices.step.discussion_id
    qtbot.waitUntil(lambda: any(s.rater_name == name for s in editor.state.discussion(did).scores)
                    and not voices.form.isVisible(), timeout=10_000)
    assert not voices.problem.text()


def texts(widget) -> str:  # type: ignore[no-untyped-def]
    return "\n".join(label.text() for label in widget.findChildren(QLabel) if label.isVisible())


def test_each_child_is_asked_in_their_own_words_and_every_voice_is_heard(
    qtbot: QtBot, screen: SupervisionScreen, services: AppServices, north: North,
    db: DbFactory,
) -> None:
    session_id = started_session(services, north, children=("C-1003", "C-1001"))
    looked_after, in_need = discussion_ids(db, session_id)
    editor = open_in(qtbot, screen, session_id, north)

    step = scale_step(qtbot, editor, looked_after)
    shown = texts(step)
    assert "the child is settled, safe and belongs in a home that will last" in shown
    assert "The placement is breaking down" in shown
    assert "can't live at home" not in shown
    assert step.chooser.choice.currentText() == "Looked after (Signs of Success)"  # type: ignore[attr-defined]
    row = next(iter(step.rows.values()))  # type: ignore[attr-defined]
    row.boxes[RaterRole.WORKER].setValue(6)
    row.reasons[RaterRole.WORKER].setText("Settled at school, contact going well")
    row.boxes[RaterRole.SUPERVISOR].setValue(5)
    voices = row.voices
    # the parent is asked in the words the question set gives a parent
    voices.add_button.click()
    voices.perspective.setCurrentIndex(voices.perspective.findText("Parent or carer"))
    assert "the mum (or dad) you have always wanted to be" in voices.prompt.text()
    voices.close_form()
    add_voice(qtbot, editor, voices, "The child", "Ben", 9, "I like it here, I have my own room")
    add_voice(qtbot, editor, voices, "Parent or carer", "Mum (Kerry Jones)", 2, "I want him home")
    add_voice(qtbot, editor, voices, "Other professional", "Ms Shah", 7, "Attendance 98%",
              agency="Virtual School")
    qtbot.waitUntil(lambda: editor.all_saved, timeout=10_000)
    view = editor.state.discussion(looked_after)
    assert {(s.rater, s.rater_name, s.rater_agency, s.score) for s in view.scores} == {
        (RaterRole.WORKER, None, None, 6), (RaterRole.SUPERVISOR, None, None, 5),
        (RaterRole.CHILD, "Ben", None, 9), (RaterRole.PARENT, "Mum (Kerry Jones)", None, 2),
        (RaterRole.PROFESSIONAL, "Ms Shah", "Virtual School", 7)}
    qtbot.waitUntil(lambda: len(voices.rows) == 3, timeout=10_000)
    qtbot.waitUntil(lambda: "Other professional: Ms Shah (Virtual School):" in texts(voices), timeout=10_000)
    # mum at 2 against the professionals: the family divergence prompt, and the box to answer it
    qtbot.waitUntil(lambda: any("family's and the professionals' scores are up to 5 apart" in n.text()
                                for n in step.prompt_notices), timeout=10_000)  # type: ignore[attr-defined]
    assert step.difference.isVisible()  # type: ignore[attr-defined]
    if SHOTS:
        editor.window().resize(1366, 768)
        step.grab().save(os.path.join(SHOTS, "scale_looked_after.png"))

    step = scale_step(qtbot, editor, in_need)
    shown = texts(step)
    assert "the family no longer needs our help" in shown
    assert "The child needs a child protection plan" in shown
    row = next(iter(step.rows.values()))  # type: ignore[attr-defined]
    add_voice(qtbot, editor, row.voices, "Safety network", "Nan (Pat Smith)", 6, "Sees them every day")
    # change the wording: a reason is needed and is recorded
    chooser = step.chooser  # type: ignore[attr-defined]
    chooser.choice.setCurrentIndex(chooser.choice.findText("Child protection"))
    chooser.apply.click()
    qtbot.waitUntil(lambda: "Say why this child is scored on 'Child protection'" in chooser.problem.text(),
                    timeout=10_000)
    chooser.reason.setText("Strategy discussion held yesterday; conference booked")
    chooser.apply.click()
    qtbot.waitUntil(lambda: "clear them first" in chooser.problem.text(), timeout=10_000)
    row.voices.rows[("network", "Nan (Pat Smith)")][0].setValue(-1)  # "Not scored" removes it
    editor.state.autosave.flush()
    qtbot.waitUntil(lambda: editor.all_saved and not editor.state.discussion(in_need).scores, timeout=10_000)
    chooser.apply.click()
    qtbot.waitUntil(lambda: editor.state.discussion(in_need).scale_variant == "child_protection",
                    timeout=10_000)
    qtbot.waitUntil(lambda: "can't live at home" in texts(step), timeout=10_000)
    assert "Strategy discussion held yesterday" in chooser.recorded.text()


def fifteen(services: AppServices, north: North, db: DbFactory) -> None:
    """C-1001 (Ada) is fifteen on the meeting day."""
    import datetime as dt

    from db.engine import transaction
    from db.models import CaseAllocation

    today = services.clock().date()
    with transaction(db) as s:
        child = s.get_one(CaseAllocation, north.case_ids["C-1001"]).child
        child.date_of_birth = today.replace(year=today.year - 15) - dt.timedelta(days=30)


def test_a_teenager_is_asked_plainly_not_on_their_fingers(
    qtbot: QtBot, screen: SupervisionScreen, services: AppServices, north: North,
    db: DbFactory,
) -> None:
    fifteen(services, north, db)
    session_id = started_session(services, north, children=("C-1001",))
    first = discussion_ids(db, session_id)[0]
    editor = open_in(qtbot, screen, session_id, north)
    voices = next(iter(scale_step(qtbot, editor, first).rows.values())).voices
    voices.add_button.click()
    voices.perspective.setCurrentIndex(voices.perspective.findText("The child"))
    assert voices.prompt.text().startswith("On a scale of 0 to 10, where 10 is home is fine")
    assert "fingers" not in voices.prompt.text()
    assert "0: Home is as bad as it could be. 10: Home is fine and I feel safe there." in voices.prompt.text()


def test_a_session_held_with_version_three_keeps_its_prompt_for_a_teenager(
    qtbot: QtBot, screen: SupervisionScreen, services: AppServices, north: North,
    db: DbFactory,
) -> None:
    fifteen(services, north, db)
    old_id = started_session(services, north, children=("C-1001",), version=3)
    old_first = discussion_ids(db, old_id)[0]
    editor = open_in(qtbot, screen, old_id, north)
    voices = next(iter(scale_step(qtbot, editor, old_first).rows.values())).voices
    voices.add_button.click()
    voices.perspective.setCurrentIndex(voices.perspective.findText("The child"))
    assert "You can show me on your fingers or draw it." in voices.prompt.text()
