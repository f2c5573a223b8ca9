"""Every table of the workbench, re-exported so ``from db.models import Child`` works."""

from db.base import Base
from db.models.audit import AuditEvent
from db.models.audits import AuditFormVersion, AuditGrade, AuditResponse, PracticeAudit
from db.models.cases import CaseAllocation, Child, ImportBatch, ImportChange, ImportRejectedRow
from db.models.consultation import Consultation, ConsultationMember
from db.models.organisation import EnrolmentCode, Organisation
from db.models.people import SigningAuthority, Staff, Team
from db.models.records import Addendum, DisagreementResponse, Signature, SignedDocument
from db.models.safety import (
    ActionLink,
    DirectWork,
    DirectWorkDrawing,
    NetworkMeeting,
    NetworkMember,
    SafetyPlan,
)
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
    "ActionLink",
    "Addendum",
    "AuditEvent",
    "AuditFormVersion",
    "AuditGrade",
    "AuditResponse",
    "Base",
    "CaseAllocation",
    "CaseDiscussion",
    "Child",
    "Consultation",
    "ConsultationMember",
    "Decision",
    "DirectWork",
    "DirectWorkDrawing",
    "DisagreementResponse",
    "EnrolmentCode",
    "ImportBatch",
    "ImportChange",
    "ImportRejectedRow",
    "NetworkMeeting",
    "NetworkMember",
    "Organisation",
    "PracticeAudit",
    "QuestionSetVersion",
    "Reflection",
    "SafetyPlan",
    "ScalingScore",
    "Signature",
    "SignedDocument",
    "SigningAuthority",
    "Staff",
    "SupervisionSession",
    "Team",
    "Worry",
    "WorryRevision",
]
