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
    # Newly qualified workers in their assessed year are supervised more often. An admin sets
    # asye_start (the assessed year's first day); newly_qualified_until is derived from it.
    newly_qualified_until: Mapped[dt.date | None] = mapped_column(Date)
    asye_start: Mapped[dt.date | None] = mapped_column(Date)
    # Who supervises this person: a manager above them (workbench.staff_admin checks the rank).
    supervisor_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"), index=True)
    # Inactive: a leaver (left_at set; records kept) or met by an import and not yet enrolled.
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    left_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    # The signing identity (issue: sign-off): certificate in PEM and its SHA-256 fingerprint.
    certificate_pem: Mapped[str | None] = mapped_column(Text)
    certificate_fingerprint: Mapped[str | None] = mapped_column(String(95))
    # Sign-in (records protection): "scrypt$n$r$p$salt$hash" of the person's passphrase.
    # Loaded only when read: a team server lets nobody's login read it (workbench/server).
    passphrase_hash: Mapped[str | None] = mapped_column(String(255), deferred=True)
    # Lockout (workbench.signin): wrong passphrases (or codes) in a row, and when the last was.
    failed_sign_ins: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    last_failed_sign_in_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)

    team: Mapped[Team | None] = relationship(back_populates="members")
    supervisor: Mapped[Staff | None] = relationship(remote_side=[id])

    def is_newly_qualified(self, on: dt.date) -> bool:
        return self.newly_qualified_until is not None and on <= self.newly_qualified_until

    def __repr__(self) -> str:
        return f"Staff({self.id}, {self.name!r}, {self.role.value})"


class SigningAuthority(Base):
    """An organisation signing authority's certificate: the root a verifier trusts.

    Its private key stays in the keys folder (encrypted); the database keeps only the public
    certificate, so every computer using this database trusts the same authority. Rows are
    never removed, so signatures made under an earlier authority still verify as trusted;
    the newest row issues new identities.
    """

    __tablename__ = "signing_authority"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    fingerprint: Mapped[str] = mapped_column(String(95), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    certificate_pem: Mapped[str] = mapped_column(Text)
    # "created" here, or "imported" from the council's own CA (PKCS#12).
    source: Mapped[str] = mapped_column(String(20))
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)

    def __repr__(self) -> str:
        return f"SigningAuthority({self.id}, {self.name!r})"
