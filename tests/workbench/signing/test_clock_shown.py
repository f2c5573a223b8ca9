"""One clock for people: stored in UTC, the signed PDFs print the zone the computer is in, named
(a July meeting typed as 15:00 in London prints 15:00 BST, not 14:00 UTC). The zone is injected,
so the machine's own TZ does not matter."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from zoneinfo import ZoneInfo

from sqlalchemy import select

from db.engine import DbFactory
from db.enums import DocumentKind, DocumentStage
from db.models import SignedDocument
from tests.conftest import FixedClock
from tests.support.pdf import pdf_text
from tests.workbench.signing.builders import Team1, make_session
from workbench import timefmt
from workbench.audit import AuditTrail
from workbench.signing.identity import IdentityStore
from workbench.signing.signoff import SignOffService

LONDON = ZoneInfo("Europe/London")


def test_the_signed_pdfs_print_a_summer_meeting_in_british_summer_time(
    db: DbFactory, team: Team1, identities: IdentityStore, clock: FixedClock,
    tmp_path: Path,
) -> None:
    signoff = SignOffService(db, identities, AuditTrail(clock), clock, tz=LONDON)
    session_id = make_session(db, team,
                              meeting_at=dt.datetime(2026, 7, 20, 14, 0, tzinfo=dt.UTC))
    signoff.sign(session_id, signer_id=team.manager_id)
    signoff.countersign(session_id, signer_id=team.worker_id)
    with db() as s:
        documents = s.scalars(select(SignedDocument).where(
            SignedDocument.session_id == session_id,
            SignedDocument.stage == DocumentStage.COUNTERSIGNED)).all()
        texts = {(d.kind, d.child_id): pdf_text(d.pdf, tmp_path) for d in documents}
    assert len(texts) == 1 + len(team.child_ids)
    for (kind, _child), text in texts.items():
        assert "20 July 2026, 15:00 BST" in text, kind  # the meeting as the editor showed it
        assert "14:00" not in text
        assert "26 November 2026, 10:00 GMT" in text  # signed in winter: GMT, named
        assert "UTC" not in text
    assert any(kind is DocumentKind.NOTE for kind, _ in texts)


def test_one_formatting_helper_names_the_zone_and_follows_summer_time() -> None:
    summer = dt.datetime(2026, 7, 20, 14, 0, tzinfo=dt.UTC)
    winter = dt.datetime(2026, 11, 20, 14, 0, tzinfo=dt.UTC)
    assert timefmt.letter_time(summer, LONDON) == "20 July 2026, 15:00 BST"
    assert timefmt.letter_time(winter, LONDON) == "20 November 2026, 14:00 GMT"
    assert timefmt.clock_time(summer, LONDON) == "15:00"
    assert timefmt.clock_time(summer, LONDON, zone=True) == "15:00 BST"
    assert timefmt.short_time(summer, dt.UTC) == "2026-07-20 14:00 UTC"
    assert timefmt.letter_time(summer, ZoneInfo("Asia/Dubai")) == "20 July 2026, 18:00 UTC+04:00"
    late = dt.datetime(2026, 7, 20, 23, 30, tzinfo=dt.UTC)
    assert timefmt.local_date(late, LONDON) == dt.date(2026, 7, 21)  # the day it was where it happened
    assert timefmt.letter_time(late, LONDON, time=False) == "21 July 2026"
