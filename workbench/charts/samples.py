"""Made-up but plausible chart data, with no database: for the benchmark, the reference images
and a quick look at a chart. Deterministic: the same arguments give the same data."""

from __future__ import annotations

import datetime as dt
import random

from db.enums import CaseKind, RaterRole
from workbench.caseload_scores import GlanceRow, MonthScores, TeamView
from workbench.history import ScaleHistory, ScorePoint, worry_label

STATEMENTS = (
    "Social workers are worried that when Dad drinks he shouts and throws things and Amy could be hurt",
    "Amy is not going to school and could fall behind and lose her friends",
    "Mum's low mood means meals and bedtimes do not happen and the children go hungry",
    "The baby has had unexplained bruises and could be seriously injured",
    "Leo goes missing overnight and could be exploited by older young people",
    "The home is cold and unsafe and the children could become ill",
)
FIRST_MEETING = dt.datetime(2022, 1, 10, 14, 0, tzinfo=dt.UTC)


def sample_history(sessions: int = 8, worries: int = 3, *, closed: int = 1,
                   raters: tuple[RaterRole, ...] = (RaterRole.WORKER, RaterRole.SUPERVISOR,
                                                    RaterRole.PARENT),
                   case_as_a_whole: bool = False, seed: int = 4) -> ScaleHistory:
    """A case seen every four weeks; the first ``closed`` worries close two thirds of the way."""
    rng = random.Random(seed)
    points: list[ScorePoint] = []
    close_at = max(1, (sessions * 2) // 3)
    meetings = [FIRST_MEETING + dt.timedelta(days=28 * i) for i in range(sessions)]
    scales: list[int | None] = [None] if case_as_a_whole else []
    scales += list(range(1, worries + 1))
    for scale in scales:
        level = rng.uniform(1.5, 5)
        statement = "" if scale is None else STATEMENTS[(scale - 1) % len(STATEMENTS)]
        is_closed = scale is not None and scale <= closed
        last = close_at if is_closed else sessions
        for index, meeting in enumerate(meetings[:last]):
            level = min(10.0, max(0.0, level + rng.uniform(-0.8, 1.2)))
            for role in raters:
                if role in (RaterRole.PARENT, RaterRole.CHILD, RaterRole.NETWORK) and index % 2:
                    continue  # families and networks are not at every session
                score = round(min(10.0, max(0.0, level + rng.uniform(-1.2, 1.2))))
                points.append(ScorePoint(
                    score_id=len(points) + 1, discussion_id=index + 1, meeting_at=meeting,
                    worry_id=scale, worry_label=worry_label(scale, statement),
                    worry_statement=statement, rater_role=role, rater_name=None, score=score,
                    reason="", worry_closed_at=meetings[last - 1] if is_closed else None,
                    worry_closed_reason="Safety goal met" if is_closed else None,
                ))
    points.sort(key=lambda p: (p.meeting_at, p.score_id))
    return ScaleHistory(case_id=1, points=tuple(points))


def sample_glance(cases: int = 12, *, seed: int = 7,
                  today: dt.date = dt.date(2026, 11, 26)) -> list[GlanceRow]:
    rng = random.Random(seed)
    rows = []
    for index in range(cases):
        scored = index % 6 != 5
        latest = round(rng.uniform(0.5, 9.5) * 2) / 2 if scored else None
        previous = (min(10.0, max(0.0, latest + rng.choice((-2, -1, 0, 1, 1.5, 3))))
                    if latest is not None and index % 4 else None)
        last_supervised = dt.datetime.combine(today, dt.time(14), dt.UTC) - dt.timedelta(
            days=rng.randint(3, 45))
        due = last_supervised.date() + dt.timedelta(days=28)
        rows.append(GlanceRow(
            case_id=100 + index, child_id=200 + index, child_label=f"Child {chr(65 + index % 26)}{index}",
            kind=CaseKind.CHILD_IN_NEED, worker_id=1, worker_name="Bo Worker",
            latest_score=latest, latest_at=last_supervised if scored else None,
            lowest_scale=None, previous_score=previous,
            previous_at=last_supervised - dt.timedelta(days=28) if previous is not None else None,
            last_supervised=last_supervised, supervision_due=due, overdue=today > due,
            newly_qualified=False,
        ))
    return rows


def sample_team_view(seed: int = 3, today: dt.date = dt.date(2026, 11, 26)) -> TeamView:
    rng = random.Random(seed)
    distribution = tuple(rng.randint(0, 9) for _ in range(11))
    months = []
    for back in range(11, -1, -1):
        index = today.year * 12 + today.month - 1 - back
        month = dt.date(index // 12, index % 12 + 1, 1)
        scored = 0 if back == 7 else rng.randint(8, 30)
        mean = rng.uniform(3.5, 6.5) if scored else None
        months.append(MonthScores(month=month, mean=mean,
                                  median=None if mean is None else round(mean + rng.uniform(-1, 1)),
                                  cases_scored=scored))
    scored_cases = sum(distribution)
    return TeamView(team_id=1, team_name="Northgate", as_of=today, distribution=distribution,
                    open_cases=scored_cases + 9, scored_cases=scored_cases, months=tuple(months))
