"""The actions of a child's discussion, on two steps of the mapping order: last session's open
actions reviewed first (done, carried, dropped with a reason), and at the end the actions
agreed now: what, who, by when."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QComboBox, QFrame, QGridLayout, QHBoxLayout, QVBoxLayout, QWidget

from db.enums import ActionStatus
from ui.i18n import arg
from ui.models.caseload_model import format_date
from ui.supervision.state import SessionState
from ui.supervision.step_base import StepWidget, reconcile
from ui.supervision.widgets import (
    OptionalDateEdit,
    help_label,
    line_box,
    shortcut_button,
    wrapped_label,
)
from workbench.supervision.safety_plan import MEMBER_LINK, PLAN_LINK
from workbench.supervision.safety_view import CaseSafety
from workbench.supervision.views import ActionView, DiscussionView


def _review(state: SessionState, discussion_id: int, action_id: int,
            outcome: ActionStatus | None, reason: str) -> Any:
    from workbench.supervision.actions import review_action

    return review_action(state.ctx, discussion_id, action_id, outcome, reason)


def _update(state: SessionState, action_id: int, **values: Any) -> Any:
    from workbench.supervision.actions import update_action

    return update_action(state.ctx, action_id, **values)


class ReviewRow(QFrame):
    """An open action from an earlier session, and what became of it."""

    def __init__(self, step: ActionsStep, action: ActionView, number: int) -> None:
        super().__init__()
        state = step.state
        self.setFrameShape(QFrame.Shape.StyledPanel)
        today = state.view.today
        due = format_date(action.due_date) if action.due_date else self.tr("no date")
        overdue = self.tr(" (overdue)") if action.due_date and action.due_date < today else ""
        summary = arg(self.tr("%1 — %2, by %3%4"), action.description or self.tr("(untitled)"),
                      action.owner_name or self.tr("nobody named"), due, overdue)
        self.outcome = QComboBox()
        self.outcome.setAccessibleName(arg(self.tr("Outcome of earlier action %1"), str(number)))
        self.outcome.setAccessibleDescription(summary)
        for text, value in ((self.tr("Not reviewed yet"), None), (self.tr("Done"), ActionStatus.DONE),
                            (self.tr("Carried forward"), ActionStatus.CARRIED),
                            (self.tr("Dropped"), ActionStatus.DROPPED)):
            self.outcome.addItem(text, value)
        reviewed = action.reviewed_in_id == step.discussion_id
        self.outcome.setCurrentIndex(self.outcome.findData(action.status) if reviewed else 0)
        self.reason = line_box(arg(self.tr("Why earlier action %1 was dropped"), str(number)),
                               placeholder=self.tr("Why it was dropped"),
                               text=action.status_reason if reviewed else "")
        grid = QGridLayout(self)
        grid.addWidget(wrapped_label(f"{number}. {summary}", buddy=self.outcome), 0, 0, 1, 2)
        grid.addWidget(self.outcome, 1, 0)
        grid.addWidget(self.reason, 1, 1)
        grid.setColumnStretch(1, 1)
        self._reason_shown()
        self.outcome.currentIndexChanged.connect(self._reason_shown)
        did, aid = step.discussion_id, action.id

        def getter() -> tuple[ActionStatus | None, str]:
            return self.chosen_outcome(), self.reason.text()

        def save(value: tuple[ActionStatus | None, str]) -> Any:
            return _review(state, did, aid, *value)

        state.autosave.bind(self.outcome, self.outcome.currentIndexChanged, getter, save,
                            key=("review", aid), immediate=True, on_saved=lambda _r: step.changed())
        state.autosave.bind(self.reason, self.reason.textChanged, getter, save, key=("review", aid))

    def chosen_outcome(self) -> ActionStatus | None:
        # Qt hands a str-based enum back as plain text: make it the enum again.
        value = self.outcome.currentData()
        return None if value is None else ActionStatus(value)

    def _reason_shown(self) -> None:
        self.reason.setEnabled(self.chosen_outcome() is ActionStatus.DROPPED)


class ActionRow(QFrame):
    """An action agreed in this discussion."""

    def __init__(self, step: ActionsStep, action: ActionView, number: int) -> None:
        super().__init__()
        state = step.state
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.what = line_box(arg(self.tr("What will happen (action %1)"), str(number)),
                             text=action.description, placeholder=self.tr("What will happen"))
        self.who = line_box(arg(self.tr("Who (action %1)"), str(number)), text=action.owner_name,
                            placeholder=self.tr("Who will do it"))
        self.when = OptionalDateEdit(arg(self.tr("By when (action %1)"), str(number)),
                                     action.due_date, today=state.view.today)
        self.remove_button = shortcut_button(self.tr("Remove"))
        self.remove_button.setAccessibleName(arg(self.tr("Remove action %1"), str(number)))
        grid = QGridLayout(self)
        carried = self.tr(" (carried forward)") if action.carried_from_id is not None else ""
        grid.addWidget(wrapped_label(arg(self.tr("Action %1%2"), str(number), carried),
                                     buddy=self.what, bold=True), 0, 0, 1, 4)
        grid.addWidget(self.what, 1, 0)
        grid.addWidget(wrapped_label(self.tr("Who:"), buddy=self.who), 1, 1)
        grid.addWidget(self.who, 1, 2)
        grid.addWidget(wrapped_label(self.tr("By when:"), buddy=self.when), 1, 3)
        grid.addWidget(self.when, 1, 4)
        grid.addWidget(self.remove_button, 1, 5)
        grid.setColumnStretch(0, 3)
        grid.setColumnStretch(2, 1)
        aid = action.id
        state.autosave.bind_text(
            self.what,
            lambda text, seen: _update(state, aid, description=text, expected={"description": seen}),
            key=("action", aid, "what"), seen=True)
        state.autosave.bind_text(
            self.who, lambda text, seen: _update(state, aid, owner_name=text, expected={"owner_name": seen}),
            key=("action", aid, "who"), seen=True)
        state.autosave.bind(self.when, self.when.dateChanged, self.when.date_value,
                            lambda value: _update(state, aid, due_date=value), key=("action", aid, "when"))
        self.remove_button.clicked.connect(lambda: step.remove(aid))
        # What the action is about: the safety plan or a network member (choices come with the
        # safety panel's read, set_choices).
        self.about = QComboBox()
        self.about.setAccessibleName(arg(self.tr("What action %1 is about"), str(number)))
        self.about.addItem(self.tr("Not about the safety plan or the network"), None)
        grid.addWidget(wrapped_label(self.tr("About:"), buddy=self.about), 2, 1)
        grid.addWidget(self.about, 2, 2, 1, 3)
        self.about.activated.connect(lambda _index: step.link(aid, self.about.currentData()))
        self.action_id = aid

    def set_choices(self, data: CaseSafety) -> None:
        """The safety plan and the child's current network, with this action's link chosen."""
        self.about.clear()
        self.about.addItem(self.tr("Not about the safety plan or the network"), None)
        self.about.addItem(self.tr("The safety plan"), PLAN_LINK)
        for member in data.picture.current_members:
            self.about.addItem(arg(self.tr("Network: %1"), member.label),
                               f"{MEMBER_LINK}{member.id}")
        chosen = data.action_links.get(self.action_id)
        self.about.setCurrentIndex(max(0, self.about.findData(chosen)) if chosen else 0)


class ActionsStep(StepWidget):
    """``review`` True: the step that reviews earlier actions; False: the actions agreed now."""

    def __init__(self, state: SessionState, discussion_id: int, *, review: bool = False,
                 parent: QWidget | None = None) -> None:
        super().__init__(state, discussion_id, parent)
        self.review = review
        spec = state.question_set.actions
        if review:
            self.layout_.addWidget(help_label(self.tr(
                "What became of the actions agreed last time: done, carried forward, or dropped "
                "(and why). A carried action is copied into this session's actions.")))
        elif spec.help:
            self.layout_.addWidget(help_label(spec.help))
        self.review_title = wrapped_label(self.tr("Actions from earlier sessions"), bold=True)
        self.layout_.addWidget(self.review_title)
        self.review_box = QVBoxLayout()
        self.layout_.addLayout(self.review_box)
        self.agreed_title = wrapped_label(self.tr("Actions agreed now"), bold=True)
        if review:
            self.agreed_title.hide()  # (never show() a widget before it has a parent: a window)
        self.layout_.addWidget(self.agreed_title)
        self.rows_box = QVBoxLayout()
        self.layout_.addLayout(self.rows_box)
        self.add_button = shortcut_button(self.tr("Add &action"))
        self.add_button.clicked.connect(self.add)
        if review:
            self.add_button.hide()
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addStretch(1)
        self.layout_.addLayout(buttons)
        self.layout_.addStretch(1)
        self.reviews: dict[int, ReviewRow] = {}
        self.rows: dict[int, ActionRow] = {}
        self.safety: CaseSafety | None = None
        self._focus_new = False
        self.refresh(self.view)

    def refresh(self, view: DiscussionView) -> None:
        to_review = ({a.id: (a, n) for n, a in enumerate(view.actions_to_review, start=1)}
                     if self.review else {})
        reconcile(self.reviews, list(to_review), lambda aid: ReviewRow(self, *to_review[aid]),
                  self.review_box, self.state.autosave.release)
        self.review_title.setVisible(bool(to_review))
        agreed = {} if self.review else {a.id: (a, n) for n, a in enumerate(view.actions, start=1)}
        new = reconcile(self.rows, list(agreed), lambda aid: ActionRow(self, *agreed[aid]),
                        self.rows_box, self.state.autosave.release)
        if self.safety is not None:
            for action_id in new:
                self.rows[action_id].set_choices(self.safety)
        if new and self._focus_new:
            self._focus_new = False
            self.rows[new[-1]].what.setFocus()

    def first_input(self) -> QWidget | None:
        if self.reviews:
            return next(iter(self.reviews.values())).outcome
        if self.rows:
            return next(iter(self.rows.values())).what
        return None if self.review else self.add_button

    def add(self) -> None:
        from workbench.supervision.actions import add_action

        self.state.autosave.flush()
        self._focus_new = True
        did = self.discussion_id
        self.write(lambda ctx: add_action(ctx, did), on_done=lambda _id: self.changed())

    def remove(self, action_id: int) -> None:
        from workbench.supervision.actions import remove_action

        row = self.rows.get(action_id)
        if row is not None:
            self.state.autosave.release(row)
        self.write(lambda ctx: remove_action(ctx, action_id), on_done=lambda _r: self.changed())

    def changed(self) -> None:
        self.state.refresh_discussion(self.discussion_id)

    def set_safety(self, data: CaseSafety) -> None:
        """The child's safety plan and network, for each action's "about" choice."""
        self.safety = data
        for row in self.rows.values():
            row.set_choices(data)

    def link(self, action_id: int, about: str | None) -> None:
        from workbench.supervision.safety_plan import link_action

        if self.safety is not None:
            if about is None:
                self.safety.action_links.pop(action_id, None)
            else:
                self.safety.action_links[action_id] = about
        self.write(lambda ctx: link_action(ctx, action_id, about))
