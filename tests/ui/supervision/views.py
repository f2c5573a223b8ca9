"""Read-model values (as the supervision services return them) for tests without a database."""

from __future__ import annotations

import datetime as dt

from db.enums import ActionStatus, CaseKind
from workbench.history import ScaleHistory
from workbench.supervision.reflections import ReflectionView
from workbench.supervision.views import ActionView, DiscussionView

AT = dt.datetime(2026, 11, 20, 9, 0, tzinfo=dt.UTC)


def reflection(case_id: int = 1, *, what_happened: str = "A visit", flagged: bool = True) -> ReflectionView:
    return ReflectionView(id=1, case_id=case_id, worker_id=1, discussion_id=None,
                          what_happened=what_happened, how_and_why="", worker_score=None, score_reason="",
                          wants_from_supervision="", flag_for_discussion=flagged, created_at=AT,
                          updated_at=AT)


def discussion(discussion_id: int, *, child: str = "C-1", name: str | None = None,
               reasons: tuple[str, ...] = ("Never discussed in supervision (policy: every 28 days)",),
               with_reflection: ReflectionView | None = None,
               kind: CaseKind = CaseKind.CHILD_IN_NEED, to_review: int = 0) -> DiscussionView:
    earlier = tuple(ActionView(id=100 + n, discussion_id=0, description=f"Action {n}", owner_name="Al",
                               owner_staff_id=None, due_date=None, status=ActionStatus.OPEN, status_reason="",
                               reviewed_in_id=None, carried_from_id=None) for n in range(to_review))
    return DiscussionView(
        id=discussion_id, session_id=1, case_id=discussion_id, child_id=discussion_id, la_child_id=child,
        child_name=name, case_kind=kind, agenda_position=0, agenda_reasons=reasons, answers={},
        child_voice="", impact_statement="", escalation_decision="", score_difference_note="",
        worries=(), scores=(), decisions=(), actions=(), actions_to_review=earlier,
        reflection=with_reflection, prompts=(), worry_warning=None, last_discussed_at=None,
        history=ScaleHistory(case_id=discussion_id, points=()))
