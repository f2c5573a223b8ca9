"""Enumerations of the domain, stored by value so both databases hold readable text."""

from __future__ import annotations

import enum


def translatable(context: str, source: str) -> str:
    """Marks a label for the translation catalogue (``pyside6-lupdate`` reads it as
    ``QT_TRANSLATE_NOOP``); the UI looks it up under ``context`` where it shows it."""
    return source


class Role(enum.StrEnum):
    WORKER = "worker"
    TEAM_MANAGER = "team_manager"
    PRACTICE_LEAD = "practice_lead"
    ADMIN = "admin"


class CaseKind(enum.StrEnum):
    """The kind of a case allocation, in order of increasing specificity."""

    EARLY_HELP = "early_help"
    REFERRAL = "referral"
    ASSESSMENT = "assessment"
    SECTION_47 = "section_47"
    CHILD_IN_NEED = "child_in_need"
    CHILD_PROTECTION_PLAN = "child_protection_plan"
    CARE_LEAVER = "care_leaver"
    LOOKED_AFTER = "looked_after"

    @property
    def label(self) -> str:
        return _CASE_KIND_LABELS[self]


_CASE_KIND_LABELS = {
    CaseKind.EARLY_HELP: translatable("CaseKind", "Early help"),
    CaseKind.REFERRAL: translatable("CaseKind", "Referral"),
    CaseKind.ASSESSMENT: translatable("CaseKind", "Assessment"),
    CaseKind.SECTION_47: translatable("CaseKind", "Section 47"),
    CaseKind.CHILD_IN_NEED: translatable("CaseKind", "Child in need"),
    CaseKind.CHILD_PROTECTION_PLAN: translatable("CaseKind", "Child protection plan"),
    CaseKind.CARE_LEAVER: translatable("CaseKind", "Care leaver"),
    CaseKind.LOOKED_AFTER: translatable("CaseKind", "Looked after"),
}


class SessionKind(enum.StrEnum):
    CASE_ONE_TO_ONE = "case_one_to_one"
    REFLECTIVE = "reflective"
    GROUP_CONSULTATION = "group_consultation"


class SessionStatus(enum.StrEnum):
    DRAFT = "draft"
    READY_TO_SIGN = "ready_to_sign"
    SIGNED_BY_SUPERVISOR = "signed_by_supervisor"
    COUNTERSIGNED = "countersigned"
    DISAGREEMENT_RECORDED = "disagreement_recorded"
    # A draft its supervisor no longer wanted: kept (never deleted), read-only, out of every list.
    DISCARDED = "discarded"

    @property
    def is_signed(self) -> bool:
        return self in (SessionStatus.SIGNED_BY_SUPERVISOR, SessionStatus.COUNTERSIGNED,
                        SessionStatus.DISAGREEMENT_RECORDED)


class RaterRole(enum.StrEnum):
    WORKER = "worker"
    SUPERVISOR = "supervisor"
    PARENT = "parent"
    CHILD = "child"
    NETWORK = "network"
    PROFESSIONAL = "professional"  # another agency's practitioner (named, with their agency)


class ActionStatus(enum.StrEnum):
    OPEN = "open"
    DONE = "done"
    CARRIED = "carried"
    DROPPED = "dropped"


class SignatureKind(enum.StrEnum):
    APPROVAL = "approval"  # the supervisor signs the note
    COUNTERSIGNATURE = "countersignature"  # the worker agrees
    DISAGREEMENT = "disagreement"  # the worker records disagreement in their own words
    ADDENDUM = "addendum"  # a signed correction referring to the original


class DocumentKind(enum.StrEnum):
    """Which signed PDF of a session: the supervision-file copy or one child's extract."""

    NOTE = "note"
    EXTRACT = "extract"


class DocumentStage(enum.StrEnum):
    """The sign-off step that produced a stored PDF version (each step appends a new row)."""

    SUPERVISOR = "supervisor"  # rendered and signed by the supervisor at sign-off
    COUNTERSIGNED = "countersigned"  # the worker's signature appended (incremental update)
    DISAGREEMENT = "disagreement"  # the worker's signature with their words appended
    ADDENDUM = "addendum"  # a signed addendum PDF that refers to the original


class SafetyPlanStatus(enum.StrEnum):
    """Where a child's safety plan stands (workbench.supervision.safety_plan)."""

    NONE = "none"
    BEING_BUILT = "being_built"
    AGREED = "agreed"
    REVIEWED = "reviewed"

    @property
    def label(self) -> str:
        return _SAFETY_PLAN_STATUS_LABELS[self.value]


_SAFETY_PLAN_STATUS_LABELS = {
    "none": translatable("SafetyPlanStatus", "No safety plan yet"),
    "being_built": translatable("SafetyPlanStatus", "Being built"),
    "agreed": translatable("SafetyPlanStatus", "Agreed"),
    "reviewed": translatable("SafetyPlanStatus", "Reviewed"),
}


class DirectWorkTool(enum.StrEnum):
    """The tool a piece of direct work with a child used."""

    THREE_HOUSES = "three_houses"
    WIZARDS_AND_FAIRIES = "wizards_and_fairies"
    SAFETY_HOUSE = "safety_house"
    WORDS_AND_PICTURES = "words_and_pictures"

    @property
    def label(self) -> str:
        return _DIRECT_WORK_TOOL_LABELS[self.value]


# The tools' names as practitioners say them (a translation gives the names used there).
_DIRECT_WORK_TOOL_LABELS = {
    "three_houses": translatable("DirectWorkTool", "Three Houses"),
    "wizards_and_fairies": translatable("DirectWorkTool", "Wizards and Fairies"),
    "safety_house": translatable("DirectWorkTool", "Safety House"),
    "words_and_pictures": translatable("DirectWorkTool", "Words and Pictures"),
}


class WordsAndPicturesStatus(enum.StrEnum):
    NOT_STARTED = "not_started"
    DRAFTED = "drafted"
    SHARED_WITH_FAMILY = "shared_with_family"
    SHARED_WITH_CHILD = "shared_with_child"

    @property
    def label(self) -> str:
        return _WORDS_AND_PICTURES_LABELS[self.value]


_WORDS_AND_PICTURES_LABELS = {
    "not_started": translatable("WordsAndPicturesStatus", "Not started"),
    "drafted": translatable("WordsAndPicturesStatus", "Drafted"),
    "shared_with_family": translatable("WordsAndPicturesStatus", "Shared with the family"),
    "shared_with_child": translatable("WordsAndPicturesStatus", "Shared with the child"),
}


class AuditStatus(enum.StrEnum):
    """A practice quality audit's steps: sampled, the form completed by the auditor, moderated
    by a second auditor (then the worker and manager read and respond), signed (final)."""

    SAMPLED = "sampled"
    COMPLETED = "completed"
    MODERATED = "moderated"
    SIGNED = "signed"


class Grade(enum.StrEnum):
    """An audit item's grade, best first (the Ofsted-style four-point scale)."""

    OUTSTANDING = "outstanding"
    GOOD = "good"
    REQUIRES_IMPROVEMENT = "requires_improvement"
    INADEQUATE = "inadequate"

    @property
    def label(self) -> str:
        return {"outstanding": "Outstanding", "good": "Good",
                "requires_improvement": "Requires improvement",
                "inadequate": "Inadequate"}[self.value]

    @property
    def below_good(self) -> bool:
        return self in (Grade.REQUIRES_IMPROVEMENT, Grade.INADEQUATE)
