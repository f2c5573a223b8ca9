"""The PDF prints a child's discussion in the mapping order, the order the app walks it: last
time's actions, the three columns (danger statements and safety goals in their parts), the
child's voice, then the scales, then one decisions heading and the actions agreed. A session
held with an older set and a free-text worry still prints, in the same order."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from db.engine import DbFactory, transaction
from db.enums import ActionStatus, SessionKind, SessionStatus
from db.models import (
    Action,
    CaseDiscussion,
    QuestionSetVersion,
    SupervisionSession,
    Worry,
    WorryRevision,
)
from tests.conftest import FixedClock
from tests.workbench.signing.builders import MEETING, Team1, make_session, make_team
from tests.workbench.signing.conftest import give_identities
from tests.workbench.signing.test_export import _export, _text
from workbench.audit import AuditTrail
from workbench.signing.identity import IdentityStore
from workbench.signing.signoff import SignOffService
from workbench.supervision.question_sets import load_question_set
from workbench.supervision.worry_parts import compose_goal, compose_statement

PARTS = {
    "who_is_worried": "The school and the social worker",
    "what_adults_do": "Dad drinks and leaves the children alone at night",
    "impact_on_child": "The children are frightened at bedtime",
    "if_nothing_changes": "The children could be hurt with no adult to help",
    "family_view": "Dad says the children are old enough",
    "carers_will": "Dad arranges a sober adult at home every night",
    "child_will_experience": "The children feel safe at bedtime",
    "professionals_will_see": "School sees the children rested",
    "time_frame": "Three months, including the holidays",
}
ORDER = ["Last time's actions reviewed", "What are we worried about?", "Danger statements",
         "What's working well?", "Safety goals", "What needs to happen?", "The child's voice",
         "The safety scale", "Decisions and impact", "Actions agreed"]


def _sign_and_export(db: DbFactory, identities: IdentityStore, clock: FixedClock,
                     team_ids: tuple[int, int], session_id: int, out: Path) -> list[Path]:
    give_identities(db, identities, *team_ids)
    service = SignOffService(db, identities, AuditTrail(clock), clock, documents=False)
    service.sign(session_id, signer_id=team_ids[0])
    return _export(db, identities, clock, [session_id], out)


def _lines(path: Path) -> list[str]:
    return [line.strip() for line in _text(path).splitlines() if line.strip()]


def _in_order(lines: list[str], headings: list[str]) -> list[int]:
    return [lines.index(heading) for heading in headings]


def test_a_childs_discussion_prints_in_the_mapping_order_with_worries_in_their_parts(
    db: DbFactory, identities: IdentityStore, clock: FixedClock, tmp_path: Path,
) -> None:
    team = make_team(db, children=1)
    v3 = load_question_set("default", 3)
    with transaction(db) as s:
        stored = s.get_one(QuestionSetVersion, team.question_set_id)
        stored.version, stored.content, stored.sha256 = v3.version, dict(v3.content), v3.sha256
        _earlier_session(team, s)
    session_id = make_session(db, team)
    with transaction(db) as s:
        discussion = s.scalars(select(CaseDiscussion).where(CaseDiscussion.session_id == session_id)).one()
        discussion.answers = {"harm": "Bruising seen at school", "existing_strengths": ["Nan helps"],
                              "next_steps": ["Network meeting"], "one_step_higher": "Dad sees his GP"}
        worry = s.scalars(select(Worry).where(Worry.opened_in_id == discussion.id)).one()
        revision = s.scalars(select(WorryRevision).where(WorryRevision.worry_id == worry.id)).one()
        for row in (worry, revision):
            row.parts = dict(PARTS)
            row.danger_statement, row.safety_goal = compose_statement(PARTS), compose_goal(PARTS)
        earlier = s.scalars(select(Action).where(Action.discussion_id != discussion.id)).one()
        earlier.status, earlier.reviewed_in_id = ActionStatus.DONE, discussion.id
    written = _sign_and_export(db, identities, clock, (team.manager_id, team.worker_id), session_id,
                               tmp_path / "out")
    extract = next(p for p in written if p.name.endswith("child-file.pdf"))
    lines = _lines(extract)
    positions = _in_order(lines, ORDER)
    assert positions == sorted(positions), [lines[p] for p in positions]
    # One decisions heading: the decisions and the impact statement sit under it.
    assert [line for line in lines if line.startswith("Decisions")] == ["Decisions and impact"]
    text = " ".join(" ".join(lines).split())
    assert "Danger statement 1 (opened in this meeting)" in text
    assert f"Who is worried: {PARTS['who_is_worried']}" in text
    assert f"What may happen if nothing changes: {PARTS['if_nothing_changes']}" in text
    assert f"The family's view, where it differs: {PARTS['family_view']}" in text
    assert "Safety goal 1 (for danger statement 1)" in text
    assert f"For how long: {PARTS['time_frame']}" in text
    assert "Hold a network meeting" in text  # the decision, under the one heading
    note = next(p for p in written if p.name.endswith("supervision-file.pdf"))
    assert [line for line in _lines(note) if line.startswith("Decisions")] == ["Decisions and impact"]


def _earlier_session(team: Team1, s: Session) -> int:
    """An earlier meeting with the child, whose open action this one reviews."""
    earlier = SupervisionSession(supervisor_id=team.manager_id, supervisee_id=team.worker_id,
                                 meeting_at=MEETING - dt.timedelta(days=28), duration_minutes=60,
                                 kind=SessionKind.CASE_ONE_TO_ONE, status=SessionStatus.DRAFT,
                                 question_set_version_id=team.question_set_id)
    s.add(earlier)
    s.flush()
    discussion = CaseDiscussion(session_id=earlier.id, child_id=team.child_ids[0], case_id=team.case_ids[0])
    s.add(discussion)
    s.flush()
    s.add(Action(case_id=team.case_ids[0], discussion_id=discussion.id,
                 description="Visit the children at home", owner_name="Bo Worker", status=ActionStatus.OPEN))
    return earlier.id


@pytest.mark.parametrize("version", [2, None])
def test_an_old_session_with_a_free_text_worry_still_prints_in_the_same_order(
    db: DbFactory, identities: IdentityStore, clock: FixedClock, tmp_path: Path,
    version: int | None,
) -> None:
    """Held with version 2 (worries in free text), or with a stored set that no longer parses."""
    team = make_team(db, children=1)
    if version is not None:
        old = load_question_set("default", version)
        with transaction(db) as s:
            stored = s.get_one(QuestionSetVersion, team.question_set_id)
            stored.version, stored.content, stored.sha256 = old.version, dict(old.content), old.sha256
    session_id = make_session(db, team)
    written = _sign_and_export(db, identities, clock, (team.manager_id, team.worker_id), session_id,
                               tmp_path / "out")
    extract = next(p for p in written if p.name.endswith("child-file.pdf"))
    lines = _lines(extract)
    text = " ".join(" ".join(lines).split())
    assert "Social care is worried that ..." in text  # the free text, as it was written
    assert "Mum will ..." in text
    assert "Who is worried:" not in text
    assert lines.index("Danger statement 1 (opened in this meeting)") < lines.index("Actions agreed")
    decisions = [line for line in lines if line.startswith("Decisions")]
    assert decisions == (["Decisions and impact"] if version else ["Decisions and their rationale"])
