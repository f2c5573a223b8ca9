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

A count goes in a ``%n`` plural, as in the UI: :func:`translatable_plural` is written as
``translate(context, source, None, n)`` (lupdate reads it as ``translate``, with the count, so
the catalogue gets the message's plural forms)::

    translatable_plural("workbench.intervals", "every %n month(s)", None, months)

Its English reads "every 1 month" / "every 6 months" without Qt (:func:`english_plural` derives
both forms from the source, as ``scripts/translations.py`` does for the en_GB catalogue); the
UI asks the catalogue with the count (``QCoreApplication.translate(context, source, None, n)``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Self

_PLACEHOLDER = re.compile(r"%(\d)")
# How an English %n source writes its plural: "case(s)", "match(es)", "child(ren)", "is/are" …
_SUFFIXES = (
    (re.compile(r"\b(\w+)\(s\)"), r"\1", r"\1s"),
    (re.compile(r"\b(\w+)\(es\)"), r"\1", r"\1es"),
    (re.compile(r"\b(\w+)\(ren\)"), r"\1", r"\1ren"),
)
_PAIRS = {"is/are": ("is", "are"), "was/were": ("was", "were"), "has/have": ("has", "have"),
          "needs/need": ("needs", "need"), "it/they": ("it", "they")}


def substitute(template: str, values: tuple[object, ...]) -> str:
    """``template`` with ``%1`` … ``%9`` replaced by ``values`` in one pass (as QString::arg does:
    a value that itself holds ``%2`` is not substituted again); unknown markers stay."""
    def one(match: re.Match[str]) -> str:
        index = int(match.group(1)) - 1
        return str(values[index]) if 0 <= index < len(values) else match.group(0)

    return _PLACEHOLDER.sub(one, template)


def english_plural(source: str) -> tuple[str, str] | None:
    """The English singular and plural of a ``%n`` source ("%n case(s)" -> "%n case",
    "%n cases"), or None when it marks no plural."""
    one, many = source, source
    for pattern, singular, plural in _SUFFIXES:
        one, many = pattern.sub(singular, one), pattern.sub(plural, many)
    for pair, (singular, plural) in _PAIRS.items():
        one, many = one.replace(pair, singular), many.replace(pair, plural)
    return (one, many) if one != many else None


def english_count(source: str, n: int) -> str:
    """``source`` in English for the count ``n``: its singular for 1, else its plural, ``%n``
    replaced by the number (as Qt does; a source without a plural marker keeps its words)."""
    forms = english_plural(source) or (source, source)
    return (forms[0] if n == 1 else forms[1]).replace("%n", str(n))


class Message(str):
    """English text that remembers where it came from: ``context``, ``source``, ``args``, and
    ``n``, the count of a ``%n`` plural (-1: none)."""

    context: str
    source: str
    args: tuple[object, ...]
    n: int

    def __new__(cls, context: str, source: str, args: tuple[object, ...] = (), n: int = -1) -> Self:
        english = english_count(source, n) if n >= 0 else source
        message = super().__new__(cls, substitute(english, args))
        message.context = context
        message.source = source
        message.args = args
        message.n = n
        return message

    def arg(self, *values: object) -> Message:
        """The same message with ``%1``, ``%2`` … filled in (a value may itself be a Message)."""
        return Message(self.context, self.source, values, self.n)

    def __reduce__(self) -> tuple[object, ...]:  # crosses process boundaries (batch export)
        return (Message, (self.context, self.source, self.args, self.n))


class Joined(str):
    """Texts (messages or data) joined by a separator that holds no words ("; ", ", "): the
    English joined, and the parts kept so that the UI translates each (``ui.i18n.translated``).
    For a list of any length, which one message's ``%1`` … ``%9`` cannot hold."""

    parts: tuple[str, ...]
    separator: str

    def __new__(cls, separator: str, parts: Iterable[str]) -> Self:
        kept = tuple(parts)
        joined = super().__new__(cls, separator.join(kept))
        joined.parts = kept
        joined.separator = separator
        return joined

    def __reduce__(self) -> tuple[object, ...]:
        return (Joined, (self.separator, self.parts))


def message_in(error: BaseException) -> str:
    """What ``error`` says, kept a :class:`Message` when the core wrote one (``str(error)`` would
    keep only the English): for messages passed on to be shown later."""
    first = error.args[0] if len(error.args) == 1 else None
    return first if isinstance(first, Message) else str(error)


def translatable(context: str, source: str) -> Message:
    """Marks ``source`` for translation under ``context`` (lupdate: ``QT_TRANSLATE_NOOP``)."""
    return Message(context, source)


def translatable_plural(context: str, source: str, disambiguation: None, n: int) -> Message:
    """Marks the ``%n`` plural ``source`` for translation under ``context``, for the count ``n``.

    Written as the UI's ``translate(context, source, None, n)`` because that is the form in
    which ``pyside6-lupdate``'s Python reader sees a plural (it has no ``QT_TRANSLATE_N_NOOP``):
    ``scripts/translations.py`` passes this name as an alias of ``translate``. The
    ``disambiguation`` is always None: it is there for lupdate, which reads arguments by place."""
    if disambiguation is not None:
        raise ValueError("a core message has no disambiguation: give the context its own name")
    if n < 0:
        raise ValueError(f"a count cannot be negative: {n}")
    return Message(context, source, (), n)
