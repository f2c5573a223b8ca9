"""Which children to bring to supervision, and why: pure rules over a case's facts.

The facts use the caseload view's definitions (``workbench.caseload_scores``): a case's score
at a meeting is its lowest scale; "latest" and "previous" are its last two scored meetings; a
case never discussed counts from its start date.

A reason's text is a translatable :class:`~workbench.messages.Message`. What a discussion
stores (``CaseDiscussion.agenda_reasons``) is its English, as it always was: the signed record
and its PDF read it as written. To show a stored reason in the user's language,
:func:`reason_message` recognises which of these messages wrote it (the English rebuilt from
the numbers in it must be the stored text, exactly) and gives that message back; a text no
message here wrote (an older wording, a reason typed in) is shown as it is.
"""

from __future__ import annotations

import datetime as dt
import enum
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from db.enums import CaseKind
from workbench.messages import Message, translatable, translatable_plural


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
    text: Message  # its English is what a discussion stores


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
        """What a discussion stores: each reason's English."""
        return [str(reason.text) for reason in self.reasons]


def _score(value: float) -> str:
    return f"{value:g}" if value == int(value) else f"{value:.1f}"


# --- the reasons' words ------------------------------------------------------------------------

def _policy(interval_days: int) -> Message:
    return translatable_plural("workbench.supervision", "policy: every %n day(s)", None, interval_days)


def never_discussed_text(interval_days: int) -> Message:
    return translatable("workbench.supervision",
                        "Never discussed in supervision (%1)").arg(_policy(interval_days))


def not_yet_discussed_text(days: int, interval_days: int) -> Message:
    return translatable_plural("workbench.supervision",
                               "Not yet discussed in supervision; allocated %n day(s) ago (%1)",
                               None, days).arg(_policy(interval_days))


def last_discussed_text(days: int, interval_days: int) -> Message:
    return translatable_plural("workbench.supervision", "Last discussed %n day(s) ago (%1)",
                               None, days).arg(_policy(interval_days))


def low_score_text(latest: str, threshold: str) -> Message:
    return translatable("workbench.supervision", "Latest score %1 (at or below %2)").arg(latest, threshold)


def falling_score_text(previous: str, latest: str) -> Message:
    return translatable("workbench.supervision", "Score falling: %1 → %2").arg(previous, latest)


def overdue_actions_text(count: int) -> Message:
    return translatable_plural("workbench.supervision", "%n action(s) overdue", None, count)


def no_visit_text() -> Message:
    return translatable("workbench.supervision", "No visit recorded")


def last_visit_text(days: int) -> Message:
    return translatable_plural("workbench.supervision", "Last visit recorded %n day(s) ago", None, days)


def flagged_text() -> Message:
    return translatable("workbench.supervision", "Flagged by the worker for discussion")


def added_by_hand_text() -> Message:
    return translatable("workbench.supervision", "Added by the manager")


def presented_to_consultation_text() -> Message:
    return translatable("workbench.supervision", "Presented to a group case consultation")


def history_reason_text(days: int | None) -> Message:
    """The demo's reason for a past discussion: when the child was last discussed before it."""
    if days is None:
        return translatable("workbench.supervision", "Not yet discussed in supervision")
    return translatable_plural("workbench.supervision", "Last discussed %n day(s) ago", None, days)


# Every way a reason's text is written, with what its numbers are (a count, or a score as
# written): how a stored text is recognised.
_WRITERS: tuple[tuple[tuple[type, ...], Callable[..., Message]], ...] = (
    ((int,), never_discussed_text),
    ((int, int), not_yet_discussed_text),
    ((int, int), last_discussed_text),
    ((str, str), low_score_text),
    ((str, str), falling_score_text),
    ((int,), overdue_actions_text),
    ((), no_visit_text),
    ((int,), last_visit_text),
    ((), flagged_text),
    ((), added_by_hand_text),
    ((), presented_to_consultation_text),
    ((int,), history_reason_text),
    ((), lambda: history_reason_text(None)),
)
_NUMBER = re.compile(r"\d+(?:\.\d+)?")


def reason_message(stored: str) -> str:
    """The message that wrote the stored reason ``stored``, so that it can be shown translated;
    ``stored`` as it is when none of today's messages wrote exactly that text."""
    numbers = _NUMBER.findall(stored)
    for kinds, write in _WRITERS:
        if len(kinds) != len(numbers) or any(kind is int and not n.isdigit()
                                             for kind, n in zip(kinds, numbers, strict=True)):
            continue
        message = write(*(kind(n) for kind, n in zip(kinds, numbers, strict=True)))
        if message == stored:
            return message
    return stored


# --- the rules ---------------------------------------------------------------------------------

def not_discussed_reason(last_discussed: dt.date | None, start_date: dt.date | None,
                         today: dt.date, interval_days: int) -> AgendaReason | None:
    since = last_discussed or start_date
    if since is None:
        return AgendaReason(ReasonCode.NOT_DISCUSSED, never_discussed_text(interval_days))
    days = (today - since).days
    if days <= interval_days:
        return None
    if last_discussed is None:
        return AgendaReason(ReasonCode.NOT_DISCUSSED, not_yet_discussed_text(days, interval_days))
    return AgendaReason(ReasonCode.NOT_DISCUSSED, last_discussed_text(days, interval_days))


def low_score_reason(latest_score: float | None, threshold: float) -> AgendaReason | None:
    if latest_score is None or latest_score > threshold:
        return None
    return AgendaReason(ReasonCode.LOW_SCORE, low_score_text(_score(latest_score), _score(threshold)))


def falling_score_reason(latest_score: float | None, previous_score: float | None) -> AgendaReason | None:
    if latest_score is None or previous_score is None or latest_score >= previous_score:
        return None
    return AgendaReason(ReasonCode.FALLING_SCORE,
                        falling_score_text(_score(previous_score), _score(latest_score)))


def overdue_actions_reason(count: int) -> AgendaReason | None:
    if count <= 0:
        return None
    return AgendaReason(ReasonCode.OVERDUE_ACTIONS, overdue_actions_text(count))


def no_recent_visit_reason(last_visit: dt.date | None, today: dt.date,
                           interval_days: int) -> AgendaReason | None:
    if last_visit is None:
        return AgendaReason(ReasonCode.NO_RECENT_VISIT, no_visit_text())
    days = (today - last_visit).days
    if days <= interval_days:
        return None
    return AgendaReason(ReasonCode.NO_RECENT_VISIT, last_visit_text(days))


def flagged_reason(flagged: bool) -> AgendaReason | None:
    if not flagged:
        return None
    return AgendaReason(ReasonCode.FLAGGED_BY_WORKER, flagged_text())


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
