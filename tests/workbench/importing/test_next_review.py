"""A caseload export's next review (or conference) date reaches the case, for the child's
extract to print (statutory facts); an export without the column is as before."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from sqlalchemy import select

from db.engine import DbFactory
from db.models import CaseAllocation, Child
from tests.workbench.importing.conftest import CASELOAD_HEADER, Importer, caseload_row, write_csv
from workbench.supervision.case_record import statutory_facts


def test_the_next_review_date_is_kept_among_the_cases_key_dates(
        tmp_path: Path, run_import: Importer, db: DbFactory) -> None:
    header = [*CASELOAD_HEADER, "Next Review Date"]
    rows = [header, [*caseload_row("C1", kind="Child Protection Plan"), "09/12/2026"],
            [*caseload_row("C2"), ""]]
    run_import(write_csv(tmp_path / "caseload.csv", rows), actor_id=None)
    with db() as s:
        cases = {c.child.la_child_id: c for c in s.scalars(select(CaseAllocation).join(Child))}
        facts = {key: statutory_facts(case) for key, case in cases.items()}
    assert facts["C1"]["next_review_date"] == dt.date(2026, 12, 9).isoformat()
    assert facts["C1"]["case_kind"] == "child_protection_plan"
    assert facts["C1"]["seen_alone"] is True
    assert facts["C2"]["next_review_date"] is None
