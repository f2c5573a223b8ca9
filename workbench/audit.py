"""The audit trail: every view, change, signature, export, print and import appends an event
in the same transaction as the thing it records. Never the note text itself."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from db.models import AuditEvent
from workbench.clock import Clock, system_clock


class AuditTrail:
    """Appends audit events. Services are handed one; they never build their own."""

    def __init__(self, clock: Clock = system_clock) -> None:
        self.clock = clock

    def record(
        self,
        session: Session,
        *,
        actor_id: int | None,
        action: str,
        entity_type: str,
        entity_id: int | str | None = None,
        details: dict[str, Any] | None = None,
    ) -> AuditEvent:
        event = AuditEvent(
            occurred_at=self.clock(),
            actor_id=actor_id,
            action=action,
            entity_type=entity_type,
            entity_id=None if entity_id is None else str(entity_id),
            details=details or {},
        )
        session.add(event)
        return event
