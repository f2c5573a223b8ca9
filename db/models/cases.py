"""Children, their case allocations, and the imports that brought them in."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from db.base import Base, UTCDateTime, str_enum, utcnow
from db.enums import CaseKind
from db.models.people import Staff, Team


class Child(Base):
    __tablename__ = "child"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    # The local authority's own child id ("Child Unique ID" in Annex A).
    la_child_id: Mapped[str] = mapped_column(String(100), unique=True)
    name: Mapped[str | None] = mapped_column(String(200))  # Ofsted lists carry ids only
    date_of_birth: Mapped[dt.date | None] = mapped_column(Date)
    gender: Mapped[str | None] = mapped_column(String(50))
    ethnicity: Mapped[str | None] = mapped_column(String(100))
    disability: Mapped[str | None] = mapped_column(String(100))
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)

    cases: Mapped[list[CaseAllocation]] = relationship(back_populates="child")


class CaseAllocation(Base):
    """A child allocated to a worker in a team: one per child per worker."""

    __tablename__ = "case_allocation"
    __table_args__ = (
        UniqueConstraint("child_id", "worker_id"),
        Index("ix_case_allocation_worker_open", "worker_id", "end_date"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    # Looked up by child through the unique constraint's index, which begins with child_id.
    child_id: Mapped[int] = mapped_column(ForeignKey("child.id"))
    worker_id: Mapped[int] = mapped_column(ForeignKey("staff.id"))
    team_id: Mapped[int] = mapped_column(ForeignKey("team.id"), index=True)
    kind: Mapped[CaseKind] = mapped_column(str_enum(CaseKind, "case_kind"))
    start_date: Mapped[dt.date | None] = mapped_column(Date)
    end_date: Mapped[dt.date | None] = mapped_column(Date)  # closed; never deleted
    last_visit_date: Mapped[dt.date | None] = mapped_column(Date)
    seen_alone: Mapped[bool | None] = mapped_column(Boolean)
    last_review_date: Mapped[dt.date | None] = mapped_column(Date)
    # Every dated fact of every list the child appears in, by name -> ISO date.
    key_dates: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    # Other coded facts (category of abuse, legal status, case status ...).
    details: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    last_import_batch_id: Mapped[int | None] = mapped_column(ForeignKey("import_batch.id"))
    # The import that added this case (undoing that import removes it if untouched since).
    added_by_batch_id: Mapped[int | None] = mapped_column(ForeignKey("import_batch.id"), index=True)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    child: Mapped[Child] = relationship(back_populates="cases")
    worker: Mapped[Staff] = relationship(foreign_keys=[worker_id])
    team: Mapped[Team] = relationship()

    @property
    def is_open(self) -> bool:
        return self.end_date is None


class ImportBatch(Base):
    __tablename__ = "import_batch"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    file_name: Mapped[str] = mapped_column(String(500))
    sha256: Mapped[str] = mapped_column(String(64))
    imported_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    imported_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    worker_filter: Mapped[str | None] = mapped_column(String(200))
    team_filter: Mapped[str | None] = mapped_column(String(200))
    rows_read: Mapped[int] = mapped_column(Integer, default=0)
    added: Mapped[int] = mapped_column(Integer, default=0)
    updated: Mapped[int] = mapped_column(Integer, default=0)
    unchanged: Mapped[int] = mapped_column(Integer, default=0)
    closed: Mapped[int] = mapped_column(Integer, default=0)
    rejected: Mapped[int] = mapped_column(Integer, default=0)
    unallocated: Mapped[int] = mapped_column(Integer, default=0)
    # Undone imports stay listed: when and by whom (an import is undone once).
    undone_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    undone_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))

    rejected_rows: Mapped[list[ImportRejectedRow]] = relationship(
        back_populates="batch", cascade="all, delete-orphan", order_by="ImportRejectedRow.id"
    )


class ImportRejectedRow(Base):
    __tablename__ = "import_rejected_row"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    batch_id: Mapped[int] = mapped_column(ForeignKey("import_batch.id"), index=True)
    sheet: Mapped[str | None] = mapped_column(String(100))
    row_number: Mapped[int | None] = mapped_column(Integer)
    child_ref: Mapped[str | None] = mapped_column(String(100))
    reason: Mapped[str] = mapped_column(Text)

    batch: Mapped[ImportBatch] = relationship(back_populates="rejected_rows")


class ImportChange(Base):
    """What an import found before it changed or closed a case: the values undo restores.

    Only updated and closed cases have a row (added ones carry ``added_by_batch_id``), so a
    first import of 50,000 cases writes none.
    """

    __tablename__ = "import_change"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    batch_id: Mapped[int] = mapped_column(ForeignKey("import_batch.id"), index=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("case_allocation.id"), index=True)
    change: Mapped[str] = mapped_column(String(16))  # "updated" or "closed"
    # The case as it was, column by column.
    team_id: Mapped[int] = mapped_column(ForeignKey("team.id"))
    kind: Mapped[CaseKind] = mapped_column(str_enum(CaseKind, "case_kind"))
    start_date: Mapped[dt.date | None] = mapped_column(Date)
    end_date: Mapped[dt.date | None] = mapped_column(Date)
    last_visit_date: Mapped[dt.date | None] = mapped_column(Date)
    seen_alone: Mapped[bool | None] = mapped_column(Boolean)
    last_review_date: Mapped[dt.date | None] = mapped_column(Date)
    key_dates: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    details: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    last_import_batch_id: Mapped[int | None] = mapped_column(ForeignKey("import_batch.id"))
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
