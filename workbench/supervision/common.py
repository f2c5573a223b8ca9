"""Shared by the supervision services: the 'unchanged' marker, edit guards, text checks, audit."""

from __future__ import annotations

import datetime as dt
import enum
import functools
from collections.abc import Callable, Mapping
from typing import Any, Final, ParamSpec, TypeVar

from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import flag_modified
from sqlalchemy.orm.exc import StaleDataError

from db.enums import SessionStatus
from db.models import CaseDiscussion, SupervisionSession
from workbench.access import actor_for, require_session_editor
from workbench.messages import translatable
from workbench.supervision.context import SupervisionContext
from workbench.supervision.errors import EditConflict, InvalidInput, NotFound, SessionNotEditable

# The longest text one field takes: a long note, not a pasted document.
MAX_TEXT = 100_000


class Unchanged(enum.Enum):
    """The marker for 'leave this field as it is' in keyword-only update functions."""

    UNCHANGED = "unchanged"


UNCHANGED: Final = Unchanged.UNCHANGED


def check_text(label: str, value: object) -> str:
    """A storable text value, or InvalidInput saying what is wrong with it."""
    if not isinstance(value, str):
        raise InvalidInput(translatable(
                "workbench.supervision", "%1 must be text; this is a fault in the app, please report it.")
                .arg(label))
    if len(value) > MAX_TEXT:
        raise InvalidInput(translatable(
                "workbench.supervision", "%1 is %2 characters long; the most one field can hold is %3. "
                                         "Shorten it, or attach the document to the child's file.")
                .arg(label, format(len(value), ","), format(MAX_TEXT, ",")))
    if "\x00" in value:
        raise InvalidInput(translatable(
                "workbench.supervision", "%1 contains a NUL character, which cannot be stored; remove it (it "
                                         "usually comes from pasting binary data).").arg(label))
    return value


def get_session(s: Session, session_id: int) -> SupervisionSession:
    found = s.get(SupervisionSession, session_id)
    if found is None:
        raise NotFound(translatable("workbench.supervision", "Supervision session %1 does not exist; it may "
                                                             "have been deleted. Reopen the list of "
                                                             "sessions.").arg(session_id))
    return found


def ensure_editable(session: SupervisionSession) -> None:
    """Only a draft can change; a signed record never does."""
    if session.status.is_signed:
        raise SessionNotEditable(
            translatable("workbench.supervision", "This supervision record has been signed and cannot be "
                                                  "changed. To correct it, add a signed addendum.")
        )
    if session.status is SessionStatus.READY_TO_SIGN:
        raise SessionNotEditable(
            translatable("workbench.supervision", "This supervision record is marked ready to sign. Return "
                                                  "it to draft to change it.")
        )
    if session.status is SessionStatus.DISCARDED:
        raise SessionNotEditable(
            translatable("workbench.supervision", "This draft was discarded and is kept read-only. Start a "
                                                  "new supervision session instead.")
        )


def writable_session(ctx: SupervisionContext, s: Session, session_id: int) -> SupervisionSession:
    """The draft session ``ctx``'s person may change (NotFound, AccessDenied, SessionNotEditable)."""
    session = get_session(s, session_id)
    require_session_editor(s, actor_for(s, ctx.actor_id), session_id)
    ensure_editable(session)
    return session


def get_discussion(s: Session, discussion_id: int) -> CaseDiscussion:
    found = s.get(CaseDiscussion, discussion_id)
    if found is None:
        raise NotFound(translatable("workbench.supervision", "Case discussion %1 does not exist; the child "
                                                             "may have been dropped from the agenda. Reopen "
                                                             "the session.").arg(discussion_id))
    return found


def writable_discussion(ctx: SupervisionContext, s: Session, discussion_id: int) -> CaseDiscussion:
    """The discussion of a draft session ``ctx``'s person may change (see writable_session)."""
    discussion = get_discussion(s, discussion_id)
    require_session_editor(s, actor_for(s, ctx.actor_id), discussion.session_id)
    ensure_editable(discussion.session)
    return discussion


def field_label(name: str) -> str:
    """'child_voice' -> 'Child voice': how a field is named in a message."""
    return name.replace("_", " ").capitalize()


def check_expected(name: str, current: object, value: object, expected: Mapping[str, object] | None,
                   label: str | None = None) -> None:
    """EditConflict when ``name`` is about to change from something other than what the user
    last saw (``expected[name]``): someone else changed it meanwhile. A field the caller did
    not say it saw (no entry) is written as before."""
    if expected is None or name not in expected or current == value:
        return
    if current != expected[name]:
        raise EditConflict(label or field_label(name), field=name, yours=value, theirs=current)


def apply_changes(row: Any, values: dict[str, Any],
                  expected: Mapping[str, object] | None = None) -> list[str]:
    """Set on ``row`` the values that differ from what it holds; the names of those fields.

    Saving what is already there changes nothing, so an autosave of unchanged text neither
    writes nor records an audit event. ``expected`` holds, for fields the user edited, the
    value they started from: if the row holds something else now, EditConflict and nothing
    is set (see :func:`check_expected`)."""
    changed = [key for key, value in values.items() if getattr(row, key) != value]
    for key in changed:
        check_expected(key, getattr(row, key), values[key], expected)
    for key in changed:
        setattr(row, key, values[key])
    return changed


def stamp(record: Any, now: dt.datetime) -> None:
    """Set ``updated_at`` to the injected clock's now.

    Flagged as modified even when the value is unchanged, so that the model's wall-clock
    ``onupdate`` default never overrides it in the UPDATE.
    """
    record.updated_at = now
    flag_modified(record, "updated_at")


def touch(discussion: CaseDiscussion, ctx: SupervisionContext) -> None:
    """Mark a discussion and its session as changed now (the injected clock's now)."""
    now = ctx.clock()
    stamp(discussion, now)
    stamp(discussion.session, now)


def audit(ctx: SupervisionContext, s: Session, action: str, entity_type: str,
          entity_id: int | None, **details: Any) -> None:
    """One audit event in the caller's transaction, which nothing after it reads back (on a team
    server it is sealed as the transaction commits: AuditTrail.note). Never put note text in
    ``details``."""
    ctx.audit.note(s, actor_id=ctx.actor_id, action=action, entity_type=entity_type,
                   entity_id=entity_id, details=details)


P = ParamSpec("P")
R = TypeVar("R")

# A save refused because another one landed in between is tried again this many times; the
# retry reads the row afresh, so a real conflict is then reported with both texts.
STALE_RETRIES = 3


def retry_when_stale(function: Callable[P, R]) -> Callable[P, R]:
    """Run a service again when its UPDATE found the row's version moved (another person's
    save committed between this one's read and write: version_id_col refused it)."""

    @functools.wraps(function)
    def call(*args: P.args, **kwargs: P.kwargs) -> R:
        for _attempt in range(STALE_RETRIES - 1):
            try:
                return function(*args, **kwargs)
            except StaleDataError:
                continue
        try:
            return function(*args, **kwargs)
        except StaleDataError as error:
            raise EditConflict(translatable(
                    "workbench.supervision", "This record"), field=None) from error

    return call
