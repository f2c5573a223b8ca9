"""The demo children's legal status, as a case-management system's Annex A lists carry it, and the
two children whose status changes during the demo's months.

Every child's status has its start and the coded facts of its list: a child protection plan
its category of abuse (list 7), a looked-after child their legal status (list 8: C1 interim care
order, C2 full care order, V2 accommodated under section 20), a child in need their primary need
code (list 6). They follow the child's story: the category is the one their first worry is
under; a child whose worry is a permanence plan waiting on the court is on an interim order, a
teenager may be accommodated with their parents' agreement.

Two children change status, decided in supervision and then carried by the next weekly import:
a child in need comes onto a child protection plan (a further incident, a strategy discussion,
the conference's plan about twelve days later), and a young child on a plan comes into care on
an interim care order. Each is one of the first worker's children where one fits (the draft
session's worker, whose children the screenshots show), else the first that fits in the team.
Meetings before the change are held under the old status and its scale, those after under the
new one, so the chart marks the change.
"""

from __future__ import annotations

import datetime as dt
import random

from db.enums import CaseKind
from workbench.demo.people import CasePlan, Organisation

# (from, to, the youngest and oldest child, days before today from which a meeting decides it)
CHANGES = ((CaseKind.CHILD_IN_NEED, CaseKind.CHILD_PROTECTION_PLAN, 5, 12, 115),
           (CaseKind.CHILD_PROTECTION_PLAN, CaseKind.LOOKED_AFTER, 1, 7, 80))
HISTORY_NEEDED = 170  # days of the case before today: discussed well before and after the change
# Days from the meeting that decides it to the new status's start: the initial conference within
# fifteen working days of the strategy discussion; the interim care order's hearing.
DAYS_TO_START = {CaseKind.CHILD_PROTECTION_PLAN: 12, CaseKind.LOOKED_AFTER: 9}
INTERIM_ORDER = "C1 Interim care order"
FULL_ORDER = "C2 Full care order"
SECTION_20 = "V2 Accommodated under section 20"


def plan_status_changes(organisation: Organisation, today: dt.date) -> list[CasePlan]:
    """Choose the children whose status changes and mark them (no random draw: the rest of the
    demo is as it was). Their scores fall towards the change, as a story that ends in it would."""
    chosen: list[CasePlan] = []
    everyone = [case for worker in organisation.workers for case in worker.cases]
    first_worker = organisation.workers[0].cases
    for before, after, youngest, oldest, days in CHANGES:
        def fits(case: CasePlan, before: CaseKind = before, youngest: int = youngest,
                 oldest: int = oldest) -> bool:
            return (case.kind is before and youngest <= case.age <= oldest and case not in chosen
                    and case.start_date <= today - dt.timedelta(days=HISTORY_NEEDED))
        case = next((c for c in first_worker if fits(c)), None) or next(
            (c for c in everyone if fits(c)), None)
        if case is None:
            continue
        case.change_to, case.change_after = after, today - dt.timedelta(days=days)
        case.pattern, case.base = "falling", 6.0
        chosen.append(case)
    return chosen


def fill_coded_facts(organisation: Organisation, seed: int) -> None:
    """Each status's coded facts from the child's story (their worries, age), once the history is
    planned. Its own random stream (``seed`` + 3)."""
    rng = random.Random(seed + 3)
    for worker in organisation.workers:
        for case in worker.cases:
            first = case.opened[0] if case.opened else None
            for status in case.statuses:
                if status.details:  # a change sets its own
                    continue
                status.details = {"source": "demo"}
                if status.kind is CaseKind.CHILD_PROTECTION_PLAN:
                    category = (first.category if first else "") or "Neglect"
                    status.details |= {"category_initial": category, "category_latest": category}
                elif status.kind is CaseKind.CHILD_IN_NEED:
                    status.details["primary_need"] = (first.need if first else "") or "N1 Abuse or neglect"
                elif status.kind is CaseKind.LOOKED_AFTER:
                    status.details["legal_status"] = legal_status(case, rng)


def legal_status(case: CasePlan, rng: random.Random) -> str:
    """A looked-after child's legal status that fits their story: an interim order while the
    court decides their permanence plan, a teenager sometimes accommodated by agreement, else a
    full care order."""
    if any("court" in w.parts.get("what_adults_do", "") for w in case.opened):
        return INTERIM_ORDER
    if case.age >= 13 and rng.random() < 0.4:
        return SECTION_20
    return FULL_ORDER
