"""Messages the core writes for people, kept translatable without Qt.

The core never imports Qt, yet what it raises for the person at the keyboard (a refusal, an
environment problem) is shown by the UI in the user's language. So a message is written once,
in English, as a Qt translation source with ``%1``, ``%2`` … for what varies::

    raise SignOffError(translatable("workbench.signing", "Supervision session %1 does not exist.")
                       .arg(session_id))

The context is the package the message belongs to (``workbench.signing``); the UI's contexts
are its class names, so the two never mix.

:func:`translatable` is a no-op marker that ``pyside6-lupdate`` reads as ``QT_TRANSLATE_NOOP``
(``scripts/translations.py`` passes it as an alias), so the source lands in the ``.ts``
catalogues under its context. The value is a :class:`Message`: a ``str`` that *is* the English
text (the command line, the log and ``str(error)`` read it as before) and also remembers its
context, source and arguments, so that the UI can look the source up in the installed
catalogue and put the arguments back in (``ui.i18n.translated``).
"""

from __future__ import annotations

import re
from typing import Self

_PLACEHOLDER = re.compile(r"%(\d)")


def substitute(template: str, values: tuple[object, ...]) -> str:
    """``template`` with ``%1`` … ``%9`` replaced by ``values`` in one pass (as QString::arg does:
    a value that itself holds ``%2`` is not substituted again); unknown markers stay."""
    def one(match: re.Match[str]) -> str:
        index = int(match.group(1)) - 1
        return str(values[index]) if 0 <= index < len(values) else match.group(0)

    return _PLACEHOLDER.sub(one, template)


class Message(str):
    """English text that remembers where it came from: ``context``, ``source``, ``args``."""

    context: str
    source: str
    args: tuple[object, ...]

    def __new__(cls, context: str, source: str, args: tuple[object, ...] = ()) -> Self:
        message = super().__new__(cls, substitute(source, args))
        message.context = context
        message.source = source
        message.args = args
        return message

    def arg(self, *values: object) -> Message:
        """The same message with ``%1``, ``%2`` … filled in (a value may itself be a Message)."""
        return Message(self.context, self.source, values)

    def __reduce__(self) -> tuple[object, ...]:  # crosses process boundaries (batch export)
        return (Message, (self.context, self.source, self.args))


def message_in(error: BaseException) -> str:
    """What ``error`` says, kept a :class:`Message` when the core wrote one (``str(error)`` would
    keep only the English): for messages passed on to be shown later."""
    first = error.args[0] if len(error.args) == 1 else None
    return first if isinstance(first, Message) else str(error)


def translatable(context: str, source: str) -> Message:
    """Marks ``source`` for translation under ``context`` (lupdate: ``QT_TRANSLATE_NOOP``)."""
    return Message(context, source)
