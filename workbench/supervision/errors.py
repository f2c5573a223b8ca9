"""What the supervision services refuse, each with a message that says what to do next."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from workbench.messages import translatable

if TYPE_CHECKING:
    from workbench.supervision.completeness import MissingItem


class SupervisionError(Exception):
    """A request the user can correct; ``str(error)`` is the message to show."""


class NotFound(SupervisionError):
    """The session, discussion, worry or action asked for does not exist (any more)."""


class InvalidInput(SupervisionError):
    """A value that breaks a rule: a future meeting date, a score of 11, an unknown question."""


class SessionNotEditable(SupervisionError):
    """The session is ready to sign or signed; its content cannot change."""


class NotAllowed(SupervisionError):
    """The person asking may not do this (e.g. someone else's reflection)."""


class QuestionSetError(SupervisionError):
    """A question set file (or stored snapshot) that cannot be used as it stands."""


class NotReadyToSign(SupervisionError):
    """The completeness check found gaps; ``missing`` lists each one."""

    def __init__(self, missing: Sequence[MissingItem]) -> None:
        self.missing = list(missing)
        lines = "\n".join(f"- {item.message}" for item in self.missing)
        # No count in the words: the core cannot choose a plural form ("1 things"); the list says it.
        super().__init__(translatable("workbench.supervision", "The session cannot be made ready to "
                                                               "sign yet; still missing:\n%1").arg(lines))


class EditConflict(SupervisionError):
    """Someone else changed this field since the user last saw it; nothing was written.

    ``yours`` is what the user tried to save, ``theirs`` what the record holds now (None when a
    simultaneous save was refused before it could be read again). The UI keeps ``yours`` on
    screen, shows ``theirs`` beside it and saves the user's choice with ``theirs`` as expected.
    """

    def __init__(self, label: str, *, field: str | None, yours: object = None,
                 theirs: object = None) -> None:
        self.label, self.field, self.yours, self.theirs = label, field, yours, theirs
        super().__init__(translatable(
            "workbench.supervision",
            "%1 was changed by someone else while you were editing it. Nothing was overwritten: your "
            "text is kept. Compare it with theirs, choose one or merge them, and save again.").arg(label))
