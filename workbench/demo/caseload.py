"""The demo caseload's history: weekly exports from the case-management system, imported.

A real team's statutory facts change between supervisions (a visit, a review, the next review
booked), and the workbench knows them through its imports, each keeping the version of a case
it replaced (``import_change``). The demo plans the same: every demo case is added by the first
weekly import, half a year ago, and each later import that finds a new visit or review keeps the
version before it. A record then prints the facts in force at its meeting
(:mod:`workbench.supervision.case_facts`), never a visit made after it.

Visits come back from the case's newest visit at the rhythm its status asks (child protection
about fortnightly, children in need and looked-after children about monthly); reviews go
forward from the start at the status's interval. Its own random stream (``seed`` + 2), so
adding it changed nothing else the demo makes.
"""

from __future__ import annotations

import bisect
import datetime as dt
import hashlib
import random
from typing import Any

from db.enums import CaseKind
from db.models import CaseAllocation, ImportBatch, ImportChange
from workbench.demo.rows import Rows

IMPORTS = 28  # weekly, the newest the day before the demo's today
VISIT_EVERY = {CaseKind.CHILD_PROTECTION_PLAN: (10, 15), CaseKind.CHILD_IN_NEED: (20, 32),
               CaseKind.LOOKED_AFTER: (28, 42)}
FIRST_REVIEW = {CaseKind.CHILD_PROTECTION_PLAN: 90, CaseKind.CHILD_IN_NEED: 90, CaseKind.LOOKED_AFTER: 20}
REVIEW_EVERY = {CaseKind.CHILD_PROTECTION_PLAN: 182, CaseKind.CHILD_IN_NEED: 91, CaseKind.LOOKED_AFTER: 182}


def _at(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(6), dt.UTC)


def _visits(case: dict[str, Any], rng: random.Random) -> list[tuple[dt.date, bool | None]]:
    """(day, seen alone) of each visit, oldest first, ending with the case's newest visit."""
    newest: dt.date | None = case["last_visit_date"]
    if newest is None:
        return []
    low, high = VISIT_EVERY.get(case["kind"], (20, 32))
    visits = [(newest, case["seen_alone"])]
    day = newest - dt.timedelta(days=rng.randint(low, high))
    while day >= case["start_date"]:
        visits.append((day, rng.choice([True, True, False, None])))
        day -= dt.timedelta(days=rng.randint(low, high))
    return visits[::-1]


def _reviews(case: dict[str, Any], today: dt.date, rng: random.Random) -> list[dt.date]:
    """Review days from the start, the first at the status's first interval, to a month ahead."""
    kind = case["kind"]
    day = case["start_date"] + dt.timedelta(days=FIRST_REVIEW.get(kind, 90))
    reviews = []
    while day <= today + dt.timedelta(days=200):
        reviews.append(day)
        day += dt.timedelta(days=REVIEW_EVERY.get(kind, 91) + rng.randint(-7, 7))
    return reviews


def _facts_on(day: dt.date, visits: list[tuple[dt.date, bool | None]], reviews: list[dt.date],
              start: dt.date) -> dict[str, Any]:
    """The case's facts as an export made on ``day`` gives them."""
    seen = bisect.bisect_right([v for v, _ in visits], day)
    done = bisect.bisect_right(reviews, day)
    visit, alone = visits[seen - 1] if seen else (None, None)
    key_dates = {"start": start.isoformat()}
    if visit is not None:
        key_dates["last_visit"] = visit.isoformat()
    if done < len(reviews):
        key_dates["next_review"] = reviews[done].isoformat()
    return {"last_visit_date": visit, "seen_alone": alone,
            "last_review_date": reviews[done - 1] if done else None, "key_dates": key_dates}


def add_caseload_history(rows: Rows, today: dt.date, seed: int) -> None:
    """Plan the weekly imports and each case's facts at each (the case rows as of the newest)."""
    rng = random.Random(seed + 2)
    days = [today - dt.timedelta(days=1 + 7 * (IMPORTS - 1 - k)) for k in range(IMPORTS)]
    cases = rows.tables[CaseAllocation]
    timelines = {case["id"]: (_visits(case, rng), _reviews(case, today, rng)) for case in cases}
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
        facts = _facts_on(days[0], visits, reviews, case["start_date"])
        last_batch, last_at = batches[0], _at(days[0])
        case.update(facts, added_by_batch_id=batches[0], created_at=last_at)
        for number in range(1, IMPORTS):
            now = _facts_on(days[number], visits, reviews, case["start_date"])
            if now == facts:
                batch_rows[number]["unchanged"] += 1
                continue
            rows.add(ImportChange, batch_id=batches[number], case_id=case["id"], change="updated",
                     team_id=case["team_id"], kind=case["kind"], start_date=case["start_date"],
                     end_date=None, **facts, details=case["details"], last_import_batch_id=last_batch,
                     updated_at=last_at)
            batch_rows[number]["updated"] += 1
            facts, last_batch, last_at = now, batches[number], _at(days[number])
        case.update(facts, last_import_batch_id=last_batch, updated_at=last_at)
