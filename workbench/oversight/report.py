"""What the oversight of supervision shows, as plain data: one row type per figure.

Built by :func:`workbench.oversight.oversight_report`; the CLI prints it as JSON or a workbook,
the UI shows it as tables and charts. Dates are the days things happened or fall due; ages
and lateness are whole days counted to the report's date (``as_of``: the period's last day,
or today when the period has not ended yet).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass
from typing import Any

from db.enums import DirectWorkTool
from workbench.messages import translatable
from workbench.oversight.completeness import NO_RECORDS, Completeness
from workbench.oversight.policy import OversightPolicy


@dataclass(frozen=True, slots=True)
class WorkerSupervision:
    """A worker's own supervision against policy."""

    worker_id: int
    worker_name: str
    team_name: str
    asye_start: dt.date | None
    frequency: str  # the policy's interval for them on the report's date, e.g. "fortnightly"
    held: int  # one-to-one and reflective sessions in the period
    expected: int  # sessions the policy asks for in the period
    last_session: dt.date | None  # the last by the report's date (in the period or before)
    next_due: dt.date | None  # None: never supervised, with no ASYE start to count from
    overdue: bool
    days_overdue: int  # 0 when not overdue
    upcoming: bool  # due within the policy's upcoming days
    open_cases: int
    children_overdue: int

    @property
    def shortfall(self) -> int:
        return max(0, self.expected - self.held)


@dataclass(frozen=True, slots=True)
class ChildOverdue:
    """An open case not discussed within its interval (the 28-day rule, 14 for a newly
    qualified worker: ``workbench.caseload_scores.supervision_due``)."""

    case_id: int
    child_label: str
    worker_id: int
    worker_name: str
    last_discussed: dt.date | None  # None: never discussed
    due: dt.date | None  # None: no start date and never discussed, so overdue at once
    days_overdue: int | None  # None when there is no due date to count from
    latest_score: float | None


@dataclass(frozen=True, slots=True)
class Rediscussion:
    """Of the discussions in the period of a child discussed before, how many came within the
    child's interval of the one before."""

    within: int
    total: int

    @property
    def share(self) -> float | None:
        return self.within / self.total if self.total else None


@dataclass(frozen=True, slots=True)
class PendingNote:
    """A supervision note not yet final: a draft, awaiting the supervisor's signature, or
    awaiting the worker's countersignature."""

    session_id: int
    worker_name: str
    supervisor_name: str
    meeting_date: dt.date
    state: str  # STATE_* below
    waiting_since: dt.date  # the meeting, or the supervisor's signature for a countersignature
    age_days: int


# Each is its English (what the workbook and the CLI print) and translatable for the screen.
STATE_DRAFT = translatable("workbench.oversight", "draft")
STATE_AWAITING_SIGNATURE = translatable("workbench.oversight", "awaiting supervisor's signature")
STATE_AWAITING_COUNTERSIGNATURE = translatable("workbench.oversight", "awaiting worker's countersignature")


@dataclass(frozen=True, slots=True)
class OpenDisagreement:
    """A worker's recorded disagreement that nobody has answered yet."""

    signature_id: int
    session_id: int
    worker_name: str
    supervisor_name: str
    meeting_date: dt.date
    recorded_on: dt.date
    age_days: int
    child_label: str | None  # None: about the session as a whole
    statement: str


@dataclass(frozen=True, slots=True)
class OverdueAction:
    action_id: int
    case_id: int
    child_label: str
    worker_name: str
    description: str
    owner: str
    due_date: dt.date
    days_overdue: int


@dataclass(frozen=True, slots=True)
class StuckCase:
    """A case whose score has not moved across the policy's sessions, or is low and not rising."""

    case_id: int
    child_label: str
    worker_id: int
    worker_name: str
    reason: str  # STUCK_* below
    scores: tuple[float, ...]  # the case's last scores, oldest first
    latest_on: dt.date


# (in the catalogue: the screen translates them; the workbook keeps the English)
STUCK_FLAT = translatable("workbench.oversight", "no movement")
STUCK_LOW = translatable("workbench.oversight", "low and not rising")


@dataclass(frozen=True, slots=True)
class Divergence:
    """Two sides scoring a case far apart in consecutive sessions."""

    case_id: int
    child_label: str
    worker_id: int
    worker_name: str
    between: str  # BETWEEN_* below
    sessions: tuple[tuple[dt.date, float, float], ...]  # (meeting, one side, the other), oldest first

    @property
    def largest_gap(self) -> float:
        return max(abs(a - b) for _day, a, b in self.sessions)


BETWEEN_WORKER_MANAGER = translatable("workbench.oversight", "worker and manager")
BETWEEN_FAMILY_PROFESSIONALS = translatable("workbench.oversight", "family and professionals")


@dataclass(frozen=True, slots=True)
class Movements:
    """How the open cases' latest scores moved since the score before (no averaging across
    children: counts only)."""

    rising: int
    steady: int
    falling: int
    one_score: int  # scored once: nothing to compare
    unscored: int


#: The direct-work tools, in the order the coverage counts them.
DIRECT_WORK_TOOLS: tuple[DirectWorkTool, ...] = tuple(DirectWorkTool)
#: How far back direct work counts, in calendar months up to the report's date.
DIRECT_WORK_MONTHS = 3


@dataclass(frozen=True, slots=True)
class DirectWorkRow:
    """Of the open children a worker holds (or a team, or every team: ``worker_id`` None), how
    many had direct work in the window, and how many with each tool (children, not entries: a
    child seen twice with Three Houses counts once there). Direct work counts for the child
    whoever did it, so a child who moved worker keeps the work done before the move."""

    worker_id: int | None  # None: a total row
    worker_name: str  # for a total row, what it totals ("Northgate total", "All teams")
    team_name: str
    open_children: int
    with_direct_work: int
    by_tool: tuple[int, ...]  # children per tool, in DIRECT_WORK_TOOLS order

    @property
    def share(self) -> float | None:
        return self.with_direct_work / self.open_children if self.open_children else None

    def tool_count(self, tool: DirectWorkTool) -> int:
        return self.by_tool[DIRECT_WORK_TOOLS.index(tool)]


@dataclass(frozen=True, slots=True)
class DirectWorkCoverage:
    """Direct work with the open children from ``since`` to the report's date (the last
    DIRECT_WORK_MONTHS months): a row per worker, then a total per team (and one for every
    team when the report covers them all)."""

    since: dt.date  # the first day counted
    workers: tuple[DirectWorkRow, ...]
    totals: tuple[DirectWorkRow, ...]

    @property
    def total(self) -> DirectWorkRow:
        """The report's whole scope: its team, or every team."""
        return self.totals[-1]

    @property
    def rows(self) -> tuple[DirectWorkRow, ...]:
        return self.workers + self.totals


#: The figures, in the order the screen and the workbook show them.
FIGURES = ("workers", "children", "notes", "disagreements", "actions", "patterns", "scores",
           "direct_work", "completeness")
#: Which figure each headline count belongs to (the others are known from the headline).
COUNTED_BY = {"children_overdue": "children", "pending_notes": "notes",
              "open_disagreements": "disagreements", "overdue_actions": "actions",
              "stuck_cases": "patterns", "divergences": "patterns",
              "signed_records": "completeness"}


@dataclass(frozen=True)
class OversightReport:
    scope: str  # the team's name, or "All teams"
    team_id: int | None
    start: dt.date
    end: dt.date
    as_of: dt.date
    policy: OversightPolicy
    workers: tuple[WorkerSupervision, ...]
    children_overdue: tuple[ChildOverdue, ...]
    rediscussion: Rediscussion
    pending_notes: tuple[PendingNote, ...]
    open_disagreements: tuple[OpenDisagreement, ...]
    overdue_actions: tuple[OverdueAction, ...]
    stuck_cases: tuple[StuckCase, ...]
    divergences: tuple[Divergence, ...]
    distribution: tuple[int, ...]  # open cases by latest score rounded half up, 0..10
    movements: Movements
    open_cases: int
    direct_work: DirectWorkCoverage
    #: The completeness of the optional items in the period's signed records
    #: (``workbench.oversight.completeness``).
    completeness: Completeness = NO_RECORDS
    #: Figures not read yet (``workbench.oversight.reader``): their rows are empty until read;
    #: the workers, the re-discussions, the open cases and the direct-work total are always read.
    pending: frozenset[str] = frozenset()
    #: The headline counts the database gave for figures not read yet, by ``counts()`` key.
    counted: dict[str, int] = dataclasses.field(default_factory=dict)

    def counts(self) -> dict[str, int]:
        """The headline numbers: how many rows each figure has. For a figure not read yet, the
        count the database gave, or no entry when it gave none."""
        counts = self._counts()
        for name, figure in COUNTED_BY.items():
            if figure in self.pending:
                if name in self.counted:
                    counts[name] = self.counted[name]
                else:
                    del counts[name]
        return counts

    def _counts(self) -> dict[str, int]:
        return {
            "workers": len(self.workers),
            "workers_overdue": sum(w.overdue for w in self.workers),
            "workers_upcoming": sum(w.upcoming for w in self.workers),
            "open_cases": self.open_cases,
            "children_overdue": len(self.children_overdue),
            "rediscussed_within_interval": self.rediscussion.within,
            "rediscussed_total": self.rediscussion.total,
            "pending_notes": len(self.pending_notes),
            "open_disagreements": len(self.open_disagreements),
            "overdue_actions": len(self.overdue_actions),
            "stuck_cases": len(self.stuck_cases),
            "divergences": len(self.divergences),
            "children_with_direct_work": self.direct_work.total.with_direct_work,
            # every signed record met in the period, counted or not (an unreadable question set)
            "signed_records": self.completeness.records + self.completeness.unreadable,
        }

    def as_json(self) -> dict[str, Any]:
        """Everything, with dates as ISO text (``workbench oversight --json``)."""
        def rows(items: tuple[Any, ...]) -> list[dict[str, Any]]:
            return [_jsonable(dataclasses.asdict(item)) for item in items]

        return {
            "scope": self.scope,
            "team_id": self.team_id,
            "from": self.start.isoformat(),
            "to": self.end.isoformat(),
            "as_of": self.as_of.isoformat(),
            "policy": self.policy.source,
            "counts": self.counts(),
            "workers": [{**_jsonable(dataclasses.asdict(w)), "shortfall": w.shortfall}
                        for w in self.workers],
            "children_overdue": rows(self.children_overdue),
            "rediscussion": {"within": self.rediscussion.within, "total": self.rediscussion.total},
            "pending_notes": rows(self.pending_notes),
            "open_disagreements": rows(self.open_disagreements),
            "overdue_actions": rows(self.overdue_actions),
            "stuck_cases": rows(self.stuck_cases),
            "divergences": rows(self.divergences),
            "distribution": list(self.distribution),
            "movements": dataclasses.asdict(self.movements),
            "direct_work": {
                "since": self.direct_work.since.isoformat(),
                "rows": [{"worker_id": r.worker_id, "worker_name": r.worker_name,
                          "team_name": r.team_name, "open_children": r.open_children,
                          "with_direct_work": r.with_direct_work, "share": r.share,
                          "by_tool": {tool.value: count for tool, count
                                      in zip(DIRECT_WORK_TOOLS, r.by_tool, strict=True)}}
                         for r in self.direct_work.rows],
            },
            "completeness": self.completeness.as_json(),
        }


def _jsonable(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    return value
