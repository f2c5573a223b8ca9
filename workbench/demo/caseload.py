"""The demo caseload's history: weekly exports from the case-management system, imported.

A real team's statutory facts change between supervisions (a visit, a review, the next review
booked), and the workbench knows them through its imports, each keeping the version of a case
it replaced (``import_change``). The demo plans the same: every demo case is added by the first
weekly import, half a year ago, and each later import that finds a new visit or review keeps the
version before it. A record then prints the facts in force at its meeting
(:mod:`workbench.supervision.case_facts`), never a visit made after it.

Visits come back from the case's newest visit at the rhythm its status asks (child protection
about fortnightly, children in need and looked-after children about monthly); reviews go
forward from the start at the status's interval. A child whose legal status changes
(:mod:`workbench.demo.status`) has it from the first import after the change: the new kind, its
start, its coded facts (category of abuse, legal status) and its own reviews. Its own random
stream (``seed`` + 2), so adding it changed nothing else the demo makes.
"""

from __future__ import annotations

import bisect
import datetime as dt
import hashlib
import random
from typing import Any

from db.enums import CaseKind
from db.models import CaseAllocation, ImportBatch, ImportChange
from workbench.demo.people import Status
from workbench.demo.rows import Rows

IMPORTS = 28  # weekly, the newest the day before the demo's today
VISIT_EVERY = {CaseKind.CHILD_PROTECTION_PLAN: (10, 15), CaseKind.CHILD_IN_NEED: (20, 32),
               CaseKind.LOOKED_AFTER: (28, 42)}
FIRST_REVIEW = {CaseKind.CHILD_PROTECTION_PLAN: 90, CaseKind.CHILD_IN_NEED: 90, CaseKind.LOOKED_AFTER: 20}
REVIEW_EVERY = {CaseKind.CHILD_PROTECTION_PLAN: 182, CaseKind.CHILD_IN_NEED: 91, CaseKind.LOOKED_AFTER: 182}
# A looked-after child's second review comes three months after the first, then six-monthly.
SECOND_REVIEW = {CaseKind.LOOKED_AFTER: 91}


def _at(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(6), dt.UTC)


def import_days(today: dt.date) -> list[dt.date]:
    """The days of the weekly imports, oldest first (each at six in the morning)."""
    return [today - dt.timedelta(days=1 + 7 * (IMPORTS - 1 - k)) for k in range(IMPORTS)]


def first_import_on_or_after(today: dt.date, day: dt.date) -> dt.date | None:
    """The import that first carries what happened on ``day`` (None: none has been made since)."""
    return next((d for d in import_days(today) if d >= day), None)


def _visits(case: dict[str, Any], statuses: list[Status],
            rng: random.Random) -> list[tuple[dt.date, bool | None]]:
    """(day, seen alone) of each visit, oldest first, ending with the case's newest visit, at the
    rhythm the status of the day asks."""
    newest: dt.date | None = case["last_visit_date"]
    if newest is None:
        return []
    visits = [(newest, case["seen_alone"])]
    first = statuses[0].start
    day = newest - dt.timedelta(days=rng.randint(*VISIT_EVERY.get(_kind_on(statuses, newest), (20, 32))))
    while day >= first:
        visits.append((day, rng.choice([True, True, False, None])))
        day -= dt.timedelta(days=rng.randint(*VISIT_EVERY.get(_kind_on(statuses, day), (20, 32))))
    return visits[::-1]


def _kind_on(statuses: list[Status], day: dt.date) -> CaseKind:
    return next(s.kind for s in reversed(statuses) if s.start <= day or s is statuses[0])


def _reviews(status: Status, today: dt.date, rng: random.Random) -> list[dt.date]:
    """A status's review days from its start, the first at its first interval, to months ahead
    (as planned while it lasts: a later status plans its own)."""
    kind = status.kind
    day = status.start + dt.timedelta(days=FIRST_REVIEW.get(kind, 90))
    reviews = []
    while day <= today + dt.timedelta(days=200):
        reviews.append(day)
        every = SECOND_REVIEW.get(kind) if len(reviews) == 1 else None
        day += dt.timedelta(days=(every or REVIEW_EVERY.get(kind, 91)) + rng.randint(-7, 7))
    return reviews


START_KEYS = {CaseKind.CHILD_IN_NEED: "cin_start", CaseKind.CHILD_PROTECTION_PLAN: "cp_start",
              CaseKind.LOOKED_AFTER: "lac_start"}


def _facts_on(day: dt.date, visits: list[tuple[dt.date, bool | None]], statuses: list[Status],
              reviews: list[list[dt.date]]) -> dict[str, Any]:
    """The case's facts as an export made on ``day`` gives them: the status it had by then (its
    kind, start and coded facts, as Annex A's lists carry them), visits and reviews."""
    number = max(n for n, s in enumerate(statuses) if s.known_from <= day)
    status = statuses[number]
    seen = bisect.bisect_right([v for v, _ in visits], day)
    visit, alone = visits[seen - 1] if seen else (None, None)
    # Reviews held: each earlier status's until the next began, then this one's up to the day.
    held = [r for n, s in enumerate(statuses[:number]) for r in reviews[n]
            if r <= min(day, statuses[n + 1].start)]
    held += [r for r in reviews[number] if r <= day]
    ahead = [r for r in reviews[number] if r > day]
    key_dates = {"start": status.start.isoformat()}
    for earlier in statuses[:number + 1]:  # a child on a plan is in list 6 (children in need) too
        key_dates[START_KEYS.get(earlier.kind, "start")] = earlier.start.isoformat()
    if status.kind is CaseKind.LOOKED_AFTER and any(s.kind is CaseKind.CHILD_PROTECTION_PLAN
                                                    for s in statuses[:number]):
        key_dates["cp_ended"] = status.start.isoformat()  # the plan ends when the child comes into care
    if visit is not None:
        key_dates["last_visit"] = visit.isoformat()
    if ahead:
        key_dates["next_review"] = ahead[0].isoformat()
    return {"kind": status.kind, "start_date": status.start, "details": dict(status.details),
            "last_visit_date": visit, "seen_alone": alone, "last_review_date": max(held, default=None),
            "key_dates": key_dates}


def add_caseload_history(rows: Rows, today: dt.date, seed: int, statuses: dict[int, list[Status]]) -> None:
    """Plan the weekly imports and each case's facts at each (the case rows as of the newest).

    ``statuses`` is each case's legal statuses, oldest first (:class:`Status`)."""
    rng = random.Random(seed + 2)
    days = import_days(today)
    cases = rows.tables[CaseAllocation]
    timelines = {case["id"]: (_visits(case, statuses[case["id"]], rng),
                              [_reviews(status, today, rng) for status in statuses[case["id"]]])
                 for case in cases}
    batches = []
    for day in days:
        name = f"Demo caseload export {day.isoformat()}.csv"
        batches.append(rows.add(
            ImportBatch, file_name=name, sha256=hashlib.sha256(name.encode()).hexdigest(),
            imported_by_id=None, imported_at=_at(day), worker_filter=None, team_filter=None,
            rows_read=len(cases), added=0, updated=0, unchanged=0, closed=0, rejected=0,
            unallocated=0, undone_at=None, undone_by_id=None))
    batch_rows = rows.tables[ImportBatch][-IMPORTS:]
    batch_rows[0]["added"] = len(cases)
    for case in cases:
        visits, reviews = timelines[case["id"]]
        history = statuses[case["id"]]
        facts = _facts_on(days[0], visits, history, reviews)
        last_batch, last_at = batches[0], _at(days[0])
        case.update(facts, added_by_batch_id=batches[0], created_at=last_at)
        for number in range(1, IMPORTS):
            now = _facts_on(days[number], visits, history, reviews)
            if now == facts:
                batch_rows[number]["unchanged"] += 1
                continue
            rows.add(ImportChange, batch_id=batches[number], case_id=case["id"], change="updated",
                     team_id=case["team_id"], end_date=None, **facts, last_import_batch_id=last_batch,
                     updated_at=last_at)
            batch_rows[number]["updated"] += 1
            facts, last_batch, last_at = now, batches[number], _at(days[number])
        case.update(facts, last_import_batch_id=last_batch, updated_at=last_at)
