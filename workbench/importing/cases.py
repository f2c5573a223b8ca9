"""Records of every list combined into cases: one per child per worker.

The most specific open episode sets the kind (looked after > child protection > child in
need > section 47 / assessment > referral); the key dates of every list are kept; a case
whose every episode has ended (a closure date, a plan ceased) is an *ended* case.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from operator import attrgetter
from typing import Any

from db.enums import CaseKind
from workbench.importing.annex_a import SPECIFICITY, START_FIELDS
from workbench.importing.rows import Record, RowProblem, start_date
from workbench.messages import translatable


@dataclass(slots=True)
class CaseDraft:
    child_ref: str
    worker: str
    worker_key: str
    team: str
    team_key: str
    kind: CaseKind
    ended: bool
    end_date: dt.date | None
    start_date: dt.date | None
    last_visit_date: dt.date | None
    seen_alone: bool | None
    last_review_date: dt.date | None
    key_dates: dict[str, str]
    details: dict[str, str]


@dataclass(frozen=True)
class Conflict:
    first: Record
    second: Record

    def describe(self) -> str:
        rows = (self.first.row, self.second.row, self.first.child_ref, self.first.worker)
        if self.first.sheet:
            return translatable("workbench.importing", "%1 rows %2 and %3 (child %4, worker %5)").arg(
                self.first.sheet, *rows)
        return translatable("workbench.importing", "rows %1 and %2 (child %3, worker %4)").arg(*rows)


@dataclass
class Combined:
    cases: list[CaseDraft] = field(default_factory=list)
    children: dict[str, dict[str, Any]] = field(default_factory=dict)  # ref -> child fields
    conflicts: list[Conflict] = field(default_factory=list)
    warnings: list[RowProblem] = field(default_factory=list)


def _rank(record: Record) -> int:
    return -SPECIFICITY[record.kind]


def _latest(dates: Iterable[dt.date | None]) -> dt.date | None:
    present = [date for date in dates if date is not None]
    return max(present) if present else None


class _Iso(dict[dt.date, str]):
    """Dates as ISO text, each spelled once: a workbook's lists share a few thousand dates."""

    def __missing__(self, date: dt.date) -> str:
        text = self[date] = date.isoformat()
        return text


def _single(record: Record, iso: _Iso) -> CaseDraft:
    """The common case, kept quick: a child in one list only. The record's dates and details
    are in the order of their names already (see SheetReader)."""
    dates, kind = record.dates, record.kind
    key_dates = {}
    for name, date in dates.items():
        key_dates[name] = iso[date]
    begun = None
    for name in START_FIELDS[kind]:
        if name in dates:
            begun = dates[name]
            break
    # Positional, in CaseDraft's field order: keywords cost a third more, 15,000 times over.
    return CaseDraft(record.child_ref, record.worker, record.worker_key, record.team,
                     record.team_key, kind, record.ended, record.end if record.ended else None,
                     begun, record.visit, record.seen_alone, record.review, key_dates,
                     record.details)  # the record's own: records are not used once combined


def _draft(records: list[Record], iso: _Iso) -> CaseDraft:
    if len(records) == 1:
        return _single(records[0], iso)
    # Most specific first; stable, so file order breaks ties. Two records (most groups) are
    # put in order without sort's call of _rank per record.
    if len(records) == 2:
        if SPECIFICITY[records[1].kind] > SPECIFICITY[records[0].kind]:
            records.reverse()
    else:
        records.sort(key=_rank)
    open_records: list[Record] = []
    key_dates: dict[str, dt.date] = {}
    details: dict[str, str] = {}
    # The latest visit; seen alone as the latest visit that says so recorded it (the earliest
    # record first on a tie), else as the first record that says at all. One pass gathers
    # these, the latest of each key date and review, and the first of each detail.
    last_visit: dt.date | None = None
    seen_at: dt.date | None = None
    seen_alone: bool | None = None
    review: dt.date | None = None
    for record in records:
        if not record.ended:
            open_records.append(record)
        for name, date in record.dates.items():
            known = key_dates.get(name)
            if known is None or date > known:
                key_dates[name] = date
        for name, value in record.details.items():
            details.setdefault(name, value)
        visit = record.visit
        if visit is not None:
            if last_visit is None or visit > last_visit:
                last_visit = visit
            if record.seen_alone is not None and (seen_at is None or visit > seen_at):
                seen_at, seen_alone = visit, record.seen_alone
        if record.review is not None and (review is None or record.review > review):
            review = record.review
    if seen_at is None:
        for record in records:
            if record.seen_alone is not None:
                seen_alone = record.seen_alone
                break
    basis = open_records or records
    lead = basis[0]
    start = start_date(lead.kind, lead.dates)
    if start is None:
        starts = [begun for record in basis if (begun := start_date(record.kind, record.dates)) is not None]
        start = min(starts) if starts else None
    iso_dates = {}
    for name in sorted(key_dates):
        iso_dates[name] = iso[key_dates[name]]
    return CaseDraft(lead.child_ref, lead.worker, lead.worker_key, lead.team, lead.team_key,
                     lead.kind, not open_records,
                     None if open_records else _latest(record.end for record in records),
                     start, last_visit, seen_alone, review, iso_dates, dict(sorted(details.items())))


def _tidiest(spellings: dict[str, int]) -> str:
    """The spelling to show: mixed case beats SHOUTING or lower case, then the most common."""
    return max(spellings, key=lambda name: (name != name.lower() and name != name.upper(),
                                            spellings[name]))


def _best_spellings(counts: Counter[tuple[str, str]]) -> dict[str, str]:
    by_key: dict[str, dict[str, int]] = defaultdict(dict)
    for (key, spelling), count in counts.items():
        by_key[key][spelling] = count
    return {key: _tidiest(spellings) for key, spellings in by_key.items()}


def combine(records: Iterable[Record]) -> Combined:
    """Group records into cases (one per child and worker), after dropping repeated rows:
    identical repeats in one list are counted once with a warning; an ended episode beside
    another is kept (a closed CIN episode and the current one); two different open entries
    for a child in one list are conflicts, since which of them is right cannot be known."""
    combined = Combined()
    records = list(records)
    by_case: dict[tuple[str, str], list[Record]] = {}
    for record in records:
        key = (record.child_ref, record.worker_key)
        group = by_case.get(key)
        if group is None:
            by_case[key] = [record]
            continue
        sheet, kind = record.sheet, record.kind
        for other in group:
            if other.sheet == sheet and other.kind is kind:
                break
        else:  # the usual: the child's entry in another list
            group.append(record)
            continue
        same_list = [r for r in group if r.sheet == sheet and r.kind is kind]
        repeated = next((r for r in same_list if r.signature() == record.signature()), None)
        if repeated is not None:
            combined.warnings.append(RowProblem(
                record.sheet, record.row, record.child_ref,
                translatable("workbench.importing", "repeats row %1; counted once").arg(repeated.row)))
        elif record.ended or all(r.ended for r in same_list):
            group.append(record)  # an earlier episode that has ended, beside the current one
        else:
            open_one = next(r for r in same_list if not r.ended)
            combined.conflicts.append(Conflict(open_one, record))
    worker_names = _best_spellings(Counter(map(attrgetter("worker_key", "worker"), records)))
    team_names = _best_spellings(Counter(map(attrgetter("team_key", "team"), records)))
    children = combined.children
    cases = combined.cases
    iso = _Iso()
    for group in by_case.values():
        draft = _draft(group, iso)
        draft.worker = worker_names[draft.worker_key]
        draft.team = team_names[draft.team_key]
        cases.append(draft)
        # The child's own facts, from the most specific list that has them: merged last to
        # first (group is most specific first), so the first record with a fact wins.
        if len(group) == 1:
            facts = group[0].child
        else:
            facts = {}
            for record in reversed(group):
                facts.update(record.child)
        fields = children.get(draft.child_ref)
        if fields is None:
            children[draft.child_ref] = facts
        else:
            for name, value in facts.items():
                fields.setdefault(name, value)
    return combined
