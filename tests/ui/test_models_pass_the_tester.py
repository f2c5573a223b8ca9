"""Every Qt model passes Qt's own model tester (QAbstractItemModelTester, through pytest-qt's
qtmodeltester) with rows, through a reset, and empty. The caseload, records, agenda, outline
and reflection models are checked beside their other tests; these are the rest."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QSortFilterProxyModel
from pytestqt.modeltest import ModelTester

from db.enums import Role, SessionStatus
from ui.admin.model import StaffModel
from ui.dialogs.import_history_dialog import ImportHistoryModel
from ui.models.roles import SORT_ROLE
from ui.signing.model import STATUS, WaitingModel
from ui.supervision.drafts_model import DraftsModel
from workbench.importing.undo import ImportSummary
from workbench.signing.desk import Step, WaitingRow
from workbench.staff_admin import StaffRecord
from workbench.supervision.drafts import DraftSummary

WHEN = dt.datetime(2026, 11, 20, 14, 0, tzinfo=dt.UTC)


def test_the_sign_off_list_model(qtmodeltester: ModelTester) -> None:
    model = WaitingModel()
    model.set_rows([
        WaitingRow(1, WHEN, "Ann Manager", "Bo Worker", 2, SessionStatus.READY_TO_SIGN, (Step.SIGN,)),
        WaitingRow(2, WHEN, "Ann Manager", "Bo Worker", 1, SessionStatus.SIGNED_BY_SUPERVISOR,
                   (Step.COUNTERSIGN, Step.DISAGREE)),
    ])
    qtmodeltester.check(model)
    assert model.index(1, STATUS).data() == "Waiting for your countersignature"
    model.set_rows([])
    qtmodeltester.check(model)


def test_the_admin_staff_model(qtmodeltester: ModelTester) -> None:
    model = StaffModel()
    model.set_rows([
        StaffRecord(1, "Ann Manager", Role.TEAM_MANAGER, 1, "North", None, None, None, None, True, None,
                    True, None, 0),
        StaffRecord(2, "Bo Worker", Role.WORKER, 1, "North", 1, "Ann Manager", dt.date(2026, 9, 1),
                    dt.date(2027, 9, 1), False, WHEN, False, None, 0),
    ])
    qtmodeltester.check(model)
    proxy = QSortFilterProxyModel()  # as the Admin screen sorts it
    proxy.setSortRole(SORT_ROLE)
    proxy.setSourceModel(model)
    proxy.sort(0)
    qtmodeltester.check(proxy)
    model.set_rows([])
    qtmodeltester.check(model)


def test_the_import_history_model(qtmodeltester: ModelTester) -> None:
    model = ImportHistoryModel()
    model.set_rows([
        ImportSummary(3, "annex-a.xlsx", WHEN, "Ann Manager", "Bo Worker", None, 4, 1, 0, None, None),
        ImportSummary(2, "caseload.csv", WHEN, None, None, "North", 0, 0, 2, WHEN, "Ann Manager"),
    ])
    qtmodeltester.check(model)
    model.set_rows([])
    qtmodeltester.check(model)


def test_the_drafts_model(qtmodeltester: ModelTester) -> None:
    model = DraftsModel()
    model.set_drafts([
        DraftSummary(7, 1, 2, "Bo Worker", WHEN, WHEN, SessionStatus.DRAFT, 1, 2, 4, 11),
        DraftSummary(8, 1, 2, "Bo Worker", WHEN, WHEN, SessionStatus.READY_TO_SIGN, 2, 2, 11, 11),
    ])
    qtmodeltester.check(model)
    model.set_drafts([])
    qtmodeltester.check(model)
