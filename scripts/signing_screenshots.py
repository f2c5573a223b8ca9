"""The sign-off screens for `make screenshots`: the manager's sign dialog, and the worker's
Sign-off tab with the signed note open for countersigning.

The demo's past sessions are all signed already, so one more session, ready to sign, is written
for a demo worker (tests/workbench/signing/builders.py makes it, as the sign-off tests do). The
manager signs it through the dialog; the worker then sees it waiting for their countersignature.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

Shot = Any  # scripts/screenshots.py's Shot (not imported: that script imports this one)
_made: dict[str, int] = {}


def _ready_session(shot: Shot) -> tuple[int, int, int]:
    """(session id, manager id, worker id) of a new ready-to-sign session of a demo worker."""
    from sqlalchemy import select

    from db.enums import Role
    from db.models import CaseAllocation, Staff, SupervisionSession
    from tests.workbench.signing.builders import Team1, make_session

    if "session" in _made:
        return _made["session"], _made["manager"], _made["worker"]
    db = shot.services.db
    with db() as s:
        latest = s.scalars(select(SupervisionSession)
                           .join(Staff, Staff.id == SupervisionSession.supervisee_id)
                           .where(Staff.role == Role.WORKER)
                           .order_by(SupervisionSession.meeting_at.desc())).first()
        assert latest is not None, "the demo has no supervision sessions"
        cases = s.scalars(select(CaseAllocation).where(CaseAllocation.worker_id == latest.supervisee_id,
                                                       CaseAllocation.end_date.is_(None))
                          .order_by(CaseAllocation.id).limit(2)).all()
        team = Team1(latest.supervisee.team_id or 0, latest.supervisor_id, latest.supervisee_id,
                     latest.question_set_version_id, tuple(c.id for c in cases),
                     tuple(c.child_id for c in cases))
        meeting_at = shot.services.clock().replace(hour=10, minute=0, second=0, microsecond=0)
    session_id = make_session(db, team, meeting_at=meeting_at,
                              answer="Mum has kept every appointment this month; school reports "
                                     "the children arrive fed and on time.")
    _demo_words(db, session_id)
    _made.update(session=session_id, manager=team.manager_id, worker=team.worker_id)
    return session_id, team.manager_id, team.worker_id


def _demo_words(db: Any, session_id: int) -> None:
    """The builder's session in the demo's words: those present, and answers to the demo set."""
    from db.engine import transaction
    from db.models import CaseDiscussion, SupervisionSession, Worry, WorryRevision

    with transaction(db) as s:
        sess = s.get_one(SupervisionSession, session_id)
        sess.present = [sess.supervisor.name, sess.supervisee.name]
        for discussion in s.query(CaseDiscussion).filter_by(session_id=session_id):
            discussion.answers = {
                "harm": "Two missed health appointments in September; none since.",
                "existing_strengths": ["Mum has kept every appointment this month",
                                       "School reports the children arrive fed and on time"],
                "next_steps": "Review the safety plan with the family network on Friday.",
            }
            discussion.impact_statement = ("Because we set up the network meeting, grandmother now "
                                           "does the school run twice a week.")
            danger = ("Social care is worried that the children will miss health care they need "
                      "if appointments are missed again.")
            goal = "Mum will keep every appointment, with grandmother's help."
            for worry in s.query(Worry).filter_by(opened_in_id=discussion.id):
                worry.danger_statement, worry.safety_goal = danger, goal
            for revision in s.query(WorryRevision).filter_by(discussion_id=discussion.id):
                revision.danger_statement, revision.safety_goal = danger, goal


def _as(shot: Shot, staff_id: int) -> Any:
    from db.models import Staff
    from workbench.access import Actor

    services = shot.services
    with services.db() as s:
        return replace(services, actor=Actor.of(s.get_one(Staff, staff_id)))


def sign_dialog(shot: Shot) -> None:
    """The manager's sign dialog for a session that is ready to sign; then it is signed."""
    from ui.signing.screen import SignOffScreen
    from workbench.signing.demo import DEMO_PASSPHRASE

    session_id, manager_id, _worker = _ready_session(shot)
    screen = SignOffScreen(_as(shot, manager_id))
    screen.resize(1100, 520)
    screen.show()
    shot.wait_until(lambda: screen.model.rowCount() > 0)
    screen.select_session(session_id)
    dialog = screen.open_step(screen.current_row.steps[0])
    assert dialog is not None
    shot.wait_until(lambda: dialog.facts is not None)
    if dialog.passphrase_edit.isVisible():  # no keyring holds the demo keys' passphrase here
        dialog.passphrase_edit.setText(DEMO_PASSPHRASE)
    dialog.resize(760, dialog.sizeHint().height())
    shot.save(dialog, "sign-dialog.png")
    done: list[object] = []
    dialog.signed.connect(done.append)
    dialog.start_signing()
    shot.wait_until(lambda: bool(done) or dialog.error_label.isVisible(), timeout_s=60)
    if not done:
        raise RuntimeError(f"the screenshot session was not signed: {dialog.error_label.text()}")
    screen.close()
    screen.deleteLater()


def countersign(shot: Shot) -> None:
    """The worker's Sign-off tab: the note waiting for them, and the signed note opened."""
    from ui.signing.screen import SignOffScreen

    session_id, _manager, worker_id = _ready_session(shot)
    screen = SignOffScreen(_as(shot, worker_id))
    screen.resize(1100, 420)
    screen.show()
    shot.wait_until(lambda: screen.model.rowCount() > 0)
    screen.select_session(session_id)
    screen.table.setFocus()
    shot.save(screen, "signoff-worker.png")
    note = screen.view_note()
    assert note is not None
    note.resize(900, 760)
    shot.wait_until(lambda: bool(note.pages) or "could not" in note.status_label.text(), timeout_s=60)
    shot.save(note, "signoff-note.png")
    note.close()
    screen.close()
    screen.deleteLater()


SIGNING_SHOTS = [sign_dialog, countersign]
