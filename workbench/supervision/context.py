"""What every supervision service is handed: the database, the audit trail, the clock, who acts."""

from __future__ import annotations

from dataclasses import dataclass, replace

from db.engine import DbFactory
from workbench.audit import AuditTrail
from workbench.clock import Clock


@dataclass(frozen=True)
class SupervisionContext:
    """Built once per signed-in person; every service function takes it first.

    ``actor_id`` is the staff member at the keyboard: the audit trail names them, and the
    worker-mode services check that a reflection is theirs.
    """

    db: DbFactory
    audit: AuditTrail
    clock: Clock
    actor_id: int

    def acting_as(self, actor_id: int) -> SupervisionContext:
        return replace(self, actor_id=actor_id)
