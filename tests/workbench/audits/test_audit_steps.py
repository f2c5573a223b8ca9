"""An audit from sampling to signature in the core, and every refusal on the way, each from the
side of the person refused (and nothing written when refused)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.exc import DBAPIError

from db.engine import DbFactory, transaction
from db.enums import AuditStatus, CaseKind, Grade
from db.models import AuditEvent, AuditGrade, CaseAllocation, PracticeAudit, Staff
from tests.conftest import FixedClock
from tests.support.pdf import pdf_text
from tests.workbench.audits.conftest import (
    People,
    audit_through_moderation,
    graded,
    record_of,
)
from tests.workbench.oversight.builders import END, START, World
from workbench.access import AccessDenied
from workbench.audit import AuditTrail
from workbench.audits import (
    AuditError,
    SamplingError,
    audit_view,
    complete_audit,
    draw_sample,
    list_audits,
    moderate_audit,
    open_audits,
    respond_to_audit,
    save_grades,
    sign_audit,
    signed_audit_pdf,
)
from workbench.audits.signing import audit_content
from workbench.signing.certificates import load_certificates_pem, verify_bytes
from workbench.signing.content import canonical_bytes
from workbench.signing.identity import IdentityStore


def audits(db: DbFactory) -> int:
    with db() as s:
        return s.scalar(select(func.count(PracticeAudit.id))) or 0


# -- sampling ---------------------------------------------------------------------------------

def test_random_n_per_worker_is_the_same_for_the_same_seed(db: DbFactory,
                                                          now: FixedClock, world: World,
                                                          people: People) -> None:
    lead = people.actor("Pat")
    one = draw_sample(db, now, actor=lead, team_id=None, start=START, end=END,
                      per_worker=1, seed=7)
    # One each for Bo (3 records), Di, Cy and Eve (1 each).
    assert sorted(r.worker_name for r in one.records) == ["Bo", "Cy", "Di", "Eve"]
    again = draw_sample(db, now, actor=lead, team_id=None, start=START, end=END,
                        per_worker=1, seed=7)
    assert again.records == one.records
    assert "seed 7" in one.how
    two = draw_sample(db, now, actor=lead, team_id=world.teams["Northgate"],
                      start=START, end=END, per_worker=2, seed=7)
    # Bo: 2 of his 3; Di and Cy have one each; Eve is in Southgate.
    assert sorted(r.worker_name for r in two.records) == ["Bo", "Bo", "Cy", "Di"]
    bo = {world.discussions[k] for k in (("bo-0915", "C1"), ("bo-1010", "C1"), ("bo-1010", "C2"))}
    assert {r.discussion_id for r in two.records if r.worker_name == "Bo"} <= bo


def test_sampling_by_criteria(db: DbFactory, now: FixedClock, world: World,
                              people: People) -> None:
    lead = people.actor("Pat")

    def chosen(criterion: str) -> set[tuple[str, str]]:
        sample = draw_sample(db, now, actor=lead, team_id=None, start=START, end=END,
                             criterion=criterion)
        names = {v: k for k, v in world.discussions.items()}
        return {names[r.discussion_id] for r in sample.records}

    # Every case is a child in need until C3 goes onto a plan.
    assert chosen("child_protection") == set()
    with transaction(db) as s:
        s.get_one(CaseAllocation, world.cases["C3"]).kind = CaseKind.CHILD_PROTECTION_PLAN
    assert chosen("child_protection") == {("di-1001", "C3")}
    # Stuck (the oversight's): C1 held at 4, 4, 4; C2 low (3 then 2) and not rising.
    assert chosen("stuck") == {("bo-0915", "C1"), ("bo-1010", "C1"), ("bo-1010", "C2")}
    # Direct work in the three months to each meeting: C1's first was 10-01 (after 09-15);
    # C2 had 08-30, C3 08-31, C4's child 10-20 (with Bo), C6 11-01; C1 by 10-10 had 10-01.
    assert chosen("no_direct_work") == {("bo-0915", "C1")}


def test_a_record_already_audited_is_not_offered_again(db: DbFactory,
                                                      now: FixedClock, world: World,
                                                      people: People) -> None:
    record = record_of(db, now, world, "di-1001", "C3")
    open_audits(db, now, AuditTrail(now), actor=people.actor("Pat"),
                auditor_id=world.staff["Pat"], records=[record], sampled_how="by hand")
    sample = draw_sample(db, now, actor=people.actor("Pat"), team_id=None,
                         start=START, end=END, per_worker=5, seed=1)
    assert record.discussion_id not in {r.discussion_id for r in sample.records}
    assert len(sample.records) == 5  # 6 signed records in the period, less this one


@pytest.mark.parametrize(("name", "says"), [("Ann", "practice leads"), ("Bo", "practice leads"),
                                            ("Ada", "Admins")])
def test_only_practice_leads_sample_and_open_audits(db: DbFactory,
                                                   now: FixedClock, world: World, people: People,
                                                   name: str, says: str) -> None:
    who = people.actor(name)
    with pytest.raises(AccessDenied, match=says):
        draw_sample(db, now, actor=who, team_id=None, start=START, end=END,
                    per_worker=1, seed=1)
    record = record_of(db, now, world, "di-1001", "C3")
    with pytest.raises(AccessDenied, match=says):
        open_audits(db, now, AuditTrail(now), actor=who, auditor_id=who.staff_id,
                    records=[record], sampled_how="x")
    assert audits(db) == 0


def test_bad_sampling_requests_are_named(db: DbFactory, now: FixedClock,
                                        world: World, people: People) -> None:
    lead = people.actor("Pat")
    for kwargs, says in (({}, "Choose how to sample"),
                         ({"criterion": "tall"}, "not a sampling criterion"),
                         ({"per_worker": 0}, "at least one"),
                         ({"per_worker": 1, "end": dt.date(2026, 8, 1)}, "ends before")):
        arguments = {"team_id": None, "start": START, "end": END, **kwargs}
        with pytest.raises(SamplingError, match=says):
            draw_sample(db, now, actor=lead, **arguments)  # type: ignore[arg-type]


# -- the audit itself -------------------------------------------------------------------------

def test_an_audit_from_sampling_to_signature(db: DbFactory, now: FixedClock,
                                             identities: IdentityStore, world: World,
                                             people: People, tmp_path: Path) -> None:
    trail = AuditTrail(now)
    pat, quinn, bo, ann = (people.actor(n) for n in ("Pat", "Quinn", "Bo", "Ann"))
    sample = draw_sample(db, now, actor=pat, team_id=world.teams["Northgate"],
                         start=START, end=END, criterion="no_direct_work")
    (audit_id,) = open_audits(db, now, trail, actor=pat, auditor_id=pat.staff_id,
                              records=sample.records, sampled_how=sample.how)
    grades = graded(danger_statements=Grade.REQUIRES_IMPROVEMENT, childs_voice=Grade.INADEQUATE)
    save_grades(db, now, trail, actor=pat, audit_id=audit_id, grades=grades)
    # Bo cannot read it before it is moderated; Quinn cannot grade Pat's audit.
    with pytest.raises(AccessDenied, match="not moderated yet"):
        audit_view(db, actor=bo, audit_id=audit_id)
    with pytest.raises(AccessDenied, match="Only the auditor who opened"):
        save_grades(db, now, trail, actor=quinn, audit_id=audit_id, grades=grades)
    complete_audit(db, now, trail, actor=pat, audit_id=audit_id)
    with pytest.raises(AccessDenied, match="second auditor"):
        moderate_audit(db, now, trail, actor=pat, moderator_id=pat.staff_id,
                       audit_id=audit_id)
    with pytest.raises(AuditError, match="moderated"):
        sign_audit(db, identities, trail, now, actor=pat, signer_id=pat.staff_id,
                   audit_id=audit_id)
    moderate_audit(db, now, trail, actor=quinn, moderator_id=quinn.staff_id,
                   audit_id=audit_id, changes={"childs_voice": (
                       Grade.REQUIRES_IMPROVEMENT, "The child was seen alone; the words are there")})
    # Now Bo and Ann read it and respond; Pat (a lead) and Cy (another worker) may not.
    assert audit_view(db, actor=bo, audit_id=audit_id).worker_name == "Bo"
    with pytest.raises(AccessDenied, match="another worker"):
        audit_view(db, actor=people.actor("Cy"), audit_id=audit_id)
    with pytest.raises(AccessDenied, match="Practice leads grade and moderate"):
        respond_to_audit(db, now, trail, actor=pat, author_id=pat.staff_id,
                         audit_id=audit_id, text="x")
    respond_to_audit(db, now, trail, actor=bo, author_id=bo.staff_id,
                     audit_id=audit_id, text="I will write the danger statement with the family.")
    respond_to_audit(db, now, trail, actor=ann, author_id=ann.staff_id,
                     audit_id=audit_id, text="Agreed; we will review it in supervision.")
    with pytest.raises(AuditError, match="already responded"):
        respond_to_audit(db, now, trail, actor=bo, author_id=bo.staff_id,
                         audit_id=audit_id, text="again")
    with pytest.raises(AccessDenied, match="signed only by the person it names"):
        sign_audit(db, identities, trail, now, actor=pat, signer_id=quinn.staff_id,
                   audit_id=audit_id)
    signed = sign_audit(db, identities, trail, now, actor=pat, signer_id=pat.staff_id,
                        audit_id=audit_id)

    view = audit_view(db, actor=ann, audit_id=audit_id)
    assert view.status is AuditStatus.SIGNED
    final = {g.item_key: g.final for g in view.grades}
    assert final["childs_voice"] is Grade.REQUIRES_IMPROVEMENT  # the moderator's
    assert final["danger_statements"] is Grade.REQUIRES_IMPROVEMENT
    assert [r.author_name for r in view.responses] == ["Bo", "Ann"]
    with db() as s:
        row = s.get_one(PracticeAudit, audit_id)
        pat_row = s.get_one(Staff, pat.staff_id)
        certificate = load_certificates_pem(pat_row.certificate_pem or "")[0]
        events = [e.action for e in s.scalars(select(AuditEvent).where(
            AuditEvent.entity_type == "practice_audit").order_by(AuditEvent.id))]
        record_sha = "c" * 64  # the builder's approval of bo-0915
        payload = canonical_bytes(audit_content(view, record_sha))
        assert row.signature is not None
        assert verify_bytes(certificate, payload, row.signature)
        assert not verify_bytes(certificate, payload.replace(b"family", b"fmaily"), row.signature)
    assert events == ["audit_opened", "audit_graded", "audit_completed", "audit_moderated",
                      "audit_response", "audit_response", "audit_signed"]
    words = pdf_text(signed_audit_pdf(db, actor=bo, audit_id=audit_id), tmp_path)
    for phrase in ("Danger statements are clear", "Requires improvement",
                   "Changed to Requires improvement: The child was seen alone",
                   "I will write the danger statement with the family.", "Quinn"):
        assert phrase in words
    assert signed.content_sha256 in words
    # Signed: nothing more is added or changed, by the services or by SQL.
    with pytest.raises(AuditError, match="signed"):
        respond_to_audit(db, now, trail, actor=people.actor("Ann"),
                         author_id=ann.staff_id, audit_id=audit_id,
                         text="later")
    for statement in ("UPDATE practice_audit SET moderation_note = 'x'",
                      "DELETE FROM practice_audit",
                      "UPDATE audit_grade SET grade = 'outstanding'",
                      "DELETE FROM audit_response"):
        with db() as s, pytest.raises(DBAPIError, match="signed audit"):
            s.execute(text(statement))
    with db() as s:
        assert s.scalar(select(func.count(AuditGrade.id)).where(
            AuditGrade.grade == Grade.OUTSTANDING)) == 0


def test_completing_needs_every_grade_and_its_evidence(db: DbFactory,
                                                       now: FixedClock, world: World,
                                                       people: People) -> None:
    pat = people.actor("Pat")
    trail = AuditTrail(now)
    record = record_of(db, now, world, "di-1001", "C3")
    (audit_id,) = open_audits(db, now, trail, actor=pat, auditor_id=pat.staff_id,
                              records=[record], sampled_how="by hand")
    grades = graded()
    first = next(iter(grades))
    save_grades(db, now, trail, actor=pat, audit_id=audit_id,
                grades={k: v for k, v in grades.items() if k != "reflection"})
    with pytest.raises(AuditError, match="Grade 'Supervision shows reflection"):
        complete_audit(db, now, trail, actor=pat, audit_id=audit_id)
    save_grades(db, now, trail, actor=pat, audit_id=audit_id,
                grades={"reflection": (Grade.GOOD, "ok"), first: (Grade.GOOD, "   ")})
    with pytest.raises(AuditError, match="Give the evidence for 'Danger statements are clear'"):
        complete_audit(db, now, trail, actor=pat, audit_id=audit_id)
    with pytest.raises(AuditError, match="'tidiness' is not an item"):
        save_grades(db, now, trail, actor=pat, audit_id=audit_id,
                    grades={"tidiness": (Grade.GOOD, "x")})
    assert audit_view(db, actor=pat, audit_id=audit_id).status is AuditStatus.SAMPLED


def test_a_moderator_changes_a_grade_only_with_a_reason(db: DbFactory,
                                                        now: FixedClock, world: World,
                                                        people: People) -> None:
    pat, quinn = people.actor("Pat"), people.actor("Quinn")
    trail = AuditTrail(now)
    record = record_of(db, now, world, "di-1001", "C3")
    (audit_id,) = open_audits(db, now, trail, actor=pat, auditor_id=pat.staff_id,
                              records=[record], sampled_how="by hand")
    save_grades(db, now, trail, actor=pat, audit_id=audit_id, grades=graded())
    complete_audit(db, now, trail, actor=pat, audit_id=audit_id)
    for changes, says in (({"scaling": (Grade.INADEQUATE, "  ")}, "Write the reason"),
                          ({"scaling": (Grade.GOOD, "same")}, "unchanged")):
        with pytest.raises(AuditError, match=says):
            moderate_audit(db, now, trail, actor=quinn, moderator_id=quinn.staff_id,
                           audit_id=audit_id, changes=changes)
    view = audit_view(db, actor=pat, audit_id=audit_id)
    assert view.status is AuditStatus.COMPLETED
    assert all(g.moderated_grade is None for g in view.grades)


def test_who_lists_which_audits(db: DbFactory, now: FixedClock, world: World,
                                people: People) -> None:
    bo_audit = audit_through_moderation(db, now, world, "bo-1010", "C2", graded())
    eve_audit = audit_through_moderation(db, now, world, "eve-1115", "C6", graded())
    record = record_of(db, now, world, "di-1001", "C3")
    (di_audit,) = open_audits(db, now, AuditTrail(now), actor=people.actor("Pat"),
                              auditor_id=world.staff["Pat"], records=[record], sampled_how="x")

    def listed(name: str) -> set[int]:
        return {v.audit_id for v in list_audits(db, actor=people.actor(name))}

    assert listed("Pat") == {bo_audit, eve_audit, di_audit}
    assert listed("Ann") == {bo_audit}  # Di's is not moderated yet; Eve's is Southgate's
    assert listed("Sue") == {eve_audit}
    assert listed("Bo") == {bo_audit}
    assert listed("Di") == set()
    with pytest.raises(AccessDenied, match="Admins"):
        listed("Ada")
