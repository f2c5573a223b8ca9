"""Building chart data by hand and finding artists by the gids the builders give them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from matplotlib.artist import Artist
from matplotlib.figure import Figure

from db.enums import CaseKind, RaterRole
from workbench.caseload_scores import GlanceRow
from workbench.history import ScaleHistory, ScorePoint, worry_label


def meeting(day: str) -> dt.datetime:
    return dt.datetime.fromisoformat(day).replace(hour=14, tzinfo=dt.UTC)


def history(scores: Sequence[tuple[str, int | None, RaterRole, int]], *,
            statements: dict[int, str] | None = None,
            closed: dict[int, str] | None = None) -> ScaleHistory:
    """Scores as (ISO day, worry id or None, rater, score); worries closed at {id: ISO day}."""
    statements = statements or {}
    closed = closed or {}
    points = []
    for number, (day, worry_id, role, score) in enumerate(scores, start=1):
        statement = "" if worry_id is None else statements.get(worry_id, f"Worry number {worry_id}")
        points.append(ScorePoint(
            score_id=number, discussion_id=number, meeting_at=meeting(day), worry_id=worry_id,
            worry_label=worry_label(worry_id, statement), worry_statement=statement,
            rater_role=role, rater_name=None, score=score, reason="",
            worry_closed_at=meeting(closed[worry_id]) if worry_id in closed else None,
            worry_closed_reason="met" if worry_id in closed else None,
        ))
    points.sort(key=lambda p: (p.meeting_at, p.score_id))
    return ScaleHistory(case_id=1, points=tuple(points))


def glance_row(case_id: int, label: str, latest: float | None, previous: float | None = None, *,
               overdue: bool = False) -> GlanceRow:
    at = meeting("2026-11-10")
    return GlanceRow(
        case_id=case_id, child_id=case_id + 1000, child_label=label, kind=CaseKind.CHILD_IN_NEED,
        worker_id=1, worker_name="Bo Worker", latest_score=latest,
        latest_at=at if latest is not None else None, lowest_scale=None,
        previous_score=previous, previous_at=at - dt.timedelta(days=28) if previous is not None else None,
        last_supervised=at, supervision_due=at.date(), overdue=overdue, newly_qualified=False,
    )


def by_gid(figure: Figure, gid: str) -> list[Artist]:
    """Every artist whose gid is ``gid``, or starts with it when ``gid`` ends with ':'."""
    def matches(artist: Artist) -> bool:
        own = artist.get_gid() or ""
        return own.startswith(gid) if gid.endswith(":") else own == gid

    return list(figure.findobj(matches))


def one(figure: Figure, gid: str) -> Artist:
    found = by_gid(figure, gid)
    assert len(found) == 1, f"{gid}: {len(found)} artists"
    return found[0]
