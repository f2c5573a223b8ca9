"""Audit themes as an .xlsx workbook: a summary, then the items overall, by team and by month,
each a formatted Excel table (written by the oversight's workbook writer)."""

from __future__ import annotations

from pathlib import Path

from workbench.audits.themes import ThemeRow, ThemesReport
from workbench.oversight.workbook import Sheet, write_sheets

HEADERS = ("Item", "Graded", "Below good", "Below good (%)", "Outstanding", "Good",
           "Requires improvement", "Inadequate")


def _percent(row: ThemeRow) -> float | None:
    share = row.share_below
    return None if share is None else round(share * 100, 1)


def _row(row: ThemeRow) -> tuple[object, ...]:
    return (row.item_title, row.graded, row.below_good, _percent(row), *row.counts)


def sheets(report: ThemesReport) -> list[Sheet]:
    return [
        Sheet("Summary", "Summary", ("Figure", "Value"), [
            ("Scope", report.scope), ("From", report.start), ("To", report.end),
            ("Form", f"{report.form.title} (version {report.form.version})"),
            ("Audits", report.audits)]),
        Sheet("Items", "Items", HEADERS, [_row(r) for r in report.items]),
        Sheet("By team", "ByTeam", ("Team", *HEADERS), [(r.group, *_row(r)) for r in report.by_team]),
        Sheet("By month", "ByMonth", ("Month", *HEADERS),
              [(r.group, *_row(r)) for r in report.by_month]),
    ]


def write_themes_workbook(report: ThemesReport, path: Path) -> Path:
    """Write the themes to ``path`` (.xlsx); the file appears whole or not at all."""
    return write_sheets(sheets(report), path)
