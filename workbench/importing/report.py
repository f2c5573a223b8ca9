"""What an import did, for the command line and the import dialog."""

from __future__ import annotations

from dataclasses import dataclass, field

from db.enums import CaseKind
from workbench.importing.rows import RowProblem, UnallocatedRow
from workbench.messages import Joined, Message, translatable, translatable_plural


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
        """The report as lines of plain text; long lists stop after ``limit`` entries.

        The English, which the command line prints, made of :class:`~workbench.messages.Joined`
        messages, which the import dialog shows translated (``ui.i18n.translated``)."""
        chosen = []
        if self.worker_filter:
            chosen.append(translatable("workbench.importing", "worker %1").arg(self.worker_filter))
        if self.team_filter:
            chosen.append(translatable("workbench.importing", "team %1").arg(self.team_filter))
        selection = (Joined(", ", chosen) if chosen
                     else translatable("workbench.importing", "everyone in the file"))
        rows = (translatable_plural("workbench.importing", "Rows read: %1 (%n for other workers or teams)",
                                    None, self.outside_selection)
                if self.outside_selection else translatable("workbench.importing", "Rows read: %1"))
        lines: list[str] = [
            translatable("workbench.importing", "Imported %1 (import %2, SHA-256 %3…)")
            .arg(self.file_name, self.batch_id, self.sha256[:16]),
            (translatable("workbench.importing", "Selection: %1") if self.complete
             else translatable("workbench.importing",
                               "Selection: %1 (partial export: absent cases left open)")).arg(selection),
            rows.arg(self.rows_read),
            translatable("workbench.importing", "Cases: %1 added, %2 updated, %3 unchanged, %4 closed")
            .arg(self.added, self.updated, self.unchanged, self.closed),
        ]
        if self.already_ended:
            lines.append(translatable("workbench.importing",
                                      "Ended in the file and not open here, so not added: %1")
                         .arg(self.already_ended))
        if self.kinds:
            ordered = sorted(self.kinds.items(), key=lambda item: (-item[1], item[0].label))
            by_kind = Joined(", ", [translatable("workbench.importing", "%1 %2").arg(kind_label(kind), n)
                                    for kind, n in ordered])
            lines.append(translatable("workbench.importing", "Open cases by kind: %1").arg(by_kind))
        if self.teams_created:
            lines.append(translatable("workbench.importing", "New teams: %1")
                         .arg(Joined(", ", self.teams_created)))
        if self.workers_created:
            lines.append(translatable("workbench.importing", "New workers: %1").arg(Joined(", ", [
                translatable("workbench.importing", "%1 (%2)").arg(s.name, s.team)
                for s in self.workers_created])))
        lines += section(translatable_plural("workbench.importing", "Rejected rows (%n), not imported:",
                                             None, self.rejected_count),
                         [problem_line(p) for p in self.rejected], limit)
        lines += section(translatable_plural("workbench.importing", "Unallocated rows (%n), not imported:",
                                             None, self.unallocated_count),
                         [_unallocated_line(row) for row in self.unallocated], limit)
        lines += section(translatable_plural("workbench.importing", "Warnings (%n):", None,
                                             len(self.warnings)),
                         [problem_line(p) for p in self.warnings], limit)
        return Joined("\n", lines)


def kind_label(kind: CaseKind) -> Message:
    """The kind's label, as a Message (in the catalogue from db.enums, which cannot make one)."""
    return Message("CaseKind", kind.label)


def problem_line(problem: RowProblem) -> Message:
    """'row 4, child C1: Case type is blank': where, and the reason (a Message when the
    import wrote it)."""
    return translatable("workbench.importing", "%1: %2").arg(problem.where(), problem.reason)


def _unallocated_line(row: UnallocatedRow) -> Message:
    place = (translatable("workbench.importing", "%1 row %2").arg(row.sheet, row.row) if row.sheet
             else translatable("workbench.importing", "row %1").arg(row.row))
    if row.child_ref and row.team:
        return translatable("workbench.importing", "%1, child %2 (team %3)").arg(place, row.child_ref,
                                                                                 row.team)
    if row.child_ref:
        return translatable("workbench.importing", "%1, child %2").arg(place, row.child_ref)
    if row.team:
        return translatable("workbench.importing", "%1 (team %2)").arg(place, row.team)
    return place


def section(title: str, entries: list[str], limit: int) -> list[str]:
    """``title`` and the entries :func:`indented` below it; nothing without entries."""
    return [title, *indented(entries, limit)] if entries else []


def indented(entries: list[str], limit: int) -> list[str]:
    """The first ``limit`` entries indented, then how many more there are."""
    shown: list[str] = [Joined("", ("  ", entry)) for entry in entries[:limit]]
    if len(entries) > limit:
        more = translatable_plural("workbench.importing", "… and %n more", None, len(entries) - limit)
        shown.append(Joined("", ("  ", more)))
    return shown
