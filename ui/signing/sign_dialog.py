"""The sign dialog: one for each sign-off step (sign, countersign, record disagreement, addendum).

It shows what is being signed (worker, meeting date, children, the content hash), asks for a
passphrase only where no secure keyring holds the key's, and signs on the task runner with a
busy bar. A wrong passphrase says so and changes nothing. Someone with no signing identity is
offered one from the organisation's signing authority where this computer can issue it, else a
clearly labelled self-issued one (not trusted). Opens with ``open()``, deletes itself on close;
the typed result is :attr:`SignDialog.outcome` and the ``signed(SignOutcome)`` signal.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from db.enums import SessionKind
from ui.dialogs.task_dialog import problem_label
from ui.i18n import arg, message_of, translate
from ui.models.caseload_model import format_date
from ui.tasks import CancelCheck, ProgressFn
from workbench import timefmt
from workbench.signing.desk import (
    SignFacts,
    SignPlan,
    Step,
    create_identity,
    draw_plan_charts,
    prepare_plan,
    run_step,
)

if TYPE_CHECKING:
    from ui.services import AppServices


@dataclass(frozen=True)
class SignOutcome:
    """The dialog's result: which step, on which session, and the signature (or addendum) id."""

    step: Step
    session_id: int
    made_id: int

_TITLES = {Step.SIGN: "Sign as supervisor", Step.COUNTERSIGN: "Countersign the note",
           Step.DISAGREE: "Record disagreement", Step.ADDENDUM: "Add a signed addendum"}
_BUTTONS = {Step.SIGN: "&Sign", Step.COUNTERSIGN: "Counter&sign",
            Step.DISAGREE: "&Sign my disagreement", Step.ADDENDUM: "&Sign the addendum"}


class SignDialog(QDialog):
    """``signed(SignOutcome)`` follows a signature that was made and stored."""

    signed = Signal(object)

    def __init__(self, services: AppServices, session_id: int, step: Step,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.services = services
        self.session_id = session_id
        self.step = step
        self.signer_id = services.actor_id
        self.facts: SignFacts | None = None
        # What the signer is shown and what is signed: read once when the dialog opens.
        self.plan: SignPlan | None = None
        self.outcome: SignOutcome | None = None
        self._busy = False
        self.setWindowTitle(self.tr(_TITLES[step]))

        self.what_label = QLabel(self.tr("Reading the session…"))
        self.what_label.setWordWrap(True)
        self.what_label.setAccessibleName(self.tr("What is being signed"))
        self.hash_label = QLabel()
        self.hash_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.hash_label.setAccessibleName(self.tr("Content hash"))
        self.hash_label.setStyleSheet("font-family: monospace;")
        self.hash_label.setWordWrap(True)
        # What a disagreement or addendum concerns: one child, or the session as a whole. Only
        # that child's extract shows it; a session-wide one stays in the supervision file copy.
        self.concerns_label = QLabel(self.tr("It &concerns:"))
        self.concerns_combo = QComboBox()
        self.concerns_combo.setPlaceholderText(self.tr("Choose the child, or the whole session"))
        self.concerns_combo.setAccessibleName(self.tr("Which child it concerns"))
        self.concerns_label.setBuddy(self.concerns_combo)
        self.text_label = QLabel()
        self.text_edit = QPlainTextEdit()
        self.text_edit.setTabChangesFocus(True)
        self.identity_label = QLabel()
        self.identity_label.setWordWrap(True)
        self.identity_button = QPushButton(self.tr("Create my signing &identity"))
        self.passphrase_label = QLabel(self.tr("Signing key &passphrase:"))
        self.passphrase_edit = QLineEdit()
        self.passphrase_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase_edit.setAccessibleName(self.tr("Signing key passphrase"))
        self.passphrase_label.setBuddy(self.passphrase_edit)
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)
        self.progress.setAccessibleName(self.tr("Signing"))
        self.progress.hide()
        self.error_label = problem_label()
        self.error_label.setAccessibleName(self.tr("Signing problem"))
        self.buttons = QDialogButtonBox()
        self.sign_button = self.buttons.addButton(self.tr(_BUTTONS[step]),
                                                  QDialogButtonBox.ButtonRole.AcceptRole)
        self.cancel_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self._build_layout()
        self.sign_button.clicked.connect(self.start_signing)
        self.cancel_button.clicked.connect(self.reject)
        self.identity_button.clicked.connect(self.create_identity)
        self.sign_button.setEnabled(False)
        self._load()

    def _build_layout(self) -> None:
        form = QFormLayout()
        form.addRow(self.what_label)
        form.addRow(self.tr("Content hash (SHA-256):"), self.hash_label)
        if self.step in (Step.DISAGREE, Step.ADDENDUM):
            self.text_label.setText(self.tr("What you &disagree with, in your own words:")
                                    if self.step is Step.DISAGREE
                                    else self.tr("The &correction or addition:"))
            self.text_label.setBuddy(self.text_edit)
            self.text_edit.setAccessibleName(self.text_label.text().replace("&", "").rstrip(":"))
            self.text_edit.setMinimumHeight(self.fontMetrics().height() * 7)
            form.addRow(self.concerns_label, self.concerns_combo)
            form.addRow(self.text_label)
            form.addRow(self.text_edit)
        else:
            self.text_edit.hide()
            self.concerns_label.hide()
            self.concerns_combo.hide()
        form.addRow(self.identity_label)
        form.addRow("", self.identity_button)
        form.addRow(self.passphrase_label, self.passphrase_edit)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.progress)
        layout.addWidget(self.error_label)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("x" * 70))
        for widget in (self.identity_label, self.identity_button, self.passphrase_label,
                       self.passphrase_edit):
            widget.hide()
        self.sign_button.setDefault(True)

    # -- reading ---------------------------------------------------------------------------
    def _load(self) -> None:
        services, session_id, signer_id = self.services, self.session_id, self.signer_id
        if signer_id is None:
            self._show_problem(self.tr("Sign in first: a signature names the person who makes it."))
            return
        step = self.step
        # One read: the facts shown, the content whose SHA-256 is shown and signed, the charts.
        services.runner.run(lambda _p, _c: prepare_plan(services.signoff, step, session_id, signer_id),
                            on_success=self._show_plan, on_failure=self._failed, owner=self,
                            name="prepare signing")

    def _show_plan(self, plan: SignPlan) -> None:
        self.plan = plan
        facts = self.facts = plan.facts
        if plan.charts is not None:  # drawn while the passphrase is typed (no database)
            self.services.runner.run(lambda _p, _c: draw_plan_charts(plan), owner=self,
                                     name="draw the note's charts")
        local = timefmt.local(facts.meeting_at)
        children = translate("SignDialog", "%n child(ren)", None, facts.children)
        if facts.kind is SessionKind.GROUP_CONSULTATION:
            what = {Step.SIGN: self.tr("You are approving, as facilitator, the consultation note"),
                    Step.COUNTERSIGN: self.tr("You are countersigning, as presenter, the consultation note"),
                    Step.DISAGREE: self.tr("You are recording your disagreement with the consultation note"),
                    Step.ADDENDUM: self.tr("You are adding a correction to the signed consultation note")}
            if self.step is Step.SIGN:
                self.setWindowTitle(self.tr("Sign as facilitator"))
        else:
            what = {Step.SIGN: self.tr("You are approving the supervision note"),
                    Step.COUNTERSIGN: self.tr("You are countersigning the supervision note"),
                    Step.DISAGREE: self.tr("You are recording your disagreement with the supervision note"),
                    Step.ADDENDUM: self.tr("You are adding a correction to the signed supervision note")}
        self.what_label.setText(arg(self.tr("%1 of %2 with %3, meeting on %4 at %5 (%6 discussed). "
                                            "Signing as %7."),
                                    what[self.step], facts.worker_name, facts.supervisor_name,
                                    format_date(local.date()), f"{local:%H:%M}", children, facts.signer_name))
        self.hash_label.setText(facts.content_sha256)
        self._fill_concerns(facts)
        if not facts.keyring_secure:
            self._ask_passphrase(None)
        if not facts.has_identity:
            self.identity_label.setText(self._no_identity_text(facts) + (
                "" if facts.keyring_secure else " " + self.tr(
                    "There is no secure keyring here: the passphrase you type protects the new "
                    "key (at least 8 characters); keep it safe.")))
            if not facts.authority_can_issue:
                self.identity_button.setText(self.tr("Create a self-issued &identity (not trusted)"))
            self.identity_label.show()
            self.identity_button.show()
            self.identity_button.setFocus()
        else:
            if not facts.identity_trusted:
                self.identity_label.setText(self.tr(
                    "Your signing identity is self-issued: your signature will show as intact but "
                    "not \"trusted\". Ask an admin to issue you one from the organisation's "
                    "signing authority."))
                self.identity_label.show()
            self.sign_button.setEnabled(True)
            self._focus_first()

    def _fill_concerns(self, facts: SignFacts) -> None:
        """The children discussed, then the whole session; nothing chosen until the signer
        chooses (what reaches a child's file is a decision, not a default)."""
        self.concerns_combo.clear()
        for discussion_id, label in facts.discussions:
            self.concerns_combo.addItem(arg(self.tr("%1 only"), label), discussion_id)
        self.concerns_combo.addItem(self.tr("The session as a whole (not on any child's file)"), 0)
        self.concerns_combo.setCurrentIndex(-1)

    @property
    def concerns(self) -> int | None:
        """The case discussion chosen, or None for the whole session (-1: not chosen yet)."""
        if self.concerns_combo.currentIndex() < 0:
            return -1
        value = self.concerns_combo.currentData()
        return int(value) or None
    def _no_identity_text(self, facts: SignFacts) -> str:
        if facts.authority_can_issue:
            return self.tr("You have no signing identity yet. Create one now: a new key with a "
                           "certificate issued by your organisation's signing authority, so your "
                           "signatures show as \"trusted\".")
        if facts.has_authority:
            return self.tr("You have no signing identity yet. Ask an admin to issue you one from the "
                           "organisation's signing authority (signatures then show as \"trusted\"), "
                           "or, only if you must sign now, create a self-issued one: signatures made "
                           "with it show as intact but not \"trusted\".")
        return self.tr("You have no signing identity yet, and this organisation has no signing "
                       "authority. You can create a self-issued identity now: signatures made with it "
                       "show as intact but not \"trusted\". An admin creates the authority once "
                       "(File > Signing authority…) and then issues identities that are trusted.")

    def _focus_first(self) -> None:
        if self.concerns_combo.isVisible():
            self.concerns_combo.setFocus()
        elif self.text_edit.isVisible():
            self.text_edit.setFocus()
        elif self.passphrase_edit.isVisible():
            self.passphrase_edit.setFocus()
        else:
            self.sign_button.setFocus()

    def _ask_passphrase(self, message: str | None) -> None:
        self.passphrase_label.show()
        self.passphrase_edit.show()
        if message:
            self._show_problem(message)
        self.passphrase_edit.selectAll()
        self.passphrase_edit.setFocus()

    # -- creating an identity --------------------------------------------------------------
    def create_identity(self) -> None:
        services, signer_id = self.services, self.signer_id
        if signer_id is None or self._busy:
            return
        passphrase = self.passphrase_edit.text() or None
        self._set_busy(True, self.tr("Creating your signing identity…"))
        services.runner.run(lambda _p, _c: create_identity(services.signoff, signer_id, passphrase),
                            on_success=self._identity_made, on_failure=self._failed, owner=self,
                            name="create signing identity")

    def _identity_made(self, _fingerprint: str) -> None:
        self._set_busy(False)
        self.identity_label.hide()
        self.identity_button.hide()
        self._load()

    # -- signing ---------------------------------------------------------------------------
    def start_signing(self) -> None:
        if self._busy or self.plan is None:
            return
        text = self.text_edit.toPlainText()
        if self.step in (Step.DISAGREE, Step.ADDENDUM) and not text.strip():
            self._show_problem(self.tr("Write the text first: it is signed with the note."))
            self.text_edit.setFocus()
            return
        discussion_id = self.concerns if self.step in (Step.DISAGREE, Step.ADDENDUM) else None
        if discussion_id == -1:
            self._show_problem(self.tr("Choose which child it concerns, or the session as a whole: "
                                       "only that child's file will show it."))
            self.concerns_combo.setFocus()
            return
        services, plan = self.services, self.plan
        passphrase = self.passphrase_edit.text() if self.passphrase_edit.isVisible() else None

        def work(progress: ProgressFn, is_cancelled: CancelCheck) -> int:
            return run_step(services.signoff, plan, passphrase=passphrase or None, text=text,
                            discussion_id=discussion_id)

        self._set_busy(True, self.tr("Signing…"))
        services.runner.run(work, on_success=self._signed, on_failure=self._failed, owner=self,
                            name=f"sign-off {plan.step.value}")

    def _signed(self, made_id: int) -> None:
        self._set_busy(False)
        self.outcome = SignOutcome(self.step, self.session_id, made_id)
        self.signed.emit(self.outcome)
        self.accept()

    def _failed(self, error: Exception) -> None:
        from ui.problems import explain
        from workbench.errors import PassphraseRequired, WrongPassphrase

        self._set_busy(False)
        if isinstance(error, PassphraseRequired | WrongPassphrase):
            self.passphrase_edit.clear()
            self._ask_passphrase(message_of(error))
        else:
            self._show_problem(explain(error, self.tr("Nothing was signed")).message)

    def _show_problem(self, message: str) -> None:
        self.error_label.setText(message)
        self.error_label.show()

    def _set_busy(self, busy: bool, text: str = "") -> None:
        self._busy = busy
        self.progress.setVisible(busy)
        self.progress.setFormat(text)
        self.progress.setTextVisible(bool(text))
        if busy:
            self.error_label.hide()
        self.sign_button.setEnabled(not busy and self.facts is not None and self.facts.has_identity)
        for widget in (self.passphrase_edit, self.text_edit, self.identity_button, self.cancel_button,
                       self.concerns_combo):
            widget.setEnabled(not busy)

    def reject(self) -> None:
        if self._busy:  # a signature being written is not abandoned halfway
            return
        super().reject()
