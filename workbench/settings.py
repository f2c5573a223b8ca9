"""Where the data lives and which database to use: one declarative registry of settings."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from platformdirs import user_data_path

APP_NAME = "practice-supervision-workbench"
DATABASE_ENV = "WORKBENCH_DATABASE"


@dataclass(frozen=True)
class Setting:
    key: str
    type: type
    default: Any
    help: str


# Every setting the app knows, its type and default. Upgrades bump SETTINGS_VERSION.
SETTINGS_VERSION = 1
REGISTRY: dict[str, Setting] = {
    s.key: s
    for s in (
        Setting("database_url", str, "", "SQLAlchemy URL of a shared PostgreSQL server; empty means "
                "the embedded SQLite file in the data folder"),
        Setting("idle_lock_minutes", int, 15, "lock the app after this many idle minutes"),
        Setting("backup_interval_hours", int, 24, "scheduled backup interval; 0 turns it off"),
    )
}


def data_dir() -> Path:
    """The user's data folder (only its owner may enter it); WORKBENCH_DATA_DIR overrides it
    (tests, portable installs)."""
    override = os.environ.get("WORKBENCH_DATA_DIR")
    path = Path(override) if override else user_data_path(APP_NAME, appauthor=False)
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    if os.name == "posix" and path.stat().st_mode & 0o077:
        path.chmod(0o700)  # made by an older version, or by hand
    return path


def keep_new_files_private() -> None:
    """Everything the workbench creates from now on (database, keys, backups, exports, logs) is
    readable by its owner only: folders 0700, files 0600. Called first thing by every door."""
    if os.name == "posix":
        os.umask(0o077)


class Settings:
    """Settings stored as JSON beside the data; unknown keys are kept, bad values refused."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._values: dict[str, Any] = {}
        if path.exists():
            self._values = json.loads(path.read_text(encoding="utf-8"))

    @classmethod
    def load(cls, folder: Path | None = None) -> Settings:
        return cls((folder or data_dir()) / "settings.json")

    def get(self, key: str) -> Any:
        setting = REGISTRY[key]
        value = self._values.get(key, setting.default)
        return value if isinstance(value, setting.type) else setting.default

    def set(self, key: str, value: Any) -> None:
        setting = REGISTRY[key]
        if not isinstance(value, setting.type):
            raise TypeError(f"setting {key} must be {setting.type.__name__}")
        self._values[key] = value
        self._values["settings_version"] = SETTINGS_VERSION
        tmp = self.path.with_suffix(".tmp")
        tmp.write_text(json.dumps(self._values, indent=2), encoding="utf-8")
        tmp.replace(self.path)


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
