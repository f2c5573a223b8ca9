"""Translations: Qt's own pipeline, in one place.

- The sources are ``ui/translations/workbench_<locale>.ts``, written by ``pyside6-lupdate`` from
  every ``tr()``/``translate()`` in ``ui`` and every ``translatable()`` in the core (and ``db``)
  (``python scripts/translations.py update``); ``pyside6-lrelease`` compiles them into ``.qm``
  files in the build (``make setup``), which are not committed. If the ``.qm`` is missing at
  start (a fresh checkout run without make), :func:`install_translator` compiles it first.
- The app starts in :data:`LOCALE` (British English). The English in the code is the source
  text; the en_GB catalogue gives it its plural forms (``tr("%n case(s)", "", n)`` reads
  "1 case", "2 cases") and is where a wording can be changed without touching the code.
- What varies in a message is a ``%1``, ``%2`` … filled in by :func:`arg` (in one pass, as
  QString::arg does), never pasted into the English, so a translation can move it.
- Messages the core writes are :class:`workbench.messages.Message` objects; :func:`translated`
  looks them up in the catalogue under their context (with their count, for a ``%n`` plural)
  and fills in their arguments.

Plurals go through :func:`translate` with an explicit context, not ``self.tr``: PySide's ``tr``
looks the text up under each class of the instance's MRO and stops at the first result that
differs from the source, which a ``%n`` substitution always does, so a subclass would never
reach its base class's plural forms.
"""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from workbench.messages import Joined, Message, substitute

log = logging.getLogger(__name__)

LOCALE = "en_GB"
CATALOGUE_NAME = "workbench"


def arg(template: str, *values: object) -> str:
    """``template`` (already translated) with ``%1`` … ``%9`` filled in by ``values``."""
    return substitute(template, values)


def translate(context: str, source: str, disambiguation: str | None = None, n: int = -1) -> str:
    """QCoreApplication.translate by a name lupdate reads; ``n`` picks the plural form of ``%n``."""
    return QCoreApplication.translate(context, source, disambiguation, n)


def translated(text: str) -> str:
    """``text`` in the user's language when it is a core :class:`Message` (its arguments, when
    they are messages too, translated as well) or :class:`Joined` messages; any other text as
    it is."""
    if isinstance(text, Joined):
        return text.separator.join(translated(part) for part in text.parts)
    if not isinstance(text, Message):
        return str(text)
    values = tuple(translated(value) if isinstance(value, Message | Joined) else value
                   for value in text.args)
    return substitute(QCoreApplication.translate(text.context, text.source, None, text.n), values)


def message_of(error: BaseException) -> str:
    """The message an exception carries for the user, translated when the core marked it."""
    first = error.args[0] if len(error.args) == 1 else None
    if isinstance(first, Message):
        return translated(first)
    return str(error)


def catalogue_folder() -> Path:
    return Path(__file__).resolve().parent / "translations"


def catalogue_source(locale: str = LOCALE) -> Path:
    return catalogue_folder() / f"{CATALOGUE_NAME}_{locale}.ts"


def compiled_catalogue(locale: str = LOCALE) -> Path:
    return catalogue_folder() / f"{CATALOGUE_NAME}_{locale}.qm"


def lrelease_command() -> list[str] | None:
    """How to run lrelease here: the PySide6 wheel's own binary, else one on the PATH."""
    import shutil

    import PySide6

    for candidate in (Path(PySide6.__file__).parent / "lrelease",
                      Path(PySide6.__file__).parent / "lrelease.exe",
                      Path(sys.executable).parent / "pyside6-lrelease"):
        if candidate.is_file():
            return [str(candidate)]
    found = shutil.which("pyside6-lrelease") or shutil.which("lrelease")
    return [found] if found else None


def compile_catalogue(source: Path, target: Path) -> None:
    """``pyside6-lrelease source -qm target``; raises when it cannot be done. The file appears
    whole or not at all (two processes starting at once may both compile it)."""
    import subprocess  # only when compiling: not paid at every start

    command = lrelease_command()
    if command is None:
        raise FileNotFoundError("pyside6-lrelease was not found: install PySide6")
    partial = target.with_name(f"{target.name}.{os.getpid()}.part")
    try:
        done = subprocess.run([*command, "-silent", str(source), "-qm", str(partial)], check=False)
        if done.returncode != 0:
            raise OSError(f"pyside6-lrelease could not compile {source} (exit status {done.returncode})")
        os.replace(partial, target)
    finally:
        partial.unlink(missing_ok=True)


def ensure_compiled(locale: str = LOCALE) -> Path:
    """The compiled catalogue, compiled from its ``.ts`` first when it is missing or older.

    A built app (a PyInstaller bundle) ships only the compiled catalogue and no lrelease: it is
    used as it is. Where a stale catalogue cannot be recompiled, the one there is used (logged)
    rather than none: its plural forms are still right for every text it knows."""
    source, target = catalogue_source(locale), compiled_catalogue(locale)
    if getattr(sys, "frozen", False):
        return target
    if source.is_file() and (not target.is_file() or target.stat().st_mtime < source.stat().st_mtime):
        try:
            compile_catalogue(source, target)
        except OSError as error:
            if not target.is_file():
                raise
            log.warning("the %s catalogue could not be recompiled, using the one there is: %s",
                        locale, error)
    return target


def install_translator(app: QCoreApplication, locale: str = LOCALE,
                       catalogue: Path | None = None) -> QTranslator | None:
    """Loads the catalogue for ``locale`` (or ``catalogue``) into ``app``; None (logged) when it
    cannot be had: the app then shows its source English, with "(s)" plurals."""
    try:
        path = catalogue if catalogue is not None else ensure_compiled(locale)
    except OSError as error:
        log.warning("the %s catalogue could not be compiled: %s", locale, error)
        return None
    translator = QTranslator(app)
    if not translator.load(str(path)):
        log.warning("no translation catalogue could be loaded from %s", path)
        return None
    app.installTranslator(translator)
    log.info("translations: %s from %s", locale, path)
    # Qt's own words (OK, Cancel, a text field's context menu) from Qt's own catalogue.
    qt_words = QTranslator(app)
    if qt_words.load(QLocale(locale), "qtbase", "_",
                     QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(qt_words)
    return translator
