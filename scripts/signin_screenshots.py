"""The sign-in screenshots for `make screenshots` (scripts/screenshots.py runs them first, as the
app shows the sign-in dialog before anything else).

- ``sign-in.png``: the dialog as `make run` opens it on the demo: the demo team's first manager
  chosen, the passphrase field empty (the README gives the demo passphrase);
- ``locked.png``: the window locked after the idle time, asking the manager's passphrase.
"""

from __future__ import annotations

from typing import Any

Shot = Any  # scripts/screenshots.py's Shot (not imported: that script imports this one)


def sign_in(shot: Shot) -> None:
    from db.enums import Role
    from ui.dialogs.sign_in_dialog import SignInDialog
    from workbench.signin import people_to_sign_in

    people = people_to_sign_in(shot.services.db)
    manager = next(p for p in people if p.role is Role.TEAM_MANAGER)
    shot.window.show_startup_message(shot.window.tr("Sign in to see the records."))
    dialog = SignInDialog(shot.services, people, shot.window, preselect=manager.staff_id)
    dialog.open()
    shot.wait_until(dialog.isVisible)
    dialog.resize(560, 380)
    shot.save(dialog, "sign-in.png")
    dialog.reject()
    shot.window.stack.setCurrentWidget(shot.window.tabs)


def locked(shot: Shot) -> None:
    from db.enums import Role
    from ui.dialogs.sign_in_dialog import role_name
    from ui.security.lock import LockScreen
    from workbench.signin import people_to_sign_in

    manager = next(p for p in people_to_sign_in(shot.services.db) if p.role is Role.TEAM_MANAGER)
    screen = LockScreen()
    shot.window.stack.addWidget(screen)
    screen.show_for(f"{manager.name} ({role_name(manager.role.value)}, {manager.team_name})")
    shot.window.stack.setCurrentWidget(screen)
    _menus_enabled(shot, False)  # as the locked app has them
    shot.save(shot.window, "locked.png")
    _menus_enabled(shot, True)
    shot.window.stack.setCurrentWidget(shot.window.tabs)
    shot.window.stack.removeWidget(screen)
    screen.deleteLater()


def _menus_enabled(shot: Shot, enabled: bool) -> None:
    from PySide6.QtWidgets import QToolBar

    shot.window.menuBar().setEnabled(enabled)
    for toolbar in shot.window.findChildren(QToolBar):
        toolbar.setEnabled(enabled)


SIGN_IN_SHOTS = [sign_in, locked]
