"""Which database to open and how to unlock it: one rule for the command line and the app.

- The app's own file in the data folder (``workbench.db``, or ``demo.db`` with ``--demo``) is
  always encrypted: its key is made (or a plain file converted) the first time it is opened.
- The demo file opens with the keyring, else with the documented demo passphrase: it holds
  synthetic data only, so it never asks.
- Another SQLite file given with ``--database`` (or WORKBENCH_DATABASE, or the setting) is
  encrypted when it already is (its key file is beside it, or it is not plain SQLite);
  otherwise it stays plain, as tests and tools expect.
- PostgreSQL is never encrypted by the workbench (the server is the team's to protect).

Light at import (the app's first paint must not wait for SQLAlchemy or cryptography).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from workbench.settings import Settings, embedded_database_path, resolve_database_url

if TYPE_CHECKING:
    from workbench.encryption import Unlocker
    from workbench.secrets import SecretStore


@dataclass(frozen=True)
class DatabaseChoice:
    url: str
    own_file: bool  # the app's own file in the data folder: always encrypted
    demo: bool  # the demo file (implies own_file)

    @classmethod
    def resolve(cls, explicit: str | None, settings: Settings | None = None, *,
                demo: bool = False, folder: Path | None = None) -> DatabaseChoice:
        """``--database`` beats WORKBENCH_DATABASE beats the setting beats the embedded file."""
        url = resolve_database_url(explicit, settings, demo=demo)
        own_file = url == f"sqlite:///{embedded_database_path(folder, demo=demo)}"
        return cls(url=url, own_file=own_file, demo=own_file and demo)

    @property
    def path(self) -> Path | None:
        """The embedded file behind the URL; None for PostgreSQL and in-memory databases."""
        from workbench.database import embedded_path

        return embedded_path(self.url)

    def unlocker(self, secrets: SecretStore | None,
                 environ: Mapping[str, str] | None = None) -> Unlocker | None:
        """How to open the file: the keyring, then WORKBENCH_PASSPHRASE (None: open it plain).

        The unlocker may still lack a passphrase the file needs: ask
        ``unlocker.needs_passphrase(path)`` before opening, and ask the person for it.
        """
        from workbench.encryption import Unlocker, file_kind
        from workbench.keys import key_file_path

        path = self.path
        if path is None:
            return None
        if self.demo:
            return Unlocker.for_demo(secrets, environ)
        if self.own_file or key_file_path(path).exists() or file_kind(path) == "encrypted":
            return Unlocker.from_environment(secrets, environ)
        return None
