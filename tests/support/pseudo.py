"""A pseudo-translation of the catalogue, and a look for English left untranslated on screen.

Every source text of ``ui/translations/workbench_en_GB.ts`` becomes ``⟦Śóúŕçé téxt⟧``: the same
words with accents, between marks that plain English never has. Placeholders (``%1``, ``%n``),
markup (``<b>``), entities and the letter after a mnemonic ``&`` are kept as they are, so the
app behaves as before. With that catalogue loaded, every text the UI took from the catalogue
carries the marks, and a text shown without them was never translated.

The finder reads what a person sees (titles, labels, buttons, tabs, menus, table heads and
cells, read-only text boxes, the words drawn in charts) and flags two kinds of text: a
catalogue source shown as it is (the UI forgot to ask the catalogue), and any other English the
program wrote without the catalogue (a label the core built with an f-string). What is left of
a shown text once its marked pieces are taken out must be data: numbers, dates and times,
punctuation, and the strings the program was given rather than wrote (:func:`data_in`: every
string in the database, and the content files a council edits: question sets, audit forms, the
demo's seed).
"""

from __future__ import annotations

import re
import tomllib
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path
from typing import Any

from PySide6.QtCore import QAbstractItemModel, QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QComboBox,
    QDialogButtonBox,
    QGroupBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QPlainTextEdit,
    QPushButton,
    QTabBar,
    QTabWidget,
    QTextEdit,
    QWidget,
)

from ui.i18n import catalogue_source, compile_catalogue

OPEN, CLOSE = "⟦", "⟧"
_ACCENTS = str.maketrans("aceinousyACEINOUSY", "áçéíñóúśýÁÇÉÍÑÓÚŚÝ")
# What a translation must keep as it is: placeholders, markup, entities, a mnemonic's letter.
_KEEP = re.compile(r"%L?\d|%n|<[^>]*>|&[a-zA-Z]+;|&&|&.|\n")


def pseudo(text: str) -> str:
    """``text`` accented between the marks, keeping what the program relies on."""
    pieces, last = [], 0
    for match in _KEEP.finditer(text):
        pieces.append(text[last:match.start()].translate(_ACCENTS))
        pieces.append(match.group(0))
        last = match.end()
    pieces.append(text[last:].translate(_ACCENTS))
    return OPEN + "".join(pieces) + CLOSE


def sources(ts: Path | None = None) -> list[str]:
    """Every source text of the catalogue (with its plural forms, for ``%n`` messages)."""
    tree = ET.parse(ts or catalogue_source())
    found = []
    for message in tree.iter("message"):
        found.append(message.findtext("source") or "")
        found += [form.text or "" for form in message.iter("numerusform")]
    return [text for text in found if text]


def write_pseudo_catalogue(target: Path, ts: Path | None = None) -> Path:
    """The pseudo catalogue compiled to ``target`` (.qm), from the en_GB ``.ts``."""
    tree = ET.parse(ts or catalogue_source())
    tree.getroot().set("language", "en_GB")  # plural rules as English (two forms)
    for message in tree.iter("message"):
        translation = message.find("translation")
        assert translation is not None
        source = message.findtext("source") or ""
        english = [form.text or source for form in translation.iter("numerusform")]
        for child in list(translation):
            translation.remove(child)
        translation.attrib.pop("type", None)
        if message.get("numerus") == "yes":
            for form in english or [source, source]:
                ET.SubElement(translation, "numerusform").text = pseudo(form)
        else:
            translation.text = pseudo(source)
    pseudo_ts = target.with_suffix(".ts")
    tree.write(pseudo_ts, encoding="utf-8", xml_declaration=True)
    compile_catalogue(pseudo_ts, target)
    return target


def _plain(text: str) -> str:
    """A shown text without mnemonics, markup and spacing differences."""
    text = re.sub(r"<[^>]*>", " ", text).replace("&&", "\0").replace("&", "").replace("\0", "&")
    return " ".join(text.split())


def _letters(text: str) -> int:
    return sum(ch.isalpha() for ch in text)


def _pattern(source: str) -> tuple[re.Pattern[str], int] | None:
    """A source as a pattern for shown text (placeholders match anything) with the number of
    its own letters; None for a source with too few of them to recognise ("%1 (%2)")."""
    plain = _plain(source)
    own = _letters(re.sub(r"%L?\d|%n", "", plain))
    if own < 3:
        return None
    parts = re.split(r"(%L?\d|%n)", plain)
    body = "".join(".+?" if re.fullmatch(r"%L?\d|%n", p) else re.escape(p) for p in parts)
    return re.compile(body, re.IGNORECASE | re.DOTALL), own


@dataclass(frozen=True)
class Untranslated:
    where: str  # what kind of text: label, button, tab, menu, window title, header …
    widget: str  # the widget's class and object name
    text: str


_MARKED = re.compile(f"{OPEN}[^{OPEN}{CLOSE}]*{CLOSE}")
# Dates as the app writes them ("03 Mar 2026", "Mar 2026", "November 2026", "2026-03-03"),
# times, numbers (with a sign, a decimal point or a percent), a shortcut.
_NOT_WORDS = re.compile(
    r"\b(?:\d{1,2} )?(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4}\b"
    r"|\b(?:January|February|March|April|May|June|July|August|September|October|November|December)"
    r" \d{4}\b"
    r"|\b\d{4}-\d{2}-\d{2}(?:[ T]\d{2}:\d{2}(?::\d{2})?)?\b|\b\d{1,2}:\d{2}\b"
    r"|[-+−]?\d+(?:[.,]\d+)*%?"
    r"|\b(?:(?:Ctrl|Shift|Alt|Meta)\+)+\S+")  # a shortcut, in Qt's own words (qtbase)
_WORD = re.compile(r"[^\W\d_]{2,}")


class EnglishFinder:
    """Says which shown texts are English the program wrote without the catalogue."""

    def __init__(self, catalogue_sources: Iterable[str], data: Iterable[str] = ()) -> None:
        self._sources = set(catalogue_sources)
        patterns = {source: _pattern(source) for source in self._sources}
        self._exact = {_plain(source).casefold() for source in patterns}
        self._patterns = [p for p in patterns.values() if p is not None]
        self._data = _data_pattern(data)

    def knowing(self, data: Iterable[str]) -> EnglishFinder:
        """This finder, also taking ``data`` (strings the program was given) as no English of its own."""
        return EnglishFinder(self._sources, data)

    def is_untranslated(self, text: str) -> bool:
        """``text`` is (or is built on) a catalogue source, shown without asking the catalogue."""
        plain = _plain(text)
        if not plain or OPEN in plain:
            return False
        if plain.casefold() in self._exact:
            return True
        # A source's own words must make most of the text: "Case %1" is not "Case supervision:
        # three columns …" (a question set's title, from the data).
        letters = _letters(plain)
        return any(own * 2 >= letters and pattern.fullmatch(plain) for pattern, own in self._patterns)

    def words_left(self, text: str) -> list[str]:
        """The words of ``text`` that neither a translation nor the data accounts for."""
        rest = _plain(text)
        while True:  # a marked piece can hold another (a message within a message)
            inner = _MARKED.sub(" ", rest)
            if inner == rest:
                break
            rest = inner
        if self._data is not None:
            rest = self._data.sub(" ", rest)
        return _WORD.findall(_NOT_WORDS.sub(" ", rest))

    def is_data(self, text: str) -> bool:
        """``text`` is, as a whole, one of the data strings (a question set's section title may
        also be a text of the program's own: shown from the data, it is the data's)."""
        plain = " ".join(_plain(text).split())
        return self._data is not None and self._data.fullmatch(plain) is not None

    def is_english(self, text: str) -> bool:
        if self.is_data(text):
            return False
        return self.is_untranslated(text) or bool(self.words_left(text))

    def look(self, window: QWidget) -> list[Untranslated]:
        return [found for found in _shown_texts(window) if self.is_english(found.text)]


def _data_pattern(data: Iterable[str]) -> re.Pattern[str] | None:
    """One pattern for every data string as whole words, the longest first (a name before its
    first name); strings of fewer than two letters are left out (they would rub out words)."""
    texts = {" ".join(text.split()) for text in data}
    texts = sorted((t for t in texts if _letters(t) >= 2), key=len, reverse=True)
    if not texts:
        return None
    return re.compile("|".join(rf"(?<!\w){re.escape(t)}(?!\w)" for t in texts), re.IGNORECASE)


def strings_in(value: Any) -> Iterator[str]:
    """Every string in ``value``: a string, or one inside lists and mappings (their values)."""
    if isinstance(value, str):
        yield value
        yield from value.splitlines()  # a long answer is shown a line at a time, too
    elif isinstance(value, dict):
        for item in value.values():
            yield from strings_in(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from strings_in(item)


def content_strings() -> set[str]:
    """The strings of the content files a council edits (question sets, audit forms, the demo's
    seed and direct-work rules): data to the program, not its own words."""
    found: set[str] = set()
    root = files("resources")
    for folder in (root, root / "question_sets", root / "audit_forms", root / "demo"):
        for item in folder.iterdir():
            if item.name.endswith(".toml"):
                found.update(strings_in(tomllib.loads(item.read_text(encoding="utf-8"))))
    return found


def data_in(db: Any) -> set[str]:
    """Every string stored in the database behind ``db`` (a session factory), and the content
    files' strings: what a screen may show that the program did not write."""
    from sqlalchemy import select

    from db.models import Base

    found = content_strings()
    with db() as session:
        for table in Base.metadata.sorted_tables:
            for row in session.execute(select(table)):
                for value in row:
                    found.update(strings_in(value))
    return found


def _name(widget: QWidget) -> str:
    return f"{type(widget).__name__}({widget.objectName()})"


def _is_standard_button(button: QAbstractButton) -> bool:
    """OK, Cancel …, a tab bar's scroll arrows: Qt's own, named from Qt's own catalogue (qtbase)."""
    if isinstance(button.parent(), QTabBar) and button.objectName() in ("ScrollLeftButton",
                                                                         "ScrollRightButton"):
        return True
    box = button.parent()
    return (isinstance(box, QDialogButtonBox) and isinstance(button, QPushButton)
            and box.standardButton(button) != QDialogButtonBox.StandardButton.NoButton)


def _shown_texts(window: QWidget) -> Iterator[Untranslated]:
    """The texts a person sees in ``window``: its title, labels, buttons, group titles, tab titles,
    placeholders, read-only text boxes (a line at a time), menus and their actions, table headers
    and combo boxes' current texts."""
    yield Untranslated("window title", _name(window), window.windowTitle())
    widgets = [window, *window.findChildren(QWidget)]
    for widget in widgets:
        if widget is not window and not widget.isVisibleTo(window):
            continue
        if isinstance(widget, QLabel):
            yield Untranslated("label", _name(widget), widget.text())
        elif isinstance(widget, QAbstractButton):
            if _is_standard_button(widget):
                continue
            yield Untranslated("button", _name(widget), widget.text())
            yield Untranslated("tooltip", _name(widget), widget.toolTip())
        elif isinstance(widget, QGroupBox):
            yield Untranslated("group title", _name(widget), widget.title())
        elif isinstance(widget, QLineEdit | QTextEdit | QPlainTextEdit):
            yield Untranslated("placeholder", _name(widget), widget.placeholderText())
            if isinstance(widget, QTextEdit | QPlainTextEdit) and widget.isReadOnly():
                # What the program wrote there (a report): a person's own typing is not read.
                for line in widget.toPlainText().splitlines():
                    yield Untranslated("text", _name(widget), line)
        elif isinstance(widget, QComboBox):
            for i in range(widget.count()):
                yield Untranslated("choice", _name(widget), widget.itemText(i))
        if isinstance(widget, QTabWidget):
            for i in range(widget.count()):
                yield Untranslated("tab", _name(widget), widget.tabText(i))
        if (isinstance(widget, QAbstractItemView) and not isinstance(widget, QHeaderView)
                and widget.model() is not None):
            model = widget.model()
            try:
                columns = model.columnCount(QModelIndex())
            except TypeError:  # a list model keeps columnCount to itself: it has no header
                columns = 0
            for section in range(columns):
                header = model.headerData(section, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole)
                if isinstance(header, str):
                    yield Untranslated("header", _name(widget), header)
            yield from _cells(widget, model, max(columns, 1))
        yield Untranslated("accessible name", _name(widget), widget.accessibleName())
        yield from _chart_texts(widget)
    if isinstance(window, QMainWindow):
        for action in window.menuBar().actions():
            yield from _menu_texts(action.text(), action.menu())


def _chart_texts(widget: QWidget) -> Iterator[Untranslated]:
    """The words drawn in a chart (a matplotlib canvas): titles, axis labels, legends, notes."""
    figure = getattr(widget, "figure", None)
    if figure is None or not hasattr(figure, "findobj"):
        return
    from matplotlib.text import Text

    for artist in figure.findobj(Text):
        if artist.get_visible() and artist.get_text():
            yield Untranslated("chart text", _name(widget), artist.get_text())


MAX_ROWS = 60  # of each table or list: what a screen shows at first, and enough to see every kind of cell


def _cells(view: QAbstractItemView, model: QAbstractItemModel, columns: int) -> Iterator[Untranslated]:
    """The texts and tooltips of a view's first rows (and of their children, in a tree)."""
    def rows(parent: QModelIndex, depth: int) -> Iterator[QModelIndex]:
        for row in range(min(model.rowCount(parent), MAX_ROWS)):
            for column in range(columns):
                index = model.index(row, column, parent)
                if index.isValid():
                    yield index
            first = model.index(row, 0, parent)
            if depth < 2 and first.isValid() and model.rowCount(first) > 0:
                yield from rows(first, depth + 1)

    for index in rows(QModelIndex(), 0):
        for where, role in (("cell", Qt.ItemDataRole.DisplayRole),
                            ("cell tooltip", Qt.ItemDataRole.ToolTipRole)):
            value = index.data(role)
            if isinstance(value, str):
                yield Untranslated(where, _name(view), value)


def _menu_texts(title: str, menu: object) -> Iterator[Untranslated]:
    yield Untranslated("menu", "QMenu", title)
    if isinstance(menu, QMenu):
        for action in menu.actions():
            if action.isSeparator():
                continue
            yield Untranslated("menu action", "QAction", action.text())
            yield from ([] if action.menu() is None else _menu_texts(action.text(), action.menu()))
