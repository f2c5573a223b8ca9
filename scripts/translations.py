"""The translation catalogues: ``update`` the .ts sources from the code, ``release`` the .qm files.

    python scripts/translations.py update    # after changing user-visible text (commit the .ts)
    python scripts/translations.py release   # the build does this (make setup): .ts -> .qm

``update`` runs ``pyside6-lupdate`` over ``ui``, ``workbench`` and ``db`` (the core's ``translatable()`` is
read as ``QT_TRANSLATE_NOOP``, as is ``N()`` in ``ui/oversight/model.py``, and its
``translatable_plural(context, source, None, n)`` as ``translate``, a plural), keeps every
translation already made, drops the obsolete ones, and writes no line numbers (so that two
people's edits do not conflict in the .ts). In the
en_GB catalogue it then writes the plural forms of every new ``%n`` message from its source
("%n case(s)" -> "%n case" / "%n cases"; also "(es)", "child(ren)", "is/are", "was/were",
"has/have"); a message it cannot derive is listed to be translated by hand (Qt Linguist).
"""

from __future__ import annotations

import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

from workbench.messages import english_plural  # the core renders its own plurals the same way

ROOT = Path(__file__).resolve().parent.parent
FOLDER = ROOT / "ui" / "translations"
LOCALES = ("en_GB",)
SOURCE_FOLDERS = ("ui", "workbench", "db")
# The core's markers, and the oversight tables' N(context, header) for their column headers.
# lupdate's Python reader knows no QT_TRANSLATE_N_NOOP: the core's plural marker is read as
# translate(), which takes the count as its fourth argument.
MARKER_ALIAS = "QT_TRANSLATE_NOOP+=translatable,QT_TRANSLATE_NOOP+=N,translate+=translatable_plural"


def tool(name: str) -> str:
    """pyside6-lupdate / pyside6-lrelease next to this Python (the virtualenv's)."""
    beside = Path(sys.executable).parent / f"pyside6-{name}"
    return str(beside) if beside.exists() else f"pyside6-{name}"


def source_files(root: Path = ROOT) -> list[str]:
    return sorted(str(path.relative_to(root)) for folder in SOURCE_FOLDERS
                  for path in (root / folder).rglob("*.py"))


def run_lupdate(target: Path, locale: str, root: Path = ROOT) -> None:
    subprocess.run([tool("lupdate"), "-silent", "-no-obsolete", "-locations", "none",
                    "-tr-function-alias", MARKER_ALIAS, "-target-language", locale,
                    *source_files(root), "-ts", str(target)], check=True, cwd=root)


def english_forms(source: str) -> tuple[str, str] | None:
    """Both English forms of a ``%n`` source; None when it has no marker but looks plural
    ("%n cases"), which would read "1 cases": such a source wants its "(s)"."""
    forms = english_plural(source)
    if forms is not None:
        return forms
    return None if re.search(r"%n (\w+ )?\w+s\b", source) else (source, source)


def fill_english_plurals(path: Path) -> list[str]:
    """Writes the unfinished plural forms of ``path`` (an English catalogue); returns the
    sources it could not derive."""
    tree = ET.parse(path)
    by_hand = []
    for message in tree.iter("message"):
        if message.get("numerus") != "yes":
            continue
        translation = message.find("translation")
        assert translation is not None
        if translation.get("type") not in ("unfinished", None) or (
                translation.get("type") is None and any((f.text or "") for f in translation)):
            continue
        source = message.findtext("source") or ""
        forms = english_forms(source)
        if forms is None:
            by_hand.append(source)
            continue
        for form in list(translation):
            translation.remove(form)
        for text in forms:
            ET.SubElement(translation, "numerusform").text = text
        translation.attrib.pop("type", None)
    write_ts(tree, path)
    return by_hand


def write_ts(tree: ET.ElementTree, path: Path) -> None:
    ET.indent(tree, space="    ")
    body = ET.tostring(tree.getroot(), encoding="unicode")
    path.write_text('<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n' + body + "\n",
                    encoding="utf-8")


def update(folder: Path = FOLDER) -> int:
    folder.mkdir(parents=True, exist_ok=True)
    missing = []
    for locale in LOCALES:
        path = folder / f"workbench_{locale}.ts"
        run_lupdate(path, locale)
        if locale.startswith("en"):
            missing += [f"{path.name}: {source}" for source in fill_english_plurals(path)]
    for line in missing:
        print(f"translate the plural forms by hand: {line}", file=sys.stderr)
    return 1 if missing else 0


def release(folder: Path = FOLDER) -> int:
    for path in sorted(folder.glob("*.ts")):
        subprocess.run([tool("lrelease"), "-silent", str(path), "-qm", str(path.with_suffix(".qm"))],
                       check=True)
    return 0


def main(argv: list[str]) -> int:
    commands = {"update": update, "release": release}
    if len(argv) != 2 or argv[1] not in commands:
        print(__doc__, file=sys.stderr)
        return 2
    return commands[argv[1]]()


if __name__ == "__main__":
    sys.exit(main(sys.argv))
