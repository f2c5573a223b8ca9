"""A case's facts as they stood at a moment (a meeting): the caseload as the imports had it then.

The caseload's statutory facts (kind, legal status, start, last visit, seen alone, reviews) come
from the case-management system's exports, and each import that changes a case keeps the case
as it was before, beside the import's time (``import_change``, written for undo). That is the
facts' dated history: the version in force at time T is the one the first import after T
replaced, or the case as it stands now when no import has changed it since T. No copy is made
when a discussion is typed, so a meeting recorded days later, or a draft signed after a
re-import, still gets the facts the meeting was held under.

An import that was undone is read as never having been in force: undoing says it was the wrong
file, so its values are not the facts of any meeting. A meeting held before the case was first
imported gets the earliest version on record (nothing older is known).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.enums import CaseKind
from db.models import CaseAllocation, CaseDiscussion, ImportBatch, ImportChange

#: A version of a case's facts: the case itself (as it stands now) or one kept by an import.
CaseVersion = CaseAllocation | ImportChange


def case_as_at(s: Session, case: CaseAllocation, at: dt.datetime) -> CaseVersion:
    """The version of ``case``'s facts in force at ``at`` (see the module docstring)."""
    replaced = s.scalars(
        select(ImportChange).join(ImportBatch, ImportBatch.id == ImportChange.batch_id)
        .where(ImportChange.case_id == case.id, ImportBatch.imported_at > at,
               ImportBatch.undone_at.is_(None))
        .order_by(ImportBatch.imported_at, ImportChange.id).limit(1)).first()
    return case if replaced is None else replaced


def kind_at_meeting(s: Session, discussion: CaseDiscussion) -> CaseKind:
    """The child's case kind when ``discussion`` was held (see :func:`kind_at`)."""
    return kind_at(s, discussion.case, discussion.session.meeting_at, discussion.case_record)


def kind_at(s: Session, case: CaseAllocation, meeting_at: dt.datetime,
            case_record: Mapping[str, Any] | None) -> CaseKind:
    """The case kind a meeting was held under: as the signed record kept it (``case_record``),
    else as the caseload had it at ``meeting_at``. It chooses the scale wording that fits the
    child and heads the child's part of the record, so a later change of status changes neither."""
    kept = ((case_record or {}).get("statutory") or {}).get("case_kind")
    if kept:
        try:
            return CaseKind(kept)
        except ValueError:  # a kind this version no longer knows: the caseload's then
            pass
    return case_as_at(s, case, meeting_at).kind
