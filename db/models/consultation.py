"""Group supervision: a case consultation's own parts, beside its supervision session.

A consultation is a :class:`SupervisionSession` of kind ``group_consultation``: its
supervisor is the facilitator, its supervisee the presenter (the allocated worker), and its
case discussions are the child or sibling group presented. So signing, the PDF and the scale
history take it as they take any session. What a one-to-one session has not got lives here:
the steps' text and time boxes, and who else was in the room.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import JSON, Boolean, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from db.base import Base, UTCDateTime, utcnow


class Consultation(Base):
    """The steps of one case consultation, in the presenter's and the group's words."""

    __tablename__ = "consultation"

    session_id: Mapped[int] = mapped_column(ForeignKey("supervision_session.id"), primary_key=True)
    presenter_request: Mapped[str] = mapped_column(Text, default="")  # what they want from the group
    story: Mapped[str] = mapped_column(Text, default="")  # the story so far
    spread_discussion: Mapped[str] = mapped_column(Text, default="")  # what the spread of scores told
    next_steps: Mapped[str] = mapped_column(Text, default="")  # proposed by the group
    takeaway: Mapped[str] = mapped_column(Text, default="")  # the presenter's own words
    # {step key: minutes}; a step without an entry has no time box.
    time_boxes: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    # Set when the facilitator shows the private scores side by side; until then each person's
    # score is seen only by them (and is kept from the projector).
    scores_revealed_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    members: Mapped[list[ConsultationMember]] = relationship(
        order_by="ConsultationMember.position", primaryjoin="Consultation.session_id == "
        "foreign(ConsultationMember.session_id)", viewonly=True)


class ConsultationMember(Base):
    """Someone in the consultation besides the facilitator and the presenter: a participant with
    an account (``staff_id``), or an attendee without one (a partner agency's practitioner)."""

    __tablename__ = "consultation_member"
    __table_args__ = (UniqueConstraint("session_id", "staff_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("supervision_session.id"), index=True)
    staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    name: Mapped[str] = mapped_column(String(200))
    agency: Mapped[str] = mapped_column(String(200), default="")
    role: Mapped[str] = mapped_column(String(200), default="")  # "Designated safeguarding lead"
    # An attendee without an account is named in the record only with their consent;
    # otherwise the record says their role and agency.
    consent_to_be_named: Mapped[bool] = mapped_column(Boolean, default=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)

    @property
    def has_account(self) -> bool:
        return self.staff_id is not None

    @property
    def record_name(self) -> str:
        """How the signed record names them."""
        if self.has_account or self.consent_to_be_named:
            return self.name
        return ", ".join(p for p in (self.role or "Attendee", self.agency) if p) + " (not named)"
