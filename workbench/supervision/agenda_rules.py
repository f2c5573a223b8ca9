"""Which children to bring to supervision, and why: pure rules over a case's facts.

The facts use the caseload view's definitions (``workbench.caseload_scores``): a case's score
at a meeting is its lowest scale; "latest" and "previous" are its last two scored meetings; a
case never discussed counts from its start date.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from db.enums import CaseKind


class ReasonCode(enum.StrEnum):
    """Why a child is on the agenda, most pressing first."""

    LOW_SCORE = "low_score"
    FALLING_SCORE = "falling_score"
    FLAGGED_BY_WORKER = "flagged_by_worker"
    OVERDUE_ACTIONS = "overdue_actions"
    NOT_DISCUSSED = "not_discussed"
    NO_RECENT_VISIT = "no_recent_visit"
    ADDED = "added"  # the manager added the child by hand


_RANK = {code: rank for rank, code in enumerate(ReasonCode)}


@dataclass(frozen=True)
class AgendaReason:
    code: ReasonCode
    text: str


@dataclass(frozen=True)
class AgendaPolicy:
    discussion_interval_days: int = 28
    newly_qualified_interval_days: int = 14
    low_score_at_or_below: float = 2
    visit_interval_days: int = 28

    def interval_days(self, *, newly_qualified: bool) -> int:
        return self.newly_qualified_interval_days if newly_qualified else self.discussion_interval_days


DEFAULT_POLICY = AgendaPolicy()


@dataclass(frozen=True)
class CaseFacts:
    """What the rules need to know about one open case."""

    case_id: int
    child_id: int
    child_label: str
    kind: CaseKind
    start_date: dt.date | None = None
    last_discussed: dt.date | None = None
    latest_score: float | None = None
    previous_score: float | None = None
    overdue_actions: int = 0
    last_visit: dt.date | None = None
    flagged_by_worker: bool = False


@dataclass(frozen=True)
class AgendaProposal:
    case_id: int
    child_id: int
    child_label: str
    kind: CaseKind
    reasons: tuple[AgendaReason, ...]

    @property
    def reason_texts(self) -> list[str]:
        return [reason.text for reason in self.reasons]


def _score(value: float) -> str:
    return f"{value:g}" if value == int(value) else f"{value:.1f}"


def not_discussed_reason(last_discussed: dt.date | None, start_date: dt.date | None,
                         today: dt.date, interval_days: int) -> AgendaReason | None:
    since = last_discussed or start_date
    policy = f"policy: every {interval_days} days"
    if since is None:
        return AgendaReason(ReasonCode.NOT_DISCUSSED, f"Never discussed in supervision ({policy})")
    days = (today - since).days
    if days <= interval_days:
        return None
    if last_discussed is None:
        return AgendaReason(ReasonCode.NOT_DISCUSSED,
                            f"Not yet discussed in supervision; allocated {days} days ago ({policy})")
    return AgendaReason(ReasonCode.NOT_DISCUSSED, f"Last discussed {days} days ago ({policy})")


def low_score_reason(latest_score: float | None, threshold: float) -> AgendaReason | None:
    if latest_score is None or latest_score > threshold:
        return None
    return AgendaReason(ReasonCode.LOW_SCORE,
                        f"Latest score {_score(latest_score)} (at or below {_score(threshold)})")


def falling_score_reason(latest_score: float | None, previous_score: float | None) -> AgendaReason | None:
    if latest_score is None or previous_score is None or latest_score >= previous_score:
        return None
    return AgendaReason(ReasonCode.FALLING_SCORE,
                        f"Score falling: {_score(previous_score)} → {_score(latest_score)}")


def overdue_actions_reason(count: int) -> AgendaReason | None:
    if count <= 0:
        return None
    return AgendaReason(ReasonCode.OVERDUE_ACTIONS,
                        "1 action overdue" if count == 1 else f"{count} actions overdue")


def no_recent_visit_reason(last_visit: dt.date | None, today: dt.date,
                           interval_days: int) -> AgendaReason | None:
    if last_visit is None:
        return AgendaReason(ReasonCode.NO_RECENT_VISIT, "No visit recorded")
    days = (today - last_visit).days
    if days <= interval_days:
        return None
    return AgendaReason(ReasonCode.NO_RECENT_VISIT, f"Last visit recorded {days} days ago")


def flagged_reason(flagged: bool) -> AgendaReason | None:
    if not flagged:
        return None
    return AgendaReason(ReasonCode.FLAGGED_BY_WORKER, "Flagged by the worker for discussion")


def agenda_reasons(facts: CaseFacts, today: dt.date, *, newly_qualified: bool,
                   policy: AgendaPolicy = DEFAULT_POLICY) -> tuple[AgendaReason, ...]:
    """Every reason this case should be discussed, most pressing first (empty: no need)."""
    found = [
        low_score_reason(facts.latest_score, policy.low_score_at_or_below),
        falling_score_reason(facts.latest_score, facts.previous_score),
        flagged_reason(facts.flagged_by_worker),
        overdue_actions_reason(facts.overdue_actions),
        not_discussed_reason(facts.last_discussed, facts.start_date, today,
                             policy.interval_days(newly_qualified=newly_qualified)),
        no_recent_visit_reason(facts.last_visit, today, policy.visit_interval_days),
    ]
    return tuple(reason for reason in found if reason is not None)


def propose(facts: Iterable[CaseFacts], today: dt.date, *, newly_qualified: bool,
            policy: AgendaPolicy = DEFAULT_POLICY) -> list[AgendaProposal]:
    """The proposed agenda: every case with a reason, the most pressing first."""
    proposals = []
    for case in facts:
        reasons = agenda_reasons(case, today, newly_qualified=newly_qualified, policy=policy)
        if reasons:
            proposals.append(AgendaProposal(case.case_id, case.child_id, case.child_label,
                                            case.kind, reasons))
    return sorted(proposals, key=_priority)


def _priority(proposal: AgendaProposal) -> tuple[int, int, str, int]:
    return (min(_RANK[r.code] for r in proposal.reasons), -len(proposal.reasons),
            proposal.child_label, proposal.case_id)


def reason_codes(reasons: Sequence[AgendaReason]) -> list[ReasonCode]:
    return [reason.code for reason in reasons]
