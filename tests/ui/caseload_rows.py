"""CaseRow values for model tests, without a database."""

from __future__ import annotations

import datetime as dt

from db.enums import CaseKind
from workbench.caseload import CaseRow


def case_row(
    la_child_id: str,
    *,
    name: str | None = None,
    kind: CaseKind = CaseKind.CHILD_IN_NEED,
    start: dt.date | None = None,
    last_visit: dt.date | None = None,
    seen_alone: bool | None = None,
    last_supervised: dt.datetime | None = None,
    worker: str = "Alex Worker",
    team: str = "North",
    case_id: int = 0,
) -> CaseRow:
    return CaseRow(
        case_id=case_id or abs(hash(la_child_id)) % 10_000,
        child_id=case_id or abs(hash(la_child_id)) % 10_000,
        la_child_id=la_child_id,
        child_name=name,
        kind=kind,
        start_date=start,
        last_visit_date=last_visit,
        seen_alone=seen_alone,
        last_review_date=None,
        key_dates={},
        team_name=team,
        worker_id=1,
        worker_name=worker,
        last_supervised=last_supervised,
    )
