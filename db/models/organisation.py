"""The organisation itself (made by the first-run setup) and one-time enrolment codes."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import CheckConstraint, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from db.base import Base, UTCDateTime, utcnow


class Organisation(Base):
    """One row (id 1): a second setup cannot insert another, even racing the first."""

    __tablename__ = "organisation"
    __table_args__ = (CheckConstraint("id = 1", name="single_row"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    name: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)


class EnrolmentCode(Base):
    """A one-time code an admin gave someone to choose (or reset) their passphrase.

    Only the code's SHA-256 is kept (the code is random, 80 bits); it is shown once.
    """

    __tablename__ = "enrolment_code"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    staff_id: Mapped[int] = mapped_column(ForeignKey("staff.id"), index=True)
    code_hash: Mapped[str] = mapped_column(String(100))
    issued_by: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    issued_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    expires_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    # Set once: when it was used, or when a newer code (or leaving) replaced it.
    used_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    revoked_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
