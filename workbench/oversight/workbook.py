"""The oversight report as an .xlsx workbook: a summary sheet, then one sheet per figure.

Each figure is a formatted Excel table (filter buttons, banded rows) under a frozen header row;
dates are real dates, counts and scores are numbers. openpyxl is imported when a workbook is
written, never at start-up.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from workbench.files import write_atomically
from workbench.oversight.report import DIRECT_WORK_TOOLS, OversightReport

DATE_FORMAT = "yyyy-mm-dd"


@dataclass(frozen=True)
class Sheet:
    title: str  # the sheet's tab (at most 31 characters)
    table: str  # the Excel table's name (letters, digits, underscores)
    headers: tuple[str, ...]
    rows: list[tuple[Any, ...]]


def _score(value: float | None) -> float | None:
    return None if value is None else round(value, 2)


def _percent(share: float | None) -> float | None:
    return None if share is None else round(share * 100, 1)


def sheets(report: OversightReport) -> list[Sheet]:
    """What each sheet holds, in order (also what the tests compare with the report)."""
    counts = report.counts()
    summary = [
        ("Scope", report.scope), ("From", report.start), ("To", report.end),
        ("As of", report.as_of), ("Policy", report.policy.source),
        ("Direct work since", report.direct_work.since),
        *[(name.replace("_", " ").capitalize(), value) for name, value in counts.items()],
    ]
    return [
        Sheet("Summary", "Summary", ("Figure", "Value"), summary),
        Sheet("Workers", "Workers", (
            "Worker", "Team", "ASYE start", "Frequency", "Held", "Expected", "Shortfall",
            "Last session", "Next due", "Overdue", "Days overdue", "Upcoming", "Open cases",
            "Children overdue"), [
            (w.worker_name, w.team_name, w.asye_start, w.frequency, w.held, w.expected,
             w.shortfall, w.last_session, w.next_due, "yes" if w.overdue else "no",
             w.days_overdue, "yes" if w.upcoming else "no", w.open_cases, w.children_overdue)
            for w in report.workers]),
        Sheet("Children overdue", "ChildrenOverdue", (
            "Child", "Worker", "Last discussed", "Due", "Days overdue", "Latest score"), [
            (c.child_label, c.worker_name, c.last_discussed, c.due, c.days_overdue,
             _score(c.latest_score)) for c in report.children_overdue]),
        Sheet("Notes pending", "NotesPending", (
            "Session", "Worker", "Supervisor", "Meeting", "State", "Waiting since", "Age (days)"), [
            (n.session_id, n.worker_name, n.supervisor_name, n.meeting_date, n.state,
             n.waiting_since, n.age_days) for n in report.pending_notes]),
        Sheet("Open disagreements", "OpenDisagreements", (
            "Signature", "Session", "Worker", "Supervisor", "Meeting", "Recorded", "Age (days)",
            "Child", "Disagreement"), [
            (d.signature_id, d.session_id, d.worker_name, d.supervisor_name, d.meeting_date,
             d.recorded_on, d.age_days, d.child_label or "(the session as a whole)", d.statement)
            for d in report.open_disagreements]),
        Sheet("Overdue actions", "OverdueActions", (
            "Child", "Worker", "Action", "Owner", "Due", "Days overdue"), [
            (a.child_label, a.worker_name, a.description, a.owner, a.due_date, a.days_overdue)
            for a in report.overdue_actions]),
        Sheet("Stuck cases", "StuckCases", ("Child", "Worker", "Why", "Scores", "Latest"), [
            (c.child_label, c.worker_name, c.reason, " → ".join(f"{v:g}" for v in c.scores),
             c.latest_on) for c in report.stuck_cases]),
        Sheet("Divergence", "Divergence", (
            "Child", "Worker", "Between", "Sessions", "Largest gap"), [
            (d.child_label, d.worker_name, d.between,
             "; ".join(f"{day.isoformat()}: {a:g} v {b:g}" for day, a, b in d.sessions),
             _score(d.largest_gap)) for d in report.divergences]),
        Sheet("Scores", "Scores", ("Latest score", "Open cases"),
              [(score, count) for score, count in enumerate(report.distribution)]),
        Sheet("Movements", "Movements", ("Since the score before", "Open cases"), [
            ("Rising", report.movements.rising), ("Steady", report.movements.steady),
            ("Falling", report.movements.falling), ("Scored once", report.movements.one_score),
            ("Not scored", report.movements.unscored)]),
        Sheet("Rediscussion", "Rediscussion", ("Discussions of a child discussed before",
                                                "Count"), [
            ("Within the child's interval", report.rediscussion.within),
            ("Later than the interval", report.rediscussion.total - report.rediscussion.within),
            ("All", report.rediscussion.total)]),
        Sheet("Direct work", "DirectWork", (
            "Worker", "Team", "Open children",
            f"With direct work since {report.direct_work.since.isoformat()}", "Share (%)",
            *(tool.label for tool in DIRECT_WORK_TOOLS)), [
            (r.worker_name, r.team_name, r.open_children, r.with_direct_work, _percent(r.share),
             *r.by_tool) for r in report.direct_work.rows]),
        *_completeness(report),
    ]


def _completeness(report: OversightReport) -> list[Sheet]:
    """The completeness of the optional items: per item, per worker (then the totals), and the
    drill-down, each item a signed record left unanswered (filter it by worker or child)."""
    completeness = report.completeness
    level = {"child": "each child", "session": "each session"}
    return [
        Sheet("Completeness", "Completeness", ("Optional item", "For", "Answered", "Of",
                                               "Share (%)"), [
            (i.wording, level[i.level], i.answered, i.asked, _percent(i.share))
            for i in completeness.items]),
        Sheet("Completeness by worker", "CompletenessByWorker", (
            "Worker", "Team", "Signed records", "Children discussed", "Items answered", "Of",
            "Unanswered", "Share (%)"), [
            (r.worker_name, r.team_name, r.records, r.discussions, r.answered, r.asked,
             r.unanswered, _percent(r.share)) for r in completeness.rows]),
        Sheet("Items unanswered", "ItemsUnanswered", (
            "Worker", "Meeting", "Session", "Child", "Optional item", "For"), [
            (u.worker_name, u.meeting_date, u.session_id,
             u.child_label or "(the session as a whole)", u.wording, level[u.level])
            for u in completeness.unanswered]),
    ]


def write_workbook(report: OversightReport, path: Path) -> Path:
    """Write the report to ``path`` (.xlsx); the file appears whole or not at all."""
    return write_sheets(sheets(report), path)


def write_sheets(chosen: list[Sheet], path: Path) -> Path:
    """Write ``chosen``, each a formatted table, to ``path`` (.xlsx), whole or not at all."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.table import Table, TableStyleInfo

    book = Workbook()
    book.remove(book.active)  # type: ignore[arg-type]
    for sheet in chosen:
        ws = book.create_sheet(sheet.title)
        ws.append(list(sheet.headers))
        for row in sheet.rows:
            ws.append([_cell(v) for v in row])
        width = len(sheet.headers)
        last_row = max(2, len(sheet.rows) + 1)  # an Excel table needs a data row, even empty
        ref = f"A1:{get_column_letter(width)}{last_row}"
        table = Table(displayName=sheet.table, ref=ref)
        table.tableStyleInfo = TableStyleInfo(name="TableStyleMedium2", showRowStripes=True,
                                              showFirstColumn=False, showLastColumn=False,
                                              showColumnStripes=False)
        ws.add_table(table)
        ws.freeze_panes = "A2"
        for cell in ws[1]:
            cell.font = Font(bold=True)
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        for index, header in enumerate(sheet.headers, start=1):
            column = [header, *(row[index - 1] for row in sheet.rows)]
            ws.column_dimensions[get_column_letter(index)].width = min(60, max(
                10, *(_shown_width(v) for v in column)) + 2)
            for (cell,) in ws.iter_rows(min_row=2, min_col=index, max_col=index):
                if isinstance(cell.value, dt.date):  # only the dates (Summary mixes kinds)
                    cell.number_format = DATE_FORMAT
    content = io.BytesIO()
    book.save(content)
    path = Path(path)
    write_atomically(path, content.getvalue())
    return path


def _cell(value: Any) -> Any:
    # A datetime would carry a time zone Excel cannot hold; the figures are dates.
    if isinstance(value, dt.datetime):
        return value.date()
    return value


def _shown_width(value: Any) -> int:
    if value is None:
        return 0
    if isinstance(value, dt.date):
        return 10
    return min(60, len(str(value)))


