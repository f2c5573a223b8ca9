"""Who acts in the supervision screens, and the context the services are called with.

The signed-in person (``AppServices.actor``) is the supervisor when they are a team manager,
and the author of reflections when they are a worker. Before sign-in is wired into start-up
(``actor`` is None, the app acting as the system) the supervisor is the worker's own team
manager, and worker mode writes as the worker chosen on the screen. These functions read the
database: call them on the task runner.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

from db.enums import Role
from ui.i18n import arg, translate

if TYPE_CHECKING:
    from ui.services import AppServices
    from workbench.caseload import StaffRow
    from workbench.supervision.context import SupervisionContext
    from workbench.supervision.drafts import DraftSummary
    from workbench.supervision.sessions import DraftRef


def _tr(text: str) -> str:
    return QCoreApplication.translate("Supervision", text)


class NoSupervisor(Exception):
    """Nobody can hold this worker's supervision; the message says what to do."""


def context(services: AppServices, actor_id: int) -> SupervisionContext:
    from workbench.supervision.context import SupervisionContext

    return SupervisionContext(services.db, services.audit, services.clock, actor_id)


def may_supervise(services: AppServices) -> bool:
    actor = services.actor
    return actor is None or actor.role is Role.TEAM_MANAGER


def supervisees(services: AppServices) -> list[StaffRow]:
    """The workers the person at the keyboard may hold supervision with."""
    from workbench.caseload import list_staff

    actor = services.actor
    workers = list_staff(services.db, role=Role.WORKER, actor=actor)
    if actor is not None:
        workers = [w for w in workers if w.team_id == actor.team_id]
    return workers


def supervisor_for(services: AppServices, worker: StaffRow) -> StaffRow:
    """Who holds ``worker``'s supervision: the signed-in manager, or the team's manager."""
    from workbench.caseload import StaffRow, list_staff

    actor = services.actor
    if actor is not None:
        if actor.role is not Role.TEAM_MANAGER:
            raise NoSupervisor(translate("Supervision", "Supervision is held by a team manager. Sign in as "
                                                        "the manager to start it."))
        return StaffRow(actor.staff_id, actor.name, actor.role, actor.team_id, None)
    managers = list_staff(services.db, role=Role.TEAM_MANAGER, team_id=worker.team_id)
    if not managers:
        raise NoSupervisor(arg(translate("Supervision", "%1's team has no team manager in the workbench, so "
                                                        "nobody can hold their supervision. Add the manager "
                                                        "(import or admin), then try again."), worker.name))
    return managers[0]


@dataclass(frozen=True)
class OpenDraft:
    """A draft to reopen, and who holds it."""

    draft: DraftRef
    supervisor_id: int


def _supervisor_ids(services: AppServices) -> list[int]:
    """Whose drafts the person at the keyboard sees: their own (any manager's, when nobody has
    signed in); none for a worker or a practice lead."""
    from workbench.caseload import list_staff

    actor = services.actor
    if actor is not None:
        return [actor.staff_id] if actor.role is Role.TEAM_MANAGER else []
    return [s.id for s in list_staff(services.db)
            if s.role in (Role.TEAM_MANAGER, Role.PRACTICE_LEAD)]


def list_all_drafts(services: AppServices) -> list[DraftSummary]:
    """The unfinished sessions the person at the keyboard holds, most recently edited first."""
    from workbench.supervision.drafts import list_drafts

    found = [draft for supervisor_id in _supervisor_ids(services)
             for draft in list_drafts(context(services, supervisor_id))]
    return sorted(found, key=lambda d: (d.updated_at, d.session_id), reverse=True)


def find_draft(services: AppServices) -> OpenDraft | None:
    """The most recently edited draft the person at the keyboard holds (any manager's, when
    nobody has signed in)."""
    from workbench.supervision.sessions import find_open_draft

    supervisor_ids = _supervisor_ids(services)
    found: list[OpenDraft] = []
    for supervisor_id in supervisor_ids:
        draft = find_open_draft(services.db, supervisor_id)
        if draft is not None:
            found.append(OpenDraft(draft, supervisor_id))
    if not found:
        return None
    return max(found, key=lambda d: (d.draft.updated_at, d.draft.session_id))


def reflection_writers(services: AppServices) -> list[StaffRow]:
    """Whose reflections can be written here: the signed-in worker, or (no sign-in) any worker."""
    from workbench.caseload import StaffRow, list_staff

    actor = services.actor
    if actor is None:
        return list_staff(services.db, role=Role.WORKER)
    if actor.role is Role.WORKER:
        return [StaffRow(actor.staff_id, actor.name, actor.role, actor.team_id, None)]
    return []
