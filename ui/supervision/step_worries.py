"""The danger statements step and the safety goals step (in the set's own words).

On the first, each worry carried forward is kept, reworded or closed with a reason, and new
ones are added (the set's nudge shows when more are open than it advises). On the second, each
open worry gets its goal. A set that writes worries in parts (version 3 on) shows a box per
part and which required parts are still empty (advice: it never stops saving or signing); a
worry first written as one sentence shows that sentence while its parts are written.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from ui.i18n import arg
from ui.supervision.state import SessionState
from ui.supervision.step_base import StepWidget, reconcile
from ui.supervision.widgets import Notice, help_label, line_box, shortcut_button, text_box, wrapped_label
from workbench.supervision.completeness import worry_gaps_of
from workbench.supervision.views import DiscussionView, WorryView
from workbench.supervision.worry_parts import GOAL_PARTS, STATEMENT_PARTS, WorryPart

STATEMENTS, GOALS = "statements", "goals"


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


class WorryRow(QFrame):
    """One worry on one of the two steps: its statement (or its goal) as parts or as one text."""

    def __init__(self, step: WorriesStep, worry: WorryView, number: int) -> None:
        super().__init__()
        self.step = step
        self.worry_id = worry.id
        self.mode = step.mode
        qs = step.state.question_set
        spec = qs.worries
        self.setFrameShape(QFrame.Shape.StyledPanel)
        layout = QVBoxLayout(self)
        self.heading = wrapped_label(bold=True)
        layout.addWidget(self.heading)
        self.about = help_label("")  # the goals step: the statement this goal answers
        layout.addWidget(self.about)
        self.earlier = help_label("")  # the one-sentence wording written before the parts
        layout.addWidget(self.earlier)
        self.gaps = Notice()
        layout.addWidget(self.gaps)

        label, noun = ((spec.statement_label, spec.statement_help) if self.mode == STATEMENTS
                       else (spec.goal_label, spec.goal_help))
        parts = spec.statement_parts if self.mode == STATEMENTS else spec.goal_parts
        self.parts: dict[str, QPlainTextEdit] = {}
        self.part_labels: dict[str, QLabel] = {}
        self.text: QPlainTextEdit | None = None
        state = step.state
        did, wid = step.discussion_id, worry.id
        autosave = state.autosave
        if parts:
            form = QFormLayout()
            form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
            for part in parts:
                box = text_box(f"{part.label} ({label} {number})", lines=1, placeholder=part.help,
                               text=worry.parts.get(part.id, ""))
                # A line or two each: the parts are short, and all of them should fit in view.
                box.setFixedHeight(box.fontMetrics().lineSpacing() * 2 + 14)
                part_label = wrapped_label(part.label, buddy=box)
                form.addRow(part_label, box)
                self.parts[part.id] = box
                self.part_labels[part.id] = part_label
                autosave.bind_text(box, self._part_saver(state, did, wid, part.id),
                                   key=("worry", wid, part.id), on_saved=lambda _r: step.changed(),
                                   seen=True)
            layout.addLayout(form)
        else:
            text = worry.danger_statement if self.mode == STATEMENTS else worry.safety_goal
            self.text = text_box(f"{label} {number}", lines=2, text=text, placeholder=noun)
            layout.addWidget(wrapped_label(label, buddy=self.text))
            layout.addWidget(self.text)
            field = "danger_statement" if self.mode == STATEMENTS else "safety_goal"
            autosave.bind_text(self.text, lambda value, seen: _reword(state, did, wid, **{field: value},
                                                                      expected={field: seen}),
                               key=("worry", wid, field), on_saved=lambda _r: step.changed(), seen=True)

        self.close_check: QCheckBox | None = None
        self.remove_button = None
        if self.mode == STATEMENTS:
            noun_lower = spec.statement_label.lower()
            self.close_check = QCheckBox(self.tr("Close it: this is no longer a worry"))
            self.close_check.setAccessibleName(arg(self.tr("Close %1 %2"), noun_lower, str(number)))
            self.reason = line_box(arg(self.tr("Why %1 %2 is closed"), noun_lower, str(number)),
                                   placeholder=self.tr("Why it is closed"), text=worry.closed_reason or "")
            self.remove_button = shortcut_button(self.tr("Remove"),
                                                 tip=arg(self.tr("Remove this new %1"), noun_lower))
            self.remove_button.setAccessibleName(arg(self.tr("Remove %1 %2"), noun_lower, str(number)))
            closing = QHBoxLayout()
            closing.addWidget(self.close_check)
            closing.addWidget(self.reason, 1)
            closing.addWidget(self.remove_button)
            layout.addLayout(closing)
            check = self.close_check
            autosave.bind(check, check.toggled, self._closing,
                          lambda value: _close(state, did, wid, *value), key=("worry", wid, "close"),
                          immediate=True, on_saved=lambda _r: step.changed())
            autosave.bind(self.reason, self.reason.textChanged, self._closing,
                          lambda value: _close(state, did, wid, *value), key=("worry", wid, "close"))
            check.toggled.connect(self.reason.setEnabled)
            self.remove_button.clicked.connect(lambda: step.remove(wid))
        self._show_state(worry, number)

    @staticmethod
    def _part_saver(state: SessionState, did: int, wid: int, part_id: str) -> Any:
        return lambda value, seen: _reword(state, did, wid, parts={part_id: value}, expected={part_id: seen})

    def first_input(self) -> QWidget | None:
        if self.parts:
            return next(iter(self.parts.values()))
        return self.text

    def _closing(self) -> tuple[bool, str]:
        assert self.close_check is not None
        return self.close_check.isChecked(), self.reason.text()

    def _show_state(self, worry: WorryView, number: int) -> None:
        qs = self.step.state.question_set
        terms, spec = qs.terms, qs.worries
        if self.mode == STATEMENTS:
            noun = _capital(terms.worry)
            if worry.opened_here:
                heading = self.tr("%1 %2 (new in this session)")
            elif worry.reworded_here:
                heading = self.tr("%1 %2 (carried forward, reworded)")
            else:
                heading = self.tr("%1 %2 (carried forward)")
            self.heading.setText(arg(heading, noun, str(number)))
            self.about.hide()
        else:
            self.heading.setText(arg(self.tr("%1 %2"), _capital(terms.goal), str(number)))
            statement = worry.danger_statement.strip() or self.tr("(not written yet)")
            self.about.setText(arg(self.tr("For %1 %2: %3"), terms.worry, str(number), statement))
            self.about.show()
        self._show_earlier(worry)
        self._show_gaps(worry, spec.statement_parts if self.mode == STATEMENTS else spec.goal_parts)
        if self.close_check is not None and self.remove_button is not None:
            self.close_check.setVisible(not worry.opened_here)
            self.reason.setVisible(not worry.opened_here)
            self.remove_button.setVisible(worry.opened_here)
            self.close_check.blockSignals(True)
            self.close_check.setChecked(worry.closed_here)
            self.close_check.blockSignals(False)
            self.reason.setEnabled(worry.closed_here)

    def _show_earlier(self, worry: WorryView) -> None:
        """A worry written as one sentence (an older set, or old data): that sentence, to be
        written in parts; it stays in the worry's history."""
        ids = STATEMENT_PARTS if self.mode == STATEMENTS else GOAL_PARTS
        text = worry.danger_statement if self.mode == STATEMENTS else worry.safety_goal
        previous = worry.previous_statement if self.mode == STATEMENTS else worry.previous_goal
        earlier = None
        if self.parts:
            if not any(p in worry.parts for p in ids) and text.strip():
                earlier = text
            elif (worry.reworded_here and previous and previous.strip()
                  and not any(p in (worry.previous_parts or {}) for p in ids)):
                earlier = previous
        self.earlier.setText(arg(self.tr("Written before as one sentence (kept in its history): %1"),
                                 earlier or ""))
        self.earlier.setVisible(earlier is not None)

    def _show_gaps(self, worry: WorryView, parts: tuple[WorryPart, ...]) -> None:
        if not self.parts:
            self.gaps.set_text(None)
            return
        gaps = worry_gaps_of(worry, self.step.state.question_set)
        missing = gaps.statement if self.mode == STATEMENTS else gaps.goal
        missing_ids = {p.id for p in missing}
        for part in parts:
            label = self.part_labels.get(part.id)
            if label is not None:
                label.setText(part.label + (self.tr(" (still to write)") if part.id in missing_ids else ""))
        still = "; ".join(p.label.lower() for p in missing)
        self.gaps.set_text(arg(self.tr("Still to write: %1"), still) if missing else None)

    def show_worry(self, worry: WorryView, number: int) -> None:
        self._show_state(worry, number)


def _reword(state: SessionState, discussion_id: int, worry_id: int, **text: Any) -> Any:
    from workbench.supervision.worries import reword_worry

    return reword_worry(state.ctx, discussion_id, worry_id, **text)


def _close(state: SessionState, discussion_id: int, worry_id: int, closed: bool, reason: str) -> Any:
    from workbench.supervision.worries import close_worry, reopen_worry

    if closed:
        return close_worry(state.ctx, discussion_id, worry_id, reason)
    return reopen_worry(state.ctx, discussion_id, worry_id)


class WorriesStep(StepWidget):
    """``mode`` STATEMENTS: the danger statements (added, reworded, closed); GOALS: their goals."""

    def __init__(self, state: SessionState, discussion_id: int, mode: str = STATEMENTS,
                 parent: QWidget | None = None) -> None:
        super().__init__(state, discussion_id, parent)
        self.mode = mode
        spec = state.question_set.worries
        terms = state.question_set.terms
        noun = terms.worry
        if mode == STATEMENTS:
            self.layout_.addWidget(help_label(spec.help))
        else:
            self.layout_.addWidget(help_label(spec.goal_help))
        self.nudge = Notice()
        self.layout_.addWidget(self.nudge)
        empty = (self.tr("No %1 is open for this child yet: add one.") if mode == STATEMENTS
                 else self.tr("No %1 is open for this child yet: add one on the step before."))
        self.empty_label = wrapped_label(arg(empty, noun))
        self.layout_.addWidget(self.empty_label)
        self.rows_box = QVBoxLayout()
        self.layout_.addLayout(self.rows_box)
        self.add_button = shortcut_button(arg(self.tr("&Add %1"), noun))
        self.add_button.clicked.connect(self.add)
        if mode != STATEMENTS:
            self.add_button.hide()  # (never show() a widget before it has a parent: a window)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addStretch(1)
        self.layout_.addLayout(buttons)
        self.layout_.addStretch(1)
        self.rows: dict[int, WorryRow] = {}
        self._focus_new = False
        self.refresh(self.view)

    def _numbered(self, view: DiscussionView) -> dict[int, tuple[WorryView, int]]:
        numbered = {w.id: (w, number) for number, w in enumerate(view.worries, start=1)}
        if self.mode == GOALS:  # a goal for each worry still open
            return {wid: pair for wid, pair in numbered.items() if pair[0].is_open}
        return numbered

    def refresh(self, view: DiscussionView) -> None:
        numbered = self._numbered(view)
        new = reconcile(self.rows, list(numbered), lambda wid: WorryRow(self, *numbered[wid]),
                        self.rows_box, self.state.autosave.release)
        for wid, row in self.rows.items():
            row.show_worry(*numbered[wid])
        self.empty_label.setVisible(not numbered)
        self.nudge.set_text(view.worry_warning if self.mode == STATEMENTS else None)
        if new and self._focus_new:
            self._focus_new = False
            target = self.rows[new[-1]].first_input()
            if target is not None:
                target.setFocus()

    def first_input(self) -> QWidget | None:
        if self.rows:
            return next(iter(self.rows.values())).first_input()
        return self.add_button if self.mode == STATEMENTS else None

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
