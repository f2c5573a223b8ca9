"""The agenda rules on plain facts (no database)."""

from __future__ import annotations

import datetime as dt

import pytest

from db.enums import CaseKind
from workbench.supervision.agenda_rules import (
    AgendaPolicy,
    CaseFacts,
    ReasonCode,
    agenda_reasons,
    propose,
    reason_codes,
)

TODAY = dt.date(2026, 11, 26)


def facts(case_id: int = 1, **given: object) -> CaseFacts:
    base: dict[str, object] = {
        "case_id": case_id, "child_id": case_id, "child_label": f"C{case_id}",
        "kind": CaseKind.CHILD_IN_NEED, "start_date": TODAY - dt.timedelta(days=300),
        "last_discussed": TODAY - dt.timedelta(days=10), "latest_score": 6.0, "previous_score": 6.0,
        "overdue_actions": 0, "last_visit": TODAY - dt.timedelta(days=3), "flagged_by_worker": False,
    }
    base.update(given)
    return CaseFacts(**base)  # type: ignore[arg-type]


def codes(case: CaseFacts, *, newly_qualified: bool = False) -> list[ReasonCode]:
    return reason_codes(agenda_reasons(case, TODAY, newly_qualified=newly_qualified))


def test_a_case_in_good_order_needs_no_discussion() -> None:
    assert codes(facts()) == []


@pytest.mark.parametrize(("days", "newly_qualified", "due"), [
    (28, False, False), (29, False, True), (14, True, False), (15, True, True), (20, False, False),
])
def test_policy_interval_is_28_days_or_14_for_newly_qualified(days: int, newly_qualified: bool,
                                                               due: bool) -> None:
    case = facts(last_discussed=TODAY - dt.timedelta(days=days))
    assert (ReasonCode.NOT_DISCUSSED in codes(case, newly_qualified=newly_qualified)) is due


def test_never_discussed_counts_from_the_start_date_or_is_due_at_once() -> None:
    recent = facts(last_discussed=None, start_date=TODAY - dt.timedelta(days=5))
    old = facts(last_discussed=None, start_date=TODAY - dt.timedelta(days=40))
    undated = facts(last_discussed=None, start_date=None)
    assert ReasonCode.NOT_DISCUSSED not in codes(recent)
    reasons = agenda_reasons(old, TODAY, newly_qualified=False)
    assert reasons[0].text == (
        "Not yet discussed in supervision; allocated 40 days ago (policy: every 28 days)")
    assert agenda_reasons(undated, TODAY, newly_qualified=False)[0].text.startswith("Never discussed")


@pytest.mark.parametrize(("score", "low"),
                         [(2.0, True), (2.5, False), (0.0, True), (3.0, False), (None, False)])
def test_latest_score_two_or_below(score: float | None, low: bool) -> None:
    case = facts(latest_score=score, previous_score=score)
    assert (ReasonCode.LOW_SCORE in codes(case)) is low


def test_falling_score_reports_the_change() -> None:
    reasons = agenda_reasons(facts(latest_score=4.0, previous_score=6.5), TODAY, newly_qualified=False)
    assert [(r.code, r.text) for r in reasons] == [(ReasonCode.FALLING_SCORE, "Score falling: 6.5 → 4")]
    assert codes(facts(latest_score=6.0, previous_score=5.0)) == []
    assert codes(facts(latest_score=6.0, previous_score=None)) == []


def test_overdue_actions_no_recent_visit_and_worker_flag() -> None:
    def first_text(case: CaseFacts) -> str:
        return agenda_reasons(case, TODAY, newly_qualified=False)[0].text

    assert first_text(facts(overdue_actions=2)) == "2 actions overdue"
    assert first_text(facts(overdue_actions=1)) == "1 action overdue"
    assert codes(facts(last_visit=None)) == [ReasonCode.NO_RECENT_VISIT]
    assert codes(facts(last_visit=TODAY - dt.timedelta(days=28))) == []
    assert first_text(facts(last_visit=TODAY - dt.timedelta(days=29))) == "Last visit recorded 29 days ago"
    assert codes(facts(flagged_by_worker=True)) == [ReasonCode.FLAGGED_BY_WORKER]


def test_the_policy_can_be_tuned() -> None:
    strict = AgendaPolicy(discussion_interval_days=7, visit_interval_days=10, low_score_at_or_below=3)
    case = facts(latest_score=3.0, previous_score=3.0, last_visit=TODAY - dt.timedelta(days=11))
    assert reason_codes(agenda_reasons(case, TODAY, newly_qualified=False, policy=strict)) == [
        ReasonCode.LOW_SCORE, ReasonCode.NOT_DISCUSSED, ReasonCode.NO_RECENT_VISIT]


def test_proposal_puts_the_most_pressing_first_and_leaves_out_cases_without_reasons() -> None:
    cases = [
        facts(1),  # nothing to discuss
        facts(2, last_visit=None),
        facts(3, latest_score=1.0, previous_score=1.0),
        facts(4, flagged_by_worker=True, overdue_actions=1),
        facts(5, flagged_by_worker=True),
        facts(6, latest_score=4.0, previous_score=7.0),
    ]
    proposal = propose(cases, TODAY, newly_qualified=False)
    assert [p.case_id for p in proposal] == [3, 6, 4, 5, 2]
    assert proposal[2].reason_texts == ["Flagged by the worker for discussion", "1 action overdue"]


def test_a_stored_reason_is_recognised_to_be_shown_translated_and_any_other_text_as_it_is() -> None:
    from workbench.messages import Message
    from workbench.supervision.agenda_rules import reason_message

    written = [reason.text for case in (facts(overdue_actions=3, last_visit=None, latest_score=1.5,
                                              previous_score=4.0, flagged_by_worker=True,
                                              last_discussed=TODAY - dt.timedelta(days=40)),
                                        facts(last_discussed=None, start_date=None, overdue_actions=1))
               for reason in agenda_reasons(case, TODAY, newly_qualified=False)]
    assert len(written) == 8
    for text in written:
        stored = str(text)  # a discussion stores the English (the signed record reads it so)
        shown = reason_message(stored)
        assert isinstance(shown, Message), stored
        assert (shown, shown.source, shown.n) == (text, text.source, text.n)
    assert reason_message("Last discussed 40 days ago (policy: every 28 days)").n == 40
    assert isinstance(reason_message("Last discussed 1 day ago"), Message)  # the demo's history
    # A reason no message wrote (an older wording, one typed in) is shown as it was stored.
    for other in ("Discussed at the team meeting", "Last discussed 1 days ago", "Score falling: 3", ""):
        assert not isinstance(reason_message(other), Message)
        assert reason_message(other) == other
