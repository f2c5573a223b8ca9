"""Supervision sessions, the case discussions in them, and what lives across sessions."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    Date,
    ForeignKey,
    Index,
    Integer,
    SmallInteger,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from db.base import Base, UTCDateTime, str_enum, utcnow
from db.enums import ActionStatus, RaterRole, SessionKind, SessionStatus
from db.models.cases import CaseAllocation, Child
from db.models.people import Staff


class QuestionSetVersion(Base):
    """A snapshot of the question set a session was held with, so old wording survives."""

    __tablename__ = "question_set_version"
    __table_args__ = (UniqueConstraint("set_key", "version"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    set_key: Mapped[str] = mapped_column(String(100))
    version: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(String(200))
    sha256: Mapped[str] = mapped_column(String(64))
    content: Mapped[dict[str, Any]] = mapped_column(JSON)


class SupervisionSession(Base):
    __tablename__ = "supervision_session"
    __table_args__ = (
        CheckConstraint("duration_minutes IS NULL OR duration_minutes > 0", name="duration_positive"),
        Index("ix_supervision_session_supervisee_meeting", "supervisee_id", "meeting_at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    supervisor_id: Mapped[int] = mapped_column(ForeignKey("staff.id"), index=True)
    supervisee_id: Mapped[int] = mapped_column(ForeignKey("staff.id"))
    # When the meeting happened, kept apart from when it was typed (created_at).
    meeting_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    duration_minutes: Mapped[int | None] = mapped_column(Integer)
    kind: Mapped[SessionKind] = mapped_column(str_enum(SessionKind, "session_kind"))
    status: Mapped[SessionStatus] = mapped_column(
        str_enum(SessionStatus, "session_status"), default=SessionStatus.DRAFT
    )
    question_set_version_id: Mapped[int] = mapped_column(ForeignKey("question_set_version.id"))
    present: Mapped[list[str]] = mapped_column(JSON, default=list)
    blind_scaling: Mapped[bool] = mapped_column(Boolean, default=False)
    # The worker's part: workload, wellbeing, learning and development.
    workload: Mapped[str] = mapped_column(Text, default="")
    wellbeing: Mapped[str] = mapped_column(Text, default="")
    learning_development: Mapped[str] = mapped_column(Text, default="")
    appreciative_inquiry: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    supervisor: Mapped[Staff] = relationship(foreign_keys=[supervisor_id])
    supervisee: Mapped[Staff] = relationship(foreign_keys=[supervisee_id])
    question_set: Mapped[QuestionSetVersion] = relationship()
    discussions: Mapped[list[CaseDiscussion]] = relationship(
        back_populates="session", order_by="CaseDiscussion.agenda_position"
    )


class CaseDiscussion(Base):
    """One record per child per session."""

    __tablename__ = "case_discussion"
    __table_args__ = (
        UniqueConstraint("session_id", "child_id"),
        # Covers "when was this case last discussed" (max meeting_at over its sessions).
        Index("ix_case_discussion_case_session", "case_id", "session_id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("supervision_session.id"), index=True)
    child_id: Mapped[int] = mapped_column(ForeignKey("child.id"), index=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("case_allocation.id"))
    agenda_position: Mapped[int] = mapped_column(Integer, default=0)
    agenda_reasons: Mapped[list[str]] = mapped_column(JSON, default=list)
    # Answers to the question set, by question id.
    answers: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    child_voice: Mapped[str] = mapped_column(Text, default="")
    impact_statement: Mapped[str] = mapped_column(Text, default="")
    escalation_decision: Mapped[str] = mapped_column(Text, default="")
    score_difference_note: Mapped[str] = mapped_column(Text, default="")
    # The scale variant (question set [[scale.variants]] id) this child is scored on; null for
    # sets without variants. A change from the one that fits the case kind carries its reason.
    scale_variant: Mapped[str | None] = mapped_column(String(40))
    scale_variant_reason: Mapped[str] = mapped_column(Text, default="", server_default="")
    # Written once, at signing: the child's safety planning, direct work and statutory facts
    # as they stood then (workbench.supervision.case_record), so the signed record keeps them.
    case_record: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)
    # Bumped by every ORM update, which also checks it (SQLAlchemy's version_id_col): two
    # people saving the same row at once cannot silently overwrite each other.
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012 (read once, at mapping)

    session: Mapped[SupervisionSession] = relationship(back_populates="discussions")
    child: Mapped[Child] = relationship()
    case: Mapped[CaseAllocation] = relationship()
    decisions: Mapped[list[Decision]] = relationship(
        back_populates="discussion", order_by="Decision.position", cascade="all, delete-orphan"
    )
    scores: Mapped[list[ScalingScore]] = relationship(back_populates="discussion")


class Decision(Base):
    __tablename__ = "decision"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    discussion_id: Mapped[int] = mapped_column(ForeignKey("case_discussion.id"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    text: Mapped[str] = mapped_column(Text)
    rationale: Mapped[str] = mapped_column(Text, default="")
    # Bumped by every ORM update, which also checks it (SQLAlchemy's version_id_col): two
    # people saving the same row at once cannot silently overwrite each other.
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012 (read once, at mapping)

    discussion: Mapped[CaseDiscussion] = relationship(back_populates="decisions")


class Worry(Base):
    """A danger statement paired with its safety goal; lives across sessions for a case."""

    __tablename__ = "worry"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("case_allocation.id"), index=True)
    danger_statement: Mapped[str] = mapped_column(Text)
    safety_goal: Mapped[str] = mapped_column(Text, default="")
    # The statement and goal in their parts ({part id: text}, see
    # workbench/supervision/worry_parts.py); null for a worry written as free text.
    parts: Mapped[dict[str, str] | None] = mapped_column(JSON)
    opened_in_id: Mapped[int | None] = mapped_column(ForeignKey("case_discussion.id"))
    closed_in_id: Mapped[int | None] = mapped_column(ForeignKey("case_discussion.id"))
    closed_reason: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    # Bumped by every ORM update, which also checks it (SQLAlchemy's version_id_col): two
    # people saving the same row at once cannot silently overwrite each other.
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012 (read once, at mapping)

    revisions: Mapped[list[WorryRevision]] = relationship(
        back_populates="worry", order_by="WorryRevision.id"
    )

    @property
    def is_open(self) -> bool:
        return self.closed_in_id is None


class WorryRevision(Base):
    """Each wording a worry has had, and the discussion that gave it."""

    __tablename__ = "worry_revision"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    worry_id: Mapped[int] = mapped_column(ForeignKey("worry.id"), index=True)
    discussion_id: Mapped[int | None] = mapped_column(ForeignKey("case_discussion.id"))
    danger_statement: Mapped[str] = mapped_column(Text)
    safety_goal: Mapped[str] = mapped_column(Text, default="")
    parts: Mapped[dict[str, str] | None] = mapped_column(JSON)  # as Worry.parts
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)

    worry: Mapped[Worry] = relationship(back_populates="revisions")


class ScalingScore(Base):
    """0-10 on a worry (or on the case as a whole when worry_id is null), by one rater."""

    __tablename__ = "scaling_score"
    __table_args__ = (
        CheckConstraint("score >= 0 AND score <= 10", name="score_0_to_10"),
        # The case's history query reads by case and meeting order.
        Index("ix_scaling_score_case_meeting", "case_id", "meeting_at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    discussion_id: Mapped[int] = mapped_column(ForeignKey("case_discussion.id"), index=True)
    # Denormalised from the discussion so a case's history is one indexed range read.
    case_id: Mapped[int] = mapped_column(ForeignKey("case_allocation.id"))
    meeting_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    worry_id: Mapped[int | None] = mapped_column(ForeignKey("worry.id"), index=True)
    rater_role: Mapped[RaterRole] = mapped_column(str_enum(RaterRole, "rater_role"))
    rater_staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    rater_name: Mapped[str | None] = mapped_column(String(200))
    rater_agency: Mapped[str | None] = mapped_column(String(200))  # other professionals
    score: Mapped[int] = mapped_column(SmallInteger)
    reason: Mapped[str] = mapped_column(Text, default="")
    recorded_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)

    discussion: Mapped[CaseDiscussion] = relationship(back_populates="scores")
    worry: Mapped[Worry | None] = relationship()


class Action(Base):
    __tablename__ = "action"
    __table_args__ = (Index("ix_action_case_status", "case_id", "status"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("case_allocation.id"))
    discussion_id: Mapped[int] = mapped_column(ForeignKey("case_discussion.id"), index=True)
    description: Mapped[str] = mapped_column(Text)
    owner_staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    owner_name: Mapped[str] = mapped_column(String(200), default="")
    due_date: Mapped[dt.date | None] = mapped_column(Date)
    status: Mapped[ActionStatus] = mapped_column(
        str_enum(ActionStatus, "action_status"), default=ActionStatus.OPEN
    )
    status_reason: Mapped[str] = mapped_column(Text, default="")
    reviewed_in_id: Mapped[int | None] = mapped_column(ForeignKey("case_discussion.id"))
    # A carried action is copied into the reviewing discussion; the copy points back here.
    carried_from_id: Mapped[int | None] = mapped_column(ForeignKey("action.id"))
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    # Bumped by every ORM update, which also checks it (SQLAlchemy's version_id_col): two
    # people saving the same row at once cannot silently overwrite each other.
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012 (read once, at mapping)


class Reflection(Base):
    """A worker's preparation for the next session about one child."""

    __tablename__ = "reflection"
    __table_args__ = (
        CheckConstraint("worker_score IS NULL OR (worker_score >= 0 AND worker_score <= 10)",
                        name="worker_score_0_to_10"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("case_allocation.id"), index=True)
    worker_id: Mapped[int] = mapped_column(ForeignKey("staff.id"), index=True)
    # Set when the reflection is brought into a session's discussion of the child.
    discussion_id: Mapped[int | None] = mapped_column(ForeignKey("case_discussion.id"))
    what_happened: Mapped[str] = mapped_column(Text, default="")
    how_and_why: Mapped[str] = mapped_column(Text, default="")
    worker_score: Mapped[int | None] = mapped_column(SmallInteger)
    score_reason: Mapped[str] = mapped_column(Text, default="")
    wants_from_supervision: Mapped[str] = mapped_column(Text, default="")
    flag_for_discussion: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)
    # Bumped by every ORM update, which also checks it (SQLAlchemy's version_id_col): two
    # people saving the same row at once cannot silently overwrite each other.
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012 (read once, at mapping)
