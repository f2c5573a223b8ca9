"""What an import did, for the command line and the import dialog."""

from __future__ import annotations

from dataclasses import dataclass, field

from db.enums import CaseKind
from workbench.importing.rows import RowProblem, UnallocatedRow


@dataclass(frozen=True)
class CreatedStaff:
    name: str
    team: str


@dataclass
class ImportReport:
    batch_id: int
    file_name: str
    sha256: str
    rows_read: int = 0
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    closed: int = 0
    rejected: list[RowProblem] = field(default_factory=list)
    unallocated: list[UnallocatedRow] = field(default_factory=list)
    warnings: list[RowProblem] = field(default_factory=list)
    # Open cases in the file, by kind (added, updated and unchanged together).
    kinds: dict[CaseKind, int] = field(default_factory=dict)
    outside_selection: int = 0  # rows of other workers or teams, not imported
    already_ended: int = 0  # cases the file shows as ended (closure date, plan ceased) and not open here
    workers_created: list[CreatedStaff] = field(default_factory=list)
    teams_created: list[str] = field(default_factory=list)
    worker_filter: str | None = None
    team_filter: str | None = None
    complete: bool = True

    @property
    def rejected_count(self) -> int:
        return len(self.rejected)

    @property
    def unallocated_count(self) -> int:
        return len(self.unallocated)

    def format_text(self, *, limit: int = 20) -> str:
        """The report as lines of plain text; long lists stop after ``limit`` entries."""
        selection = ", ".join(
            part for part in (
                f"worker {self.worker_filter}" if self.worker_filter else "",
                f"team {self.team_filter}" if self.team_filter else "",
            ) if part
        )
        lines = [
            f"Imported {self.file_name} (import {self.batch_id}, SHA-256 {self.sha256[:16]}…)",
            f"Selection: {selection or 'everyone in the file'}"
            + ("" if self.complete else " (partial export: absent cases left open)"),
            f"Rows read: {self.rows_read}"
            + (f" ({self.outside_selection} for other workers or teams)" if self.outside_selection else ""),
            f"Cases: {self.added} added, {self.updated} updated, {self.unchanged} unchanged, "
            f"{self.closed} closed",
        ]
        if self.already_ended:
            lines.append(f"Ended in the file and not open here, so not added: {self.already_ended}")
        if self.kinds:
            ordered = sorted(self.kinds.items(), key=lambda item: (-item[1], item[0].label))
            lines.append("Open cases by kind: " + ", ".join(f"{kind.label} {n}" for kind, n in ordered))
        if self.teams_created:
            lines.append("New teams: " + ", ".join(self.teams_created))
        if self.workers_created:
            lines.append("New workers: " + ", ".join(f"{s.name} ({s.team})" for s in self.workers_created))
        lines += _section(f"Rejected rows ({self.rejected_count}), not imported:",
                          [f"{p.where()}: {p.reason}" for p in self.rejected], limit)
        lines += _section(
            f"Unallocated rows ({self.unallocated_count}), not imported:",
            [_unallocated_line(row) for row in self.unallocated], limit)
        lines += _section(f"Warnings ({len(self.warnings)}):",
                          [f"{p.where()}: {p.reason}" for p in self.warnings], limit)
        return "\n".join(lines)


def _unallocated_line(row: UnallocatedRow) -> str:
    place = f"{row.sheet} row {row.row}" if row.sheet else f"row {row.row}"
    child = f", child {row.child_ref}" if row.child_ref else ""
    team = f" (team {row.team})" if row.team else ""
    return f"{place}{child}{team}"


def _section(title: str, entries: list[str], limit: int) -> list[str]:
    if not entries:
        return []
    shown = [f"  {entry}" for entry in entries[:limit]]
    if len(entries) > limit:
        shown.append(f"  … and {len(entries) - limit} more")
    return [title, *shown]
