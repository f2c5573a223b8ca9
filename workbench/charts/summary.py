"""What each chart shows, in words: for screen readers (the widget's accessible description)
and for the PDF beside the figure. Pure text, no matplotlib.

Each summary is a translatable :class:`~workbench.messages.Message` (or messages
:class:`~workbench.messages.Joined`): its English is what the PDF and the command line print,
and the UI shows it translated (``ui.i18n.translated``).
"""

from __future__ import annotations

from collections.abc import Sequence

from workbench.caseload_scores import GlanceRow, TeamView
from workbench.charts.ordering import glance_order
from workbench.charts.style import date_label, score_text
from workbench.history import CASE_AS_A_WHOLE, ESCALATION_THRESHOLD, ScaleHistory, WorryTrack
from workbench.messages import Joined, Message, translatable, translatable_plural

NO_SCORES = translatable("workbench.charts", "No scaling scores recorded yet.")


def trend_word(first: float, last: float) -> Message:
    if last > first:
        return translatable("workbench.charts", "rising")
    if last < first:
        return translatable("workbench.charts", "falling")
    return translatable("workbench.charts", "steady")


def _sessions(count: int) -> Message:
    return translatable_plural("workbench.charts", "%n session(s)", None, count)


def _open_cases(count: int) -> Message:
    return translatable_plural("workbench.charts", "%n open case(s)", None, count)


def _sentence(text: str) -> Joined:
    """``text`` with its full stop (a list of clauses is not one message)."""
    return Joined("", (text, "."))


def track_summary(track: WorryTrack) -> Message:
    """"Worry 'X': 3 → 5 (rising) over 4 sessions, closed on 1 Nov 2026"."""
    means = track.session_means()
    name = (CASE_AS_A_WHOLE if track.worry_id is None
            else translatable("workbench.charts", "Worry '%1'").arg(track.label))
    first, last = means[0][1], means[-1][1]
    if len(means) == 1:
        text = translatable("workbench.charts", "%1: %2 at 1 session").arg(name, score_text(last))
    else:
        text = translatable("workbench.charts", "%1: %2 → %3 (%4) over %5").arg(
                name, score_text(first), score_text(last), trend_word(first, last), _sessions(len(means)))
    if track.closed_at is not None:
        text = translatable("workbench.charts", "%1, closed on %2").arg(text, date_label(track.closed_at))
    return text


def scale_history_summary(history: ScaleHistory) -> str:
    """The trend of every scale of a case, then any scale now in the escalation zone."""
    if history.is_empty:
        return NO_SCORES
    sessions = history.sessions
    span = (translatable("workbench.charts", "from %1 to %2").arg(date_label(sessions[0]),
                                                                  date_label(sessions[-1]))
            if len(sessions) > 1 else translatable("workbench.charts", "on %1").arg(date_label(sessions[0])))
    parts: list[str] = [translatable("workbench.charts", "Scaling scores over %1 %2.").arg(
            _sessions(len(sessions)), span)]
    parts.append(_sentence(Joined("; ", (track_summary(track) for track in history.worries))))
    low = [track for track in history.worries
           if not track.is_closed and track.session_means()[-1][1] <= ESCALATION_THRESHOLD]
    if low:
        names = Joined(", ", (CASE_AS_A_WHOLE if t.worry_id is None else f"'{t.label}'" for t in low))
        parts.append(translatable("workbench.charts", "In the escalation zone (0–%1) at the latest "
                                                      "score: %2.").arg(ESCALATION_THRESHOLD, names))
    return Joined(" ", parts)


def glance_row_summary(row: GlanceRow) -> Message:
    if row.latest_score is None:
        text = translatable("workbench.charts", "%1: no score yet").arg(row.child_label)
    else:
        score = score_text(row.latest_score)
        change = row.change
        before = score_text(row.previous_score or 0)
        if change is None:
            text = translatable("workbench.charts", "%1: %2 (first score)").arg(row.child_label, score)
        elif change == 0:
            text = translatable("workbench.charts", "%1: %2, same as before (%3)").arg(
                    row.child_label, score, before)
        elif change < 0:
            text = translatable("workbench.charts", "%1: %2, down %3 from %4").arg(
                    row.child_label, score, score_text(abs(change)), before)
        else:
            text = translatable("workbench.charts", "%1: %2, up %3 from %4").arg(
                    row.child_label, score, score_text(abs(change)), before)
    if row.overdue:
        text = translatable("workbench.charts", "%1, overdue for supervision").arg(text)
    return text


def caseload_glance_summary(rows: Sequence[GlanceRow]) -> str:
    """Every child in the chart's order (lowest and falling first), with overdue supervision."""
    if not rows:
        return translatable("workbench.charts", "No open cases.")
    ordered = glance_order(rows)
    scored = sum(1 for row in ordered if row.latest_score is not None)
    overdue = sum(1 for row in ordered if row.overdue)
    head = translatable("workbench.charts", "%1, %2 with a score, %3 overdue for supervision. Lowest "
                                            "and falling first: %4").arg(
            _open_cases(len(ordered)), scored, overdue,
            _sentence(Joined("; ", (glance_row_summary(row) for row in ordered))))
    return head


def team_view_summary(view: TeamView) -> str:
    """The spread of latest scores, the share scored, and the monthly movement."""
    if view.share_scored is not None:
        parts: list[str] = [translatable("workbench.charts", "%1: %2, %3 with a score (%4).").arg(
                view.team_name, _open_cases(view.open_cases), view.scored_cases, f"{view.share_scored:.0%}")]
    else:
        parts = [translatable("workbench.charts", "%1: %2, %3 with a score.").arg(
                view.team_name, _open_cases(view.open_cases), view.scored_cases)]
    low = sum(view.distribution[: ESCALATION_THRESHOLD + 1])
    if view.scored_cases:
        parts.append(translatable("workbench.charts", "%1 in the escalation zone (0–%2).").arg(
                low, ESCALATION_THRESHOLD))
    with_data = [m for m in view.months if m.mean is not None and m.median is not None]
    if with_data:
        first, last = with_data[0], with_data[-1]
        assert first.mean is not None
        assert last.mean is not None
        assert last.median is not None
        month = f"{last.month:%B %Y}"
        if first is last:
            parts.append(translatable_plural(
                    "workbench.charts", "Monthly mean %1 and median %2 in %3 (%n case(s)).", None,
                    last.cases_scored).arg(score_text(last.mean), score_text(last.median), month))
        else:
            parts.append(translatable_plural(
                    "workbench.charts", "Monthly mean %1 and median %2 in %3 (%n case(s)), from a mean "
                                        "of %4 in %5 (%6).", None, last.cases_scored).arg(
                    score_text(last.mean), score_text(last.median), month, score_text(first.mean),
                    f"{first.month:%B %Y}", trend_word(first.mean, last.mean)))
    else:
        parts.append(translatable("workbench.charts", "No scores in the last months."))
    return Joined(" ", parts)
