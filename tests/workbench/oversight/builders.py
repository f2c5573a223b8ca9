"""A small hand-built world for the oversight figures, every answer worked out by hand.

The report is read on 2026-11-30 (the clock) over 2026-09-01..2026-11-30. Team Northgate:
manager Ann; workers Bo (monthly), Cy (ASYE from 2026-10-26, newly qualified), Di (monthly).
Team Southgate: manager Sue, worker Eve (never supervised). Practice lead Pat; admin Ada.

Sessions (meeting day: worker, status, children discussed):
  08-20 Bo countersigned        C1 (worker 4, manager 4), C2 (3, 3)
  09-15 Bo disagreement         C1 (4, 4)  - the disagreement (09-20) already answered
  10-10 Bo signed by supervisor C1 (4, 4), C2 (2, 2); approved 10-12; action on C1 due 11-01
  10-01 Di countersigned        C3 (parent 9, worker 5, manager 5)
  11-05 Di ready to sign        C3 (parent 8, child 8, worker 4, manager 5); action C3 due 12-10
  10-30 Cy disagreement         C4 (worker 7, manager 3); disagreement 11-02 about C4, open
  11-20 Cy draft (reflective)   C4 (worker 6, manager 3)
  11-29 Cy discarded            C5; an open action due 11-01 (must count nowhere)
C5 (Cy) starts 2026-11-01 and is never discussed; C6 (Eve, Southgate) starts 2026-06-01.
C4's child was Bo's before it was Cy's: that allocation ("C4-before") closed on 2026-10-25.

Direct work (the window for a report as of 11-30 runs from 08-31):
  C1 Three Houses 10-01, Wizards and Fairies 11-12, Three Houses again 11-20
  C2 Safety House 08-30 (a day before the window: counts nowhere)
  C3 Words and Pictures 08-31 (the window's first day)
  C4-before Safety House 10-20 (done by Bo before the move: counts for C4's child)
  C5 Three Houses 11-10
  C6 Three Houses 11-01 (Southgate)

The question set stored with the sessions does not match its recorded digest, so no optional
item can be judged; ``held_with_v4`` (as ``before_signing``) holds them with the shipped set v4
and answers a few optional items, for the completeness figure.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

from sqlalchemy.orm import Session

from db.engine import DbFactory, transaction
from db.enums import (
    ActionStatus,
    CaseKind,
    DirectWorkTool,
    RaterRole,
    Role,
    SessionKind,
    SessionStatus,
    SignatureKind,
)
from db.models import (
    Action,
    CaseAllocation,
    CaseDiscussion,
    Child,
    DirectWork,
    DisagreementResponse,
    QuestionSetVersion,
    ScalingScore,
    Signature,
    Staff,
    SupervisionSession,
    Team,
)

NOW = dt.datetime(2026, 11, 30, 12, 0, tzinfo=dt.UTC)
START = dt.date(2026, 9, 1)
END = dt.date(2026, 11, 30)


def day(month: int, number: int) -> dt.datetime:
    return dt.datetime(2026, month, number, 10, 0, tzinfo=dt.UTC)


@dataclass
class World:
    teams: dict[str, int] = field(default_factory=dict)
    staff: dict[str, int] = field(default_factory=dict)
    cases: dict[str, int] = field(default_factory=dict)
    sessions: dict[str, int] = field(default_factory=dict)
    signatures: dict[str, int] = field(default_factory=dict)
    discussions: dict[tuple[str, str], int] = field(default_factory=dict)


def build_world(db: DbFactory,
                before_signing: Callable[[Session, World], None] | None = None) -> World:
    """The world above; ``before_signing(s, world)`` may fill in the records (answers, the
    question set) before they are signed, after which the database refuses any change."""
    w = World()
    with transaction(db) as s:
        north = Team(name="Northgate", name_key="northgate")
        south = Team(name="Southgate", name_key="southgate")
        s.add_all([north, south])
        s.flush()
        w.teams = {"Northgate": north.id, "Southgate": south.id}

        def person(name: str, role: Role, team: Team | None, **extra: object) -> Staff:
            staff = Staff(name=name, name_key=name.lower(), role=role, team=team, **extra)
            s.add(staff)
            s.flush()
            w.staff[name] = staff.id
            return staff

        ann = person("Ann", Role.TEAM_MANAGER, north)
        person("Sue", Role.TEAM_MANAGER, south)
        bo = person("Bo", Role.WORKER, north)
        cy = person("Cy", Role.WORKER, north, asye_start=dt.date(2026, 10, 26),
                    newly_qualified_until=dt.date(2027, 10, 25))
        di = person("Di", Role.WORKER, north)
        eve = person("Eve", Role.WORKER, south)
        person("Pat", Role.PRACTICE_LEAD, None)
        person("Ada", Role.ADMIN, None)
        qs = QuestionSetVersion(set_key="default", version=1, title="Case supervision",
                                sha256="a" * 64, content={"questions": []})
        s.add(qs)
        s.flush()
        for label, worker, team, start in (("C1", bo, north, dt.date(2026, 1, 1)),
                                           ("C2", bo, north, dt.date(2026, 1, 1)),
                                           ("C3", di, north, dt.date(2026, 1, 1)),
                                           ("C4", cy, north, dt.date(2026, 10, 26)),
                                           ("C5", cy, north, dt.date(2026, 11, 1)),
                                           ("C6", eve, south, dt.date(2026, 6, 1))):
            child = Child(la_child_id=label, name=None)
            case = CaseAllocation(child=child, worker=worker, team=team,
                                  kind=CaseKind.CHILD_IN_NEED, start_date=start)
            s.add_all([child, case])
            s.flush()
            w.cases[label] = case.id
        c4 = s.get_one(CaseAllocation, w.cases["C4"])
        before = CaseAllocation(child_id=c4.child_id, worker=bo, team=north,
                                kind=CaseKind.CHILD_IN_NEED, start_date=dt.date(2026, 3, 1),
                                end_date=dt.date(2026, 10, 25))
        s.add(before)
        s.flush()
        w.cases["C4-before"] = before.id
        for label, tool, done_on, by in (
                ("C1", DirectWorkTool.THREE_HOUSES, dt.date(2026, 10, 1), "Bo"),
                ("C1", DirectWorkTool.WIZARDS_AND_FAIRIES, dt.date(2026, 11, 12), "Bo"),
                ("C1", DirectWorkTool.THREE_HOUSES, dt.date(2026, 11, 20), "Bo"),
                ("C2", DirectWorkTool.SAFETY_HOUSE, dt.date(2026, 8, 30), "Bo"),
                ("C3", DirectWorkTool.WORDS_AND_PICTURES, dt.date(2026, 8, 31), "Di"),
                ("C4-before", DirectWorkTool.SAFETY_HOUSE, dt.date(2026, 10, 20), "Bo"),
                ("C5", DirectWorkTool.THREE_HOUSES, dt.date(2026, 11, 10), "Cy"),
                ("C6", DirectWorkTool.THREE_HOUSES, dt.date(2026, 11, 1), "Eve")):
            s.add(DirectWork(case_id=w.cases[label], tool=tool, done_on=done_on, done_by=by,
                             words={"words": "in the child's words"}))
        s.flush()

        def session(key: str, worker: Staff, when: dt.datetime,
                    scores: dict[str, dict[RaterRole, int]],
                    kind: SessionKind = SessionKind.CASE_ONE_TO_ONE) -> SupervisionSession:
            sess = SupervisionSession(supervisor_id=ann.id, supervisee_id=worker.id, meeting_at=when,
                                      kind=kind, status=SessionStatus.DRAFT,
                                      question_set_version_id=qs.id)
            s.add(sess)
            s.flush()
            w.sessions[key] = sess.id
            for position, (label, raters) in enumerate(scores.items()):
                case = s.get_one(CaseAllocation, w.cases[label])
                discussion = CaseDiscussion(session_id=sess.id, child_id=case.child_id,
                                            case_id=case.id, agenda_position=position)
                s.add(discussion)
                s.flush()
                w.discussions[(key, label)] = discussion.id
                for role, score in raters.items():
                    s.add(ScalingScore(discussion_id=discussion.id, case_id=case.id, meeting_at=when,
                                       worry_id=None, rater_role=role, score=score))
            return sess

        worker_, manager = RaterRole.WORKER, RaterRole.SUPERVISOR
        b1 = session("bo-0820", bo, day(8, 20), {"C1": {worker_: 4, manager: 4},
                                                 "C2": {worker_: 3, manager: 3}})
        b2 = session("bo-0915", bo, day(9, 15), {"C1": {worker_: 4, manager: 4}})
        b3 = session("bo-1010", bo, day(10, 10), {"C1": {worker_: 4, manager: 4},
                                                  "C2": {worker_: 2, manager: 2}})
        d1 = session("di-1001", di, day(10, 1), {"C3": {RaterRole.PARENT: 9, worker_: 5, manager: 5}})
        d2 = session("di-1105", di, day(11, 5), {"C3": {RaterRole.PARENT: 8, RaterRole.CHILD: 8,
                                                        worker_: 4, manager: 5}})
        c1 = session("cy-1030", cy, day(10, 30), {"C4": {worker_: 7, manager: 3}})
        session("cy-1120", cy, day(11, 20), {"C4": {worker_: 6, manager: 3}},
                     kind=SessionKind.REFLECTIVE)
        c3 = session("cy-1129", cy, day(11, 29), {"C5": {}})
        s.add_all([
            Action(case_id=w.cases["C1"], discussion_id=w.discussions[("bo-1010", "C1")],
                   description="Book the network meeting", owner_name="Bo",
                   due_date=dt.date(2026, 11, 1), status=ActionStatus.OPEN),
            Action(case_id=w.cases["C2"], discussion_id=w.discussions[("bo-1010", "C2")],
                   description="Visit school", owner_name="Bo",
                   due_date=dt.date(2026, 11, 1), status=ActionStatus.DONE),
            Action(case_id=w.cases["C3"], discussion_id=w.discussions[("di-1105", "C3")],
                   description="Review the safety plan", owner_name="Di",
                   due_date=dt.date(2026, 12, 10), status=ActionStatus.OPEN),
            Action(case_id=w.cases["C5"], discussion_id=w.discussions[("cy-1129", "C5")],
                   description="Discarded draft's action", owner_name="Cy",
                   due_date=dt.date(2026, 11, 1), status=ActionStatus.OPEN),
        ])
        s.flush()
        if before_signing is not None:
            before_signing(s, w)
            s.flush()

        def signature(key: str, sess: SupervisionSession, kind: SignatureKind, when: dt.datetime,
                      signer: Staff, statement: str = "", discussion_id: int | None = None) -> Signature:
            sig = Signature(session_id=sess.id, signer_id=signer.id, kind=kind, signer_role="x",
                            statement=statement, signed_at=when, content_sha256="c" * 64,
                            signature=b"sig", certificate_fingerprint="f", discussion_id=discussion_id)
            s.add(sig)
            s.flush()
            w.signatures[key] = sig.id
            return sig

        approval, counter, disagree = (SignatureKind.APPROVAL, SignatureKind.COUNTERSIGNATURE,
                                       SignatureKind.DISAGREEMENT)
        # Signatures first, then the status moves as sign-off moves it (migration 0003 lets a
        # session become signed only once the signature for that step exists).
        signature("bo-0820-approval", b1, approval, day(8, 21), ann)
        signature("bo-0820-counter", b1, counter, day(8, 22), bo)
        signature("bo-0915-approval", b2, approval, day(9, 16), ann)
        answered = signature("bo-0915-disagreement", b2, disagree, day(9, 20), bo,
                             "I do not agree with the plan")
        signature("bo-1010-approval", b3, approval, day(10, 12), ann)
        signature("di-1001-approval", d1, approval, day(10, 2), ann)
        signature("di-1001-counter", d1, counter, day(10, 3), di)
        signature("cy-1030-approval", c1, approval, day(11, 1), ann)
        signature("cy-1030-disagreement", c1, disagree, day(11, 2), cy,
                  "The score for C4 is too low", discussion_id=w.discussions[("cy-1030", "C4")])
        for sess in (b1, b2, b3, d1, c1):
            sess.status = SessionStatus.SIGNED_BY_SUPERVISOR
        d2.status = SessionStatus.READY_TO_SIGN
        c3.status = SessionStatus.DISCARDED
        s.flush()
        for sess, status in ((b1, SessionStatus.COUNTERSIGNED), (b2, SessionStatus.DISAGREEMENT_RECORDED),
                             (d1, SessionStatus.COUNTERSIGNED), (c1, SessionStatus.DISAGREEMENT_RECORDED)):
            sess.status = status
        s.flush()
        s.add(DisagreementResponse(signature_id=answered.id, session_id=b2.id,
                                   responder_id=w.staff["Pat"], responder_role="practice_lead",
                                   text="Discussed with both", responded_at=day(9, 25),
                                   content_sha256="d" * 64, signature=b"sig",
                                   certificate_fingerprint="f"))
    return w


def held_with_v4(s: Session, world: World) -> None:
    """Before signing: the world's sessions held with the shipped default set v4, and a few
    optional items answered. Bo's 10-10 note has C1's complicating factors and his learning and
    development; Di's 10-01 note has blank complicating factors for C3 (no answer); Cy's 10-30
    note says when C4 is next discussed. The signed records in the period: bo-0915 (C1),
    bo-1010 (C1, C2), di-1001 (C3), cy-1030 (C4): 4 sessions, 5 children discussed."""
    import tomllib
    from importlib.resources import files

    from sqlalchemy import select

    from workbench.supervision.question_sets import content_sha256

    content = tomllib.loads((files("resources") / "question_sets" / "default-v4.toml")
                            .read_text("utf-8"))
    version = s.scalars(select(QuestionSetVersion)).one()
    version.content, version.sha256, version.version = content, content_sha256(content), 4

    def discussion(key: str, child: str) -> CaseDiscussion:
        return s.get_one(CaseDiscussion, world.discussions[(key, child)])

    discussion("bo-1010", "C1").answers = {"complicating_factors": ["Dad out of work"]}
    discussion("di-1001", "C3").answers = {"complicating_factors": ["  "]}
    discussion("cy-1030", "C4").answers = {"next_review": "2026-12-01"}
    s.get_one(SupervisionSession, world.sessions["bo-1010"]).learning_development = \
        "Booked on the court skills course"
