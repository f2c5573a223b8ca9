"""Signed records for the demo team: demo identities, and the demo's past sessions signed.

:func:`build_signed_demo` is the one way to make the demo, for the desktop app and the command
line alike: the demo team, then :func:`sign_demo_sessions` on its past sessions (they reach
``ready_to_sign`` through their completeness check). Their signed PDFs are then made and kept by
:func:`keep_demo_documents` (about a minute on two cores for some 360 PDFs): the command line
does it before it returns, the desktop app in the background once the window is open. Where the
keyring is secure the
demo keys' passphrases go there, as for real keys; where it is not (CI, a machine without a
desktop keyring) every demo key is protected by :data:`DEMO_PASSPHRASE`, which the README
gives, so `workbench --demo export ...` can be run by typing it.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select

from db.engine import DbFactory, transaction
from db.enums import SessionStatus
from db.models import Staff, SupervisionSession
from workbench.audit import AuditTrail
from workbench.clock import Clock
from workbench.demo.build import DemoSummary, ProgressFn, build_demo
from workbench.encryption import DEMO_PASSPHRASE  # one published demo passphrase for everything
from workbench.keys import Secret
from workbench.secrets import SecretStore
from workbench.signing.authority import create_authority
from workbench.signing.identity import IdentityStore
from workbench.signing.signoff import SignOffService

log = logging.getLogger(__name__)

#: One demo session in this many has the worker record a disagreement instead of agreeing.
DISAGREE_EVERY = 7
DEMO_DISAGREEMENT = ("I agree with the actions, but I think the manager's score on the worry that {worry} "
                     "is too low for {child}: the last four weeks were better than the note says, and "
                     "{who} have seen it too.")


def _disagreement(db: DbFactory, session_id: int) -> tuple[str, int | None]:
    """The worker's disagreement in their own words, about one child's actual worry (the first
    child of the session with a worry in parts); about the session when there is none."""
    from db.models import CaseDiscussion, Child, Worry

    with db() as s:
        rows = s.execute(
            select(CaseDiscussion.id, Child.name, Child.la_child_id, Worry.parts)
            .join(Child, Child.id == CaseDiscussion.child_id)
            .join(Worry, Worry.case_id == CaseDiscussion.case_id)
            .where(CaseDiscussion.session_id == session_id)
            .order_by(CaseDiscussion.agenda_position, Worry.id)).all()
    for discussion_id, name, la_child_id, parts in rows:
        if parts and parts.get("what_adults_do") and parts.get("who_is_worried"):
            what, who = parts["what_adults_do"], parts["who_is_worried"]
            return DEMO_DISAGREEMENT.format(worry=what[:1].lower() + what[1:], child=name or la_child_id,
                                            who=who[:1].lower() + who[1:]), discussion_id
    return ("I agree with the actions, but I think the scores are too low: the last four weeks were "
            "better than the note says."), None


@dataclass(frozen=True)
class DemoSigning:
    identities: int
    signed: int
    disagreements: int


def _fixed(at: dt.datetime) -> Clock:
    return lambda: at


def sign_demo_sessions(db: DbFactory, *, keys_dir: Path, clock: Clock, audit: AuditTrail,
                       secrets: SecretStore | None = None, team_name: str = "Demo team",
                       progress: Callable[[int, int], None] | None = None) -> DemoSigning:
    """Give every supervisor and worker of a past ready-to-sign session a demo identity issued by
    a demo signing authority, then sign those sessions (a day after each meeting). Their PDFs
    are made when they are first exported, printed or read. ``progress(done, total)`` follows
    the signing."""
    store = secrets or SecretStore()
    passphrase = None if store.is_secure() else DEMO_PASSPHRASE
    identities = IdentityStore(keys_dir, store, clock, audit)
    now = clock()
    with db() as s:
        rows = s.execute(
            select(SupervisionSession.id, SupervisionSession.meeting_at, SupervisionSession.supervisor_id,
                   SupervisionSession.supervisee_id)
            .where(SupervisionSession.status == SessionStatus.READY_TO_SIGN,
                   SupervisionSession.meeting_at < now)
            .order_by(SupervisionSession.meeting_at, SupervisionSession.id)
        ).all()
    people = {r[2] for r in rows} | {r[3] for r in rows}
    made = 0
    with transaction(db) as s:
        if not identities.has_authority(s):
            create_authority(s, identities, actor=None, name=f"{team_name} signing authority (demo)",
                             organisation="Demo council", passphrase=passphrase)
        for staff_id in sorted(people):
            staff = s.get_one(Staff, staff_id)
            if not identities.has_identity(staff):
                identities.issue(s, staff, authority_passphrase=passphrase, passphrase=passphrase)
                made += 1
    disagreements = 0
    for number, (session_id, meeting_at, supervisor_id, worker_id) in enumerate(rows, start=1):
        signed_at = min(meeting_at + dt.timedelta(days=1), now)
        service = SignOffService(db, identities, audit, _fixed(signed_at), documents=False)
        service.sign(session_id, signer_id=supervisor_id, passphrase=passphrase)
        if number % DISAGREE_EVERY == 0:
            statement, about = _disagreement(db, session_id)
            service.record_disagreement(session_id, signer_id=worker_id, statement=statement,
                                        discussion_id=about, passphrase=passphrase)
            disagreements += 1
        else:
            service.countersign(session_id, signer_id=worker_id, passphrase=passphrase)
        if progress is not None:
            progress(number, len(rows))
    return DemoSigning(identities=made, signed=len(rows), disagreements=disagreements)


def keep_demo_documents(db: DbFactory, *, keys_dir: Path, clock: Clock,
                        secrets: SecretStore | None = None, audit: AuditTrail | None = None,
                        progress: Callable[[int, int], None] | None = None,
                        cancel: Callable[[], bool] | None = None, workers: int | None = None) -> int:
    """Make and keep the signed PDFs of every signed demo record that has none yet, with the demo
    keys, as an export would the first time (each PDF made once, signed by the people who signed
    the record). Returns how many records had theirs made; ``progress(done, total)`` follows them,
    ``cancel()`` stops between records (what is made is kept)."""
    from workbench.export.batch import gather

    store = secrets or SecretStore()
    identities = IdentityStore(keys_dir, store, clock, audit or AuditTrail(clock))
    with db() as s:
        signed = list(s.scalars(
            select(SupervisionSession.id)
            .where(SupervisionSession.status.in_([st for st in SessionStatus if st.is_signed]))
            .order_by(SupervisionSession.id)))
    made = 0
    if not signed:
        return made
    records = gather(db, identities, session_ids=signed, kinds=(), clock=clock,
                     default_passphrase=None if store.is_secure() else DEMO_PASSPHRASE,
                     workers=workers, cancel=cancel)
    for done, record in enumerate(records, start=1):
        if record.error:
            raise RuntimeError(f"the demo record {record.session_id} has no PDFs: {record.error}")
        made += record.made
        if progress is not None:
            progress(done, len(signed))
    return made


@dataclass(frozen=True)
class SignedDemo:
    summary: DemoSummary
    signing: DemoSigning | None  # None when the signing failed (``problem`` says why)
    problem: str | None


def build_signed_demo(db: DbFactory, *, today: dt.date, clock: Clock, keys_dir: Path,
                      audit_key: Secret | bytes | None, scale: int = 1,
                      progress: ProgressFn | None = None,
                      secrets: SecretStore | None = None) -> SignedDemo:
    """The demo as both doors build it: the demo team (:func:`build_demo`), its past sessions
    signed and countersigned by demo identities (keys in ``keys_dir``).

    When the signing fails the demo team is still there and usable; ``problem`` says why the
    past sessions stayed unsigned.
    """
    report = progress or (lambda done, total, text: None)
    outcome: list[DemoSigning] = []
    problems: list[str] = []

    def sign(built: DbFactory, _session_ids: Sequence[int]) -> None:
        try:
            outcome.append(sign_demo_sessions(
                built, keys_dir=keys_dir, clock=clock, audit=AuditTrail(clock, key=audit_key),
                secrets=secrets,
                progress=lambda done, total: report(95 + 4 * done // max(total, 1), 100,
                                                    "Signing the demo's past sessions…")))
        except Exception as error:  # the demo team is there; only its signatures are missing
            log.warning("demo sessions were not signed", exc_info=error)
            problems.append(str(error))

    summary = build_demo(db, today=today, scale=scale, progress=progress, sign=sign,
                         audit_key=audit_key)
    return SignedDemo(summary, outcome[0] if outcome else None, problems[0] if problems else None)
