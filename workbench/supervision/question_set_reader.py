"""Reading one table of a question set file, with messages that name file, place and problem."""

from __future__ import annotations

import string
from collections.abc import Iterable, Mapping
from typing import Any, NoReturn

from workbench.messages import translatable
from workbench.supervision.errors import QuestionSetError

_MISSING: Any = object()


class TableReader:
    """Typed access to one TOML table; every key read is remembered so typos can be reported."""

    def __init__(self, data: Any, source: str, where: str) -> None:
        self.source = source
        self.where = where
        if not isinstance(data, Mapping):
            self._raise(f"{where} must be a table")
        self.data: Mapping[str, Any] = data
        self._read: set[str] = set()

    def _raise(self, detail: str) -> NoReturn:
        raise QuestionSetError(translatable(
                "workbench.supervision", "Question set %1, %2. Correct it and load the set again.")
                .arg(self.source, detail))

    def fail(self, key: str, problem: str) -> NoReturn:
        self._raise(f"{self.where}, '{key}': {problem}")

    def has(self, key: str) -> bool:
        return key in self.data

    def _get(self, key: str, default: Any) -> Any:
        self._read.add(key)
        if key not in self.data:
            if default is _MISSING:
                self.fail(key, "is missing")
            return default
        return self.data[key]

    def text(self, key: str, default: Any = _MISSING) -> str:
        value = self._get(key, default)
        if not isinstance(value, str):
            self.fail(key, f"must be text in quotes, not {_describe(value)}")
        if default is _MISSING and not value.strip():
            self.fail(key, "is empty")
        return value.strip()

    def optional_text(self, key: str) -> str | None:
        if key not in self.data:
            self._read.add(key)
            return None
        return self.text(key)

    def integer(self, key: str, *, minimum: int | None = None, maximum: int | None = None,
                default: Any = _MISSING) -> int:
        value = self._get(key, default)
        if isinstance(value, bool) or not isinstance(value, int):
            self.fail(key, f"must be a whole number, not {_describe(value)}")
        if (minimum is not None and value < minimum) or (maximum is not None and value > maximum):
            bounds = f"{minimum if minimum is not None else '…'} to {maximum if maximum is not None else '…'}"
            self.fail(key, f"{value} is outside {bounds}")
        return value

    def optional_integer(self, key: str, *, minimum: int | None = None,
                         maximum: int | None = None) -> int | None:
        if key not in self.data:
            self._read.add(key)
            return None
        return self.integer(key, minimum=minimum, maximum=maximum)

    def boolean(self, key: str, default: Any = _MISSING) -> bool:
        value = self._get(key, default)
        if not isinstance(value, bool):
            self.fail(key, f"must be true or false, not {_describe(value)}")
        return value

    def choice(self, key: str, options: Iterable[str], default: Any = _MISSING) -> str:
        allowed = list(options)
        value = self.text(key, default)
        if value not in allowed:
            self.fail(key, f"'{value}' is not one of {', '.join(allowed)}")
        return value

    def text_list(self, key: str, example: str) -> list[str]:
        """A list of texts in quotes (empty when the key is absent)."""
        value = self._get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            self.fail(key, f"must be a list of texts in quotes, e.g. {example}")
        return [v.strip() for v in value]

    def template(self, key: str, fields: set[str]) -> str:
        """Text with {placeholders}; only the named ones may appear."""
        value = self.text(key)
        try:
            used = {name for _, name, _, _ in string.Formatter().parse(value) if name is not None}
        except ValueError as error:
            self.fail(key, f"has an unmatched brace ({error}); write {{{{ or }}}} for a literal brace")
        unknown = used - fields
        if unknown:
            self.fail(key, f"uses {{{sorted(unknown)[0]}}}, but only "
                      f"{', '.join('{' + f + '}' for f in sorted(fields))} can be filled in")
        return value

    def table(self, key: str) -> TableReader:
        self._read.add(key)
        if key not in self.data:
            self._raise(f"the [{key}] table is missing")
        return type(self)(self.data[key], self.source, f"[{key}]")

    def array_of_tables(self, key: str, *, item_key: str, label: str | None = None) -> list[TableReader]:
        self._read.add(key)
        items = self.data.get(key, [])
        if not isinstance(items, list):
            self._raise(f"'{key}' must be written as [[{key}]] tables")
        readers = []
        for number, item in enumerate(items, start=1):
            name = item.get(item_key) if isinstance(item, Mapping) else None
            where = f"{label or key} '{name}'" if isinstance(name, str) else f"[[{key}]] number {number}"
            readers.append(type(self)(item, self.source, where))
        return readers

    def finish(self) -> None:
        unknown = sorted(set(self.data) - self._read)
        if unknown:
            known = ", ".join(sorted(self._read))
            self._raise(f"{self.where}: unknown key '{unknown[0]}' (known keys: {known}); "
                        "check the spelling")


def _describe(value: Any) -> str:
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | float):
        return f"the number {value}"
    if isinstance(value, str):
        return f"the text '{value}'"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, Mapping):
        return "a table"
    return type(value).__name__
