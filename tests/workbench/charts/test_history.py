"""The history queries, on SQLite and PostgreSQL: what the charts are drawn from."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from db.engine import transaction
from db.enums import RaterRole, Role, SessionStatus
from db.models import AuditEvent, CaseDiscussion
from tests.conftest import FixedClock
from tests.workbench.charts.conftest import Caseload, at
from workbench.access import AccessDenied, Actor
from workbench.audit import AuditTrail
from workbench.caseload import open_cases
from workbench.caseload_scores import caseload_glance, rounded_score, team_view
from workbench.history import (
    CASE_AS_A_WHOLE,
    read_scale_history,
    session_score,
    short_label,
    view_scale_history,
)

W, S, P = RaterRole.WORKER, RaterRole.SUPERVISOR, RaterRole.PARENT
LONG = ("Social workers are worried that when Dad drinks he shouts and throws things and "
        "Amy could be hurt if nothing changes")


def test_scale_history_reads_every_score_in_meeting_order_with_its_worry(caseload: Caseload) -> None:
    worker = caseload.worker("Bo Worker")
    case = caseload.case(worker, name="Amy")
    other = caseload.case(worker)
    drink = caseload.worry(case, LONG)
    school = caseload.worry(case, "Not going to school")
    caseload.discuss(case, at("2026-09-01"), [(drink, W, 3), (drink, S, 2), (None, W, 4)])
    caseload.discuss(other, at("2026-09-02"), [(None, W, 9)])
    caseload.discuss(case, at("2026-10-01"), [(drink, W, 4), (school, W, 6), (school, P, 8)])
    caseload.discuss(case, at("2026-11-01"), [(drink, W, 7), (school, S, 7)], close=[drink])

    with caseload.db() as s:
        history = read_scale_history(s, case)

    assert [p.meeting_at for p in history.points] == sorted(p.meeting_at for p in history.points)
    assert len(history.points) == 8  # the other case's score is not in it
    assert history.sessions == (at("2026-09-01"), at("2026-10-01"), at("2026-11-01"))
    assert [t.label for t in history.worries] == [CASE_AS_A_WHOLE, short_label(LONG),
                                                   "Not going to school"]
    drink_track = history.worries[1]
    assert drink_track.statement == LONG
    assert drink_track.label.endswith("…")
    assert len(drink_track.label) <= 48
    assert drink_track.closed_at == at("2026-11-01")
    assert drink_track.closed_reason == "safety goal met"
    assert drink_track.session_means() == [(at("2026-09-01"), 2.5), (at("2026-10-01"), 4.0),
                                           (at("2026-11-01"), 7.0)]
    assert history.worries[2].closed_at is None
    assert history.raters == (W, S, P)
    first = history.points[0]
    assert (first.rater_role, first.score, first.reason) == (W, 3, "worker says 3")
    assert first.meeting_at.tzinfo is not None


def test_a_case_never_scored_has_an_empty_history(caseload: Caseload) -> None:
    case = caseload.case(caseload.worker("Bo Worker"))
    with caseload.db() as s:
        history = read_scale_history(s, case)
    assert history.is_empty
    assert history.worries == ()
    assert history.sessions == ()


def test_viewing_a_scale_history_is_audited_without_any_text(caseload: Caseload,
                                                              clock: FixedClock) -> None:
    case = caseload.case(caseload.worker("Bo Worker"))
    caseload.discuss(case, at("2026-09-01"), [(None, W, 5)])
    manager = Actor(caseload.manager_id, Role.TEAM_MANAGER, caseload.team_id)
    history = view_scale_history(caseload.db, AuditTrail(clock), actor=manager, case_id=case)
    assert len(history.points) == 1
    with caseload.db() as s:
        event = s.scalars(select(AuditEvent)).one()
    assert (event.action, event.entity_type, event.entity_id) == ("view_scale_history",
                                                                  "case_allocation", str(case))
    assert event.actor_id == caseload.manager_id
    assert event.details == {"scores": 1}


def test_short_labels_cut_at_a_word_and_flatten_whitespace() -> None:
    assert short_label("  Dad\n drinks  ") == "Dad drinks"
    label = short_label(LONG)
    assert label == "Social workers are worried that when Dad drinks…"
    assert short_label("x" * 60, limit=10) == "x" * 9 + "…"


def test_a_sessions_score_is_its_lowest_scale() -> None:
    assert session_score({None: 6.0, 1: 2.5, 2: 8.0}) == (2.5, 1)
    assert session_score({None: 4.0, 3: 4.0}) == (4.0, None)
    assert session_score({}) is None
    assert [rounded_score(v) for v in (0.2, 2.5, 7.49, 10.0)] == [0, 3, 7, 10]


def test_caseload_glance_gives_latest_previous_and_change(caseload: Caseload,
                                                          clock: FixedClock) -> None:
    worker = caseload.worker("Bo Worker")
    falling = caseload.case(worker, "A1", name="Amy")
    rising = caseload.case(worker, "B2")
    unscored = caseload.case(worker, "C3")
    caseload.case(worker, "D4", end=dt.date(2026, 6, 1))  # closed: not shown
    caseload.case(caseload.worker("Cy Other"), "E5")  # someone else's
    worry = caseload.worry(falling, "Dad drinks")
    caseload.discuss(falling, at("2026-09-01"), [(worry, W, 5), (worry, S, 6), (None, W, 7)])
    caseload.discuss(falling, at("2026-10-01"), [(worry, W, 4)])
    caseload.discuss(falling, at("2026-11-10"), [(worry, W, 2), (worry, S, 3), (None, S, 6)])
    caseload.discuss(rising, at("2026-11-01"), [(None, W, 6)])
    caseload.discuss(rising, at("2026-11-20"), [(None, W, 8), (None, P, 9)])

    rows = {r.case_id: r for r in caseload_glance(caseload.db, clock, worker_id=worker)}

    assert set(rows) == {falling, rising, unscored}
    amy = rows[falling]
    assert amy.child_label == "Amy"
    assert (amy.latest_score, amy.previous_score, amy.change) == (2.5, 4.0, -1.5)
    assert amy.latest_at == at("2026-11-10")
    assert amy.previous_at == at("2026-10-01")
    assert amy.lowest_scale == "Dad drinks"
    assert (rows[rising].latest_score, rows[rising].change) == (8.5, 2.5)
    assert rows[rising].lowest_scale == CASE_AS_A_WHOLE
    assert rows[rising].child_label == "B2"
    none = rows[unscored]
    assert (none.latest_score, none.previous_score, none.change) == (None, None, None)


def test_overdue_for_supervision_after_28_days_or_14_when_newly_qualified(
        caseload: Caseload, clock: FixedClock) -> None:
    today = clock.today()
    experienced = caseload.worker("Bo Worker")
    newly = caseload.worker("Nia New", newly_qualified_until=today + dt.timedelta(days=100))
    recent = caseload.case(experienced, "A1")
    stale = caseload.case(experienced, "A2")
    never = caseload.case(experienced, "A3", start=today - dt.timedelta(days=10))
    never_no_start = caseload.case(experienced, "A4", start=None)
    nq_case = caseload.case(newly, "B1")
    caseload.discuss(recent, clock() - dt.timedelta(days=28))
    caseload.discuss(stale, clock() - dt.timedelta(days=29))
    caseload.discuss(stale, clock() + dt.timedelta(days=2))  # planned, not yet held
    caseload.discuss(nq_case, clock() - dt.timedelta(days=15))

    rows = {r.case_id: r for r in caseload_glance(caseload.db, clock, team_id=caseload.team_id)}

    assert not rows[recent].overdue
    assert rows[recent].supervision_due == today
    assert rows[stale].overdue
    assert rows[stale].last_supervised == clock() - dt.timedelta(days=29)
    assert not rows[never].overdue
    assert rows[never].last_supervised is None
    assert rows[never_no_start].overdue
    assert rows[never_no_start].supervision_due is None
    assert rows[nq_case].overdue
    assert rows[nq_case].newly_qualified
    clock.advance(days=101)  # the assessed year is over: 28 days again, but time moved on too
    later = {r.case_id: r for r in caseload_glance(caseload.db, clock, worker_id=newly)}
    assert not later[nq_case].newly_qualified


def test_team_view_distribution_months_and_share_scored(caseload: Caseload,
                                                         clock: FixedClock) -> None:
    worker = caseload.worker("Bo Worker")
    a, b, _unscored = (caseload.case(worker, f"T{i}") for i in range(3))
    closed = caseload.case(worker, "T9", end=dt.date(2026, 10, 30))
    caseload.discuss(a, at("2026-10-05"), [(None, W, 4)])
    caseload.discuss(a, at("2026-10-25"), [(None, W, 6)])  # a's October score is its last: 6
    caseload.discuss(a, at("2026-11-20"), [(None, W, 2), (None, S, 3)])  # 2.5 rounds to 3
    caseload.discuss(b, at("2026-10-12"), [(None, W, 9)])
    caseload.discuss(b, at("2026-11-02"), [(None, W, 8)])
    caseload.discuss(closed, at("2026-10-20"), [(None, W, 1)])
    caseload.discuss(closed, at("2025-06-20"), [(None, W, 1)])  # before the 12-month window

    view = team_view(caseload.db, clock, team_id=caseload.team_id)

    assert view.team_name == "Northgate"
    assert (view.open_cases, view.scored_cases, view.unscored_cases) == (3, 2, 1)
    assert view.share_scored == 2 / 3
    assert view.distribution[3] == 1
    assert view.distribution[8] == 1
    assert sum(view.distribution) == 2
    assert len(view.months) == 12
    assert view.months[0].month == dt.date(2025, 12, 1)
    assert view.months[-1].month == dt.date(2026, 11, 1)
    october, november = view.months[-2], view.months[-1]
    assert (october.mean, october.median, october.cases_scored) == ((6 + 9 + 1) / 3, 6, 3)
    assert (november.mean, november.median, november.cases_scored) == ((2.5 + 8) / 2, 5.25, 2)
    assert all(m.mean is None and m.cases_scored == 0 for m in view.months[:-2])




def test_scores_are_shown_only_to_those_who_may_see_the_case(caseload: Caseload,
                                                             clock: FixedClock) -> None:
    bo = caseload.worker("Bo Worker")
    cy = caseload.worker("Cy Other")
    case = caseload.case(bo, "A1")
    caseload.discuss(case, at("2026-11-01"), [(None, W, 4)])
    as_bo, as_cy = Actor(bo, Role.WORKER, caseload.team_id), Actor(cy, Role.WORKER, caseload.team_id)
    admin = Actor(caseload.manager_id, Role.ADMIN, None)
    audit = AuditTrail(clock)

    with pytest.raises(AccessDenied, match="not on a caseload you can see"):
        view_scale_history(caseload.db, audit, actor=as_cy, case_id=case)
    with pytest.raises(AccessDenied, match="own caseload only"):
        caseload_glance(caseload.db, clock, worker_id=bo, actor=as_cy)
    with pytest.raises(AccessDenied, match="own caseload only"):
        team_view(caseload.db, clock, team_id=caseload.team_id, actor=as_bo)
    with pytest.raises(AccessDenied, match="Admins manage identities"):
        caseload_glance(caseload.db, clock, team_id=caseload.team_id, actor=admin)
    with caseload.db() as s:
        assert s.scalars(select(AuditEvent)).all() == []  # nothing was shown, nothing recorded

    assert len(view_scale_history(caseload.db, audit, actor=as_bo, case_id=case).points) == 1
    assert [r.case_id for r in caseload_glance(caseload.db, clock, worker_id=bo, actor=as_bo)] == [case]
    assert caseload_glance(caseload.db, clock, worker_id=cy, actor=as_cy) == []
    lead = Actor(caseload.manager_id, Role.PRACTICE_LEAD, None)
    assert team_view(caseload.db, clock, team_id=caseload.team_id, actor=lead).scored_cases == 1


def test_the_caseload_shows_each_childs_latest_supervision_that_was_not_discarded(
        caseload: Caseload) -> None:
    bo, cy = caseload.worker("Bo Worker"), caseload.worker("Cy Worker")
    twice, discarded, never, other = (caseload.case(bo, "A1"), caseload.case(bo, "A2"),
                                      caseload.case(bo, "A3"), caseload.case(cy, "B1"))
    caseload.discuss(twice, at("2026-10-01"))
    caseload.discuss(twice, at("2026-09-01"))  # typed later, held earlier
    caseload.discuss(discarded, at("2026-08-01"))
    thrown_away = caseload.discuss(discarded, at("2026-11-01"))
    caseload.discuss(other, at("2026-11-02"))
    with transaction(caseload.db) as s:
        s.get_one(CaseDiscussion, thrown_away).session.status = SessionStatus.DISCARDED

    cases = {row.case_id: row for row in open_cases(caseload.db, worker_id=bo)}

    assert set(cases) == {twice, discarded, never}
    assert cases[twice].last_supervised == at("2026-10-01")
    assert cases[discarded].last_supervised == at("2026-08-01")
    assert cases[never].last_supervised is None
    assert cases[twice].key_dates is None  # read only when asked for
    assert open_cases(caseload.db, worker_id=bo, with_key_dates=True)[0].key_dates == {}
