"""Edit > Preferences…: the idle lock, scheduled backups, the database and the supervision
policy's intervals. The rules (what is a valid value, how it is stored) are
:mod:`workbench.settings`'; this dialog shows and asks. Opens with ``open()``, deletes itself on
close; the typed result is :attr:`PreferencesDialog.result_preferences` and ``saved(Preferences)``.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ui.dialogs.task_dialog import problem_label
from ui.i18n import arg, translated
from workbench.settings import REGISTRY, Preferences, Settings, SettingsError


def _note(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setEnabled(False)  # drawn as a quieter help text
    return label


class PreferencesDialog(QDialog):
    """``saved(Preferences)`` follows preferences that were checked and saved."""

    saved = Signal(object)

    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setWindowTitle(self.tr("Preferences"))
        self.settings = settings
        self.result_preferences: Preferences | None = None

        # -- security and backups ------------------------------------------------------
        self.idle_spin = QSpinBox()
        self.idle_spin.setRange(0, 24 * 60)
        self.idle_spin.setSuffix(self.tr(" minutes"))
        self.idle_spin.setSpecialValueText(self.tr("Never"))
        self.idle_spin.setAccessibleName(self.tr("Lock after idle minutes"))
        self.backup_spin = QSpinBox()
        self.backup_spin.setRange(0, 24 * 366)
        self.backup_spin.setSuffix(self.tr(" hours"))
        self.backup_spin.setSpecialValueText(self.tr("Off"))
        self.backup_spin.setAccessibleName(self.tr("Back up every so many hours"))
        working = QGroupBox(self.tr("While working"))
        working_form = QFormLayout(working)
        idle_label = QLabel(self.tr("&Lock when idle for:"))
        idle_label.setBuddy(self.idle_spin)
        backup_label = QLabel(self.tr("&Back up the database every:"))
        backup_label.setBuddy(self.backup_spin)
        working_form.addRow(idle_label, self.idle_spin)
        working_form.addRow(backup_label, self.backup_spin)
        working_form.addRow(_note(self.tr(
            "The idle lock and the backup interval apply from the next start. Backups are of the "
            "app's own database file, into the backups folder beside it.")))

        # -- database ------------------------------------------------------------------
        self.embedded_radio = QRadioButton(self.tr("The &embedded, encrypted file in the data folder"))
        self.server_radio = QRadioButton(self.tr("A team's Postgre&SQL server:"))
        self.database_group = QButtonGroup(self)
        self.database_group.addButton(self.embedded_radio)
        self.database_group.addButton(self.server_radio)
        self.url_edit = QLineEdit()
        # The words a reader fills in (user, host, database) are theirs to translate.
        self.url_edit.setPlaceholderText(self.tr("postgresql://USER@HOST:5432/DBNAME"))
        self.url_edit.setAccessibleName(self.tr("PostgreSQL server URL"))
        database = QGroupBox(self.tr("Database"))
        database_layout = QVBoxLayout(database)
        database_layout.addWidget(self.embedded_radio)
        database_layout.addWidget(self.server_radio)
        database_layout.addWidget(self.url_edit)
        database_layout.addWidget(_note(self.tr(
            "Used from the next start. --database and WORKBENCH_DATABASE, when given, still win. "
            "Put a password in ~/.pgpass rather than in the URL.")))

        # -- supervision policy --------------------------------------------------------
        self.interval_edit = QLineEdit()
        self.interval_edit.setAccessibleName(self.tr("How often workers are supervised"))
        policy = QGroupBox(self.tr("Supervision policy (Oversight)"))
        policy_layout = QGridLayout(policy)
        interval_label = QLabel(self.tr("&Workers are supervised:"))
        interval_label.setBuddy(self.interval_edit)
        policy_layout.addWidget(interval_label, 0, 0)
        policy_layout.addWidget(self.interval_edit, 0, 1, 1, 3)
        policy_layout.addWidget(QLabel(self.tr("Newly qualified workers (ASYE), from the start of "
                                               "their assessed year:")), 1, 0, 1, 4)
        self.stage_edits: list[tuple[QLineEdit, QLineEdit]] = []
        for number, _stage in enumerate(settings.preferences().asye_stages, start=1):
            every, until = QLineEdit(), QLineEdit()
            every.setAccessibleName(arg(self.tr("Stage %1: supervised every"), str(number)))
            until.setAccessibleName(arg(self.tr("Stage %1: until"), str(number)))
            # Alt+1, Alt+2 … go to each stage (a single digit: stages beyond 9 have none).
            every_label = QLabel(arg(self.tr("Stage %1: every"), f"&{number}" if number <= 9 else number))
            every_label.setBuddy(every)
            until_label = QLabel(self.tr("until"))
            until_label.setBuddy(until)
            row = number + 1
            policy_layout.addWidget(every_label, row, 0)
            policy_layout.addWidget(every, row, 1)
            policy_layout.addWidget(until_label, row, 2)
            policy_layout.addWidget(until, row, 3)
            self.stage_edits.append((every, until))
        policy_layout.addWidget(_note(self.tr(
            "Intervals in words: monthly, weekly, fortnightly, 10 days, 6 weeks, 6 months. After "
            "the last stage a newly qualified worker is supervised as everyone else is. The "
            "Oversight tab uses this policy at once.")), len(self.stage_edits) + 2, 0, 1, 4)

        self.error_label = problem_label()
        self.error_label.setAccessibleName(self.tr("Preferences problem"))
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel
                                        | QDialogButtonBox.StandardButton.RestoreDefaults)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        self.buttons.button(QDialogButtonBox.StandardButton.RestoreDefaults).clicked.connect(
            self.restore_defaults)

        layout = QVBoxLayout(self)
        for widget in (working, database, policy, self.error_label):
            layout.addWidget(widget)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.server_radio.toggled.connect(self.url_edit.setEnabled)
        self.show_preferences(settings.preferences())
        self.idle_spin.setFocus()

    def show_preferences(self, preferences: Preferences) -> None:
        self.idle_spin.setValue(preferences.idle_lock_minutes)
        self.backup_spin.setValue(preferences.backup_interval_hours)
        server = bool(preferences.database_url)
        self.server_radio.setChecked(server)
        self.embedded_radio.setChecked(not server)
        self.url_edit.setText(preferences.database_url)
        self.url_edit.setEnabled(server)
        self.interval_edit.setText(preferences.supervision_interval)
        for (every, until), (until_text, every_text) in zip(self.stage_edits,
                                                            preferences.asye_stages, strict=False):
            every.setText(every_text)
            until.setText(until_text)

    def restore_defaults(self) -> None:
        """The defaults in the form (saved only with OK)."""
        stages = REGISTRY["asye_stages"].default
        self.show_preferences(Preferences(
            database_url=REGISTRY["database_url"].default,
            idle_lock_minutes=REGISTRY["idle_lock_minutes"].default,
            backup_interval_hours=REGISTRY["backup_interval_hours"].default,
            supervision_interval=REGISTRY["supervision_interval"].default,
            asye_stages=tuple((s["until"], s["every"]) for s in stages)))

    def preferences(self) -> Preferences:
        """What the form says now (not yet checked)."""
        return Preferences(
            database_url=self.url_edit.text().strip() if self.server_radio.isChecked() else "",
            idle_lock_minutes=self.idle_spin.value(),
            backup_interval_hours=self.backup_spin.value(),
            supervision_interval=self.interval_edit.text().strip(),
            asye_stages=tuple((until.text().strip(), every.text().strip())
                              for every, until in self.stage_edits))

    def save(self) -> None:
        preferences = self.preferences()
        if self.server_radio.isChecked() and not preferences.database_url:
            self._show_problem(self.tr("Type the PostgreSQL server's URL, or choose the embedded file."))
            self.url_edit.setFocus()
            return
        try:
            self.settings.save_preferences(preferences)
        except SettingsError as error:
            self._show_problem(arg(self.tr("Nothing was saved: %1. Correct it and press OK again."),
                                   "; ".join(translated(problem) for problem in error.problems)))
            return
        except OSError as error:
            self._show_problem(arg(self.tr("The preferences could not be saved in %1 (%2). Check that "
                                           "the folder exists and you may write to it."),
                                   self.settings.path, error.strerror or error))
            return
        self.result_preferences = self.settings.preferences()
        self.saved.emit(self.result_preferences)
        self.accept()

    def _show_problem(self, message: str) -> None:
        self.error_label.setText(message)
        self.error_label.show()
