"""The worries step: each worry carried forward is kept, reworded or closed with a reason;
new ones are added (the set's nudge shows when more are open than it advises)."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QCheckBox, QFrame, QGridLayout, QHBoxLayout, QVBoxLayout, QWidget

from ui.supervision.state import SessionState
from ui.supervision.step_base import StepWidget, reconcile
from ui.supervision.widgets import Notice, help_label, line_box, shortcut_button, text_box, wrapped_label
from workbench.supervision.views import DiscussionView, WorryView


class WorryRow(QFrame):
    """One worry: its statement and goal (typing rewords it), and close (or remove)."""

    def __init__(self, step: WorriesStep, worry: WorryView, number: int) -> None:
        super().__init__()
        self.step = step
        self.worry_id = worry.id
        spec = step.state.question_set.worries
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.heading = wrapped_label(bold=True)
        self.statement = text_box(f"{spec.statement_label} {number}", lines=2, text=worry.danger_statement,
                                  placeholder=spec.statement_help)
        self.goal = text_box(f"{spec.goal_label} {number}", lines=2, text=worry.safety_goal,
                             placeholder=spec.goal_help)
        self.close_check = QCheckBox(self.tr("Close it: this is no longer a worry"))
        self.close_check.setAccessibleName(self.tr("Close %1 %2").replace("%1", spec.statement_label.lower())
                                           .replace("%2", str(number)))
        self.reason = line_box(self.tr("Why %1 %2 is closed").replace("%1", spec.statement_label.lower())
                               .replace("%2", str(number)),
                               placeholder=self.tr("Why it is closed"), text=worry.closed_reason or "")
        self.remove_button = shortcut_button(self.tr("Remove"), tip=self.tr("Remove this new %1")
                                             .replace("%1", spec.statement_label.lower()))
        self.remove_button.setAccessibleName(self.tr("Remove %1 %2")
                                             .replace("%1", spec.statement_label.lower())
                                             .replace("%2", str(number)))
        grid = QGridLayout(self)
        grid.addWidget(self.heading, 0, 0, 1, 2)
        statement_label = wrapped_label(spec.statement_label, buddy=self.statement)
        goal_label = wrapped_label(spec.goal_label, buddy=self.goal)
        grid.addWidget(statement_label, 1, 0)
        grid.addWidget(goal_label, 1, 1)
        grid.addWidget(self.statement, 2, 0)
        grid.addWidget(self.goal, 2, 1)
        closing = QHBoxLayout()
        closing.addWidget(self.close_check)
        closing.addWidget(self.reason, 1)
        closing.addWidget(self.remove_button)
        grid.addLayout(closing, 3, 0, 1, 2)
        self._show_state(worry, number)

        state = step.state
        did, wid = step.discussion_id, worry.id
        autosave = state.autosave
        # Saved rewordings are read back: the heading says the worry was reworded here.
        autosave.bind_text(self.statement, lambda text: _reword(state, did, wid, danger_statement=text),
                           key=("worry", wid, "statement"), on_saved=lambda _r: step.changed())
        autosave.bind_text(self.goal, lambda text: _reword(state, did, wid, safety_goal=text),
                           key=("worry", wid, "goal"), on_saved=lambda _r: step.changed())
        autosave.bind(self.close_check, self.close_check.toggled, self._closing,
                      lambda value: _close(state, did, wid, *value), key=("worry", wid, "close"),
                      immediate=True, on_saved=lambda _r: step.changed())
        autosave.bind(self.reason, self.reason.textChanged, self._closing,
                      lambda value: _close(state, did, wid, *value), key=("worry", wid, "close"))
        self.close_check.toggled.connect(self.reason.setEnabled)
        self.remove_button.clicked.connect(lambda: step.remove(wid))

    def _closing(self) -> tuple[bool, str]:
        return self.close_check.isChecked(), self.reason.text()

    def _show_state(self, worry: WorryView, number: int) -> None:
        terms = self.step.state.question_set.terms
        noun = terms.worry[:1].upper() + terms.worry[1:]
        if worry.opened_here:
            heading = self.tr("%1 %2 (new in this session)")
        elif worry.reworded_here:
            heading = self.tr("%1 %2 (carried forward, reworded)")
        else:
            heading = self.tr("%1 %2 (carried forward)")
        self.heading.setText(heading.replace("%1", noun).replace("%2", str(number)))
        self.close_check.setVisible(not worry.opened_here)
        self.reason.setVisible(not worry.opened_here)
        self.remove_button.setVisible(worry.opened_here)
        self.close_check.blockSignals(True)
        self.close_check.setChecked(worry.closed_here)
        self.close_check.blockSignals(False)
        self.reason.setEnabled(worry.closed_here)

    def show_worry(self, worry: WorryView, number: int) -> None:
        self._show_state(worry, number)


def _reword(state: SessionState, discussion_id: int, worry_id: int, **text: str) -> Any:
    from workbench.supervision.worries import reword_worry

    return reword_worry(state.ctx, discussion_id, worry_id, **text)


def _close(state: SessionState, discussion_id: int, worry_id: int, closed: bool, reason: str) -> Any:
    from workbench.supervision.worries import close_worry, reopen_worry

    if closed:
        return close_worry(state.ctx, discussion_id, worry_id, reason)
    return reopen_worry(state.ctx, discussion_id, worry_id)


class WorriesStep(StepWidget):
    def __init__(self, state: SessionState, discussion_id: int, parent: QWidget | None = None) -> None:
        super().__init__(state, discussion_id, parent)
        spec = state.question_set.worries
        noun = state.question_set.terms.worry
        self.layout_.addWidget(help_label(spec.help))
        self.nudge = Notice()
        self.layout_.addWidget(self.nudge)
        self.empty_label = wrapped_label(self.tr("No %1 is open for this child yet: add one.")
                                         .replace("%1", noun))
        self.layout_.addWidget(self.empty_label)
        self.rows_box = QVBoxLayout()
        self.layout_.addLayout(self.rows_box)
        self.add_button = shortcut_button(self.tr("&Add %1").replace("%1", noun))
        self.add_button.clicked.connect(self.add)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addStretch(1)
        self.layout_.addLayout(buttons)
        self.layout_.addStretch(1)
        self.rows: dict[int, WorryRow] = {}
        self._focus_new = False
        self.refresh(self.view)

    def _numbered(self, view: DiscussionView) -> dict[int, tuple[WorryView, int]]:
        return {w.id: (w, number) for number, w in enumerate(view.worries, start=1)}

    def refresh(self, view: DiscussionView) -> None:
        numbered = self._numbered(view)
        new = reconcile(self.rows, list(numbered), lambda wid: WorryRow(self, *numbered[wid]),
                        self.rows_box, self.state.autosave.release)
        for wid, row in self.rows.items():
            row.show_worry(*numbered[wid])
        self.empty_label.setVisible(not view.worries)
        self.nudge.set_text(view.worry_warning)
        if new and self._focus_new:
            self._focus_new = False
            self.rows[new[-1]].statement.setFocus()

    def first_input(self) -> QWidget | None:
        if self.rows:
            return next(iter(self.rows.values())).statement
        return self.add_button

    def add(self) -> None:
        from workbench.supervision.worries import add_worry

        self.state.autosave.flush()
        self._focus_new = True
        did = self.discussion_id
        self.write(lambda ctx: add_worry(ctx, did), on_done=lambda _added: self.changed())

    def remove(self, worry_id: int) -> None:
        from workbench.supervision.worries import remove_worry

        row = self.rows.get(worry_id)
        if row is not None:
            self.state.autosave.release(row)
        did = self.discussion_id
        self.write(lambda ctx: remove_worry(ctx, did, worry_id), on_done=lambda _r: self.changed())

    def changed(self) -> None:
        self.state.refresh_discussion(self.discussion_id)

