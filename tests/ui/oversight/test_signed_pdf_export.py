"""Export signed PDF on the Oversight screen, on the demo: the practice lead chooses a file, gives
their passphrase (a wrong one is refused and nothing is saved), and gets a report that
`workbench verify` finds intact, trusted and signed here."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from db.engine import DbFactory
from db.enums import Role
from db.models import Staff
from tests.conftest import FixedClock
from tests.support.pdf import pdf_text
from tests.workbench.signing.conftest import give_identities
from ui.oversight.screen import OversightScreen
from ui.oversight.sign_report_dialog import SignReportDialog
from ui.services import AppServices
from workbench.access import Actor
from workbench.audit import AuditTrail
from workbench.demo import build_demo
from workbench.export.verify import verify_files
from workbench.secrets import SecretStore
from workbench.signing.identity import IdentityStore

WAIT_MS = 60_000


def test_the_practice_lead_exports_a_signed_pdf_that_verifies(
        qtbot: QtBot, services: AppServices, db: DbFactory, clock: FixedClock,
        tmp_path: Path) -> None:
    build_demo(db, today=clock.today())
    with db() as s:
        lead = s.scalars(select(Staff).where(Staff.role == Role.PRACTICE_LEAD)).first()
        assert lead is not None
        actor = Actor.of(lead)
    identities = IdentityStore(services.data_dir / "keys", SecretStore(), clock, AuditTrail(clock))
    give_identities(db, identities, actor.staff_id)
    screen = OversightScreen(services.signed_in(actor))
    qtbot.addWidget(screen)
    screen.resize(1100, 760)
    assert not screen.pdf_button.isEnabled()
    with qtbot.waitSignal(screen.report_shown, timeout=WAIT_MS):
        screen.show()
    assert screen.pdf_button.isEnabled()
    assert screen.pdf_button.text() == "Export signed &PDF…"

    path = tmp_path / "oversight.pdf"
    screen.pdf_button.click()
    chooser = screen.findChild(QFileDialog)
    assert chooser is not None
    chooser.fileSelected.emit(str(path))  # what choosing the file and pressing Save sends
    dialog = screen.findChild(SignReportDialog)
    assert dialog is not None
    assert f"for All teams, 01 Sep 2026 to 26 Nov 2026, read afresh now, as a PDF signed by {actor.name}" \
        in dialog.what.text()

    dialog.passphrase_edit.setText("not the right words")
    dialog.sign_button.click()
    qtbot.waitUntil(dialog.problem.isVisible, timeout=WAIT_MS)
    assert not path.exists()
    assert dialog.sign_button.isEnabled()
    assert dialog.passphrase_edit.text() == ""

    with qtbot.waitSignal(screen.pdf_exported, timeout=WAIT_MS) as saved:
        dialog.sign_button.click()  # empty: the key opens from the keyring
    assert saved.args == [str(path)]
    assert str(path) in screen.summary.text()
    with db() as s:
        root = identities.authority_certificate(s)
    assert root is not None
    verdict, = verify_files([path], db=db, trust_roots=[root])
    assert verdict.ok, verdict.problems
    assert verdict.pdf.trusted
    assert verdict.record == "matches"
    report = screen.report
    assert report is not None
    words = pdf_text(path.read_bytes(), tmp_path)
    assert f"Produced by {actor.name} (practice lead)" in words
    assert f"{report.counts()['workers_overdue']} of {report.counts()['workers']}" in words


def test_nobody_signed_in_cannot_sign(qtbot: QtBot, services: AppServices, tmp_path: Path) -> None:
    import datetime as dt

    dialog = SignReportDialog(services, team_id=None, scope="All teams", start=dt.date(2026, 9, 1),
                              end=dt.date(2026, 11, 26), path=tmp_path / "x.pdf")
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.sign_button.isEnabled()
    assert "Sign in to sign the report" in dialog.problem.text()
    assert not (tmp_path / "x.pdf").exists()
