"""Safety planning and direct work with the child: records that live across sessions for a case.

A case's safety network (people, kept when they leave it), its network meetings, its one
safety plan, and the direct work done with the child (with scanned drawings). Sessions do not
own them; a signed discussion keeps a snapshot of how they stood (CaseDiscussion.case_record).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import JSON, Date, ForeignKey, Integer, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from db.base import Base, UTCDateTime, str_enum, utcnow
from db.enums import DirectWorkTool, SafetyPlanStatus, WordsAndPicturesStatus


class NetworkMember(Base):
    """A person in the child's safety network. Removing them sets ``removed_at``: never deleted."""

    __tablename__ = "network_member"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("case_allocation.id"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    relationship_to_child: Mapped[str] = mapped_column(String(200), default="")
    role: Mapped[str] = mapped_column(Text, default="")  # what they do in the safety plan
    since: Mapped[dt.date | None] = mapped_column(Date)
    added_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    removed_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    removed_reason: Mapped[str] = mapped_column(Text, default="")

    @property
    def is_current(self) -> bool:
        return self.removed_at is None


class NetworkMeeting(Base):
    __tablename__ = "network_meeting"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("case_allocation.id"), index=True)
    held_on: Mapped[dt.date] = mapped_column(Date)
    # Who came, by name as written (members and anyone else: the family, professionals).
    attendees: Mapped[list[str]] = mapped_column(JSON, default=list)
    notes: Mapped[str] = mapped_column(Text, default="")
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)


class SafetyPlan(Base):
    """The case's safety plan: one per case, changed in place (a signed session keeps its own copy)."""

    __tablename__ = "safety_plan"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("case_allocation.id"), unique=True)
    status: Mapped[SafetyPlanStatus] = mapped_column(
        str_enum(SafetyPlanStatus, "safety_plan_status"), default=SafetyPlanStatus.NONE)
    # Its rules, each in the family's own words, in order.
    rules: Mapped[list[str]] = mapped_column(JSON, default=list)
    review_date: Mapped[dt.date | None] = mapped_column(Date)
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)
    # Bumped by every ORM update, which also checks it (SQLAlchemy's version_id_col): two
    # people saving the same row at once cannot silently overwrite each other.
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012 (read once, at mapping)


class DirectWork(Base):
    """A dated piece of direct work with the child, in the child's own words."""

    __tablename__ = "direct_work"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("case_allocation.id"), index=True)
    done_on: Mapped[dt.date] = mapped_column(Date)
    tool: Mapped[DirectWorkTool] = mapped_column(str_enum(DirectWorkTool, "direct_work_tool"))
    done_by: Mapped[str] = mapped_column(String(200))
    # The child's words by part of the tool: Three Houses has worries, good_things, dreams;
    # Wizards and Fairies wizard, fairy; the others one "words".
    words: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    words_and_pictures_status: Mapped[WordsAndPicturesStatus | None] = mapped_column(
        str_enum(WordsAndPicturesStatus, "words_and_pictures_status"))
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)

    drawings: Mapped[list[DirectWorkDrawing]] = relationship(order_by="DirectWorkDrawing.id")


class DirectWorkDrawing(Base):
    """A scanned drawing: the file as given (PNG, JPEG or PDF) and a PNG preview made from it.
    Never changed or deleted once stored (migration 0013's triggers)."""

    __tablename__ = "direct_work_drawing"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    direct_work_id: Mapped[int] = mapped_column(ForeignKey("direct_work.id"), index=True)
    file_name: Mapped[str] = mapped_column(String(255))
    media_type: Mapped[str] = mapped_column(String(40))
    size: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))
    data: Mapped[bytes] = mapped_column(LargeBinary, deferred=True)
    preview_png: Mapped[bytes] = mapped_column(LargeBinary, deferred=True)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)


class ActionLink(Base):
    """What an action (a next step) is about: the safety plan, or a network member."""

    __tablename__ = "action_link"

    # A draft's action that is removed takes its link with it.
    action_id: Mapped[int] = mapped_column(ForeignKey("action.id", ondelete="CASCADE"), primary_key=True)
    about_safety_plan: Mapped[bool] = mapped_column(default=False)
    network_member_id: Mapped[int | None] = mapped_column(ForeignKey("network_member.id"))
