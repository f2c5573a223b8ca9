"""PNGs of the first page of each exported PDF kind, from a small signed sample, into a folder.

    python scripts/pdf_screenshots.py docs/screenshots

Writes pdf-supervision-note.png, pdf-child-extract.png, pdf-case-history.png, pdf-addendum.png
(first pages) and pdf-signatures.png (the copy's last page: the supervisor's signature and the
worker's, in the box it fills) with pdftoppm -r 60, and keeps the PDFs in a temporary folder.
oversight-report-pdf.png is the signed oversight report's first two pages side by side, made
from the demo (its past sessions signed, its practice lead given a demo identity).
``render_pdf_screenshots(out_dir)`` is what ``scripts/screenshots.py`` calls. The sample is
built from the models here, signed in bulk as the demo is (so its first export makes the PDFs).
"""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
import tempfile
import tomllib
from importlib.resources import files
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from db.engine import make_db_factory, make_engine, transaction
from db.enums import ActionStatus, CaseKind, RaterRole, Role, SessionKind, SessionStatus
from db.migrate import upgrade_to_head
from db.models import (
    Action,
    CaseAllocation,
    CaseDiscussion,
    Child,
    Decision,
    QuestionSetVersion,
    ScalingScore,
    Staff,
    SupervisionSession,
    Team,
    Worry,
    WorryRevision,
)
from workbench.audit import AuditTrail
from workbench.export.service import export_case_history, export_records
from workbench.secrets import SecretStore
from workbench.signing.demo import sign_demo_sessions
from workbench.signing.identity import IdentityStore
from workbench.signing.signoff import SignOffService

TODAY = dt.datetime(2026, 11, 26, 9, 0, tzinfo=dt.UTC)
DECISIONS = ("Keep the child protection plan", "Step down to early help at the next review")
CHILDREN = (("NG-20417", "Amy Clarke", CaseKind.CHILD_PROTECTION_PLAN),
            ("NG-20988", "Leo Nowak", CaseKind.CHILD_IN_NEED))
# What the caseload import would hold for the two sample children, before the last meeting.
STATUTORY: dict[str, dict[str, object]] = {
    "NG-20417": {"start_date": dt.date(2026, 3, 12), "last_visit_date": dt.date(2026, 10, 22),
                 "seen_alone": True, "last_review_date": dt.date(2026, 9, 10),
                 "key_dates": {"next_review": "2026-12-03"},
                 "details": {"category_latest": "Emotional abuse"}},
    "NG-20988": {"start_date": dt.date(2025, 5, 12), "last_visit_date": dt.date(2026, 10, 15),
                 "seen_alone": False, "last_review_date": dt.date(2026, 8, 28),
                 "key_dates": {"next_review": "2027-02-26"}},
}
WORRIES = {
    "NG-20417": ("Social workers are worried that when Dad drinks he shouts and throws things, and "
                 "Amy (7) could be hurt or frightened.",
                 "Amy's parents will keep her safe when Dad has been drinking, with Nan or Aunt Jo "
                 "there, and Amy will tell her teacher she feels safe at home, for six months."),
    "NG-20988": ("School and social care are worried that Leo (13) is missing school and could fall "
                 "behind and lose his friends.",
                 "Leo will be in school every day for a whole term, with Mum checking in with his "
                 "head of year each Friday."),
}


def _answers(child: str, month: int) -> dict[str, object]:
    if child == "NG-20417":
        return {
            "harm": "Police were called twice in October after arguments at home; Amy hid in her "
                    "room. Mum says: \"he's <never> hit her & he won't\".",
            "complicating_factors": ["Dad's drinking goes up when he is out of work",
                                     "Mum's English is limited: Polish interpreter needed (Pani Łucja)"],
            "existing_strengths": ["Nan (Zofia Nowicka) visits daily and Amy trusts her",
                                   "Amy's school attendance is 98%"],
            "existing_safety": [f"Dad stayed at his brother's on the {month} nights he had been drinking"],
            "next_steps": ["Safety plan meeting with the family network", "Words and Pictures for Amy"],
        }
    return {
        "harm": "Leo has missed 31 sessions this term; he says older boys wait for him by the park.",
        "existing_strengths": ["Leo loves football and his coach is a steady adult for him"],
        "existing_safety": ["Mum walked Leo to school every day in the week of 9 November"],
        "next_steps": ["Attendance plan with school", "Refer to the youth worker for mentoring"],
    }


def _children(count: int) -> list[tuple[str, str, CaseKind]]:
    """The two sample children, then synthetic ones (for the benchmark's 10-child session)."""
    extra = [(f"NG-3{n:04d}", f"Sample Child {n}", CaseKind.CHILD_IN_NEED) for n in range(1, count - 1)]
    return [*CHILDREN, *extra][:count]


def build_sample(url: str, sessions: int = 6, *, children: int = 2, unsigned: int = 0) -> None:
    """``sessions`` sessions about ``children`` children, signed by demo identities the way the
    demo is (in bulk, no PDFs kept); the last ``unsigned`` are left ready to sign (held later
    on the sample's day)."""
    engine = make_engine(url)
    upgrade_to_head(engine)
    db = make_db_factory(engine)
    content = tomllib.loads((files("resources") / "question_sets" / "default-v1.toml").read_text("utf-8"))
    with transaction(db) as s:
        team = Team(name="Northgate Child Protection Team", name_key="northgate child protection team")
        manager = Staff(name="Priya Shah", name_key="priya shah", role=Role.TEAM_MANAGER, team=team)
        worker = Staff(name="Tomasz Kowalski", name_key="tomasz kowalski", role=Role.WORKER, team=team)
        qs = QuestionSetVersion(set_key="default", version=1, title=content["set"]["title"],
                                sha256="0" * 64, content=content)
        s.add_all([team, manager, worker, qs])
        cases = []
        for la_id, name, kind in _children(children):
            child = Child(la_child_id=la_id, name=name)
            case = CaseAllocation(child=child, worker=worker, team=team, kind=kind,
                                  **STATUTORY.get(la_id, {}))
            s.add_all([child, case])
            cases.append((la_id, case))
        s.flush()
        worries: dict[str, Worry] = {}
        for number in range(sessions):
            meeting = TODAY - dt.timedelta(days=28 * (sessions - number))
            if number >= sessions - unsigned:  # after "now": the demo signing leaves it
                meeting = TODAY + dt.timedelta(hours=1 + number)
            session = SupervisionSession(
                supervisor=manager, supervisee=worker, meeting_at=meeting, duration_minutes=75,
                kind=SessionKind.CASE_ONE_TO_ONE, status=SessionStatus.READY_TO_SIGN, question_set=qs,
                present=["Priya Shah (team manager)", "Tomasz Kowalski (social worker)"],
                workload="18 children; two new section 47 enquiries this month.",
                wellbeing="Tired after the court week; booked two days' leave.",
                learning_development="Signs of Safety two-day training on 3 December.",
                appreciative_inquiry="The family network meeting for Amy went well because Tomasz "
                                     "met Nan beforehand.")
            s.add(session)
            s.flush()
            for position, (la_id, case) in enumerate(cases):
                discussion = CaseDiscussion(
                    session=session, child_id=case.child_id, case=case, agenda_position=position,
                    agenda_reasons=["Child protection plan: every session"] if position == 0 else [],
                    answers=_answers(la_id, number + 1),
                    child_voice="Amy: \"I like it when Nan does my hair. I don't like shouting.\""
                    if la_id == "NG-20417" else "Leo: \"School is boring but I miss my mates.\"",
                    impact_statement="Because we held the network meeting, Nan now stays over at weekends.")
                s.add(discussion)
                s.flush()
                if la_id not in worries:
                    statement, goal = WORRIES.get(la_id, WORRIES["NG-20988"])
                    worry = Worry(case_id=case.id, danger_statement=statement, safety_goal=goal,
                                  opened_in_id=discussion.id)
                    s.add(worry)
                    s.flush()
                    s.add(WorryRevision(worry_id=worry.id, discussion_id=discussion.id,
                                        danger_statement=statement, safety_goal=goal))
                    worries[la_id] = worry
                base = 2 + number if la_id == "NG-20417" else 5 - number % 3
                for role, delta in ((RaterRole.WORKER, 0), (RaterRole.SUPERVISOR, -1), (RaterRole.PARENT, 2)):
                    s.add(ScalingScore(discussion_id=discussion.id, case_id=case.id, meeting_at=meeting,
                                       worry_id=worries[la_id].id, rater_role=role,
                                       score=max(0, min(10, base + delta)),
                                       reason="Nan is there most evenings" if delta == 0 else "See the plan"))
                s.add(Decision(discussion_id=discussion.id, position=0,
                               text=DECISIONS[min(position, 1)],
                               rationale="The safety goal is not yet met for long enough"))
                s.add(Action(case_id=case.id, discussion_id=discussion.id,
                             description="Book the network meeting",
                             owner_name="Tomasz Kowalski", owner_staff_id=worker.id,
                             due_date=(meeting + dt.timedelta(days=14)).date(), status=ActionStatus.OPEN))
    sign_demo_sessions(db, keys_dir=Path(url.removeprefix("sqlite:///")).parent / "keys",
                       clock=lambda: TODAY, audit=AuditTrail(lambda: TODAY), secrets=SecretStore())
    engine.dispose()


def _pages(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    return int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))


def render_pdf_screenshots(out_dir: Path) -> list[Path]:
    import keyring
    from keyring.backends.fail import Keyring as FailKeyring

    keyring.set_keyring(FailKeyring())  # the sample never touches a real keyring
    out_dir.mkdir(parents=True, exist_ok=True)
    scratch = Path(tempfile.mkdtemp(prefix="pdf-shots-"))
    url = f"sqlite:///{scratch / 'sample.db'}"
    build_sample(url)
    engine = make_engine(url)
    db = make_db_factory(engine)
    from workbench.signing.demo import DEMO_PASSPHRASE

    identities = IdentityStore(scratch / "keys", SecretStore(), lambda: TODAY)
    with db() as s:
        last = max(x.id for x in s.query(SupervisionSession))
        supervisor = s.get_one(SupervisionSession, last).supervisor_id
        staff = [x.id for x in s.query(Staff)]
        child = s.query(Child).filter_by(la_child_id="NG-20417").one().id
    # A correction signed now, kept as its own signed PDF (the sample was signed in bulk, with
    # no PDFs kept: the export below makes the copy and extracts once, with the demo keys).
    SignOffService(db, identities, AuditTrail(lambda: TODAY), lambda: TODAY).add_addendum(
        last, author_id=supervisor, passphrase=DEMO_PASSPHRASE,
        text="Correction: the network meeting is on 9 December, not 2 December. Nan (Zofia Nowicka) "
             "will attend; Pani Łucja interprets for Mum.")
    result = export_records(db, identities, AuditTrail(lambda: TODAY), session_ids=[last],
                            out_dir=scratch / "pdf", actor_id=None, mode="inline",
                            passphrases=dict.fromkeys(staff, DEMO_PASSPHRASE))
    history = export_case_history(db, AuditTrail(lambda: TODAY), child_id=child,
                                  out_path=scratch / "pdf" / "history.pdf", actor_id=None)
    engine.dispose()
    note = next(p for p in result.written if p.name.endswith("supervision-file.pdf"))
    extract = next(p for p in result.written if p.name.endswith("child-file.pdf"))
    addendum = next(p for p in result.written if "_addendum-" in p.name)
    shots = []
    for pdf, name, page in ((note, "pdf-supervision-note", 1), (extract, "pdf-child-extract", 1),
                            (history, "pdf-case-history", 1), (addendum, "pdf-addendum", 1),
                            (note, "pdf-signatures", _pages(note))):
        subprocess.run(["pdftoppm", "-r", "60", "-png", "-f", str(page), "-l", str(page), "-singlefile",
                        str(pdf), str(out_dir / name)], check=True)
        shots.append(out_dir / f"{name}.png")
    shots.append(render_oversight_report(out_dir, scratch))
    print(f"PDFs in {scratch / 'pdf'}")
    return shots


def render_oversight_report(out_dir: Path, scratch: Path) -> Path:
    """The demo's practice lead signs the oversight of every team over the three months to TODAY;
    its first two pages, side by side, into oversight-report-pdf.png."""
    from PIL import Image

    from workbench.signing.demo import DEMO_PASSPHRASE, build_signed_demo

    def clock() -> dt.datetime:
        return TODAY

    url = f"sqlite:///{scratch / 'oversight-demo.db'}"
    engine = make_engine(url)
    upgrade_to_head(engine)
    db = make_db_factory(engine)
    keys = scratch / "oversight-keys"
    build_signed_demo(db, today=TODAY.date(), clock=clock, keys_dir=keys, audit_key=None,
                      secrets=SecretStore())
    identities = IdentityStore(keys, SecretStore(), clock, AuditTrail(clock))
    with transaction(db) as s:
        lead = s.query(Staff).filter_by(role=Role.PRACTICE_LEAD).order_by(Staff.id).first()
        assert lead is not None
        identities.issue(s, lead, authority_passphrase=DEMO_PASSPHRASE, passphrase=DEMO_PASSPHRASE)
        lead_id = lead.id
    from workbench.access import Actor
    from workbench.oversight.signed_report import save_signed_report

    with db() as s:
        actor = Actor.of(s.get_one(Staff, lead_id))
    pdf = scratch / "pdf" / "oversight-report.pdf"
    pdf.parent.mkdir(parents=True, exist_ok=True)
    save_signed_report(db, identities, AuditTrail(clock), clock, pdf, actor=actor, signer_id=lead_id,
                       team_id=None, start=dt.date(2026, 9, 1), end=TODAY.date(),
                       passphrase=DEMO_PASSPHRASE)
    engine.dispose()
    pages = [scratch / f"oversight-{n}" for n in (1, 2)]
    for number, stem in enumerate(pages, start=1):
        subprocess.run(["pdftoppm", "-r", "60", "-png", "-f", str(number), "-l", str(number),
                        "-singlefile", str(pdf), str(stem)], check=True)
    images = [Image.open(f"{stem}.png").convert("RGB") for stem in pages]
    gap = 12
    sheet = Image.new("RGB", (sum(i.width for i in images) + gap * 3, max(i.height for i in images)
                              + gap * 2), "#d5dae0")
    x = gap
    for image in images:
        sheet.paste(image, (x, gap))
        x += image.width + gap
    target = out_dir / "oversight-report-pdf.png"
    sheet.save(target, optimize=True)
    return target


if __name__ == "__main__":
    for path in render_pdf_screenshots(Path(sys.argv[1] if len(sys.argv) > 1 else "docs/screenshots")):
        print(path)
