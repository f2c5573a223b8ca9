"""The oversight of supervision as a PDF report (unsigned; :mod:`workbench.oversight.signed_report`
signs it with PAdES).

One section per figure, each with the chart the Oversight screen shows (the same builders,
``workbench.charts.oversight``) and a table of its rows, the completeness of the optional items
in the period's signed records last (its items, then its rows per worker; the records each left
unanswered are in the workbook).
Tables repeat their header on every page they run across. A table longer than MAX_TABLE_ROWS
lists its first rows (the report's order: the most overdue, the longest waiting first) and says
how many more the workbook holds; the content hash in the footer covers every row of every
figure, listed or not. Typed text (names, statements, actions) prints exactly as typed: it goes
through ``layout.para``, which escapes it.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from workbench.charts.style import date_label
from workbench.export.layout import (
    PageFrame,
    banner,
    build_pdf,
    content_width,
    para,
    styles,
    table,
    when,
)
from workbench.oversight.report import DIRECT_WORK_TOOLS, OversightReport

KIND = "oversight"
#: The most rows a table lists; the rest are counted and left to the workbook.
MAX_TABLE_ROWS = 1_000
#: Past this many rows the direct-work chart draws the totals only (the table lists every worker),
#: as the workers chart draws the 20 soonest due: a bar per worker for hundreds is no picture.
MAX_CHART_ROWS = 20
#: Charts are rasterised at this resolution (sharp in print, a few hundred KB a report).
CHART_DPI = 150
#: A chart taller than this (points) is scaled down to fit a page with its heading.
MAX_CHART_HEIGHT = 560.0
#: Two-panel charts are drawn this wide (inches) and scaled down to the page: at the page's own
#: width their titles and tick labels run into each other (they are laid out for the screen).
DRAWN_WIDE = {"patterns": 8.0, "scores": 9.0, "direct_work": 9.5, "completeness": 8.0}
WORKBOOK_HINT = ("see the workbook (Export to Excel on the Oversight screen, or "
                 "workbench oversight --xlsx FILE)")


@dataclass(frozen=True)
class ReportFacts:
    """Who produced the report and what its signature covers."""

    producer: str
    producer_role: str  # "practice lead", "team manager"
    produced_at: dt.datetime
    content_sha256: str
    fingerprint: str


def teams_of(report: OversightReport) -> list[str]:
    """The teams the report covers, by name."""
    if report.team_id is not None:
        return [report.scope]
    names = {w.team_name for w in report.workers} | {
        r.team_name for r in report.direct_work.rows if r.team_name}
    return sorted(n for n in names if n)


def _day(value: dt.date | None, none: str = "") -> str:
    return none if value is None else date_label(value)


def _count(value: int | None) -> str:
    return "" if value is None else f"{value:,}"


def _percent(share: float | None) -> str:
    return "" if share is None else f"{share:.0%}"


@functools.cache
def _cell_styles() -> tuple[Any, Any]:
    """(cell, header) paragraph styles a size smaller than the records': nine columns to a page."""
    from reportlab.lib.styles import ParagraphStyle

    st = styles()
    return (ParagraphStyle("oversight-cell", parent=st["cell"], fontSize=8, leading=10),
            ParagraphStyle("oversight-head", parent=st["cellhead"], fontSize=7.5, leading=9.5))


class _Doc:
    """The story being built, with the styles and the text width."""

    def __init__(self) -> None:
        self.st = styles()
        self.cell, self.head = _cell_styles()
        self.width = content_width()
        self.story: list[Any] = []

    def add(self, *flowables: Any) -> None:
        self.story.extend(flowables)

    def opening(self, heading: str, words: str, report: OversightReport, key: str) -> None:
        """A section's heading, what it shows, and its chart, kept together on one page."""
        self.opening_with(heading, words, _chart(report, key, self.width))

    def opening_with(self, heading: str, words: str, chart: Any) -> None:
        from reportlab.platypus import KeepTogether

        self.story.append(KeepTogether([para(heading, self.st["h1"]), para(words, self.st["body"]),
                                        chart]))

    def text(self, value: str, style: str = "body") -> None:
        self.story.append(para(value, self.st[style]))

    def table(self, headers: Sequence[str], rows: Sequence[Sequence[Any]], shares: Sequence[float],
              *, text_columns: Sequence[int] = (0, 1), what: str = "rows",
              empty: str = "None.") -> None:
        """A table of ``rows`` (strings) under ``headers``: the ``text_columns`` wrap (typed text,
        escaped); the others are short figures set as plain strings. Repeats its header on each
        page; past MAX_TABLE_ROWS, says how many more rows the workbook holds."""
        if not rows:
            self.text(empty)
            return
        widths = [self.width * share for share in shares]
        shown = rows[:MAX_TABLE_ROWS]
        wrapped = set(text_columns)
        body = [[para(str(cell), self.cell) if index in wrapped else str(cell)
                 for index, cell in enumerate(row)] for row in shown]
        laid = table([[para(h, self.head) for h in headers], *body], widths)
        _plain_cells(laid)
        self.story.append(laid)
        more = len(rows) - len(shown)
        if more:
            self.text(f"… and {more:,} more {what}, not listed here: {WORKBOOK_HINT}. The "
                      "report's content hash covers every row.", "small")


def _plain_cells(laid: Any) -> None:
    """Plain-string cells in the house font and size (the Paragraph cells carry their own)."""
    from reportlab.platypus import TableStyle

    from workbench.export.fonts import REGULAR

    laid.setStyle(TableStyle([("FONT", (0, 1), (-1, -1), REGULAR, 8, 10),
                              ("VALIGN", (0, 0), (-1, -1), "TOP")]))
    # A row taller than a page (a long statement) breaks inside itself rather than failing.
    laid.splitInRow = 40


def _chart(report: OversightReport, key: str, width_pt: float) -> Any:
    """Figure ``key``'s chart, from the screen's own builder, as an image ``width_pt`` wide."""
    from workbench.charts.oversight import oversight_figure

    shown = report
    if key == "direct_work" and len(report.direct_work.workers) > MAX_CHART_ROWS:
        shown = dataclasses.replace(report, direct_work=dataclasses.replace(
            report.direct_work, workers=()))
    return _image(oversight_figure(shown, key, width_in=max(width_pt / 72,
                                                            DRAWN_WIDE.get(key, 0.0))), width_pt)


def _image(figure: Any, width_pt: float) -> Any:
    """A chart's figure rasterised, as an image at most ``width_pt`` wide (never scaled up)."""
    from reportlab.platypus import Image

    from workbench.charts import render_png

    width_in, height_in = figure.get_size_inches()
    png = render_png(figure, dpi=CHART_DPI)
    width, height = float(width_in) * 72, float(height_in) * 72
    scale = min(1.0, width_pt / width, MAX_CHART_HEIGHT / height)
    image = Image(io.BytesIO(png), width=width * scale, height=height * scale)
    image.hAlign = "LEFT"
    return image


# -- the sections --------------------------------------------------------------------------------

def _workers(doc: _Doc, report: OversightReport) -> None:
    counts = report.counts()
    doc.opening("Workers' supervision against policy",
                f"{counts['workers_overdue']} of {counts['workers']} workers are overdue for their "
                f"own supervision; {counts['workers_upcoming']} more are due within "
                f"{report.policy.upcoming_days} days. Held: the one-to-one and reflective sessions in "
                "the period, of those the policy expects (monthly; weekly then fortnightly in a newly "
                "qualified worker's assessed year). Late: their children not discussed within the "
                "interval.", report, "workers")

    def state(w: Any) -> str:
        if w.overdue:
            return "overdue, never supervised" if w.next_due is None else f"overdue {w.days_overdue} days"
        return "due soon" if w.upcoming else ""

    doc.table(("Worker", "Team", "Frequency", "Held", "Last session", "Next due", "State",
               "Open cases", "Late"),
              [(w.worker_name, w.team_name, w.frequency, f"{w.held} of {w.expected}",
                _day(w.last_session, "never"), _day(w.next_due, "now"), state(w),
                _count(w.open_cases), _count(w.children_overdue)) for w in report.workers],
              (0.16, 0.15, 0.12, 0.07, 0.125, 0.125, 0.11, 0.07, 0.07),
              text_columns=(0, 1, 2, 6), what="workers", empty="No workers in this scope.")


def _children(doc: _Doc, report: OversightReport) -> None:
    counts, again = report.counts(), report.rediscussion
    doc.opening("Children not discussed within their interval",
                f"{counts['children_overdue']} of {counts['open_cases']} open cases were not "
                "discussed in supervision within their interval (28 days; 14 while their worker is "
                "newly qualified). Of the discussions in the period of a child discussed before, "
                f"{again.within} of {again.total}"
                + (f" ({_percent(again.share)})" if again.share is not None else "")
                + " came within the child's interval of the one before.", report, "children")
    doc.table(("Child", "Worker", "Last discussed", "Due", "Days overdue", "Latest score"),
              [(c.child_label, c.worker_name, _day(c.last_discussed, "never"), _day(c.due, "at once"),
                _count(c.days_overdue), "" if c.latest_score is None else f"{c.latest_score:g}")
               for c in report.children_overdue],
              (0.26, 0.22, 0.14, 0.14, 0.12, 0.12), what="children",
              empty="Every open case was discussed within its interval.")


def _notes(doc: _Doc, report: OversightReport) -> None:
    doc.opening("Notes awaiting signature or countersignature",
                f"{len(report.pending_notes)} supervision notes are not yet final: drafts, notes "
                "awaiting the supervisor's signature, and notes awaiting the worker's "
                "countersignature, with how long each has waited.", report, "notes")
    doc.table(("Session", "Worker", "Supervisor", "Meeting", "State", "Waiting since", "Age (days)"),
              [(str(n.session_id), n.worker_name, n.supervisor_name, _day(n.meeting_date), n.state,
                _day(n.waiting_since), _count(n.age_days)) for n in report.pending_notes],
              (0.09, 0.15, 0.15, 0.13, 0.24, 0.14, 0.10), text_columns=(1, 2, 4), what="notes",
              empty="Every note in scope is signed and countersigned (or its disagreement recorded).")


def _disagreements(doc: _Doc, report: OversightReport) -> None:
    doc.opening("Open disagreements",
                f"{len(report.open_disagreements)} disagreements recorded by workers are waiting for "
                "a practice lead's answer; each in the worker's own words.", report, "disagreements")
    doc.table(("Worker", "Supervisor", "Meeting", "Recorded", "Age (days)", "About", "In their words"),
              [(d.worker_name, d.supervisor_name, _day(d.meeting_date), _day(d.recorded_on),
                _count(d.age_days), d.child_label or "the session as a whole", d.statement)
               for d in report.open_disagreements],
              (0.11, 0.13, 0.13, 0.13, 0.08, 0.11, 0.31), text_columns=(0, 1, 5, 6),
              what="disagreements", empty="No disagreement is waiting for an answer.")


def _actions(doc: _Doc, report: OversightReport) -> None:
    doc.opening("Overdue actions",
                f"{len(report.overdue_actions)} open actions agreed in supervision are past their "
                "date.", report, "actions")
    doc.table(("Child", "Worker", "Action", "Owner", "Due", "Days overdue"),
              [(a.child_label, a.worker_name, a.description, a.owner, _day(a.due_date),
                _count(a.days_overdue)) for a in report.overdue_actions],
              (0.12, 0.12, 0.38, 0.14, 0.14, 0.10), text_columns=(0, 1, 2, 3), what="actions",
              empty="No open action is past its date.")


def _patterns(doc: _Doc, report: OversightReport) -> None:
    policy = report.policy
    doc.opening("Stuck cases and lasting divergence",
                f"{len(report.stuck_cases)} cases look stuck: the same score {policy.stuck_sessions} "
                f"sessions running, or {policy.low_score:g} or below and not rising. "
                f"{len(report.divergences)} show lasting divergence: two sides' scores "
                f"{policy.divergence:g} or more apart in {policy.divergence_sessions} consecutive "
                "sessions.", report, "patterns")
    doc.text("Stuck cases", "h2")
    doc.table(("Child", "Worker", "Why", "Scores, oldest first", "Latest score on"),
              [(c.child_label, c.worker_name, c.reason, " → ".join(f"{v:g}" for v in c.scores),
                _day(c.latest_on)) for c in report.stuck_cases],
              (0.2, 0.2, 0.2, 0.25, 0.15), text_columns=(0, 1, 2, 3), what="stuck cases",
              empty="No case looks stuck.")
    doc.text("Lasting divergence", "h2")
    doc.table(("Child", "Worker", "Between", "Sessions (one side v the other)", "Largest gap"),
              [(d.child_label, d.worker_name, d.between,
                "; ".join(f"{_day(day)}: {a:g} v {b:g}" for day, a, b in d.sessions),
                f"{d.largest_gap:g}") for d in report.divergences],
              (0.15, 0.15, 0.18, 0.42, 0.10), text_columns=(0, 1, 2, 3), what="cases",
              empty="No lasting divergence.")


def _scores(doc: _Doc, report: OversightReport) -> None:
    m = report.movements
    doc.opening("Score distribution and movement",
                f"The latest safety score of each of the {report.open_cases:,} open cases, and how "
                "many rose, held or fell since the score before. These are counts of children: no "
                "average is taken across children, whose scores measure different things.",
                report, "scores")
    doc.table(("Latest score", *(str(score) for score in range(11))),
              [("Open cases", *(_count(n) for n in report.distribution))],
              (0.175, *([0.075] * 11)), text_columns=(0,))
    doc.text("", "small")
    doc.table(("Since the score before", "Rising", "Steady", "Falling", "Scored once", "Not scored"),
              [("Open cases", *(_count(n) for n in (m.rising, m.steady, m.falling, m.one_score,
                                                    m.unscored)))],
              (0.3, 0.14, 0.14, 0.14, 0.14, 0.14), text_columns=(0,))


def _direct_work(doc: _Doc, report: OversightReport) -> None:
    coverage = report.direct_work
    total = coverage.total
    doc.opening("Direct work with children",
                f"Of {total.open_children:,} open children, {total.with_direct_work:,}"
                + (f" ({_percent(total.share)})" if total.share is not None else "")
                + f" had direct work since {_day(coverage.since)}, by tool: "
                + ", ".join(f"{tool.label} {count:,}" for tool, count
                            in zip(DIRECT_WORK_TOOLS, total.by_tool, strict=True))
                + ". Children, not entries: a child seen twice with one tool counts once there."
                + (f" The chart shows the totals; the table lists each of the "
                   f"{len(coverage.workers):,} workers."
                   if len(coverage.workers) > MAX_CHART_ROWS else ""), report, "direct_work")
    doc.table(("Worker", "Team", "Open children", "With direct work", "Share",
               *(tool.label for tool in DIRECT_WORK_TOOLS)),
              [(r.worker_name, r.team_name, _count(r.open_children), _count(r.with_direct_work),
                _percent(r.share), *(_count(n) for n in r.by_tool)) for r in coverage.rows],
              (0.14, 0.12, 0.10, 0.10, 0.07, 0.1175, 0.1175, 0.1175, 0.1175),
              text_columns=(0, 1), what="rows", empty="No open children in this scope.")


def _completeness(doc: _Doc, report: OversightReport) -> None:
    completeness = report.completeness
    words = (f"Of the {completeness.records:,} signed records whose meeting fell in the period "
             f"({completeness.discussions:,} children discussed), how often each question their "
             "question set leaves optional was answered, least often first: a child-level item "
             "once for each child discussed, a session-level item once a session. Required "
             "items are always there in a signed record.")
    if completeness.unreadable:
        words += (f" {completeness.unreadable:,} more records are not counted: their stored "
                  "question set could not be read.")
    doc.opening("Completeness of optional items", words, report, "completeness")
    doc.table(("Optional item", "For", "Answered", "Of", "Share"),
              [(i.wording, "each child" if i.level == "child" else "each session",
                _count(i.answered), _count(i.asked), _percent(i.share)) for i in completeness.items],
              (0.54, 0.13, 0.12, 0.1, 0.11), text_columns=(0, 1), what="items",
              empty="No signed record in the period has optional items.")
    doc.text("By worker", "h2")
    doc.table(("Worker", "Team", "Signed records", "Children discussed", "Items answered", "Of",
               "Share"),
              [(r.worker_name, r.team_name, _count(r.records), _count(r.discussions),
                _count(r.answered), _count(r.asked), _percent(r.share)) for r in completeness.rows],
              (0.2, 0.16, 0.13, 0.13, 0.14, 0.12, 0.12), text_columns=(0, 1), what="rows",
              empty="No signed record in the period.")


SECTIONS: tuple[tuple[str, Callable[[_Doc, OversightReport], None]], ...] = (
    ("workers", _workers), ("children", _children), ("notes", _notes),
    ("disagreements", _disagreements), ("actions", _actions), ("patterns", _patterns),
    ("scores", _scores), ("direct_work", _direct_work), ("completeness", _completeness))


def _front(doc: _Doc, report: OversightReport, facts: ReportFacts) -> None:
    st, width = doc.st, doc.width
    counts = report.counts()
    teams = teams_of(report)
    doc.add(banner("OVERSIGHT OF SUPERVISION · signed report", width),
            para(f"Oversight of supervision: {report.scope}", st["title"]),
            para(f"{date_label(report.start)} to {date_label(report.end)}, as of "
                 f"{date_label(report.as_of)}", st["subtitle"]))
    doc.add(table([[para(label, st["cellhead"]), para(value, st["cell"])] for label, value in (
        ("Team" if len(teams) == 1 else "Teams", ", ".join(teams) or report.scope),
        ("Period", f"{date_label(report.start)} to {date_label(report.end)}"),
        ("As of", f"{date_label(report.as_of)} (ages and lateness are counted to this day)"),
        ("Policy", report.policy.source),
        ("Produced by", f"{facts.producer} ({facts.producer_role}), {when(facts.produced_at)}"),
        ("Content SHA-256", facts.content_sha256),
    )], [width * 0.2, width * 0.8], header=False))
    doc.text("At a glance", "h1")
    glance = (
        ("Workers overdue for supervision", f"{counts['workers_overdue']} of {counts['workers']}"),
        (f"Workers due within {report.policy.upcoming_days} days", str(counts["workers_upcoming"])),
        ("Children not discussed within their interval",
         f"{counts['children_overdue']:,} of {counts['open_cases']:,} open cases"),
        ("Re-discussed within the interval",
         f"{report.rediscussion.within} of {report.rediscussion.total}"),
        ("Notes not yet final", f"{counts['pending_notes']:,}"),
        ("Open disagreements", f"{counts['open_disagreements']:,}"),
        ("Overdue actions", f"{counts['overdue_actions']:,}"),
        ("Stuck cases; lasting divergence", f"{counts['stuck_cases']:,}; {counts['divergences']:,}"),
        ("Children with direct work since " + date_label(report.direct_work.since),
         f"{counts['children_with_direct_work']:,} of {report.direct_work.total.open_children:,}"),
        ("Optional items answered in the period's signed records",
         _answered_words(report)),
    )
    doc.add(table([[para("Figure", st["cellhead"]), para("Count", st["cellhead"])],
                   *([para(label, st["cell"]), para(value, st["cell"])] for label, value in glance)],
                  [width * 0.6, width * 0.4]))


def _answered_words(report: OversightReport) -> str:
    total = report.completeness.total
    return (f"{total.answered:,} of {total.asked:,}"
            + (f" ({_percent(total.share)})" if total.share is not None else "")
            + f" in {total.records:,} records")


def oversight_pdf(report: OversightReport, facts: ReportFacts) -> bytes:
    """The report as PDF bytes, unsigned. ``report`` must be complete (every figure read)."""
    if report.pending:
        raise ValueError(f"the report has figures not read yet: {', '.join(sorted(report.pending))}")
    doc = _Doc()
    _front(doc, report, facts)
    for _key, section in SECTIONS:
        section(doc, report)
    st = doc.st
    doc.add(para("Signature", st["h1"]),
            para(f"Produced and signed by {facts.producer} ({facts.producer_role}), "
                 f"{when(facts.produced_at)}; certificate SHA-256 {facts.fingerprint}.", st["body"]),
            para("The signature covers the SHA-256 of the report's content (every figure and every "
                 "row, shown in the footer) and is also a digital signature (PAdES) in this PDF: "
                 "\"workbench verify\" checks both.", st["small"]))
    keywords = [f"psw-kind={KIND}", f"psw-team={report.team_id if report.team_id is not None else 'all'}",
                f"psw-from={report.start.isoformat()}", f"psw-to={report.end.isoformat()}",
                f"psw-as-of={report.as_of.isoformat()}", f"psw-content-sha256={facts.content_sha256}"]
    return build_pdf(doc.story, PageFrame(
        f"Oversight of supervision · {report.scope} · {date_label(report.start)} to "
        f"{date_label(report.end)}", f"Report content SHA-256 {facts.content_sha256}"),
        title=f"Oversight of supervision: {report.scope}, {report.start.isoformat()} to "
              f"{report.end.isoformat()}",
        author=facts.producer, subject="Signed oversight of supervision report",
        keywords="; ".join(keywords))
