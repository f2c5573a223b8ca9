"""Stuck cases and lasting divergence, from each case's scores meeting by meeting.

Pure functions over :class:`MeetingScores`; :mod:`workbench.oversight.compute` reads them.

- A case's score at a meeting is ``workbench.history.session_score``: its lowest scale, each
  scale the mean of its raters.
- *Stuck*: the last ``policy.stuck_sessions`` scored meetings all gave the same score; or the
  latest score is at ``policy.low_score`` or below and not above the one before.
- *Lasting divergence*: in each of the last ``policy.divergence_sessions`` scored meetings, on
  some scale, the two sides' means differ by ``policy.divergence`` or more. Worker against
  manager; and family (parent, child, safety network) against professionals (worker, manager,
  other agencies), each voice on the side the default question set gives it
  (``workbench.supervision.scale_voices``).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from db.enums import RaterRole
from workbench.history import session_score
from workbench.oversight.policy import OversightPolicy
from workbench.supervision.scale_voices import PRACTITIONERS, Side

#: Each rater kind's side, as the default question set declares it.
RATER_SIDES: dict[RaterRole, Side] = {
    **{p.role: p.side for p in PRACTITIONERS},
    RaterRole.PROFESSIONAL: Side.PROFESSIONAL,
}


@dataclass
class MeetingScores:
    """One meeting of one case: per scale (worry id, None = the case as a whole) and rater
    kind, the sum and count of the scores given."""

    meeting_at: dt.datetime
    by_scale: dict[int | None, dict[RaterRole, tuple[float, int]]] = field(default_factory=dict)

    def add(self, worry_id: int | None, role: RaterRole, total: float, count: int) -> None:
        scale = self.by_scale.setdefault(worry_id, {})
        old_total, old_count = scale.get(role, (0.0, 0))
        scale[role] = (old_total + total, old_count + count)

    def case_score(self) -> float | None:
        means = {worry: sum(t for t, _ in raters.values()) / sum(c for _, c in raters.values())
                 for worry, raters in self.by_scale.items()}
        scored = session_score(means)
        return None if scored is None else scored[0]

    def widest_gap(self, one: frozenset[RaterRole], other: frozenset[RaterRole]
                   ) -> tuple[float, float] | None:
        """The two sides' means on the scale where they are furthest apart (None: no scale
        where both sides scored)."""
        best: tuple[float, float] | None = None
        for raters in self.by_scale.values():
            a = _mean([raters[r] for r in one if r in raters])
            b = _mean([raters[r] for r in other if r in raters])
            if a is None or b is None:
                continue
            if best is None or abs(a - b) > abs(best[0] - best[1]):
                best = (a, b)
        return best


def _mean(parts: Sequence[tuple[float, int]]) -> float | None:
    count = sum(c for _, c in parts)
    return None if count == 0 else sum(t for t, _ in parts) / count


WORKER = frozenset({RaterRole.WORKER})
MANAGER = frozenset({RaterRole.SUPERVISOR})
FAMILY = frozenset(role for role, side in RATER_SIDES.items() if side is Side.FAMILY)
PROFESSIONALS = frozenset(role for role, side in RATER_SIDES.items() if side is Side.PROFESSIONAL)


def stuck_reason(meetings: Sequence[MeetingScores], policy: OversightPolicy
                 ) -> tuple[str, tuple[float, ...]] | None:
    """Why the case is stuck and the scores that show it (oldest first), or None."""
    from workbench.oversight.report import STUCK_FLAT, STUCK_LOW

    scores = [s for s in (m.case_score() for m in meetings) if s is not None]
    n = policy.stuck_sessions
    if len(scores) >= n and len({round(s, 6) for s in scores[-n:]}) == 1:
        return STUCK_FLAT, tuple(scores[-n:])
    if len(scores) >= 2 and scores[-1] <= policy.low_score and scores[-1] <= scores[-2]:
        return STUCK_LOW, tuple(scores[-2:])
    return None


def lasting_gaps(meetings: Sequence[MeetingScores], policy: OversightPolicy,
                 one: frozenset[RaterRole], other: frozenset[RaterRole]
                 ) -> tuple[tuple[dt.date, float, float], ...] | None:
    """The last ``policy.divergence_sessions`` scored meetings when each shows the two sides
    ``policy.divergence`` or more apart; else None."""
    n = policy.divergence_sessions
    scored = [m for m in meetings if m.by_scale]
    if len(scored) < n:
        return None
    found = []
    for meeting in scored[-n:]:
        gap = meeting.widest_gap(one, other)
        if gap is None or abs(gap[0] - gap[1]) < policy.divergence - 1e-9:
            return None
        found.append((meeting.meeting_at.date(), gap[0], gap[1]))
    return tuple(found)


def group_meetings(rows: Sequence[tuple[int, dt.datetime, int | None, RaterRole, float, int]]
                   ) -> dict[int, list[MeetingScores]]:
    """(case, meeting, worry, rater kind, sum, count) rows to each case's meetings, oldest first."""
    by_case: dict[int, dict[dt.datetime, MeetingScores]] = defaultdict(dict)
    for case_id, meeting_at, worry_id, role, total, count in rows:
        meeting = by_case[case_id].get(meeting_at)
        if meeting is None:
            meeting = by_case[case_id][meeting_at] = MeetingScores(meeting_at)
        meeting.add(worry_id, RaterRole(role), float(total), int(count))
    return {case_id: [m[k] for k in sorted(m)] for case_id, m in by_case.items()}


