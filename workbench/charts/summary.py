"""What each chart shows, in words: for screen readers (the widget's accessible description)
and for the PDF beside the figure. Pure text, no matplotlib."""

from __future__ import annotations

from collections.abc import Sequence

from workbench.caseload_scores import GlanceRow, TeamView
from workbench.charts.ordering import glance_order
from workbench.charts.style import date_label, score_text
from workbench.history import CASE_AS_A_WHOLE, ESCALATION_THRESHOLD, ScaleHistory, WorryTrack

NO_SCORES = "No scaling scores recorded yet."


def trend_word(first: float, last: float) -> str:
    if last > first:
        return "rising"
    if last < first:
        return "falling"
    return "steady"


def _sessions(count: int) -> str:
    return "1 session" if count == 1 else f"{count} sessions"


def _open_cases(count: int) -> str:
    return "1 open case" if count == 1 else f"{count} open cases"


def track_summary(track: WorryTrack) -> str:
    """"Worry 'X': 3 → 5 (rising) over 4 sessions, closed on 1 Nov 2026"."""
    means = track.session_means()
    name = CASE_AS_A_WHOLE if track.worry_id is None else f"Worry '{track.label}'"
    first, last = means[0][1], means[-1][1]
    if len(means) == 1:
        text = f"{name}: {score_text(last)} at 1 session"
    else:
        text = (f"{name}: {score_text(first)} → {score_text(last)} ({trend_word(first, last)}) "
                f"over {_sessions(len(means))}")
    if track.closed_at is not None:
        text += f", closed on {date_label(track.closed_at)}"
    return text


def scale_history_summary(history: ScaleHistory) -> str:
    """The trend of every scale of a case, then any scale now in the escalation zone."""
    if history.is_empty:
        return NO_SCORES
    sessions = history.sessions
    span = (f"from {date_label(sessions[0])} to {date_label(sessions[-1])}"
            if len(sessions) > 1 else f"on {date_label(sessions[0])}")
    parts = [f"Scaling scores over {_sessions(len(sessions))} {span}."]
    parts.append("; ".join(track_summary(track) for track in history.worries) + ".")
    low = [track for track in history.worries
           if not track.is_closed and track.session_means()[-1][1] <= ESCALATION_THRESHOLD]
    if low:
        names = ", ".join(CASE_AS_A_WHOLE if t.worry_id is None else f"'{t.label}'" for t in low)
        parts.append(f"In the escalation zone (0–{ESCALATION_THRESHOLD}) at the latest score: {names}.")
    return " ".join(parts)


def glance_row_summary(row: GlanceRow) -> str:
    if row.latest_score is None:
        text = f"{row.child_label}: no score yet"
    else:
        text = f"{row.child_label}: {score_text(row.latest_score)}"
        change = row.change
        if change is None:
            text += " (first score)"
        elif change == 0:
            text += f", same as before ({score_text(row.previous_score or 0)})"
        else:
            word = "down" if change < 0 else "up"
            text += f", {word} {score_text(abs(change))} from {score_text(row.previous_score or 0)}"
    if row.overdue:
        text += ", overdue for supervision"
    return text


def caseload_glance_summary(rows: Sequence[GlanceRow]) -> str:
    """Every child in the chart's order (lowest and falling first), with overdue supervision."""
    if not rows:
        return "No open cases."
    ordered = glance_order(rows)
    scored = sum(1 for row in ordered if row.latest_score is not None)
    overdue = sum(1 for row in ordered if row.overdue)
    head = (f"{_open_cases(len(ordered))}, {scored} with a score, {overdue} overdue for supervision. "
            "Lowest and falling first: ")
    return head + "; ".join(glance_row_summary(row) for row in ordered) + "."


def team_view_summary(view: TeamView) -> str:
    """The spread of latest scores, the share scored, and the monthly movement."""
    parts = [f"{view.team_name}: {_open_cases(view.open_cases)}, {view.scored_cases} with a score"]
    if view.share_scored is not None:
        parts[0] += f" ({view.share_scored:.0%})"
    parts[0] += "."
    low = sum(view.distribution[: ESCALATION_THRESHOLD + 1])
    if view.scored_cases:
        parts.append(f"{low} in the escalation zone (0–{ESCALATION_THRESHOLD}).")
    with_data = [m for m in view.months if m.mean is not None and m.median is not None]
    if with_data:
        first, last = with_data[0], with_data[-1]
        assert first.mean is not None
        assert last.mean is not None
        assert last.median is not None
        text = (f"Monthly mean {score_text(last.mean)} and median {score_text(last.median)} "
                f"in {last.month:%B %Y} ({last.cases_scored} cases)")
        if first is not last:
            text += (f", from a mean of {score_text(first.mean)} in {first.month:%B %Y} "
                     f"({trend_word(first.mean, last.mean)})")
        parts.append(text + ".")
    else:
        parts.append("No scores in the last months.")
    return " ".join(parts)
