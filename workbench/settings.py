"""Where the data lives and which database to use; the settings: one declarative registry of
validated values, with a version and the upgrade steps between versions.

- The data (database, keys, backups) lives in the data folder; the settings in the platform's
  config folder (``~/.config/practice-supervision-workbench/settings.json`` on Linux), as a
  desktop app's settings do. ``WORKBENCH_CONFIG_DIR`` overrides it, as ``WORKBENCH_DATA_DIR``
  does the data folder.
- Every setting is a :class:`Setting` in :data:`REGISTRY`: its key, type, default and the check
  its value must pass. A file written by an older version is brought up to
  :data:`SETTINGS_VERSION` by the steps in :data:`UPGRADES`, one version at a time; version 1
  lived in the data folder and is moved.
- A settings file that cannot be used (not UTF-8, not JSON, not a table, a value of the wrong
  type or out of range, far too big) never stops the app: it is renamed aside
  (``settings.json.bad-<date>``), the defaults are used and written, and
  :attr:`Settings.problem` says what was wrong and where the file went, for the app to show.

Light at import: the app reads its settings before its first paint.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
import logging
import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from platformdirs import user_config_path, user_data_path

from workbench.clock import Clock, system_clock
from workbench.files import write_atomically
from workbench.intervals import Interval, PolicyError
from workbench.messages import Joined, message_in, translatable

if TYPE_CHECKING:
    from workbench.oversight.policy import OversightPolicy

APP_NAME = "practice-supervision-workbench"
DATABASE_ENV = "WORKBENCH_DATABASE"
CONFIG_ENV = "WORKBENCH_CONFIG_DIR"
SETTINGS_FILE = "settings.json"
#: A settings file is a few kilobytes even with every window's layout; more is not ours.
MAX_SETTINGS_BYTES = 1_000_000
#: What the window may remember (geometry, splitters, column widths): entries and their size.
MAX_UI_ENTRIES = 500
MAX_UI_VALUE = 20_000

log = logging.getLogger(__name__)

Check = Callable[[Any], str | None]


@dataclass(frozen=True)
class Setting:
    key: str
    type: type
    default: Any
    help: str
    #: What is wrong with a value of the right type (None: nothing).
    check: Check | None = None


class SettingsError(ValueError):
    """Values that cannot be saved; ``problems`` says what is wrong with each, nothing is saved."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__(" ".join(problems))
        self.problems = problems


def _whole_number(low: int, high: int, unit: str) -> Check:
    def check(value: Any) -> str | None:
        if not low <= value <= high:
            return translatable("workbench.settings", "must be from %1 to %2 %3").arg(low, high, unit)
        return None
    return check


def _database_url(value: Any) -> str | None:
    text = str(value)
    if not text:
        return None
    scheme = text.partition("://")[0].lower()
    if (scheme not in ("postgresql", "postgresql+psycopg", "postgres", "sqlite")
            or not text.partition("://")[2] or any(c.isspace() for c in text)):
        # The URL itself is not repeated: it may hold a password.
        return translatable("workbench.settings", "must be empty (the embedded database file) or a "
                                                  "PostgreSQL URL such as postgresql://USER@HOST:5432/DBNAME")
    return None


def _interval(value: Any) -> str | None:
    try:
        Interval.parse(str(value))
    except PolicyError as error:
        return message_in(error)
    return None


def _span(interval: Interval) -> dt.timedelta:
    """How long an interval is from a fixed day: enough to order stages (months vary a little)."""
    start = dt.date(2000, 1, 1)
    return interval.after(start) - start


def _asye_stages(value: Any) -> str | None:
    if len(value) > 10:
        return translatable("workbench.settings", "may have at most 10 stages")
    previous: Interval | None = None
    for number, stage in enumerate(value, start=1):
        if not isinstance(stage, dict) or set(stage) != {"until", "every"} \
                or not all(isinstance(v, str) for v in stage.values()):
            return translatable("workbench.settings", "stage %1 must have 'until' and 'every', each an "
                                                      "interval in words").arg(number)
        try:
            until, every = Interval.parse(stage["until"]), Interval.parse(stage["every"])
        except PolicyError as error:
            return translatable("workbench.settings", "stage %1: %2").arg(number, message_in(error))
        if previous is not None and _span(until) <= _span(previous):
            return translatable("workbench.settings", "stage %1 must end later than stage %2").arg(
                number, number - 1)
        if _span(every) > _span(until):
            return translatable("workbench.settings", "stage %1: the interval (%2) is longer than the "
                                                      "stage (%3)").arg(number, every.text, until.text)
        previous = until
    return None


def _ui_state(value: Any) -> str | None:
    if len(value) > MAX_UI_ENTRIES:
        return translatable("workbench.settings", "may hold at most %1 entries").arg(MAX_UI_ENTRIES)
    if not all(isinstance(k, str) and isinstance(v, str) and len(v) <= MAX_UI_VALUE
               for k, v in value.items()):
        return translatable("workbench.settings", "must map names to short texts")
    return None


DEFAULT_ASYE_STAGES = [{"until": "6 weeks", "every": "weekly"},
                       {"until": "6 months", "every": "fortnightly"}]

# Every setting the app knows, its type, default and check. A change of meaning bumps
# SETTINGS_VERSION and adds a step to UPGRADES.
SETTINGS_VERSION = 2
REGISTRY: dict[str, Setting] = {
    s.key: s
    for s in (
        Setting("database_url", str, "", "SQLAlchemy URL of a shared PostgreSQL server; empty means "
                "the embedded SQLite file in the data folder", _database_url),
        Setting("idle_lock_minutes", int, 15, "lock the app after this many idle minutes; 0 never "
                "locks", _whole_number(0, 24 * 60, translatable("workbench.settings", "minutes"))),
        Setting("backup_interval_hours", int, 24, "scheduled backup interval; 0 turns it off",
                _whole_number(0, 24 * 366, translatable("workbench.settings", "hours"))),
        Setting("supervision_interval", str, "monthly", "how often workers are supervised "
                "(oversight)", _interval),
        Setting("asye_stages", list, DEFAULT_ASYE_STAGES, "newly qualified workers (ASYE): "
                "supervised 'every' until 'until' after their ASYE start", _asye_stages),
        Setting("ui_state", dict, {}, "window size and place, splitters and column widths",
                _ui_state),
    )
}


def _upgrade_1_to_2(values: dict[str, Any]) -> dict[str, Any]:
    """Version 1 (in the data folder) took a negative idle lock or backup interval to mean
    "never"; version 2 says 0 for that and refuses negatives. The supervision policy and the
    window's layout are new, with their defaults."""
    upgraded = dict(values)
    for key in ("idle_lock_minutes", "backup_interval_hours"):
        value = upgraded.get(key)
        if isinstance(value, int) and not isinstance(value, bool) and value < 0:
            upgraded[key] = 0
    return upgraded


#: ``UPGRADES[n]`` turns a version-n file's values into version n + 1's.
UPGRADES: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {1: _upgrade_1_to_2}


def data_dir() -> Path:
    """The user's data folder (only its owner may enter it); WORKBENCH_DATA_DIR overrides it
    (tests, portable installs)."""
    override = os.environ.get("WORKBENCH_DATA_DIR")
    path = Path(override) if override else user_data_path(APP_NAME, appauthor=False)
    return _private_folder(path)


def config_dir() -> Path:
    """The user's config folder, where the settings live (only its owner may enter it);
    WORKBENCH_CONFIG_DIR overrides it."""
    override = os.environ.get(CONFIG_ENV)
    path = Path(override) if override else user_config_path(APP_NAME, appauthor=False)
    return _private_folder(path)


def _private_folder(path: Path) -> Path:
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    if os.name == "posix" and path.stat().st_mode & 0o077:
        path.chmod(0o700)  # made by an older version, or by hand
    return path


def keep_new_files_private() -> None:
    """Everything the workbench creates from now on (database, keys, backups, exports, logs) is
    readable by its owner only: folders 0700, files 0600. Called first thing by every door."""
    if os.name == "posix":
        os.umask(0o077)


@dataclass(frozen=True)
class SettingsProblem:
    """A settings file that could not be used: the defaults are in use instead."""

    path: Path
    reasons: tuple[str, ...]
    #: Where the unusable file was moved (None: it could not be moved and was left alone).
    kept_at: Path | None

    @property
    def message(self) -> str:
        kept = (translatable("workbench.settings", "the file was kept as %1").arg(self.kept_at)
                if self.kept_at is not None
                else translatable("workbench.settings", "nothing was moved or changed"))
        return translatable("workbench.settings", "The settings in %1 could not be used (%2). The workbench "
                                                  "uses its default settings; %3. Set your preferences "
                                                  "again in Edit > Preferences…").arg(
            self.path, Joined("; ", self.reasons), kept)


@dataclass(frozen=True)
class Preferences:
    """What the Preferences dialog edits, typed."""

    database_url: str
    idle_lock_minutes: int
    backup_interval_hours: int
    supervision_interval: str
    #: (until, every) per ASYE stage, in words: ("6 weeks", "weekly").
    asye_stages: tuple[tuple[str, str], ...]


def _describe(value: Any) -> str:
    if isinstance(value, list):
        return translatable("workbench.settings", "a list")
    if isinstance(value, dict):
        return translatable("workbench.settings", "a table")
    if isinstance(value, bool):
        return translatable("workbench.settings", "true/false")
    if isinstance(value, int | float):
        return translatable("workbench.settings", "a number")
    if isinstance(value, str):
        return translatable("workbench.settings", "text")
    return translatable("workbench.settings", "nothing") if value is None else type(value).__name__


def check_value(key: str, value: Any) -> str | None:
    """What is wrong with ``value`` for setting ``key`` (None: it may be saved)."""
    setting = REGISTRY[key]
    if not isinstance(value, setting.type) or (isinstance(value, bool) and setting.type is not bool):
        return translatable("workbench.settings", "%1 must be %2, not %3").arg(
            key, _TYPE_WORDS.get(setting.type, setting.type.__name__), _describe(value))
    if setting.check is not None:
        problem = setting.check(value)
        if problem:
            return translatable("workbench.settings", "%1 %2").arg(key, problem)
    return None


_TYPE_WORDS = {int: translatable("workbench.settings", "a whole number"),
               str: translatable("workbench.settings", "text"),
               list: translatable("workbench.settings", "a list"),
               dict: translatable("workbench.settings", "a table")}


def _unreadable(error: OSError) -> str:
    return translatable("workbench.settings", "it could not be read: %1").arg(error.strerror or error)


def _read(path: Path) -> tuple[dict[str, Any], list[str], bool]:
    """The file's values brought up to this version, what makes it unusable (if anything), and
    whether it was upgraded."""
    try:
        size = path.stat().st_size
        if size > MAX_SETTINGS_BYTES:
            return {}, [translatable("workbench.settings", "it is %1 bytes long, far more than settings "
                                                           "ever take").arg(f"{size:,}")], False
        raw = path.read_bytes()
    except OSError as error:
        return {}, [_unreadable(error)], False
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return {}, [translatable("workbench.settings", "it is not UTF-8 text")], False
    try:
        values = json.loads(text)
    except json.JSONDecodeError as error:
        return {}, [translatable("workbench.settings", "it is not valid JSON (line %1, column %2: %3)")
                    .arg(error.lineno, error.colno, error.msg)], False
    except RecursionError:
        return {}, [translatable("workbench.settings", "it is nested too deeply to be settings")], False
    if not isinstance(values, dict):
        return {}, [translatable("workbench.settings", "it holds %1 instead of a table of settings")
                    .arg(_describe(values))], False
    version = values.get("settings_version", 1)
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        return {}, [translatable("workbench.settings", "its settings_version is not a version number")], False
    for step in range(version, SETTINGS_VERSION):
        values = UPGRADES[step](values)
        log.info("settings upgraded from version %d to %d", step, step + 1)
    values["settings_version"] = max(version, SETTINGS_VERSION)  # a newer app's file keeps its own
    problems = [p for key in REGISTRY if key in values
                if (p := check_value(key, values[key])) is not None]
    return values, problems, version < SETTINGS_VERSION


def _bad_name(path: Path, now: dt.datetime) -> Path:
    stem = f"{path.name}.bad-{now:%Y%m%d-%H%M%S}"
    candidate, number = path.with_name(stem), 1
    while candidate.exists():
        number += 1
        candidate = path.with_name(f"{stem}-{number}")
    return candidate


class Settings:
    """The settings in one JSON file; unknown keys are kept, bad values refused.

    ``Settings(path)`` reads ``path`` (an unusable file is moved aside and replaced by the
    defaults: see :attr:`problem`); :meth:`load` finds the file in the config folder."""

    def __init__(self, path: Path, *, clock: Clock = system_clock) -> None:
        self.path = path
        self.problem: SettingsProblem | None = None
        self._values: dict[str, Any] = {}
        try:
            if not path.exists():
                return
        except OSError as error:
            self.problem = SettingsProblem(path, (_unreadable(error),), None)
            return
        values, problems, upgraded = _read(path)
        if not problems:
            self._values = values
            if upgraded:
                self._save_if_possible()  # written in this version's form
            return
        kept_at: Path | None = _bad_name(path, clock().astimezone())
        try:
            path.rename(kept_at)  # type: ignore[arg-type]
        except OSError:
            kept_at = None
        self.problem = SettingsProblem(path, tuple(problems), kept_at)
        log.warning("settings file unusable, defaults used: %s", "; ".join(problems))
        if kept_at is not None:
            self._save_if_possible()

    @classmethod
    def load(cls, folder: Path | None = None, *, clock: Clock = system_clock) -> Settings:
        """The settings in ``folder`` (default: the config folder). A version-1 file still in
        the data folder is moved here first (upgraded; the old one renamed ``.old``). Never
        raises: a folder that cannot be made leaves the defaults in use, said in ``problem``."""
        try:
            path = (folder or config_dir()) / SETTINGS_FILE
            old = data_dir() / SETTINGS_FILE if folder is None and not path.exists() else None
        except OSError as error:
            where = Path(os.environ.get(CONFIG_ENV) or user_config_path(APP_NAME, appauthor=False))
            settings = cls(where / SETTINGS_FILE, clock=clock)
            settings.problem = SettingsProblem(
                settings.path, (translatable("workbench.settings", "its folder could not be made: %1")
                                .arg(error.strerror or error),), None)
            return settings
        if old is not None and old.is_file():
            settings = cls(old, clock=clock)
            if settings.problem is not None:
                return settings
            try:
                settings.path = path
                settings._save()
                old.rename(old.with_name(SETTINGS_FILE + ".old"))
            except OSError as error:  # used where it is; moved next time
                log.warning("settings not moved to the config folder: %s", error)
                settings.path = old
                return settings
            log.info("settings moved from the data folder to the config folder")
        return cls(path, clock=clock)

    def _save_if_possible(self) -> None:
        """Write now if the disk lets us: a file that cannot be written is no reason not to
        start (the values are in use; the next save from Preferences says what is wrong)."""
        try:
            self._save()
        except OSError as error:
            log.warning("settings not written: %s", error)

    def get(self, key: str) -> Any:
        """The setting's value (a copy), or its default."""
        setting = REGISTRY[key]
        return copy.deepcopy(self._values.get(key, setting.default))

    def set(self, key: str, value: Any) -> None:
        """Check and save one value (SettingsError: nothing saved)."""
        self.update({key: value})

    def update(self, changes: Mapping[str, Any]) -> None:
        """Check every value, then save them together (SettingsError: nothing saved)."""
        problems = [p for key, value in changes.items() if (p := check_value(key, value)) is not None]
        if problems:
            raise SettingsError(problems)
        values = {**self._values, **copy.deepcopy(dict(changes))}
        self._save(values)  # OSError: nothing changed, in the file or here
        self._values = values

    def _save(self, values: dict[str, Any] | None = None) -> None:
        values = self._values if values is None else values
        values["settings_version"] = max(SETTINGS_VERSION, values.get("settings_version", 0))
        data = json.dumps(values, indent=2, ensure_ascii=False, sort_keys=True)
        write_atomically(self.path, (data + "\n").encode("utf-8"))

    # -- typed views -----------------------------------------------------------------------
    def preferences(self) -> Preferences:
        return Preferences(
            database_url=self.get("database_url"),
            idle_lock_minutes=self.get("idle_lock_minutes"),
            backup_interval_hours=self.get("backup_interval_hours"),
            supervision_interval=self.get("supervision_interval"),
            asye_stages=tuple((s["until"], s["every"]) for s in self.get("asye_stages")),
        )

    def save_preferences(self, preferences: Preferences) -> None:
        """Check and save what the Preferences dialog edits (SettingsError: nothing saved).
        Intervals are saved in the words they read back in ("6 weeks", "fortnightly")."""
        def words(text: str) -> str:
            try:
                return Interval.parse(text).text
            except PolicyError:
                return text  # the check below names it
        self.update({
            "database_url": preferences.database_url.strip(),
            "idle_lock_minutes": preferences.idle_lock_minutes,
            "backup_interval_hours": preferences.backup_interval_hours,
            "supervision_interval": words(preferences.supervision_interval),
            "asye_stages": [{"until": words(until), "every": words(every)}
                            for until, every in preferences.asye_stages],
        })

    def oversight_policy(self) -> OversightPolicy:
        """The supervision policy these settings hold (the rest of the policy at its defaults)."""
        from workbench.oversight.policy import DEFAULT_POLICY, Stage

        return replace(
            DEFAULT_POLICY, supervision=Interval.parse(self.get("supervision_interval")),
            asye_stages=tuple(Stage(until=Interval.parse(s["until"]), every=Interval.parse(s["every"]))
                              for s in self.get("asye_stages")),
            source=f"settings ({self.path})")

    def ui_state(self, key: str) -> str | None:
        """What the window remembered under ``key`` (geometry, a splitter, a table's columns)."""
        value = self.get("ui_state").get(key)
        return value if isinstance(value, str) else None

    def remember_ui_state(self, state: Mapping[str, str]) -> None:
        """Add (replace) remembered window layout; saved at once."""
        merged = {**self.get("ui_state"), **state}
        if len(merged) > MAX_UI_ENTRIES:  # forget the oldest rather than refuse to remember
            merged = dict(list(merged.items())[-MAX_UI_ENTRIES:])
        self.update({"ui_state": {k: v for k, v in merged.items() if len(v) <= MAX_UI_VALUE}})


def embedded_database_path(folder: Path | None = None, *, demo: bool = False) -> Path:
    return (folder or data_dir()) / ("demo.db" if demo else "workbench.db")


def resolve_database_url(explicit: str | None, settings: Settings | None = None,
                         *, demo: bool = False) -> str:
    """--database beats WORKBENCH_DATABASE beats the setting beats the embedded file."""
    if explicit:
        return explicit
    if os.environ.get(DATABASE_ENV):
        return os.environ[DATABASE_ENV]
    if settings is not None and settings.get("database_url"):
        return str(settings.get("database_url"))
    return f"sqlite:///{embedded_database_path(demo=demo)}"
