"""The signing authority dialog: an admin creates the authority and issues identities."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from pytestqt.qtbot import QtBot

from db.engine import DbFactory, transaction
from db.enums import Role
from db.models import Staff
from tests.workbench.signing.builders import make_team
from ui.admin.authority_dialog import AuthorityDialog
from ui.services import AppServices
from workbench.access import Actor
from workbench.signing.certificates import load_certificates_pem


def _admin(db: DbFactory) -> Actor:
    with transaction(db) as s:
        admin = Staff(name="Ada Admin", name_key="ada admin", role=Role.ADMIN)
        s.add(admin)
        s.flush()
        return Actor.of(admin)


def test_an_admin_creates_the_authority_issues_an_identity_and_exports_the_certificate(
    qtbot: QtBot, services: AppServices, db: DbFactory, tmp_path: Path,
) -> None:
    make_team(db)
    dialog = AuthorityDialog(services.signed_in(_admin(db)))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.create_box.isVisible())
    assert "no signing authority yet" in dialog.status_label.text()

    dialog.name_edit.setText("Northgate Council signing authority")
    dialog.create_button.click()
    qtbot.waitUntil(lambda: dialog.issue_box.isVisible())
    assert "Northgate Council signing authority (created here" in dialog.status_label.text()
    assert not dialog.import_box.isVisible()
    assert "Ann Manager" in dialog.person_combo.currentText()
    assert "self-issued" not in dialog.person_combo.currentText()

    dialog.issue_button.click()
    qtbot.waitUntil(lambda: "Ann Manager has a signing identity" in dialog.message_label.text())
    qtbot.waitUntil(lambda: "Bo Worker" in dialog.person_combo.currentText())
    texts = [dialog.person_combo.itemText(i) for i in range(dialog.person_combo.count())]
    assert any(t.startswith("Ann Manager") and "(trusted)" in t for t in texts)

    target = tmp_path / "authority.pem"
    dialog.export_certificate(target)
    qtbot.waitUntil(lambda: target.exists())
    assert load_certificates_pem(target.read_bytes())[0].subject.rfc4514_string().startswith(
        "CN=Northgate Council signing authority")


def test_a_team_manager_is_refused(qtbot: QtBot, services: AppServices,
                                   db: DbFactory) -> None:
    team = make_team(db)
    with db() as s:
        manager = Actor.of(s.get_one(Staff, team.manager_id))
    dialog = AuthorityDialog(replace(services, actor=manager))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.error_label.isVisible())
    assert "Only an admin" in dialog.error_label.text()
