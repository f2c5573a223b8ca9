"""Rows planned for bulk insert, with their ids given up front so rows can refer to each other."""

from __future__ import annotations

from typing import Any

from db.base import Base
from db.models import (
    Action,
    CaseAllocation,
    CaseDiscussion,
    Child,
    Decision,
    ImportBatch,
    ImportChange,
    ScalingScore,
    Staff,
    SupervisionSession,
    Team,
    Worry,
    WorryRevision,
)

# Insert order: every foreign key points at a table earlier in the list (or earlier in its own).
TABLES: tuple[type[Base], ...] = (Team, Staff, ImportBatch, Child, CaseAllocation, ImportChange,
                                  SupervisionSession, CaseDiscussion, Worry, WorryRevision, ScalingScore,
                                  Decision, Action)


class Rows:
    """Planned rows per table, in insertion order, each a dict of column values with its id."""

    def __init__(self, first_ids: dict[type[Base], int]) -> None:
        self.tables: dict[type[Base], list[dict[str, Any]]] = {model: [] for model in TABLES}
        self._next = {model: first_ids.get(model, 1) for model in TABLES}

    def add(self, model: type[Base], **values: Any) -> int:
        row_id = self._next[model]
        self._next[model] += 1
        values["id"] = row_id
        self.tables[model].append(values)
        return row_id

    def count(self, model: type[Base]) -> int:
        return len(self.tables[model])
