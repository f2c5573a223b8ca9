"""Records of every list combined into cases: one per child per worker.

The most specific open episode sets the kind (looked after > child protection > child in
need > section 47 / assessment > referral); the key dates of every list are kept; a case
whose every episode has ended (a closure date, a plan ceased) is an *ended* case.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from operator import attrgetter
from typing import Any

from db.enums import CaseKind
from workbench.importing.annex_a import SPECIFICITY
from workbench.importing.report import kind_label
from workbench.importing.rows import MAX_DETAIL_LENGTH, Record, RowProblem
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
class Slice:
    """Some children's cases (every case of each, together) and the children's own facts."""

    cases: list[CaseDraft]
    children: dict[str, dict[str, Any]]  # ref -> child fields


@dataclass
class Combined:
    """The file's cases, drafted a slice of children at a time (see :meth:`slices`), or all at
    once by :meth:`draft_all`."""

    refs: list[str] = field(default_factory=list)  # every child's ref, in the file's order
    cases: list[CaseDraft] = field(default_factory=list)  # drafted, each child's together
    children: dict[str, dict[str, Any]] = field(default_factory=dict)  # ref -> child fields
    conflicts: list[Conflict] = field(default_factory=list)
    warnings: list[RowProblem] = field(default_factory=list)
    # Dates of birth and start dates after ``today``, found as the cases are drafted.
    future_dates: list[RowProblem] = field(default_factory=list)
    today: dt.date | None = None
    # The records of each case not yet drafted, each child's together, in the file's order.
    _groups: list[list[Record]] = field(default_factory=list)
    _worker_names: dict[str, str] = field(default_factory=dict)
    _team_names: dict[str, str] = field(default_factory=dict)

    def draft_all(self) -> None:
        """Draft every case now, into ``cases`` and ``children``."""
        for piece in self._drafted(len(self._groups)):
            self.cases += piece.cases
            self.children.update(piece.children)

    def slices(self, size: int | None) -> Iterator[Slice]:
        """The cases about ``size`` at a time (every case when None), each child's in one
        slice. Each slice is given up once taken: the import writes a slice while the next is
        drafted, and what it wrote is freed as it goes."""
        if self._groups:
            yield from self._drafted(size or len(self._groups))
            return
        cases, children = self.cases, self.children
        self.cases, self.children = [], {}
        size = size or len(cases)
        while cases:
            stop = _child_boundary(cases, size, attrgetter("child_ref"))
            piece = cases[:stop]
            del cases[:stop]  # each slice freed once written, not all of them at the end
            yield Slice(piece, {ref: children.pop(ref) for ref in dict.fromkeys(c.child_ref for c in piece)})

    def _drafted(self, size: int) -> Iterator[Slice]:
        groups, iso = self._groups, _Iso()
        worker_names, team_names = self._worker_names, self._team_names
        while groups:
            stop = _child_boundary(groups, size, lambda group: group[0].child_ref)
            cases: list[CaseDraft] = []
            children: dict[str, dict[str, Any]] = {}
            for group in groups[:stop]:
                draft = _draft(group, iso)
                draft.worker = worker_names[draft.worker_key]
                draft.team = team_names[draft.team_key]
                cases.append(draft)
                # The child's own facts, from the most specific list that has them: the group
                # is most specific first, and the first record (of the child's first case)
                # with a fact wins.
                facts = children.get(draft.child_ref)
                if facts is None:
                    facts = children[draft.child_ref] = {}
                for record in group:
                    record.layout.child_into(record.values, facts)
            del groups[:stop]  # the records are freed here, a slice at a time
            if self.today is not None:
                self.future_dates += _future_dates(cases, children, self.today)
            yield Slice(cases, children)


def _child_boundary(items: Sequence[Any], stop: int, ref_of: Callable[[Any], str]) -> int:
    """``stop``, or just past it: where the next child's cases begin."""
    if stop >= len(items):
        return len(items)
    last = ref_of(items[stop - 1])
    while stop < len(items) and ref_of(items[stop]) == last:
        stop += 1
    return stop


def _future_dates(cases: list[CaseDraft], children: dict[str, dict[str, Any]],
                  today: dt.date) -> list[RowProblem]:
    """Warnings for dates of birth and start dates after ``today``: imported as given."""
    warnings = []
    for ref, fields in children.items():
        born = fields.get("date_of_birth")
        if isinstance(born, dt.date) and born > today:
            warnings.append(RowProblem(None, None, ref, translatable(
                "workbench.importing", "date of birth %1 is in the future; imported as given, check it "
                                       "in the source system").arg(born.isoformat())))
    for draft in cases:
        if draft.start_date is not None and draft.start_date > today:
            warnings.append(RowProblem(None, None, draft.child_ref, translatable(
                "workbench.importing", "start date %1 (%2) is in the future; imported as given, check it "
                                       "in the source system").arg(draft.start_date.isoformat(),
                                                                   kind_label(draft.kind))))
    return warnings


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
    """The common case, kept quick: a child in one list only."""
    layout, values, kind = record.layout, record.values, record.kind
    key_dates = {}
    for index, name in layout.dates:  # in the order of their names already
        date = values[index]
        if date is not None:
            key_dates[name] = iso[date]
    end = layout.end(values, kind)
    ended = layout.ended(values, end)
    seen_alone = None if layout.seen_alone is None else values[layout.seen_alone]
    # Positional, in CaseDraft's field order: keywords cost a third more, 15,000 times over.
    return CaseDraft(record.child_ref, record.worker, record.worker_key, record.team,
                     record.team_key, kind, ended, end if ended else None, layout.start(values, kind),
                     layout.latest(values, layout.visits), seen_alone,
                     layout.latest(values, layout.reviews), key_dates, layout.details_of(values))


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
    ends: list[dt.date | None] = []
    key_dates: dict[str, dt.date] = {}
    details: dict[str, str] = {}
    # The latest visit; seen alone as the latest visit that says so recorded it (the earliest
    # record first on a tie), else as the first record that says at all. One pass gathers
    # these, the latest of each key date and review, and the first of each detail, straight
    # from the records' values.
    last_visit: dt.date | None = None
    seen_at: dt.date | None = None
    seen_alone: bool | None = None
    first_seen_alone: bool | None = None
    review: dt.date | None = None
    for record in records:
        layout, values = record.layout, record.values
        end = layout.end(values, record.kind)
        ends.append(end)
        if not layout.ended(values, end):
            open_records.append(record)
        for index, name in layout.dates:
            date = values[index]
            if date is not None:
                known = key_dates.get(name)
                if known is None or date > known:
                    key_dates[name] = date
        for index, name in layout.details:
            value = values[index]
            if value is not None and name not in details:
                details[name] = value[:MAX_DETAIL_LENGTH]
        said = None if layout.seen_alone is None else values[layout.seen_alone]
        if said is not None and first_seen_alone is None:
            first_seen_alone = said
        visit = layout.latest(values, layout.visits)
        if visit is not None:
            if last_visit is None or visit > last_visit:
                last_visit = visit
            if said is not None and (seen_at is None or visit > seen_at):
                seen_at, seen_alone = visit, said
        latest_review = layout.latest(values, layout.reviews)
        if latest_review is not None and (review is None or latest_review > review):
            review = latest_review
    if seen_at is None:
        seen_alone = first_seen_alone
    basis = open_records or records
    lead = basis[0]
    start = lead.layout.start(lead.values, lead.kind)
    if start is None:
        starts = [begun for record in basis
                  if (begun := record.layout.start(record.values, record.kind)) is not None]
        start = min(starts) if starts else None
    iso_dates = {}
    for name in sorted(key_dates):
        iso_dates[name] = iso[key_dates[name]]
    return CaseDraft(lead.child_ref, lead.worker, lead.worker_key, lead.team, lead.team_key,
                     lead.kind, not open_records, None if open_records else _latest(ends),
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


class Grouper:
    """Records grouped into cases (one per child and worker), a sheet's at a time as they are
    read, after dropping repeated rows: identical repeats in one list are counted once with a
    warning; an ended episode beside another is kept (a closed CIN episode and the current
    one); two different open entries for a child in one list are conflicts, since which of
    them is right cannot be known. The cases are drafted later (see Combined)."""

    def __init__(self) -> None:
        self._by_case: dict[tuple[str, str], list[Record]] = {}
        self._spellings: tuple[Counter[tuple[str, str]], Counter[tuple[str, str]]] = (Counter(), Counter())
        self.conflicts: list[Conflict] = []
        self.warnings: list[RowProblem] = []

    def add(self, records: list[Record]) -> None:
        by_case = self._by_case
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
                self.warnings.append(RowProblem(
                    record.sheet, record.row, record.child_ref,
                    translatable("workbench.importing", "repeats row %1; counted once").arg(repeated.row)))
            elif record.ended or all(r.ended for r in same_list):
                group.append(record)  # an earlier episode that has ended, beside the current one
            else:
                open_one = next(r for r in same_list if not r.ended)
                self.conflicts.append(Conflict(open_one, record))
        workers, teams = self._spellings
        workers.update(map(attrgetter("worker_key", "worker"), records))
        teams.update(map(attrgetter("team_key", "team"), records))

    def combined(self, today: dt.date | None = None) -> Combined:
        """The cases, to be drafted; dates after ``today`` are warned of then."""
        # Each child's cases together, in the file's order.
        groups: dict[str, list[list[Record]]] = {}
        for (ref, _worker), group in self._by_case.items():
            known = groups.get(ref)
            if known is None:
                groups[ref] = [group]
            else:
                known.append(group)
        self._by_case = {}
        workers, teams = self._spellings
        return Combined(refs=list(groups), conflicts=self.conflicts, warnings=self.warnings, today=today,
                        _groups=[group for many in groups.values() for group in many],
                        _worker_names=_best_spellings(workers), _team_names=_best_spellings(teams))
