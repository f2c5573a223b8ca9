"""A pseudo-translation of the catalogue, and a look for English left untranslated on screen.

Every source text of ``ui/translations/workbench_en_GB.ts`` becomes ``⟦Śóúŕçé téxt⟧``: the same
words with accents, between marks that plain English never has. Placeholders (``%1``, ``%n``),
markup (``<b>``), entities and the letter after a mnemonic ``&`` are kept as they are, so the
app behaves as before. With that catalogue loaded, every text the UI took from the catalogue
carries the marks, and a text shown without them was never translated.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QModelIndex, Qt
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
    QPushButton,
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


class EnglishFinder:
    """Says which shown texts are catalogue English left untranslated."""

    def __init__(self, catalogue_sources: Iterable[str]) -> None:
        patterns = {source: _pattern(source) for source in set(catalogue_sources)}
        self._exact = {_plain(source).casefold() for source in patterns}
        self._patterns = [p for p in patterns.values() if p is not None]

    def is_untranslated(self, text: str) -> bool:
        plain = _plain(text)
        if not plain or OPEN in plain:
            return False
        if plain.casefold() in self._exact:
            return True
        # A source's own words must make most of the text: "Case %1" is not "Case supervision:
        # three columns …" (a question set's title, from the data).
        letters = _letters(plain)
        return any(own * 2 >= letters and pattern.fullmatch(plain) for pattern, own in self._patterns)

    def look(self, window: QWidget) -> list[Untranslated]:
        return [found for found in _shown_texts(window) if self.is_untranslated(found.text)]


def _name(widget: QWidget) -> str:
    return f"{type(widget).__name__}({widget.objectName()})"


def _is_standard_button(button: QAbstractButton) -> bool:
    box = button.parent()
    return (isinstance(box, QDialogButtonBox) and isinstance(button, QPushButton)
            and box.standardButton(button) != QDialogButtonBox.StandardButton.NoButton)


def _shown_texts(window: QWidget) -> Iterator[Untranslated]:
    """The texts a person sees in ``window``: its title, labels, buttons, group titles, tab titles,
    placeholders, menus and their actions, table headers and combo boxes' current texts."""
    yield Untranslated("window title", _name(window), window.windowTitle())
    widgets = [window, *window.findChildren(QWidget)]
    for widget in widgets:
        if widget is not window and not widget.isVisibleTo(window):
            continue
        if isinstance(widget, QLabel):
            yield Untranslated("label", _name(widget), widget.text())
        elif isinstance(widget, QAbstractButton):
            if _is_standard_button(widget):
                continue  # OK, Cancel …: Qt's own words, from Qt's own catalogue (qtbase)
            yield Untranslated("button", _name(widget), widget.text())
            yield Untranslated("tooltip", _name(widget), widget.toolTip())
        elif isinstance(widget, QGroupBox):
            yield Untranslated("group title", _name(widget), widget.title())
        elif isinstance(widget, QLineEdit | QTextEdit):
            yield Untranslated("placeholder", _name(widget), widget.placeholderText())
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
        yield Untranslated("accessible name", _name(widget), widget.accessibleName())
    if isinstance(window, QMainWindow):
        for action in window.menuBar().actions():
            yield from _menu_texts(action.text(), action.menu())


def _menu_texts(title: str, menu: object) -> Iterator[Untranslated]:
    yield Untranslated("menu", "QMenu", title)
    if isinstance(menu, QMenu):
        for action in menu.actions():
            if action.isSeparator():
                continue
            yield Untranslated("menu action", "QAction", action.text())
            yield from ([] if action.menu() is None else _menu_texts(action.text(), action.menu()))
