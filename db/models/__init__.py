"""Every table of the workbench, re-exported so ``from db.models import Child`` works."""

from db.base import Base
from db.models.audit import AuditEvent
from db.models.cases import CaseAllocation, Child, ImportBatch, ImportChange, ImportRejectedRow
from db.models.people import Staff, Team
from db.models.records import Addendum, Signature, SignedDocument
from db.models.supervision import (
    Action,
    CaseDiscussion,
    Decision,
    QuestionSetVersion,
    Reflection,
    ScalingScore,
    SupervisionSession,
    Worry,
    WorryRevision,
)

__all__ = [
    "Action",
    "Addendum",
    "AuditEvent",
    "Base",
    "CaseAllocation",
    "CaseDiscussion",
    "Child",
    "Decision",
    "ImportBatch",
    "ImportChange",
    "ImportRejectedRow",
    "QuestionSetVersion",
    "Reflection",
    "ScalingScore",
    "Signature",
    "SignedDocument",
    "Staff",
    "SupervisionSession",
    "Team",
    "Worry",
    "WorryRevision",
]
