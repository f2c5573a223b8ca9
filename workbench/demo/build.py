"""Building the demo team: bulk-planned history, then the live parts through the real services."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from sqlalchemy import select

from db.engine import DbFactory, transaction
from db.enums import RaterRole, SessionStatus
from db.models import (
    Action,
    CaseAllocation,
    CaseDiscussion,
    ScalingScore,
    Staff,
    SupervisionSession,
    Team,
)
from workbench.audit import AuditTrail
from workbench.demo.caseload import add_caseload_history
from workbench.demo.history import HistoryPlanner
from workbench.demo.people import Organisation, WorkerPlan, plan_people
from workbench.demo.rows import Rows
from workbench.demo.safety import add_safety_and_direct_work
from workbench.demo.seed import DemoSeed, load_seed
from workbench.demo.status import fill_coded_facts, plan_status_changes
from workbench.demo.writer import first_free_ids, write_rows
from workbench.encryption import DEMO_PASSPHRASE
from workbench.keys import Passphrase, ScryptCost, Secret
from workbench.signin import hash_passphrase
from workbench.supervision.agenda import propose_agenda
from workbench.supervision.agenda_rules import AgendaProposal, ReasonCode
from workbench.supervision.context import SupervisionContext
from workbench.supervision.discussions import save_answer
from workbench.supervision.loading import load_discussion
from workbench.supervision.question_set_store import snapshot_question_set
from workbench.supervision.question_sets import load_question_set
from workbench.supervision.reflections import save_reflection
from workbench.supervision.scores import save_score
from workbench.supervision.sessions import save_session_fields, start_session

DEFAULT_SEED = 20261126
DEMO_PREFIX = "Demo "
# scrypt cost of the demo team's sign-in passphrase: light, since the passphrase is published.
DEMO_SIGN_IN_COST = ScryptCost(n=2**12, r=8, p=1)
ProgressFn = Callable[[int, int, str], None]
# Called after the demo is built with the ids of its past (ready to sign) sessions: the sign-off
# work passes a function that signs them with demo identities.
SignHook = Callable[[DbFactory, Sequence[int]], object]


@dataclass(frozen=True)
class DemoSummary:
    teams: int
    staff: int
    children: int
    sessions: int  # past sessions, all ready to sign
    discussions: int
    scores: int
    actions: int
    reflections: int
    draft_session_id: int
    past_session_ids: tuple[int, ...]  # oldest meeting first

    def describe(self) -> str:
        return (f"Added the demo team: {self.teams} teams, {self.staff} staff, {self.children} children, "
                f"{self.sessions} past sessions ({self.discussions} case discussions, {self.scores} "
                f"scores, {self.actions} actions), {self.reflections} worker reflections and one open "
                "draft session.")


def demo_passphrase_hash() -> str:
    """Every demo person signs in with the published demo passphrase (DEMO_PASSPHRASE).

    A fixed salt and a light scrypt cost: the passphrase protects synthetic data only and is in
    the README, and two builds stay identical.
    """
    return hash_passphrase(Passphrase(DEMO_PASSPHRASE), DEMO_SIGN_IN_COST, salt=b"demo team salt!!")


def _at(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, minute), dt.UTC)


def build_demo(db: DbFactory, *, today: dt.date, scale: int = 1, seed: int = DEFAULT_SEED,
               progress: ProgressFn | None = None, sign: SignHook | None = None,
               audit_key: Secret | bytes | None = None) -> DemoSummary:
    """Fill the database with the synthetic demo team as it would stand on ``today``.

    Deterministic for a given (today, scale, seed). ``scale`` multiplies the teams, staff and
    children (120 children per unit). The six months of history are planned and bulk-inserted
    already complete and ``ready_to_sign``; the worker reflections and the open draft session go
    through the supervision services. ``sign`` (if given) is then called with the past sessions.
    ``audit_key`` seals the demo's audit events into the database's chain (pass the app's key;
    without it they are written unsealed, which ``verify_chain`` reports). Every demo person
    signs in with the published demo passphrase (``DEMO_PASSPHRASE``).
    """
    if scale < 1:
        raise ValueError("scale must be at least 1")
    report = progress or (lambda done, total, text: None)
    demo_seed = load_seed()
    rng = random.Random(seed)
    question_set = load_question_set("default")
    built_at = _at(today - dt.timedelta(days=200), 9)
    report(0, 100, "Planning the demo team…")
    with transaction(db) as s:
        version_id = snapshot_question_set(s, question_set).id
        rows = Rows(first_free_ids(s))
        organisation = plan_people(rows, demo_seed, rng, today, scale, built_at, demo_passphrase_hash())
        plan_status_changes(organisation, today)
        draft_worker = organisation.workers[0]
        planner = HistoryPlanner(rows, demo_seed, rng, today, question_set, version_id)
        planner.plan(organisation, recent_for=draft_worker.staff_id)
        # The caseload's imports once the stories are known: the coded facts follow the worries.
        fill_coded_facts(organisation, seed)
        statuses = {case.case_id: case.statuses for worker in organisation.workers for case in worker.cases}
        add_caseload_history(rows, today, seed, statuses)
        past = [row["id"] for row in sorted(rows.tables[SupervisionSession],
                                            key=lambda row: (row["meeting_at"], row["id"]))]
        write_rows(s, rows, lambda done, total: report(5 + 85 * done // max(total, 1), 100,
                                                       "Writing six months of supervision…"))
        AuditTrail(lambda: _at(today, 7), key=audit_key).record(
            s, actor_id=None, action="demo.build", entity_type="database", entity_id=None,
            details={"scale": scale, "seed": seed, "sessions": len(past), "today": today.isoformat()})
    report(90, 100, "Preparing reflections and a draft session…")
    reflections = _reflections(db, demo_seed, rng, today, organisation, audit_key)
    draft_id = _draft(db, planner, today, draft_worker, audit_key)
    report(92, 100, "Adding safety plans and direct work…")
    add_safety_and_direct_work(db, lambda at, actor: _context(db, at, actor, audit_key),
                               organisation.workers, today, seed)
    summary = DemoSummary(
        teams=rows.count(Team), staff=rows.count(Staff), children=rows.count(CaseAllocation),
        sessions=len(past), discussions=rows.count(CaseDiscussion), scores=rows.count(ScalingScore),
        actions=rows.count(Action), reflections=reflections, draft_session_id=draft_id,
        past_session_ids=tuple(past))
    if sign is not None:
        report(95, 100, "Signing the demo's past sessions…")
        sign(db, summary.past_session_ids)
    report(100, 100, "Done")
    return summary


def _context(db: DbFactory, at: dt.datetime, actor_id: int,
             audit_key: Secret | bytes | None) -> SupervisionContext:
    clock = lambda: at  # noqa: E731 - a fixed moment: the demo is the same on every build
    return SupervisionContext(db, AuditTrail(clock, key=audit_key), clock, actor_id)


def _reflections(db: DbFactory, seed: DemoSeed, rng: random.Random, today: dt.date,
                 organisation: Organisation, audit_key: Secret | bytes | None) -> int:
    """Reflections workers have prepared for their next session (unit one's workers)."""
    texts = seed.reflections
    made = 0
    writers = [w for w in organisation.workers[:8] if not w.newly_qualified][:4]
    for number, worker in enumerate(writers):
        # The first worker's are written before the draft session, so they appear in it.
        when = _at(today - dt.timedelta(days=3), 16) if number == 0 else _at(today, 8)
        for index, case in enumerate(rng.sample(worker.cases, 2)):
            save_reflection(
                _context(db, when + dt.timedelta(minutes=index), worker.staff_id, audit_key),
                case.case_id,
                what_happened=rng.choice(texts["what_happened"]),
                how_and_why=rng.choice(texts["how_and_why"]),
                worker_score=rng.randint(2, 8), score_reason=rng.choice(seed.reasons["home"]["mid"]),
                wants_from_supervision=rng.choice(texts["wants"]), flag_for_discussion=index == 0)
            made += 1
    return made


def _draft(db: DbFactory, planner: HistoryPlanner, today: dt.date, worker: WorkerPlan,
           audit_key: Secret | bytes | None) -> int:
    """Yesterday's session with the first worker, left half-written: it reopens on start-up."""
    rng = planner.rng
    meeting_at = _at(today - dt.timedelta(days=1), 14)
    ctx = _context(db, meeting_at + dt.timedelta(minutes=50), worker.manager_id, audit_key)
    proposal = propose_agenda(ctx, worker.staff_id)
    agenda: list[AgendaProposal] = proposal[:4]
    flagged = [p for p in proposal[4:] if any(r.code is ReasonCode.FLAGGED_BY_WORKER for r in p.reasons)]
    started = start_session(ctx, supervisee_id=worker.staff_id, meeting_at=meeting_at, duration_minutes=60,
                            present=[worker.manager_name, worker.name], agenda=agenda + flagged)
    save_session_fields(ctx, started.session_id, workload=rng.choice(planner.seed.worker_part["workload"]))
    first = started.discussion_ids[0]
    case = next(c for c in worker.cases if c.case_id == load_discussion(ctx, first).case_id)
    save_answer(ctx, first, "harm", planner.harm_for(case))
    save_answer(ctx, first, "existing_strengths", planner.strengths_for(case)[:2])
    for worry in load_discussion(ctx, first).open_worries:
        score = rng.randint(2, 7)
        save_score(ctx, first, worry.id, RaterRole.WORKER, score=score,
                   reason=planner.reason("practitioner", score, case))
    return started.session_id


def past_sessions_to_sign(db: DbFactory) -> list[int]:
    """The demo's past sessions still waiting for signatures (ready to sign), oldest first."""
    with db() as s:
        return list(s.scalars(
            select(SupervisionSession.id)
            .join(Staff, Staff.id == SupervisionSession.supervisee_id)
            .where(SupervisionSession.status == SessionStatus.READY_TO_SIGN,
                   Staff.name.startswith(DEMO_PREFIX))
            .order_by(SupervisionSession.meeting_at, SupervisionSession.id)))
