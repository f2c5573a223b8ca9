"""Each child's scale wording and every voice's score, stored and audited (SQLite and PostgreSQL)."""

from __future__ import annotations

import datetime as dt

import pytest

from db.engine import DbFactory
from db.enums import RaterRole
from db.models import CaseDiscussion, ScalingScore
from tests.conftest import FixedClock
from workbench.signing.content import session_content
from workbench.supervision.agenda import add_agenda_item
from workbench.supervision.context import SupervisionContext
from workbench.supervision.discussions import choose_scale_variant
from workbench.supervision.errors import InvalidInput
from workbench.supervision.loading import load_discussion
from workbench.supervision.question_sets import load_question_set
from workbench.supervision.scale_rules import PromptKind
from workbench.supervision.scores import save_score
from workbench.supervision.sessions import start_session

from .conftest import Team1, audit_rows

W, S = RaterRole.WORKER, RaterRole.SUPERVISOR
CIN, CP, LAC = 0, 1, 2  # the team's cases C1..C3 by kind


def session_with(ctx: SupervisionContext, team: Team1, clock: FixedClock, *cases: int,
                 version: int | None = None) -> list[int]:
    started = start_session(ctx, supervisee_id=team.worker_id, meeting_at=clock() - dt.timedelta(hours=1),
                            question_set=load_question_set("default", version))
    return [add_agenda_item(ctx, started.session_id, team.case_ids[c]) for c in cases]


def test_each_child_gets_the_wording_of_their_case_kind(ctx: SupervisionContext, team: Team1,
                                                         clock: FixedClock) -> None:
    cin, cp, lac = session_with(ctx, team, clock, CIN, CP, LAC)
    scale = load_question_set("default").scale
    views = {d: load_discussion(ctx, d) for d in (cin, cp, lac)}
    assert [views[d].scale_variant for d in (cin, cp, lac)] == ["child_in_need", "child_protection",
                                                                "looked_after"]
    assert views[lac].scale_wording(scale).high == (
        "The child is settled, safe and belongs in a home that will last")
    assert views[cin].scale_wording(scale).low == "The child needs a child protection plan"
    # a session held with version 1 keeps version 1's single wording
    (old,) = session_with(ctx, team, clock, LAC, version=1)
    view = load_discussion(ctx, old)
    assert view.scale_variant is None
    assert view.scale_wording(load_question_set("default", 1).scale).low.startswith("Things are so bad")


def test_the_wording_changes_only_with_a_reason_and_before_scoring(
        ctx: SupervisionContext, team: Team1, clock: FixedClock, db: DbFactory) -> None:
    (lac,) = session_with(ctx, team, clock, LAC)
    with pytest.raises(InvalidInput, match="Say why this child is scored on 'Child protection'"):
        choose_scale_variant(ctx, lac, "child_protection")
    with pytest.raises(InvalidInput, match="no scale wording 'fostering'"):
        choose_scale_variant(ctx, lac, "fostering", "x")
    assert load_discussion(ctx, lac).scale_variant == "looked_after"  # untouched
    reason = "Return home is planned this month; the plan is child protection"
    assert choose_scale_variant(ctx, lac, "child_protection", reason)
    assert not choose_scale_variant(ctx, lac, "child_protection", reason)
    view = load_discussion(ctx, lac)
    assert (view.scale_variant, view.scale_variant_reason) == ("child_protection", reason)
    events = [e for e in audit_rows(db) if e[0] == "discussion.scale_variant"]
    assert [(e[3]["before"], e[3]["after"], e[3]["reason_given"]) for e in events] == [
        ("looked_after", "child_protection", True)]
    assert "Return home" not in repr(events)  # note text stays out of the audit trail
    save_score(ctx, lac, None, W, score=5, reason="Mum visits")
    with pytest.raises(InvalidInput, match="clear them first"):
        choose_scale_variant(ctx, lac, "looked_after")
    save_score(ctx, lac, None, W, score=None)
    assert choose_scale_variant(ctx, lac, "looked_after")  # back to the fitting one: no reason needed
    view = load_discussion(ctx, lac)
    assert (view.scale_variant, view.scale_variant_reason) == ("looked_after", "")
    with db() as s:
        assert s.get_one(CaseDiscussion, lac).scale_variant == "looked_after"


def test_every_voice_is_stored_with_name_agency_and_reason(
        ctx: SupervisionContext, team: Team1, clock: FixedClock, db: DbFactory) -> None:
    (cin,) = session_with(ctx, team, clock, CIN)
    save_score(ctx, cin, None, W, score=6, reason="School attendance is up")
    save_score(ctx, cin, None, S, score=5, reason="Still early days")
    save_score(ctx, cin, None, RaterRole.CHILD, score=8, reason="I like my new school",
               rater_name="Child 1")
    save_score(ctx, cin, None, RaterRole.PARENT, score=9, reason="We are fine now", rater_name="Mum (Jo)")
    save_score(ctx, cin, None, RaterRole.PARENT, score=4, reason="Worried about money",
               rater_name="Dad (Sam)")
    save_score(ctx, cin, None, RaterRole.NETWORK, score=7, reason="Nan sees them daily", rater_name="Nan")
    save_score(ctx, cin, None, RaterRole.PROFESSIONAL, score=5, reason="Missed two appointments",
               rater_name="Dr Patel", rater_agency="GP surgery")
    with pytest.raises(InvalidInput, match="Say which agency the other professional works for"):
        save_score(ctx, cin, None, RaterRole.PROFESSIONAL, score=5, rater_name="Ms Lee")
    with pytest.raises(InvalidInput, match="Say who the parent or carer is"):
        save_score(ctx, cin, None, RaterRole.PARENT, score=5)
    view = load_discussion(ctx, cin)
    stored = {(s.rater, s.rater_name): (s.score, s.reason, s.rater_agency) for s in view.scores}
    assert stored == {
        (W, None): (6, "School attendance is up", None),
        (S, None): (5, "Still early days", None),
        (RaterRole.CHILD, "Child 1"): (8, "I like my new school", None),
        (RaterRole.PARENT, "Mum (Jo)"): (9, "We are fine now", None),
        (RaterRole.PARENT, "Dad (Sam)"): (4, "Worried about money", None),
        (RaterRole.NETWORK, "Nan"): (7, "Nan sees them daily", None),
        (RaterRole.PROFESSIONAL, "Dr Patel"): (5, "Missed two appointments", "GP surgery"),
    }
    # mum at 9 against the manager at 5: four apart, at least the set's three
    assert [p.kind for p in view.prompts] == [PromptKind.FAMILY_DIFFERENCE]
    with db() as s:
        content = session_content(s, view.session_id)
        other = s.query(ScalingScore).filter_by(rater_role=RaterRole.PROFESSIONAL).one()
        assert other.rater_agency == "GP surgery"
    (part,) = content["discussions"]
    assert part["scale_variant"] == "child_in_need"
    assert {"rater_role": "professional", "rater_agency": "GP surgery"}.items() <= next(
        x for x in part["scores"] if x["rater_role"] == "professional").items()
    assert "rater_agency" not in next(x for x in part["scores"] if x["rater_role"] == "worker")


def test_a_version_one_session_takes_only_its_own_voices(ctx: SupervisionContext, team: Team1,
                                                        clock: FixedClock) -> None:
    (old,) = session_with(ctx, team, clock, CIN, version=1)
    with pytest.raises(InvalidInput, match="does not ask the professional to scale"):
        save_score(ctx, old, None, RaterRole.PROFESSIONAL, score=5, rater_name="Dr Patel", rater_agency="GP")
    save_score(ctx, old, None, RaterRole.PARENT, score=5, rater_name="Mum")
    assert [s.rater for s in load_discussion(ctx, old).scores] == [RaterRole.PARENT]


def test_blind_scaling_covers_every_voice_in_the_stored_discussion(
        ctx: SupervisionContext, team: Team1, clock: FixedClock) -> None:
    started = start_session(ctx, supervisee_id=team.worker_id, meeting_at=clock() - dt.timedelta(hours=1),
                            blind_scaling=True)
    cin = add_agenda_item(ctx, started.session_id, team.case_ids[CIN])
    save_score(ctx, cin, None, RaterRole.PARENT, score=1, reason="x", rater_name="Mum")
    saved = save_score(ctx, cin, None, W, score=7, reason="y")
    assert saved.prompts == ()  # the parent's 1 would give itself away
    view = load_discussion(ctx, cin)
    assert all(v.hidden for v in view.visible_scores(blind=True))
    assert [v.hidden for v in view.visible_scores(blind=True, viewer=W)] == [True, False]
    saved = save_score(ctx, cin, None, S, score=6, reason="z")
    assert {p.kind for p in saved.prompts} == {PromptKind.ESCALATION, PromptKind.FAMILY_DIFFERENCE}
    assert not any(v.hidden for v in load_discussion(ctx, cin).visible_scores(blind=True))
