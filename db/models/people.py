"""Teams and the people in them."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Boolean, Date, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from db.base import Base, UTCDateTime, str_enum, utcnow
from db.enums import Role


class Team(Base):
    __tablename__ = "team"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    # Folded name (case, spacing, NBSP) used to match untidy spreadsheet values.
    name_key: Mapped[str] = mapped_column(String(200), unique=True)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)

    members: Mapped[list[Staff]] = relationship(back_populates="team")

    def __repr__(self) -> str:
        return f"Team({self.id}, {self.name!r})"


class Staff(Base):
    __tablename__ = "staff"
    __table_args__ = (UniqueConstraint("team_id", "name_key"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    name_key: Mapped[str] = mapped_column(String(200), index=True)
    role: Mapped[Role] = mapped_column(str_enum(Role, "role"))
    team_id: Mapped[int | None] = mapped_column(ForeignKey("team.id"), index=True)
    # Newly qualified workers in their assessed year are supervised more often.
    newly_qualified_until: Mapped[dt.date | None] = mapped_column(Date)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    # The signing identity (issue: sign-off): certificate in PEM and its SHA-256 fingerprint.
    certificate_pem: Mapped[str | None] = mapped_column(Text)
    certificate_fingerprint: Mapped[str | None] = mapped_column(String(95))
    # Sign-in (records protection): "scrypt$n$r$p$salt$hash" of the person's passphrase.
    # Loaded only when read: a team server lets nobody's login read it (workbench/server).
    passphrase_hash: Mapped[str | None] = mapped_column(String(255), deferred=True)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)

    team: Mapped[Team | None] = relationship(back_populates="members")

    def is_newly_qualified(self, on: dt.date) -> bool:
        return self.newly_qualified_until is not None and on <= self.newly_qualified_until

    def __repr__(self) -> str:
        return f"Staff({self.id}, {self.name!r}, {self.role.value})"
