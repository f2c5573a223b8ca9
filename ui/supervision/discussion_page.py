"""One child's discussion as a guided flow: a step at a time, the scale history beside the
worries and the scale (drawn off the UI thread; with blind scaling, scores not yet both in
are left out of it)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from ui.charts import ChartView
from ui.i18n import arg, translate, translated
from ui.models.caseload_model import format_date
from ui.problems import explain
from ui.supervision.flow import (
    ACTIONS,
    DECISIONS,
    GOALS,
    REFLECTION,
    REVIEW,
    SCALE,
    SECTION_PREFIX,
    WORRIES,
    Step,
    discussion_steps,
)
from ui.supervision.safety_panel import CaseRecordPanel
from ui.supervision.state import SessionState
from ui.supervision.step_actions import ActionsStep
from ui.supervision.step_base import StepWidget
from ui.supervision.step_decisions import DecisionsStep
from ui.supervision.step_questions import QuestionsStep
from ui.supervision.step_scale import ScaleStep
from ui.supervision.step_worries import GOALS as GOALS_MODE
from ui.supervision.step_worries import WorriesStep
from ui.supervision.widgets import Notice, chain_tab_order, help_label, shortcut_button, wrapped_label
from ui.tasks import CancelCheck, ProgressFn
from workbench import timefmt
from workbench.history import ScaleHistory
from workbench.supervision.safety_view import CaseSafety
from workbench.supervision.scale_rules import BOTH
from workbench.supervision.views import DiscussionView

CHART_STEPS = (WORRIES, SCALE)
CHART_WIDTH = 460  # the chart beside the form: room for both on a laptop screen
CHART_WIDTH_IN = 4.4  # laid out for that panel (at the charts' screen resolution)
CHART_MIN_WIDTH = 320  # the narrowest the panel gets; the form takes the rest


class ReflectionStep(StepWidget):
    """What the worker prepared for this child, read first."""

    def __init__(self, state: SessionState, discussion_id: int, parent: QWidget | None = None) -> None:
        super().__init__(state, discussion_id, parent)
        reflection = self.view.reflection
        assert reflection is not None
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        none = self.tr("(nothing written)")
        score = (arg(self.tr("%1: %2"), str(reflection.worker_score), reflection.score_reason or none)
                 if reflection.worker_score is not None else self.tr("(not scored)"))
        self.fields: dict[str, QWidget] = {}
        for key, title, text in (
                ("what_happened", self.tr("What happened"), reflection.what_happened or none),
                ("how_and_why", self.tr("How and why"), reflection.how_and_why or none),
                ("score", self.tr("Their scale score and reason"), score),
                ("wants", self.tr("What they want from supervision"),
                 reflection.wants_from_supervision or none),
        ):
            label = wrapped_label(text)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByKeyboard
                                          | Qt.TextInteractionFlag.TextSelectableByMouse)
            label.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
            label.setAccessibleName(f"{title}: {text}")
            self.form.addRow(wrapped_label(title, bold=True), label)
            self.fields[key] = label
        if reflection.flag_for_discussion:
            self.layout_.addWidget(wrapped_label(self.tr("The worker flagged this child for discussion."),
                                                 bold=True))
        self.layout_.addLayout(self.form)
        self.layout_.addStretch(1)
        self.setEnabled(True)  # reading it is always possible

    def first_input(self) -> QWidget | None:
        return self.fields["what_happened"]

    def refresh(self, view: DiscussionView) -> None:
        """The worker may still be changing it: show their latest words (read-only here)."""
        reflection = view.reflection
        if reflection is None:
            return
        none = self.tr("(nothing written)")
        score = (arg(self.tr("%1: %2"), str(reflection.worker_score), reflection.score_reason or none)
                 if reflection.worker_score is not None else self.tr("(not scored)"))
        for key, text in (("what_happened", reflection.what_happened or none),
                          ("how_and_why", reflection.how_and_why or none), ("score", score),
                          ("wants", reflection.wants_from_supervision or none)):
            label = self.fields[key]
            if isinstance(label, QLabel) and label.text() != text:
                label.setText(text)
                title = label.accessibleName().split(": ", 1)[0]
                label.setAccessibleName(f"{title}: {text}")


def visible_history(view: DiscussionView, *, blind: bool) -> ScaleHistory:
    """The history to draw: with blind scaling, this discussion's scores on a scale that the
    worker and the manager have not both scored yet are left out."""
    if not blind:
        return view.history
    complete = {w for w in {s.worry_id for s in view.scores}
                if {s.rater for s in view.scores if s.worry_id == w} >= BOTH}
    points = tuple(p for p in view.history.points
                   if p.discussion_id != view.id or p.worry_id in complete)
    return ScaleHistory(case_id=view.history.case_id, points=points)


def panel_chart(history: ScaleHistory, width_in: float = CHART_WIDTH_IN) -> object:
    """The case's scale history laid out for the panel beside the form (not A4's width), drawn
    once here so that only the canvas is made on the UI thread."""
    from workbench.charts import BuiltChart, scale_history_summary
    from workbench.charts.scale_history import scale_history_figure

    figure = scale_history_figure(history, width_in=width_in, tr=translated)
    figure.canvas.draw()
    return BuiltChart(kind="scale_history", figure=figure, summary=scale_history_summary(history))


class DiscussionPage(QWidget):
    def __init__(self, state: SessionState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.discussion_id: int | None = None
        self.steps: list[Step] = []
        self.step_widgets: dict[str, StepWidget] = {}
        self.step_pages: dict[str, QScrollArea] = {}
        self.current_step: str | None = None
        self._chart_drawn: object = None
        self._chart_generation = 0

        self.child_label = wrapped_label(bold=True)
        font = self.child_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        self.child_label.setFont(font)
        self.facts_label = help_label("")
        self.step_label = wrapped_label(bold=True)
        self.step_label.setAccessibleName(self.tr("Step"))
        self.stack = QStackedWidget()
        self.chart = ChartView()
        self.chart.setAccessibleName(self.tr("Scale history chart"))
        self.chart.widthSettled.connect(self._chart_width_settled)
        self.chart_panel = QFrame()
        self.chart_panel.setMaximumWidth(CHART_WIDTH)
        # Never squeezed to a sliver by the form beside it (a 1366x768 laptop): the chart is
        # redrawn at the width the panel settles at (widthSettled), so it is always whole.
        self.chart_panel.setMinimumWidth(CHART_MIN_WIDTH)
        self._chart_width_in = CHART_WIDTH_IN
        chart_layout = QVBoxLayout(self.chart_panel)
        chart_layout.setContentsMargins(0, 0, 0, 0)
        chart_layout.addWidget(self.chart, 1)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.stack)
        self.splitter.addWidget(self.chart_panel)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setChildrenCollapsible(False)

        # The child's safety planning and direct work (they live with the case): shown in place
        # of the step while the button is down, with the direct-work warning always in view.
        self.case_panel = CaseRecordPanel(state)
        self.case_panel.loaded.connect(self._case_panel_loaded)
        self.case_button = shortcut_button(self.tr("Safety plan and direct wor&k"),
                                           tip=self.tr("The child's safety network, safety plan and "
                                                       "direct work"))
        self.case_button.setCheckable(True)
        self.case_button.toggled.connect(self._show_case_panel)
        self.direct_work_notice = Notice()
        self.body = QStackedWidget()
        self.body.addWidget(self.splitter)
        self.body.addWidget(self.case_panel)

        top = QHBoxLayout()
        top.addWidget(self.child_label, 1)
        top.addWidget(self.case_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.facts_label)
        layout.addWidget(self.direct_work_notice)
        layout.addWidget(self.step_label)
        layout.addWidget(self.body, 1)
        state.discussion_changed.connect(self._discussion_changed)

    # -- showing ---------------------------------------------------------------------------
    def show_child(self, discussion_id: int, step_key: str | None) -> None:
        if discussion_id != self.discussion_id:
            self._build(discussion_id)
        keys = [s.key for s in self.steps]
        key = step_key if step_key in keys else keys[0]
        self.current_step = key
        number = keys.index(key) + 1
        step = self.steps[number - 1]
        self.step_label.setText(arg(self.tr("Step %1 of %2: %3"), str(number), str(len(keys)), step.title))
        self.stack.setCurrentWidget(self._page(key))
        self.case_button.setChecked(False)
        self.chart_panel.setVisible(key in CHART_STEPS)
        if key in CHART_STEPS:
            self._give_the_chart_room()
            self._draw_chart(self.state.discussion(discussion_id))

    def _give_the_chart_room(self) -> None:
        """The panel's share of the width: its natural width when there is room, else two fifths."""
        total = sum(self.splitter.sizes())
        if total <= 0:
            return
        wanted = max(CHART_MIN_WIDTH, min(CHART_WIDTH, total * 2 // 5))
        if self.splitter.sizes()[1] < wanted:
            self.splitter.setSizes([total - wanted, wanted])

    def _chart_width_settled(self, width_in: float) -> None:
        """The panel settled at a width the chart does not fit: draw it again at that width."""
        width_in = min(width_in, CHART_WIDTH_IN)
        if abs(width_in - self._chart_width_in) < 0.05 or self.discussion_id is None:
            return
        self._chart_width_in = width_in
        self._chart_drawn = None
        if self.current_step in CHART_STEPS:
            self._draw_chart(self.state.discussion(self.discussion_id))

    def focus_step(self) -> None:
        if self.current_step is None:
            return
        target = self.step_widget(self.current_step).first_input()
        if target is not None:
            target.setFocus(Qt.FocusReason.OtherFocusReason)

    def step_widget(self, key: str) -> StepWidget:
        """The step's widget, made the first time it is needed (a child's page shows at once;
        each step costs its widgets only when it is reached)."""
        self._page(key)
        return self.step_widgets[key]

    def _page(self, key: str) -> QScrollArea:
        page = self.step_pages.get(key)
        if page is not None:
            return page
        step = next(s for s in self.steps if s.key == key)
        widget = self._make_step(step)
        page = QScrollArea()
        page.setWidgetResizable(True)
        page.setFrameShape(QFrame.Shape.NoFrame)
        holder = QWidget()
        holder_layout = QVBoxLayout(holder)
        holder_layout.setContentsMargins(0, 0, 8, 0)
        holder_layout.addWidget(widget)
        page.setWidget(holder)
        self.stack.addWidget(page)
        self.step_widgets[key] = widget
        self.step_pages[key] = page
        chain_tab_order(widget)
        return page

    def _build(self, discussion_id: int) -> None:
        self._clear()
        self.discussion_id = discussion_id
        view = self.state.discussion(discussion_id)
        self.steps = discussion_steps(self.state.question_set, view)
        self.child_label.setText(view.child_label if view.child_label == view.la_child_id
                                 else f"{view.child_label} ({view.la_child_id})")
        last = (arg(self.tr("last discussed %1"), format_date(timefmt.local_date(view.last_discussed_at)))
                if view.last_discussed_at else self.tr("not discussed in supervision before"))
        facts = [translate("CaseKind", view.case_kind.label), last]
        if view.agenda_reasons:
            reasons = "; ".join(translated(reason) for reason in view.agenda_reasons)
            facts.append(arg(self.tr("on the agenda: %1"), reasons))
        self.facts_label.setText(" · ".join(facts))
        self._chart_drawn = None
        self.chart.show_message(self.tr("Drawing the scale history…"))
        self.direct_work_notice.set_text(None)
        self.case_panel.show_case(view.case_id)

    def _show_case_panel(self, shown: bool) -> None:
        self.body.setCurrentWidget(self.case_panel if shown else self.splitter)
        self.step_label.setVisible(not shown)

    def _case_panel_loaded(self, data: CaseSafety) -> None:
        """The latest direct work, or the warning that there has been none for too long; the
        actions step's choice of what an action is about."""
        actions = self.step_widgets.get(ACTIONS)
        if isinstance(actions, ActionsStep):
            actions.set_safety(data)
        latest = data.latest
        if data.warning:
            self.direct_work_notice.set_text(translated(data.warning))
            return
        self.direct_work_notice.set_text(None)
        if latest is not None:
            facts = [part for part in self.facts_label.text().split(" · ")
                     if not part.startswith(self.tr("latest direct work"))]
            facts.append(arg(self.tr("latest direct work %1 (%2)"), format_date(latest.done_on),
                             translate("DirectWorkTool", latest.tool.label)))
            self.facts_label.setText(" · ".join(facts))

    def _make_step(self, step: Step) -> StepWidget:
        did, state = self.discussion_id, self.state
        assert did is not None
        if step.key == REFLECTION:
            return ReflectionStep(state, did)
        if step.key == REVIEW:
            return ActionsStep(state, did, review=True)
        if step.key == WORRIES:
            return WorriesStep(state, did)
        if step.key == GOALS:
            return WorriesStep(state, did, GOALS_MODE)
        if step.key == SCALE:
            return ScaleStep(state, did, step.questions)
        if step.key == DECISIONS:
            return DecisionsStep(state, did, step.questions)
        if step.key == ACTIONS:
            actions = ActionsStep(state, did)
            if self.case_panel.data is not None:
                actions.set_safety(self.case_panel.data)
            return actions
        return QuestionsStep(state, did, step.key.removeprefix(SECTION_PREFIX), step.questions)

    def _clear(self) -> None:
        self.state.autosave.release(self.stack)
        while self.stack.count():
            page = self.stack.widget(0)
            assert page is not None
            self.stack.removeWidget(page)
            page.deleteLater()
        self.step_widgets = {}
        self.step_pages = {}
        self.steps = []
        self.discussion_id = None
        self.current_step = None

    def rebuild_if_steps_changed(self, discussion_id: int) -> bool:
        """Build the child's steps again when a step came or went (a reflection arrived from
        the worker while it is shown), staying on the same step; True if rebuilt."""
        if discussion_id != self.discussion_id:
            return False
        view = self.state.discussion(discussion_id)
        keys = [s.key for s in discussion_steps(self.state.question_set, view)]
        if keys == [s.key for s in self.steps]:
            return False
        step = self.current_step
        self._build(discussion_id)
        self.show_child(discussion_id, step)
        return True

    def release(self) -> None:
        """Flush what is typed and forget the child (it was dropped, or the editor closes)."""
        self._clear()

    # -- reacting --------------------------------------------------------------------------
    def _discussion_changed(self, discussion_id: int) -> None:
        if discussion_id != self.discussion_id:
            return
        view = self.state.discussion(discussion_id)
        for widget in self.step_widgets.values():
            widget.refresh(view)
            chain_tab_order(widget)
        if self.current_step in CHART_STEPS:
            self._draw_chart(view)

    def _draw_chart(self, view: DiscussionView) -> None:
        history = visible_history(view, blind=self.state.view.blind_scaling)
        if history.points == self._chart_drawn:
            return
        if self.chart.isVisible() and self.chart.width() > 0:  # drawn to fit the panel as it is now
            self._chart_width_in = min(CHART_WIDTH_IN, self.chart.fitting_width_in())
        self._chart_drawn = history.points
        width_in = self._chart_width_in
        self._chart_generation += 1
        generation = self._chart_generation

        def work(progress: ProgressFn, is_cancelled: CancelCheck) -> object:
            return panel_chart(history, width_in)

        def drawn(chart: object) -> None:
            if generation != self._chart_generation:
                return
            # Its legends are placed in inches for the height it was built with: keep that height
            # (the panel scrolls when it is shorter) rather than stretch or squeeze it.
            figure = chart.figure  # type: ignore[attr-defined]
            height_px = figure.get_figheight() * figure.dpi
            self.chart.set_chart(chart)  # type: ignore[arg-type]
            canvas = self.chart.canvas
            if canvas is not None:
                canvas.setFixedHeight(round(height_px / (canvas.device_pixel_ratio or 1)))
                if self.chart.isVisible() and canvas.width() > self.chart.width():
                    # The panel got narrower while it was drawn: draw it again to fit.
                    self._chart_width_settled(self.chart.fitting_width_in())

        def failed(error: Exception) -> None:
            if generation == self._chart_generation:
                self.chart.show_message(explain(error).message)

        self.state.services.runner.run(work, on_success=drawn, on_failure=failed, name="scale chart")
