"""The one exception an import raises for a problem the user can fix."""

from __future__ import annotations


class ImportFailed(Exception):
    """The file could not be imported; nothing in the database was changed.

    ``str(error)`` is a sentence for the user naming the problem and what to do next;
    ``code`` is a stable word for programs and tests (``not_a_spreadsheet``, ``empty``,
    ``missing_columns``, ``conflicting_duplicates``, ``corrupt``, ``too_large``,
    ``cancelled``, ``no_match``, ``unreadable``, ``database``).
    """

    def __init__(self, message: str, *, code: str) -> None:
        super().__init__(message)
        self.code = code


class CellProblem(ValueError):
    """A cell whose value cannot be used; the message says why, for the report."""
