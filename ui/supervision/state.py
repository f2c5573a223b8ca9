"""The open session as the editor's pages share it: the latest read of it, and how to write.

Pages never call the services on the UI thread: they hand writes to :attr:`SessionState.queue`
(in order, off the thread) and ask for fresh reads of one child's discussion with
:meth:`SessionState.refresh_discussion`, which queues the read after the writes before it.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Hashable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal

from ui.supervision.saving import Autosave, SaveQueue
from workbench.supervision.question_sets import QuestionSet
from workbench.supervision.views import DiscussionView, SessionView

if TYPE_CHECKING:
    from ui.services import AppServices
    from workbench.changes import Change
    from workbench.supervision.context import SupervisionContext


def reread_discussion(ctx: SupervisionContext, session_id: int, discussion_id: int) -> DiscussionView:
    """One child's discussion read again after the editor's own change (no audit event: the
    opening of the session recorded the view)."""
    from workbench.supervision.loading import read_session

    with ctx.db() as s:
        return read_session(s, session_id, today=ctx.clock().date(), only=discussion_id) \
            .discussion(discussion_id)


def reread_session(ctx: SupervisionContext, session_id: int) -> SessionView:
    from workbench.supervision.loading import read_session

    with ctx.db() as s:
        return read_session(s, session_id, today=ctx.clock().date())


class SessionState(QObject):
    """``discussion_changed(id)`` follows a fresh read of one child; ``session_changed`` a
    change to the session's own fields or its agenda."""

    discussion_changed = Signal(int)
    session_changed = Signal()

    def __init__(self, services: AppServices, ctx: SupervisionContext, view: SessionView,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.ctx = ctx
        self.view = view
        self.queue = SaveQueue(services.runner, self)
        self.autosave = Autosave(self.queue, self)

    @property
    def session_id(self) -> int:
        return self.view.id

    @property
    def question_set(self) -> QuestionSet:
        return self.view.question_set

    @property
    def editable(self) -> bool:
        return self.view.is_editable

    @property
    def discussions(self) -> tuple[DiscussionView, ...]:
        return self.view.discussions

    def discussion(self, discussion_id: int) -> DiscussionView:
        return self.view.discussion(discussion_id)

    def has_discussion(self, discussion_id: int) -> bool:
        return any(d.id == discussion_id for d in self.view.discussions)

    # -- writing ---------------------------------------------------------------------------
    def write(self, work: Callable[[SupervisionContext], Any], *, key: Hashable | None = None,
              on_done: Callable[[Any], None] | None = None) -> None:
        """Queue ``work(ctx)`` after everything queued before it."""
        ctx = self.ctx
        self.queue.submit(lambda: work(ctx), key=key, on_done=on_done)

    def refresh_discussion(self, discussion_id: int,
                           then: Callable[[DiscussionView], None] | None = None) -> None:
        ctx, session_id = self.ctx, self.session_id

        def arrived(view: DiscussionView) -> None:
            self.replace_discussion(view)
            if then is not None:
                then(view)

        self.queue.submit(lambda: reread_discussion(ctx, session_id, discussion_id),
                          key=("read", discussion_id), on_done=arrived)

    def refresh_session(self, then: Callable[[SessionView], None] | None = None) -> None:
        ctx, session_id = self.ctx, self.session_id

        def arrived(view: SessionView) -> None:
            self.replace_session(view)
            if then is not None:
                then(view)

        self.queue.submit(lambda: reread_session(ctx, session_id), key="read-session", on_done=arrived)

    def others_changed(self, changes: list[Change]) -> None:
        """Read again each child someone else changed (their discussion, or the worker's
        reflection on them); the page shows it without touching what is being typed."""
        by_case = {d.case_id: d.id for d in self.view.discussions}
        ids = set(by_case.values())
        touched: set[int] = set()
        for change in changes:
            if change.table == "*":
                touched |= ids
            elif change.table == "reflection" and change.case_id in by_case:
                touched.add(by_case[change.case_id])
            elif change.table == "case_discussion" and change.id in ids:
                touched.add(change.id)
        ctx, session_id = self.ctx, self.session_id
        for discussion_id in sorted(touched):
            def work(did: int = discussion_id) -> DiscussionView:
                from workbench.supervision.loading import reread_after_others

                return reread_after_others(ctx, session_id, did)

            self.queue.submit(work, key=("others", discussion_id), on_done=self._arrived_from_others)

    def _arrived_from_others(self, fresh: DiscussionView) -> None:
        if self.has_discussion(fresh.id):
            self.replace_discussion(fresh)

    # -- keeping the view current ----------------------------------------------------------
    def replace_discussion(self, fresh: DiscussionView) -> None:
        discussions = tuple(fresh if d.id == fresh.id else d for d in self.view.discussions)
        self.view = dataclasses.replace(self.view, discussions=discussions)
        self.discussion_changed.emit(fresh.id)

    def replace_session(self, fresh: SessionView) -> None:
        self.view = fresh
        self.session_changed.emit()

    def set_order(self, discussion_ids: list[int]) -> None:
        by_id = {d.id: d for d in self.view.discussions}
        self.view = dataclasses.replace(self.view, discussions=tuple(by_id[i] for i in discussion_ids))
        self.session_changed.emit()

    def drop(self, discussion_id: int) -> None:
        self.view = dataclasses.replace(
            self.view, discussions=tuple(d for d in self.view.discussions if d.id != discussion_id))
        self.session_changed.emit()

    def add(self, discussion: DiscussionView) -> None:
        self.view = dataclasses.replace(self.view, discussions=(*self.view.discussions, discussion))
        self.session_changed.emit()
