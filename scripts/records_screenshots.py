"""The records view for `make screenshots`: the signed records of one worker with two selected,
and the export dialog after exporting them.

Each function takes the ``Shot`` of scripts/screenshots.py (the demo window and its services)
and drives the window as a user would; scripts/screenshots.py adds :data:`RECORDS_SHOTS` to its
list. The demo's records were signed in bulk, so their first export makes their signed PDFs
(with the demo keys: the keyring's passphrase, or the demo's documented one typed in the dialog).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QItemSelectionModel

Shot = Any  # scripts/screenshots.py's Shot (not imported: that script imports this one)


def _screen(shot: Shot) -> Any:
    from ui.records.screen import RecordsScreen

    screen = shot.window.screens["records"]
    assert isinstance(screen, RecordsScreen)
    shot.window.tabs.setCurrentWidget(screen)
    shot.wait_until(lambda: screen.model.rowCount() > 0)
    return screen


def records(shot: Shot) -> None:
    """One worker's signed records of the last year, the two newest selected."""
    screen = _screen(shot)
    screen.team_combo.setCurrentIndex(1)
    screen.worker_combo.setCurrentIndex(1)
    shot.wait_until(lambda: screen.proxy.rowCount() > 1)
    screen.table.clearSelection()
    flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
    for row in (0, 1):
        screen.table.selectionModel().select(screen.proxy.index(row, 0), flags)
    screen.table.setFocus()
    shot.save(shot.window, "records.png")


def records_export(shot: Shot) -> None:
    """The export dialog once the two selected records are written to a folder."""
    from workbench.signing.demo import DEMO_PASSPHRASE

    screen = _screen(shot)
    dialog = screen.export_selected(mode="inline")
    assert dialog is not None
    dialog.folder_edit.setText(str(shot.scratch / "signed records"))
    dialog.start_export()
    shot.wait_until(lambda: not dialog.is_running, timeout_s=300)
    if dialog.passphrase_edit.isVisible():  # no keyring holds the demo keys' passphrase here
        dialog.passphrase_edit.setText(DEMO_PASSPHRASE)
        dialog.start_export()
        shot.wait_until(lambda: not dialog.is_running, timeout_s=300)
    if dialog.result_value is None or not dialog.result_value.written:
        raise RuntimeError(f"the demo records did not export: {dialog.error_label.text()}")
    dialog.resize(760, 520)
    shot.save(dialog, "records-export.png")
    dialog.close_dialog()


RECORDS_SHOTS = [records, records_export]
