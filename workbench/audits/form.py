"""Audit forms: versioned data, like question sets, checked when they load.

Files live in ``resources/audit_forms/`` and are named ``{key}-v{version}.toml``: a ``[form]``
table (key, version, title, applies_to, description) and ``[[items]]`` (key, title, guidance).
A change of wording is a new version, so audits already made keep the form they used (each audit
keeps a snapshot, :class:`db.models.AuditFormVersion`).
"""

from __future__ import annotations

import hashlib
import json
import re
import tomllib
from dataclasses import dataclass
from importlib.resources import files
from typing import Any, NoReturn

from workbench.messages import translatable
from workbench.supervision.question_set_reader import TableReader

DEFAULT_FORM = "case-supervision"
_KEY = re.compile(r"^[a-z][a-z0-9_]{0,63}$")
_FILE = re.compile(r"^(?P<key>[a-z][a-z0-9-]*)-v(?P<version>[0-9]+)\.toml$")


class AuditFormError(ValueError):
    """An audit form file is wrong; the message names the file, the place and the problem."""


class _FormReader(TableReader):
    def _raise(self, detail: str) -> NoReturn:
        raise AuditFormError(translatable("workbench.audits", "Audit form %1, %2. Correct it and load the "
                                                              "form again.").arg(self.source, detail))


@dataclass(frozen=True)
class AuditItem:
    key: str
    title: str
    guidance: str


@dataclass(frozen=True)
class AuditForm:
    key: str
    version: int
    title: str
    applies_to: str
    description: str
    items: tuple[AuditItem, ...]

    def item(self, key: str) -> AuditItem:
        for item in self.items:
            if item.key == key:
                return item
        raise KeyError(key)

    def content(self) -> dict[str, Any]:
        """The form as plain data (what an audit keeps a snapshot of)."""
        return {"key": self.key, "version": self.version, "title": self.title,
                "applies_to": self.applies_to, "description": self.description,
                "items": [{"key": i.key, "title": i.title, "guidance": i.guidance}
                          for i in self.items]}

    def sha256(self) -> str:
        return hashlib.sha256(json.dumps(self.content(), sort_keys=True,
                                         ensure_ascii=False).encode("utf-8")).hexdigest()


def parse_form(text: str, *, source: str) -> AuditForm:
    """The form in ``text`` (TOML), checked: AuditFormError names ``source`` and the problem."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise AuditFormError(translatable("workbench.audits", "Audit form %1 is not valid TOML (%2). Correct "
                                                              "it and load the form again.")
                             .arg(source, error)) from error
    top = _FormReader(data, source, "the file")
    head = top.table("form")
    key = head.text("key")
    if not re.fullmatch(r"[a-z][a-z0-9-]*", key):
        head.fail("key", "must be lower-case letters, digits and hyphens")
    version = head.integer("version", minimum=1)
    form = AuditForm(key=key, version=version, title=head.text("title"),
                     applies_to=head.text("applies_to"), description=head.text("description", ""),
                     items=())
    head.finish()
    items: list[AuditItem] = []
    seen: set[str] = set()
    for reader in top.array_of_tables("items", item_key="key", label="item"):
        item_key = reader.text("key")
        if not _KEY.fullmatch(item_key):
            reader.fail("key", "must be lower-case letters, digits and underscores (at most 64)")
        if item_key in seen:
            reader.fail("key", "is used by an earlier item; each item needs its own key")
        seen.add(item_key)
        items.append(AuditItem(key=item_key, title=reader.text("title"),
                               guidance=reader.text("guidance", "")))
        reader.finish()
    if not items:
        top.fail("items", "the form has no [[items]]; add at least one")
    top.finish()
    return AuditForm(form.key, form.version, form.title, form.applies_to, form.description,
                     tuple(items))


def form_from_content(content: dict[str, Any]) -> AuditForm:
    """A form back from the snapshot an audit kept (:meth:`AuditForm.content`)."""
    return AuditForm(key=content["key"], version=int(content["version"]), title=content["title"],
                     applies_to=content["applies_to"], description=content["description"],
                     items=tuple(AuditItem(i["key"], i["title"], i["guidance"])
                                 for i in content["items"]))


def shipped_forms() -> dict[tuple[str, int], AuditForm]:
    """Every form shipped in ``resources/audit_forms``, by (key, version), each checked."""
    found: dict[tuple[str, int], AuditForm] = {}
    for entry in files("resources").joinpath("audit_forms").iterdir():
        match = _FILE.match(entry.name)
        if match is None:
            continue
        form = parse_form(entry.read_text(encoding="utf-8"), source=entry.name)
        if (form.key, form.version) != (match["key"], int(match["version"])):
            raise AuditFormError(translatable(
                    "workbench.audits", "Audit form %1, [form]: key and version say %2-v%3; rename the file "
                                        "or correct them.").arg(entry.name, form.key, form.version))
        found[(form.key, form.version)] = form
    return found


def latest_form(key: str = DEFAULT_FORM) -> AuditForm:
    """The newest shipped version of form ``key``."""
    versions = [form for (k, _v), form in shipped_forms().items() if k == key]
    if not versions:
        raise AuditFormError(translatable("workbench.audits", "No audit form '%1' is installed; reinstall "
                                                              "the workbench.").arg(key))
    return max(versions, key=lambda f: f.version)
