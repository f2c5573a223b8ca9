"""The signed oversight report: a PDF whose text holds the report's own numbers, PAdES-signed by
the practice lead (or the team's manager), that `workbench verify` and poppler's pdfsig accept;
changed after signing it fails; whoever may not see the oversight cannot produce it, and nothing
is audited for them."""

from __future__ import annotations

import dataclasses
import io
import subprocess
from pathlib import Path

import pytest
from cryptography import x509
from sqlalchemy import func, select, update

from db.engine import DbFactory, transaction
from db.enums import Role
from db.models import AuditEvent, Staff
from tests.conftest import FixedClock
from tests.support.pdf import pdf_text
from tests.workbench.oversight.builders import (
    END,
    NOW,
    START,
    World,
    build_world,
    held_with_v4,
)
from tests.workbench.signing.conftest import give_identities
from workbench.access import AccessDenied, Actor
from workbench.audit import AuditTrail
from workbench.errors import WrongPassphrase
from workbench.export.verify import verify_files
from workbench.oversight import oversight_report
from workbench.oversight.report_pdf import MAX_TABLE_ROWS, ReportFacts, oversight_pdf
from workbench.oversight.signed_report import (
    AUDIT_ACTION,
    SignedReport,
    report_content,
    sign_oversight_report,
)
from workbench.signing.content import canonical_bytes, sha256_hex
from workbench.signing.identity import IdentityStore


@pytest.fixture
def world(db: DbFactory, identities: IdentityStore) -> World:
    made = build_world(db)
    give_identities(db, identities, made.staff["Pat"], made.staff["Ann"], made.staff["Bo"])
    return made


def actor(world: World, name: str) -> Actor:
    roles = {"Pat": Role.PRACTICE_LEAD, "Ann": Role.TEAM_MANAGER, "Sue": Role.TEAM_MANAGER,
             "Ada": Role.ADMIN}
    teams = {"Ann": "Northgate", "Bo": "Northgate", "Sue": "Southgate"}
    team = world.teams[teams[name]] if name in teams else None
    return Actor(world.staff[name], roles.get(name, Role.WORKER), team, name)


def sign(db: DbFactory, identities: IdentityStore, now: FixedClock, world: World, name: str,
         team: str | None) -> SignedReport:
    who = actor(world, name)
    return sign_oversight_report(db, identities, AuditTrail(now), now, actor=who,
                                 signer_id=who.staff_id,
                                 team_id=world.teams[team] if team else None, start=START, end=END)


def signed_events(db: DbFactory) -> list[AuditEvent]:
    with db() as s:
        return list(s.scalars(select(AuditEvent).where(AuditEvent.action == AUDIT_ACTION)))


def roots(db: DbFactory, identities: IdentityStore) -> list[x509.Certificate]:
    with db() as s:
        root = identities.authority_certificate(s)
    assert root is not None
    return [root]


def test_the_pdf_holds_the_reports_numbers_and_verifies(
        db: DbFactory, identities: IdentityStore, now: FixedClock, world: World,
        tmp_path: Path) -> None:
    signed = sign(db, identities, now, world, "Ann", "Northgate")
    report = oversight_report(db, now, team_id=world.teams["Northgate"], start=START, end=END)
    assert signed.report == report
    words = pdf_text(signed.pdf, tmp_path)
    assert "Oversight of supervision: Northgate" in words
    assert "1 Sep 2026 to 30 Nov 2026, as of 30 Nov 2026" in words
    assert "Produced by Ann (team manager)" in words
    # The headline, as the JSON and the workbook give it (test_cli_and_workbook).
    assert "Workers overdue for supervision 2 of 3" in words
    assert "Children not discussed within their interval 3 of 5 open cases" in words
    assert "Re-discussed within the interval 2 of 5" in words
    assert "Notes not yet final 3" in words
    assert "Open disagreements 1" in words
    assert "Stuck cases; lasting divergence 2; 2" in words
    assert "Children with direct work since 31 Aug 2026 4 of 5" in words
    # The rows (builders): Bo held 2 of 3, 20 days overdue, 2 open cases, 2 of them late; C1 and
    # C2 23 days overdue (latest scores 4 and 2), C5 never discussed, 15 days overdue.
    assert ("Bo Northgate monthly 2 of 3 10 Oct 2026 10 Nov 2026 overdue 20 days 2 2 "
            "Cy Northgate weekly 2 of 7 20 Nov 2026 27 Nov 2026 overdue 3 days 2 1 "
            "Di Northgate monthly 2 of 3 5 Nov 2026 5 Dec 2026 due soon 1 0") in words
    assert ("C1 Bo 10 Oct 2026 7 Nov 2026 23 4 C2 Bo 10 Oct 2026 7 Nov 2026 23 2 "
            "C5 Cy never 15 Nov 2026 15") in words
    # Direct work: Bo 1 of 2, Cy 2 of 2, Di 1 of 1, the team 4 of 5, by tool 2 1 1 1.
    assert ("Bo Northgate 2 1 50% 1 1 0 0 Cy Northgate 2 2 100% 1 0 1 0 Di Northgate 1 1 100% "
            "0 0 0 1 Northgate total Northgate 5 4 80% 2 1 1 1") in words
    assert ("Open cases " + " ".join(str(n) for n in report.distribution)) in words
    m = report.movements
    assert f"Open cases {m.rising} {m.steady} {m.falling} {m.one_score} {m.unscored}" in words
    # Never an average across children as a headline.
    assert "average" not in words.replace("no average is taken across children", "")
    # The content hash: what the report and its signer hash to, in the footer and the metadata.
    expected = sha256_hex(canonical_bytes(report_content(
        report, signer_id=world.staff["Ann"], signer_role="team_manager",
        signed_at=NOW)))
    assert signed.content_sha256 == expected
    assert f"Report content SHA-256 {expected}" in words

    path = tmp_path / "oversight.pdf"
    path.write_bytes(signed.pdf)
    verdict, = verify_files([path], db=db, trust_roots=roots(db, identities))
    assert verdict.ok, verdict.problems
    assert verdict.pdf.intact
    assert verdict.pdf.trusted
    assert verdict.pdf.facts["kind"] == "oversight"
    assert verdict.record == "matches"
    assert verdict.kept == "the signed report the audit trail records"
    assert "Signature is Valid." in subprocess.run(["pdfsig", str(path)], capture_output=True,
                                                   text=True, check=False).stdout
    event, = signed_events(db)
    assert (event.actor_id, event.entity_id) == (world.staff["Ann"], str(world.teams["Northgate"]))
    assert event.details["content_sha256"] == expected


def _paint_over_page_one(pdf: bytes) -> bytes:
    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    writer = IncrementalPdfFileWriter(io.BytesIO(pdf), strict=False)
    stream = generic.StreamObject(stream_data=b"q 1 1 1 rg 0 0 2000 2000 re f Q")
    writer.add_stream_to_page(0, writer.add_object(stream))
    out = io.BytesIO()
    writer.write(out)  # type: ignore[no-untyped-call]
    return out.getvalue()


def test_a_changed_byte_or_a_page_painted_over_fails_verify(
        db: DbFactory, identities: IdentityStore, now: FixedClock, world: World,
        tmp_path: Path) -> None:
    pdf = sign(db, identities, now, world, "Pat", None).pdf
    # One byte of the signed content: the "2 of 3" turned into another figure is not needed;
    # any byte inside the signed range breaks the signature.
    at = pdf.index(b"/Producer")
    flipped = tmp_path / "flipped.pdf"
    flipped.write_bytes(pdf[:at] + b"/Pr0ducer" + pdf[at + len(b"/Producer"):])
    painted = tmp_path / "painted.pdf"
    painted.write_bytes(_paint_over_page_one(pdf))
    for path in (flipped, painted):
        verdict, = verify_files([path], db=db, trust_roots=roots(db, identities))
        assert not verdict.ok, path
        assert verdict.problems
    assert "Not total document signed" in subprocess.run(
        ["pdfsig", str(painted)], capture_output=True, text=True, check=False).stdout


def test_a_report_signed_outside_the_app_is_not_one_signed_here(
        db: DbFactory, identities: IdentityStore, now: FixedClock, world: World,
        tmp_path: Path) -> None:
    """Someone holding a trusted key makes a report of their own figures: its signature is
    intact and trusted, but no report with its content was signed in this database."""
    from workbench.export.pades import sign_pdf

    report = oversight_report(db, now, team_id=None, start=START, end=END)
    made_up = dataclasses.replace(report, open_cases=report.open_cases + 1)
    with db() as s:
        identity = identities.load(s.get_one(Staff, world.staff["Pat"]))
    facts = ReportFacts("Pat", "practice lead", NOW, "1" * 64, identity.fingerprint)
    path = tmp_path / "made-up.pdf"
    path.write_bytes(sign_pdf(oversight_pdf(made_up, facts), identity, field_name="X",
                              reason="x"))
    verdict, = verify_files([path], db=db, trust_roots=roots(db, identities))
    assert verdict.pdf.intact
    assert verdict.pdf.trusted
    assert not verdict.ok
    assert verdict.record.startswith("differs: no oversight report with this content")


@pytest.mark.parametrize(("name", "team", "says"), [
    ("Bo", "Northgate", "team managers and practice leads"),
    ("Ann", "Southgate", "their own team only"),
    ("Ann", None, "their own team only"),
    ("Ada", None, "Admins"),
])
def test_who_may_not_see_the_oversight_cannot_produce_it(
        db: DbFactory, identities: IdentityStore, now: FixedClock, world: World,
        name: str, team: str | None, says: str) -> None:
    with pytest.raises(AccessDenied, match=says):
        sign(db, identities, now, world, name, team)
    assert signed_events(db) == []


def test_nobody_signs_in_another_persons_name(db: DbFactory, identities: IdentityStore,
                                             now: FixedClock, world: World) -> None:
    with pytest.raises(AccessDenied, match="signed only by the person it names"):
        sign_oversight_report(db, identities, AuditTrail(now), now, actor=actor(world, "Pat"),
                              signer_id=world.staff["Ann"], team_id=world.teams["Northgate"],
                              start=START, end=END)
    # Without a signed-in person (the demo, the embedded file's holder) the signer must still
    # be someone who may see it: a worker may not.
    with pytest.raises(AccessDenied, match="team managers and practice leads"):
        sign_oversight_report(db, identities, AuditTrail(now), now, actor=None,
                              signer_id=world.staff["Bo"], team_id=world.teams["Northgate"],
                              start=START, end=END)
    assert signed_events(db) == []


def test_a_wrong_passphrase_signs_nothing(db: DbFactory, identities: IdentityStore,
                                          now: FixedClock, world: World) -> None:
    who = actor(world, "Pat")
    with pytest.raises(WrongPassphrase):
        sign_oversight_report(db, identities, AuditTrail(now), now, actor=who,
                              signer_id=who.staff_id, team_id=None, start=START, end=END,
                              passphrase="not the passphrase")
    assert signed_events(db) == []


def test_markup_in_names_prints_literally(db: DbFactory, identities: IdentityStore,
                                          now: FixedClock, world: World, tmp_path: Path) -> None:
    with transaction(db) as s:
        s.execute(update(Staff).where(Staff.id == world.staff["Bo"])
                  .values(name="Bo <b>Smith</b> & Sons"))
    words = pdf_text(sign(db, identities, now, world, "Pat", None).pdf, tmp_path)
    assert "Bo <b>Smith</b> & Sons" in words


def test_a_long_table_runs_across_pages_with_its_header_and_says_what_it_leaves_out(
        db: DbFactory, now: FixedClock, world: World, tmp_path: Path) -> None:
    report = oversight_report(db, now, team_id=None, start=START, end=END)
    child = report.children_overdue[0]
    many = tuple(dataclasses.replace(child, case_id=n, child_label=f"K{n:05d}")
                 for n in range(MAX_TABLE_ROWS + 250))
    long_words = "a long disagreement, " * 400
    disagreement = dataclasses.replace(report.open_disagreements[0], statement=long_words)
    big = dataclasses.replace(report, children_overdue=many, open_disagreements=(disagreement,))
    facts = ReportFacts("Pat", "practice lead", NOW, "0" * 64, "AA:BB")
    text = pdf_text(oversight_pdf(big, facts), tmp_path, words_only=False)
    pages = [" ".join(page.split()) for page in text.split("\f")]
    listing = [n for n, page in enumerate(pages) if "K00" in page]
    assert len(listing) > 5
    for n in listing:  # the header on every page the table runs across
        assert all(header in pages[n] for header in ("Child Worker", "discussed", "overdue", "Latest"))
    assert f"K{MAX_TABLE_ROWS - 1:05d}" in text
    assert f"K{MAX_TABLE_ROWS:05d}" not in text
    assert "and 250 more children, not listed here: see the workbook" in " ".join(text.split())
    # The long statement is printed whole, across pages (its row split between them).
    assert text.split().count("disagreement,") == 400
    assert len(pages) > len(listing)


def test_a_report_with_figures_not_read_is_refused(db: DbFactory, now: FixedClock,
                                                   world: World) -> None:
    from workbench.oversight import OversightReader

    reader = OversightReader(db, now, team_id=None, start=START, end=END)
    with pytest.raises(ValueError, match="not read yet"):
        oversight_pdf(reader.report, ReportFacts("Pat", "practice lead", NOW, "0" * 64, "AA"))
    with db() as s:
        assert s.scalar(select(func.count(AuditEvent.id)).where(
            AuditEvent.action == AUDIT_ACTION)) == 0


@pytest.fixture
def world_v4(db: DbFactory, identities: IdentityStore) -> World:
    made = build_world(db, before_signing=held_with_v4)
    give_identities(db, identities, made.staff["Ann"])
    return made


def test_the_completeness_of_optional_items_is_counted_and_printed(
        db: DbFactory, identities: IdentityStore, now: FixedClock, world_v4: World,
        tmp_path: Path) -> None:
    from workbench.oversight.completeness import read_completeness

    world = world_v4
    with db() as s:
        found = read_completeness(s, None, actor(world, "Pat"), START, END, NOW)
        south = read_completeness(s, world.teams["Southgate"], None, START, END, NOW)
    assert (found.records, found.discussions, found.unreadable) == (4, 5, 0)
    assert (south.records, south.items) == (0, ())  # Eve was never supervised
    by_words = {item.wording.split(":")[0].split("?")[0]: (item.level, item.answered, item.asked)
                for item in found.items}
    assert by_words == {
        "Complicating factors": ("child", 1, 5),
        "When will this child be discussed again": ("child", 1, 5),
        "Three Houses": ("child", 0, 5),  # three items share the words before the colon
        "Does the child have a Words and Pictures explanation of what is happening": ("child", 0, 5),
        "Learning and development": ("session", 1, 4),
        "Appreciative inquiry": ("session", 0, 4),
    }
    assert len(found.items) == 8  # the three houses are three items
    assert [item.share for item in found.items] == [0, 0, 0, 0, 0, 0.2, 0.2, 0.25]
    signed = sign(db, identities, now, world, "Ann", "Northgate")
    assert signed.report.completeness.items == found.items
    words = pdf_text(signed.pdf, tmp_path)
    assert "Completeness of optional items" in words
    assert "Of the 4 signed records whose meeting fell in the period (5 children discussed)" in words
    assert ("Complicating factors: what makes the situation harder to understand or to change? "
            "each child 1 5 20%") in words
    assert "each session 1 4 25%" in words
    # By worker (test_completeness): Bo 2 records, 3 children, 2 of 22 answered; the team 3 of 38.
    assert ("Bo Northgate 2 3 2 22 9% Cy Northgate 1 1 1 8 12% Di Northgate 1 1 0 8 0% "
            "Northgate total Northgate 4 5 3 38 8%") in words
    assert "Optional items answered in the period's signed records 3 of 38 (8%) in 4 records" in words
